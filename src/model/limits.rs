//! How much one document may hold. A reader's phone copies a document into
//! the app, parses it, and keeps it for offline; the prerenderer holds it
//! while it writes the page. A document past these limits is refused as too
//! large (with the JSON path of what passed them) before anything costly is
//! done with it, by the app and the prerenderer alike.
//!
//! The limits are far above any article a newsroom writes (the seed article
//! is 11 KB; a live page of 3,000 updates is about 1 MB), and
//! far below what runs a phone's tab out of memory.

use super::decode::DocumentError;
use serde_json::Value;

/// The most bytes of JSON one document may have.
pub const MOST_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;
/// The most entries of any one list (blocks, related news, tags, the index).
pub const MOST_LIST_ITEMS: usize = 10_000;
/// The most bytes of any one string (a paragraph, a headline, an address).
pub const MOST_TEXT_BYTES: usize = 256 * 1024;

/// Refuses a document longer than [`MOST_DOCUMENT_BYTES`], before it is parsed.
pub fn check_length(bytes: usize) -> Result<(), DocumentError> {
    if bytes > MOST_DOCUMENT_BYTES {
        Err(DocumentError::too_large(
            "",
            format!(
                "too large: the document is {bytes} bytes; at most {MOST_DOCUMENT_BYTES} are read"
            ),
        ))
    } else {
        Ok(())
    }
}

/// Refuses a parsed document with a list or a string past its limit, naming
/// the first one found. One pass over the document: its cost grows with it.
pub fn check_contents(document: &Value) -> Result<(), DocumentError> {
    let mut path = Vec::new();
    match find_excess(document, &mut path) {
        None => Ok(()),
        Some(excess) => Err(DocumentError::too_large(spell(&path), excess)),
    }
}

/// One step into a document: an object's key or a list's index.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// What passed a limit in `value`, with `path` left pointing at it.
fn find_excess<'a>(value: &'a Value, path: &mut Vec<Step<'a>>) -> Option<String> {
    match value {
        Value::String(text) if text.len() > MOST_TEXT_BYTES => Some(format!(
            "too large: a text of {} bytes; at most {MOST_TEXT_BYTES} are read",
            text.len()
        )),
        Value::Array(items) if items.len() > MOST_LIST_ITEMS => Some(format!(
            "too large: a list of {} entries; at most {MOST_LIST_ITEMS} are read",
            items.len()
        )),
        Value::Array(items) => items.iter().enumerate().find_map(|(index, item)| {
            path.push(Step::Index(index));
            let excess = find_excess(item, path);
            if excess.is_none() {
                path.pop();
            }
            excess
        }),
        Value::Object(fields) => fields.iter().find_map(|(key, field)| {
            path.push(Step::Key(key));
            let excess = find_excess(field, path);
            if excess.is_none() {
                path.pop();
            }
            excess
        }),
        _ => None,
    }
}

/// A path as the model's other refusals spell it: `blocks[3].text`.
fn spell(path: &[Step]) -> String {
    let mut spelled = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !spelled.is_empty() {
                    spelled.push('.');
                }
                spelled.push_str(key);
            }
            Step::Index(index) => spelled.push_str(&format!("[{index}]")),
        }
    }
    spelled
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_document_within_the_limits_passes() {
        let document = json!({"blocks": [{"text": "word ".repeat(1000)}], "tags": ["a"]});
        assert_eq!(check_contents(&document), Ok(()));
        assert_eq!(check_length(MOST_DOCUMENT_BYTES), Ok(()));
    }

    #[test]
    fn the_first_excess_is_named_by_its_path() {
        let long = "x".repeat(MOST_TEXT_BYTES + 1);
        let document = json!({"blocks": [{"text": "short"}, {"text": [{"text": long}]}]});
        let error = check_contents(&document).unwrap_err();
        assert!(error.is_too_large());
        assert_eq!(error.path, "blocks[1].text[0].text");

        let document = json!({"tags": vec!["t"; MOST_LIST_ITEMS + 1]});
        let error = check_contents(&document).unwrap_err();
        assert_eq!(error.path, "tags");
        assert!(error.message.contains("10001 entries"), "{error}");

        let error = check_length(MOST_DOCUMENT_BYTES + 1).unwrap_err();
        assert!(error.is_too_large() && error.path.is_empty(), "{error}");
    }
}
