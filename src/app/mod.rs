//! The app: the router over every page, mounted on `app.html` or when a
//! prerendered page hands over. [`shell`] is what every page has around it,
//! [`focus`] and [`scroll`] keep the reader's place across route changes, and
//! [`native`] renders the same pages without a browser, for the prerenderer.

pub mod focus;
#[cfg(feature = "ssr")]
pub mod native;
pub mod scroll;
pub mod shell;

pub use shell::Shell;

use crate::content::{self, ContentBase};
use crate::context::{provide_page_context, settings::ReaderSettings, SiteState};
use crate::i18n::use_locale;
use crate::pages::{article::ArticlePage, listing::ListingPage, not_found::NotFound};
use crate::routes::{
    ARCHIVE_PARAM, ARCHIVE_SEGMENT, ARTICLE_ID_PARAM, ARTICLE_SEGMENT, SECTION_SEGMENT, SLUG_PARAM,
    TAG_SEGMENT,
};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment};

/// Mounts the whole app on the page's body; it routes from here on. A
/// reader who `followed_link` to this page gets it as a new page (focus on
/// its heading), as after a route change.
pub fn mount(content: ContentBase, followed_link: bool) {
    if followed_link {
        focus::arrived_by_link();
    }
    leptos::mount::mount_to_body(move || view! { <App content/> });
    crate::platform::mark_ready("app");
}

#[component]
pub fn App(content: ContentBase) -> impl IntoView {
    provide_meta_context();
    let site = LocalResource::new({
        let content = content.clone();
        move || {
            let content = content.clone();
            async move { content::fetch_site(&content).await }
        }
    });
    provide_page_context(
        content,
        SiteState::loading(Signal::derive(move || site.get().and_then(Result::ok))),
        ReaderSettings::load().lang,
        None,
    );
    let locale = use_locale();
    Effect::new(move |_| {
        let tag = locale().tag();
        if let Some(root) = crate::platform::root_element() {
            _ = root.set_attribute("lang", tag);
        }
    });
    // The header's height depends on the site (its logo, its channel row), so
    // the page waits for site.json, read or failed, rather than jump when it
    // arrives. It is small and fetched alongside the page's own document.
    let site_settled = move || site.read().is_some();
    view! {
        <Show when=site_settled>
        <Router>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=ListingPage/>
                    <Route path=(StaticSegment(ARCHIVE_SEGMENT), ParamSegment(ARCHIVE_PARAM)) view=ListingPage/>
                    <Route path=(StaticSegment(SECTION_SEGMENT), ParamSegment(SLUG_PARAM)) view=ListingPage/>
                    <Route
                        path=(StaticSegment(SECTION_SEGMENT), ParamSegment(SLUG_PARAM), StaticSegment(ARCHIVE_SEGMENT), ParamSegment(ARCHIVE_PARAM))
                        view=ListingPage
                    />
                    <Route path=(StaticSegment(TAG_SEGMENT), ParamSegment(SLUG_PARAM)) view=ListingPage/>
                    <Route
                        path=(StaticSegment(TAG_SEGMENT), ParamSegment(SLUG_PARAM), StaticSegment(ARCHIVE_SEGMENT), ParamSegment(ARCHIVE_PARAM))
                        view=ListingPage
                    />
                    <Route
                        path=(StaticSegment(ARTICLE_SEGMENT), ParamSegment(ARTICLE_ID_PARAM))
                        view=ArticlePage
                    />
                </Routes>
            </Shell>
        </Router>
        </Show>
    }
}
