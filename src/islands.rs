//! How the app starts on a page. A page the prerenderer wrote is complete and
//! readable as served, so the app does not render it a second time: that would
//! build and lay out the whole page again on the reader's phone, just after it
//! was shown. Instead the parts that act are brought to life in place, as
//! islands: the reading settings' button, the share bar, Save for offline,
//! the channels' QR buttons, posters and videos, each rendered by its own
//! component from the documents the page carries. A page prerendered in
//! another interface language than the reader chose is rendered again by the
//! app, in theirs. The
//! first link the reader follows within the site hands the page over to the
//! whole app, which routes from then on. A page without prerendered content
//! (`app.html`) gets the whole app at once.

use crate::api::{self, ContentBase, Freshness};
use crate::app::{App, SiteState};
use crate::components::blocks::{PosterBlock, VideoBlock};
use crate::components::reading_aids::follow_reading_progress;
use crate::components::save_offline::SaveOffline;
use crate::components::share_bar::ShareBar;
use crate::components::site_header::Channel;
use crate::i18n::{use_locale, Interface};
use crate::model::{Article, Block, Site};
use crate::settings::panel::ReadingSettings;
use crate::settings::ReaderSettings;
use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use std::cell::RefCell;
use wasm_bindgen::{closure::Closure, JsCast};

/// The element around a prerendered page's static markup.
pub const PRERENDERED_ID: &str = "prerendered";

/// Set on `<html>` once the page acts: `islands` or `app`.
pub const READY_ATTRIBUTE: &str = "data-broadsheet";

/// What a prerendered page keeps while it has islands: their reactive owner
/// and the click listener that hands the page over.
struct Islands {
    owner: Owner,
    hand_over: Closure<dyn FnMut(web_sys::MouseEvent)>,
}

thread_local! {
    static ISLANDS: RefCell<Option<Islands>> = const { RefCell::new(None) };
}

/// Starts the app on the page that loaded it.
pub fn start() {
    crate::trusted_types::install_default_policy();
    let content = ContentBase::from_document();
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let installed = content.clone();
    match document.get_element_by_id(PRERENDERED_ID) {
        Some(prerendered) => enhance(prerendered, content),
        None => mount_app(content),
    }
    follow_reading_progress();
    crate::app::remember_scroll_positions();
    // The installed app's parts (service worker, status line) come after the
    // page, in tasks of their own; both ways of starting set up Leptos's
    // executor first.
    leptos::task::spawn_local(async move {
        next_task().await;
        next_task().await;
        crate::pwa::start(installed);
    });
}

fn mount_app(content: ContentBase) {
    leptos::mount::mount_to_body(move || view! { <App content/> });
    mark_ready("app");
}

fn mark_ready(how: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        _ = root.set_attribute(READY_ATTRIBUTE, how);
    }
}

/// Brings a prerendered page's islands to life from the documents it carries,
/// and hands the page over to the app at the first navigation within the site.
fn enhance(prerendered: web_sys::Element, content: ContentBase) {
    let owner = Owner::new();
    let hand_over = {
        let content = content.clone();
        Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
            if let Some(href) = site_link_followed(&event) {
                event.prevent_default();
                hand_over_to_app(&href, content.clone());
            }
        })
    };
    if let Some(document) = prerendered.owner_document() {
        _ = document.add_event_listener_with_callback("click", hand_over.as_ref().unchecked_ref());
    }
    ISLANDS.with(|islands| {
        *islands.borrow_mut() = Some(Islands {
            owner: owner.clone(),
            hand_over,
        })
    });
    // Leptos needs its executor to run effects and tasks; mounting the app sets
    // it up, and islands mount without the app.
    _ = any_spawner::Executor::init_wasm_bindgen();
    // Each step is a task of its own, so that none holds the reader's main
    // thread for long: islands look the same before and after, so nothing
    // shows between the steps.
    leptos::task::spawn_local(async move {
        next_task().await;
        // The documents are embedded in the page: no network, no waiting.
        let site = api::fetch_site(&content).await.ok();
        let article = match article_id() {
            Some(id) => api::fetch_article(&content, &id, Freshness::Usual)
                .await
                .ok(),
            None => None,
        };
        let speaks = owner.with(|| {
            provide_context(content.clone());
            provide_context(SiteState::known(site.clone()));
            let page_language = article
                .as_ref()
                .and_then(|article| article.language.clone());
            provide_context(Interface::new(ReaderSettings::load().lang, page_language));
            use_locale()().tag()
        });
        let prerendered_in = prerendered
            .owner_document()
            .and_then(|document| document.document_element())
            .and_then(|root| root.get_attribute("lang"));
        if prerendered_in.as_deref() != Some(speaks) {
            take_over(content);
            return;
        }
        // The page's text is static: a switch of language in the settings
        // hands the page to the app, which renders it in the new language.
        owner.with(|| {
            let locale = use_locale();
            let content = content.clone();
            Effect::new(move |_| {
                if locale().tag() != speaks {
                    let content = content.clone();
                    leptos::task::spawn_local(async move { take_over(content) });
                }
            });
        });
        for (static_copy, island) in islands(&prerendered, site.as_ref(), article.as_ref()) {
            next_task().await;
            owner.with(|| replace(&static_copy, island()));
        }
        mark_ready("islands");
    });
}

/// Resolves in a later task (a zero timeout), after the browser has had the
/// chance to paint and handle input.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            if window
                .set_timeout_with_callback(resolve.unchecked_ref())
                .is_ok()
            {
                return;
            }
        }
        _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
    });
    _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The id of this page's article, the one page kind with islands of its own.
fn article_id() -> Option<String> {
    let path = web_sys::window()?.location().pathname().ok()?;
    crate::app::article_id_of_route(&path).map(|id| id.as_str().to_owned())
}

/// A component's view, rendered when its turn comes.
type Island = Box<dyn FnOnce() -> AnyView>;

/// Each island, found in the page in the order its component rendered it, with
/// that component to render it again from the documents.
fn islands(
    prerendered: &web_sys::Element,
    site: Option<&Site>,
    article: Option<&Article>,
) -> Vec<(web_sys::Element, Island)> {
    let mut found: Vec<(web_sys::Element, Island)> = Vec::new();
    if let Some(button) = all(prerendered, "button.reading-settings-open")
        .into_iter()
        .next()
    {
        found.push((button, Box::new(|| view! { <ReadingSettings/> }.into_any())));
    }
    if let Some(article) = article {
        if let Some(bar) = all(prerendered, "section.share-bar").into_iter().next() {
            let article = article.clone();
            found.push((bar, Box::new(|| view! { <ShareBar article/> }.into_any())));
        }
        if let Some(save) = all(prerendered, "div.save-offline").into_iter().next() {
            let article = article.clone();
            found.push((
                save,
                Box::new(|| view! { <SaveOffline article/> }.into_any()),
            ));
        }
    }
    if let Some(site) = site {
        let channels = site.channel_row().filter(|link| link.qr.is_some()).cloned();
        for (link, button) in channels.zip(all(prerendered, ".channels button.channel-qr")) {
            found.push((button, Box::new(|| view! { <Channel link/> }.into_any())));
        }
    }
    let blocks = article.map_or(&[][..], |article| &article.blocks[..]);
    let mut block_islands = |selector: &str, island: fn(&Block) -> Option<Island>| {
        let figures = all(prerendered, selector);
        found.extend(figures.into_iter().zip(blocks.iter().filter_map(island)));
    };
    block_islands(".article-body > figure.poster", |block| match block {
        Block::Poster(poster) => {
            let poster = poster.clone();
            Some(Box::new(|| view! { <PosterBlock poster/> }.into_any()))
        }
        _ => None,
    });
    block_islands(".article-body > figure.video", |block| match block {
        Block::Video(video) => {
            let video = video.clone();
            Some(Box::new(|| view! { <VideoBlock video/> }.into_any()))
        }
        _ => None,
    });
    found
}

fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(found) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Renders `view` just before `static_copy` and removes the copy. The view's
/// state lives as long as the islands' owner.
fn replace(static_copy: &web_sys::Element, view: impl IntoView) {
    let Some(parent) = static_copy.parent_element() else {
        return;
    };
    let mut state = view.into_view().build();
    state.mount(&parent, Some(static_copy.as_ref()));
    static_copy.remove();
    // Dropping the state would not unmount it; it is kept so its event
    // handlers and effects live on with the owner.
    std::mem::forget(state);
}

/// The address of a link within the site that a plain click follows, as the
/// app's router would take it: same origin, same window, no download, not a
/// mere jump within this page.
fn site_link_followed(event: &web_sys::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let link = target.closest("a[href]").ok()??;
    if link.has_attribute("download")
        || link
            .get_attribute("target")
            .is_some_and(|target| !target.is_empty() && target != "_self")
    {
        return None;
    }
    let location = web_sys::window()?.location();
    let url =
        web_sys::Url::new_with_base(&link.get_attribute("href")?, &location.href().ok()?).ok()?;
    let same_page =
        url.pathname() == location.pathname().ok()? && url.search() == location.search().ok()?;
    (url.origin() == location.origin().ok()? && !same_page).then(|| url.href())
}

/// The reader follows a link: the app takes the page from here, at that address.
fn hand_over_to_app(href: &str, content: ContentBase) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
    crate::app::arrived_by_link();
    take_over(content);
}

/// The app replaces the prerendered page and its islands, at the current address.
/// Once only: the islands are gone after the first take-over.
fn take_over(content: ContentBase) {
    let Some(Islands { owner, hand_over }) = ISLANDS.with(|islands| islands.borrow_mut().take())
    else {
        return;
    };
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        _ = document
            .remove_event_listener_with_callback("click", hand_over.as_ref().unchecked_ref());
        if let Some(prerendered) = document.get_element_by_id(PRERENDERED_ID) {
            prerendered.remove();
        }
    }
    owner.cleanup();
    // The listener may be running this very code: it is freed once it returns.
    leptos::task::spawn_local(async move { drop(hand_over) });
    mount_app(content);
}
