//! Checked values of the contract: article ids, link and media URLs, timestamps.
//! Each is a newtype that can only hold what the contract allows, so the views
//! never have to re-check a string before putting it into an attribute.

use serde::{Deserialize, Deserializer};
use std::fmt;

/// An article id: `[a-z0-9-]{1,128}`. Safe to put in a URL path as it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArticleId(String);

impl ArticleId {
    pub fn parse(candidate: &str) -> Result<Self, String> {
        let well_formed = (1..=128).contains(&candidate.len())
            && candidate
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if well_formed {
            Ok(ArticleId(candidate.to_owned()))
        } else {
            Err(format!(
                "{candidate:?} is not an article id (1 to 128 of a-z, 0-9 and -)"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The scheme of a URL, lower-cased, or `None` for a relative URL.
fn scheme_of(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let is_scheme = candidate
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A colon after the first slash, `?` or `#` belongs to the path, not to a scheme.
    let before_path = !candidate.contains(['/', '?', '#']);
    (is_scheme && before_path).then(|| candidate.to_ascii_lowercase())
}

/// Browsers ignore ASCII whitespace and control characters inside a scheme
/// (`java\tscript:`), so they must be ignored when it is checked, too.
fn without_ignorable_characters(url: &str) -> String {
    url.trim()
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_ascii_whitespace())
        .collect()
}

/// A link target a reader may follow: `http`, `https` or `mailto` only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkUrl(String);

impl LinkUrl {
    pub fn parse(candidate: &str) -> Option<Self> {
        let cleaned = without_ignorable_characters(candidate);
        match scheme_of(&cleaned).as_deref() {
            Some("http" | "https" | "mailto") => Some(LinkUrl(cleaned)),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for LinkUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        LinkUrl::parse(&raw).ok_or_else(|| {
            serde::de::Error::custom(format!("{raw:?} is not an http, https or mailto link"))
        })
    }
}

/// The source of an image, video, poster or caption track: `http`, `https`, or
/// relative to the content base URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaUrl(String);

impl MediaUrl {
    pub fn parse(candidate: &str) -> Option<Self> {
        let cleaned = without_ignorable_characters(candidate);
        // Browsers read `\` as `/` in web URLs, so `/\host/x` is `//host/x`:
        // another host, which a relative source must never name.
        let mut leading = cleaned
            .chars()
            .take(2)
            .map(|c| if c == '\\' { '/' } else { c });
        if cleaned.is_empty() || (leading.next() == Some('/') && leading.next() == Some('/')) {
            return None;
        }
        match scheme_of(&cleaned).as_deref() {
            None | Some("http" | "https") => Some(MediaUrl(cleaned)),
            Some(_) => None,
        }
    }

    pub fn is_relative(&self) -> bool {
        scheme_of(&self.0).is_none()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for MediaUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        MediaUrl::parse(&raw).ok_or_else(|| {
            serde::de::Error::custom(format!("{raw:?} is not an http, https or relative URL"))
        })
    }
}

/// An RFC 3339 timestamp, kept with the offset it was written in: the newsroom's
/// own time zone is the one its readers expect to see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    original: String,
    moment: time::OffsetDateTime,
}

impl Timestamp {
    pub fn parse(candidate: &str) -> Result<Self, String> {
        time::OffsetDateTime::parse(candidate, &time::format_description::well_known::Rfc3339)
            .map(|moment| Timestamp {
                original: candidate.to_owned(),
                moment,
            })
            .map_err(|_| {
                format!("{candidate:?} is not an RFC 3339 date (2026-02-10T09:30:00+08:00)")
            })
    }

    /// The timestamp as the document wrote it, for `<time datetime>`.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// Year, month (1–12) and day in the timestamp's own offset.
    pub fn calendar_date(&self) -> (i32, u8, u8) {
        (
            self.moment.year(),
            u8::from(self.moment.month()),
            self.moment.day(),
        )
    }

    pub fn unix_seconds(&self) -> i64 {
        self.moment.unix_timestamp()
    }

    /// The moment, in the offset it was written in.
    pub fn moment(&self) -> time::OffsetDateTime {
        self.moment
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Timestamp::parse(&raw).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for ArticleId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        ArticleId::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_ids_follow_the_contract() {
        assert!(ArticleId::parse("korea-china-2026").is_ok());
        for bad in [
            "",
            "Upper",
            "../etc/passwd",
            "a/b",
            "a b",
            "é",
            &"a".repeat(129),
        ] {
            assert!(ArticleId::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn links_keep_only_safe_schemes_whatever_the_spelling() {
        for good in [
            "https://example.com/a",
            "HTTP://example.com",
            "mailto:desk@example.com",
        ] {
            assert!(LinkUrl::parse(good).is_some(), "{good:?} was refused");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "jav\u{0}ascript:x",
            "data:text/html,x",
            "vbscript:x",
            "/relative",
            "ftp://x",
        ] {
            assert!(LinkUrl::parse(bad).is_none(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn media_accepts_http_and_relative_only() {
        for good in [
            "img/hero.svg",
            "/img/hero.svg",
            "https://cdn.example.com/a.jpg",
            "a.jpg?x=1:2",
        ] {
            assert!(MediaUrl::parse(good).is_some(), "{good:?} was refused");
        }
        for bad in [
            "javascript:alert(1)",
            "data:image/svg+xml,<svg>",
            "//evil.example/x.png",
            // Browsers read a backslash as a slash in web URLs: these are
            // addresses on another host too.
            "/\\evil.example/x.png",
            "\\\\evil.example/x.png",
            "\\/evil.example/x.png",
            "  ",
            "blob:x",
        ] {
            assert!(MediaUrl::parse(bad).is_none(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn timestamps_keep_their_own_offset() {
        let published = Timestamp::parse("2026-02-10T00:30:00+08:00").unwrap();
        assert_eq!(published.calendar_date(), (2026, 2, 10));
        assert!(Timestamp::parse("10 Feb 2026").is_err());
    }
}
