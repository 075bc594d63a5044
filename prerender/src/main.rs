//! Prerenders the release build: for every article in the index, a static page
//! at its route holding the whole article (readable with JavaScript off), the
//! tags crawlers read (description, canonical, Open Graph, Twitter card,
//! JSON-LD `NewsArticle`), and the document it was made from, so the app takes
//! over without fetching it again. The markup comes from the app's own
//! components rendered natively: one code path, nothing to drift.
//!
//! `broadsheet-prerender DIST` reads `DIST/index.html` (trunk's output) and the
//! content in DIST, and writes `DIST/articles/{id}/index.html`.

mod head;

use broadsheet::api::{ContentBase, EMBEDDED_DOCUMENT_ATTRIBUTE};
use broadsheet::app::{Shell, SiteState};
use broadsheet::model::{self, Article, Site};
use broadsheet::pages::article::ArticleView;
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

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn prerender(dist: &Path) -> Result<usize, String> {
    let template = read(&dist.join("index.html"))?;
    let content = ContentBase::new(
        &head::meta_content(&template, broadsheet::api::CONTENT_BASE_META).unwrap_or_default(),
    );
    let site = match read(&dist.join("site.json"))
        .and_then(|t| model::decode_site(&t).map_err(|e| e.to_string()))
    {
        Ok(site) => Some(site),
        Err(error) => {
            eprintln!("prerender: site.json: {error}; pages go without it");
            None
        }
    };
    let index = model::decode_index(&read(&dist.join("articles/index.json"))?)
        .map_err(|e| format!("articles/index.json: {e}"))?;
    let mut written = 0;
    for summary in index.newest_first() {
        let source = format!("articles/{}.json", summary.id.as_str());
        // A document that cannot be read is left to the app, which says why.
        let text = match read(&dist.join(&source)) {
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
        let page = article_page(
            &template,
            &content,
            site.as_ref(),
            &article,
            &content.file(&source),
            &text,
        );
        let folder = dist.join("articles").join(article.id.as_str());
        std::fs::create_dir_all(&folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        std::fs::write(folder.join("index.html"), page)
            .map_err(|e| format!("cannot write {source}: {e}"))?;
        written += 1;
    }
    Ok(written)
}

/// The template with the article's head tags, its markup, and its document.
fn article_page(
    template: &str,
    content: &ContentBase,
    site: Option<&Site>,
    article: &Article,
    document_url: &str,
    document: &str,
) -> String {
    let path = format!("/articles/{}", article.id.as_str());
    let body = render(content, site, &path, {
        let article = article.clone();
        move || view! { <ArticleView article/> }
    });
    let tags = head::article_tags(site, article, content);
    let embedded = format!(
        "<script type=\"application/json\" {EMBEDDED_DOCUMENT_ATTRIBUTE}=\"{}\">{}</script>",
        head::escape(document_url),
        head::script_safe(document)
    );
    head::fill_template(
        template,
        &tags,
        &format!("<div id=\"prerendered\">{body}</div>{embedded}"),
    )
}

/// Renders `page` inside the app's shell, natively, as the app would at `path`.
fn render<V: IntoView + 'static>(
    content: &ContentBase,
    site: Option<&Site>,
    path: &str,
    page: impl FnOnce() -> V + Send + 'static,
) -> String {
    let owner = Owner::new();
    owner.with(|| {
        leptos_meta::provide_meta_context();
        provide_context(content.clone());
        provide_context(SiteState::known(site.cloned()));
        provide_context(leptos_router::location::RequestUrl::new(path));
        view! { <leptos_router::components::Router><Shell>{page()}</Shell></leptos_router::components::Router> }
            .to_html()
    })
}
