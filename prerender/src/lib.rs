//! Prerenders the release build from the archive, every article document in
//! `DIST/articles/` (`archive`): for each article, a static page at its route
//! holding the whole article (readable with JavaScript off), the tags crawlers
//! read (description, canonical, Open Graph, Twitter card, JSON-LD
//! `NewsArticle`), and the document it was made from, so the app takes over
//! without fetching it again; then the lists of the archive page by page
//! (`listings`): the front page, each section's and each tag's, each page a
//! document the app fetches and a prerendered page. The markup comes from the
//! app's own components rendered natively: one code path, nothing to drift.
//!
//! The build (`prerender`, run as `broadsheet-prerender [--keep-going] DIST`)
//! reads `DIST/index.html` (trunk's output) and the content in DIST. An
//! article document that cannot be read fails the build, naming its path,
//! unless `--keep-going` is given (then it is left out, and said so). Articles are made in parallel over the
//! machine's cores, and each page is written as it is made, so memory grows
//! with the archive's summaries only. It keeps trunk's page, empty, as
//! `DIST/app.html`: the page for every route with no file of its own, such as
//! an article published after the build. It writes
//! `DIST/articles/{id}/index.html` for each article, the lists' pages and
//! documents, the front page over `DIST/index.html`, and what installs the
//! app and keeps it offline (`pwa`): manifest, icons, service worker.
//! For each article it also draws its social card, `DIST/cards/{id}.png`
//! (`card`), and writes what partners embed (`embed`): the embed
//! page at `DIST/embed/{id}/index.html` and the oEmbed document at
//! `DIST/oembed/{id}.json`. Trunk's inline loader becomes a file,
//! `DIST/loader-HASH.js` (`html`), the Content Security Policy of
//! `deploy/nginx/broadsheet.conf` (`csp`) goes into every page, and every text
//! file gets precompressed `.br` and `.gz` copies (`compress`).

// The views of whole pages are deep types; rendering them natively needs room.
#![recursion_limit = "256"]

mod archive;
mod card;
mod compress;
mod csp;
mod discovery;
mod embed;
mod files;
mod html;
mod listings;
pub mod publish;
mod pwa;
mod seo;

use archive::Entry;
use broadsheet::app::native::render_natively as render;
use broadsheet::app::Shell;
use broadsheet::content::{listing_document, ContentBase, CONTENT_BASE_META, SITE_DOCUMENT};
use broadsheet::model::{self, Site, DEFAULT_PAGE_SIZE};
use broadsheet::pages::article::ArticleView;
use broadsheet::pages::listing::ListingView;
use broadsheet::routes::{article_route, embed_route, oembed_route, social_card_route, APP_SHELL};
use files::{page_file, read, read_document, write};
use leptos::prelude::*;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// How the build was asked to run.
pub struct Options {
    pub dist: PathBuf,
    /// Leave unreadable article documents out instead of failing.
    pub keep_going: bool,
}

/// What every page of the build shares: trunk's page, the content base, the
/// site and its document, and the policy.
struct Build<'a> {
    dist: &'a Path,
    template: String,
    content: ContentBase,
    site: Option<Site>,
    site_document: Vec<(String, String)>,
    policy: String,
}

impl Build<'_> {
    /// Checks a page against the policy, gives it the policy and writes it.
    fn write_page(&self, path: &Path, page: &str) -> Result<(), String> {
        csp::refuse_inline_scripts(page).map_err(|e| format!("{}: {e}", path.display()))?;
        write(path, csp::with_meta(page, &self.policy))
    }

    /// Trunk's page filled with a rendered page, its head tags, site.json and
    /// the `document` (address and text) it was rendered from.
    fn filled(
        &self,
        tags: &str,
        body: broadsheet::app::native::Rendered,
        document: (String, String),
    ) -> Result<String, String> {
        let documents: Vec<(String, String)> = self
            .site_document
            .iter()
            .cloned()
            .chain([document])
            .collect();
        html::page(&self.template, tags, &body.html, body.language, &documents)
    }

    /// Reads, renders and writes one article's pages; returns what the lists need of it.
    fn article(&self, source: &Path) -> Result<Entry, String> {
        let text = read_document(source)?;
        let article =
            model::decode_article(&text).map_err(|e| format!("{}: {e}", source.display()))?;
        let expected = format!("{}.json", article.id);
        if source.file_name().and_then(|name| name.to_str()) != Some(expected.as_str()) {
            return Err(format!(
                "{}: its id is {}, so it must be named {expected}",
                source.display(),
                article.id
            ));
        }
        let site = self.site.as_ref();
        let path = article_route(&article.id);
        let body = render(&self.content, site, &path, article.language.clone(), {
            let article = article.clone();
            move || view! { <Shell><ArticleView article/></Shell> }
        });
        let card = seo::SocialCard {
            route: social_card_route(&article.id),
            width: card::WIDTH,
            height: card::HEIGHT,
        };
        write(
            &files::dist_file(self.dist, &card.route),
            card::png(self.dist, &article, site, &self.content)?,
        )?;
        let tags = seo::article_tags(site, &article, &self.content, &card);
        let page = self.filled(&tags, body, (self.content.article(&article.id), text))?;
        self.write_page(&page_file(self.dist, &path), &page)?;
        self.write_page(
            &page_file(self.dist, &embed_route(&article.id)),
            &embed::page(&self.template, &self.content, site, &article),
        )?;
        if let Some(oembed) = embed::oembed(site, &self.content, &article) {
            write(
                &files::dist_file(self.dist, &oembed_route(&article.id)),
                &oembed,
            )?;
        }
        Ok(Entry::of(&article))
    }

    /// Writes one page of a list: its document, and its prerendered page.
    fn list_page(&self, list: listings::Made) -> Result<(), String> {
        let source = listing_document(&list.listing, list.page);
        write(&self.dist.join(&source), &list.document)?;
        let index = model::decode_index(&list.document).map_err(|e| format!("{source}: {e}"))?;
        let route = list.listing.route(list.page);
        let tags = seo::list_tags(self.site.as_ref(), &list.listing, &index, &self.content);
        let body = render(&self.content, self.site.as_ref(), &route, None, {
            let listing = list.listing.clone();
            move || view! { <Shell><ListingView listing index/></Shell> }
        });
        let page = self.filled(
            &tags,
            body,
            (
                self.content.listing(&list.listing, list.page),
                list.document,
            ),
        )?;
        self.write_page(&page_file(self.dist, &route), &page)
    }
}

/// Prerenders the build in `options.dist`; returns how many pages it wrote.
pub fn prerender(options: &Options) -> Result<usize, String> {
    let dist = options.dist.as_path();
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
    let build = Build {
        dist,
        policy: csp::policy()?,
        template: template.clone(),
        content: content.clone(),
        site,
        site_document,
    };
    build.write_page(&shell, &template)?;

    let documents = archive::article_documents(dist)?;
    let made: Vec<Result<Entry, String>> = documents
        .par_iter()
        .map(|source| build.article(source))
        .collect();
    let mut entries = Vec::with_capacity(made.len());
    let mut failures = Vec::new();
    for result in made {
        match result {
            Ok(entry) => entries.push(entry),
            Err(error) => failures.push(error),
        }
    }
    if !failures.is_empty() {
        if !options.keep_going {
            return Err(format!(
                "{} article documents cannot be read (--keep-going leaves them out):\n  {}",
                failures.len(),
                failures.join("\n  ")
            ));
        }
        for failure in &failures {
            eprintln!("prerender: {failure}; left out (--keep-going)");
        }
    }
    archive::sort_newest_first(&mut entries);

    let page_size = build
        .site
        .as_ref()
        .map_or(DEFAULT_PAGE_SIZE, Site::page_size);
    let lists = archive::lists(&entries);
    let list_count = listings::pages(&entries, &lists, page_size)
        .map(|list| build.list_page(list).map(|()| 1))
        .try_reduce(|| 0, |a, b| Ok(a + b))?;

    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() as i64);
    discovery::write_all(dist, build.site.as_ref(), &entries, &lists, now)?;
    pwa::write_all(dist, build.site.as_ref(), &content)?;
    // Last, so that every file is compressed as it will be served.
    compress::write_all(dist)?;
    Ok(entries.len() + list_count)
}
