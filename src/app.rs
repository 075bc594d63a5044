//! The app: shared state (the content base and the site) and the routes.

use crate::api::{self, ContentBase};
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::model::Site;
use crate::pages::{article::ArticlePage, front::FrontPage, not_found::NotFound};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The publication, loaded once for every page. `None` while it loads and when it
/// cannot be read: pages render without it rather than fail.
#[derive(Clone, Copy)]
pub struct SiteState(LocalResource<Result<Site, api::LoadError>>);

impl SiteState {
    pub fn get(&self) -> Option<Site> {
        self.0.get().and_then(Result::ok)
    }
}

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
    provide_context(SiteState(site));
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader/>
            <main id="main" class="page">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=FrontPage/>
                    <Route path=path!("/articles/:id") view=ArticlePage/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}
