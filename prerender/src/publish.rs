//! What a CMS's publish hook asks of a built site, one article at a time
//! (`broadsheet-publish`): `check` tells whether documents may be published,
//! naming each problem by its JSON path, and changes nothing.
//!
//! A document is checked twice: against the JSON Schema of the format
//! (`schema/format-1.schema.json`, which names every problem it finds), then
//! by the model the app and the prerenderer read it with (which also holds it
//! to the limits of `broadsheet::model::limits`). A document the app would
//! only partly show (an unknown block type, say) passes the model but not the
//! schema: a CMS should hear of it before readers do.

use crate::archive::{document_path, newest_first, Entry};
use crate::build::Build;
use crate::discovery::{
    self, article_sitemap_line, empty_sitemap, public_url, sitemap_added, sitemap_entry,
    sitemap_length, sitemap_replaced, sitemap_route, ARTICLE_SITEMAPS, LIST_SITEMAPS,
};
use crate::files::{dist_file, read, read_document};
use crate::{compress, listings, related};
use broadsheet::content::listing_document;
use broadsheet::model::{self, ArticleId, Timestamp};
use broadsheet::routes::{
    absolute_url, publication_base, withdrawn_page, ListPage, Listing, APP_SHELL, SITEMAP_INDEX,
};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The format's JSON Schema, as the repository keeps it.
const SCHEMA: &str = include_str!("../../schema/format-1.schema.json");

/// The schema narrowed to article documents.
fn article_schema() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let mut schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
        if let Some(root) = schema.as_object_mut() {
            root.remove("anyOf");
            root.insert("$ref".into(), Value::String("#/$defs/article".into()));
        }
        jsonschema::validator_for(&schema).expect("the schema compiles")
    })
}

/// The problems of the article document at `path`, each as `path: /json/path:
/// what is wrong`; none when it may be published.
pub fn problems(path: &Path) -> Vec<String> {
    let text = match read_document(path) {
        Ok(text) => text,
        Err(error) => return vec![error],
    };
    problems_of(&path.display().to_string(), &text)
}

/// The problems of an article document's `text`, named as from `source`.
pub fn problems_of(source: &str, text: &str) -> Vec<String> {
    let document: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(document) => document,
        Err(error) => return vec![format!("{source}: not JSON: {error}")],
    };
    let mut problems: Vec<String> = article_schema()
        .iter_errors(&document)
        .map(|error| {
            let at = error.instance_path().to_string();
            format!(
                "{source}: {}: {error}",
                if at.is_empty() { "/" } else { &at }
            )
        })
        .collect();
    if let Err(error) = model::decode_article(text) {
        problems.push(format!("{source}: {error}"));
    }
    problems.dedup();
    problems
}

/// Publishes the article documents `files` into the site built in `dist`;
/// returns every path it wrote or deleted there, each once. A document with
/// a problem ([`problems`]) refuses them all, before anything is written.
///
/// Each document is written to `articles/{id}.json`, and with it everything
/// that depends on it, as the build would have made it: its page, embed
/// page, oEmbed document and social card; the lists it is on (and those it
/// was on, for a correction that moves it), the page of each where it
/// belongs; their feeds; the sitemaps and the news sitemap; and the
/// compressed copies of each. An id already published is a correction; one
/// withdrawn is published again. The shell, the policy and the service
/// worker stay as they are.
pub fn publish(dist: &Path, files: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let problems: Vec<String> = files.iter().flat_map(|file| problems(file)).collect();
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let documents = files
        .iter()
        .map(|file| read_document(file))
        .collect::<Result<Vec<String>, String>>()?;
    changing(dist, |build, edits| {
        for text in &documents {
            let article = model::decode_article(text).map_err(|e| e.to_string())?;
            let source = document_path(dist, &article.id);
            let before = published_entry(&source);
            build.write(&source, text)?;
            let entry = build.article(&source)?;
            build.delete(&dist_file(dist, &withdrawn_page(&entry.id)))?;
            let named_before = before.as_ref().map_or(&[][..], |before| &before.links_to);
            remember_related(build, &entry.id, named_before, &entry.links_to)?;
            edits.replace(before.as_ref(), Some(&entry))?;
        }
        Ok(())
    })
}

/// Withdraws the articles `ids` from the site built in `dist`: each leaves
/// every list, feed and sitemap, and the related news and translations of
/// every article that named it; its document, embed page, oEmbed document and social card are
/// deleted; its page says it was withdrawn, `noindex`; and
/// `withdrawn/{id}.html` is left for the host to answer 410 with.
/// Returns every path it wrote or deleted. An id that is not published (or
/// not an id) refuses them all, before anything is written; one already
/// withdrawn changes nothing.
pub fn withdraw(dist: &Path, ids: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut articles = Vec::new();
    for id in ids {
        let id = ArticleId::parse(id).map_err(|e| format!("{id}: not an article id: {e}"))?;
        let source = document_path(dist, &id);
        if source.exists() {
            let entry = published_entry(&source).ok_or_else(|| {
                format!(
                    "{}: cannot be read, so its lists are unknown",
                    source.display()
                )
            })?;
            articles.push(Some(entry));
        } else if dist_file(dist, &withdrawn_page(&id)).exists() {
            articles.push(None);
        } else {
            return Err(format!("{id}: no such article in {}", dist.display()));
        }
    }
    changing(dist, |build, edits| {
        let withdrawn: Vec<&Entry> = articles.iter().flatten().collect();
        for entry in &withdrawn {
            build.withdrawn(&entry.id)?;
            edits.replace(Some(entry), None)?;
        }
        // The articles that name one as related are made again without it.
        for entry in &withdrawn {
            remember_related(build, &entry.id, &entry.links_to, &[])?;
            let naming: Vec<PathBuf> = related::named_by(dist, &entry.id)
                .iter()
                .map(|id| document_path(dist, id))
                .filter(|source| source.is_file())
                .collect();
            let remade: Vec<(Option<Entry>, Entry)> = naming
                .par_iter()
                .map(|source| Ok((published_entry(source), build.article(source)?)))
                .collect::<Result<_, String>>()?;
            // A translation's withdrawal changes the other's sitemap line
            // (its alternates): each is put back as a correction would be.
            for (before, after) in &remade {
                if before
                    .as_ref()
                    .is_some_and(|before| before.translations != after.translations)
                {
                    edits.replace(before.as_ref(), Some(after))?;
                }
            }
            build.delete(&related::index_path(dist, &entry.id))?;
        }
        Ok(())
    })
}

/// Keeps the index of related news true: `id` now names `after` as related
/// instead of `before`.
fn remember_related(
    build: &Build,
    id: &ArticleId,
    before: &[ArticleId],
    after: &[ArticleId],
) -> Result<(), String> {
    for (path, text) in related::edited(build.dist, id, before, after) {
        if text.is_empty() {
            build.delete(&path)?;
        } else {
            build.write(&path, text)?;
        }
    }
    Ok(())
}

/// Runs `change` on the built site in `dist`, alone: a second publish waits
/// for the first (an exclusive lock on the folder itself, so nothing is left
/// behind), as the lists, feeds and sitemaps are read, edited and written
/// whole. Then writes the lists' pages and what else `change` edited, and
/// compresses every file written; returns every path written or deleted.
fn changing(
    dist: &Path,
    change: impl FnOnce(&Build, &mut Edits) -> Result<(), String>,
) -> Result<Vec<PathBuf>, String> {
    if !dist_file(dist, APP_SHELL).is_file() {
        return Err(format!(
            "{}: not a prerendered build (no {APP_SHELL}): build it first",
            dist.display()
        ));
    }
    let folder =
        std::fs::File::open(dist).map_err(|e| format!("cannot open {}: {e}", dist.display()))?;
    folder
        .lock()
        .map_err(|e| format!("cannot lock {}: {e}", dist.display()))?;
    let (build, _) = Build::open(dist, true)?;
    let mut edits = Edits::new(&build);
    change(&build, &mut edits)?;
    edits.write()?;
    let written = build.changed();
    let copies = written
        .par_iter()
        .filter(|path| path.exists())
        .map(|path| compress::copies(path))
        .collect::<Result<Vec<Vec<PathBuf>>, String>>()?;
    let mut changed: Vec<PathBuf> = written
        .into_iter()
        .chain(copies.into_iter().flatten())
        .collect();
    changed.sort();
    changed.dedup();
    Ok(changed)
}

/// The entry of the article published at `source`, if it can be read.
fn published_entry(source: &Path) -> Option<Entry> {
    let text = read_document(source).ok()?;
    model::decode_article(&text)
        .ok()
        .map(|article| Entry::of(&article))
}

/// A list's order of an article summary (as list documents carry them).
type Key = (std::cmp::Reverse<Option<i64>>, String);

fn key_of_entry(entry: &Entry) -> Key {
    let published = entry.published.as_ref().map(Timestamp::unix_seconds);
    let (published, id) = newest_first(published, entry.id.as_str());
    (published, id.to_owned())
}

fn key_of_summary(summary: &Value) -> Key {
    let published = listings::published_seconds(summary);
    let (published, id) = newest_first(published, summary["id"].as_str().unwrap_or(""));
    (published, id.to_owned())
}

/// The lists an article is on, by the name each goes by.
fn listings_of(entry: &Entry) -> Vec<(Listing, Option<String>)> {
    let mut listings = vec![(Listing::Front, None)];
    for (listing, name) in entry.named_lists() {
        if !listings.iter().any(|(listed, _)| *listed == listing) {
            listings.push((listing, Some(name.clone())));
        }
    }
    listings
}

/// The pages of lists, feeds and sitemaps a publish has read and edited, to
/// be written once at the end however many articles changed them.
struct Edits<'b> {
    build: &'b Build<'b>,
    /// Pages of lists as read, and edited.
    pages: BTreeMap<(Listing, ListPage), Value>,
    /// Which of them changed.
    edited: BTreeSet<(Listing, ListPage)>,
    /// Feeds, sitemaps and the news sitemap, by route, as edited.
    files: BTreeMap<String, String>,
}

impl<'b> Edits<'b> {
    fn new(build: &'b Build<'b>) -> Self {
        Edits {
            build,
            pages: BTreeMap::new(),
            edited: BTreeSet::new(),
            files: BTreeMap::new(),
        }
    }

    /// Puts `after` where `before` was (a correction), or on its lists (a
    /// new article), or takes `before` off (a withdrawal).
    fn replace(&mut self, before: Option<&Entry>, after: Option<&Entry>) -> Result<(), String> {
        let on_before = before.map(listings_of).unwrap_or_default();
        let on_after = after.map(listings_of).unwrap_or_default();
        let listings = either_side(&on_before, &on_after);
        for (listing, name) in &listings {
            let was = before.filter(|_| on_before.iter().any(|(l, _)| l == listing));
            let is = after.filter(|_| on_after.iter().any(|(l, _)| l == listing));
            self.place(listing, name.as_deref(), was, is)?;
        }
        let Some(base) = publication_base(self.build.site.as_ref()) else {
            return Ok(());
        };
        let gone: Vec<String> = before
            .map(|entry| public_url(entry, base))
            .into_iter()
            .collect();
        for (listing, name) in &listings {
            let Some(route) = listing.feed_route() else {
                continue;
            };
            let added = after.filter(|_| on_after.iter().any(|(l, _)| l == listing));
            let xml = self.file(&route)?;
            let edited = discovery::feed_edited(
                xml.as_deref(),
                (self.build.site.as_ref(), base),
                (listing, name.as_deref()),
                &gone,
                added,
            )?;
            self.files.insert(route, edited);
        }
        self.sitemaps(base, before, after, &on_after)?;
        let news = discovery::news_sitemap_route();
        let xml = self.file(&news)?.unwrap_or_default();
        let edited = discovery::news_sitemap_edited(
            &xml,
            (self.build.site.as_ref(), base),
            &gone,
            after,
            discovery::unix_now(),
        );
        self.files.insert(news, edited);
        Ok(())
    }

    /// A file of the build as this publish has it: as edited, else as read.
    fn file(&self, route: &str) -> Result<Option<String>, String> {
        if let Some(edited) = self.files.get(route) {
            return Ok(Some(edited.clone()));
        }
        let path = dist_file(self.build.dist, route);
        if !path.exists() {
            return Ok(None);
        }
        read(&path).map(Some)
    }

    /// The article sitemaps, the lists' sitemaps and the index, with the
    /// article (`before`) taken off and `after` put on or in its place, and
    /// the lists `after` is on marked changed.
    fn sitemaps(
        &mut self,
        base: &str,
        before: Option<&Entry>,
        after: Option<&Entry>,
        on_after: &[(Listing, Option<String>)],
    ) -> Result<(), String> {
        let mut touched = Vec::new();
        let dist = self.build.dist;
        let line = after.map(|entry| {
            article_sitemap_line(entry, base, |id| published_entry(&document_path(dist, id)))
        });
        let mut placed = false;
        let mut routes = (1..).map(|number| sitemap_route(ARTICLE_SITEMAPS, number));
        let mut last = None;
        for route in routes.by_ref() {
            let Some(xml) = self.file(&route)? else {
                break;
            };
            if let Some(edited) = before.and_then(|before| {
                sitemap_replaced(&xml, &public_url(before, base), line.as_deref())
            }) {
                placed |= line.is_some();
                self.files.insert(route.clone(), edited);
                touched.push(route.clone());
            }
            last = Some((route, xml));
        }
        if let (Some(line), false) = (&line, placed) {
            // Onto the newest sitemap, or a new one when that is full.
            let (route, xml) = match last {
                Some((route, xml)) if sitemap_length(&xml) < discovery::ARTICLES_PER_SITEMAP => {
                    let xml = self.file(&route)?.unwrap_or(xml);
                    (route, xml)
                }
                _ => (
                    routes.next().expect("numbers without end"),
                    empty_sitemap("urlset"),
                ),
            };
            self.files.insert(route.clone(), sitemap_added(&xml, line));
            touched.push(route);
        }
        // The lists the article is now on changed when it did.
        if let Some(after) = after {
            let changed = after.last_changed();
            let mut number = 1;
            let mut unlisted: Vec<String> = on_after
                .iter()
                .map(|(listing, _)| absolute_url(&listing.route(ListPage::Newest), Some(base)))
                .collect();
            let mut last = sitemap_route(LIST_SITEMAPS, 1);
            while let Some(mut xml) = self.file(&sitemap_route(LIST_SITEMAPS, number))? {
                let route = sitemap_route(LIST_SITEMAPS, number);
                let mut edited = false;
                unlisted.retain(|url| {
                    match sitemap_replaced(&xml, url, Some(&sitemap_entry("url", url, changed))) {
                        Some(replaced) => {
                            xml = replaced;
                            edited = true;
                            false
                        }
                        None => true,
                    }
                });
                if edited {
                    self.files.insert(route.clone(), xml);
                    touched.push(route.clone());
                }
                last = route;
                number += 1;
            }
            if !unlisted.is_empty() {
                let mut xml = self.file(&last)?.unwrap_or_else(|| empty_sitemap("urlset"));
                for url in &unlisted {
                    xml = sitemap_added(&xml, &sitemap_entry("url", url, changed));
                }
                self.files.insert(last.clone(), xml);
                touched.push(last);
            }
        }
        // The index names each sitemap touched, with this change its latest.
        let mut index = self
            .file(SITEMAP_INDEX)?
            .unwrap_or_else(|| empty_sitemap("sitemapindex"));
        let changed = after.and_then(Entry::last_changed);
        let mut index_edited = false;
        for route in touched {
            let url = absolute_url(&route, Some(base));
            let line = sitemap_entry("sitemap", &url, changed);
            match sitemap_replaced(&index, &url, Some(&line)) {
                // A withdrawal leaves a sitemap's date as it was.
                Some(_) if changed.is_none() => continue,
                Some(replaced) => index = replaced,
                None => index = sitemap_added(&index, &line),
            }
            index_edited = true;
        }
        if index_edited {
            self.files.insert(SITEMAP_INDEX.to_owned(), index);
        }
        Ok(())
    }

    /// A page of a list as this publish has it: as edited, else as read;
    /// a list's own page that is not there yet is empty.
    fn page(&mut self, listing: &Listing, page: ListPage) -> Result<&mut Value, String> {
        let key = (listing.clone(), page);
        if !self.pages.contains_key(&key) {
            let source = self.build.dist.join(listing_document(listing, page));
            let document = if page == ListPage::Newest && !source.exists() {
                json!({ "format": 1, "articles": [] })
            } else {
                let text = read_document(&source)?;
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", source.display()))?
            };
            self.pages.insert(key.clone(), document);
        }
        Ok(self.pages.get_mut(&key).expect("just put there"))
    }

    /// Which page of `listing` holds, or would hold, the article at `key`:
    /// its own page, or the archive page whose range takes it (found by
    /// halving, reading a page a step).
    fn locate(&mut self, listing: &Listing, key: &Key) -> Result<ListPage, String> {
        let own = self.page(listing, ListPage::Newest)?;
        let Some(newest_archive) = own["older"].as_u64().and_then(|n| u32::try_from(n).ok()) else {
            return Ok(ListPage::Newest);
        };
        let oldest_own = own["articles"]
            .as_array()
            .and_then(|articles| articles.last())
            .map(key_of_summary);
        if oldest_own.is_none_or(|oldest| *key <= oldest) {
            return Ok(ListPage::Newest);
        }
        let (mut low, mut high) = (1, newest_archive);
        while low <= high {
            let middle = low + (high - low) / 2;
            let page = self.page(listing, ListPage::Archive(middle))?;
            let articles = page["articles"].as_array();
            let (Some(newest), Some(oldest)) = (
                articles.and_then(|a| a.first()).map(key_of_summary),
                articles.and_then(|a| a.last()).map(key_of_summary),
            ) else {
                return Ok(ListPage::Archive(middle));
            };
            if *key < newest {
                low = middle + 1;
            } else if *key > oldest {
                high = middle - 1;
            } else {
                return Ok(ListPage::Archive(middle));
            }
        }
        // Between two pages: the newer one's oldest.
        Ok(ListPage::Archive(high.clamp(1, newest_archive)))
    }

    /// One list after an article: `before` off the page that held it, `after`
    /// onto the page where it belongs.
    fn place(
        &mut self,
        listing: &Listing,
        name: Option<&str>,
        before: Option<&Entry>,
        after: Option<&Entry>,
    ) -> Result<(), String> {
        let page_size = self.build.page_size();
        let Some(id) = after.or(before).map(|entry| entry.id.as_str().to_owned()) else {
            return Ok(());
        };
        let was = match before {
            Some(before) => Some(self.locate(listing, &key_of_entry(before))?),
            None => None,
        };
        let is = match after {
            Some(after) => Some(self.locate(listing, &key_of_entry(after))?),
            None => None,
        };
        if let Some(ListPage::Archive(number)) = was {
            let page = self.page(listing, ListPage::Archive(number))?;
            if let Some(articles) = page["articles"].as_array_mut() {
                articles.retain(|article| article["id"] != id.as_str());
            }
            self.edited
                .insert((listing.clone(), ListPage::Archive(number)));
        }
        if let (Some(ListPage::Archive(number)), Some(after)) = (is, after) {
            let page = self.page(listing, ListPage::Archive(number))?;
            if let Some(articles) = page["articles"].as_array_mut() {
                articles.retain(|article| article["id"] != id.as_str());
                let key = key_of_entry(after);
                let at = articles
                    .iter()
                    .position(|article| key_of_summary(article) > key)
                    .unwrap_or(articles.len());
                articles.insert(at, after.summary());
            }
            self.edited
                .insert((listing.clone(), ListPage::Archive(number)));
        }
        if was == Some(ListPage::Newest) || is == Some(ListPage::Newest) {
            let summary = after
                .filter(|_| is == Some(ListPage::Newest))
                .map(Entry::summary);
            let own = self.page(listing, ListPage::Newest)?;
            if let Some(name) = name.filter(|_| own.get("name").is_none()) {
                own["name"] = json!(name);
            }
            let placed = listings::place(&*own, &id, summary, page_size);
            *own = placed.own;
            self.edited.insert((listing.clone(), ListPage::Newest));
            if let Some((number, archived)) = placed.archived {
                if number > 1 {
                    self.page(listing, ListPage::Archive(number - 1))?["newer"] = json!(number);
                    self.edited
                        .insert((listing.clone(), ListPage::Archive(number - 1)));
                }
                self.pages
                    .insert((listing.clone(), ListPage::Archive(number)), archived);
                self.edited
                    .insert((listing.clone(), ListPage::Archive(number)));
            }
        }
        // The front page names every section with an article.
        if let (Listing::Section(_), Some(section)) =
            (listing, after.and_then(|a| a.section.clone()))
        {
            let front = self.page(&Listing::Front, ListPage::Newest)?;
            let sections = front["sections"].as_array().cloned().unwrap_or_default();
            if !sections.iter().any(|named| *named == section.as_str()) {
                let mut sections = sections;
                sections.push(json!(section));
                front["sections"] = sections.into();
                self.edited.insert((Listing::Front, ListPage::Newest));
            }
        }
        Ok(())
    }

    /// Writes every page of a list this publish edited (its document and its
    /// prerendered page) and every other file it edited.
    fn write(self) -> Result<(), String> {
        let Edits {
            build,
            mut pages,
            edited,
            files,
        } = self;
        let made: Vec<listings::Made> = edited
            .into_iter()
            .filter_map(|(listing, page)| {
                let document = pages.remove(&(listing.clone(), page))?.to_string();
                Some(listings::Made {
                    listing,
                    page,
                    document,
                })
            })
            .collect();
        made.into_par_iter()
            .try_for_each(|made| build.list_page(made))?;
        for (route, text) in files {
            build.write(&dist_file(build.dist, &route), text)?;
        }
        Ok(())
    }
}

/// The lists an article's publish changes, by name: those it is on after,
/// and those it was on before.
fn either_side(
    before: &[(Listing, Option<String>)],
    after: &[(Listing, Option<String>)],
) -> Vec<(Listing, Option<String>)> {
    let mut listings = after.to_vec();
    for (listing, name) in before {
        if !listings.iter().any(|(listed, _)| listed == listing) {
            listings.push((listing.clone(), name.clone()));
        }
    }
    listings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_article_has_no_problems() {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../content/articles/guangdong-korea-trade-record.json");
        assert_eq!(problems(&sample), Vec::<String>::new());
    }

    #[test]
    fn each_problem_is_named_by_its_json_path() {
        let found = problems_of(
            "a.json",
            r#"{"format":1,"id":"a","title":"T","blocks":[{"type":"paragraph","text":"ok"},{"type":"image","alt":"x"}],"published":"yesterday"}"#,
        );
        assert!(
            found.iter().any(|p| p.starts_with("a.json: /blocks/1")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.starts_with("a.json: /published")),
            "{found:?}"
        );
        assert_eq!(
            problems_of("b.json", "{\"format\":1,"),
            ["b.json: not JSON: EOF while parsing a value at line 1 column 12"]
        );
        assert!(
            problems_of("c.json", r#"{"format":1,"title":"T","blocks":[]}"#)
                .iter()
                .any(|p| p.starts_with("c.json: /: ") && p.contains("\"id\""))
        );
    }
}
