//! The way through a list of articles page by page: newer and older pages.
//! Every page of a list has its own address, so each link is an ordinary
//! link, crawlable and prerendered. The archive's pages are numbered from the
//! oldest (`routes::ListPage`), so the way is named by each page's document
//! (`older`, `newer`), not worked out from a count of pages.

use crate::i18n::text;
use crate::model::IndexPage;
use crate::routes::{ListPage, Listing};
use leptos::prelude::*;
use leptos_router::components::A;

/// The pages just newer and just older than `index`, a page of `listing`.
pub fn neighbours(index: &IndexPage) -> (Option<ListPage>, Option<ListPage>) {
    let newer = index
        .archive
        .map(|_| index.newer.map_or(ListPage::Newest, ListPage::Archive));
    let older = index.older.map(ListPage::Archive);
    (newer, older)
}

#[component]
pub fn Pagination(listing: Listing, index: IndexPage) -> impl IntoView {
    let (newer, older) = neighbours(&index);
    (newer.is_some() || older.is_some()).then(|| {
        let newer = newer.map(|page| listing.route(page));
        let older = older.map(|page| listing.route(page));
        view! {
            <nav class="pagination" aria-label=text(|t| t.more_articles)>
                {newer.map(|href| view! { <A href=href attr:rel="prev" attr:class="newer">{text(|t| t.newer_articles)}</A> })}
                {older.map(|href| view! { <A href=href attr:rel="next" attr:class="older">{text(|t| t.older_articles)}</A> })}
            </nav>
        }
    })
}
