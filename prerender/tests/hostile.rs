//! The documents written to break the app (`tests/fixtures/content/articles/`)
//! go through the prerenderer too, as the newsroom's build would take them:
//! the real `broadsheet-prerender` over a copy of the release build (`make
//! dist` makes it first) with every fixture among its articles, its hostile
//! title, summary, section and tags included, and one document past the size
//! limit. Without `--keep-going` the build fails and names every document it
//! cannot read; with it, it leaves them out.
//!
//! Each page it writes is read back with an HTML parser, as a browser would:
//! the stylesheet and the app's loader are where the build put them, no script
//! or handler came from a document, every data block parses as the JSON it
//! carries, and the headline is the document's text, literally. A document
//! that cannot be read, or is too large, is refused by its path, with no page.

use broadsheet::content::embedded::EMBEDDED_DOCUMENT_ATTRIBUTE;
use scraper::{Html, Selector};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_build(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_build(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// What is wrong with a prerendered page, as a browser would read it.
fn faults(page: &str, source: &Value) -> Vec<String> {
    let html = Html::parse_document(page);
    let mut faults = Vec::new();
    let stylesheets = html.select(&selector("head link[rel=stylesheet]")).count();
    if stylesheets != 1 {
        faults.push(format!("{stylesheets} stylesheets in the head, not 1"));
    }
    let loaders = html
        .select(&selector("head script[type=module][src]"))
        .count();
    if loaders != 1 {
        faults.push(format!("{loaders} module loaders in the head, not 1"));
    }
    for script in html.select(&selector("script")) {
        let kind = script.value().attr("type").unwrap_or("");
        let text: String = script.text().collect();
        match kind {
            "application/json" | "application/ld+json" => {
                // A document's byte-order mark is carried as written; the
                // app drops it as it does from any document.
                let json = text.trim_start_matches('\u{feff}');
                if let Err(error) = serde_json::from_str::<Value>(json) {
                    faults.push(format!("a {kind} block does not parse: {error}"));
                }
            }
            _ if script.value().attr("src").is_some() && text.trim().is_empty() => {}
            _ => faults.push(format!("a script that runs: {}", script.html())),
        }
    }
    for element in html.select(&selector("*")) {
        for (name, _) in element.value().attrs() {
            if name.to_ascii_lowercase().starts_with("on") {
                faults.push(format!("a handler: <{} {name}>", element.value().name()));
            }
        }
    }
    let embedded = html
        .select(&selector(&format!(
            "script[{EMBEDDED_DOCUMENT_ATTRIBUTE}$=\"/{}.json\"]",
            source["id"].as_str().unwrap()
        )))
        .map(|script| {
            let text: String = script.text().collect();
            serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}'))
        })
        .next();
    match embedded {
        Some(Ok(document)) if &document == source => {}
        other => faults.push(format!(
            "the embedded document is not the source: {other:?}"
        )),
    }
    let headline: String = html
        .select(&selector("h1.headline"))
        .flat_map(|h1| h1.text())
        .collect();
    if headline.trim() != source["title"].as_str().unwrap().trim() {
        faults.push(format!("the headline reads {headline:?}"));
    }
    faults
}

#[test]
fn documents_written_to_break_the_app_cannot_break_its_pages() {
    let built = root().join("dist");
    assert!(
        built.join("index.html").is_file(),
        "no build at {} — `make test` makes it first (`make dist`)",
        built.display()
    );
    let dist = std::env::temp_dir().join(format!("broadsheet-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist).unwrap();
    copy_build(&built, &dist);

    let mut readable = Vec::new();
    let mut refused = Vec::new();
    let fixtures = root().join("tests/fixtures/content/articles");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(dist.join(format!("articles/{id}.json")), &text).unwrap();
        let document = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')).ok();
        match broadsheet::model::decode_article(&text) {
            Ok(_) => readable.push((id, document.unwrap())),
            Err(_) => refused.push(id),
        }
    }
    // Past the size limit: a list of more entries than the model reads.
    let paragraph = json!({"type": "paragraph", "text": "An update."});
    let oversized = json!({"format": 1, "id": "oversized", "title": "Oversized",
        "blocks": vec![paragraph; broadsheet::model::limits::MOST_LIST_ITEMS + 1]});
    std::fs::write(dist.join("articles/oversized.json"), oversized.to_string()).unwrap();
    refused.push("oversized".to_owned());
    assert!(
        readable.iter().any(|(id, _)| id == "hostile-everything") && refused.len() >= 5,
        "the fixtures hold the hostile document and the broken ones: {refused:?}"
    );

    let prerender = |options: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet-prerender"))
            .args(options)
            .arg(&dist)
            .output()
            .unwrap()
    };
    let mut found = Vec::new();
    let strict = prerender(&[]);
    let strict_said = String::from_utf8_lossy(&strict.stderr).into_owned();
    if strict.status.success() {
        found.push("the build passed over documents it cannot read".to_owned());
    }
    let run = prerender(&["--keep-going"]);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "the prerenderer ran with --keep-going: {said}"
    );

    for (id, source) in &readable {
        let page = std::fs::read_to_string(dist.join(format!("articles/{id}/index.html")))
            .unwrap_or_else(|error| panic!("{id} is prerendered: {error}"));
        found.extend(
            faults(&page, source)
                .into_iter()
                .map(|f| format!("{id}: {f}")),
        );
    }
    // The lists name every fixture's title, summary, section and tags, hostile
    // ones too: the front page, and each section's and tag's pages.
    let mut lists = vec![dist.join("index.html")];
    for folder in ["sections", "tags"] {
        lists.extend(pages_under(&dist.join(folder)));
    }
    assert!(
        lists.len() > 3,
        "the fixtures make section and tag pages: {lists:?}"
    );
    for list in &lists {
        let page = Html::parse_document(&std::fs::read_to_string(list).unwrap());
        let inline_scripts = page
            .select(&selector("script"))
            .filter(|s| {
                !matches!(
                    s.value().attr("type"),
                    Some("application/json" | "application/ld+json")
                ) && s.value().attr("src").is_none()
            })
            .count();
        if inline_scripts > 0 {
            found.push(format!(
                "{} runs {inline_scripts} inline scripts",
                list.display()
            ));
        }
    }
    for id in &refused {
        if !strict_said.contains(&format!("articles/{id}.json")) {
            found.push(format!(
                "{id}: the failed build does not name it: {strict_said}"
            ));
        }
        if dist.join(format!("articles/{id}/index.html")).exists() {
            found.push(format!("{id}: prerendered though it cannot be read"));
        }
        if !said.contains(&format!("articles/{id}.json")) {
            found.push(format!("{id}: refused without naming its path: {said}"));
        }
    }
    if !said.contains("articles/oversized.json: blocks: too large") {
        found.push(format!(
            "the oversized document is not called too large: {said}"
        ));
    }
    let _ = std::fs::remove_dir_all(&dist);
    assert!(found.is_empty(), "{found:#?}");
}

/// Every `index.html` under `folder`, at any depth.
fn pages_under(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut pages = Vec::new();
    for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
        if path.is_dir() {
            pages.extend(pages_under(&path));
        } else if path.file_name().is_some_and(|name| name == "index.html") {
            pages.push(path);
        }
    }
    pages
}
