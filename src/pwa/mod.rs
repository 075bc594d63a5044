//! The app as an installed, offline reader, seen from the page. Started by
//! `main.rs` after the page, in a task of its own:
//!
//! - [`registration`]: registers the service worker (`service-worker.js`,
//!   written into the build as `/sw.js` by the prerenderer) and offers a new
//!   version, which replaces the old only when the reader says so;
//! - [`install`]: keeps the browser's offer to install until a polite moment;
//! - [`status_line`]: the line that says the network is gone, a new version is
//!   ready, or the app can be installed;
//! - [`offline_marks`]: marks the article cards whose article is kept on this
//!   device.
//!
//! The caches themselves are [`crate::platform::offline_cache`]'s.

mod install;
mod offline_marks;
mod registration;
mod status_line;

pub use install::{INSTALL_DISMISSED_KEY, INSTALL_OFFER_GLOBAL};

use crate::content::ContentBase;
use crate::i18n::Interface;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// What the status line shows.
#[derive(Clone, Copy)]
pub(crate) struct AppStatus {
    pub(crate) online: RwSignal<bool>,
    /// A new build, installed and waiting for the reader's word.
    pub(crate) update_waiting: RwSignal<bool, LocalStorage>,
    /// The browser's offer to install (its `beforeinstallprompt` event), kept
    /// until a polite moment: when the reader has reached the end of a page.
    pub(crate) install_offer: RwSignal<Option<JsValue>, LocalStorage>,
    pub(crate) reached_the_end: RwSignal<bool>,
}

/// Registers the service worker and mounts the status line. Safe to call in
/// any browser: where service workers are missing, only the line is mounted.
pub fn start(content: ContentBase) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let status = AppStatus {
        online: RwSignal::new(window.navigator().on_line()),
        update_waiting: RwSignal::new_local(false),
        install_offer: RwSignal::new_local(None),
        reached_the_end: RwSignal::new(false),
    };
    install::offer_installation(&window, status);
    for (event, online) in [("online", true), ("offline", false)] {
        let listener = Closure::<dyn Fn()>::new(move || status.online.set(online));
        _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        listener.forget();
    }
    // The status line lives outside the app (it outlasts a hand-over from
    // islands to the app) and so outside its interface: it speaks the language
    // the page declares on `<html lang>`, which the app keeps to its
    // interface's, and follows it when the reader switches.
    let interface = Interface::new(Some(status_line::page_locale()), None, Signal::stored(None));
    status_line::follow_page_language(&window, interface);
    if let Some(body) = window.document().and_then(|document| document.body()) {
        leptos::mount::mount_to(body, move || {
            provide_context(interface);
            view! { <status_line::StatusLine status/> }
        })
        .forget();
    }
    if registration::has_service_workers(&window) {
        leptos::task::spawn_local(registration::watch(status));
        leptos::task::spawn_local(registration::reload_if_withdrawn(window.clone()));
    }
    offline_marks::mark_available_offline(&content);
    // Pages the app renders later (a route change) have cards of their own.
    let observer =
        Closure::<dyn Fn()>::new(move || offline_marks::mark_available_offline(&content));
    if let (Ok(observer), Some(body)) = (
        web_sys::MutationObserver::new(observer.as_ref().unchecked_ref()),
        window.document().and_then(|document| document.body()),
    ) {
        let options = web_sys::MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        _ = observer.observe_with_options(&body, &options);
    }
    observer.forget();
}
