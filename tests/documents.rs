//! Every bundled document reads in the model and validates against the JSON
//! Schema; documents written to break the app are refused with the JSON path of
//! the fault, or read with their bad parts set aside.
#![cfg(not(target_arch = "wasm32"))]

use broadsheet::model::{self, Block, KNOWN_BLOCK_TYPES};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: impl AsRef<Path>) -> String {
    let path = root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema() -> Value {
    serde_json::from_str(&read("schema/format-1.schema.json")).expect("the schema is JSON")
}

/// The schema, narrowed to one kind of document (`article`, `indexPage`, `site`).
fn validator_for(kind: &str) -> jsonschema::Validator {
    let mut schema = schema();
    let root = schema.as_object_mut().unwrap();
    root.remove("anyOf");
    root.insert("$ref".into(), Value::String(format!("#/$defs/{kind}")));
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn schema_errors(kind: &str, document: &str) -> Vec<String> {
    let instance: Value =
        serde_json::from_str(document.trim_start_matches('\u{feff}')).expect("JSON");
    validator_for(kind)
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn sample_articles() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("content/articles"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().unwrap() != "index.json")
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_sample_article_reads_whole_and_matches_the_schema() {
    let articles = sample_articles();
    assert!(
        articles.len() >= 5,
        "the samples hold the seed and at least four more articles"
    );
    for path in articles {
        let text = read(&path);
        let article =
            model::decode_article(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            article.problems(),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        assert_eq!(
            path.file_stem().unwrap().to_str().unwrap(),
            article.id.as_str(),
            "file name is the id"
        );
        assert_eq!(
            schema_errors("article", &text),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_index_and_site_read_whole_and_match_the_schema() {
    let index_text = read("content/articles/index.json");
    let index = model::decode_index(&index_text).unwrap();
    assert_eq!(index.problems(), Vec::<String>::new());
    assert_eq!(
        schema_errors("indexPage", &index_text),
        Vec::<String>::new()
    );
    let listed: Vec<String> = index
        .newest_first()
        .iter()
        .map(|entry| entry.id.to_string())
        .collect();
    for path in sample_articles() {
        let id = path.file_stem().unwrap().to_str().unwrap().to_owned();
        assert!(listed.contains(&id), "{id} is on the front page");
    }

    let site_text = read("content/site.json");
    let site = model::decode_site(&site_text).unwrap();
    assert_eq!(schema_errors("site", &site_text), Vec::<String>::new());
    let channels: Vec<&str> = site
        .follow
        .iter()
        .filter_map(|f| f.accepted())
        .map(|f| f.label())
        .collect();
    assert_eq!(
        channels,
        [
            "WeChat",
            "Facebook",
            "Twitter",
            "Instagram",
            "YouTube",
            "App",
            "Mobile version"
        ]
    );
}

#[test]
fn related_news_and_media_in_the_samples_point_at_real_files() {
    for path in sample_articles() {
        let article = model::decode_article(&read(&path)).unwrap();
        for related in article.related_articles() {
            assert!(
                root()
                    .join(format!("content/articles/{}.json", related.id))
                    .is_file(),
                "{}: related {}",
                path.display(),
                related.id
            );
        }
        let mut media = Vec::new();
        if let Some(model::Hero::Image(image)) = article.hero() {
            media.push(image.src.clone());
        }
        for block in &article.blocks {
            match block {
                Block::Image(image) => media.push(image.src.clone()),
                Block::Poster(poster) => media.push(poster.src.clone()),
                Block::Video(video) => {
                    media.push(video.src.clone());
                    media.extend(video.poster.clone());
                    media.extend(video.tracks.iter().map(|track| track.src.clone()));
                }
                _ => {}
            }
        }
        for source in media {
            assert!(
                root().join("content").join(source.as_str()).is_file(),
                "{}: {}",
                path.display(),
                source.as_str()
            );
        }
    }
}

#[test]
fn the_seed_article_keeps_every_part_of_the_seed_page() {
    let seed_page = std::fs::read_to_string(root().join("../shared/seed/article-page.txt"))
        .or_else(|_| std::fs::read_to_string(root().join("tests/fixtures/seed-article-page.txt")))
        .expect("the seed page");
    let article = model::decode_article(&read(
        "content/articles/korea-china-new-cooperation-models.json",
    ))
    .unwrap();
    let mut text = vec![
        article.title.clone(),
        article.summary.clone().unwrap_or_default(),
    ];
    for block in &article.blocks {
        match block {
            Block::Paragraph(p) => text.push(p.text.plain_text()),
            Block::Heading(h) => text.push(h.text.clone()),
            Block::Quote(q) => text.push(format!("\"{}\"", q.text.plain_text())),
            _ => {}
        }
    }
    text.extend(
        article
            .credits
            .iter()
            .map(|c| format!("{} | {}", c.role, c.names.join(", "))),
    );
    text.extend(article.notes.iter().cloned());
    let lines: Vec<&str> = seed_page
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let body_start = lines
        .iter()
        .position(|l| l.starts_with("A wave of collaborative"))
        .unwrap();
    let body_end = lines.iter().position(|l| *l == "Related News").unwrap();
    for line in &lines[body_start..body_end] {
        assert!(
            text.iter().any(|t| t == line),
            "the seed's line is missing from the sample: {line}"
        );
    }
    // The seed's headline has a typing error ("coopeation"), corrected in the sample.
    assert_eq!(
        lines[body_start - 1].replace("coopeation", "cooperation"),
        article.title
    );
    let block_types: Vec<&str> = article
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading(_) => "heading",
            Block::Quote(_) => "quote",
            Block::Video(_) => "video",
            Block::Poster(_) => "poster",
            Block::Image(_) => "image",
            _ => "other",
        })
        .collect();
    for wanted in ["heading", "quote", "video", "poster", "image"] {
        assert!(
            block_types.contains(&wanted),
            "the seed article has a {wanted} block"
        );
    }
    assert!(
        !article.related.is_empty(),
        "the seed article has related news"
    );
}

#[test]
fn the_schema_knows_the_same_block_types_as_the_model() {
    let schema = schema();
    let listed: Vec<&str> = schema["$defs"]["block"]["if"]["properties"]["type"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(listed, KNOWN_BLOCK_TYPES);
}

/// A fixture written to break the app: refused with this path and message.
fn assert_refused(fixture: &str, path: &str, message: &str) {
    let text = read(format!("tests/fixtures/content/articles/{fixture}.json"));
    let error = model::decode_article(&text).expect_err(fixture);
    assert_eq!(error.path, path, "{fixture}: {error}");
    assert!(error.message.contains(message), "{fixture}: {error}");
}

#[test]
fn broken_documents_are_refused_with_the_path_of_the_fault() {
    // The path says where the document was cut off.
    assert_refused("broken-truncated", "blocks[17]", "not valid JSON");
    assert_refused("broken-wrong-types", "title", "expected a string");
    assert_refused("broken-missing-title", "title", "required field is missing");
    assert_refused(
        "broken-future-format",
        "format",
        "version 2 is newer than this app reads (1)",
    );
    assert_refused("broken-html", "", "received HTML");
}

#[test]
fn the_schema_refuses_the_broken_documents_the_model_refuses() {
    for fixture in [
        "broken-wrong-types",
        "broken-missing-title",
        "broken-future-format",
    ] {
        let text = read(format!("tests/fixtures/content/articles/{fixture}.json"));
        assert!(
            !schema_errors("article", &text).is_empty(),
            "{fixture} passes the schema"
        );
    }
}

#[test]
fn a_messy_document_reads_with_its_bad_parts_set_aside() {
    let article =
        model::decode_article(&read("tests/fixtures/content/articles/messy-blocks.json")).unwrap();
    assert!(
        article.title.contains("<script>"),
        "markup in a title stays text"
    );
    assert!(article.hero().is_none(), "a javascript: hero is set aside");
    let problems = article.problems();
    for expected in [
        "blocks[1].text: invalid type: integer `42`, expected a string or an array of spans",
        "blocks[2]: unknown block type \"hologram\"",
        "blocks[4].width: required field is missing",
        "blocks[5]: expected a block object",
        "blocks[6].type: required field is missing",
        "blocks[7].level: expected 2 or 3, found 7",
        "hero.src: \"javascript:alert(1)\" is not an http, https or relative URL",
        "related[0].id: \"../../etc/passwd\" is not an article id (1 to 128 of a-z, 0-9 and -)",
        "blocks[14].platform: \"myspace\" is not a platform this app embeds (youtube, x, weibo, instagram, facebook)",
        "blocks[15].url: \"javascript:alert(1)\" is not an http, https or mailto link",
        "blocks[16]: \"https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ\" is not the address of a YouTube post this app can embed",
    ] {
        assert!(
            problems.iter().any(|p| p == expected),
            "missing problem {expected:?} in {problems:#?}"
        );
    }
    let readable = article.blocks.iter().filter(|b| b.is_supported()).count();
    assert_eq!(readable, 8, "the readable blocks are kept in order");
    let Block::Paragraph(link_paragraph) = &article.blocks[3] else {
        panic!("block 3 is a paragraph")
    };
    let spans = link_paragraph.text.spans();
    assert_eq!(spans[1].link, None, "a javascript: link is plain text");
    assert_eq!(
        spans[3].link.as_ref().unwrap().as_str(),
        "https://example.com/"
    );
    assert_eq!(article.related_articles().count(), 1);
    assert!(
        article.credits.is_empty() && article.notes.is_empty() && article.tags.is_empty(),
        "null lists read as empty"
    );
}

#[test]
fn documents_nested_past_reason_are_refused_not_crashed_on() {
    let deep = format!(
        r#"{{"format":1,"id":"deep","title":"t","blocks":[{{"type":"list","items":{}{}}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(model::decode_article(&deep).is_err());
}

#[test]
fn headings_get_unique_anchors() {
    let article = model::decode_article(
        r#"{"format":1,"id":"a","title":"t","blocks":[
            {"type":"heading","text":"New Collaboration to Emerge, APEC as a Catalyst"},
            {"type":"heading","text":"New collaboration to emerge: APEC as a catalyst"},
            {"type":"heading","text":"中韩合作"},
            {"type":"heading","text":"!!!"},
            {"type":"heading","text":"Update"},
            {"type":"heading","text":"Update 2"},
            {"type":"heading","text":"Update"},
            {"type":"heading","text":"Update"}]}"#,
    )
    .unwrap();
    let anchors: Vec<&str> = article
        .blocks
        .iter()
        .filter_map(|b| {
            if let Block::Heading(h) = b {
                Some(h.anchor.as_str())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        anchors,
        [
            "new-collaboration-to-emerge-apec-as-a-catalyst",
            "new-collaboration-to-emerge-apec-as-a-catalyst-2",
            "中韩合作",
            "section",
            "update",
            "update-2",
            // "update-2" is taken by the heading of that name.
            "update-3",
            "update-4",
        ]
    );
}
