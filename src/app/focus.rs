//! Where focus goes on a new page: to its heading, which screen readers then
//! read out, as a page load would.

use crate::platform::{browser_document, sleep};
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsCast;

/// Set when the app takes over a prerendered page because the reader followed
/// a link: its first page is then a new page, as after a route change.
static ARRIVED_BY_LINK: AtomicBool = AtomicBool::new(false);

/// The app's first page is one the reader followed a link to.
pub(super) fn arrived_by_link() {
    ARRIVED_BY_LINK.store(true, Ordering::Relaxed);
}

/// Whether [`arrived_by_link`] was said, once.
pub(super) fn arrived_by_link_once() -> bool {
    ARRIVED_BY_LINK.swap(false, Ordering::Relaxed)
}

/// Focuses the new page's `h1` once it has rendered: at once for a page in
/// hand, after its document for one that loads. The old page's heading may
/// linger while the new document loads; it is not the one to focus, unless it
/// is still there after a few seconds (the same page again).
pub(super) async fn focus_new_heading(keep_scroll: bool) {
    let heading = || {
        browser_document()?
            .query_selector("main#main h1")
            .ok()
            .flatten()
            .and_then(|heading| heading.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let old = heading();
    for attempt in 0..100 {
        if let Some(heading) = heading() {
            let is_old = old
                .as_ref()
                .is_some_and(|old| old.is_same_node(Some(&heading)));
            if !is_old || attempt >= 30 {
                if keep_scroll {
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    _ = heading.focus_with_options(&options);
                } else {
                    _ = heading.focus();
                }
                return;
            }
        }
        sleep(100).await;
    }
}
