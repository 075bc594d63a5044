//! Calling browser APIs that are looked up at run time, by feature rather than
//! by browser: a browser without one costs `None` or an `Err`, never a panic.
//! Sharing, the PWA and Trusted Types all ask this way.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `target[name]` if it is a function.
pub fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &name.into()).ok()?.dyn_into().ok()
}

/// Calls `target[name](...args)` and awaits what it returns, promise or not.
pub async fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function = method(target, name).ok_or_else(|| JsValue::from_str("missing"))?;
    let result = function.apply(target, &args.iter().collect::<Array>())?;
    // Promise.resolve adopts any thenable, also a promise from another realm
    // (a polyfill's or an extension's), which `instanceof Promise` would take
    // for a plain value and so for success.
    JsFuture::from(Promise::resolve(&result)).await
}
