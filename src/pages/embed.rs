//! The embed page (`/embed/{id}`): one article as a partner's page shows it, compact and
//! without the site's chrome: the publication's name, the article's header and
//! hero, its body and credits, and "Read on {publication}" back to the full
//! article in a new tab. Every part is always rendered; `embed-frame.js` picks
//! what shows from the embed's address (card mode keeps the header and the
//! link) and adds "Read more" when the embed is cut at its maximum height.

use crate::components::article_header::ArticleHeader;
use crate::components::blocks::ArticleBody;
use crate::components::credits::Credits;
use crate::context::Presentation;
use crate::i18n::{text, use_strings};
use crate::model::Article;
use leptos::prelude::*;

/// `publication` is the site's name; `article_url` the full article's address.
#[component]
pub fn EmbedView(article: Article, publication: String, article_url: String) -> impl IntoView {
    provide_context(Presentation::Embed);
    let language = article.language.clone();
    let direction = article.direction();
    let blocks = article.blocks.clone();
    let credits = article.credits.clone();
    let t = use_strings();
    let read_on = {
        let publication = publication.clone();
        move || (t().read_on)(&publication)
    };
    view! {
        <article class="embed" lang=language dir=direction>
            <div class="embed-clip">
                <p class="embed-publication">{publication}</p>
                <ArticleHeader article/>
                <div class="embed-full">
                    <ArticleBody blocks/>
                    <Credits credits/>
                </div>
            </div>
            <footer class="embed-footer">
                <a class="embed-read-more" href=article_url.clone() target="_blank" rel="noopener">
                    {text(|t| t.read_more)}
                </a>
                <a class="embed-read-on" href=article_url target="_blank" rel="noopener">
                    {read_on}
                </a>
            </footer>
        </article>
    }
}
