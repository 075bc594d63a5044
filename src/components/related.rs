//! Related news under an article: the newsroom's picks, as cards.

use super::card::ArticleCard;
use crate::i18n::text;
use crate::model::ArticleSummary;
use leptos::prelude::*;

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
