//! `broadsheet-publish` as a CMS's publish hook runs it: the real binary,
//! its exit status, what it prints on each stream, and what it leaves in a
//! copy of the release build: what a full build would have made, and nothing
//! at all when it refuses.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn publish(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet-publish"))
        .args(arguments)
        .output()
        .expect("broadsheet-publish runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_passes_the_sample_articles_and_names_each_problem_by_its_path() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/articles");
    let seed = samples.join("guangdong-korea-trade-record.json");
    let chinese = samples.join("zhongshan-silver-economy.json");
    let passed = publish(&["check", seed.to_str().unwrap(), chinese.to_str().unwrap()]);
    assert!(passed.status.success(), "{}", text(&passed.stderr));
    assert_eq!(
        text(&passed.stdout),
        "",
        "check changes nothing, so names no path"
    );

    let folder = std::env::temp_dir().join(format!("publish-check-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let broken = folder.join("broken.json");
    std::fs::write(
        &broken,
        r#"{"format":1,"id":"broken","title":"","blocks":[{"type":"paragraph","text":"ok"},{"type":"image","alt":"no source"}],"published":"yesterday"}"#,
    )
    .unwrap();
    let not_json = folder.join("cut.json");
    std::fs::write(&not_json, r#"{"format":1,"id":"cut","#).unwrap();
    let refused = publish(&[
        "check",
        seed.to_str().unwrap(),
        broken.to_str().unwrap(),
        not_json.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(text(&refused.stdout), "");
    let said = text(&refused.stderr);
    for expected in [
        format!("{}: /title:", broken.display()),
        format!("{}: /blocks/1:", broken.display()),
        format!("{}: /published:", broken.display()),
        format!("{}: not JSON:", not_json.display()),
    ] {
        assert!(said.contains(&expected), "no {expected:?} in:\n{said}");
    }
    assert!(!said.contains("guangdong-korea-trade-record"), "{said}");
    std::fs::remove_dir_all(folder).unwrap();

    let unknown = publish(&["chek", seed.to_str().unwrap()]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("usage: broadsheet-publish"));
}

/// A copy of the release build (`make test` makes it first) to publish into.
fn built_site(name: &str) -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist");
    assert!(
        dist.join("app.html").is_file(),
        "no prerendered build at {} — `make test` makes it first (`make dist`)",
        dist.display()
    );
    let copy = std::env::temp_dir().join(format!("publish-{name}-{}", std::process::id()));
    _ = std::fs::remove_dir_all(&copy);
    copy_tree(&dist, &copy);
    copy
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `folder` with its contents, to tell whether anything changed.
fn tree(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![folder.to_owned()];
    while let Some(next) = folders.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let contents = std::fs::read(&path).unwrap();
                files.insert(path.strip_prefix(folder).unwrap().to_owned(), contents);
            }
        }
    }
    files
}

/// An article document, written to a folder of its own as the CMS would.
fn document(folder: &Path, id: &str, title: &str, section: &str, published: &str) -> PathBuf {
    let document = json!({
        "format": 1, "id": id, "title": title, "section": section, "tags": ["Live"],
        "summary": format!("{title}, in brief."), "published": published,
        "blocks": [{"type": "paragraph", "text": format!("{title}: the whole story.")}],
        "related": [{"id": "korea-china-new-cooperation-models", "title": "The seed"}],
    });
    std::fs::create_dir_all(folder).unwrap();
    let path = folder.join(format!("{id}.json"));
    std::fs::write(&path, document.to_string()).unwrap();
    path
}

fn json_file(site: &Path, path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(site.join(path)).unwrap()).unwrap()
}

fn titles(list: &Value) -> Vec<String> {
    list["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|article| article["title"].as_str().unwrap().to_owned())
        .collect()
}

/// Publishes (or withdraws) into `site`; the paths printed, which must all be
/// under it, and each either there or gone with a reason.
fn changed(site: &Path, arguments: &[&str]) -> Vec<String> {
    let mut command = vec![arguments[0], "--dist", site.to_str().unwrap()];
    command.extend(&arguments[1..]);
    let output = publish(&command);
    assert!(
        output.status.success(),
        "{arguments:?}: {}",
        text(&output.stderr)
    );
    text(&output.stdout).lines().map(str::to_owned).collect()
}

#[test]
fn a_published_article_is_what_a_full_build_makes_of_it() {
    let site = built_site("new");
    let shell_before = tree(&site)
        .into_iter()
        .filter(|(path, _)| {
            let name = path.to_string_lossy();
            name.starts_with("app.html") || name.starts_with("sw.js") || name.starts_with("loader-")
        })
        .collect::<BTreeMap<_, _>>();
    let cms = site.with_extension("cms");
    let new = document(
        &cms,
        "live-article",
        "Live: it happened",
        "Technology",
        "2026-03-01T08:00:00Z",
    );
    let paths = changed(&site, &["publish", new.to_str().unwrap()]);
    for expected in [
        "articles/live-article.json",
        "articles/live-article/index.html",
        "articles/live-article/index.html.br",
        "articles/live-article/index.html.gz",
        "embed/live-article/index.html",
        "oembed/live-article.json",
        "cards/live-article.png",
        "index.html",
        "articles/index.json",
        "sections/technology.json",
        "sections/technology/index.html",
        "tags/live.json",
        "feed.xml",
        "sections/technology/feed.xml",
        "sitemaps/lists-1.xml",
    ] {
        assert!(
            paths.iter().any(|path| path == expected),
            "{expected} not in {paths:?}"
        );
    }
    for path in &paths {
        assert!(site.join(path).is_file(), "{path} printed but not there");
    }
    let shell_after = tree(&site)
        .into_iter()
        .filter(|(path, _)| shell_before.contains_key(path))
        .collect::<BTreeMap<_, _>>();
    assert!(
        shell_before == shell_after,
        "the shell, loader and service worker stay"
    );

    // A full build of the same archive makes the same lists, feeds and pages.
    let full = built_site("full");
    std::fs::copy(&new, full.join("articles/live-article.json")).unwrap();
    let built = Command::new(env!("CARGO_BIN_EXE_broadsheet-prerender"))
        .arg(&full)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", text(&built.stderr));
    for path in [
        "articles/index/archive/1.json",
        "sections/technology.json",
        "tags/live.json",
        "sections/business.json",
        "feed.xml",
        "sections/technology/feed.xml",
        "articles/live-article/index.html",
        "embed/live-article/index.html",
        "oembed/live-article.json",
        // Which articles name the seed as related: now this one too.
        "related-by/korea-china-new-cooperation-models",
    ] {
        assert_eq!(
            std::fs::read_to_string(site.join(path)).unwrap(),
            std::fs::read_to_string(full.join(path)).unwrap(),
            "{path}: published and built differ"
        );
    }
    assert!(
        std::fs::read_to_string(site.join("related-by/korea-china-new-cooperation-models"))
            .unwrap()
            .lines()
            .any(|line| line == "live-article")
    );
    let (published, built) = (
        json_file(&site, "articles/index.json"),
        json_file(&full, "articles/index.json"),
    );
    assert_eq!(titles(&published), titles(&built));
    assert_eq!(published["older"], built["older"]);
    for path in [&site, &full, &cms] {
        std::fs::remove_dir_all(path).unwrap();
    }
}

#[test]
fn a_correction_replaces_the_article_wherever_it_was_listed() {
    let site = built_site("correct");
    let cms = site.with_extension("cms");
    let first = document(
        &cms,
        "live-article",
        "Live: first take",
        "Technology",
        "2026-03-01T08:00:00Z",
    );
    changed(&site, &["publish", first.to_str().unwrap()]);
    let mut corrected: Value =
        serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    corrected["title"] = json!("Live: corrected");
    corrected["section"] = json!("Business");
    corrected["updated"] = json!("2026-03-01T10:00:00Z");
    std::fs::write(&first, corrected.to_string()).unwrap();
    let paths = changed(&site, &["publish", first.to_str().unwrap()]);
    assert!(
        paths.iter().any(|path| path == "sections/technology.json"),
        "{paths:?}"
    );

    let page = std::fs::read_to_string(site.join("articles/live-article/index.html")).unwrap();
    assert!(page.contains(">Live: corrected</h1>") && !page.contains(">Live: first take</h1>"));
    assert!(page.contains("article:modified_time\" content=\"2026-03-01T10:00:00Z"));
    assert_eq!(
        titles(&json_file(&site, "articles/index.json"))[0],
        "Live: corrected"
    );
    assert_eq!(
        titles(&json_file(&site, "sections/technology.json")),
        Vec::<String>::new()
    );
    assert!(
        titles(&json_file(&site, "sections/business.json")).contains(&"Live: corrected".to_owned())
    );
    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    assert_eq!(
        feed.matches("/articles/live-article</guid>").count(),
        1,
        "listed once: {feed}"
    );
    assert!(feed.contains("Live: corrected"));
    assert!(
        !std::fs::read_to_string(site.join("sections/technology/feed.xml"))
            .unwrap()
            .contains("live-article")
    );
    let sitemap = std::fs::read_to_string(site.join("sitemaps/articles-1.xml")).unwrap();
    assert!(
        sitemap.contains("/articles/live-article</loc><lastmod>2026-03-01T10:00:00Z</lastmod>"),
        "{sitemap}"
    );
    assert_eq!(sitemap.matches("/articles/live-article<").count(), 1);
    for path in [&site, &cms] {
        std::fs::remove_dir_all(path).unwrap();
    }
}

#[test]
fn a_withdrawn_article_leaves_every_list_and_says_so_where_it_was() {
    let site = built_site("withdraw");
    let id = "huizhou-zhongkai-korean-investment";
    let before = tree(&site);
    let unknown = publish(&[
        "withdraw",
        "--dist",
        site.to_str().unwrap(),
        id,
        "no-such-article",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("no-such-article: no such article"));
    assert_eq!(text(&unknown.stdout), "");
    assert!(
        tree(&site) == before,
        "a refused withdrawal changes nothing"
    );

    let paths = changed(&site, &["withdraw", id]);
    for gone in [
        format!("articles/{id}.json"),
        format!("embed/{id}/index.html"),
        format!("oembed/{id}.json"),
        format!("cards/{id}.png"),
    ] {
        assert!(paths.contains(&gone), "{gone} not in {paths:?}");
        assert!(!site.join(&gone).exists(), "{gone} is still there");
    }
    let marker = site.join(format!("withdrawn/{id}.html"));
    let page = std::fs::read_to_string(site.join(format!("articles/{id}/index.html"))).unwrap();
    assert_eq!(std::fs::read_to_string(marker).unwrap(), page);
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(page.contains("This article was withdrawn"), "{page}");
    for listed in [
        "articles/index.json",
        "articles/index/archive/1.json",
        "sections/business.json",
        "feed.xml",
        "sections/business/feed.xml",
        "sitemaps/articles-1.xml",
        "sitemaps/news.xml",
        "index.html",
        "sections/business/index.html",
        // The seed article named it among its related news.
        "articles/korea-china-new-cooperation-models.json",
        "articles/korea-china-new-cooperation-models/index.html",
    ] {
        let text = std::fs::read_to_string(site.join(listed)).unwrap();
        assert!(!text.contains(id), "{listed} still names {id}");
    }
    // Again: already withdrawn, nothing to change.
    assert_eq!(changed(&site, &["withdraw", id]), Vec::<String>::new());
    std::fs::remove_dir_all(&site).unwrap();
}

#[test]
fn an_invalid_document_is_refused_by_its_path_and_changes_nothing() {
    let site = built_site("refused");
    let cms = site.with_extension("cms");
    let good = document(
        &cms,
        "good-one",
        "Good",
        "Technology",
        "2026-03-01T08:00:00Z",
    );
    let bad = cms.join("bad-one.json");
    std::fs::write(
        &bad,
        r#"{"format":1,"id":"bad-one","title":"Bad","blocks":[{"type":"image"}]}"#,
    )
    .unwrap();
    let before = tree(&site);
    let refused = publish(&[
        "publish",
        "--dist",
        site.to_str().unwrap(),
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(text(&refused.stdout), "");
    assert!(
        text(&refused.stderr).contains(&format!("{}: /blocks/0", bad.display())),
        "{}",
        text(&refused.stderr)
    );
    assert!(tree(&site) == before, "a refused publish changes nothing");
    for path in [&site, &cms] {
        std::fs::remove_dir_all(path).unwrap();
    }
}

#[test]
fn two_publishes_at_once_both_land() {
    let site = built_site("together");
    let cms = site.with_extension("cms");
    const TOGETHER: usize = 6;
    let runs: Vec<std::process::Child> = (0..TOGETHER)
        .map(|n| {
            let file = document(
                &cms,
                &format!("together-{n}"),
                &format!("Together {n}"),
                "Technology",
                &format!("2026-03-0{}T08:00:00Z", n + 1),
            );
            Command::new(env!("CARGO_BIN_EXE_broadsheet-publish"))
                .args([
                    "publish",
                    "--dist",
                    site.to_str().unwrap(),
                    file.to_str().unwrap(),
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut run in runs {
        assert!(run.wait().unwrap().success());
    }
    // Every one is listed, once, in order, over the section's pages, newest
    // first (which page each is on depends on which came first).
    let own = json_file(&site, "sections/technology.json");
    let mut listed = titles(&own);
    let mut older = own["older"].as_u64();
    while let Some(number) = older {
        let page = json_file(&site, &format!("sections/technology/archive/{number}.json"));
        listed.extend(titles(&page));
        older = page["older"].as_u64();
    }
    let expected: Vec<String> = (0..TOGETHER)
        .rev()
        .map(|n| format!("Together {n}"))
        .collect();
    assert_eq!(listed, expected);
    for path in [&site, &cms] {
        std::fs::remove_dir_all(path).unwrap();
    }
}

/// A withdrawn translation leaves the page of the article it translates:
/// no link to it under the headline, no alternate in the head or sitemap.
#[test]
fn a_withdrawn_translation_leaves_the_original_s_page() {
    let site = built_site("withdraw-translation");
    let id = "korea-china-new-cooperation-models-zh";
    let original = "articles/korea-china-new-cooperation-models/index.html";
    let before = std::fs::read_to_string(site.join(original)).unwrap();
    assert!(
        before.contains(&format!("/articles/{id}\"")),
        "linked before"
    );
    let paths = changed(&site, &["withdraw", id]);
    assert!(paths.contains(&original.to_owned()), "{paths:?}");
    for named in [
        original,
        "articles/korea-china-new-cooperation-models.json",
        "sitemaps/articles-1.xml",
    ] {
        let text = std::fs::read_to_string(site.join(named)).unwrap();
        assert!(!text.contains(id), "{named} still names {id}");
    }
    std::fs::remove_dir_all(&site).unwrap();
}
