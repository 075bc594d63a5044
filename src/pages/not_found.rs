//! The not-found page: for unknown routes and articles that do not exist.

use crate::i18n::use_strings;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_strings();
    if let Some(interface) = use_context::<crate::i18n::Interface>() {
        interface.set_page_language(None);
    }
    view! {
        <Title text=move || t().not_found_title/>
        <section class="not-found">
            <h1 tabindex="-1">{move || t().not_found_title}</h1>
            <p>{move || t().not_found_text}</p>
            <p><A href="/">{move || t().go_to_front_page}</A></p>
        </section>
    }
}
