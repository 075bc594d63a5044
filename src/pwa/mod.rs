//! The app as an installed, offline reader, seen from the page: registering the
//! service worker (`service-worker.js`, written into the build as `/sw.js` by
//! the prerenderer), keeping what the reader has read for offline, and the
//! status line that says the network is gone or a new version is ready. The
//! new version replaces the old only when the reader says so.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The cache the service worker keeps documents in (`DOCUMENT_CACHE` there).
const DOCUMENT_CACHE: &str = "broadsheet-documents";

/// What the status line shows.
#[derive(Clone, Copy)]
struct AppStatus {
    online: RwSignal<bool>,
    /// A new build, installed and waiting for the reader's word.
    update_waiting: RwSignal<bool, LocalStorage>,
}

/// Registers the service worker and mounts the status line. Safe to call in
/// any browser: where service workers are missing, only the line is mounted.
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let status = AppStatus {
        online: RwSignal::new(window.navigator().on_line()),
        update_waiting: RwSignal::new_local(false),
    };
    for (event, online) in [("online", true), ("offline", false)] {
        let listener = Closure::<dyn Fn()>::new(move || status.online.set(online));
        _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        listener.forget();
    }
    if let Some(body) = window.document().and_then(|document| document.body()) {
        leptos::mount::mount_to(body, move || view! { <StatusLine status/> }).forget();
    }
    if has_service_workers(&window) {
        leptos::task::spawn_local(register(status));
    }
}

fn has_service_workers(window: &web_sys::Window) -> bool {
    js_sys::Reflect::has(
        window.navigator().as_ref(),
        &JsValue::from_str("serviceWorker"),
    )
    .unwrap_or(false)
}

async fn register(status: AppStatus) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else {
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
    if let Some(waiting) = registration.waiting() {
        offer(waiting);
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
fn activate_update() {
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
            _ = waiting.post_message(&JsValue::from_str("broadsheet:activate"));
        }
    });
}

#[component]
fn StatusLine(status: AppStatus) -> impl IntoView {
    view! {
        <div class="app-status" role="status" aria-live="polite">
            <Show when=move || !status.online.get()>
                <p class="offline-banner">
                    "You are offline. Articles you have read are still here."
                </p>
            </Show>
            <Show when=move || status.update_waiting.get()>
                <p class="update-prompt">
                    "A new version of Broadsheet is ready. "
                    <button type="button" class="update-reload" on:click=move |_| activate_update()>
                        "Reload"
                    </button>
                </p>
            </Show>
        </div>
    }
}

/// Keeps a document the reader has read (an article, the index, site.json)
/// in the service worker's cache, so that it opens offline. A document the app
/// took from the page's embedded copy, or fetched before the service worker
/// was in control, would otherwise be missing there. It is stored from the
/// text in hand: no second download. Failures (no Cache API, a full disk) cost
/// only the copy.
pub fn keep_for_offline(url: String, text: String) {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    leptos::task::spawn_local(async move {
        let Some(caches) = web_sys::window().and_then(|window| window.caches().ok()) else {
            return;
        };
        let Ok(cache) = JsFuture::from(caches.open(DOCUMENT_CACHE)).await else {
            return;
        };
        let cache: web_sys::Cache = cache.unchecked_into();
        let kept = JsFuture::from(cache.match_with_str(&url)).await;
        if !kept.is_ok_and(|response| response.is_undefined()) {
            return;
        }
        let init = web_sys::ResponseInit::new();
        let headers = web_sys::Headers::new();
        if let Ok(headers) = &headers {
            _ = headers.set("Content-Type", "application/json");
            init.set_headers(headers);
        }
        if let Ok(response) = web_sys::Response::new_with_opt_str_and_init(Some(&text), &init) {
            _ = JsFuture::from(cache.put_with_str(&url, &response)).await;
        }
    });
}
