//! The lists of the archive, page by page, as documents: the front page's
//! (every article), each section's and each tag's, newest first, a page of
//! `site.json`'s `page_size` each. The front page's pages also name the
//! sections. No document holds more than one page, however large the archive.

use crate::archive::{Entry, List};
use broadsheet::routes::Listing;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One page of one list, ready to be written and rendered.
pub struct ListPage {
    pub listing: Listing,
    pub page: u32,
    pub pages: u32,
    /// The format-1 document of the page (`articles`, `page`, `pages`, …).
    pub document: String,
}

/// Every page of every list of `entries` (newest first; `lists` are theirs),
/// made one at a time as the returned iterator is drawn from, in parallel:
/// however large the archive, only the pages being written are in memory.
pub fn pages<'a>(
    entries: &'a [Entry],
    lists: &'a BTreeMap<Listing, List>,
    page_size: usize,
) -> impl ParallelIterator<Item = ListPage> + 'a {
    let sections = section_names(lists);
    let page_size = page_size.max(1);
    lists.par_iter().flat_map(move |(listing, list)| {
        let count = list.members.len().div_ceil(page_size).max(1);
        let total = u32::try_from(count).unwrap_or(u32::MAX);
        let sections = sections.clone();
        (1..=total).into_par_iter().map(move |number| {
            let first = (number as usize - 1).saturating_mul(page_size);
            let articles: Vec<Value> = list
                .members
                .iter()
                .skip(first)
                .take(page_size)
                .map(|&position| entries[position].summary())
                .collect();
            let mut document =
                json!({ "format": 1, "articles": articles, "page": number, "pages": total });
            if let Some(name) = &list.name {
                document["name"] = json!(name);
            }
            if *listing == Listing::Front {
                document["sections"] = json!(sections);
            }
            ListPage {
                listing: listing.clone(),
                page: number,
                pages: total,
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
    fn every_list_is_cut_into_pages_that_name_their_place() {
        let entries = vec![
            entry("a", "Business", &["Trade", "trade"]),
            entry("b", "Politics", &["Trade"]),
            entry("c", "business", &[]),
        ];
        let lists = crate::archive::lists(&entries);
        let pages: Vec<ListPage> = pages(&entries, &lists, 2).collect();
        let find = |listing: &Listing, page: u32| {
            let found = pages
                .iter()
                .find(|p| &p.listing == listing && p.page == page)
                .unwrap_or_else(|| panic!("no page {page} of {listing:?}"));
            serde_json::from_str::<Value>(&found.document).unwrap()
        };
        let front = find(&Listing::Front, 2);
        assert_eq!(front["articles"][0]["id"], "c");
        assert_eq!(
            (front["page"].as_u64(), front["pages"].as_u64()),
            (Some(2), Some(2))
        );
        assert_eq!(front["sections"], json!(["Business", "Politics"]));
        let business = find(&Listing::section("Business").unwrap(), 1);
        assert_eq!(business["name"], "Business");
        assert_eq!(business["articles"].as_array().unwrap().len(), 2);
        let trade = find(&Listing::tag("trade").unwrap(), 1);
        let ids: Vec<&str> = trade["articles"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["id"].as_str())
            .collect();
        assert_eq!(
            ids,
            ["a", "b"],
            "an article is listed once under a tag it names twice"
        );
        assert_eq!(
            pages.len(),
            2 + 1 + 1 + 1,
            "front 2, business 1, politics 1, trade 1"
        );
    }

    #[test]
    fn an_empty_archive_still_has_a_front_page() {
        let lists = crate::archive::lists(&[]);
        let pages: Vec<ListPage> = pages(&[], &lists, 30).collect();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].listing, Listing::Front);
    }
}
