//! The one place that fetches content. It knows where the content lives (the
//! content base URL, configurable in `index.html` without a rebuild), takes
//! the documents a prerendered page carries ([`embedded`]), fetches the rest
//! with a deadline ([`fetch`]), turns network and HTTP failures into a
//! [`LoadError`], hands documents to the model to decode, and keeps what the
//! reader read for offline. It has no reader-facing words: those are the
//! status view's.

pub mod embedded;
mod error;
mod fetch;

pub use error::LoadError;
pub use fetch::FETCH_TIMEOUT_MS;

use crate::model::{self, Article, ArticleId, DocumentError, IndexPage, MediaUrl, Site};
use crate::platform::offline_cache::{forget_offline, keep_current_for_offline, keep_for_offline};
use crate::routes::{article_route, ListPage, Listing, ARCHIVE_SEGMENT};
use fetch::fetch_text;

/// The `<meta name=…>` in `index.html` that points the app at other content.
pub const CONTENT_BASE_META: &str = "broadsheet:content-base";

/// Where the content files live: an absolute URL or an origin-relative path,
/// always ending in `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentBase(String);

impl Default for ContentBase {
    fn default() -> Self {
        ContentBase("/".to_owned())
    }
}

impl ContentBase {
    pub fn new(configured: &str) -> Self {
        let configured = configured.trim();
        if configured.is_empty() {
            return ContentBase::default();
        }
        let mut base = configured.to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        ContentBase(base)
    }

    /// Reads the base from the page's `<meta>`, defaulting to the app's own origin.
    pub fn from_document() -> Self {
        let configured = crate::platform::browser_document()
            .and_then(|document| {
                document
                    .query_selector(&format!("meta[name=\"{CONTENT_BASE_META}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|meta| meta.get_attribute("content"));
        ContentBase::new(configured.as_deref().unwrap_or(""))
    }

    /// The URL of a content file, such as `articles/index.json`.
    pub fn file(&self, relative_path: &str) -> String {
        format!("{}{}", self.0, relative_path.trim_start_matches('/'))
    }

    /// The URL of a media file named by a document: absolute URLs and
    /// origin-relative paths as they are, the rest relative to the content base.
    pub fn media(&self, source: &MediaUrl) -> String {
        if source.is_relative() && !source.as_str().starts_with('/') {
            self.file(source.as_str())
        } else {
            source.as_str().to_owned()
        }
    }

    pub fn article(&self, id: &ArticleId) -> String {
        self.file(&article_document(id))
    }

    /// A page of a list of articles ([`listing_document`]).
    pub fn listing(&self, listing: &Listing, page: ListPage) -> String {
        self.file(&listing_document(listing, page))
    }

    /// The publication's `site.json`.
    pub fn site(&self) -> String {
        self.file(SITE_DOCUMENT)
    }
}

/// The publication's document, relative to the content base.
pub const SITE_DOCUMENT: &str = "site.json";

/// The front page's first page of articles, relative to the content base.
pub const INDEX_DOCUMENT: &str = "articles/index.json";

/// A page of a list of articles, relative to the content base: the newest
/// at `{list}.json`, the archive's at `{list}/archive/{n}.json`, where the
/// list is `articles/index` (the front page), `sections/{slug}` or
/// `tags/{slug}`. A slug's letters stay as they are: the host finds the file
/// by the decoded path.
pub fn listing_document(listing: &Listing, page: ListPage) -> String {
    let list = match listing {
        Listing::Front => INDEX_DOCUMENT.trim_end_matches(".json").to_owned(),
        Listing::Section(slug) => format!("sections/{slug}"),
        Listing::Tag(slug) => format!("tags/{slug}"),
    };
    match page {
        ListPage::Newest => format!("{list}.json"),
        ListPage::Archive(number) => format!("{list}/{ARCHIVE_SEGMENT}/{number}.json"),
    }
}

/// An article's document, relative to the content base.
pub fn article_document(id: &ArticleId) -> String {
    format!("articles/{id}.json")
}

/// How far a fetch may trust the browser's HTTP cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Freshness {
    /// The browser's usual rules (the host marks content `no-cache`, so it revalidates).
    #[default]
    Usual,
    /// Straight from the host, past any cached copy: what a reader means by
    /// Retry, even when the fixed file has the same timestamp as the broken one.
    FromHost,
    /// The host's copy, past the service worker's copies, and the browser's
    /// confirmed with the host first (`no-cache`, which the worker leaves to
    /// the network: a conditional request, a few bytes when nothing
    /// changed): whether a prerendered page's document was corrected since.
    Confirmed,
}

impl Freshness {
    pub(crate) fn request_cache(self) -> web_sys::RequestCache {
        match self {
            Freshness::Usual => web_sys::RequestCache::Default,
            Freshness::FromHost => web_sys::RequestCache::Reload,
            Freshness::Confirmed => web_sys::RequestCache::NoCache,
        }
    }
}

fn report_problems(url: &str, problems: &[String]) {
    for problem in problems {
        leptos::logging::warn!("{url}: skipped {problem}");
    }
}

fn unreadable(url: &str, error: DocumentError) -> LoadError {
    leptos::logging::error!("{url}: refused: {error}");
    error.into()
}

pub async fn fetch_article(
    base: &ContentBase,
    id: &str,
    freshness: Freshness,
) -> Result<Article, LoadError> {
    let id = ArticleId::parse(id).map_err(|_| LoadError::NotFound)?;
    let url = base.article(&id);
    let text = match fetch_text(&url, freshness).await {
        Ok(text) => text,
        Err(gone @ (LoadError::NotFound | LoadError::Withdrawn)) => {
            // A copy kept on the device would go on showing what the newsroom
            // took down, offline and whenever the network is slow.
            forget_offline(vec![url, article_route(&id)]);
            return Err(gone);
        }
        Err(error) => return Err(error),
    };
    let article = model::decode_article(&text).map_err(|error| unreadable(&url, error))?;
    report_problems(&url, &article.problems());
    keep_for_offline(url, text);
    Ok(article)
}

/// How the newsroom's article compares with the one a page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SinceShown {
    /// The same, or the host could not be asked: nothing to do.
    Same,
    /// Corrected since: the next load of the article (the app's) takes the
    /// newer copy at once, without a second download.
    Corrected,
    /// Withdrawn since (404 or 410): the copies kept for offline are gone.
    Gone,
}

/// Whether article `id`, which a page shows as `shown` (the document it
/// was prerendered from), has been corrected or withdrawn since, as the
/// host has it now.
pub async fn article_since(base: &ContentBase, id: &ArticleId, shown: &Article) -> SinceShown {
    let url = base.article(id);
    match fetch_text(&url, Freshness::Confirmed).await {
        Ok(text) => match model::decode_article(&text) {
            Ok(current) => {
                let corrected = current != *shown;
                if corrected {
                    embedded::embed_document(&url, &text);
                }
                // The host's copy, asked past the service worker, is the one
                // to read offline.
                keep_current_for_offline(url, text);
                if corrected {
                    SinceShown::Corrected
                } else {
                    SinceShown::Same
                }
            }
            Err(_) => SinceShown::Same,
        },
        Err(LoadError::NotFound | LoadError::Withdrawn) => {
            forget_offline(vec![url, article_route(id)]);
            SinceShown::Gone
        }
        Err(_) => SinceShown::Same,
    }
}

pub async fn fetch_listing(
    base: &ContentBase,
    listing: &Listing,
    page: ListPage,
    freshness: Freshness,
) -> Result<IndexPage, LoadError> {
    let url = base.listing(listing, page);
    let text = fetch_text(&url, freshness).await?;
    let index = model::decode_index(&text).map_err(|error| unreadable(&url, error))?;
    report_problems(&url, &index.problems());
    keep_for_offline(url, text);
    Ok(index)
}

pub async fn fetch_site(base: &ContentBase) -> Result<Site, LoadError> {
    let url = base.site();
    let text = fetch_text(&url, Freshness::Usual).await?;
    let site = model::decode_site(&text).map_err(|error| unreadable(&url, error))?;
    keep_for_offline(url, text);
    Ok(site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failing_status_has_its_own_meaning() {
        assert_eq!(LoadError::for_status(200), None);
        assert_eq!(LoadError::for_status(404), Some(LoadError::NotFound));
        assert_eq!(LoadError::for_status(410), Some(LoadError::Withdrawn));
        assert_eq!(LoadError::for_status(429), Some(LoadError::Busy));
        assert_eq!(LoadError::for_status(502), Some(LoadError::Server(502)));
        let gateway = LoadError::for_status(504).unwrap();
        assert_eq!(gateway, LoadError::TimedOut(Some(504)));
        assert!(gateway.is_retryable());
    }

    #[test]
    fn each_page_of_a_list_is_a_document_of_its_own() {
        assert_eq!(
            listing_document(&Listing::Front, ListPage::Newest),
            INDEX_DOCUMENT
        );
        assert_eq!(
            listing_document(&Listing::Front, ListPage::Archive(2)),
            "articles/index/archive/2.json"
        );
        let section = Listing::Section("business".to_owned());
        assert_eq!(
            listing_document(&section, ListPage::Newest),
            "sections/business.json"
        );
        assert_eq!(
            listing_document(&section, ListPage::Archive(4)),
            "sections/business/archive/4.json"
        );
        let tag = Listing::Tag("本地".to_owned());
        assert_eq!(listing_document(&tag, ListPage::Newest), "tags/本地.json");
    }

    #[test]
    fn content_base_defaults_to_the_app_origin() {
        let base = ContentBase::new("");
        assert_eq!(base.file("site.json"), "/site.json");
        assert_eq!(
            base.media(&MediaUrl::parse("img/a.svg").unwrap()),
            "/img/a.svg"
        );
    }

    #[test]
    fn content_base_can_point_at_a_cdn() {
        let base = ContentBase::new("https://cdn.example.com/news");
        assert_eq!(
            base.file("articles/index.json"),
            "https://cdn.example.com/news/articles/index.json"
        );
        assert_eq!(
            base.media(&MediaUrl::parse("img/a.svg").unwrap()),
            "https://cdn.example.com/news/img/a.svg"
        );
        assert_eq!(
            base.media(&MediaUrl::parse("https://img.example.com/b.jpg").unwrap()),
            "https://img.example.com/b.jpg"
        );
        assert_eq!(
            base.media(&MediaUrl::parse("/static/c.png").unwrap()),
            "/static/c.png"
        );
    }
}
