//! Article cards: related news under an article and the front page's list.

use super::figure::Picture;
use crate::format::long_date;
use crate::i18n::{text, use_strings};
use crate::model::ArticleSummary;
use leptos::prelude::*;
use leptos_router::components::A;

/// One article as a card that links to it.
#[component]
pub fn ArticleCard(summary: ArticleSummary, #[prop(optional)] lead: bool) -> impl IntoView {
    let ArticleSummary {
        id,
        title,
        summary,
        section,
        published,
        image,
    } = summary;
    let href = crate::app::article_route(&id);
    let t = use_strings();
    view! {
        <article class="card" class:lead=lead>
            {image.map(|image| view! { <div class="card-image"><Picture image eager=lead/></div> })}
            <div class="card-text">
                {section.map(|section| view! { <p class="section-label">{section}</p> })}
                <h3 class="card-title"><A href=href>{title}</A></h3>
                {summary.map(|summary| view! { <p class="card-summary">{summary}</p> })}
                {published.map(|published| view! {
                    <time class="card-date" datetime=published.as_str().to_owned()>{let date = published.clone(); move || long_date(&date, t())}</time>
                })}
            </div>
        </article>
    }
}

#[component]
pub fn RelatedNews(related: Vec<ArticleSummary>) -> impl IntoView {
    (!related.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="related-heading">
                <h2 id="related-heading">{text(|t| t.related_news)}</h2>
                <div class="card-list">
                    {related.into_iter().map(|summary| view! { <ArticleCard summary/> }).collect_view()}
                </div>
            </section>
        }
    })
}
