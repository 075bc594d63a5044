//! The app: shared state (the content base and the site) and the routes.

use crate::api::{self, ContentBase};
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::model::{ArticleId, Site};
use crate::pages::{article::ArticlePage, front::FrontPage, not_found::NotFound};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The publication, loaded once for every page. `None` while it loads and when it
/// cannot be read: pages render without it rather than fail. The prerenderer
/// gives it whole.
#[derive(Clone, Copy)]
pub struct SiteState(Signal<Option<Site>>);

impl SiteState {
    pub fn get(&self) -> Option<Site> {
        self.0.get()
    }

    /// A site known before rendering, as when prerendering.
    pub fn known(site: Option<Site>) -> Self {
        SiteState(Signal::stored(site))
    }
}

/// Where an article lives in the app: `/articles/{id}` (the route below).
pub fn article_route(id: &ArticleId) -> String {
    format!("{ARTICLE_ROUTE_PREFIX}{}", id.as_str())
}

/// The article id of a path or link in the app, when it is an article's.
pub fn article_id_of_route(path: &str) -> Option<ArticleId> {
    let id = path
        .strip_prefix(ARTICLE_ROUTE_PREFIX)?
        .trim_end_matches('/');
    ArticleId::parse(id).ok()
}

const ARTICLE_ROUTE_PREFIX: &str = "/articles/";

pub fn use_site() -> SiteState {
    expect_context::<SiteState>()
}

#[component]
pub fn App(content: ContentBase) -> impl IntoView {
    provide_meta_context();
    provide_context(content.clone());
    let site = LocalResource::new(move || {
        let content = content.clone();
        async move { api::fetch_site(&content).await }
    });
    provide_context(SiteState(Signal::derive(move || {
        site.get().and_then(Result::ok)
    })));
    // The header's height depends on the site (its logo, its channel row), so
    // the page waits for site.json, read or failed, rather than jump when it
    // arrives. It is small and fetched alongside the page's own document.
    let site_settled = move || site.read().is_some();
    view! {
        <Show when=site_settled>
        <Router>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=path!("") view=FrontPage/>
                    <Route path=path!("/articles/:id") view=ArticlePage/>
                </Routes>
            </Shell>
        </Router>
        </Show>
    }
}

/// What every page has around its content: the skip link, the header with the
/// channel row, the main region and the footer. Shared by the app and the
/// prerenderer, so a prerendered page is the page the app will show.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <SiteHeader/>
        <main id="main" class="page">{children()}</main>
        <SiteFooter/>
    }
}
