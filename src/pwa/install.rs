//! The browser's offer to install the app (its `beforeinstallprompt`
//! event), kept until a polite moment: when the reader has reached the end of
//! a page. "Not now" is remembered for good.

use super::AppStatus;
use crate::platform::{page_height, storage, viewport_height};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// Where a reader's "Not now" to installing is remembered, for good.
pub const INSTALL_DISMISSED_KEY: &str = "broadsheet:install-dismissed";

/// Where a sleeping page's loader (`islands/loader.js`) keeps an install offer
/// the browser made before the app was awake.
pub const INSTALL_OFFER_GLOBAL: &str = "broadsheetInstallOffer";

/// Keeps the browser's install offer for later, unless the reader has said
/// "Not now" before, and watches for the end of the page.
pub(super) fn offer_installation(window: &web_sys::Window, status: AppStatus) {
    if storage::get(INSTALL_DISMISSED_KEY).is_some() {
        return;
    }
    let on_offer = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        // The browser's own mini-infobar would interrupt the reading.
        event.prevent_default();
        status.install_offer.set(Some(event.into()));
        note_the_end(status);
    });
    _ = window
        .add_event_listener_with_callback("beforeinstallprompt", on_offer.as_ref().unchecked_ref());
    let global = wasm_bindgen::JsValue::from_str(INSTALL_OFFER_GLOBAL);
    if let Ok(made) = js_sys::Reflect::get(window, &global) {
        if made.is_object() {
            _ = js_sys::Reflect::delete_property(window, &global);
            status.install_offer.set(Some(made));
            note_the_end(status);
        }
    }
    on_offer.forget();
    let on_scroll = Closure::<dyn Fn()>::new(move || note_the_end(status));
    _ = window.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
    on_scroll.forget();
}

/// Whether the reader is within a screen of the end of the page (a reload may
/// put them there with no scrolling at all).
fn note_the_end(status: AppStatus) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = viewport_height(&window);
    let page = page_height(&window);
    if window.scroll_y().unwrap_or(0.0) + height >= page - height {
        status.reached_the_end.set(true);
    }
}

pub(super) fn install(status: AppStatus) {
    if let Some(offer) = status.install_offer.get_untracked() {
        if let Some(prompt) = crate::platform::js::method(&offer, "prompt") {
            _ = prompt.call0(&offer);
        }
    }
    // The browser offers once per event; its own dialog takes it from here.
    status.install_offer.set(None);
}

pub(super) fn not_now(status: AppStatus) {
    storage::set(INSTALL_DISMISSED_KEY, "1");
    status.install_offer.set(None);
}
