//! The lists of the archive, page by page, as documents: the front page's
//! (every article), each section's and each tag's, newest first. A list's
//! newest articles are on its own page; the rest on its archive's pages of
//! `site.json`'s `page_size` each, numbered from the oldest (1) so that a full
//! page never changes as the list grows: a list of `n` articles has
//! `n / page_size - 1` archive pages (none under two pages' worth), and its
//! own page holds the rest, from `page_size` to twice that less one.
//! Publishing one article then changes the list's own page, and a new archive
//! page when its own page has filled two. The front page's own page also
//! names the sections. No document holds more than two pages' worth,
//! however large the archive.

use crate::archive::{newest_first, Entry, List};
use broadsheet::routes::{ListPage, Listing};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One page of one list, ready to be written and rendered.
pub struct Made {
    pub listing: Listing,
    pub page: ListPage,
    /// The format-1 document of the page (`articles`, `archive`, `older`, …).
    pub document: String,
}

/// How many archive pages a list of `count` articles has.
pub fn archive_pages(count: usize, page_size: usize) -> u32 {
    let full = count / page_size.max(1);
    u32::try_from(full.saturating_sub(1)).unwrap_or(u32::MAX)
}

/// Every page of every list of `entries` (newest first; `lists` are theirs),
/// made one at a time as the returned iterator is drawn from, in parallel:
/// however large the archive, only the pages being written are in memory.
pub fn pages<'a>(
    entries: &'a [Entry],
    lists: &'a BTreeMap<Listing, List>,
    page_size: usize,
) -> impl ParallelIterator<Item = Made> + 'a {
    let sections = section_names(lists);
    let page_size = page_size.max(1);
    lists.par_iter().flat_map(move |(listing, list)| {
        let archived = archive_pages(list.members.len(), page_size);
        // Only the front page's own page names the sections.
        let sections = (*listing == Listing::Front).then(|| sections.clone());
        let newest = list.members.len() - archived as usize * page_size;
        (0..=archived).into_par_iter().map(move |number| {
            // The list's own page (0) takes the newest; archive page `n` the
            // `n`th page_size from the oldest.
            let (members, mut document) = if number == 0 {
                let mut document = json!({ "format": 1 });
                if archived > 0 {
                    document["older"] = json!(archived);
                }
                (&list.members[..newest], document)
            } else {
                let end = list.members.len() - (number as usize - 1) * page_size;
                let mut document = json!({ "format": 1, "archive": number });
                if number > 1 {
                    document["older"] = json!(number - 1);
                }
                if number < archived {
                    document["newer"] = json!(number + 1);
                }
                (&list.members[end - page_size..end], document)
            };
            document["articles"] = members
                .iter()
                .map(|&position| entries[position].summary())
                .collect::<Vec<Value>>()
                .into();
            if let Some(name) = &list.name {
                document["name"] = json!(name);
            }
            if let Some(sections) = sections.as_ref().filter(|_| number == 0) {
                document["sections"] = json!(sections);
            }
            Made {
                listing: listing.clone(),
                page: match number {
                    0 => ListPage::Newest,
                    number => ListPage::Archive(number),
                },
                document: document.to_string(),
            }
        })
    })
}

/// A list's own page after one article is published onto it or taken off.
pub struct Placed {
    /// The list's own page, its articles in order.
    pub own: Value,
    /// The archive page split off the own page once it holds two pages'
    /// worth: its number and document. The archive page before it (one
    /// less, if any) then has it as its `newer`.
    pub archived: Option<(u32, Value)>,
}

/// `own`, a list's own page, with the article `id` as `summary` says (or
/// taken off, without one), newest first as the full build orders them;
/// once it holds two pages' worth, its oldest `page_size` become the
/// archive's next page, as a full build of the same list would cut them.
pub fn place(own: &Value, id: &str, summary: Option<Value>, page_size: usize) -> Placed {
    let page_size = page_size.max(1);
    let mut own = own.clone();
    let mut articles: Vec<Value> = own["articles"].as_array().cloned().unwrap_or_default();
    articles.retain(|article| article["id"] != id);
    articles.extend(summary);
    // Each date read once, not at every comparison.
    let mut dated: Vec<(Option<i64>, Value)> = articles
        .into_iter()
        .map(|article| (published_seconds(&article), article))
        .collect();
    fn order(
        (published, article): &(Option<i64>, Value),
    ) -> (std::cmp::Reverse<Option<i64>>, &str) {
        newest_first(*published, article["id"].as_str().unwrap_or(""))
    }
    dated.sort_by(|a, b| order(a).cmp(&order(b)));
    let mut articles: Vec<Value> = dated.into_iter().map(|(_, article)| article).collect();
    let mut archived = None;
    if articles.len() >= 2 * page_size {
        let newest_archive = own["older"].as_u64().and_then(|n| u32::try_from(n).ok());
        let number = newest_archive.unwrap_or(0) + 1;
        let oldest = articles.split_off(articles.len() - page_size);
        let mut page = json!({ "format": 1, "archive": number, "articles": oldest });
        if let Some(older) = newest_archive {
            page["older"] = json!(older);
        }
        if let Some(name) = own.get("name") {
            page["name"] = name.clone();
        }
        own["older"] = json!(number);
        archived = Some((number, page));
    }
    own["articles"] = articles.into();
    Placed { own, archived }
}

/// When an article summary (as a list's document carries it) says it was
/// published, in Unix seconds.
pub fn published_seconds(summary: &Value) -> Option<i64> {
    summary["published"]
        .as_str()
        .and_then(|at| broadsheet::model::Timestamp::parse(at).ok())
        .map(|at| at.unix_seconds())
}

/// The sections, the busiest first, then by name.
fn section_names(lists: &BTreeMap<Listing, List>) -> Vec<String> {
    let mut sections: Vec<(usize, &str)> = lists
        .iter()
        .filter(|(listing, _)| matches!(listing, Listing::Section(_)))
        .filter_map(|(_, list)| Some((list.members.len(), list.name.as_deref()?)))
        .collect();
    sections.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    sections
        .into_iter()
        .map(|(_, name)| name.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet::model::decode_article;

    fn entry(id: &str, section: &str, tags: &[&str]) -> Entry {
        let article = json!({"format": 1, "id": id, "title": id, "section": section,
                             "tags": tags, "blocks": []});
        Entry::of(&decode_article(&article.to_string()).unwrap())
    }

    #[test]
    fn every_list_is_cut_into_pages_that_name_their_neighbours() {
        let entries: Vec<Entry> = (0..7)
            .map(|n| entry(&format!("a{n}"), "Business", &["Trade", "trade"]))
            .chain([entry("p", "Politics", &["Trade"])])
            .collect();
        let lists = crate::archive::lists(&entries);
        let pages: Vec<Made> = pages(&entries, &lists, 2).collect();
        let find = |listing: &Listing, page: ListPage| {
            let found = pages
                .iter()
                .find(|p| &p.listing == listing && p.page == page)
                .unwrap_or_else(|| panic!("no page {page:?} of {listing:?}"));
            serde_json::from_str::<Value>(&found.document).unwrap()
        };
        let ids = |page: &Value| -> Vec<String> {
            page["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["id"].as_str().unwrap().to_owned())
                .collect()
        };
        // 8 articles in pages of 2: 3 archive pages of the oldest 6, numbered
        // from the oldest; the front page holds the newest 2.
        let front = find(&Listing::Front, ListPage::Newest);
        assert_eq!(ids(&front), ["a0", "a1"]);
        assert_eq!(
            (front["older"].as_u64(), front.get("archive")),
            (Some(3), None)
        );
        assert_eq!(front["sections"], json!(["Business", "Politics"]));
        let newest_archive = find(&Listing::Front, ListPage::Archive(3));
        assert_eq!(ids(&newest_archive), ["a2", "a3"]);
        assert_eq!(newest_archive["older"], 2);
        assert!(
            newest_archive.get("newer").is_none(),
            "newer is the front page"
        );
        let oldest = find(&Listing::Front, ListPage::Archive(1));
        assert_eq!(ids(&oldest), ["a6", "p"]);
        assert_eq!(
            (oldest.get("older"), oldest["newer"].as_u64()),
            (None, Some(2))
        );
        // Business: 7 articles, 2 archive pages, its own page holds 3.
        let business = find(&Listing::section("Business").unwrap(), ListPage::Newest);
        assert_eq!(business["name"], "Business");
        assert_eq!(ids(&business), ["a0", "a1", "a2"]);
        let trade = find(&Listing::tag("trade").unwrap(), ListPage::Newest);
        assert_eq!(
            ids(&trade),
            ["a0", "a1"],
            "an article is listed once under a tag it names twice"
        );
        assert_eq!(
            pages.len(),
            4 + 3 + 1 + 4,
            "front 1+3, business 1+2, politics 1, trade 1+3"
        );
    }

    #[test]
    fn a_list_keeps_its_newest_on_its_own_page_until_it_fills_two() {
        assert_eq!(archive_pages(0, 30), 0);
        assert_eq!(archive_pages(59, 30), 0);
        assert_eq!(archive_pages(60, 30), 1);
        assert_eq!(archive_pages(89, 30), 1);
        assert_eq!(archive_pages(90, 30), 2);
        assert_eq!(archive_pages(100_000, 30), 3332);
    }

    #[test]
    fn an_empty_archive_still_has_a_front_page() {
        let lists = crate::archive::lists(&[]);
        let pages: Vec<Made> = pages(&[], &lists, 30).collect();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].listing, Listing::Front);
    }

    /// Publishing articles one by one onto a built list leaves the pages a
    /// full build of the longer list makes: the own page, each archive page,
    /// and each page's links.
    #[test]
    fn publishing_one_at_a_time_makes_the_pages_a_full_build_makes() {
        let page_size = 3;
        let article = |n: usize| {
            let published = format!("2026-01-{:02}T{:02}:00:00Z", 1 + n / 24, n % 24);
            let json = json!({"format": 1, "id": format!("a{n:03}"), "title": format!("A {n}"),
                              "section": "Business", "published": published, "blocks": []});
            Entry::of(&decode_article(&json.to_string()).unwrap())
        };
        let built = |count: usize| -> BTreeMap<ListPage, Value> {
            let mut entries: Vec<Entry> = (0..count).map(article).collect();
            crate::archive::sort_newest_first(&mut entries);
            let lists = crate::archive::lists(&entries);
            pages(&entries, &lists, page_size)
                .filter(|made| made.listing == Listing::section("Business").unwrap())
                .map(|made| (made.page, serde_json::from_str(&made.document).unwrap()))
                .collect()
        };
        let mut published = built(1);
        for count in 2..=(5 * page_size + 2) {
            let newest = article(count - 1);
            let placed = place(
                &published[&ListPage::Newest],
                newest.id.as_str(),
                Some(newest.summary()),
                page_size,
            );
            published.insert(ListPage::Newest, placed.own);
            if let Some((number, page)) = placed.archived {
                if number > 1 {
                    let before = published.get_mut(&ListPage::Archive(number - 1)).unwrap();
                    before["newer"] = json!(number);
                }
                published.insert(ListPage::Archive(number), page);
            }
            assert_eq!(published, built(count), "after publishing {count} articles");
        }
        // A correction takes the place of the article it corrects.
        let mut corrected = article(5 * page_size + 1).summary();
        corrected["title"] = json!("Corrected");
        let placed = place(
            &published[&ListPage::Newest],
            corrected["id"].as_str().unwrap(),
            Some(corrected.clone()),
            page_size,
        );
        assert_eq!(placed.own["articles"][0]["title"], "Corrected");
        assert_eq!(
            placed.own["articles"].as_array().unwrap().len(),
            published[&ListPage::Newest]["articles"]
                .as_array()
                .unwrap()
                .len()
        );
        // Taken off, it leaves the page.
        let placed = place(&published[&ListPage::Newest], "a016", None, page_size);
        assert!(placed.own["articles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["id"] != "a016"));
        assert!(placed.archived.is_none());
    }
}
