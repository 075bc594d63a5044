//! The reader's place: how far down each page they were, so that Back and
//! Forward return there once the page has rendered again, even when its
//! document loads anew, or a page in between failed and was retried. The
//! browser's own restoration cannot: it scrolls before the page is long
//! enough.

use crate::platform::{browser_window, page_height, sleep, viewport_height};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::{closure::Closure, JsCast};

thread_local! {
    /// How far down each page the reader was, by path, kept as they scroll.
    static SCROLLED: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// When Back or Forward was pressed (ms), until the page they return to is
    /// where the reader left it; scrolling meanwhile is the app's, not the
    /// reader's. 0 when not returning.
    static RETURNING_SINCE: Cell<f64> = const { Cell::new(0.0) };
}

/// How long a return may take before scrolling is the reader's again anyway
/// (a Back that changed only the fragment renders no new page).
const RETURN_PATIENCE_MS: f64 = 6000.0;

/// Whether Back or Forward was pressed and its page is not yet restored.
pub(super) fn returning() -> bool {
    let since = RETURNING_SINCE.with(Cell::get);
    since > 0.0 && js_sys::Date::now() - since < RETURN_PATIENCE_MS
}

/// Remembers how far down each page the reader was, as they scroll.
/// Installed once, for prerendered pages and the app alike.
pub fn remember_scroll_positions() {
    let Some(window) = browser_window() else {
        return;
    };
    if let Ok(history) = window.history() {
        _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_scroll = Closure::<dyn FnMut()>::new(|| {
        if returning() {
            return;
        }
        let Some(window) = browser_window() else {
            return;
        };
        let (Ok(path), Ok(y)) = (window.location().pathname(), window.scroll_y()) else {
            return;
        };
        SCROLLED.with(|scrolled| scrolled.borrow_mut().insert(path, y));
    });
    let on_history = Closure::<dyn FnMut()>::new(|| {
        RETURNING_SINCE.with(|since| since.set(js_sys::Date::now()))
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(true);
    _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "scroll",
        on_scroll.as_ref().unchecked_ref(),
        &options,
    );
    _ = window.add_event_listener_with_callback("popstate", on_history.as_ref().unchecked_ref());
    // Both live as long as the page.
    on_scroll.forget();
    on_history.forget();
}

/// Scrolls back to where the reader left `path`, once the page is long enough
/// to be there (its document may still be loading), then lets scrolling be
/// the reader's again.
pub(super) async fn restore_scroll(path: &str) {
    let target = SCROLLED.with(|scrolled| scrolled.borrow().get(path).copied());
    if let (Some(target), Some(window)) = (target.filter(|target| *target > 0.0), browser_window())
    {
        for _ in 0..50 {
            if page_height(&window) >= target + viewport_height(&window) {
                break;
            }
            sleep(100).await;
        }
        window.scroll_to_with_x_and_y(0.0, target);
    }
    RETURNING_SINCE.with(|since| since.set(0.0));
}
