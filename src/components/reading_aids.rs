//! Reading aids around an article: a slim progress bar at the top of the
//! window, a table of contents for long articles (four or more section
//! headings), and "Back to top" at the end. The table and the link are plain
//! links to anchors, working before the app starts; the bar is moved by
//! `reading-progress.js`, which every page's loader carries, app or none.

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
