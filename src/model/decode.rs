//! Reading documents: JSON text in, a checked model or a [`DocumentError`] out.
//! Every refusal names the JSON path of the fault for the CMS team.

use super::article::{Article, FrontPageIndex};
use super::site::Site;
use super::tolerant::locate_fault;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::fmt;

/// The version of the article format this app reads.
pub const SUPPORTED_FORMAT: u64 = 1;

/// Why a document was refused: where (a JSON path such as `blocks[3].text`,
/// empty for the document as a whole) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentError {
    pub path: String,
    pub message: String,
}

impl DocumentError {
    fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        DocumentError {
            path: path.into(),
            message: message.into(),
        }
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
    let text = prepare(text)?;
    check_format(text)?;
    let mut article: Article = decode(text)?;
    require_text("title", &article.title)?;
    article.assign_heading_anchors();
    Ok(article)
}

pub fn decode_index(text: &str) -> Result<FrontPageIndex, DocumentError> {
    let text = prepare(text)?;
    check_format(text)?;
    decode(text)
}

pub fn decode_site(text: &str) -> Result<Site, DocumentError> {
    let site: Site = decode(prepare(text)?)?;
    require_text("name", &site.name)?;
    Ok(site)
}

/// Drops a byte-order mark and refuses what is plainly not JSON, such as the
/// HTML error page of a CDN, with a message that says so.
fn prepare(text: &str) -> Result<&str, DocumentError> {
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
    Ok(text)
}

/// A newer format may be shaped differently, so its version is checked before
/// anything else is read, and refused with the reason rather than a confusing
/// complaint about some field.
fn check_format(text: &str) -> Result<(), DocumentError> {
    #[derive(Deserialize)]
    struct FormatProbe {
        format: Option<serde_json::Value>,
    }
    let probe: FormatProbe = decode(text)?;
    match probe.format {
        None => Err(DocumentError::at("format", "required field is missing")),
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(SUPPORTED_FORMAT) => Ok(()),
        Some(serde_json::Value::Number(n)) if n.as_u64().is_some_and(|v| v > SUPPORTED_FORMAT) => {
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

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, DocumentError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(describe)?;
    deserializer.end().map_err(|error| {
        DocumentError::at("", format!("the document is not valid JSON: {error}"))
    })?;
    Ok(value)
}

fn describe(error: serde_path_to_error::Error<serde_json::Error>) -> DocumentError {
    let path = error.path().to_string();
    let inner = error.into_inner();
    if inner.is_syntax() || inner.is_eof() {
        let (path, _) = locate_fault(&path, String::new());
        return DocumentError::at(path, format!("the document is not valid JSON: {inner}"));
    }
    let (path, message) = locate_fault(&path, inner.to_string());
    DocumentError::at(path, message)
}

fn require_text(path: &str, value: &str) -> Result<(), DocumentError> {
    if value.trim().is_empty() {
        Err(DocumentError::at(path, "must not be empty"))
    } else {
        Ok(())
    }
}
