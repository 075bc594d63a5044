//! Browser glue without views: thin wrappers over the DOM, storage, the Cache
//! API, Web Share and the clipboard, Trusted Types and APIs looked up at run
//! time. Everything above asks here instead of calling `web_sys` for these
//! jobs, so the rest of the crate reads as the product, and a browser without
//! a facility costs an `Err` or `None`, never a panic.
//!
//! Nothing here renders a view or knows a reader-facing word.

pub mod js;
pub mod offline_cache;
pub mod share;
pub mod speech;
pub mod storage;
pub mod trusted_types;

use wasm_bindgen::JsCast;

/// Whether the browser asks pages to save data: `navigator.connection.saveData`
/// (the `Save-Data` setting of Chromium's browsers) or the
/// `prefers-reduced-data` media query. `false` natively and where neither exists.
pub fn browser_saves_data() -> bool {
    use js_sys::Reflect;
    let Some(window) = browser_window() else {
        return false;
    };
    let saves = Reflect::get(&window.navigator(), &"connection".into())
        .ok()
        .filter(|connection| connection.is_object())
        .and_then(|connection| Reflect::get(&connection, &"saveData".into()).ok())
        .is_some_and(|save_data| save_data.is_truthy());
    let prefers_less = js::method(&window, "matchMedia")
        .and_then(|match_media| {
            match_media
                .call1(&window, &"(prefers-reduced-data: reduce)".into())
                .ok()
        })
        .and_then(|list| Reflect::get(&list, &"matches".into()).ok())
        .is_some_and(|matches| matches.is_truthy());
    saves || prefers_less
}

/// The browser window; `None` when rendering natively (prerendering, tests),
/// where there is no browser to ask.
pub fn browser_window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The page's document, in the browser.
pub fn browser_document() -> Option<web_sys::Document> {
    browser_window()?.document()
}

/// The page's `<html>` element, in the browser.
pub fn root_element() -> Option<web_sys::Element> {
    browser_document()?.document_element()
}

/// Set on `<html>` once the page acts: `islands` or `app`.
pub const READY_ATTRIBUTE: &str = "data-broadsheet";

/// Marks the page as acting, `how`: `islands` or `app`.
pub fn mark_ready(how: &str) {
    if let Some(root) = root_element() {
        _ = root.set_attribute(READY_ATTRIBUTE, how);
    }
}

/// The height of the browser's window, in CSS pixels.
pub fn viewport_height(window: &web_sys::Window) -> f64 {
    window
        .inner_height()
        .ok()
        .and_then(|height| height.as_f64())
        .unwrap_or(0.0)
}

/// The height of the whole page, in CSS pixels.
pub fn page_height(window: &web_sys::Window) -> f64 {
    window
        .document()
        .and_then(|document| document.document_element())
        .map_or(0.0, |root| f64::from(root.scroll_height()))
}

/// The element that has focus now, to give it back when a dialog closes.
pub fn focused_element() -> Option<web_sys::HtmlElement> {
    browser_document()?.active_element()?.dyn_into().ok()
}

/// The elements under `root` that `selector` picks, in document order.
pub fn query_all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(found) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Waits `milliseconds` on the browser's timer.
pub async fn sleep(milliseconds: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = browser_window() {
            if window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds)
                .is_ok()
            {
                return;
            }
        }
        _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
    });
    _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a later task (a zero timeout), after the browser has had the
/// chance to paint and handle input.
pub async fn next_task() {
    sleep(0).await;
}
