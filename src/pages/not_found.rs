//! The not-found page: for unknown routes and articles that do not exist.

use crate::i18n::text;
use crate::routes::FRONT_PAGE;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    if let Some(interface) = use_context::<crate::i18n::Interface>() {
        interface.set_page_language(None);
    }
    view! {
        <Title text=text(|t| t.not_found_title)/>
        <section class="not-found">
            <h1 tabindex="-1">{text(|t| t.not_found_title)}</h1>
            <p>{text(|t| t.not_found_text)}</p>
            <p><A href=FRONT_PAGE>{text(|t| t.go_to_front_page)}</A></p>
        </section>
    }
}
