//! The one place that fetches content. It knows where the content lives (the
//! content base URL, configurable in `index.html` without a rebuild), turns
//! network and HTTP failures into a [`LoadError`] a reader can act on, and hands
//! documents to the model to decode.

use crate::i18n::Strings;
use crate::model::{self, Article, ArticleId, DocumentError, FrontPageIndex, MediaUrl, Site};

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
        let configured = web_sys::window()
            .and_then(|window| window.document())
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
        self.file(&format!("articles/{id}.json"))
    }

    /// The front page's index of articles.
    pub fn index(&self) -> String {
        self.file("articles/index.json")
    }

    /// The publication's `site.json`.
    pub fn site(&self) -> String {
        self.file("site.json")
    }
}

/// Why content could not be shown, in the terms a reader can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No such article (404, or an id that cannot exist).
    NotFound,
    /// The article was taken down (410).
    Withdrawn,
    /// The reader's device has no network.
    Offline,
    /// The request did not reach the server or got no answer.
    Unreachable(String),
    /// No answer in time: within [`FETCH_TIMEOUT_MS`] (no status), or a
    /// gateway in front of the newsroom's server gave up waiting for it (504).
    TimedOut(Option<u16>),
    /// The server asks readers to come back later (429).
    Busy,
    /// The server answered with an error status.
    Server(u16),
    /// The document arrived but cannot be read.
    Unreadable(DocumentError),
}

impl LoadError {
    /// A short headline for the reader, in the interface's language.
    pub fn headline(&self, t: &Strings) -> &'static str {
        match self {
            LoadError::NotFound => t.error_not_found,
            LoadError::Withdrawn => t.error_withdrawn,
            LoadError::Offline => t.error_offline,
            LoadError::Unreachable(_) => t.error_unreachable,
            LoadError::TimedOut(_) => t.error_timed_out,
            LoadError::Busy => t.error_busy,
            LoadError::Server(_) => t.error_server,
            LoadError::Unreadable(_) => t.error_unreadable,
        }
    }

    /// What happened and what the reader can do about it.
    pub fn advice(&self, t: &Strings) -> &'static str {
        match self {
            LoadError::NotFound => t.advice_not_found,
            LoadError::Withdrawn => t.advice_withdrawn,
            LoadError::Offline => t.advice_offline,
            LoadError::Unreachable(_) => t.advice_unreachable,
            LoadError::TimedOut(_) => t.advice_timed_out,
            LoadError::Busy => t.advice_busy,
            LoadError::Server(_) => t.advice_server,
            LoadError::Unreadable(_) => t.advice_unreadable,
        }
    }

    /// The technical detail, for the console and the newsroom.
    pub fn detail(&self, t: &Strings) -> Option<String> {
        match self {
            LoadError::NotFound | LoadError::Withdrawn | LoadError::Offline => None,
            LoadError::TimedOut(None) => {
                Some(format!("no answer within {} s", FETCH_TIMEOUT_MS / 1000))
            }
            LoadError::TimedOut(Some(status)) => Some((t.http_status)(*status)),
            LoadError::Busy => Some((t.http_status)(429)),
            LoadError::Unreachable(reason) => Some(reason.clone()),
            LoadError::Server(status) => Some((t.http_status)(*status)),
            LoadError::Unreadable(error) => Some(error.to_string()),
        }
    }

    /// What an HTTP status means for the reader; `None` for success.
    pub fn for_status(status: u16) -> Option<LoadError> {
        match status {
            200..=299 => None,
            404 => Some(LoadError::NotFound),
            410 => Some(LoadError::Withdrawn),
            429 => Some(LoadError::Busy),
            // The gateway in front of the newsroom's server (nginx with
            // deploy/nginx/cms-upstream.conf) gave up waiting for it.
            504 => Some(LoadError::TimedOut(Some(504))),
            status => Some(LoadError::Server(status)),
        }
    }

    pub fn is_retryable(&self) -> bool {
        !matches!(self, LoadError::NotFound | LoadError::Withdrawn)
    }
}

fn browser_is_offline() -> bool {
    web_sys::window().is_some_and(|window| !window.navigator().on_line())
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
}

impl Freshness {
    fn request_cache(self) -> web_sys::RequestCache {
        match self {
            Freshness::Usual => web_sys::RequestCache::Default,
            Freshness::FromHost => web_sys::RequestCache::Reload,
        }
    }
}

/// The `<script type="application/json">` attribute under which a prerendered
/// page carries the documents it was rendered from, keyed by their URL.
pub const EMBEDDED_DOCUMENT_ATTRIBUTE: &str = "data-broadsheet-document";

/// A document the prerendered page carries, taken once: the app renders its
/// first view from exactly what the page shows, without a second download,
/// and a Retry afterwards goes to the network.
fn take_embedded_document(url: &str) -> Option<String> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let document = web_sys::window()?.document()?;
    let selector = format!("script[{EMBEDDED_DOCUMENT_ATTRIBUTE}]");
    let scripts = document.query_selector_all(&selector).ok()?;
    (0..scripts.length())
        .filter_map(|i| scripts.item(i))
        .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
        .find(|script| script.get_attribute(EMBEDDED_DOCUMENT_ATTRIBUTE).as_deref() == Some(url))
        .and_then(|script| {
            script.remove();
            script.text_content()
        })
}

/// How long a reader waits for a document before being told, and offered Retry.
pub const FETCH_TIMEOUT_MS: i32 = 20_000;

/// The deadline of one fetch. It aborts the fetch when time is up, and when
/// it is dropped: the app drops a load whose page the reader has left, so a
/// slow answer for an old route is never waited for, let alone shown.
struct Deadline {
    controller: Option<web_sys::AbortController>,
    timer: Option<i32>,
    timed_out: std::rc::Rc<std::cell::Cell<bool>>,
    _on_timeout: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
}

impl Deadline {
    fn start(milliseconds: i32) -> Deadline {
        use wasm_bindgen::JsCast;
        let controller = web_sys::AbortController::new().ok();
        let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
        let on_timeout = controller.clone().map(|controller| {
            let timed_out = timed_out.clone();
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        });
        let timer = on_timeout.as_ref().and_then(|on_timeout| {
            web_sys::window()?
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    on_timeout.as_ref().unchecked_ref(),
                    milliseconds,
                )
                .ok()
        });
        Deadline {
            controller,
            timer,
            timed_out,
            _on_timeout: on_timeout,
        }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller
            .as_ref()
            .map(web_sys::AbortController::signal)
    }

    fn passed(&self) -> bool {
        self.timed_out.get()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(timer), Some(window)) = (self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }
}

/// Fetches a content file and returns its text, or the reason it could not.
async fn fetch_text(url: &str, freshness: Freshness) -> Result<String, LoadError> {
    if freshness == Freshness::Usual {
        if let Some(text) = take_embedded_document(url) {
            return Ok(text);
        }
    }
    let deadline = Deadline::start(FETCH_TIMEOUT_MS);
    let failed = |error: gloo_net::Error| {
        if deadline.passed() {
            LoadError::TimedOut(None)
        } else if browser_is_offline() {
            LoadError::Offline
        } else {
            LoadError::Unreachable(error.to_string())
        }
    };
    // Offline, the service worker may still hold a copy: always ask.
    let response = gloo_net::http::Request::get(url)
        .cache(freshness.request_cache())
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(failed)?;
    match LoadError::for_status(response.status()) {
        None => response.text().await.map_err(failed),
        Some(error) => Err(error),
    }
}

fn report_problems(url: &str, problems: &[String]) {
    for problem in problems {
        leptos::logging::warn!("{url}: skipped {problem}");
    }
}

fn unreadable(url: &str, error: DocumentError) -> LoadError {
    leptos::logging::error!("{url}: refused: {error}");
    LoadError::Unreadable(error)
}

pub async fn fetch_article(
    base: &ContentBase,
    id: &str,
    freshness: Freshness,
) -> Result<Article, LoadError> {
    let id = ArticleId::parse(id).map_err(|_| LoadError::NotFound)?;
    let url = base.article(&id);
    let text = fetch_text(&url, freshness).await?;
    let article = model::decode_article(&text).map_err(|error| unreadable(&url, error))?;
    report_problems(&url, &article.problems());
    crate::pwa::keep_for_offline(url, text);
    Ok(article)
}

pub async fn fetch_index(
    base: &ContentBase,
    freshness: Freshness,
) -> Result<FrontPageIndex, LoadError> {
    let url = base.index();
    let text = fetch_text(&url, freshness).await?;
    let index = model::decode_index(&text).map_err(|error| unreadable(&url, error))?;
    report_problems(&url, &index.problems());
    crate::pwa::keep_for_offline(url, text);
    Ok(index)
}

pub async fn fetch_site(base: &ContentBase) -> Result<Site, LoadError> {
    let url = base.site();
    let text = fetch_text(&url, Freshness::Usual).await?;
    let site = model::decode_site(&text).map_err(|error| unreadable(&url, error))?;
    crate::pwa::keep_for_offline(url, text);
    Ok(site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_errors_speak_the_interface_language() {
        use crate::i18n::Locale;
        let (en, zh) = (Locale::En.strings(), Locale::ZhHans.strings());
        assert_eq!(LoadError::Offline.headline(en), "You are offline");
        assert_eq!(LoadError::Offline.headline(zh), zh.error_offline);
        assert_eq!(LoadError::Server(503).advice(zh), zh.advice_server);
        assert_eq!(
            LoadError::Server(503).detail(en).as_deref(),
            Some("HTTP status 503")
        );
        assert_eq!(LoadError::NotFound.detail(zh), None);
    }

    #[test]
    fn each_failing_status_has_its_own_meaning() {
        assert_eq!(LoadError::for_status(200), None);
        assert_eq!(LoadError::for_status(404), Some(LoadError::NotFound));
        assert_eq!(LoadError::for_status(410), Some(LoadError::Withdrawn));
        assert_eq!(LoadError::for_status(429), Some(LoadError::Busy));
        assert_eq!(LoadError::for_status(502), Some(LoadError::Server(502)));
        let gateway = LoadError::for_status(504).unwrap();
        let en = crate::i18n::Locale::En.strings();
        assert_eq!(gateway.headline(en), "The newsroom is taking too long");
        assert_eq!(gateway.detail(en).as_deref(), Some("HTTP status 504"));
        assert!(gateway.is_retryable());
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
