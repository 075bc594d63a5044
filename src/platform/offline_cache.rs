//! The Cache API as the page and the service worker share it: the names of
//! the caches (the prerenderer writes the same names into `sw.js`), keeping a
//! document the reader has read, saving a whole article with its pictures,
//! and asking whether an address is kept.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The cache of documents and pages (network first, then the last copy).
pub const DOCUMENT_CACHE: &str = "broadsheet-documents";
/// The cache of pictures (cache first, bounded).
pub const MEDIA_CACHE: &str = "broadsheet-media";
/// The app shell's caches are named this plus the build's version.
pub const SHELL_CACHE_PREFIX: &str = "broadsheet-shell-";
/// What the page posts to a waiting service worker when the reader accepts
/// the new version.
pub const ACTIVATE_MESSAGE: &str = "broadsheet:activate";

/// Keeps a document the reader has read (an article, the index, site.json)
/// in the service worker's cache, so that it opens offline. A document the app
/// took from the page's embedded copy, or fetched before the service worker
/// was in control, would otherwise be missing there. It is stored from the
/// text in hand: no second download. Failures (no Cache API, a full disk) cost
/// only the copy.
pub fn keep_for_offline(url: String, text: String) {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    leptos::task::spawn_local(async move {
        let Some(cache) = open_cache(DOCUMENT_CACHE).await else {
            return;
        };
        let kept = JsFuture::from(cache.match_with_str(&url)).await;
        if !kept.is_ok_and(|response| response.is_undefined()) {
            return;
        }
        let init = web_sys::ResponseInit::new();
        let headers = web_sys::Headers::new();
        if let Ok(headers) = &headers {
            _ = headers.set("Content-Type", "application/json");
            init.set_headers(headers);
        }
        if let Ok(response) = web_sys::Response::new_with_opt_str_and_init(Some(&text), &init) {
            _ = JsFuture::from(cache.put_with_str(&url, &response)).await;
        }
    });
}

/// One of the service worker's caches, opened from the page; `None` where the
/// browser keeps no caches for it.
async fn open_cache(name: &str) -> Option<web_sys::Cache> {
    let caches = super::browser_window()?.caches().ok()?;
    let cache = JsFuture::from(caches.open(name)).await.ok()?;
    Some(cache.unchecked_into())
}

/// Whether any cache of this site keeps `url`.
pub async fn is_kept(url: &str) -> bool {
    let Some(caches) = super::browser_window().and_then(|window| window.caches().ok()) else {
        return false;
    };
    match JsFuture::from(caches.match_with_str(url)).await {
        Ok(response) => !response.is_undefined(),
        Err(_) => false,
    }
}

/// Why an article could not be saved for offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// The browser keeps no caches for this page (private mode, old browser).
    Unsupported,
    /// The device's storage for this site is full.
    StorageFull,
    /// A picture could not be downloaded.
    Download,
}

/// Saves an article for offline reading: its page and document (the reader
/// has them already) and every picture in it, fetched now.
pub async fn save_for_offline(
    pages: Vec<String>,
    pictures: Vec<String>,
) -> Result<(), SaveFailure> {
    let documents = open_cache(DOCUMENT_CACHE)
        .await
        .ok_or(SaveFailure::Unsupported)?;
    let media = open_cache(MEDIA_CACHE)
        .await
        .ok_or(SaveFailure::Unsupported)?;
    for (cache, urls) in [(documents, pages), (media, pictures)] {
        let list = urls.iter().map(JsValue::from).collect::<js_sys::Array>();
        JsFuture::from(cache.add_all_with_str_sequence(&list))
            .await
            .map_err(|error| {
                let quota = error
                    .dyn_ref::<web_sys::DomException>()
                    .is_some_and(|exception| exception.name() == "QuotaExceededError");
                if quota {
                    SaveFailure::StorageFull
                } else {
                    SaveFailure::Download
                }
            })?;
    }
    Ok(())
}
