//! What goes in a prerendered page's `<head>` for crawlers, which run no
//! JavaScript: description, canonical link, Open Graph and Twitter card tags,
//! JSON-LD `NewsArticle` (an article) or `CollectionPage` with its `ItemList`
//! (a page of a list), and the link by which oEmbed consumers find an
//! article's document; a withdrawn article's page is `noindex`.

use crate::html::{escape, script_safe};
use broadsheet::components::pagination::neighbours;
use broadsheet::content::ContentBase;
use broadsheet::i18n::Locale;
use broadsheet::model::{publication_name, Article, Hero, IndexPage, Site};
use broadsheet::routes::{
    absolute_url, article_route, oembed_route, public_article_url, publication_base, ListPage,
    Listing,
};
use serde_json::json;

/// An article's social card as its page names it: the picture the networks
/// show for a link (`og:image`, `twitter:image`), and its size in pixels.
pub struct SocialCard {
    pub route: String,
    pub width: u32,
    pub height: u32,
}

/// The head tags of an article page.
pub fn article_tags(
    site: Option<&Site>,
    article: &Article,
    content: &ContentBase,
    card: &SocialCard,
    translations: &[(String, String)],
) -> String {
    let base = publication_base(site);
    let canonical = public_article_url(article, base);
    let hero = article.hero().and_then(|hero| match hero {
        Hero::Image(image) => Some(content.media(&image.src)),
        Hero::Video(video) => video.poster.as_ref().map(|poster| content.media(poster)),
    });
    let image_url = hero.as_ref().map(|url| absolute_url(url, base));
    let card_url = absolute_url(&card.route, base);
    let site_name = site.map(|site| site.name.clone());
    let mut tags = vec![format!("<title>{}</title>", escape(&article.title))];
    let mut meta = |attribute: &str, key: &str, value: &str| {
        tags.push(format!(
            "<meta {attribute}=\"{key}\" content=\"{}\">",
            escape(value)
        ));
    };
    if let Some(summary) = &article.summary {
        meta("name", "description", summary);
    }
    meta("property", "og:type", "article");
    meta("property", "og:title", &article.title);
    if let Some(summary) = &article.summary {
        meta("property", "og:description", summary);
    }
    meta("property", "og:url", &canonical);
    if let Some(name) = &site_name {
        meta("property", "og:site_name", name);
    }
    meta("property", "og:image", &card_url);
    meta("property", "og:image:type", "image/png");
    meta("property", "og:image:width", &card.width.to_string());
    meta("property", "og:image:height", &card.height.to_string());
    meta("property", "og:image:alt", &article.title);
    if let Some(published) = &article.published {
        meta("property", "article:published_time", published.as_str());
    }
    if let Some(updated) = &article.updated {
        meta("property", "article:modified_time", updated.as_str());
    }
    if let Some(section) = &article.section {
        meta("property", "article:section", section);
    }
    for tag in &article.tags {
        meta("property", "article:tag", tag);
    }
    if let Some(locale) = article.language.as_deref().and_then(og_locale) {
        meta("property", "og:locale", &locale);
    }
    // Search engines may show the hero large, as news results do.
    meta("name", "robots", "max-image-preview:large");
    meta("name", "twitter:card", "summary_large_image");
    meta("name", "twitter:title", &article.title);
    if let Some(summary) = &article.summary {
        meta("name", "twitter:description", summary);
    }
    meta("name", "twitter:image", &card_url);
    tags.push(format!(
        "<link rel=\"canonical\" href=\"{}\">",
        escape(&canonical)
    ));
    tags.extend(discovery_link(site, article));
    // The same article in other languages, and this one among them, as
    // search engines want the set named on each page of it.
    if !translations.is_empty() {
        let this = article
            .language
            .clone()
            .map(|language| (language, canonical.clone()));
        for (language, url) in this.iter().chain(translations) {
            tags.push(format!(
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
                escape(language),
                escape(url)
            ));
        }
    }

    let authors = article.authors();
    let mut linked_data = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "mainEntityOfPage": canonical,
        "author": authors.iter().map(|name| json!({"@type": "Person", "name": name})).collect::<Vec<_>>(),
    });
    let fields = linked_data.as_object_mut().expect("an object");
    if let Some(summary) = &article.summary {
        fields.insert("description".into(), json!(summary));
    }
    if let Some(published) = &article.published {
        fields.insert("datePublished".into(), json!(published.as_str()));
    }
    if let Some(updated) = article.updated.as_ref().or(article.published.as_ref()) {
        fields.insert("dateModified".into(), json!(updated.as_str()));
    }
    // The hero first, as search engines prefer the photograph; then the card.
    fields.insert(
        "image".into(),
        json!(image_url.iter().chain([&card_url]).collect::<Vec<_>>()),
    );
    if let Some(language) = &article.language {
        fields.insert("inLanguage".into(), json!(language));
    }
    if let Some(site) = site {
        let mut publisher = json!({"@type": "NewsMediaOrganization", "name": site.name});
        if let Some(logo) = &site.logo {
            publisher["logo"] =
                json!({"@type": "ImageObject", "url": absolute_url(&content.media(logo), base)});
        }
        fields.insert("publisher".into(), publisher);
    }
    tags.push(format!(
        "<script type=\"application/ld+json\">{}</script>",
        script_safe(&linked_data.to_string())
    ));
    tags.join("\n    ")
}

/// Open Graph's `language_TERRITORY` for a BCP 47 tag: `en-GB` is `en_GB`,
/// Simplified Chinese `zh_CN`, Traditional `zh_TW`, a bare language itself.
fn og_locale(tag: &str) -> Option<String> {
    let mut subtags = tag.split(['-', '_']).filter(|subtag| !subtag.is_empty());
    let language = subtags.next()?.to_ascii_lowercase();
    if language == "zh" {
        return Some(
            match Locale::from_tag(tag) {
                Some(Locale::ZhHant) => "zh_TW",
                _ => "zh_CN",
            }
            .to_owned(),
        );
    }
    let region =
        subtags.find(|subtag| subtag.len() == 2 && subtag.chars().all(|c| c.is_ascii_alphabetic()));
    Some(match region {
        Some(region) => format!("{language}_{}", region.to_ascii_uppercase()),
        None => language,
    })
}

/// The head tags of a page of a list (the front page, a section, a tag): the
/// publication, the list's name and place, and JSON-LD `CollectionPage`
/// whose `ItemList` names the page's articles in order.
pub fn list_tags(
    site: Option<&Site>,
    listing: &Listing,
    index: &IndexPage,
    content: &ContentBase,
) -> String {
    let articles = index.newest_first();
    let name = index.name.as_deref();
    let page = index.archive.map_or(ListPage::Newest, ListPage::Archive);
    let publication = publication_name(site);
    let words = site
        .and_then(Locale::of_publication)
        .unwrap_or_default()
        .strings();
    let list_name = match (listing, name) {
        (Listing::Front, _) => publication.to_owned(),
        (Listing::Section(slug), name) => name.unwrap_or(slug).to_owned(),
        (Listing::Tag(slug), name) => (words.tag_heading)(name.unwrap_or(slug)),
    };
    let mut title = list_name.clone();
    if let Some(number) = index.archive {
        title = format!("{title} · {}", (words.archive_page)(number));
    }
    if *listing != Listing::Front {
        title = format!("{title} · {publication}");
    }
    let mut tags = vec![
        format!("<title>{}</title>", escape(&title)),
        "<meta property=\"og:type\" content=\"website\">".to_owned(),
        format!(
            "<meta property=\"og:title\" content=\"{}\">",
            escape(&title)
        ),
        format!(
            "<meta property=\"og:site_name\" content=\"{}\">",
            escape(publication)
        ),
        "<meta name=\"twitter:card\" content=\"summary\">".to_owned(),
    ];
    let base = publication_base(site);
    let items: Vec<serde_json::Value> = articles
        .iter()
        .enumerate()
        .map(|(position, summary)| {
            json!({
                "@type": "ListItem",
                "position": position + 1,
                "url": absolute_url(&article_route(&summary.id), base),
                "name": summary.title,
            })
        })
        .collect();
    let mut linked_data = json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": title,
        "mainEntity": { "@type": "ItemList", "itemListElement": items },
    });
    if let Some(base) = base {
        let address = absolute_url(&listing.route(page), Some(base));
        tags.push(format!(
            "<meta property=\"og:url\" content=\"{}\">",
            escape(&address)
        ));
        tags.push(format!(
            "<link rel=\"canonical\" href=\"{}\">",
            escape(&address)
        ));
        let (newer, older) = neighbours(index);
        for (relation, neighbour) in [("prev", newer), ("next", older)] {
            if let Some(neighbour) = neighbour {
                tags.push(format!(
                    "<link rel=\"{relation}\" href=\"{}\">",
                    escape(&absolute_url(&listing.route(neighbour), Some(base)))
                ));
            }
        }
        linked_data["url"] = address.into();
        if let Some(feed) = listing.feed_route() {
            tags.push(format!(
                "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"{}\" title=\"{}\">",
                escape(&absolute_url(&feed, Some(base))),
                escape(&list_name)
            ));
        }
    }
    if let Some(logo) = site.and_then(|site| site.logo.as_ref()) {
        tags.push(format!(
            "<meta property=\"og:image\" content=\"{}\">",
            escape(&absolute_url(&content.media(logo), base))
        ));
    }
    tags.push(format!(
        "<script type=\"application/ld+json\">{}</script>",
        script_safe(&linked_data.to_string())
    ));
    tags.join("\n    ")
}

/// The head tags of a withdrawn article's page: its title says so, in the
/// publication's language, and search engines are asked to drop it.
pub fn withdrawn_tags(site: Option<&Site>) -> String {
    let words = site
        .and_then(Locale::of_publication)
        .unwrap_or_default()
        .strings();
    let title = format!("{} · {}", words.error_withdrawn, publication_name(site));
    format!(
        "<title>{}</title>\n    <meta name=\"robots\" content=\"noindex\">",
        escape(&title)
    )
}

/// The `<link>` by which oEmbed consumers find an article's document; only
/// with the publication's address, where the document lives.
pub fn discovery_link(site: Option<&Site>, article: &Article) -> Option<String> {
    let base = publication_base(site)?;
    Some(format!(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\">",
        escape(&absolute_url(&oembed_route(&article.id), Some(base))),
        escape(&article.title)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_graph_locales_are_language_and_territory() {
        assert_eq!(og_locale("en-GB").as_deref(), Some("en_GB"));
        assert_eq!(og_locale("en").as_deref(), Some("en"));
        assert_eq!(og_locale("zh-Hans").as_deref(), Some("zh_CN"));
        assert_eq!(og_locale("zh-HK").as_deref(), Some("zh_TW"));
        assert_eq!(og_locale("sr-Latn-RS").as_deref(), Some("sr_RS"));
        assert_eq!(og_locale("").as_deref(), None);
    }
}
