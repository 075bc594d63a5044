//! Mounts the app, configured from the page that loaded it. A prerendered page
//! is taken over: its static copy of the page gives way to the app in the same
//! task, before the browser paints again, so the reader sees no change.

use wasm_bindgen::{closure::Closure, JsCast};

/// The element around a prerendered page's static markup.
const PRERENDERED_ID: &str = "prerendered";

fn main() {
    console_error_panic_hook::set_once();
    let Some(window) = web_sys::window() else {
        return;
    };
    // Compiling and starting the wasm is one task; rendering the page is the
    // next, so that neither holds the main thread for long.
    let mount = Closure::once_into_js(mount);
    if window
        .set_timeout_with_callback(mount.unchecked_ref())
        .is_err()
    {
        self::mount();
    }
}

fn mount() {
    let content = broadsheet::api::ContentBase::from_document();
    if let Some(prerendered) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(PRERENDERED_ID))
    {
        prerendered.remove();
    }
    leptos::mount::mount_to_body(move || leptos::view! { <broadsheet::App content/> });
}
