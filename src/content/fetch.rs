//! One fetch of a content file: with a deadline, aborted when the app drops
//! it, past the browser's cache when the reader asks, never read past the
//! model's size limit, and its failure told apart (offline, unreachable,
//! timed out, an HTTP status, too large).

use super::embedded::take_embedded_document;
use super::{Freshness, LoadError};
use crate::model::limits::MOST_DOCUMENT_BYTES;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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
    let failed = |reason: String| {
        if deadline.passed() {
            LoadError::TimedOut(None)
        } else if browser_is_offline() {
            LoadError::Offline
        } else {
            LoadError::Unreachable(reason)
        }
    };
    // Offline, the service worker may still hold a copy: always ask.
    let response = gloo_net::http::Request::get(url)
        .cache(freshness.request_cache())
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(|error| failed(error.to_string()))?;
    if let Some(error) = LoadError::for_status(response.status()) {
        return Err(error);
    }
    let announced = response
        .headers()
        .get("content-length")
        .and_then(|length| length.trim().parse::<u64>().ok());
    if let Some(length) = announced.filter(|&length| length > MOST_DOCUMENT_BYTES as u64) {
        return Err(too_large(&format!("too large: {length} bytes announced")));
    }
    let Some(body) = response.body() else {
        return Ok(String::new());
    };
    let bytes = read_at_most(body, MOST_DOCUMENT_BYTES)
        .await
        .map_err(|error| match error {
            Unread::TooLong => too_large(&format!(
                "too large: more than {MOST_DOCUMENT_BYTES} bytes sent"
            )),
            Unread::Broken(reason) => failed(reason),
        })?;
    // As `Response.text()` would: invalid UTF-8 becomes U+FFFD.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned()))
}

fn too_large(what: &str) -> LoadError {
    LoadError::TooLarge(format!("{what}; at most {MOST_DOCUMENT_BYTES} are read"))
}

/// Why a body was not read whole.
enum Unread {
    /// It passed the limit: the rest was never downloaded.
    TooLong,
    /// The stream failed (the network dropped, the deadline aborted it).
    Broken(String),
}

/// Reads a body as it streams in, and stops (cancelling the download) as
/// soon as it passes `limit` bytes: neither a `Content-Length` that lies nor
/// a compressed body that inflates past it costs the reader more than that.
async fn read_at_most(body: web_sys::ReadableStream, limit: usize) -> Result<Vec<u8>, Unread> {
    let broken = |error: wasm_bindgen::JsValue| Unread::Broken(format!("{error:?}"));
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(broken)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(broken)?;
        if done.as_bool().unwrap_or(true) {
            return Ok(bytes);
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(broken)?;
        let Some(value) = value.dyn_ref::<js_sys::Uint8Array>() else {
            return Err(broken("a body chunk that is not bytes".into()));
        };
        if bytes.len() + value.length() as usize > limit {
            let _ = reader.cancel();
            return Err(Unread::TooLong);
        }
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
    }
}
