//! Watching the service worker the loader registered, and a new version:
//! it waits, installed, until the reader accepts the reload the status line
//! offers. And the page
//! the worker answered from its copies, when the newsroom has withdrawn it
//! since: loaded again, from the host, which says so.

use super::AppStatus;
use crate::platform::offline_cache::{withdrawn_since_kept, ACTIVATE_MESSAGE};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub(super) fn has_service_workers(window: &web_sys::Window) -> bool {
    js_sys::Reflect::has(
        window.navigator().as_ref(),
        &JsValue::from_str("serviceWorker"),
    )
    .unwrap_or(false)
}

pub(super) async fn watch(status: AppStatus) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Every page's loader registers the worker (`islands/loader.js`), app or
    // none; the app watches it once it is active.
    let container = window.navigator().service_worker();
    let Ok(ready) = container.ready() else {
        return;
    };
    let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else {
        return;
    };
    let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
    // A first install takes control quietly; only a worker that arrives while
    // another controls the page is a new version to offer.
    let offer = move |worker: web_sys::ServiceWorker| {
        let container = window.navigator().service_worker();
        if container.controller().is_none() {
            return;
        }
        if worker.state() == web_sys::ServiceWorkerState::Installed {
            status.update_waiting.set(true);
            return;
        }
        let watched = worker.clone();
        let on_state = Closure::<dyn Fn()>::new(move || {
            if watched.state() == web_sys::ServiceWorkerState::Installed {
                status.update_waiting.set(true);
            }
        });
        worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    };
    // A version that began installing before the app woke (its `updatefound`
    // gone unheard) is offered as one that arrives now.
    if let Some(waiting) = registration.waiting() {
        offer(waiting);
    } else if let Some(installing) = registration.installing() {
        offer(installing);
    }
    let found = registration.clone();
    let on_update = Closure::<dyn Fn()>::new(move || {
        if let Some(installing) = found.installing() {
            offer(installing);
        }
    });
    registration.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
    on_update.forget();
}

/// The reader accepted the new version: it takes over, then the page reloads
/// into it.
pub(super) fn activate_update() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let reload = Closure::<dyn Fn()>::new(move || {
        if let Some(window) = web_sys::window() {
            _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        if let Some(waiting) = registration
            .dyn_into::<web_sys::ServiceWorkerRegistration>()
            .ok()
            .and_then(|registration| registration.waiting())
        {
            _ = waiting.post_message(&JsValue::from_str(ACTIVATE_MESSAGE));
        }
    });
}

/// The worker answers a page from its copies when the network is slower than
/// it waits; if the network then says the newsroom withdrew the article, the
/// page is loaded again (the worker has dropped its copies), unless the reader
/// has gone elsewhere meanwhile.
pub(super) async fn reload_if_withdrawn(window: web_sys::Window) {
    let Ok(address) = window.location().href() else {
        return;
    };
    if withdrawn_since_kept(std::slice::from_ref(&address)).await
        && window.location().href().is_ok_and(|now| now == address)
    {
        _ = window.location().reload();
    }
}
