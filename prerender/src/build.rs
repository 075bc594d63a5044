//! A built site opened for writing pages into: trunk's page (the shell every
//! page is filled into), the content base, the site and its document, and the
//! Content Security Policy; and what makes one article's files (page, embed
//! page, oEmbed document, social card), one page of a list (its document and
//! page) and a withdrawn article's page. The full build (`lib.rs`) and
//! `broadsheet-publish` (`publish`) both write through it, so an article
//! published into a built site is the article a build would have made,
//! renditions of its pictures offered in its document. It can keep the
//! paths it wrote, for a publish to name them.

use crate::archive::{document_path, Entry};
use crate::files::{dist_file, page_file, read, read_document};
use crate::renditions::Renditions;
use crate::{card, csp, embed, files, html, listings, seo};
use broadsheet::app::native::render_natively as render;
use broadsheet::app::Shell;
use broadsheet::components::status::LoadFailure;
use broadsheet::content::SITE_DOCUMENT;
use broadsheet::content::{listing_document, ContentBase, LoadError, CONTENT_BASE_META};
use broadsheet::model::{self, ArticleId, Site, DEFAULT_PAGE_SIZE};
use broadsheet::pages::article::ArticleView;
use broadsheet::pages::listing::ListingView;
use broadsheet::routes::{
    article_route, embed_route, oembed_route, public_article_url, publication_base,
    social_card_route, withdrawn_page, APP_SHELL, WITHDRAWN_PAGES,
};
use leptos::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What every page of the build shares, and the paths written, when kept.
pub struct Build<'a> {
    pub dist: &'a Path,
    template: String,
    pub content: ContentBase,
    pub site: Option<Site>,
    site_document: Vec<(String, String)>,
    policy: String,
    /// Every path written or deleted, when asked to keep them.
    changed: Option<Mutex<Vec<PathBuf>>>,
    /// Where pictures' renditions are kept between builds, if anywhere
    /// besides the build itself.
    pub rendition_cache: Option<PathBuf>,
}

impl<'a> Build<'a> {
    /// Opens the build in `dist`: trunk's page as the build left it
    /// (`app.html`, or `index.html` before the first prerender), the content
    /// base it names, `site.json` (a broken one is said and left out) and
    /// the policy. `keep_changes` keeps the paths written, for
    /// [`Build::changed`]. Also returns trunk's inline loader, the name and
    /// text of its file, when the page still has it inline.
    pub fn open(
        dist: &'a Path,
        keep_changes: bool,
    ) -> Result<(Build<'a>, Option<(String, String)>), String> {
        // Prerendering twice must start from trunk's page, not from a front page.
        let shell_file = dist.join(APP_SHELL.trim_start_matches('/'));
        let template = match read(&shell_file) {
            Ok(template) => template,
            Err(_) => read(&dist.join("index.html"))?,
        };
        let (template, loader) = html::loader_moved_out(&template)?;
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
        // Every page carries site.json too: the app's header then renders at
        // once as the page shows it, not after a second download.
        let site_document: Vec<(String, String)> = site_text
            .filter(|_| site.is_some())
            .map(|text| (content.site(), text))
            .into_iter()
            .collect();
        let build = Build {
            dist,
            policy: csp::policy()?,
            template,
            content,
            site,
            site_document,
            changed: keep_changes.then(|| Mutex::new(Vec::new())),
            rendition_cache: None,
        };
        Ok((build, loader))
    }

    /// Trunk's page, empty: the app's shell, `app.html`.
    pub fn shell(&self) -> &str {
        &self.template
    }

    /// How many articles a page of a list holds.
    pub fn page_size(&self) -> usize {
        self.site
            .as_ref()
            .map_or(DEFAULT_PAGE_SIZE, Site::page_size)
    }

    fn keep(&self, path: &Path) {
        if let Some(changed) = &self.changed {
            changed
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(path.to_owned());
        }
    }

    /// Writes a file of the build ([`files::write`]) and keeps its path.
    pub fn write(&self, path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
        files::write(path, contents)?;
        self.keep(path);
        Ok(())
    }

    /// Deletes a file of the build and its compressed copies, if there; keeps
    /// the path of each one that was there.
    pub fn delete(&self, path: &Path) -> Result<(), String> {
        for gone in files::delete(path)? {
            self.keep(&gone);
        }
        Ok(())
    }

    /// The paths written or deleted so far, each once, in order.
    pub fn changed(&self) -> Vec<PathBuf> {
        let mut changed = self
            .changed
            .as_ref()
            .map(|changed| {
                changed
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .clone()
            })
            .unwrap_or_default();
        changed.sort();
        changed.dedup();
        changed
    }

    /// Checks a page against the policy, gives it the policy and writes it.
    pub fn write_page(&self, path: &Path, page: &str) -> Result<(), String> {
        csp::refuse_inline_scripts(page).map_err(|e| format!("{}: {e}", path.display()))?;
        self.write(path, csp::with_meta(page, &self.policy))
    }

    /// Trunk's page filled with a rendered page, its head tags, site.json and
    /// the `document` (address and text) it was rendered from, if any, which
    /// the page's loader asks the host about if `follow` (an article's).
    fn filled(
        &self,
        tags: &str,
        body: broadsheet::app::native::Rendered,
        document: Option<(String, String)>,
        follow: bool,
    ) -> Result<String, String> {
        let followed = follow
            .then(|| document.as_ref().map(|(url, _)| url.clone()))
            .flatten();
        let documents: Vec<(String, String)> =
            self.site_document.iter().cloned().chain(document).collect();
        html::page(
            &self.template,
            tags,
            &body.html,
            body.language,
            &documents,
            followed.as_deref(),
        )
    }

    /// Reads, renders and writes one article's pages; returns what the lists need of it.
    pub fn article(&self, source: &Path) -> Result<Entry, String> {
        let text = read_document(source)?;
        let text = match self.published_copy(&text)? {
            Some(published) => {
                self.write(source, &published)?;
                published
            }
            None => text,
        };
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
        self.write(
            &dist_file(self.dist, &card.route),
            card::png(self.dist, &article, site, &self.content)?,
        )?;
        let alternates = self.translations_of(source, &article);
        let tags = seo::article_tags(site, &article, &self.content, &card, &alternates);
        let page = self.filled(
            &tags,
            body,
            Some((self.content.article(&article.id), text)),
            true,
        )?;
        self.write_page(&page_file(self.dist, &path), &page)?;
        self.write_page(
            &page_file(self.dist, &embed_route(&article.id)),
            &embed::page(&self.template, &self.content, site, &article),
        )?;
        if let Some(oembed) = embed::oembed(site, &self.content, &article) {
            self.write(&dist_file(self.dist, &oembed_route(&article.id)), &oembed)?;
        }
        Ok(Entry::of(&article))
    }

    /// The article's translations as search engines are told of them: each
    /// language with its article's public address. A translation whose
    /// document is not beside this one, or cannot be read, is left out (and
    /// said so), so that no page names an alternate that is not there.
    fn translations_of(&self, source: &Path, article: &model::Article) -> Vec<(String, String)> {
        let base = publication_base(self.site.as_ref());
        article
            .translations()
            .filter_map(|translation| {
                let path = source.with_file_name(format!("{}.json", translation.id));
                match read_document(&path).and_then(|text| {
                    model::decode_article(&text).map_err(|e| format!("{}: {e}", path.display()))
                }) {
                    Ok(other) => Some((
                        translation.language.clone(),
                        public_article_url(&other, base),
                    )),
                    Err(error) => {
                        eprintln!(
                            "prerender: {}: its translation {} is left out: {error}",
                            source.display(),
                            translation.id
                        );
                        None
                    }
                }
            })
            .collect()
    }

    /// An article document's text as the build publishes it, read once:
    /// without its links to withdrawn articles, and with renditions offered
    /// for its pictures; `None` when it is published as it came.
    fn published_copy(&self, text: &str) -> Result<Option<String>, String> {
        let Ok(mut document) = serde_json::from_str::<serde_json::Value>(text) else {
            return Ok(None);
        };
        let dropped = self.drop_links_to_withdrawn(&mut document);
        let renditions = Renditions {
            dist: self.dist,
            content: &self.content,
            cache: self.rendition_cache.as_deref(),
        };
        let offered = renditions.offer(&mut document, &|made| self.keep(made))?;
        Ok((dropped || offered).then(|| document.to_string()))
    }

    /// Takes the related articles and translations that were withdrawn
    /// (`withdrawn/{id}.html` is in the build) out of an article document,
    /// so that no page links to one; whether it named any.
    fn drop_links_to_withdrawn(&self, document: &mut serde_json::Value) -> bool {
        let withdrawn = |id: &str| {
            ArticleId::parse(id)
                .is_ok_and(|id| dist_file(self.dist, &withdrawn_page(&id)).is_file())
        };
        if !dist_file(self.dist, WITHDRAWN_PAGES).is_dir() {
            return false;
        }
        let mut dropped = false;
        // Related news, and translations: neither may lead to a withdrawal.
        for field in ["related", "translations"] {
            if let Some(entries) = document.get_mut(field).and_then(|v| v.as_array_mut()) {
                let before = entries.len();
                entries.retain(|entry| !entry["id"].as_str().is_some_and(withdrawn));
                dropped |= entries.len() < before;
            }
        }
        dropped
    }

    /// Writes one page of a list: its document, and its prerendered page.
    pub fn list_page(&self, list: listings::Made) -> Result<(), String> {
        let source = listing_document(&list.listing, list.page);
        self.write(&self.dist.join(&source), &list.document)?;
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
            Some((
                self.content.listing(&list.listing, list.page),
                list.document,
            )),
            false,
        )?;
        self.write_page(&page_file(self.dist, &route), &page)
    }

    /// Takes article `id` out of the build: its document, embed page, oEmbed
    /// document and social card are deleted, and its page says, to readers
    /// and crawlers (`noindex`), that the newsroom withdrew it. The same page
    /// is kept at [`withdrawn_page`], where a host that can answers 410 with
    /// it for each of those addresses.
    pub fn withdrawn(&self, id: &ArticleId) -> Result<(), String> {
        for gone in [
            document_path(self.dist, id),
            page_file(self.dist, &embed_route(id)),
            dist_file(self.dist, &oembed_route(id)),
            dist_file(self.dist, &social_card_route(id)),
        ] {
            self.delete(&gone)?;
        }
        let site = self.site.as_ref();
        let path = article_route(id);
        let body = render(&self.content, site, &path, None, || {
            view! { <Shell><LoadFailure error=LoadError::Withdrawn on_retry=|()| ()/></Shell> }
        });
        let page = self.filled(&seo::withdrawn_tags(site), body, None, false)?;
        self.write_page(&page_file(self.dist, &path), &page)?;
        self.write_page(&dist_file(self.dist, &withdrawn_page(id)), &page)
    }
}
