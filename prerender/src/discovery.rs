//! What the build writes for search engines, news aggregators and feed
//! readers, from the archive alone: `robots.txt` naming the sitemap index;
//! `sitemap.xml`, an index over sitemaps of every article (1,000 each, the
//! oldest first) and of every list's first page (at most 50,000 each), with
//! when each last changed;
//! a Google News sitemap of the articles published in the 48 hours before the
//! build; and RSS 2.0 feeds of the newest 50 articles, the publication's and
//! one per section. Crawlers and feed readers need absolute addresses, so
//! without `site.json`'s `base_url` only `robots.txt` is written.

use crate::archive::{Entry, List};
use crate::files::{dist_file, write};
use crate::html::escape;
use broadsheet::i18n::Locale;
use broadsheet::model::{publication_name, ArticleId, Site, Timestamp};
use broadsheet::routes::{
    absolute_url, article_route, publication_base, ListPage, Listing, ROBOTS, SITEMAPS,
    SITEMAP_INDEX,
};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use time::format_description::well_known::{Rfc2822, Rfc3339};

/// The most addresses one sitemap may hold (sitemaps.org).
pub const MOST_SITEMAP_URLS: usize = 50_000;

/// Articles in one sitemap of articles: far below the most allowed, so that
/// the file a publish rewrites (the newest, with its compressed copies)
/// stays small however large the archive; an index names up to 50,000
/// sitemaps, 50 million articles.
pub const ARTICLES_PER_SITEMAP: usize = 1_000;

/// How far back the news sitemap reaches (Google News: two days).
pub const NEWS_HOURS: i64 = 48;

/// The most articles one news sitemap may hold (Google News).
const MOST_NEWS_URLS: usize = 1_000;

/// Articles in a feed.
pub const FEED_ARTICLES: usize = 50;

const SITEMAP_NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NAMESPACE: &str = "http://www.google.com/schemas/sitemap-news/0.9";
/// Where a sitemap's `xhtml:link` alternates come from.
const XHTML_NAMESPACE: &str = "http://www.w3.org/1999/xhtml";

/// Writes everything above into `dist`; `now` is the build's time, in Unix seconds.
pub fn write_all(
    dist: &Path,
    site: Option<&Site>,
    entries: &[Entry],
    lists: &BTreeMap<Listing, List>,
    now: i64,
) -> Result<(), String> {
    let Some(base) = publication_base(site) else {
        write(&dist_file(dist, ROBOTS), robots(None))?;
        eprintln!("prerender: site.json has no base_url; no sitemaps or feeds");
        return Ok(());
    };
    write(&dist_file(dist, ROBOTS), robots(Some(base)))?;

    // Oldest first, so that a full file never changes as the archive grows:
    // a publish adds to the last (`crate::publish`).
    let by_id: HashMap<&ArticleId, &Entry> =
        entries.iter().map(|entry| (&entry.id, entry)).collect();
    let article_urls = entries.iter().rev().map(|entry| Address {
        url: public_url(entry, base),
        last_changed: entry.last_changed(),
        alternates: alternates(entry, base, |id| {
            by_id.get(id).map(|other| (*other).clone())
        }),
    });
    let list_urls = lists.iter().map(|(listing, list)| Address {
        url: absolute_url(&listing.route(ListPage::Newest), Some(base)),
        last_changed: newest_change(entries, &list.members),
        alternates: Vec::new(),
    });
    let mut sitemaps = Vec::new();
    for (kind, addresses, per_sitemap) in [
        (
            ARTICLE_SITEMAPS,
            article_urls.collect::<Vec<_>>(),
            ARTICLES_PER_SITEMAP,
        ),
        (LIST_SITEMAPS, list_urls.collect(), MOST_SITEMAP_URLS),
    ] {
        for (number, chunk) in addresses.chunks(per_sitemap).enumerate() {
            let route = sitemap_route(kind, number + 1);
            write(&dist_file(dist, &route), sitemap("urlset", "url", chunk))?;
            let last_changed = chunk
                .iter()
                .filter_map(|a| a.last_changed)
                .max_by_key(|t| t.unix_seconds());
            sitemaps.push(Address {
                url: absolute_url(&route, Some(base)),
                last_changed,
                alternates: Vec::new(),
            });
        }
    }
    let news_route = news_sitemap_route();
    write(
        &dist_file(dist, &news_route),
        news_sitemap(site, entries, base, now),
    )?;
    sitemaps.push(Address {
        url: absolute_url(&news_route, Some(base)),
        last_changed: None,
        alternates: Vec::new(),
    });
    write(
        &dist_file(dist, SITEMAP_INDEX),
        sitemap("sitemapindex", "sitemap", &sitemaps),
    )?;

    for (listing, list) in lists {
        let Some(route) = listing.feed_route() else {
            continue;
        };
        let feed = feed(site, base, listing, list, entries);
        write(&dist_file(dist, &route), &feed)?;
    }
    Ok(())
}

/// Now, in Unix seconds: the end of the news sitemap's 48 hours.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() as i64)
}

/// The sitemaps of articles (`kind` "articles") and of lists ("lists"),
/// numbered from 1.
pub fn sitemap_route(kind: &str, number: usize) -> String {
    format!("{SITEMAPS}/{kind}-{number}.xml")
}

/// The kinds of sitemap, each numbered from 1: every article's address, and
/// every list's own page.
pub const ARTICLE_SITEMAPS: &str = "articles";
pub const LIST_SITEMAPS: &str = "lists";

pub fn news_sitemap_route() -> String {
    format!("{SITEMAPS}/news.xml")
}

/// An address, when what it shows last changed, and the same page in other
/// languages (language and address, itself among them).
struct Address<'a> {
    url: String,
    last_changed: Option<&'a Timestamp>,
    alternates: Vec<(String, String)>,
}

/// An article's translations that `find` finds in the archive, with the
/// article itself, as a sitemap names them (`xhtml:link` alternates); none
/// when it has none. A translation not in the archive is left out.
fn alternates(
    entry: &Entry,
    base: &str,
    find: impl Fn(&ArticleId) -> Option<Entry>,
) -> Vec<(String, String)> {
    let found: Vec<(String, String)> = entry
        .translations
        .iter()
        .filter_map(|(language, id)| {
            find(id).map(|other| (language.clone(), public_url(&other, base)))
        })
        .collect();
    if found.is_empty() {
        return found;
    }
    entry
        .language
        .iter()
        .map(|language| (language.clone(), public_url(entry, base)))
        .chain(found)
        .collect()
}

/// An article's address for crawlers: the newsroom's canonical one when it
/// is on the publication's own site, else its page here.
pub fn public_url(entry: &Entry, base: &str) -> String {
    entry
        .canonical
        .clone()
        .filter(|canonical| canonical.starts_with(&format!("{base}/")))
        .unwrap_or_else(|| absolute_url(&article_route(&entry.id), Some(base)))
}

fn newest_change<'a>(entries: &'a [Entry], members: &[usize]) -> Option<&'a Timestamp> {
    members
        .iter()
        .filter_map(|&position| entries[position].last_changed())
        .max_by_key(|changed| changed.unix_seconds())
}

fn robots(base: Option<&str>) -> String {
    let mut robots =
        String::from("User-agent: *\nAllow: /\nDisallow: /embed/\nDisallow: /app.html\n");
    if let Some(base) = base {
        robots.push_str(&format!(
            "\nSitemap: {}\n",
            absolute_url(SITEMAP_INDEX, Some(base))
        ));
    }
    robots
}

/// A W3C datetime, as sitemaps want it, in the offset the newsroom wrote.
fn w3c(at: &Timestamp) -> String {
    at.moment()
        .format(&Rfc3339)
        .unwrap_or_else(|_| at.as_str().to_owned())
}

/// A sitemap (`urlset` of `url`) or a sitemap index (`sitemapindex` of
/// `sitemap`): each address with when it last changed.
fn sitemap(root: &str, entry: &str, addresses: &[Address]) -> String {
    let alternates = if root == "urlset" {
        format!(" xmlns:xhtml=\"{XHTML_NAMESPACE}\"")
    } else {
        String::new()
    };
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"{SITEMAP_NAMESPACE}\"{alternates}>\n"
    );
    for address in addresses {
        xml.push_str(&with_alternates(
            sitemap_entry(entry, &address.url, address.last_changed),
            &address.alternates,
        ));
        xml.push('\n');
    }
    xml.push_str(&format!("</{root}>\n"));
    xml
}

/// An article's line of an article sitemap, with its translations that
/// `find` finds as alternates: what a full build writes, and a publish.
pub fn article_sitemap_line(
    entry: &Entry,
    base: &str,
    find: impl Fn(&ArticleId) -> Option<Entry>,
) -> String {
    with_alternates(
        sitemap_entry("url", &public_url(entry, base), entry.last_changed()),
        &alternates(entry, base, find),
    )
}

/// `line` (a sitemap's `<url>`) with `alternates` in it.
fn with_alternates(mut line: String, alternates: &[(String, String)]) -> String {
    if let Some(end) = line.rfind("</") {
        let links: String = alternates
            .iter()
            .map(|(language, url)| {
                format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(language),
                    escape(url)
                )
            })
            .collect();
        line.insert_str(end, &links);
    }
    line
}

/// One address of a sitemap or sitemap index, on a line of its own:
/// `<url><loc>…</loc><lastmod>…</lastmod></url>`.
pub fn sitemap_entry(entry: &str, url: &str, last_changed: Option<&Timestamp>) -> String {
    let mut line = format!("<{entry}><loc>{}</loc>", escape(url));
    if let Some(changed) = last_changed {
        line.push_str(&format!("<lastmod>{}</lastmod>", w3c(changed)));
    }
    line.push_str(&format!("</{entry}>"));
    line
}

/// The language as Google News names it: ISO 639, with `zh-cn` or `zh-tw`.
fn news_language(tag: &str) -> String {
    match Locale::from_tag(tag) {
        Some(Locale::ZhHans) => "zh-cn".to_owned(),
        Some(Locale::ZhHant) => "zh-tw".to_owned(),
        _ => tag
            .split(['-', '_'])
            .next()
            .unwrap_or(tag)
            .to_ascii_lowercase(),
    }
}

/// One article of the news sitemap, on a line of its own.
pub fn news_entry(site: Option<&Site>, entry: &Entry, base: &str) -> String {
    let site_language = site
        .and_then(|site| site.languages.first())
        .map(String::as_str);
    let language = entry.language.as_deref().or(site_language).unwrap_or("en");
    let published = entry.published.as_ref().map(w3c).unwrap_or_default();
    format!(
        "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>\
         <news:language>{}</news:language></news:publication>\
         <news:publication_date>{published}</news:publication_date>\
         <news:title>{}</news:title></news:news></url>",
        escape(&public_url(entry, base)),
        escape(publication_name(site)),
        escape(&news_language(language)),
        escape(&entry.title),
    )
}

/// Whether the news sitemap takes an article published at `published` (Unix
/// seconds) when it is made at `now`.
pub fn is_news(published: i64, now: i64) -> bool {
    (now - NEWS_HOURS * 3600..=now).contains(&published)
}

fn news_sitemap(site: Option<&Site>, entries: &[Entry], base: &str, now: i64) -> String {
    let recent = entries
        .iter()
        .filter(|entry| {
            entry
                .published
                .as_ref()
                .is_some_and(|at| is_news(at.unix_seconds(), now))
        })
        .take(MOST_NEWS_URLS);
    news_document(recent.map(|entry| news_entry(site, entry, base)))
}

/// A news sitemap of `lines`, each an article's.
fn news_document(lines: impl Iterator<Item = String>) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{SITEMAP_NAMESPACE}\" xmlns:news=\"{NEWS_NAMESPACE}\">\n"
    );
    for line in lines {
        xml.push_str(&line);
        xml.push('\n');
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The list's newest [`FEED_ARTICLES`] as RSS 2.0.
fn feed(
    site: Option<&Site>,
    base: &str,
    listing: &Listing,
    list: &List,
    entries: &[Entry],
) -> String {
    let items = list
        .members
        .iter()
        .take(FEED_ARTICLES)
        .map(|&position| feed_item(&entries[position], base))
        .collect();
    channel(site, base, listing, list.name.as_deref(), items).to_string()
}

/// A list's feed with its `items`.
fn channel(
    site: Option<&Site>,
    base: &str,
    listing: &Listing,
    name: Option<&str>,
    items: Vec<rss::Item>,
) -> rss::Channel {
    let publication = publication_name(site);
    let title = match name {
        Some(name) => format!("{name} · {publication}"),
        None => publication.to_owned(),
    };
    rss::ChannelBuilder::default()
        .title(title.clone())
        .link(absolute_url(&listing.route(ListPage::Newest), Some(base)))
        .description(title)
        .language(site.and_then(|site| site.languages.first().cloned()))
        .items(items)
        .build()
}

/// One article of a feed.
fn feed_item(entry: &Entry, base: &str) -> rss::Item {
    let link = public_url(entry, base);
    rss::ItemBuilder::default()
        .title(Some(entry.title.clone()))
        .link(Some(link.clone()))
        .guid(Some(rss::Guid {
            value: link,
            permalink: true,
        }))
        .description(entry.summary.clone())
        .pub_date(
            entry
                .published
                .as_ref()
                .and_then(|at| at.moment().format(&Rfc2822).ok()),
        )
        .categories(
            entry
                .section
                .iter()
                .map(|section| {
                    rss::CategoryBuilder::default()
                        .name(section.clone())
                        .build()
                })
                .collect::<Vec<_>>(),
        )
        .build()
}

// What a publish changes in the files above, one article at a time, without
// the archive: each edit reads the file as written and writes it again.

/// A list's feed, `xml` as written (a new one without), with the articles
/// at the addresses `gone` taken off and `added` put on, newest first, at
/// most [`FEED_ARTICLES`].
pub fn feed_edited(
    xml: Option<&str>,
    (site, base): (Option<&Site>, &str),
    (listing, name): (&Listing, Option<&str>),
    gone: &[String],
    added: Option<&Entry>,
) -> Result<String, String> {
    let mut channel = match xml {
        Some(xml) => rss::Channel::read_from(xml.as_bytes()).map_err(|e| {
            format!(
                "the feed of {} is not RSS: {e}",
                listing.route(ListPage::Newest)
            )
        })?,
        None => channel(site, base, listing, name, Vec::new()),
    };
    let mut items = channel.items().to_vec();
    items.retain(|item| {
        !item
            .link()
            .is_some_and(|link| gone.iter().any(|gone| gone == link))
    });
    items.extend(added.map(|entry| feed_item(entry, base)));
    let published = |item: &rss::Item| {
        item.pub_date()
            .and_then(|at| time::OffsetDateTime::parse(at, &Rfc2822).ok())
    };
    items.sort_by_cached_key(|item| std::cmp::Reverse(published(item)));
    items.truncate(FEED_ARTICLES);
    channel.set_items(items);
    Ok(channel.to_string())
}

/// `xml`, a sitemap or sitemap index as written, with the line of `url`
/// replaced by `line`, or taken off without one; `None` when `url` is not in
/// it.
pub fn sitemap_replaced(xml: &str, url: &str, line: Option<&str>) -> Option<String> {
    let at = xml.find(&format!("<loc>{}</loc>", escape(url)))?;
    let start = xml[..at].rfind('\n').map_or(0, |end| end + 1);
    let end = xml[at..].find('\n').map_or(xml.len(), |end| at + end + 1);
    let mut edited = xml[..start].to_owned();
    if let Some(line) = line {
        edited.push_str(line);
        edited.push('\n');
    }
    edited.push_str(&xml[end..]);
    Some(edited)
}

/// `xml`, a sitemap or sitemap index as written, with `line` as its last
/// address.
pub fn sitemap_added(xml: &str, line: &str) -> String {
    let closing = xml.trim_end().rfind('\n').map_or(0, |end| end + 1);
    format!("{}{line}\n{}", &xml[..closing], &xml[closing..])
}

/// How many addresses a sitemap as written holds.
pub fn sitemap_length(xml: &str) -> usize {
    xml.matches("<loc>").count()
}

/// An empty sitemap (`urlset`) or sitemap index (`sitemapindex`).
pub fn empty_sitemap(root: &str) -> String {
    sitemap(root, "", &[])
}

/// The news sitemap, `xml` as written, made at `now`: the articles at the
/// addresses `gone` taken off, `added` put on if it is news, and those no
/// longer news dropped.
pub fn news_sitemap_edited(
    xml: &str,
    (site, base): (Option<&Site>, &str),
    gone: &[String],
    added: Option<&Entry>,
    now: i64,
) -> String {
    let between = |line: &'_ str, open: &str, close: &str| -> Option<String> {
        let start = line.find(open)? + open.len();
        let end = start + line[start..].find(close)?;
        Some(line[start..end].to_owned())
    };
    let gone: Vec<String> = gone.iter().map(|url| escape(url)).collect();
    let mut news: Vec<(i64, String)> = xml
        .lines()
        .filter(|line| line.starts_with("<url>"))
        .filter(|line| between(line, "<loc>", "</loc>").is_some_and(|url| !gone.contains(&url)))
        .filter_map(|line| {
            let published = between(line, "<news:publication_date>", "</news:publication_date>")?;
            let published = Timestamp::parse(&published).ok()?.unix_seconds();
            is_news(published, now).then(|| (published, line.to_owned()))
        })
        .collect();
    if let Some(entry) = added {
        if let Some(published) = entry.published.as_ref().map(Timestamp::unix_seconds) {
            if is_news(published, now) {
                news.push((published, news_entry(site, entry, base)));
            }
        }
    }
    news.sort_by_key(|(published, _)| std::cmp::Reverse(*published));
    news.truncate(MOST_NEWS_URLS);
    news_document(news.into_iter().map(|(_, line)| line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet::model::decode_article;
    use serde_json::json;

    fn entry(id: &str, published: &str) -> Entry {
        let article = json!({"format": 1, "id": id, "title": format!("{id} & co"),
                             "published": published, "blocks": []});
        Entry::of(&decode_article(&article.to_string()).unwrap())
    }

    #[test]
    fn the_news_sitemap_holds_the_last_two_days_only() {
        let now = Timestamp::parse("2026-03-03T12:00:00Z")
            .unwrap()
            .unix_seconds();
        let entries = [
            entry("fresh", "2026-03-03T08:00:00+08:00"),
            entry("yesterday", "2026-03-02T12:00:01Z"),
            entry("old", "2026-03-01T11:59:59Z"),
            entry("future", "2026-03-04T00:00:00Z"),
        ];
        let xml = news_sitemap(None, &entries, "https://n.example", now);
        assert!(
            xml.contains("<loc>https://n.example/articles/fresh</loc>"),
            "{xml}"
        );
        assert!(
            xml.contains("<loc>https://n.example/articles/yesterday</loc>"),
            "{xml}"
        );
        assert!(
            xml.contains("<news:title>fresh &amp; co</news:title>"),
            "{xml}"
        );
        assert!(
            !xml.contains("/articles/old<") && !xml.contains("/articles/future<"),
            "{xml}"
        );
    }

    #[test]
    fn news_languages_are_named_as_google_news_names_them() {
        assert_eq!(news_language("zh-Hans"), "zh-cn");
        assert_eq!(news_language("zh-HK"), "zh-tw");
        assert_eq!(news_language("en-GB"), "en");
    }
}
