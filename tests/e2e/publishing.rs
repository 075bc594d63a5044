//! The newsroom at work on a served build, as its readers meet it: an
//! article published after the build by `broadsheet-publish` (the real
//! binary, as a CMS's hook runs it) is a prerendered page with its crawler
//! tags, on the front page, in its section and the feed, and embeddable; a
//! correction reaches a reader who read the article before, and one who holds
//! the page as it was; a withdrawn article answers 410 with the withdrawn
//! message and leaves the lists, the feed, the sitemap and the device; an
//! invalid document is refused by its path and changes nothing.
//!
//! Each scenario publishes into a copy of the build of its own, served by a
//! host of its own.

use crate::binaries::workspace_binary;
use crate::browser::{Outcome, Page};
use crate::ensure;
use crate::offline::{copy_folder, dist, until_kept_offline};
use crate::prerender::nothing_moved;
use crate::scenarios::scenarios;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

scenarios!(
    an_article_published_after_the_build_is_a_page_of_its_own_everywhere,
    a_correction_reaches_readers_who_read_or_hold_the_article,
    a_withdrawn_article_answers_410_and_leaves_every_list_and_the_device,
);

const ID: &str = "published-live";
const TITLE: &str = "Published live, after the build";
const CORRECTED: &str = "Corrected live, after the build";
const PATH: &str = "/articles/published-live";

/// A copy of the release build, served by a host of its own, for one scenario
/// in one engine.
struct Site {
    folder: PathBuf,
    origin: String,
    host: Option<broadsheet_host::Host>,
}

impl Site {
    fn new(page: &Page, name: &str) -> Result<Site, String> {
        let folder = page.scratch().join(format!("{name}-{}", page.engine()));
        _ = std::fs::remove_dir_all(&folder);
        copy_folder(&dist(), &folder).map_err(|e| format!("copying the build: {e}"))?;
        let host = broadsheet_host::start("127.0.0.1:0", vec![folder.clone()])
            .map_err(|e| format!("a host: {e}"))?;
        Ok(Site {
            origin: format!("http://{}", host.address),
            folder,
            host: Some(host),
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// Runs `broadsheet-publish COMMAND --dist SITE ARGUMENTS...`; its
    /// standard output and error, and whether it succeeded.
    fn publish(&self, command: &str, arguments: &[&str]) -> (bool, String, String) {
        let ran = std::process::Command::new(workspace_binary("broadsheet-publish"))
            .args([command, "--dist", self.folder.to_str().unwrap_or_default()])
            .args(arguments)
            .output();
        match ran {
            Ok(ran) => (
                ran.status.success(),
                String::from_utf8_lossy(&ran.stdout).into_owned(),
                String::from_utf8_lossy(&ran.stderr).into_owned(),
            ),
            Err(error) => (false, String::new(), error.to_string()),
        }
    }

    /// Writes the article document as the CMS would, outside the build.
    fn document(&self, title: &str, extra: Value) -> Result<PathBuf, String> {
        let mut document = json!({
            "format": 1, "id": ID, "title": title, "section": "Business", "tags": ["APEC"],
            "summary": "What the newsroom published after the build.",
            "published": "2026-12-01T08:00:00Z",
            "hero": {"type": "image", "src": "img/guangdong-port.svg", "alt": "A port",
                     "width": 1200, "height": 675},
            "blocks": [{"type": "paragraph", "text": format!("{title}: the story.")}],
        });
        if let (Some(document), Some(extra)) = (document.as_object_mut(), extra.as_object()) {
            document.extend(extra.clone());
        }
        let cms = self.folder.with_extension("cms");
        std::fs::create_dir_all(&cms).map_err(|e| e.to_string())?;
        let path = cms.join(format!("{ID}.json"));
        std::fs::write(&path, document.to_string()).map_err(|e| e.to_string())?;
        Ok(path)
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        if let Some(host) = self.host.take() {
            host.stop();
        }
        _ = std::fs::remove_dir_all(&self.folder);
        _ = std::fs::remove_dir_all(self.folder.with_extension("cms"));
    }
}

/// Every file of `folder` and its contents.
fn tree(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_owned()];
    while let Some(next) = folders.pop() {
        for entry in std::fs::read_dir(&next).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let contents = std::fs::read(&path).unwrap_or_default();
                files.push((path, contents));
            }
        }
    }
    files.sort();
    files
}

/// What the page at `path` is as served, fetched by the page and read as a
/// crawler reads it: its status, whether it was prerendered, its `h1`, the
/// named `<meta>` and the canonical link, and the whole text.
async fn served(page: &Page, path: &str) -> Result<Value, String> {
    let answer = page
        .execute(&format!(
            "return fetch({}, {{ cache: 'no-store' }}).then(r => r.text().then(text => [r.status, text]))",
            Value::String(path.to_owned())
        ))
        .await?;
    let text = answer[1].as_str().unwrap_or_default();
    let html = scraper::Html::parse_document(text);
    let first = |css: &str, read: &dyn Fn(scraper::ElementRef) -> Option<String>| {
        scraper::Selector::parse(css)
            .ok()
            .and_then(|selector| html.select(&selector).next())
            .and_then(read)
    };
    let meta = |key: &str| {
        first(
            &format!("meta[property=\"{key}\"], meta[name=\"{key}\"]"),
            &|element| element.value().attr("content").map(str::to_owned),
        )
    };
    Ok(json!({
        "status": answer[0],
        "prerendered": first("#prerendered", &|_| Some(String::new())).is_some(),
        "headline": first("h1", &|element| Some(element.text().collect::<String>())),
        "ogTitle": meta("og:title"),
        "ogImage": meta("og:image"),
        "robots": meta("robots"),
        "canonical": first("link[rel=canonical]", &|element| element.value().attr("href").map(str::to_owned)),
        "text": text,
    }))
}

async fn an_article_published_after_the_build_is_a_page_of_its_own_everywhere(
    page: &Page,
) -> Outcome {
    let site = Site::new(page, "published")?;
    // An invalid document first: refused by its path, and the build as it was.
    let before = tree(&site.folder);
    let broken = site.document(
        TITLE,
        json!({"blocks": [{"type": "image", "alt": "no source"}]}),
    )?;
    let (ok, printed, said) = site.publish("publish", &[broken.to_str().unwrap_or_default()]);
    ensure!(
        !ok && printed.is_empty() && said.contains(&format!("{}: /blocks/0", broken.display())),
        "an invalid document is refused, naming where: {said}"
    );
    ensure!(
        tree(&site.folder) == before,
        "a refused document changes nothing in the build"
    );

    let document = site.document(TITLE, json!({}))?;
    let (ok, printed, said) = site.publish("publish", &[document.to_str().unwrap_or_default()]);
    ensure!(ok, "publishing: {said}");
    for expected in [
        &format!("articles/{ID}/index.html"),
        "index.html",
        "feed.xml",
    ] {
        ensure!(
            printed.lines().any(|line| line == expected),
            "{expected} among the files it says it changed: {printed}"
        );
    }

    page.open_url(&site.url("/")).await?;
    let article = served(page, PATH).await?;
    ensure!(
        article["status"] == 200
            && article["prerendered"] == true
            && article["headline"] == TITLE
            && article["ogTitle"] == TITLE
            && article["ogImage"] == format!("https://news.example.com/cards/{ID}.png")
            && article["canonical"] == format!("https://news.example.com{PATH}"),
        "the article is prerendered with its crawler tags: {}",
        json!({"status": article["status"], "prerendered": article["prerendered"],
               "headline": article["headline"], "ogTitle": article["ogTitle"],
               "ogImage": article["ogImage"], "canonical": article["canonical"]})
    );
    let card = page
        .execute(&format!(
            "return fetch('/cards/{ID}.png').then(r => [r.status, r.headers.get('content-type')])"
        ))
        .await?;
    ensure!(card == json!([200, "image/png"]), "its social card: {card}");

    // The front page's first card, the section's, and the feed.
    page.open_url(&site.url("/")).await?;
    page.wait_for_text(".front-page .card-title", TITLE).await?;
    page.open_url(&site.url("/sections/business")).await?;
    page.wait_for_text(".listing .card-title", TITLE).await?;
    let feed = served(page, "/feed.xml").await?;
    ensure!(
        feed["text"]
            .as_str()
            .is_some_and(|feed| feed.contains(&format!("<title>{TITLE}</title>"))),
        "the feed carries it"
    );

    // Its embed works: the page partners frame, and the oEmbed document.
    let embed = served(page, &format!("/embed/{ID}")).await?;
    ensure!(
        embed["status"] == 200 && embed["headline"] == TITLE,
        "its embed page: {} {}",
        embed["status"],
        embed["headline"]
    );
    let oembed = page
        .execute(&format!(
            "return fetch('/oembed/{ID}.json').then(r => r.json()).then(d => [d.type, d.title])"
        ))
        .await?;
    ensure!(
        oembed == json!(["rich", TITLE]),
        "its oEmbed document: {oembed}"
    );
    Ok(())
}

/// A site of the scenario's own with the article published after its
/// build, and read there by a reader whose device keeps it.
async fn published_and_read(page: &Page, name: &str) -> Result<Site, String> {
    let site = Site::new(page, name)?;
    let document = site.document(TITLE, json!({}))?;
    let (ok, _, said) = site.publish("publish", &[document.to_str().unwrap_or_default()]);
    ensure!(ok, "publishing: {said}");
    page.open_url(&site.url(PATH)).await?;
    page.wait_for_text("h1.headline", TITLE).await?;
    until_kept_offline(page, &format!("/articles/{ID}.json")).await?;
    Ok(site)
}

async fn a_correction_reaches_readers_who_read_or_hold_the_article(page: &Page) -> Outcome {
    let site = published_and_read(page, "corrected").await?;
    let page_as_read = std::fs::read(site.folder.join(format!("articles/{ID}/index.html")))
        .map_err(|e| e.to_string())?;

    // Hosts tell a file's versions apart by its time to the second
    // (Last-Modified), and browsers ask by it: a correction comes minutes
    // later, not within the second the reader read it.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let corrected = site.document(CORRECTED, json!({"updated": "2026-12-01T10:00:00Z"}))?;
    let (ok, _, said) = site.publish("publish", &[corrected.to_str().unwrap_or_default()]);
    ensure!(ok, "correcting: {said}");

    // The reader comes back: the corrected text, and the device keeps it.
    page.open_url(&site.url(PATH)).await?;
    page.wait_for_text("h1.headline", CORRECTED)
        .await
        .map_err(|e| format!("a reader who read the article comes back: {e}"))?;
    page.wait_for_script(&format!(
        "return caches.open('broadsheet-documents').then(c => c.match('/articles/{ID}.json')) \
           .then(r => r ? r.text() : '').then(t => t.includes({}) || null)",
        Value::String(CORRECTED.to_owned())
    ))
    .await
    .map_err(|e| format!("the device keeps the corrected article: {e}"))?;

    // A reader given the page as it was before (a cache between, a copy
    // kept): it shows what it holds, then the correction, in place.
    for suffix in ["", ".br", ".gz"] {
        _ = std::fs::remove_file(
            site.folder
                .join(format!("articles/{ID}/index.html{suffix}")),
        );
    }
    std::fs::write(
        site.folder.join(format!("articles/{ID}/index.html")),
        &page_as_read,
    )
    .map_err(|e| e.to_string())?;
    page.open_url(&site.url(PATH)).await?;
    page.wait_for_text("h1.headline", CORRECTED)
        .await
        .map_err(|e| format!("a reader given the page as it was: {e}"))?;
    let body = page.text(".article-body").await?;
    ensure!(
        body.contains(&format!("{CORRECTED}: the story.")),
        "the corrected text, not only its headline: {body}"
    );
    nothing_moved(page, "showing the correction in place").await
}

async fn a_withdrawn_article_answers_410_and_leaves_every_list_and_the_device(
    page: &Page,
) -> Outcome {
    let site = published_and_read(page, "withdrawn").await?;

    let (ok, printed, said) = site.publish("withdraw", &[ID]);
    ensure!(
        ok && printed.contains(&format!("withdrawn/{ID}.html")),
        "withdrawing: {said}"
    );

    page.open_url(&site.url(PATH)).await?;
    page.wait_for_text("h1", "This article was withdrawn")
        .await?;
    let answer = served(page, PATH).await?;
    ensure!(
        answer["status"] == 410 && answer["robots"] == "noindex",
        "the article's address answers 410, noindex: {} {}",
        answer["status"],
        answer["robots"]
    );
    // Gone from the device: neither its page nor its document is kept.
    page.wait_for_script(&format!(
        "return caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k) \
           .then(c => Promise.all([c.match('{PATH}'), c.match('/articles/{ID}.json')]))))) \
           .then(found => found.flat().every(r => !r) || null)"
    ))
    .await
    .map_err(|e| format!("the device still keeps the withdrawn article: {e}"))?;
    // Gone from the lists, the feed and the sitemap.
    for listed in [
        "/",
        "/sections/business",
        "/tags/apec",
        "/feed.xml",
        "/sitemaps/articles-1.xml",
        "/articles/index.json",
    ] {
        let answer = served(page, listed).await?;
        ensure!(
            answer["status"] == 200
                && answer["text"]
                    .as_str()
                    .is_some_and(|text| !text.contains(ID)),
            "{listed} no longer names the article"
        );
    }
    page.open_url(&site.url("/")).await?;
    let titles = page.texts(".front-page .card-title").await?;
    ensure!(
        !titles.iter().any(|title| title == TITLE),
        "the front page: {titles:?}"
    );
    Ok(())
}
