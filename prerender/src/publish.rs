//! What a CMS's publish hook asks of a built site, one article at a time
//! (`broadsheet-publish`): `check` tells whether documents may be published,
//! naming each problem by its JSON path, and changes nothing.
//!
//! A document is checked twice: against the JSON Schema of the format
//! (`schema/format-1.schema.json`, which names every problem it finds), then
//! by the model the app and the prerenderer read it with (which also holds it
//! to the limits of `broadsheet::model::limits`). A document the app would
//! only partly show (an unknown block type, say) passes the model but not the
//! schema: a CMS should hear of it before readers do.

use crate::files::read_document;
use broadsheet::model;
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

/// The format's JSON Schema, as the repository keeps it.
const SCHEMA: &str = include_str!("../../schema/format-1.schema.json");

/// The schema narrowed to article documents.
fn article_schema() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let mut schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
        if let Some(root) = schema.as_object_mut() {
            root.remove("anyOf");
            root.insert("$ref".into(), Value::String("#/$defs/article".into()));
        }
        jsonschema::validator_for(&schema).expect("the schema compiles")
    })
}

/// The problems of the article document at `path`, each as `path: /json/path:
/// what is wrong`; none when it may be published.
pub fn problems(path: &Path) -> Vec<String> {
    let text = match read_document(path) {
        Ok(text) => text,
        Err(error) => return vec![error],
    };
    problems_of(&path.display().to_string(), &text)
}

/// The problems of an article document's `text`, named as from `source`.
pub fn problems_of(source: &str, text: &str) -> Vec<String> {
    let document: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(document) => document,
        Err(error) => return vec![format!("{source}: not JSON: {error}")],
    };
    let mut problems: Vec<String> = article_schema()
        .iter_errors(&document)
        .map(|error| {
            let at = error.instance_path().to_string();
            format!(
                "{source}: {}: {error}",
                if at.is_empty() { "/" } else { &at }
            )
        })
        .collect();
    if let Err(error) = model::decode_article(text) {
        problems.push(format!("{source}: {error}"));
    }
    problems.dedup();
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_article_has_no_problems() {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../content/articles/guangdong-korea-trade-record.json");
        assert_eq!(problems(&sample), Vec::<String>::new());
    }

    #[test]
    fn each_problem_is_named_by_its_json_path() {
        let found = problems_of(
            "a.json",
            r#"{"format":1,"id":"a","title":"T","blocks":[{"type":"paragraph","text":"ok"},{"type":"image","alt":"x"}],"published":"yesterday"}"#,
        );
        assert!(
            found.iter().any(|p| p.starts_with("a.json: /blocks/1")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.starts_with("a.json: /published")),
            "{found:?}"
        );
        assert_eq!(
            problems_of("b.json", "{\"format\":1,"),
            ["b.json: not JSON: EOF while parsing a value at line 1 column 12"]
        );
        assert!(
            problems_of("c.json", r#"{"format":1,"title":"T","blocks":[]}"#)
                .iter()
                .any(|p| p.starts_with("c.json: /: ") && p.contains("\"id\""))
        );
    }
}
