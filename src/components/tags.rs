//! The article's tags and its section label, each a link to its list of
//! articles on the site, and plain words in an embed (a partner's frame is
//! no place to browse our lists).

use crate::context::{use_presentation, Presentation};
use crate::i18n::text;
use crate::routes::{ListPage, Listing};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Tags(tags: Vec<String>) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="tags" aria-label=text(|t| t.topics)>
                {tags
                    .into_iter()
                    .map(|tag| view! { <li class="tag"><ListLink listing=Listing::tag(&tag) name=tag/></li> })
                    .collect_view()}
            </ul>
        }
    })
}

/// An article's section above its headline or on its card.
#[component]
pub fn SectionLabel(section: String) -> impl IntoView {
    view! { <p class="section-label"><ListLink listing=Listing::section(&section) name=section/></p> }
}

/// `name` as a link to the first page of `listing`, or as words where there
/// is no list to go to.
#[component]
fn ListLink(listing: Option<Listing>, name: String) -> impl IntoView {
    match listing.filter(|_| use_presentation() == Presentation::Page) {
        Some(listing) => view! { <A href=listing.route(ListPage::Newest)>{name}</A> }.into_any(),
        None => name.into_any(),
    }
}
