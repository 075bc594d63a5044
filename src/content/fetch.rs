//! One fetch of a content file: with a deadline, aborted when the app drops
//! it, past the browser's cache when the reader asks, and its failure told
//! apart (offline, unreachable, timed out, an HTTP status).

use super::embedded::take_embedded_document;
use super::{Freshness, LoadError};

fn browser_is_offline() -> bool {
    crate::platform::browser_window().is_some_and(|window| !window.navigator().on_line())
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
pub(super) async fn fetch_text(url: &str, freshness: Freshness) -> Result<String, LoadError> {
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
