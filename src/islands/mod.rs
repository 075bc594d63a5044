//! How the app starts on a prerendered page. The page is complete and
//! readable as served, so the app does not render it a second time: that
//! would build and lay out the whole page again on the reader's phone, just
//! after it was shown. Instead the parts that act are brought to life in
//! place, as islands: each part marked by the view that rendered it
//! ([`crate::components::island`]) is rendered again by its component
//! ([`registry`]) from the documents the page carries. A page prerendered in
//! another interface language than the reader chose is rendered again by the
//! app, in theirs, and so is an article corrected or withdrawn since it was
//! prerendered. The first link the reader follows within the site hands
//! the page over to the whole app, which routes from then on.

pub mod registry;

use crate::components::island::{
    IslandKind, ISLAND_ALIVE_ATTRIBUTE, ISLAND_ATTRIBUTE, ISLAND_AT_ATTRIBUTE,
};
use crate::content::{self, ContentBase, Freshness, SinceShown};
use crate::context::{provide_page_context, settings::ReaderSettings, SiteState};
use crate::i18n::use_locale;
use crate::platform::{
    browser_document, browser_window, focused_element, mark_ready, next_task, query_all,
    root_element,
};
use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use registry::Documents;
use std::cell::RefCell;
use wasm_bindgen::{closure::Closure, JsCast};

/// The element around a prerendered page's static markup.
pub const PRERENDERED_ID: &str = "prerendered";

/// On `<html>`: the page's loader asked the host, and the page's article is
/// as the page shows it (`loader.js`); the app need not ask again.
pub const CURRENT_ATTRIBUTE: &str = "data-broadsheet-current";

/// Mounts the whole app at the current address, saying whether the reader
/// followed a link to it: how islands hand the page over.
pub type MountApp = fn(ContentBase, bool);

/// What a prerendered page keeps while it has islands: their reactive owner,
/// the click listener that hands the page over, and how to mount the app.
struct Islands {
    owner: Owner,
    hand_over: Closure<dyn FnMut(web_sys::MouseEvent)>,
    mount_app: MountApp,
}

thread_local! {
    static ISLANDS: RefCell<Option<Islands>> = const { RefCell::new(None) };
}

/// The prerendered content of this page, if the prerenderer wrote it.
pub fn prerendered_page() -> Option<web_sys::Element> {
    browser_document()?.get_element_by_id(PRERENDERED_ID)
}

/// Brings a prerendered page's islands to life from the documents it carries,
/// and hands the page over to the app (`mount_app`) at the first navigation
/// within the site.
pub fn enhance(prerendered: web_sys::Element, content: ContentBase, mount_app: MountApp) {
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
            mount_app,
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
        let site = content::fetch_site(&content).await.ok();
        let article = match article_id() {
            Some(id) => content::fetch_article(&content, &id, Freshness::Usual)
                .await
                .ok(),
            None => None,
        };
        let speaks = owner.with(|| {
            let page_language = article
                .as_ref()
                .and_then(|article| article.language.clone());
            provide_page_context(
                content.clone(),
                SiteState::known(site.clone()),
                ReaderSettings::load().lang,
                page_language,
            );
            use_locale()().tag()
        });
        let prerendered_in = root_element().and_then(|root| root.get_attribute("lang"));
        if prerendered_in.as_deref() != Some(speaks) {
            take_over(content, false);
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
                    leptos::task::spawn_local(async move { take_over(content, false) });
                }
            });
        });
        let shown = article.clone();
        let documents = Documents { site, article };
        for mark in query_all(&prerendered, &format!("[{ISLAND_ATTRIBUTE}]")) {
            next_task().await;
            owner.with(|| bring_to_life(&mark, &documents));
        }
        mark_ready("islands");
        if let Some(shown) = shown {
            follow_corrections(content, shown).await;
        }
    });
}

/// A page prerendered before a correction (kept by the browser, the service
/// worker or a cache between) shows the corrected article once the host has
/// it, and one withdrawn since says so: the app takes the page over and
/// renders it from the newer document, which it has in hand, in place.
async fn follow_corrections(content: ContentBase, shown: crate::model::Article) {
    if root_element().is_some_and(|root| root.has_attribute(CURRENT_ATTRIBUTE)) {
        return;
    }
    match content::article_since(&content, &shown.id, &shown).await {
        SinceShown::Same => {}
        SinceShown::Corrected | SinceShown::Gone => take_over(content, false),
    }
}

/// Renders the island marked by `mark` in place of its static copy.
fn bring_to_life(mark: &web_sys::Element, documents: &Documents) {
    let name = mark.get_attribute(ISLAND_ATTRIBUTE).unwrap_or_default();
    let Some(kind) = IslandKind::from_name(&name) else {
        leptos::logging::warn!("islands: no island is called {name:?}");
        return;
    };
    let at = mark
        .get_attribute(ISLAND_AT_ATTRIBUTE)
        .and_then(|at| at.parse().ok());
    let Some(view) = registry::render(kind, at, documents) else {
        leptos::logging::warn!("islands: the page's documents have no {name} at {at:?}");
        return;
    };
    let focus = focused_place_in(mark);
    while let Some(child) = mark.first_child() {
        _ = mark.remove_child(&child);
    }
    let mut state = view.build();
    state.mount(mark, None);
    // Dropping the state would not unmount it; it is kept so its event
    // handlers and effects live on with the owner.
    std::mem::forget(state);
    _ = mark.set_attribute(ISLAND_ALIVE_ATTRIBUTE, "");
    if let Some(place) = focus {
        give_focus_back(mark, &place);
    }
}

/// Where in `mark` the focused element stands, as the index of each element
/// on the way down to it: a keyboard or screen reader's place, which
/// replacing the part would otherwise drop to the top of the page.
fn focused_place_in(mark: &web_sys::Element) -> Option<Vec<u32>> {
    let focused: web_sys::Element = focused_element()?.into();
    if !mark.contains(Some(&focused)) || &focused == mark {
        return None;
    }
    let mut place = Vec::new();
    let mut node = focused;
    while &node != mark {
        let parent = node.parent_element()?;
        let children = parent.children();
        let index = (0..children.length()).find(|&i| children.item(i).as_ref() == Some(&node))?;
        place.push(index);
        node = parent;
    }
    place.reverse();
    Some(place)
}

/// Focuses the living element at `place` in `mark`, if it stands there.
fn give_focus_back(mark: &web_sys::Element, place: &[u32]) {
    let mut node = mark.clone();
    for &index in place {
        let Some(child) = node.children().item(index) else {
            return;
        };
        node = child;
    }
    if let Ok(element) = node.dyn_into::<web_sys::HtmlElement>() {
        _ = element.focus();
    }
}

/// The id of this page's article, the one page kind with documents of its own.
fn article_id() -> Option<String> {
    let path = browser_window()?.location().pathname().ok()?;
    crate::routes::article_id_of_route(&path).map(|id| id.as_str().to_owned())
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
    take_over(content, true);
}

/// The app replaces the prerendered page and its islands, at the current
/// address, which the reader reached by following a link or not. Once only:
/// the islands are gone after the first take-over.
fn take_over(content: ContentBase, followed_link: bool) {
    let Some(Islands {
        owner,
        hand_over,
        mount_app,
    }) = ISLANDS.with(|islands| islands.borrow_mut().take())
    else {
        return;
    };
    if let Some(document) = browser_document() {
        _ = document
            .remove_event_listener_with_callback("click", hand_over.as_ref().unchecked_ref());
    }
    if let Some(prerendered) = prerendered_page() {
        prerendered.remove();
    }
    owner.cleanup();
    // The listener may be running this very code: it is freed once it returns.
    leptos::task::spawn_local(async move { drop(hand_over) });
    mount_app(content, followed_link);
}
