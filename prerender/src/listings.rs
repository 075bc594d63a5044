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

use crate::archive::{Entry, List};
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
        let sections = sections.clone();
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
            if *listing == Listing::Front && number == 0 {
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
}
