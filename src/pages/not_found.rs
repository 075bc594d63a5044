//! The not-found page: for unknown routes and articles that do not exist.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found"/>
        <section class="not-found">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"We could not find that page. It may have been moved or taken down."</p>
            <p><A href="/">"Go to the front page"</A></p>
        </section>
    }
}
