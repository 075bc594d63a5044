//! Prerenders the release build: for every article in the index, a static page
//! at its route holding the whole article (readable with JavaScript off), the
//! tags crawlers read (description, canonical, Open Graph, Twitter card,
//! JSON-LD `NewsArticle`), and the document it was made from, so the app takes
//! over without fetching it again. The markup comes from the app's own
//! components rendered natively: one code path, nothing to drift.
//!
//! `broadsheet-prerender DIST` reads `DIST/index.html` (trunk's output) and the
//! content in DIST. It keeps trunk's page, empty, as `DIST/app.html`: the page
//! for every route with no file of its own, such as an article published after
//! the build. It writes `DIST/articles/{id}/index.html` for each article and
//! the front page over `DIST/index.html`, and what installs the app and
//! keeps it offline (`pwa`): manifest, icons, service worker.
//! For each article it also writes what partners embed (`embed`): the embed
//! page at `DIST/embed/{id}/index.html` and the oEmbed document at
//! `DIST/oembed/{id}.json`. Trunk's inline loader becomes a file,
//! `DIST/loader-HASH.js` (`html`), the Content Security Policy of
//! `deploy/nginx/broadsheet.conf` (`csp`) goes into every page, and every text
//! file gets precompressed `.br` and `.gz` copies (`compress`).

// The views of whole pages are deep types; rendering them natively needs room.
#![recursion_limit = "256"]

mod compress;
mod csp;
mod embed;
mod files;
mod html;
mod pwa;
mod seo;

use broadsheet::app::native::render_natively as render;
use broadsheet::app::Shell;
use broadsheet::content::{
    article_document, ContentBase, CONTENT_BASE_META, INDEX_DOCUMENT, SITE_DOCUMENT,
};
use broadsheet::model;
use broadsheet::pages::article::ArticleView;
use broadsheet::pages::front::FrontPageView;
use broadsheet::routes::{article_route, embed_route, oembed_route, APP_SHELL, FRONT_PAGE};
use files::{page_file, read, read_document, write};
use leptos::prelude::*;
use std::path::{Path, PathBuf};

fn main() {
    let dist = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("dist"));
    match prerender(&dist) {
        Ok(written) => println!("prerender: {written} pages written in {}", dist.display()),
        Err(error) => {
            eprintln!("prerender: {error}");
            std::process::exit(1);
        }
    }
}

fn prerender(dist: &Path) -> Result<usize, String> {
    // Prerendering twice must start from trunk's page, not from a front page.
    let shell = dist.join(APP_SHELL.trim_start_matches('/'));
    let template = match read(&shell) {
        Ok(template) => template,
        Err(_) => {
            let template = read(&dist.join("index.html"))?;
            write(&shell, &template)?;
            template
        }
    };
    let (template, loader) = html::loader_moved_out(&template)?;
    if let Some((name, text)) = loader {
        write(&files::dist_file(dist, &name), &text)?;
    }
    let content =
        ContentBase::new(&html::meta_content(&template, CONTENT_BASE_META).unwrap_or_default());
    let site_file = dist.join(SITE_DOCUMENT);
    let site_text = match read_document(&site_file) {
        Ok(text) => Some(text),
        Err(error) if site_file.exists() => {
            eprintln!("prerender: {error}; pages go without it");
            None
        }
        Err(_) => None,
    };
    let site = match site_text.as_deref().map(model::decode_site) {
        Some(Ok(site)) => Some(site),
        Some(Err(error)) => {
            eprintln!("prerender: {SITE_DOCUMENT}: {error}; pages go without it");
            None
        }
        None => None,
    };
    // Every page carries site.json too: the app's header then renders at once
    // as the page shows it, not after a second download.
    let site_document: Vec<(String, String)> = site_text
        .filter(|_| site.is_some())
        .map(|text| (content.site(), text))
        .into_iter()
        .collect();
    let index_text = read_document(&dist.join(INDEX_DOCUMENT))?;
    let index = model::decode_index(&index_text).map_err(|e| format!("{INDEX_DOCUMENT}: {e}"))?;
    // Pages are kept until all are made, then checked against the Content
    // Security Policy and given it.
    let mut pages: Vec<(PathBuf, String)> = vec![(shell.clone(), template.clone())];
    let mut written = 0;
    for summary in index.newest_first() {
        let source = article_document(&summary.id);
        // A document that cannot be read, or is too large to, is left to
        // the app, which tells the reader why.
        let text = match read_document(&dist.join(&source)) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("prerender: {error}; left to the app");
                continue;
            }
        };
        let article = match model::decode_article(&text) {
            Ok(article) => article,
            Err(error) => {
                eprintln!("prerender: {source}: {error}; left to the app");
                continue;
            }
        };
        let path = article_route(&article.id);
        let body = render(&content, site.as_ref(), &path, article.language.clone(), {
            let article = article.clone();
            move || view! { <Shell><ArticleView article/></Shell> }
        });
        let tags = seo::article_tags(site.as_ref(), &article, &content);
        let page = html::page(
            &template,
            &tags,
            &body.html,
            body.language,
            &[
                site_document.clone(),
                vec![(content.article(&article.id), text)],
            ]
            .concat(),
        )?;
        pages.push((page_file(dist, &path), page));
        pages.push((
            page_file(dist, &embed_route(&article.id)),
            embed::page(&template, &content, site.as_ref(), &article),
        ));
        if let Some(oembed) = embed::oembed(site.as_ref(), &content, &article) {
            write(&files::dist_file(dist, &oembed_route(&article.id)), &oembed)?;
        }
        written += 1;
    }

    let body = render(
        &content,
        site.as_ref(),
        "/",
        None,
        move || view! { <Shell><FrontPageView index/></Shell> },
    );
    let tags = seo::front_page_tags(site.as_ref(), &content);
    let page = html::page(
        &template,
        &tags,
        &body.html,
        body.language,
        &[site_document, vec![(content.index(), index_text)]].concat(),
    )?;
    pages.push((page_file(dist, FRONT_PAGE), page));

    let policy = csp::policy()?;
    for (path, page) in &pages {
        csp::refuse_inline_scripts(page).map_err(|e| format!("{}: {e}", path.display()))?;
        write(path, &csp::with_meta(page, &policy))?;
    }
    pwa::write_all(dist, site.as_ref(), &content)?;
    // Last, so that every file is compressed as it will be served.
    compress::write_all(dist)?;
    Ok(written + 1)
}
