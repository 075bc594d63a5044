//! What partners embed (see `broadsheet::share::embed` and
//! `broadsheet::pages::embed`): for each article its embed
//! page, `embed/{id}/index.html`, and its oEmbed document, `oembed/{id}.json`.
//!
//! The embed page is the article's [`EmbedView`] with the app's stylesheet and
//! `embed-frame.js`, and nothing else: no app, no service worker, no manifest.
//! A partner's page pays for HTML, CSS and a kilobyte of script.

use crate::html::{self, escape};
use broadsheet::app::native::render_natively;
use broadsheet::content::ContentBase;
use broadsheet::model::{publication_name, Article, Hero, Site};
use broadsheet::pages::embed::EmbedView;
use broadsheet::routes::{
    absolute_url, article_route, embed_route, public_article_url, publication_base,
    EMBED_FRAME_SCRIPT,
};
use broadsheet::share::embed;
use leptos::prelude::*;
use serde_json::json;

/// The embed page of `article`, with the stylesheets of trunk's `template`.
pub fn page(
    template: &str,
    content: &ContentBase,
    site: Option<&Site>,
    article: &Article,
) -> String {
    let publication = publication_name(site);
    let route = article_route(&article.id);
    let body = render_natively(
        content,
        site,
        &embed_route(&article.id),
        article.language.clone(),
        {
            let (article, publication, route) =
                (article.clone(), publication.to_owned(), route.clone());
            move || view! { <EmbedView article publication article_url=route/> }
        },
    )
    .html;
    let canonical = public_article_url(article, publication_base(site));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n  <head>\n    \
         <meta charset=\"utf-8\">\n    \
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n    \
         <meta name=\"robots\" content=\"noindex\">\n    \
         <meta name=\"color-scheme\" content=\"light dark\">\n    \
         <title>{title}</title>\n    \
         <link rel=\"canonical\" href=\"{canonical}\">\n    \
         {stylesheets}\n    \
         <script src=\"{EMBED_FRAME_SCRIPT}\"></script>\n  </head>\n  \
         <body class=\"embed-page\">{body}</body>\n</html>\n",
        lang = escape(article.language.as_deref().unwrap_or("en")),
        title = escape(&embed::frame_title(&article.title, publication)),
        canonical = escape(&canonical),
        stylesheets =
            html::link_tags(template, |tag| tag.contains("rel=\"stylesheet\"")).join("\n    "),
    )
}

/// The article's oEmbed 1.0 document, `rich` type: the plain iframe snippet,
/// served from the publication's address. `None` without one, since oEmbed's
/// HTML must work on any site.
pub fn oembed(site: Option<&Site>, content: &ContentBase, article: &Article) -> Option<String> {
    let base = publication_base(site)?;
    let publication = publication_name(site);
    let frame_title = embed::frame_title(&article.title, publication);
    let mut document = json!({
        "version": "1.0",
        "type": "rich",
        "provider_name": publication,
        "provider_url": format!("{base}/"),
        "title": article.title,
        "html": embed::plain_iframe(base, &article.id, &frame_title),
        "width": embed::PLAIN_FRAME_WIDTH,
        "height": embed::PLAIN_FRAME_HEIGHT,
        "cache_age": 86400,
    });
    let thumbnail = article.hero().and_then(|hero| match hero {
        Hero::Image(image) => Some((
            content.media(&image.src),
            image.width.get(),
            image.height.get(),
        )),
        Hero::Video(_) => None,
    });
    if let Some((url, width, height)) = thumbnail {
        document["thumbnail_url"] = json!(absolute_url(&url, Some(base)));
        document["thumbnail_width"] = json!(width);
        document["thumbnail_height"] = json!(height);
    }
    let authors = article.authors();
    if !authors.is_empty() {
        document["author_name"] = json!(authors.join(", "));
    }
    Some(document.to_string())
}
