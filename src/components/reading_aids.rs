//! Reading aids around an article: a slim progress bar at the top of the
//! window, a table of contents for long articles (four or more section
//! headings), and "Back to top" at the end. The table and the link are plain
//! links to anchors, working before the app starts; the bar needs the app and
//! follows the page's scroll from one listener, whatever article is shown.

use crate::i18n::text;
use crate::model::{Block, HeadingLevel};
use leptos::prelude::*;

/// The fewest section headings that earn an article a table of contents.
pub const CONTENTS_FROM_HEADINGS: usize = 4;

/// The id the "Back to top" link leads to: the site header.
pub const TOP_ID: &str = "top";

/// How far the reader is through the article, as a bar across the top of the
/// window. Decorative: the scroll bar says the same to assistive technology.
#[component]
pub fn ReadingProgress() -> impl IntoView {
    view! {
        <div class="reading-progress" aria-hidden="true">
            <div class="reading-progress-bar"></div>
        </div>
    }
}

/// The article's section headings as links, when it has enough of them.
#[component]
pub fn TableOfContents(blocks: Vec<Block>) -> impl IntoView {
    let headings: Vec<_> = blocks
        .into_iter()
        .filter_map(|block| match block {
            Block::Heading(heading) => Some(heading),
            _ => None,
        })
        .collect();
    let sections = headings
        .iter()
        .filter(|heading| heading.level == HeadingLevel::Section)
        .count();
    (sections >= CONTENTS_FROM_HEADINGS).then(|| {
        view! {
            <nav class="table-of-contents" aria-labelledby="contents-heading">
                <h2 id="contents-heading">{text(|t| t.contents)}</h2>
                <ol>
                    {headings
                        .into_iter()
                        .map(|heading| {
                            let class = match heading.level {
                                HeadingLevel::Section => "contents-section",
                                HeadingLevel::Subsection => "contents-subsection",
                            };
                            view! {
                                <li class=class>
                                    <a href=format!("#{}", heading.anchor)>{heading.text}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
        }
    })
}

#[component]
pub fn BackToTop() -> impl IntoView {
    view! {
        <p class="back-to-top">
            <a href=format!("#{TOP_ID}")>{text(|t| t.back_to_top)}<span aria-hidden="true">" ↑"</span></a>
        </p>
    }
}

/// Keeps every `.reading-progress-bar` on the page at the share of the
/// article read so far. One passive scroll listener, installed once, reads the
/// page on each animation frame: nothing to set up per article or tear down
/// on a route change.
pub fn follow_reading_progress() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use wasm_bindgen::{closure::Closure, JsCast};
    static FOLLOWING: AtomicBool = AtomicBool::new(false);
    if FOLLOWING.swap(true, Ordering::Relaxed) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let frame_pending = std::rc::Rc::new(std::cell::Cell::new(false));
    let update = Closure::<dyn FnMut()>::new({
        let frame_pending = frame_pending.clone();
        move || {
            frame_pending.set(false);
            show_progress();
        }
    });
    let on_scroll = Closure::<dyn FnMut()>::new(move || {
        if frame_pending.replace(true) {
            return;
        }
        if let Some(window) = web_sys::window() {
            _ = window.request_animation_frame(update.as_ref().unchecked_ref());
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(true);
    for event in ["scroll", "resize"] {
        _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            event,
            on_scroll.as_ref().unchecked_ref(),
            &options,
        );
    }
    // The listener lives as long as the page.
    on_scroll.forget();
    show_progress();
}

fn show_progress() {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let (Some(bar), Some(article)) = (
        document
            .query_selector(".reading-progress-bar")
            .ok()
            .flatten()
            .and_then(|bar| bar.dyn_into::<web_sys::HtmlElement>().ok()),
        document.query_selector("article.article").ok().flatten(),
    ) else {
        return;
    };
    let viewport = crate::platform::viewport_height(&window);
    let area = article.get_bounding_client_rect();
    let readable = (area.height() - viewport).max(1.0);
    let read = (-area.top() / readable).clamp(0.0, 1.0);
    // In ten-thousandths, formatted as integers: formatting a float would
    // bring the float printing machinery into the wasm (some 10 KB).
    let permyriad = (read * 10_000.0).round() as u32;
    _ = bar.style().set_property(
        "transform",
        &format!("scaleX({}.{:04})", permyriad / 10_000, permyriad % 10_000),
    );
}
