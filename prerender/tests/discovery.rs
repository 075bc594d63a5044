//! What the release build (`make dist` makes it first) writes for search
//! engines and feed readers, read as they read it: `robots.txt` names the
//! sitemap index; the index and every sitemap it lists parse as XML, and
//! together list every article of the archive exactly once, with when it
//! last changed; the feeds parse with a real feed parser (feed-rs), newest
//! article first.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BASE: &str = "https://news.example.com";

fn dist() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist");
    assert!(
        dist.join("index.html").is_file(),
        "no build at {} — `make test` makes it first (`make dist`)",
        dist.display()
    );
    dist
}

/// The file of the build at an absolute address on the publication's site.
fn served(url: &str) -> String {
    let path = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not on {BASE}"));
    let file = dist().join(path.trim_start_matches('/'));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The ids of the sample's articles, from their documents.
fn archive() -> Vec<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/articles");
    let mut ids: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_stem()?.to_str()?.to_owned();
            (name != "index").then_some(name)
        })
        .collect();
    ids.sort();
    ids
}

fn children<'a>(document: &'a roxmltree::Document, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    document
        .descendants()
        .filter(|node| node.tag_name().name() == name)
        .collect()
}

#[test]
fn the_sitemaps_list_every_article_once() {
    let robots = std::fs::read_to_string(dist().join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {BASE}/sitemap.xml")),
        "robots.txt names the sitemap index: {robots}"
    );
    let index_text = served(&format!("{BASE}/sitemap.xml"));
    let index = roxmltree::Document::parse(&index_text).expect("the sitemap index is XML");
    assert_eq!(index.root_element().tag_name().name(), "sitemapindex");
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut news = 0;
    for sitemap in children(&index, "loc") {
        let text = served(sitemap.text().unwrap());
        let document = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{} is not XML: {e}", sitemap.text().unwrap()));
        assert_eq!(document.root_element().tag_name().name(), "urlset");
        if sitemap.text().unwrap().ends_with("/news.xml") {
            news += 1;
            continue;
        }
        for url in children(&document, "url") {
            let location = url
                .children()
                .find(|n| n.tag_name().name() == "loc")
                .and_then(|n| n.text())
                .unwrap()
                .to_owned();
            if location.contains("/articles/") || location.contains("/a/") {
                assert!(
                    url.children().any(|n| n.tag_name().name() == "lastmod"),
                    "{location} says when it changed"
                );
            }
            *seen.entry(location).or_default() += 1;
        }
    }
    assert_eq!(news, 1, "the index lists the news sitemap");
    for id in archive() {
        let listed: Vec<(&String, &usize)> = seen
            .iter()
            .filter(|(url, _)| url.ends_with(&format!("/{id}")))
            .collect();
        assert_eq!(
            listed.iter().map(|(_, count)| **count).sum::<usize>(),
            1,
            "{id} is listed once: {listed:?}"
        );
    }
    for list in ["/", "/sections/business", "/tags/apec"] {
        assert!(
            seen.contains_key(&format!("{BASE}{list}")),
            "{list} is listed: {seen:?}"
        );
    }
}

#[test]
fn the_feeds_read_newest_first_in_a_feed_reader() {
    for (address, first) in [
        // The seed's Chinese translation, published after it.
        ("/feed.xml", "更多韩国人瞩目中韩新能源"),
        (
            "/sections/politics/feed.xml",
            "Shenzhen prepares to host APEC meetings",
        ),
    ] {
        let text = served(&format!("{BASE}{address}"));
        let feed = feed_rs::parser::parse(text.as_bytes())
            .unwrap_or_else(|e| panic!("{address} does not parse: {e}"));
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::RSS2, "{address}");
        let titles: Vec<String> = feed
            .entries
            .iter()
            .map(|entry| {
                entry
                    .title
                    .as_ref()
                    .map(|t| t.content.clone())
                    .unwrap_or_default()
            })
            .collect();
        assert!(
            titles.first().is_some_and(|title| title.starts_with(first)),
            "{address} leads with the newest article: {titles:?}"
        );
        let dates: Vec<_> = feed.entries.iter().map(|entry| entry.published).collect();
        assert!(
            dates.iter().all(Option::is_some),
            "{address}: every item is dated"
        );
        assert!(
            dates.windows(2).all(|pair| pair[0] >= pair[1]),
            "{address} is newest first: {dates:?}"
        );
        assert!(
            feed.entries
                .iter()
                .all(|entry| entry.links.iter().any(|l| l.href.starts_with(BASE))),
            "{address}: every item links to the site"
        );
    }
    let front = served(&format!("{BASE}/feed.xml"));
    let all = feed_rs::parser::parse(front.as_bytes()).unwrap();
    assert_eq!(
        all.entries.len(),
        archive().len(),
        "the front feed has every sample article"
    );
}

#[test]
fn article_pages_tell_crawlers_their_locale_section_tags_and_image_size() {
    let page = std::fs::read_to_string(
        dist().join("articles/korea-china-new-cooperation-models/index.html"),
    )
    .unwrap();
    for tag in [
        "<meta property=\"og:locale\" content=\"en\">",
        "<meta property=\"article:section\" content=\"Business\">",
        "<meta property=\"article:tag\" content=\"APEC\">",
        "<meta name=\"robots\" content=\"max-image-preview:large\">",
    ] {
        assert!(page.contains(tag), "the seed article's page has {tag}");
    }
    let section = std::fs::read_to_string(dist().join("sections/politics/index.html")).unwrap();
    assert!(
        section.contains(&format!(
            "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"{BASE}/sections/politics/feed.xml\""
        )),
        "a section's page names its feed"
    );
    assert!(
        section.contains("\"@type\":\"CollectionPage\""),
        "and is a CollectionPage"
    );
}

#[test]
fn every_article_has_a_social_card_its_page_names() {
    let page = std::fs::read_to_string(
        dist().join("articles/korea-china-new-cooperation-models/index.html"),
    )
    .unwrap();
    let card = format!("{BASE}/cards/korea-china-new-cooperation-models.png");
    for key in ["og:image", "twitter:image"] {
        let attribute = if key.starts_with("og:") {
            "property"
        } else {
            "name"
        };
        assert!(
            page.contains(&format!("<meta {attribute}=\"{key}\" content=\"{card}\">")),
            "{key} names the card"
        );
    }
    for id in archive() {
        let png = std::fs::read(dist().join(format!("cards/{id}.png")))
            .unwrap_or_else(|e| panic!("{id} has a card: {e}"));
        assert_eq!(&png[1..4], b"PNG", "{id}'s card is a PNG");
        let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        assert_eq!((size(16), size(20)), (1200, 630), "{id}'s card is 1200×630");
    }
}

/// Issue 21, part 2: an article and its translation name each other, and
/// themselves, as `hreflang` alternates in their pages and in the sitemap,
/// at their canonical addresses.
#[test]
fn an_article_and_its_translation_name_each_other_as_alternates() {
    let english = format!("{BASE}/a/korea-china-new-cooperation-models");
    let chinese = format!("{BASE}/a/korea-china-new-cooperation-models-zh");
    let expected = [("en", english.as_str()), ("zh-Hans", chinese.as_str())];
    for id in [
        "korea-china-new-cooperation-models",
        "korea-china-new-cooperation-models-zh",
    ] {
        let page =
            std::fs::read_to_string(dist().join(format!("articles/{id}/index.html"))).unwrap();
        for (language, url) in expected {
            let tag = format!("<link rel=\"alternate\" hreflang=\"{language}\" href=\"{url}\">");
            assert!(page.contains(&tag), "{id}'s page names {tag}");
        }
    }
    let text = served(&format!("{BASE}/sitemaps/articles-1.xml"));
    let sitemap = roxmltree::Document::parse(&text).expect("the sitemap is XML");
    let xhtml = "http://www.w3.org/1999/xhtml";
    for url in children(&sitemap, "url") {
        let location = url
            .children()
            .find(|n| n.tag_name().name() == "loc")
            .and_then(|n| n.text())
            .unwrap();
        let mut alternates: Vec<(&str, &str)> = url
            .children()
            .filter(|n| n.tag_name().name() == "link" && n.tag_name().namespace() == Some(xhtml))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap(),
                    n.attribute("href").unwrap(),
                )
            })
            .collect();
        alternates.sort();
        if location == english || location == chinese {
            assert_eq!(alternates, expected, "{location}'s alternates");
        } else {
            assert!(alternates.is_empty(), "{location} has no translation");
        }
    }
}
