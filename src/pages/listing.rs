//! The pages of the lists of articles, newest first, one page of cards at a
//! time: the front page (`/`, then its archive `/archive/{n}`) with the
//! publication's sections, a section's (`/sections/{slug}`) and a tag's
//! (`/tags/{slug}`). A page
//! fetches its own page of the list (`content::fetch_listing`), never the
//! whole archive, so its cost does not grow with the archive.

use crate::components::card::ArticleCard;
use crate::components::pagination::Pagination;
use crate::components::status::{FrontPageSkeleton, LoadFailure, Retries};
use crate::content::{self, ContentBase, LoadError};
use crate::context::use_site;
use crate::i18n::{text, use_strings, Interface};
use crate::model::{ArticleSummary, IndexPage};
use crate::pages::not_found::NotFound;
use crate::routes::{ListPage, Listing};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The route view of every list's pages: which list and page come from the address.
#[component]
pub fn ListingPage() -> impl IntoView {
    let location = use_location();
    let content = use_context::<ContentBase>().unwrap_or_default();
    let retries = Retries::new();
    let wanted = Memo::new(move |_| Listing::of_route(&location.pathname.get()));
    let index = LocalResource::new(move || {
        let freshness = retries.freshness();
        let wanted = wanted.get();
        let content = content.clone();
        async move {
            let (listing, page) = wanted.ok_or(LoadError::NotFound)?;
            let index = content::fetch_listing(&content, &listing, page, freshness).await?;
            Ok::<_, LoadError>((listing, index))
        }
    });
    view! {
        <Suspense fallback=FrontPageSkeleton>
            {move || Suspend::new(async move {
                match index.await {
                    Ok((listing, index)) => view! { <ListingView listing index/> }.into_any(),
                    Err(LoadError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <LoadFailure error on_retry=move || retries.retry()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One page of a list once its document is known: shared by the app and the prerenderer.
#[component]
pub fn ListingView(listing: Listing, index: IndexPage) -> impl IntoView {
    // A list speaks the publication's language, not the last article's.
    if let Some(interface) = use_context::<Interface>() {
        interface.set_page_language(None);
    }
    let site = use_site();
    let t = use_strings();
    let archive = index.archive;
    let front = listing == Listing::Front;
    let heading = {
        let (listing, name) = (listing.clone(), index.name.clone());
        move || {
            let named = |slug: &String| name.clone().unwrap_or_else(|| slug.clone());
            match &listing {
                Listing::Front => site
                    .get()
                    .map_or_else(|| t().front_page.to_owned(), |site| site.name),
                Listing::Section(slug) => named(slug),
                Listing::Tag(slug) => (t().tag_heading)(&named(slug)),
            }
        }
    };
    let title = {
        let heading = heading.clone();
        move || match archive {
            None => heading(),
            Some(number) => format!("{} · {}", heading(), (t().archive_page)(number)),
        }
    };
    let sections = if front {
        index.sections.clone()
    } else {
        Vec::new()
    };
    view! {
        <Title text=title/>
        <h1 class:visually-hidden=front class="listing-heading" tabindex="-1">{heading}</h1>
        <SectionNav sections/>
        <ArticleList articles=index.newest_first() front/>
        <Pagination listing index/>
    }
}

/// The publication's sections, each a link to its pages.
#[component]
fn SectionNav(sections: Vec<String>) -> impl IntoView {
    let links: Vec<(String, String)> = sections
        .into_iter()
        .filter_map(|name| {
            Listing::section(&name).map(|listing| (listing.route(ListPage::Newest), name))
        })
        .collect();
    (!links.is_empty()).then(|| {
        view! {
            <nav class="sections" aria-label=text(|t| t.sections)>
                <ul>
                    {links
                        .into_iter()
                        .map(|(href, name)| view! { <li><A href=href>{name}</A></li> })
                        .collect_view()}
                </ul>
            </nav>
        }
    })
}

#[component]
fn ArticleList(articles: Vec<ArticleSummary>, front: bool) -> impl IntoView {
    if articles.is_empty() {
        return view! { <p class="empty">{text(|t| t.no_articles)}</p> }.into_any();
    }
    view! {
        <div class="card-list listing" class:front-page=front>
            {articles
                .into_iter()
                .enumerate()
                .map(|(position, summary)| view! { <ArticleCard summary lead=front && position == 0/> })
                .collect_view()}
        </div>
    }
    .into_any()
}
