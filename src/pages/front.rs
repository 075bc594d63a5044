//! The front page: the publication's articles as cards, newest first.

use crate::components::card::ArticleCard;
use crate::components::status::{FrontPageSkeleton, LoadFailure, Retries};
use crate::content::{self, ContentBase};
use crate::context::use_site;
use crate::i18n::{text, use_strings};
use crate::model::{ArticleSummary, FrontPageIndex};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FrontPage() -> impl IntoView {
    let content = use_context::<ContentBase>().unwrap_or_default();
    let retries = Retries::new();
    let index = LocalResource::new(move || {
        let freshness = retries.freshness();
        let content = content.clone();
        async move { content::fetch_index(&content, freshness).await }
    });
    let site = use_site();
    let t = use_strings();
    let page_title = move || {
        site.get()
            .map_or_else(|| t().front_page.to_owned(), |site| site.name)
    };
    view! {
        <Title text=page_title/>
        <Suspense fallback=FrontPageSkeleton>
            {move || Suspend::new(async move {
                match index.await {
                    Ok(index) => view! { <FrontPageView index/> }.into_any(),
                    Err(error) => view! { <LoadFailure error on_retry=move || retries.retry()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The front page once its index is known: shared by the app and the prerenderer.
#[component]
pub fn FrontPageView(index: FrontPageIndex) -> impl IntoView {
    // The front page speaks the publication's language, not the last article's.
    if let Some(interface) = use_context::<crate::i18n::Interface>() {
        interface.set_page_language(None);
    }
    let site = use_site();
    let t = use_strings();
    let heading = move || {
        site.get()
            .map_or_else(|| t().front_page.to_owned(), |site| site.name)
    };
    view! {
        <h1 class="visually-hidden" tabindex="-1">{heading}</h1>
        <ArticleList articles=index.newest_first()/>
    }
}

#[component]
fn ArticleList(articles: Vec<ArticleSummary>) -> impl IntoView {
    if articles.is_empty() {
        return view! { <p class="empty">{text(|t| t.no_articles)}</p> }.into_any();
    }
    view! {
        <div class="front-page card-list">
            {articles
                .into_iter()
                .enumerate()
                .map(|(position, summary)| view! { <ArticleCard summary lead=position == 0/> })
                .collect_view()}
        </div>
    }
    .into_any()
}
