//! Reading documents: JSON text in, a checked model or a [`DocumentError`] out.
//! Every refusal names the JSON path of the fault for the CMS team.

use super::article::{Article, IndexPage};
use super::limits;
use super::site::Site;
use super::tolerant::{decode_value, locate_fault};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;

/// The version of the article format this app reads.
pub const SUPPORTED_FORMAT: u64 = 1;

/// Why a document was refused: where (a JSON path such as `blocks[3].text`,
/// empty for the document as a whole), what, and which kind of fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentError {
    pub path: String,
    pub message: String,
    pub fault: Fault,
}

/// The two kinds of refusal a reader is told apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Not a document of the format: damaged, mistyped or newer.
    Malformed,
    /// Bigger than a reader's device is asked to hold ([`super::limits`]).
    TooLarge,
}

impl DocumentError {
    fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        DocumentError {
            path: path.into(),
            message: message.into(),
            fault: Fault::Malformed,
        }
    }

    pub(super) fn too_large(path: impl Into<String>, message: impl Into<String>) -> Self {
        DocumentError {
            fault: Fault::TooLarge,
            ..DocumentError::at(path, message)
        }
    }

    pub fn is_too_large(&self) -> bool {
        self.fault == Fault::TooLarge
    }
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DocumentError {}

pub fn decode_article(text: &str) -> Result<Article, DocumentError> {
    let document = parse(text)?;
    check_format(&document)?;
    let mut article: Article = decode(document)?;
    require_text("title", &article.title)?;
    article.assign_heading_anchors();
    Ok(article)
}

pub fn decode_index(text: &str) -> Result<IndexPage, DocumentError> {
    let document = parse(text)?;
    check_format(&document)?;
    decode(document)
}

pub fn decode_site(text: &str) -> Result<Site, DocumentError> {
    let site: Site = decode(parse(text)?)?;
    require_text("name", &site.name)?;
    Ok(site)
}

/// Reads the text as JSON. A byte-order mark is dropped, and what is plainly not
/// JSON, such as the HTML error page of a CDN, is refused with a message that
/// says so; so is a document past the [`limits`]. Every document is parsed
/// into a `Value` first and typed from there: one path through serde for
/// every type keeps the wasm small.
fn parse(text: &str) -> Result<Value, DocumentError> {
    limits::check_length(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.trim_start();
    if start.is_empty() {
        return Err(DocumentError::at("", "the document is empty"));
    }
    if start.starts_with('<') {
        return Err(DocumentError::at(
            "",
            "expected a JSON document but received HTML (an error page?)",
        ));
    }
    let not_json = |path: &str, error: &serde_json::Error| {
        DocumentError::at(path, format!("the document is not valid JSON: {error}"))
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value: Value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        // Inside an object cut short the key is unknown, which the path spells `?`.
        let (path, _) = locate_fault(&error.path().to_string(), String::new());
        not_json(path.trim_end_matches(".?"), error.inner())
    })?;
    deserializer.end().map_err(|error| not_json("", &error))?;
    limits::check_contents(&value)?;
    Ok(value)
}

/// A newer format may be shaped differently, so its version is checked before
/// anything else is read, and refused with the reason rather than a confusing
/// complaint about some field.
fn check_format(document: &Value) -> Result<(), DocumentError> {
    let Some(object) = document.as_object() else {
        return Err(DocumentError::at("", "expected a JSON object"));
    };
    match object.get("format") {
        None => Err(DocumentError::at("format", "required field is missing")),
        Some(Value::Number(n)) if n.as_u64() == Some(SUPPORTED_FORMAT) => Ok(()),
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > SUPPORTED_FORMAT) => {
            Err(DocumentError::at(
                "format",
                format!("version {n} is newer than this app reads ({SUPPORTED_FORMAT})"),
            ))
        }
        Some(other) => Err(DocumentError::at(
            "format",
            format!("{other} is not a format version this app reads ({SUPPORTED_FORMAT})"),
        )),
    }
}

fn decode<T: DeserializeOwned>(document: Value) -> Result<T, DocumentError> {
    decode_value(document).map_err(|rejection| DocumentError::at(rejection.path, rejection.reason))
}

fn require_text(path: &str, value: &str) -> Result<(), DocumentError> {
    if value.trim().is_empty() {
        Err(DocumentError::at(path, "must not be empty"))
    } else {
        Ok(())
    }
}
