//! Rich text: a plain string or an array of spans (text, bold, italic, href).
//! Text is only ever text; a link whose scheme is not allowed becomes plain text.

use super::values::LinkUrl;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub link: Option<LinkUrl>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RichText(pub Vec<Span>);

impl RichText {
    pub fn spans(&self) -> &[Span] {
        &self.0
    }

    /// The words without their formatting: for reading time, share text, search.
    pub fn plain_text(&self) -> String {
        self.0.iter().map(|span| span.text.as_str()).collect()
    }

    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|span| span.text.trim().is_empty())
    }
}

/// A span object as the CMS writes it.
#[derive(Deserialize)]
struct SpanObject {
    text: String,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    href: Option<String>,
}

/// One element of a span array: a bare string or a span object.
struct SpanElement(Span);

impl<'de> Deserialize<'de> for SpanElement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpanVisitor;
        impl<'de> Visitor<'de> for SpanVisitor {
            type Value = SpanElement;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a span object with \"text\"")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<SpanElement, E> {
                Ok(SpanElement(Span::plain(text)))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<SpanElement, A::Error> {
                let object = SpanObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(SpanElement(Span {
                    text: object.text,
                    bold: object.bold,
                    italic: object.italic,
                    link: object.href.as_deref().and_then(LinkUrl::parse),
                }))
            }
        }
        deserializer.deserialize_any(SpanVisitor)
    }
}

impl<'de> Deserialize<'de> for RichText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RichTextVisitor;
        impl<'de> Visitor<'de> for RichTextVisitor {
            type Value = RichText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array of spans")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RichText, E> {
                Ok(RichText(vec![Span::plain(text)]))
            }
            /// A lone span object is unambiguous, so it is read rather than refused.
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RichText, A::Error> {
                let SpanElement(span) =
                    SpanElement::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RichText(vec![span]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RichText, A::Error> {
                let mut spans = Vec::new();
                while let Some(SpanElement(span)) = seq.next_element()? {
                    spans.push(span);
                }
                Ok(RichText(spans))
            }
        }
        deserializer.deserialize_any(RichTextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_and_span_arrays() {
        let text: RichText = serde_json::from_str(
            r#"["Plain, ", {"text": "bold", "bold": true}, {"text": "link", "href": "https://example.com"}]"#,
        )
        .unwrap();
        assert_eq!(text.plain_text(), "Plain, boldlink");
        assert!(text.spans()[1].bold);
        assert_eq!(
            text.spans()[2].link.as_ref().unwrap().as_str(),
            "https://example.com"
        );
    }

    #[test]
    fn unsafe_links_become_plain_text() {
        let text: RichText =
            serde_json::from_str(r#"[{"text": "click", "href": "javascript:alert(1)"}]"#).unwrap();
        assert_eq!(text.spans()[0].link, None);
        assert_eq!(text.plain_text(), "click");
    }

    #[test]
    fn markup_stays_text() {
        let text: RichText = serde_json::from_str(r#""<script>alert(1)</script>""#).unwrap();
        assert_eq!(text.plain_text(), "<script>alert(1)</script>");
    }

    #[test]
    fn numbers_are_refused_with_a_clear_expectation() {
        let error = serde_json::from_str::<RichText>("42")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("expected a string or an array of spans"),
            "{error}"
        );
    }
}
