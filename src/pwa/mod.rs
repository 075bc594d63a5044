//! The app as an installed, offline reader, seen from the page: registering the
//! service worker (`service-worker.js`, written into the build as `/sw.js` by
//! the prerenderer), keeping what the reader has read for offline, and the
//! status line that says the network is gone or a new version is ready. The
//! new version replaces the old only when the reader says so.

use crate::api::ContentBase;
use crate::i18n::{text, Interface, Locale, Strings};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The caches the service worker keeps documents and pictures in
/// (`DOCUMENT_CACHE` and `MEDIA_CACHE` there).
const DOCUMENT_CACHE: &str = "broadsheet-documents";
const MEDIA_CACHE: &str = "broadsheet-media";

/// Where a reader's "Not now" to installing is remembered, for good.
const INSTALL_DISMISSED_KEY: &str = "broadsheet:install-dismissed";

/// What the status line shows.
#[derive(Clone, Copy)]
struct AppStatus {
    online: RwSignal<bool>,
    /// A new build, installed and waiting for the reader's word.
    update_waiting: RwSignal<bool, LocalStorage>,
    /// The browser's offer to install (its `beforeinstallprompt` event), kept
    /// until a polite moment: when the reader has reached the end of a page.
    install_offer: RwSignal<Option<JsValue>, LocalStorage>,
    reached_the_end: RwSignal<bool>,
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
    offer_installation(&window, status);
    for (event, online) in [("online", true), ("offline", false)] {
        let listener = Closure::<dyn Fn()>::new(move || status.online.set(online));
        _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        listener.forget();
    }
    // The status line lives outside the app (it outlasts a hand-over from
    // islands to the app) and so outside its interface: it speaks the language
    // the page declares on `<html lang>`, which the app keeps to its
    // interface's, and follows it when the reader switches.
    let interface = Interface::new(Some(page_locale()), None);
    follow_page_language(&window, interface);
    if let Some(body) = window.document().and_then(|document| document.body()) {
        leptos::mount::mount_to(body, move || {
            provide_context(interface);
            view! { <StatusLine status/> }
        })
        .forget();
    }
    if has_service_workers(&window) {
        leptos::task::spawn_local(register(status));
    }
    mark_available_offline(&content);
    // Pages the app renders later (a route change) have cards of their own.
    let observer = Closure::<dyn Fn()>::new(move || mark_available_offline(&content));
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

/// The interface's language as the page declares it on `<html lang>`; English
/// where it declares none the interface speaks.
fn page_locale() -> Locale {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .and_then(|root| root.get_attribute("lang"))
        .as_deref()
        .and_then(Locale::from_tag)
        .unwrap_or_default()
}

/// Keeps the status line's interface, and the "Available offline" label, in
/// the language `<html lang>` declares, now and whenever it changes.
fn follow_page_language(window: &web_sys::Window, interface: Interface) {
    let Some(root) = window
        .document()
        .and_then(|document| document.document_element())
    else {
        return;
    };
    let follow = move || {
        let locale = page_locale();
        if untrack(|| interface.chosen()) != Some(locale) {
            interface.choose(Some(locale));
        }
        label_available_offline(locale.strings());
    };
    follow();
    let observer = Closure::<dyn Fn()>::new(follow);
    if let Ok(observer) = web_sys::MutationObserver::new(observer.as_ref().unchecked_ref()) {
        let options = web_sys::MutationObserverInit::new();
        options.set_attributes(true);
        options.set_attribute_filter(&js_sys::Array::of1(&JsValue::from_str("lang")));
        _ = observer.observe_with_options(&root, &options);
    }
    observer.forget();
}

/// The words the stylesheet puts on cards marked available offline (its
/// `--offline-label`, a CSS string set on `<html>` for every card to inherit).
fn label_available_offline(t: &Strings) {
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        _ = root
            .style()
            .set_property(OFFLINE_LABEL_PROPERTY, &css_string(t.available_offline));
    }
}

/// The custom property `style/cards.css` prints on cards available offline.
const OFFLINE_LABEL_PROPERTY: &str = "--offline-label";

/// `text` as a CSS string, quoted and escaped.
fn css_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for character in text.chars() {
        match character {
            '"' | '\\' => {
                quoted.push('\\');
                quoted.push(character);
            }
            '\n' => quoted.push_str("\\a "),
            character if character.is_control() => {}
            character => quoted.push(character),
        }
    }
    quoted.push('"');
    quoted
}

/// Marks each article card (front page, related news) whose article is kept on
/// this device, `data-offline="available"`, which the stylesheet labels with
/// the interface's words ([`label_available_offline`]). Cards already looked
/// at are not looked at again.
fn mark_available_offline(content: &ContentBase) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let Ok(cards) = document.query_selector_all(".card:not([data-offline])") else {
        return;
    };
    for card in (0..cards.length()).filter_map(|i| cards.item(i)) {
        let Ok(card) = card.dyn_into::<web_sys::Element>() else {
            continue;
        };
        let id = card
            .query_selector("a[href^='/articles/']")
            .ok()
            .flatten()
            .and_then(|link| link.get_attribute("href"))
            .and_then(|href| crate::app::article_id_of_route(&href));
        let Some(id) = id else {
            continue;
        };
        _ = card.set_attribute("data-offline", "unknown");
        let url = content.article(&id);
        leptos::task::spawn_local(async move {
            if is_kept(&url).await {
                _ = card.set_attribute("data-offline", "available");
            }
        });
    }
}

async fn is_kept(url: &str) -> bool {
    let Some(caches) = web_sys::window().and_then(|window| window.caches().ok()) else {
        return false;
    };
    match JsFuture::from(caches.match_with_str(url)).await {
        Ok(response) => !response.is_undefined(),
        Err(_) => false,
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
    let address = crate::trusted_types::service_worker_url();
    let Ok(registration) = crate::js::call(&container, "register", &[address]).await else {
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

/// Keeps the browser's install offer for later, unless the reader has said
/// "Not now" before, and watches for the end of the page.
fn offer_installation(window: &web_sys::Window, status: AppStatus) {
    let dismissed = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(INSTALL_DISMISSED_KEY).ok().flatten())
        .is_some();
    if dismissed {
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
    let height = crate::app::viewport_height(&window);
    let page = crate::app::page_height(&window);
    if window.scroll_y().unwrap_or(0.0) + height >= page - height {
        status.reached_the_end.set(true);
    }
}

fn install(status: AppStatus) {
    if let Some(offer) = status.install_offer.get_untracked() {
        if let Some(prompt) = crate::js::method(&offer, "prompt") {
            _ = prompt.call0(&offer);
        }
    }
    // The browser offers once per event; its own dialog takes it from here.
    status.install_offer.set(None);
}

fn not_now(status: AppStatus) {
    if let Some(storage) =
        web_sys::window().and_then(|window| window.local_storage().ok().flatten())
    {
        _ = storage.set_item(INSTALL_DISMISSED_KEY, "1");
    }
    status.install_offer.set(None);
}

#[component]
fn StatusLine(status: AppStatus) -> impl IntoView {
    let offering =
        move || status.install_offer.with(Option::is_some) && status.reached_the_end.get();
    view! {
        <div class="app-status" role="status" aria-live="polite">
            <Show when=move || !status.online.get()>
                <p class="offline-banner">{text(|t| t.offline_banner)}</p>
            </Show>
            <Show when=move || status.update_waiting.get()>
                <p class="update-prompt">
                    {text(|t| t.update_ready)}" "
                    <button type="button" class="update-reload" on:click=move |_| activate_update()>
                        {text(|t| t.reload)}
                    </button>
                </p>
            </Show>
            <Show when=offering>
                <p class="install-offer">
                    {text(|t| t.install_pitch)}" "
                    <button type="button" class="update-reload install-app" on:click=move |_| install(status)>
                        {text(|t| t.install_app)}
                    </button>
                    <button type="button" class="update-reload install-not-now" on:click=move |_| not_now(status)>
                        {text(|t| t.not_now)}
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
        let Some(cache) = open_cache(DOCUMENT_CACHE).await else {
            return;
        };
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

/// One of the service worker's caches, opened from the page; `None` where the
/// browser keeps no caches for it.
async fn open_cache(name: &str) -> Option<web_sys::Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    let cache = JsFuture::from(caches.open(name)).await.ok()?;
    Some(cache.unchecked_into())
}

/// Why an article could not be saved for offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// The browser keeps no caches for this page (private mode, old browser).
    Unsupported,
    /// The device's storage for this site is full.
    StorageFull,
    /// A picture could not be downloaded.
    Download,
}

impl SaveFailure {
    /// What the reader is told, in the interface's language.
    pub fn message(self, t: &Strings) -> &'static str {
        match self {
            SaveFailure::Unsupported => t.save_unsupported,
            SaveFailure::StorageFull => t.save_storage_full,
            SaveFailure::Download => t.save_download_failed,
        }
    }
}

/// Saves an article for offline reading: its page and document (the reader
/// has them already) and every picture in it, fetched now.
pub async fn save_for_offline(
    pages: Vec<String>,
    pictures: Vec<String>,
) -> Result<(), SaveFailure> {
    let documents = open_cache(DOCUMENT_CACHE)
        .await
        .ok_or(SaveFailure::Unsupported)?;
    let media = open_cache(MEDIA_CACHE)
        .await
        .ok_or(SaveFailure::Unsupported)?;
    for (cache, urls) in [(documents, pages), (media, pictures)] {
        let list = urls.iter().map(JsValue::from).collect::<js_sys::Array>();
        JsFuture::from(cache.add_all_with_str_sequence(&list))
            .await
            .map_err(|error| {
                let quota = error
                    .dyn_ref::<web_sys::DomException>()
                    .is_some_and(|exception| exception.name() == "QuotaExceededError");
                if quota {
                    SaveFailure::StorageFull
                } else {
                    SaveFailure::Download
                }
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_css_strings() {
        assert_eq!(css_string("Available offline"), "\"Available offline\"");
        assert_eq!(css_string("可离线阅读"), "\"可离线阅读\"");
        assert_eq!(css_string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\a d\"");
    }

    #[test]
    fn save_failures_speak_the_interface_language() {
        let en = Locale::En.strings();
        assert_eq!(
            SaveFailure::StorageFull.message(en),
            "There is no room left on this device to save it."
        );
        let zh = Locale::ZhHans.strings();
        assert_eq!(SaveFailure::Unsupported.message(zh), zh.save_unsupported);
    }
}
