//! The Cache API as the page and the service worker share it: the names of
//! the caches and the tracking parameters left out of their keys (the
//! prerenderer writes the same into `sw.js`), keeping a document the reader
//! has read, saving a whole article with its pictures, forgetting one the
//! newsroom took down, asking whether an address is kept, and asking the
//! worker whether a copy it handed out has been withdrawn since.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The cache of documents and pages the reader read (network first, then the
/// last copy), bounded: the oldest go first.
pub const DOCUMENT_CACHE: &str = "broadsheet-documents";
/// The cache of pictures (cache first, bounded).
pub const MEDIA_CACHE: &str = "broadsheet-media";
/// The articles the reader saved, with their pictures: never evicted by
/// reading, only emptied by the reader (or a 404 or 410 from the newsroom).
pub const SAVED_CACHE: &str = "broadsheet-saved";
/// The app shell's caches are named this plus the build's version.
pub const SHELL_CACHE_PREFIX: &str = "broadsheet-shell-";
/// What the page posts to a waiting service worker when the reader accepts
/// the new version.
pub const ACTIVATE_MESSAGE: &str = "broadsheet:activate";
/// What the page asks the service worker, with the addresses it shows and a
/// port for the answer: whether a copy of them, handed out while the network
/// was slow, has since been withdrawn by the newsroom.
pub const WITHDRAWN_QUESTION: &str = "broadsheet:withdrawn?";
/// What a prerendered page's loader posts to the service worker, with the
/// page's address and the documents it carries: keep them as read, the app
/// awake or not (`islands/loader.js`).
pub const KEEP_MESSAGE: &str = "broadsheet:keep";

/// Query parameters that say where a reader came from, not what they read:
/// left out of cache keys, so that a link from a newsletter and one from a
/// search engine share one copy. A name ending in `*` stands for every name
/// it begins.
pub const TRACKING_PARAMETERS: &[&str] = &[
    "utm_*", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "ref_src",
];

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    TRACKING_PARAMETERS
        .iter()
        .any(|tracking| match tracking.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => name == *tracking,
        })
}

/// The key an address is kept under: without its fragment and its tracking
/// parameters, the rest as it is. `sw.js` keys its copies the same way.
pub fn offline_key(url: &str) -> String {
    let url = url.split_once('#').map_or(url, |(url, _)| url);
    let Some((address, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| !is_tracking(pair.split_once('=').map_or(*pair, |(name, _)| name)))
        .collect();
    if kept.is_empty() {
        address.to_owned()
    } else {
        format!("{address}?{}", kept.join("&"))
    }
}

/// Keeps a document the reader has read (an article, the index, site.json)
/// in the service worker's cache, so that it opens offline. A document the app
/// took from the page's embedded copy, or fetched before the service worker
/// was in control, would otherwise be missing there. It is stored from the
/// text in hand: no second download. Failures (no Cache API, a full disk) cost
/// only the copy.
pub fn keep_for_offline(url: String, text: String) {
    keep(url, text, false);
}

/// [`keep_for_offline`] in place of the copy kept, if any: `text` is what
/// the host has now (a page asked it past the service worker).
pub fn keep_current_for_offline(url: String, text: String) {
    keep(url, text, true);
}

fn keep(url: String, text: String, replace: bool) {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let key = offline_key(&url);
    leptos::task::spawn_local(async move {
        let Some(cache) = open_cache(DOCUMENT_CACHE).await else {
            return;
        };
        if !replace {
            let kept = JsFuture::from(cache.match_with_str(&key)).await;
            if !kept.is_ok_and(|response| response.is_undefined()) {
                return;
            }
        }
        let init = web_sys::ResponseInit::new();
        let headers = web_sys::Headers::new();
        if let Ok(headers) = &headers {
            _ = headers.set("Content-Type", "application/json");
            init.set_headers(headers);
        }
        if let Ok(response) = web_sys::Response::new_with_opt_str_and_init(Some(&text), &init) {
            _ = JsFuture::from(cache.put_with_str(&key, &response)).await;
        }
    });
}

/// Drops addresses from every cache of read and saved articles: the newsroom
/// answered 404 or 410 for the article, and a copy kept on the device would
/// go on showing what was taken down.
pub fn forget_offline(urls: Vec<String>) {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    leptos::task::spawn_local(async move {
        for name in [DOCUMENT_CACHE, SAVED_CACHE] {
            let Some(cache) = open_cache(name).await else {
                return;
            };
            for url in &urls {
                _ = JsFuture::from(cache.delete_with_str(&offline_key(url))).await;
            }
        }
    });
}

/// Whether the service worker, having handed out a kept copy of one of
/// `addresses` while the network was slow, has since heard from the network
/// that the newsroom withdrew it (it has dropped the copies already). Waits
/// for that answer; `false` without a controlling worker.
pub async fn withdrawn_since_kept(addresses: &[String]) -> bool {
    let Some(window) = super::browser_window() else {
        return false;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(navigator.as_ref(), &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
    {
        return false;
    }
    let Some(worker) = navigator.service_worker().controller() else {
        return false;
    };
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return false;
    };
    let port = channel.port1();
    let answer = js_sys::Promise::new(&mut |resolve, _| {
        let on_answer =
            wasm_bindgen::closure::Closure::once_into_js(move |event: web_sys::MessageEvent| {
                _ = resolve.call1(&JsValue::UNDEFINED, &event.data());
            });
        port.set_onmessage(Some(on_answer.unchecked_ref()));
    });
    let question = js_sys::Object::new();
    let addresses = addresses
        .iter()
        .map(|address| JsValue::from(address.as_str()))
        .collect::<js_sys::Array>();
    if js_sys::Reflect::set(&question, &"question".into(), &WITHDRAWN_QUESTION.into()).is_err()
        || js_sys::Reflect::set(&question, &"addresses".into(), &addresses).is_err()
        || worker
            .post_message_with_transferable(&question, &js_sys::Array::of1(&channel.port2()))
            .is_err()
    {
        return false;
    }
    let withdrawn = JsFuture::from(answer).await;
    port.close();
    withdrawn.is_ok_and(|answer| answer.as_bool() == Some(true))
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
    match JsFuture::from(caches.match_with_str(&offline_key(url))).await {
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
    /// The page or its documents could not be downloaded.
    Download,
}

/// An article saved for offline, all but the pictures counted here: those
/// whose host refused them to the page (another origin without CORS) or
/// failed to send them. The text opens offline; those pictures do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Saved {
    pub pictures_left_out: usize,
}

/// Saves an article for offline reading in the saved articles' cache, where
/// reading other articles never evicts it: its page and documents (the reader
/// has them already), all or nothing, then every picture in it, fetched now,
/// each on its own, so that one picture that cannot be had costs only itself.
pub async fn save_for_offline(
    pages: Vec<String>,
    pictures: Vec<String>,
) -> Result<Saved, SaveFailure> {
    let cache = open_cache(SAVED_CACHE)
        .await
        .ok_or(SaveFailure::Unsupported)?;
    let list = pages
        .iter()
        .map(|url| JsValue::from(offline_key(url)))
        .collect::<js_sys::Array>();
    JsFuture::from(cache.add_all_with_str_sequence(&list))
        .await
        .map_err(|error| failure(&error).unwrap_or(SaveFailure::Download))?;
    let mut pictures_left_out = 0;
    for picture in pictures {
        if let Err(error) = JsFuture::from(cache.add_with_str(&offline_key(&picture))).await {
            if let Some(full) = failure(&error) {
                return Err(full);
            }
            pictures_left_out += 1;
        }
    }
    Ok(Saved { pictures_left_out })
}

/// A full disk, told apart from a download that failed (`None`).
fn failure(error: &JsValue) -> Option<SaveFailure> {
    error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|exception| exception.name() == "QuotaExceededError")
        .then_some(SaveFailure::StorageFull)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_are_left_out_of_keys() {
        assert_eq!(
            offline_key("/articles/a?utm_source=mail&utm_medium=email&fbclid=x#top"),
            "/articles/a"
        );
        assert_eq!(
            offline_key("https://cdn.example.com/a.json?v=2&GCLID=1&page=3"),
            "https://cdn.example.com/a.json?v=2&page=3"
        );
        assert_eq!(offline_key("/site.json"), "/site.json");
        assert_eq!(offline_key("/articles/a?utmost=1"), "/articles/a?utmost=1");
    }
}
