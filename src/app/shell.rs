//! What every page has around its content: the skip link, the header with the
//! channel row, the main region and the footer. Shared by the app and the
//! prerenderer, so a prerendered page is the page the app will show.

use super::focus::{arrived_by_link_once, focus_new_heading};
use super::scroll::{restore_scroll, returning};
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::i18n::text;
use leptos::prelude::*;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    // A new page takes the focus to its heading, which screen readers then
    // read out, as a page load would; the first page keeps the browser's.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let arrived = previous.is_some_and(|previous| previous != path) || arrived_by_link_once();
        if arrived {
            let returning = returning();
            let path = path.clone();
            leptos::task::spawn_local(async move {
                focus_new_heading(returning).await;
                if returning {
                    restore_scroll(&path).await;
                }
            });
        }
        path
    });
    view! {
        <a class="skip-link" href="#main">{text(|t| t.skip_to_content)}</a>
        <SiteHeader/>
        <main id="main" class="page">{children()}</main>
        <SiteFooter/>
    }
}
