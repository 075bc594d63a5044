//! Every address the product owns, one function or constant each: the pages
//! the router knows, the embed page and oEmbed document of an article, the
//! scripts served at fixed addresses, and an article's public URL. The
//! router, the views, the prerenderer and the service worker all ask here, so
//! an address changes in one place.

use crate::model::{Article, ArticleId, Site};

/// The front page.
pub const FRONT_PAGE: &str = "/";

/// The first segment of every article's address, `/articles/{id}`.
pub const ARTICLE_SEGMENT: &str = "articles";

/// The name of the router's parameter that holds the article's id.
pub const ARTICLE_ID_PARAM: &str = "id";

const EMBED_PREFIX: &str = "/embed/";
const OEMBED_PREFIX: &str = "/oembed/";

/// The service worker's address (the prerenderer writes it there).
pub const SERVICE_WORKER: &str = "/sw.js";

/// The partners' loader, at a fixed address that partners' pages name.
pub const EMBED_LOADER: &str = "/embed.js";

/// The embed page's one script.
pub const EMBED_FRAME_SCRIPT: &str = "/embed-frame.js";

/// The shell page for every route without a page of its own.
pub const APP_SHELL: &str = "/app.html";

/// Where an article lives in the app: `/articles/{id}`.
pub fn article_route(id: &ArticleId) -> String {
    format!("/{ARTICLE_SEGMENT}/{}", id.as_str())
}

/// The article id of a path or link in the app, when it is an article's.
pub fn article_id_of_route(path: &str) -> Option<ArticleId> {
    let id = path
        .strip_prefix('/')?
        .strip_prefix(ARTICLE_SEGMENT)?
        .strip_prefix('/')?
        .trim_end_matches('/');
    ArticleId::parse(id).ok()
}

/// Where an article's embed page lives: `/embed/{id}`.
pub fn embed_route(id: &ArticleId) -> String {
    format!("{EMBED_PREFIX}{}", id.as_str())
}

/// Where an article's oEmbed document lives: `/oembed/{id}.json`.
pub fn oembed_route(id: &ArticleId) -> String {
    format!("{OEMBED_PREFIX}{}.json", id.as_str())
}

/// The publication's own address (`site.json`'s `base_url`), without a
/// trailing `/`; `None` when site.json gives none.
pub fn publication_base(site: Option<&Site>) -> Option<&str> {
    site?
        .base_url
        .as_ref()
        .map(|base| base.as_str().trim_end_matches('/'))
}

/// `url` made absolute against `base` (an origin or the publication's
/// address), for readers of tags out of context: crawlers, share targets.
/// Absolute URLs stay as they are; without a base, the path is returned.
pub fn absolute_url(url: &str, base: Option<&str>) -> String {
    if url.starts_with("http://") || url.starts_with("https://") {
        return url.to_owned();
    }
    let base = base.unwrap_or_default().trim_end_matches('/');
    format!("{base}/{}", url.trim_start_matches('/'))
}

/// An article's public address: its canonical URL where the newsroom gives
/// one, else its route under `base` (the publication's address, or the origin
/// the reader has open), else its route alone.
pub fn public_article_url(article: &Article, base: Option<&str>) -> String {
    match &article.canonical_url {
        Some(canonical) => canonical.as_str().to_owned(),
        None => absolute_url(&article_route(&article.id), base),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> ArticleId {
        ArticleId::parse("seed-story").unwrap()
    }

    #[test]
    fn routes_and_ids_round_trip() {
        assert_eq!(article_route(&id()), "/articles/seed-story");
        assert_eq!(article_id_of_route("/articles/seed-story/"), Some(id()));
        assert_eq!(article_id_of_route("/embed/seed-story"), None);
        assert_eq!(embed_route(&id()), "/embed/seed-story");
        assert_eq!(oembed_route(&id()), "/oembed/seed-story.json");
    }

    #[test]
    fn urls_are_made_absolute_against_a_base() {
        assert_eq!(
            absolute_url("/articles/a", Some("https://news.example.com/")),
            "https://news.example.com/articles/a"
        );
        assert_eq!(
            absolute_url("https://cdn.example.com/a.png", Some("https://x")),
            "https://cdn.example.com/a.png"
        );
        assert_eq!(absolute_url("/articles/a", None), "/articles/a");
    }
}
