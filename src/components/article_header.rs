//! The top of an article: section, headline, standfirst, dateline (dates,
//! place, reading time) and hero.

use super::figure::{media_url, Figure, Layout, Picture};
use super::tags::SectionLabel;
use super::translations::Translations;
use crate::format::{long_date, reading_minutes};
use crate::i18n::{text, use_locale, use_strings};
use crate::model::{Article, Hero};
use leptos::prelude::*;

#[component]
pub fn ArticleHeader(article: Article) -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let updated = article
        .updated
        .clone()
        .filter(|updated| Some(updated) != article.published.as_ref());
    let minutes = reading_minutes(&article);
    view! {
        <header class="article-header">
            {article.section.clone().map(|section| view! { <SectionLabel section/> })}
            <h1 class="headline" tabindex="-1">{article.title.clone()}</h1>
            <Translations article=article.clone()/>
            {article.summary.clone().map(|summary| view! { <p class="standfirst">{summary}</p> })}
            <p class="dateline">
                {article.published.clone().map(|published| view! {
                    <time datetime=published.as_str().to_owned() lang=move || locale().tag()>{let date = published.clone(); move || long_date(&date, t())}</time>
                })}
                {updated.map(|updated| view! {
                    <span class="updated" lang=move || locale().tag()>{text(|t| t.updated)}" "<time datetime=updated.as_str().to_owned()>{let date = updated.clone(); move || long_date(&date, t())}</time></span>
                })}
                {article.location.clone().map(|location| view! { <span class="location">{location}</span> })}
                <span class="reading-time" lang=move || locale().tag()>{move || (t().reading_time)(minutes)}</span>
            </p>
        </header>
        {article.hero().map(|hero| view! { <HeroMedia hero/> })}
    }
}

#[component]
fn HeroMedia(hero: Hero) -> impl IntoView {
    match hero {
        Hero::Image(image) => {
            let caption = image.caption.clone();
            let credit = image.credit.clone();
            view! { <Figure class="figure hero" caption credit><Picture image eager=true layout=Layout::Hero/></Figure> }.into_any()
        }
        Hero::Video(video) => {
            let caption = video.caption.clone();
            let credit = video.credit.clone();
            view! {
                <Figure class="figure hero video" caption credit>
                    <video
                        src=media_url(&video.src)
                        poster=video.poster.as_ref().map(media_url)
                        width=video.width.map(|w| w.get())
                        height=video.height.map(|h| h.get())
                        controls=true
                        playsinline=true
                        preload="metadata"
                    ></video>
                </Figure>
            }
            .into_any()
        }
    }
}
