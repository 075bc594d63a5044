//! The app's pages rendered natively (the `ssr` build), as the app would show
//! them: the prerenderer's pages and the property tests' renders.

use crate::content::ContentBase;
use crate::context::{provide_page_context, SiteState};
use crate::i18n::use_locale;
use crate::model::Site;
use leptos::prelude::*;

/// A page's markup and the language its interface speaks.
pub struct Rendered {
    pub html: String,
    pub language: &'static str,
}

/// Renders `page` natively, as the app would at `path`, its interface in the
/// language the app would pick for `page_language` (an article's).
pub fn render_natively<V: IntoView + 'static>(
    content: &ContentBase,
    site: Option<&Site>,
    path: &str,
    page_language: Option<String>,
    page: impl FnOnce() -> V + Send + 'static,
) -> Rendered {
    let owner = Owner::new();
    owner.with(|| {
        leptos_meta::provide_meta_context();
        provide_page_context(
            content.clone(),
            SiteState::known(site.cloned()),
            None,
            page_language,
        );
        provide_context(leptos_router::location::RequestUrl::new(path));
        let html = view! { <leptos_router::components::Router>{page()}</leptos_router::components::Router> }
            .to_html();
        Rendered {
            html,
            language: use_locale()().tag(),
        }
    })
}
