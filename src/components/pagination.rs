//! The way through a list of articles page by page: newer and older pages,
//! and where the reader is. Every page of a list has its own address, so
//! each link is an ordinary link, crawlable and prerendered.

use crate::i18n::{text, use_strings};
use crate::routes::Listing;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Pagination(listing: Listing, page: u32, pages: u32) -> impl IntoView {
    let t = use_strings();
    (pages > 1).then(|| {
        let newer = (page > 1).then(|| listing.route(page - 1));
        let older = (page < pages).then(|| listing.route(page + 1));
        view! {
            <nav class="pagination" aria-label=text(|t| t.more_articles)>
                {newer.map(|href| view! { <A href=href attr:rel="prev" attr:class="newer">{text(|t| t.newer_articles)}</A> })}
                <span class="page-of">{move || (t().page_of)(page, pages)}</span>
                {older.map(|href| view! { <A href=href attr:rel="next" attr:class="older">{text(|t| t.older_articles)}</A> })}
            </nav>
        }
    })
}
