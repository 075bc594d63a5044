//! Which articles name each article among their related news or their
//! translations, kept in the
//! build as `related-by/{id}` (the naming articles' ids, one a line), so
//! that withdrawing an article finds the pages that link to it without
//! reading the whole archive. The full build writes every one; a publish
//! adds and takes off the lines its article's related news changed. No
//! extension: a file for the publishing tool, not compressed.

use crate::archive::Entry;
use crate::files::{read, write};
use broadsheet::model::ArticleId;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FOLDER: &str = "related-by";

/// Where the build keeps which articles name `id` as related.
pub fn index_path(dist: &Path, id: &ArticleId) -> PathBuf {
    dist.join(FOLDER).join(id.as_str())
}

/// Writes the whole index of `entries`: one file per article named as
/// related by any other.
pub fn write_all(dist: &Path, entries: &[Entry]) -> Result<(), String> {
    let mut named_by: BTreeMap<&str, (&ArticleId, Vec<&str>)> = BTreeMap::new();
    for entry in entries {
        for related in &entry.links_to {
            named_by
                .entry(related.as_str())
                .or_insert_with(|| (related, Vec::new()))
                .1
                .push(entry.id.as_str());
        }
    }
    for (id, by) in named_by.into_values() {
        let mut by = by;
        by.sort_unstable();
        by.dedup();
        write(&index_path(dist, id), by.join("\n") + "\n")?;
    }
    Ok(())
}

/// The articles that name `id` as related, as the index has them.
pub fn named_by(dist: &Path, id: &ArticleId) -> Vec<ArticleId> {
    read(&index_path(dist, id))
        .map(|text| {
            text.lines()
                .filter_map(|line| ArticleId::parse(line).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The index's files as they become when `article` names `after` as
/// related instead of `before`: for each article whose file changes, its
/// path and new text (empty: no one names it any more).
pub fn edited(
    dist: &Path,
    article: &ArticleId,
    before: &[ArticleId],
    after: &[ArticleId],
) -> Vec<(PathBuf, String)> {
    let mut changed = Vec::new();
    let touched = before
        .iter()
        .filter(|id| !after.contains(id))
        .map(|id| (id, false))
        .chain(
            after
                .iter()
                .filter(|id| !before.contains(id))
                .map(|id| (id, true)),
        );
    for (related, names) in touched {
        let mut by: Vec<String> = named_by(dist, related)
            .into_iter()
            .map(|id| id.as_str().to_owned())
            .filter(|id| id != article.as_str())
            .collect();
        if names {
            by.push(article.as_str().to_owned());
            by.sort_unstable();
        }
        let text = if by.is_empty() {
            String::new()
        } else {
            by.join("\n") + "\n"
        };
        changed.push((index_path(dist, related), text));
    }
    changed
}
