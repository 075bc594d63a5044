//! Blocks: the typed union of everything an article body can hold. A block of an
//! unknown type, or one that does not decode, becomes [`Block::Unsupported`] with
//! its reason, and the view skips it.

use super::rich_text::RichText;
use super::social::Social;
use super::tolerant::{decode_value, Rejection};
use super::values::MediaUrl;
use serde::{Deserialize, Deserializer};
use std::num::NonZeroU32;

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Heading(Heading),
    Quote(Quote),
    Image(Image),
    Video(Video),
    Poster(Poster),
    /// A post on a social platform, shown as a facade until the reader asks.
    Social(Social),
    List(List),
    Divider,
    /// Kept so that the fault can be reported with its path; never rendered.
    Unsupported {
        type_name: Option<String>,
        rejection: Rejection,
    },
}

/// The block types this app reads, in the contract's order.
pub const KNOWN_BLOCK_TYPES: [&str; 9] = [
    "paragraph",
    "heading",
    "quote",
    "image",
    "video",
    "poster",
    "social",
    "list",
    "divider",
];

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Paragraph {
    pub text: RichText,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HeadingLevel {
    #[default]
    Section,
    Subsection,
}

impl<'de> Deserialize<'de> for HeadingLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u64::deserialize(deserializer)? {
            2 => Ok(HeadingLevel::Section),
            3 => Ok(HeadingLevel::Subsection),
            other => Err(serde::de::Error::custom(format!(
                "expected 2 or 3, found {other}"
            ))),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Heading {
    pub text: String,
    #[serde(default)]
    pub level: HeadingLevel,
    /// The fragment id that links to this heading, unique within its article.
    #[serde(skip)]
    pub anchor: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Quote {
    pub text: RichText,
    #[serde(default)]
    pub attribution: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Image {
    pub src: MediaUrl,
    pub alt: String,
    pub width: NonZeroU32,
    pub height: NonZeroU32,
    #[serde(default)]
    pub caption: Option<RichText>,
    #[serde(default)]
    pub credit: Option<String>,
    #[serde(default, deserialize_with = "srcset")]
    pub srcset: Option<String>,
    /// The same picture in other encodings (AVIF, WebP), best first.
    #[serde(default, deserialize_with = "sources")]
    pub sources: Vec<PictureSource>,
}

/// One other encoding of a picture, as `<picture>` offers it: the browser
/// takes the first whose `type` it can decode, at the width it needs from
/// the `srcset`, and the picture's own `src` when it can decode none.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PictureSource {
    /// A MIME type, `image/avif` or `image/webp`.
    #[serde(rename = "type")]
    pub media_type: String,
    pub srcset: String,
}

impl PictureSource {
    /// An image type and a srcset whose every candidate is an allowed media
    /// URL; anything else a browser could not use, or should not fetch.
    fn is_usable(&self) -> bool {
        self.media_type.starts_with("image/")
            && !self.media_type.contains(['"', '<', '>'])
            && srcset_is_allowed(&self.srcset)
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TextTrack {
    pub src: MediaUrl,
    #[serde(default)]
    pub srclang: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub default: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Video {
    pub src: MediaUrl,
    #[serde(default)]
    pub poster: Option<MediaUrl>,
    #[serde(default)]
    pub caption: Option<RichText>,
    #[serde(default)]
    pub credit: Option<String>,
    #[serde(default)]
    pub width: Option<NonZeroU32>,
    #[serde(default)]
    pub height: Option<NonZeroU32>,
    #[serde(default)]
    pub tracks: Vec<TextTrack>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Poster {
    pub src: MediaUrl,
    pub alt: String,
    pub width: NonZeroU32,
    pub height: NonZeroU32,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
    #[serde(default, deserialize_with = "srcset")]
    pub srcset: Option<String>,
    #[serde(default, deserialize_with = "sources")]
    pub sources: Vec<PictureSource>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct List {
    #[serde(default)]
    pub ordered: bool,
    pub items: Vec<RichText>,
}

/// A `srcset` whose every candidate URL is an allowed media URL.
fn srcset<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let Some(raw) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    if srcset_is_allowed(&raw) {
        Ok(Some(raw))
    } else {
        Err(serde::de::Error::custom(
            "a srcset candidate is not an http, https or relative URL",
        ))
    }
}

fn srcset_is_allowed(srcset: &str) -> bool {
    srcset
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
        .all(|url| MediaUrl::parse(url).is_some())
}

/// A picture's other encodings, without those a browser could not use: a
/// wrong one costs the reader nothing but the better encoding, never the
/// picture.
fn sources<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<PictureSource>, D::Error> {
    let listed = Option::<Vec<serde_json::Value>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(listed
        .into_iter()
        .filter_map(|source| serde_json::from_value::<PictureSource>(source).ok())
        .filter(PictureSource::is_usable)
        .collect())
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(Block::from_value(value))
    }
}

impl Block {
    fn from_value(value: serde_json::Value) -> Block {
        let type_name = match value.get("type") {
            Some(serde_json::Value::String(name)) => name.clone(),
            Some(_) => {
                return Block::unsupported(
                    None,
                    Rejection {
                        path: "type".into(),
                        reason: "expected a string".into(),
                    },
                )
            }
            None if value.is_object() => {
                return Block::unsupported(
                    None,
                    Rejection {
                        path: "type".into(),
                        reason: "required field is missing".into(),
                    },
                )
            }
            None => return Block::unsupported(None, Rejection::whole("expected a block object")),
        };
        let decoded = match type_name.as_str() {
            "paragraph" => decode_value(value).map(Block::Paragraph),
            "heading" => decode_value(value).map(Block::Heading),
            "quote" => decode_value(value).map(Block::Quote),
            "image" => decode_value(value).map(Block::Image),
            "video" => decode_value(value).map(Block::Video),
            "poster" => decode_value(value).map(Block::Poster),
            "social" => Social::from_value(value).map(Block::Social),
            "list" => decode_value(value).map(Block::List),
            "divider" => Ok(Block::Divider),
            other => Err(Rejection::whole(format!("unknown block type {other:?}"))),
        };
        decoded.unwrap_or_else(|rejection| Block::unsupported(Some(type_name), rejection))
    }

    fn unsupported(type_name: Option<String>, rejection: Rejection) -> Block {
        Block::Unsupported {
            type_name,
            rejection,
        }
    }

    pub fn is_supported(&self) -> bool {
        !matches!(self, Block::Unsupported { .. })
    }
}
