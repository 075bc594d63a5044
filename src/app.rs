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
async fn focus_new_heading(keep_scroll: bool) {
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
                if keep_scroll {
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    _ = heading.focus_with_options(&options);
                } else {
                    _ = heading.focus();
                }
                return;
            }
        }
        sleep(100).await;
    }
}

thread_local! {
    /// How far down each page the reader was, by path, kept as they scroll.
    static SCROLLED: std::cell::RefCell<std::collections::HashMap<String, f64>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
    /// When Back or Forward was pressed (ms), until the page they return to is
    /// where the reader left it; scrolling meanwhile is the app's, not the
    /// reader's. 0 when not returning.
    static RETURNING_SINCE: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// How long a return may take before scrolling is the reader's again anyway
/// (a Back that changed only the fragment renders no new page).
const RETURN_PATIENCE_MS: f64 = 6000.0;

/// Whether Back or Forward was pressed and its page is not yet restored.
fn returning() -> bool {
    let since = RETURNING_SINCE.with(std::cell::Cell::get);
    since > 0.0 && js_sys::Date::now() - since < RETURN_PATIENCE_MS
}

/// Remembers how far down each page the reader was, so that Back and Forward
/// return there once the page has rendered again, even when its document
/// loads anew, or a page in between failed and was retried. The browser's own
/// restoration cannot: it scrolls before the page is long enough. Installed
/// once, for prerendered pages and the app alike.
pub fn remember_scroll_positions() {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_scroll = Closure::<dyn FnMut()>::new(|| {
        if returning() {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let (Ok(path), Ok(y)) = (window.location().pathname(), window.scroll_y()) else {
            return;
        };
        SCROLLED.with(|scrolled| scrolled.borrow_mut().insert(path, y));
    });
    let on_history = Closure::<dyn FnMut()>::new(|| {
        RETURNING_SINCE.with(|since| since.set(js_sys::Date::now()))
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(true);
    _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "scroll",
        on_scroll.as_ref().unchecked_ref(),
        &options,
    );
    _ = window.add_event_listener_with_callback("popstate", on_history.as_ref().unchecked_ref());
    // Both live as long as the page.
    on_scroll.forget();
    on_history.forget();
}

/// Scrolls back to where the reader left `path`, once the page is long enough
/// to be there (its document may still be loading), then lets scrolling be
/// the reader's again.
async fn restore_scroll(path: &str) {
    let target = SCROLLED.with(|scrolled| scrolled.borrow().get(path).copied());
    if let Some(target) = target.filter(|target| *target > 0.0) {
        for _ in 0..50 {
            let window = window();
            if page_height(&window) >= target + viewport_height(&window) {
                break;
            }
            sleep(100).await;
        }
        window().scroll_to_with_x_and_y(0.0, target);
    }
    RETURNING_SINCE.with(|since| since.set(0.0));
}

/// The height of the browser's window, in CSS pixels.
pub fn viewport_height(window: &web_sys::Window) -> f64 {
    window
        .inner_height()
        .ok()
        .and_then(|height| height.as_f64())
        .unwrap_or(0.0)
}

/// The height of the whole page, in CSS pixels.
pub fn page_height(window: &web_sys::Window) -> f64 {
    window
        .document()
        .and_then(|document| document.document_element())
        .map_or(0.0, |root| f64::from(root.scroll_height()))
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
