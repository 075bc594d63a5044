//! Articles, their hero, credits and related news, and the pages of the
//! lists of articles (the front page, a section, a tag).

use super::block::{Block, Heading, Image, Video};
use super::tolerant::Tolerant;
use super::values::{ArticleId, LinkUrl, MediaUrl, Timestamp};
use serde::{de::DeserializeOwned, Deserialize, Deserializer};
use std::collections::{BTreeMap, BTreeSet};

/// One article, as `articles/{id}.json` gives it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Article {
    pub format: u64,
    pub id: ArticleId,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub section: Option<String>,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub published: Option<Timestamp>,
    #[serde(default)]
    pub updated: Option<Timestamp>,
    #[serde(default)]
    pub location: Option<String>,
    /// A canonical address that is not an http(s) link is dropped, not fatal:
    /// the article reads the same, and shares the page's own address.
    #[serde(default, deserialize_with = "link_or_none")]
    pub canonical_url: Option<LinkUrl>,
    /// Read as a block, so that a faulty hero is set aside like any block.
    #[serde(default, rename = "hero")]
    hero_block: Option<Block>,
    pub blocks: Vec<Block>,
    #[serde(default, deserialize_with = "nullable_list")]
    pub credits: Vec<Credit>,
    #[serde(default, deserialize_with = "nullable_list")]
    pub notes: Vec<String>,
    #[serde(default, deserialize_with = "nullable_list")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "nullable_list")]
    pub related: Vec<Tolerant<ArticleSummary>>,
    /// The same article in other languages.
    #[serde(default, deserialize_with = "nullable_list")]
    pub translations: Vec<Tolerant<Translation>>,
}

/// The same article in another language: `{"language": "zh-Hans", "id": …}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Translation {
    /// A BCP 47 tag.
    pub language: String,
    pub id: ArticleId,
}

/// The lead image or video at the top of an article.
#[derive(Clone, Debug, PartialEq)]
pub enum Hero {
    Image(Image),
    Video(Video),
}

/// One line of the credits: `Editor | Ouyang Yan, Hu Nan`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Credit {
    pub role: String,
    pub names: Vec<String>,
}

/// What a list of articles shows of one: the front page and related news.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub published: Option<Timestamp>,
    #[serde(default)]
    pub image: Option<Image>,
}

/// One page of a list of articles: the front page's (`articles/index.json`
/// and its further pages), a section's or a tag's, as the build writes them.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct IndexPage {
    pub format: u64,
    #[serde(deserialize_with = "nullable_list")]
    pub articles: Vec<Tolerant<ArticleSummary>>,
    /// This page's number in its list's archive, from 1 (the oldest articles);
    /// none on the list's newest page. An unreadable number reads as none.
    #[serde(default, deserialize_with = "archive_number")]
    pub archive: Option<u32>,
    /// The archive page just older than this one, if there is one.
    #[serde(default, deserialize_with = "archive_number")]
    pub older: Option<u32>,
    /// The archive page just newer than this one; on the archive's newest
    /// page none, as the newer articles are on the list's own page.
    #[serde(default, deserialize_with = "archive_number")]
    pub newer: Option<u32>,
    /// The section's or tag's name as the newsroom writes it.
    #[serde(default)]
    pub name: Option<String>,
    /// The publication's sections, on the front page's pages.
    #[serde(default, deserialize_with = "nullable_list")]
    pub sections: Vec<String>,
}

/// An archive page's number as a document may write it: anything but a whole
/// number from 1 reads as none, so a bad one costs a link, never the list.
fn archive_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(value
        .as_u64()
        .and_then(|number| u32::try_from(number).ok())
        .filter(|&number| number >= 1))
}

fn link_or_none<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<LinkUrl>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(value.as_str().and_then(LinkUrl::parse))
}

/// CMSs write `null` for an empty list as often as `[]`.
fn nullable_list<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// Why each entry of the list `field` that could not be read was set aside.
fn set_aside<'a, T>(
    entries: &'a [Tolerant<T>],
    field: &'a str,
) -> impl Iterator<Item = String> + 'a {
    entries
        .iter()
        .enumerate()
        .filter_map(move |(index, entry)| {
            entry
                .rejection()
                .map(|rejection| rejection.describe_at(&format!("{field}[{index}]")))
        })
}

/// Roles whose people wrote the story.
fn is_author_role(role: &str) -> bool {
    let role = role.to_lowercase();
    ["report", "writ", "author", "script", "correspondent"]
        .iter()
        .any(|word| role.contains(word))
}

/// Primary language subtags written right to left.
const RIGHT_TO_LEFT_LANGUAGES: [&str; 8] = ["ar", "dv", "fa", "he", "ks", "ps", "ur", "yi"];

impl Article {
    /// `rtl` for right-to-left languages, otherwise `ltr`.
    pub fn direction(&self) -> &'static str {
        let primary = self
            .language
            .as_deref()
            .unwrap_or("")
            .split(['-', '_'])
            .next()
            .unwrap_or("");
        if RIGHT_TO_LEFT_LANGUAGES
            .iter()
            .any(|rtl| rtl.eq_ignore_ascii_case(primary))
        {
            "rtl"
        } else {
            "ltr"
        }
    }

    pub fn hero(&self) -> Option<Hero> {
        match self.hero_block.as_ref()? {
            Block::Image(image) => Some(Hero::Image(image.clone())),
            Block::Video(video) => Some(Hero::Video(video.clone())),
            _ => None,
        }
    }

    /// The pictures a reader sees in the article, in order: the hero, images,
    /// posters and video posters (not the videos themselves). What "Save for
    /// offline" keeps.
    pub fn pictures(&self) -> Vec<&MediaUrl> {
        self.hero_block
            .iter()
            .chain(&self.blocks)
            .filter_map(|block| match block {
                Block::Image(image) => Some(&image.src),
                Block::Poster(poster) => Some(&poster.src),
                Block::Video(video) => video.poster.as_ref(),
                Block::Social(social) => social.thumbnail.as_ref().map(|image| &image.src),
                _ => None,
            })
            .collect()
    }

    /// The people who wrote the story (credits whose role says so), or
    /// everyone credited when no role does: the authors search engines and
    /// oEmbed consumers want.
    pub fn authors(&self) -> Vec<&str> {
        let names = |author_only: bool| -> Vec<&str> {
            self.credits
                .iter()
                .filter(|credit| !author_only || is_author_role(&credit.role))
                .flat_map(|credit| credit.names.iter().map(String::as_str))
                .collect()
        };
        let authors = names(true);
        if authors.is_empty() {
            names(false)
        } else {
            authors
        }
    }

    pub fn related_articles(&self) -> impl Iterator<Item = &ArticleSummary> {
        self.related.iter().filter_map(Tolerant::accepted)
    }

    /// The article's translations that could be read, leaving out any that
    /// names the article itself or no language.
    pub fn translations(&self) -> impl Iterator<Item = &Translation> {
        self.translations
            .iter()
            .filter_map(Tolerant::accepted)
            .filter(|translation| {
                translation.id != self.id && !translation.language.trim().is_empty()
            })
    }

    /// Every part that was set aside, with its JSON path, for the CMS team.
    pub fn problems(&self) -> Vec<String> {
        let blocks = self
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(index, block)| match block {
                Block::Unsupported { rejection, .. } => {
                    Some(rejection.describe_at(&format!("blocks[{index}]")))
                }
                _ => None,
            });
        let hero = self.hero_block.iter().filter_map(|hero| match hero {
            Block::Unsupported { rejection, .. } => Some(rejection.describe_at("hero")),
            Block::Image(_) | Block::Video(_) => None,
            _ => Some("hero: expected an image or a video".to_owned()),
        });
        blocks
            .chain(hero)
            .chain(set_aside(&self.related, "related"))
            .chain(set_aside(&self.translations, "translations"))
            .collect()
    }

    /// Gives every heading a fragment id that is unique within the article:
    /// the second "Update" is `update-2`, the third `update-3`. Each base
    /// name keeps its next suffix, so a live page of thousands of identical
    /// headings costs n log n, not a search of every anchor for every one.
    pub(crate) fn assign_heading_anchors(&mut self) {
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut next_suffix: BTreeMap<String, usize> = BTreeMap::new();
        for block in &mut self.blocks {
            if let Block::Heading(heading) = block {
                let base = anchor_for(heading);
                let mut anchor = base.clone();
                if taken.contains(&anchor) {
                    let suffix = next_suffix.entry(base.clone()).or_insert(2);
                    loop {
                        anchor = format!("{base}-{suffix}");
                        *suffix += 1;
                        if !taken.contains(&anchor) {
                            break;
                        }
                    }
                }
                taken.insert(anchor.clone());
                heading.anchor = anchor;
            }
        }
    }
}

/// A readable fragment id: lower-case letters and digits (any script), joined by `-`.
fn anchor_for(heading: &Heading) -> String {
    let mut anchor = String::new();
    for c in heading.text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            anchor.push(c);
        } else if !anchor.is_empty() && !anchor.ends_with('-') {
            anchor.push('-');
        }
    }
    let anchor = anchor.trim_end_matches('-');
    if anchor.is_empty() {
        "section".to_owned()
    } else {
        anchor.chars().take(64).collect()
    }
}

impl IndexPage {
    /// The readable entries, newest first; undated entries keep their order at the end.
    pub fn newest_first(&self) -> Vec<ArticleSummary> {
        let mut entries: Vec<ArticleSummary> = self
            .articles
            .iter()
            .filter_map(Tolerant::accepted)
            .cloned()
            .collect();
        entries.sort_by_key(|entry| {
            std::cmp::Reverse(entry.published.as_ref().map(Timestamp::unix_seconds))
        });
        entries
    }

    pub fn problems(&self) -> Vec<String> {
        self.articles
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                entry
                    .rejection()
                    .map(|r| r.describe_at(&format!("articles[{index}]")))
            })
            .collect()
    }
}
