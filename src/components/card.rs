//! One article as a card that links to it: the front page's list and related
//! news are made of these.

use super::figure::{Layout, Picture};
use super::tags::SectionLabel;
use crate::format::long_date;
use crate::i18n::use_strings;
use crate::model::ArticleSummary;
use crate::routes::article_route;
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
    let href = article_route(&id);
    let t = use_strings();
    view! {
        <article class="card" class:lead=lead>
            {image.map(|image| view! { <div class="card-image"><Picture image eager=lead layout=if lead { Layout::LeadCard } else { Layout::Card }/></div> })}
            <div class="card-text">
                {section.map(|section| view! { <SectionLabel section/> })}
                <h3 class="card-title"><A href=href>{title}</A></h3>
                {summary.map(|summary| view! { <p class="card-summary">{summary}</p> })}
                {published.map(|published| view! {
                    <time class="card-date" datetime=published.as_str().to_owned()>{let date = published.clone(); move || long_date(&date, t())}</time>
                })}
            </div>
        </article>
    }
}
