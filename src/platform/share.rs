//! The browser's own sharing facilities, each asked for by feature rather than
//! by browser name, and each failing softly: Web Share (phones), the Clipboard
//! API with its older fallback, and WeChat's in-app browser. Everything here is
//! looked up at run time, so a browser without a facility costs an `Err`, never
//! a panic.

use super::browser_window as window;
use super::js::{call, method};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn navigator() -> Option<JsValue> {
    let window = window()?;
    Reflect::get(&window, &"navigator".into()).ok()
}

/// The origin the app is served from (`https://news.example.com`).
pub fn page_origin() -> String {
    window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default()
}

/// Whether the browser has a system share sheet (`navigator.share`): phones and
/// some desktops.
pub fn can_share() -> bool {
    navigator().is_some_and(|navigator| method(&navigator, "share").is_some())
}

/// Whether the system share sheet takes files (`navigator.canShare({files})`).
pub fn can_share_file(file: &web_sys::File) -> bool {
    let Some(navigator) = navigator() else {
        return false;
    };
    let Some(can_share) = method(&navigator, "canShare") else {
        return false;
    };
    let data = Object::new();
    let _ = Reflect::set(&data, &"files".into(), &file_list(file));
    can_share
        .call1(&navigator, &data)
        .is_ok_and(|answer| answer.is_truthy())
}

/// How a share sheet ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareOutcome {
    Shared,
    /// The reader closed the sheet: not an error, nothing to say.
    Cancelled,
    Failed(String),
}

/// Opens the system share sheet with these fields (`title`, `text`, `url`, `files`).
pub async fn share(fields: &[(&str, JsValue)]) -> ShareOutcome {
    let Some(navigator) = navigator() else {
        return ShareOutcome::Failed("no navigator".to_owned());
    };
    let data = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&data, &(*name).into(), value);
    }
    match call(&navigator, "share", &[data.into()]).await {
        Ok(_) => ShareOutcome::Shared,
        Err(error) => {
            let name = Reflect::get(&error, &"name".into())
                .ok()
                .and_then(|name| name.as_string())
                .unwrap_or_default();
            if name == "AbortError" {
                ShareOutcome::Cancelled
            } else {
                ShareOutcome::Failed(if name.is_empty() {
                    "unknown".to_owned()
                } else {
                    name
                })
            }
        }
    }
}

/// A file as the one-item list `navigator.share` and `canShare` take.
fn file_list(file: &web_sys::File) -> Array {
    std::iter::once(JsValue::from(file.clone())).collect()
}

/// Opens the system share sheet with a file (a poster) and its title.
pub async fn share_file(file: &web_sys::File, title: &str) -> ShareOutcome {
    share(&[("files", file_list(file).into()), ("title", title.into())]).await
}

/// Puts `text` on the clipboard: the Clipboard API where it exists and is
/// allowed, else the older `execCommand("copy")` on a hidden text field.
/// Returns whether either worked.
pub async fn copy_text(text: &str) -> bool {
    if let Some(clipboard) = navigator()
        .and_then(|navigator| Reflect::get(&navigator, &"clipboard".into()).ok())
        .filter(|clipboard| clipboard.is_object())
    {
        if call(&clipboard, "writeText", &[text.into()]).await.is_ok() {
            return true;
        }
    }
    copy_with_exec_command(text)
}

fn copy_with_exec_command(text: &str) -> bool {
    let Some(document) = window().and_then(|window| window.document()) else {
        return false;
    };
    let Some(body) = document.body() else {
        return false;
    };
    let Ok(field) = document.create_element("textarea") else {
        return false;
    };
    let Ok(field) = field.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    field.set_value(text);
    let _ = field.set_attribute("readonly", "");
    let _ = field.set_attribute("aria-hidden", "true");
    // Through the CSSOM: the policy (`style-src 'self'`) blocks a `style`
    // attribute, which would leave the field showing and the page jumping.
    let style = field.style();
    for (property, value) in [
        ("position", "fixed"),
        ("top", "0"),
        ("left", "0"),
        ("opacity", "0"),
        ("pointer-events", "none"),
    ] {
        let _ = style.set_property(property, value);
    }
    let focused = document.active_element();
    if body.append_child(&field).is_err() {
        return false;
    }
    // Firefox copies only from a focused field.
    let _ = field.focus();
    field.select();
    let copied = method(&document, "execCommand")
        .and_then(|exec| exec.call1(&document, &"copy".into()).ok())
        .is_some_and(|answer| answer.is_truthy());
    field.remove();
    if let Some(element) = focused.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
    copied
}

/// Whether this page is open in WeChat's own browser, where the web cannot
/// share but WeChat's menu (top right) can.
pub fn in_wechat() -> bool {
    navigator()
        .and_then(|navigator| Reflect::get(&navigator, &"userAgent".into()).ok())
        .and_then(|agent| agent.as_string())
        .is_some_and(|agent| agent.contains("MicroMessenger"))
}
