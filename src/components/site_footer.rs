//! The site footer: the publication's name and a way back to the front page.

use crate::context::use_site;
use crate::i18n::text;
use crate::routes::FRONT_PAGE;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = use_site();
    view! {
        <footer class="site-footer">
            <p>
                <A href=FRONT_PAGE>{text(|t| t.front_page)}</A>
                {move || site.get().map(|site| view! { <span class="footer-name">{format!(" · {}", site.name)}</span> })}
            </p>
        </footer>
    }
}
