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
mod build;
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
mod related;
mod renditions;
mod seo;

use archive::Entry;
use broadsheet::routes::APP_SHELL;
use build::Build;
use files::{dist_file, write};
use rayon::prelude::*;
use std::path::PathBuf;

/// How the build was asked to run.
pub struct Options {
    pub dist: PathBuf,
    /// Leave unreadable article documents out instead of failing.
    pub keep_going: bool,
    /// Where pictures' renditions are kept between builds, if anywhere.
    pub renditions: Option<PathBuf>,
}

/// Prerenders the build in `options.dist`; returns how many pages it wrote.
pub fn prerender(options: &Options) -> Result<usize, String> {
    let dist = options.dist.as_path();
    let (mut build, loader) = Build::open(dist, false)?;
    build.rendition_cache = options.renditions.clone();
    build.write_page(&dist_file(dist, APP_SHELL), build.shell())?;
    if let Some((name, text)) = loader {
        write(&dist_file(dist, &name), &text)?;
    }

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

    let page_size = build.page_size();
    let lists = archive::lists(&entries);
    let list_count = listings::pages(&entries, &lists, page_size)
        .map(|list| build.list_page(list).map(|()| 1))
        .try_reduce(|| 0, |a, b| Ok(a + b))?;

    discovery::write_all(
        dist,
        build.site.as_ref(),
        &entries,
        &lists,
        discovery::unix_now(),
    )?;
    related::write_all(dist, &entries)?;
    pwa::write_all(dist, build.site.as_ref(), &build.content)?;
    // Last, so that every file is compressed as it will be served.
    compress::write_all(dist)?;
    Ok(entries.len() + list_count)
}
