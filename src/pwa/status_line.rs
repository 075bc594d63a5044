//! The status line: it says the network is gone, a new version is ready, or
//! the app can be installed. It lives outside the app (it outlasts a
//! hand-over from islands to the app) and so outside its interface: it speaks
//! the language the page declares on `<html lang>`, which the app keeps to
//! its interface's, and follows it when the reader switches.

use super::install::{install, not_now};
use super::offline_marks::label_available_offline;
use super::registration::activate_update;
use super::AppStatus;
use crate::i18n::{text, Interface, Locale};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The interface's language as the page declares it on `<html lang>`; English
/// where it declares none the interface speaks.
pub(super) fn page_locale() -> Locale {
    crate::platform::root_element()
        .and_then(|root| root.get_attribute("lang"))
        .as_deref()
        .and_then(Locale::from_tag)
        .unwrap_or_default()
}

/// Keeps the status line's interface, and the "Available offline" label, in
/// the language `<html lang>` declares, now and whenever it changes.
pub(super) fn follow_page_language(window: &web_sys::Window, interface: Interface) {
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

#[component]
pub(super) fn StatusLine(status: AppStatus) -> impl IntoView {
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
