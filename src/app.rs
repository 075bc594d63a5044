//! The app: shared state (the content base and the site) and the routes.

use crate::api::{self, ContentBase};
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::i18n::{text, use_locale, Interface};
use crate::model::{ArticleId, Site};
use crate::pages::{article::ArticlePage, front::FrontPage, not_found::NotFound};
use crate::settings::ReaderSettings;
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use std::sync::atomic::{AtomicBool, Ordering};

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
    provide_context(Interface::new(ReaderSettings::load().lang, None));
    let locale = use_locale();
    Effect::new(move |_| {
        let tag = locale().tag();
        if let Some(root) = document().document_element() {
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
    let location = leptos_router::hooks::use_location();
    // A new page takes the focus to its heading, which screen readers then
    // read out, as a page load would; the first page keeps the browser's.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let arrived = previous.is_some_and(|previous| previous != path)
            || ARRIVED_BY_LINK.swap(false, Ordering::Relaxed);
        if arrived {
            leptos::task::spawn_local(focus_new_heading());
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

/// Set when the app takes over a prerendered page because the reader followed
/// a link: its first page is then a new page, as after a route change.
static ARRIVED_BY_LINK: AtomicBool = AtomicBool::new(false);

pub fn arrived_by_link() {
    ARRIVED_BY_LINK.store(true, Ordering::Relaxed);
}

/// Focuses the new page's `h1` once it has rendered: at once for a page in
/// hand, after its document for one that loads. The old page's heading may
/// linger while the new document loads; it is not the one to focus, unless it
/// is still there after a few seconds (the same page again).
async fn focus_new_heading() {
    use wasm_bindgen::JsCast;
    let heading = || {
        document()
            .query_selector("main#main h1")
            .ok()
            .flatten()
            .and_then(|heading| heading.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let old = heading();
    for attempt in 0..100 {
        if let Some(heading) = heading() {
            let is_old = old
                .as_ref()
                .is_some_and(|old| old.is_same_node(Some(&heading)));
            if !is_old || attempt >= 30 {
                _ = heading.focus();
                return;
            }
        }
        sleep(100).await;
    }
}

/// Waits `milliseconds` on the browser's timer.
async fn sleep(milliseconds: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds);
    });
    _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A page's markup and the language its interface speaks.
#[cfg(feature = "ssr")]
pub struct Rendered {
    pub html: String,
    pub language: &'static str,
}

/// Renders `page` natively (the `ssr` build), as the app would at `path`, its
/// interface in the language the app would pick for `page_language` (an
/// article's): the prerenderer's pages and the property tests' renders.
#[cfg(feature = "ssr")]
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
        provide_context(content.clone());
        provide_context(SiteState::known(site.cloned()));
        provide_context(leptos_router::location::RequestUrl::new(path));
        provide_context(Interface::new(None, page_language));
        let html = view! { <leptos_router::components::Router>{page()}</leptos_router::components::Router> }
            .to_html();
        Rendered {
            html,
            language: use_locale()().tag(),
        }
    })
}
