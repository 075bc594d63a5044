//! The archive as the build sees it: every article document in `articles/`
//! (the CMS writes one file per article; the lists of them are the build's),
//! and the little of each article that the lists, feeds and sitemaps need,
//! kept small so that hundreds of thousands fit in memory while the pages,
//! written as they are made, are not held at all.

use broadsheet::content::INDEX_DOCUMENT;
use broadsheet::model::{Article, ArticleId, Hero, Timestamp};
use broadsheet::routes::Listing;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the build keeps of one article after its pages are written.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: ArticleId,
    pub title: String,
    pub summary: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub language: Option<String>,
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    /// The newsroom's own address for the article, when it gives one.
    pub canonical: Option<String>,
    /// The card's picture, as an article summary gives it (the hero image).
    image: Option<Value>,
    /// The articles its page links to by id: its related news and its
    /// translations (a withdrawal takes the links off).
    pub links_to: Vec<ArticleId>,
    /// The same article in other languages: each language and article.
    pub translations: Vec<(String, ArticleId)>,
}

impl Entry {
    pub fn of(article: &Article) -> Entry {
        let image = match article.hero() {
            Some(Hero::Image(image)) => {
                let mut picture = json!({
                    "src": image.src.as_str(),
                    "alt": image.alt,
                    "width": image.width.get(),
                    "height": image.height.get(),
                });
                if let Some(srcset) = &image.srcset {
                    picture["srcset"] = json!(srcset);
                }
                if !image.sources.is_empty() {
                    picture["sources"] = image
                        .sources
                        .iter()
                        .map(|source| json!({ "type": source.media_type, "srcset": source.srcset }))
                        .collect();
                }
                Some(picture)
            }
            _ => None,
        };
        Entry {
            id: article.id.clone(),
            title: article.title.clone(),
            summary: article.summary.clone(),
            section: article.section.clone(),
            tags: article.tags.clone(),
            language: article.language.clone(),
            published: article.published.clone(),
            updated: article.updated.clone(),
            canonical: article
                .canonical_url
                .as_ref()
                .map(|url| url.as_str().to_owned()),
            image,
            links_to: article
                .related_articles()
                .map(|related| related.id.clone())
                .chain(
                    article
                        .translations()
                        .map(|translation| translation.id.clone()),
                )
                .collect(),
            translations: article
                .translations()
                .map(|translation| (translation.language.clone(), translation.id.clone()))
                .collect(),
        }
    }

    /// The article summary a list's document carries (format 1's `articles` entries).
    pub fn summary(&self) -> Value {
        let mut summary = json!({ "id": self.id.as_str(), "title": self.title });
        let optional = [
            ("summary", self.summary.clone().map(Value::from)),
            ("section", self.section.clone().map(Value::from)),
            (
                "published",
                self.published.as_ref().map(|at| Value::from(at.as_str())),
            ),
            ("image", self.image.clone()),
        ];
        for (field, value) in optional {
            if let Some(value) = value {
                summary[field] = value;
            }
        }
        summary
    }

    /// The lists the article names, its section's then each tag's, with the
    /// name it gives each (a tag named twice comes twice); the front page's
    /// list takes every article and is not among them.
    pub fn named_lists(&self) -> impl Iterator<Item = (Listing, &String)> {
        let section = self
            .section
            .iter()
            .filter_map(|name| Some((Listing::section(name)?, name)));
        let tags = self
            .tags
            .iter()
            .filter_map(|name| Some((Listing::tag(name)?, name)));
        section.chain(tags)
    }

    /// When the article last changed: updated, else published.
    pub fn last_changed(&self) -> Option<&Timestamp> {
        self.updated.as_ref().or(self.published.as_ref())
    }
}

/// A list of the archive: which entries (indices into the archive, newest
/// first) and the name it goes by.
pub struct List {
    pub name: Option<String>,
    pub members: Vec<usize>,
}

/// Every list of `entries` (newest first): the front page's (all of them),
/// each section's and each tag's, by the address their names make.
pub fn lists(entries: &[Entry]) -> BTreeMap<Listing, List> {
    let mut lists: BTreeMap<Listing, List> = BTreeMap::new();
    lists.insert(
        Listing::Front,
        List {
            name: None,
            members: (0..entries.len()).collect(),
        },
    );
    for (position, entry) in entries.iter().enumerate() {
        for (listing, name) in entry.named_lists() {
            let list = lists.entry(listing).or_insert_with(|| List {
                // The newest article's spelling names the list.
                name: Some(name.clone()),
                members: Vec::new(),
            });
            // An article that names one tag twice is listed once.
            if list.members.last() != Some(&position) {
                list.members.push(position);
            }
        }
    }
    lists
}

/// Sorts newest first by publication; undated articles go last, and the id
/// settles ties, so every build lists the same archive the same way.
pub fn sort_newest_first(entries: &mut [Entry]) {
    fn order(entry: &Entry) -> (std::cmp::Reverse<Option<i64>>, &str) {
        let published = entry.published.as_ref().map(Timestamp::unix_seconds);
        newest_first(published, entry.id.as_str())
    }
    entries.sort_by(|a, b| order(a).cmp(&order(b)));
}

/// The order of the lists as a sort key of an article's publication time (in
/// Unix seconds) and id: newest first, undated last, the id settling ties.
pub fn newest_first(published: Option<i64>, id: &str) -> (std::cmp::Reverse<Option<i64>>, &str) {
    (std::cmp::Reverse(published), id)
}

/// Where the build keeps article `id`'s document: in the folder of
/// `articles/index.json`, as the content base serves it.
pub fn document_path(dist: &Path, id: &ArticleId) -> PathBuf {
    dist.join(broadsheet::content::article_document(id))
}

/// Every article document of the build: the `.json` files directly in the
/// folder of `articles/index.json`, but that one, in name order.
pub fn article_documents(dist: &Path) -> Result<Vec<PathBuf>, String> {
    let index = dist.join(INDEX_DOCUMENT);
    let folder = index.parent().unwrap_or(dist);
    let entries =
        std::fs::read_dir(folder).map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
    let mut documents: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file() && path.extension().is_some_and(|e| e == "json") && *path != index
        })
        .collect();
    documents.sort();
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet::model::decode_article;

    fn entry(id: &str, published: Option<&str>) -> Entry {
        let published = published.map_or(String::new(), |at| format!(",\"published\":\"{at}\""));
        Entry::of(
            &decode_article(&format!(
                r#"{{"format":1,"id":"{id}","title":"T","blocks":[]{published}}}"#
            ))
            .unwrap(),
        )
    }

    #[test]
    fn the_archive_reads_newest_first_with_undated_last() {
        let mut entries = vec![
            entry("b", None),
            entry("old", Some("2026-01-01T00:00:00Z")),
            entry("a", None),
            entry("new", Some("2026-02-01T08:00:00+08:00")),
        ];
        sort_newest_first(&mut entries);
        let ids: Vec<&str> = entries.iter().map(|entry| entry.id.as_str()).collect();
        assert_eq!(ids, ["new", "old", "a", "b"]);
    }

    #[test]
    fn a_summary_carries_what_a_card_shows() {
        let article = decode_article(
            r#"{"format":1,"id":"a","title":"T","section":"Business","tags":["x"],
                "hero":{"type":"image","src":"img/a.jpg","alt":"A","width":4,"height":3},
                "blocks":[]}"#,
        )
        .unwrap();
        let summary = Entry::of(&article).summary();
        assert_eq!(
            summary,
            json!({"id":"a","title":"T","section":"Business",
                   "image":{"src":"img/a.jpg","alt":"A","width":4,"height":3}})
        );
    }
}
