//! Trusted Types, which the build's Content Security Policy requires where the
//! browser supports them: DOM sinks that can run script (`innerHTML`, script
//! URLs) take only values made by a named policy. The app makes two:
//!
//! - `default`, for the HTML Leptos writes itself: its static parts of views
//!   (`view!` markup with nothing of a document in it) are set with
//!   `innerHTML`. Document text never goes that way; it becomes text nodes.
//!   The policy still refuses any HTML that could run script, as a tripwire.
//! - `broadsheet`, for the one script URL a page hands the browser: the
//!   service worker's. Every page's loader makes it (`islands/loader.js`),
//!   before the app, which it registers the worker for.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

/// The policy for the one script URL a page hands the browser, made by the
/// loader. The prerenderer names it there and in the Content Security Policy.
pub const APP_POLICY: &str = "broadsheet";

/// Whether `html` is markup that cannot run script: no script or frame
/// elements, no event handler attributes, no `javascript:` URLs.
pub fn is_inert_markup(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let dangerous_elements = ["<script", "<iframe", "<object", "<embed", "<base", "<meta"];
    if dangerous_elements.iter().any(|tag| lower.contains(tag))
        || lower.contains("javascript:")
        || lower.contains("srcdoc")
    {
        return false;
    }
    // An attribute `on…=`, as in `<img onerror=…>`.
    let bytes = lower.as_bytes();
    !lower.match_indices("on").any(|(at, _)| {
        let after_space =
            at > 0 && matches!(bytes[at - 1], b' ' | b'\t' | b'\n' | b'/' | b'"' | b'\'');
        let name_end = bytes[at + 2..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .map_or(bytes.len(), |end| at + 2 + end);
        after_space && name_end > at + 2 && bytes.get(name_end) == Some(&b'=')
    })
}

fn trusted_types() -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &JsValue::from_str("trustedTypes"))
        .ok()
        .filter(JsValue::is_object)
}

/// Creates the policy `name` with one rule, or `None` where there are no
/// Trusted Types (or the policy exists already).
fn create_policy(
    name: &str,
    rule: &str,
    check: impl Fn(String) -> Result<String, JsValue> + 'static,
) -> Option<JsValue> {
    let trusted_types = trusted_types()?;
    let create_policy = super::js::method(&trusted_types, "createPolicy")?;
    let rules = js_sys::Object::new();
    // A Rust closure, not `new Function`: the policy allows no eval.
    let check = Closure::<dyn Fn(String) -> Result<String, JsValue>>::new(check);
    _ = js_sys::Reflect::set(&rules, &JsValue::from_str(rule), check.as_ref());
    // The policy keeps it for the page's life.
    check.forget();
    create_policy
        .call2(&trusted_types, &JsValue::from_str(name), &rules)
        .ok()
}

/// Installs the `default` policy, before anything is rendered.
pub fn install_default_policy() {
    create_policy("default", "createHTML", |html| {
        if is_inert_markup(&html) {
            Ok(html)
        } else {
            Err(JsValue::from_str(
                "Trusted Types: markup that could run script was refused",
            ))
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_markup_that_cannot_run_script_passes() {
        for inert in [
            r#"<span class="icon icon-share" aria-hidden="true"></span>"#,
            r#"<p class="only-online">Read on</p>"#,
            "<strong>Scan</strong> the code, one by one",
        ] {
            assert!(is_inert_markup(inert), "{inert}");
        }
        for live in [
            "<script>alert(1)</script>",
            r#"<img src=x onerror="alert(1)">"#,
            r#"<img src=x ONLOAD=alert(1)>"#,
            r#"<a href="JavaScript:alert(1)">x</a>"#,
            r#"<iframe srcdoc="<b>"></iframe>"#,
        ] {
            assert!(!is_inert_markup(live), "{live}");
        }
    }
}
