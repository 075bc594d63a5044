//! Every address the product owns, one function or constant each: the pages
//! the router knows (an article, and the pages of the lists: the front page,
//! a section, a tag, [`Listing`]), the embed page and oEmbed document of an article, the
//! scripts served at fixed addresses, and an article's public URL. The
//! router, the views, the prerenderer and the service worker all ask here, so
//! an address changes in one place.

use crate::model::{Article, ArticleId, Site};

/// The front page.
pub const FRONT_PAGE: &str = "/";

/// The first segment of every article's address, `/articles/{id}`.
pub const ARTICLE_SEGMENT: &str = "articles";

/// The name of the router's parameter that holds the article's id.
pub const ARTICLE_ID_PARAM: &str = "id";

/// The first segment of a section's pages, `/sections/{slug}`.
pub const SECTION_SEGMENT: &str = "sections";

/// The first segment of a tag's pages, `/tags/{slug}`.
pub const TAG_SEGMENT: &str = "tags";

/// The segment before the number of a page of a list's archive:
/// `/archive/12`, `/sections/{slug}/archive/3`.
pub const ARCHIVE_SEGMENT: &str = "archive";

/// The names of the router's parameters for a list's slug and archive page.
pub const SLUG_PARAM: &str = "slug";
pub const ARCHIVE_PARAM: &str = "page";

const EMBED_PREFIX: &str = "/embed/";
const SOCIAL_CARD_PREFIX: &str = "/cards/";
const OEMBED_PREFIX: &str = "/oembed/";
/// Where the pages of withdrawn articles are kept ([`withdrawn_page`]).
pub const WITHDRAWN_PAGES: &str = "/withdrawn/";

/// The sitemap index crawlers are pointed at (robots.txt names it).
pub const SITEMAP_INDEX: &str = "/sitemap.xml";

/// The folder of the sitemaps the index lists.
pub const SITEMAPS: &str = "/sitemaps";

/// What crawlers read first.
pub const ROBOTS: &str = "/robots.txt";

/// The name of a list's RSS feed, beside its first page.
const FEED_FILE: &str = "feed.xml";

/// The service worker's address (the prerenderer writes it there).
pub const SERVICE_WORKER: &str = "/sw.js";

/// The partners' loader, at a fixed address that partners' pages name.
pub const EMBED_LOADER: &str = "/embed.js";

/// The embed page's one script.
pub const EMBED_FRAME_SCRIPT: &str = "/embed-frame.js";

/// The shell page for every route without a page of its own.
pub const APP_SHELL: &str = "/app.html";

/// Where an article lives in the app: `/articles/{id}`.
pub fn article_route(id: &ArticleId) -> String {
    format!("/{ARTICLE_SEGMENT}/{}", id.as_str())
}

/// The article id of a path or link in the app, when it is an article's.
pub fn article_id_of_route(path: &str) -> Option<ArticleId> {
    let id = path
        .strip_prefix('/')?
        .strip_prefix(ARTICLE_SEGMENT)?
        .strip_prefix('/')?
        .trim_end_matches('/');
    ArticleId::parse(id).ok()
}

/// A page of a list. The newest articles are on the list's own address; the
/// older ones on its archive's pages, numbered from the oldest, so that a page
/// once full keeps its address and its articles as the list grows: publishing
/// an article changes the list's first page, not every page after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListPage {
    /// The newest articles, at the list's own address.
    Newest,
    /// A page of the archive, from 1 (the oldest).
    Archive(u32),
}

/// A list of articles the product pages through, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Listing {
    /// Every article: the front page.
    Front,
    /// The articles of a section, by the section's slug.
    Section(String),
    /// The articles with a tag, by the tag's slug.
    Tag(String),
}

impl Listing {
    /// A section's list, or `None` for a name with nothing to make an address of.
    pub fn section(name: &str) -> Option<Listing> {
        slug(name).map(Listing::Section)
    }

    /// A tag's list, or `None` for a name with nothing to make an address of.
    pub fn tag(name: &str) -> Option<Listing> {
        slug(name).map(Listing::Tag)
    }

    /// The list's address without a page: `/`, `/sections/{slug}`, `/tags/{slug}`.
    fn base(&self) -> String {
        match self {
            Listing::Front => String::new(),
            Listing::Section(slug) => format!("/{SECTION_SEGMENT}/{slug}"),
            Listing::Tag(slug) => format!("/{TAG_SEGMENT}/{slug}"),
        }
    }

    /// Where a page of the list lives in the app: the list's address, or
    /// `/archive/{n}` under it.
    pub fn route(&self, page: ListPage) -> String {
        let base = self.base();
        match page {
            ListPage::Newest if base.is_empty() => FRONT_PAGE.to_owned(),
            ListPage::Newest => base,
            ListPage::Archive(number) => format!("{base}/{ARCHIVE_SEGMENT}/{number}"),
        }
    }

    /// The list's RSS feed: `/feed.xml` for the front page, beside the
    /// first page for a section (`/sections/{slug}/feed.xml`); tags have none.
    pub fn feed_route(&self) -> Option<String> {
        match self {
            Listing::Tag(_) => None,
            listing => Some(format!("{}/{FEED_FILE}", listing.base())),
        }
    }

    /// The list and page of a path in the app, when it is a list's page. A
    /// slug arrives percent-encoded from the address bar and is read decoded.
    pub fn of_route(path: &str) -> Option<(Listing, ListPage)> {
        let segments: Vec<String> = path
            .trim_matches('/')
            .split('/')
            .filter(|segment| !segment.is_empty())
            .map(|segment| {
                percent_encoding::percent_decode_str(segment)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        let (listing, rest) = match segments.as_slice() {
            [kind, slug, rest @ ..] if *kind == SECTION_SEGMENT => {
                (Listing::Section((*slug).to_owned()), rest)
            }
            [kind, slug, rest @ ..] if *kind == TAG_SEGMENT => {
                (Listing::Tag((*slug).to_owned()), rest)
            }
            rest => (Listing::Front, rest),
        };
        let page = match rest {
            [] => ListPage::Newest,
            [segment, number] if *segment == ARCHIVE_SEGMENT => {
                ListPage::Archive(page_number(number)?)
            }
            _ => return None,
        };
        Some((listing, page))
    }
}

/// A page number as the address gives it: a whole number from 1, written
/// without leading zeros (`/archive/02` is not a page).
pub fn page_number(text: &str) -> Option<u32> {
    let number: u32 = text.parse().ok()?;
    (number >= 1 && number.to_string() == text).then_some(number)
}

/// The part of an address made from a section's or tag's name: lower case,
/// letters and digits of any script kept, every run of anything else one
/// `-`. `None` when nothing is left.
pub fn slug(name: &str) -> Option<String> {
    let mut slug = String::new();
    for character in name.chars().flat_map(char::to_lowercase) {
        if character.is_alphanumeric() {
            slug.push(character);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    (!slug.is_empty()).then_some(slug)
}

/// Where an article's embed page lives: `/embed/{id}`.
pub fn embed_route(id: &ArticleId) -> String {
    format!("{EMBED_PREFIX}{}", id.as_str())
}

/// Where an article's social card lives: `/cards/{id}.png`.
pub fn social_card_route(id: &ArticleId) -> String {
    format!("{SOCIAL_CARD_PREFIX}{}.png", id.as_str())
}

/// Where the page saying that the newsroom withdrew article `id` is kept:
/// `/withdrawn/{id}.html`. Its being there is what tells a host (nginx's
/// configuration, the dev host) to answer 410, with it, for each of the
/// article's addresses: its page, document, embed page, oEmbed document and
/// social card.
pub fn withdrawn_page(id: &ArticleId) -> String {
    format!("{WITHDRAWN_PAGES}{}.html", id.as_str())
}

/// The folder, under the content's root, of pictures' renditions (made by
/// the prerenderer's `renditions.rs`).
pub const RENDITIONS: &str = "renditions";

/// How many hex digits of its source's hash name a rendition.
pub const RENDITION_HASH_DIGITS: usize = 12;

/// A rendition of the picture at media path `source`, relative to the
/// content base: `renditions/{source}-{hash}-{width}.{extension}`, e.g.
/// `renditions/img/photo.jpg-0123456789ab-640.avif`. The source's own path
/// stays in the name, so that the service worker finds the original a
/// reader saved when a rendition is not kept ([`rendition_pattern`]).
pub fn rendition_url(source: &str, hash: &str, width: u32, extension: &str) -> String {
    format!(
        "{RENDITIONS}/{}-{hash}-{width}.{extension}",
        source.trim_start_matches('/')
    )
}

/// A regular expression (JavaScript's, and Rust's `regex` alike) matching a
/// rendition's path, whose first group is its original's path.
pub fn rendition_pattern() -> String {
    format!("/{RENDITIONS}/(.+)-[0-9a-f]{{{RENDITION_HASH_DIGITS}}}-[0-9]+\\.[a-z]+$")
}

/// Where an article's oEmbed document lives: `/oembed/{id}.json`.
pub fn oembed_route(id: &ArticleId) -> String {
    format!("{OEMBED_PREFIX}{}.json", id.as_str())
}

/// The publication's own address (`site.json`'s `base_url`), without a
/// trailing `/`; `None` when site.json gives none.
pub fn publication_base(site: Option<&Site>) -> Option<&str> {
    site?
        .base_url
        .as_ref()
        .map(|base| base.as_str().trim_end_matches('/'))
}

/// `url` made absolute against `base` (an origin or the publication's
/// address), for readers of tags out of context: crawlers, share targets.
/// Absolute URLs stay as they are; without a base, the path is returned.
pub fn absolute_url(url: &str, base: Option<&str>) -> String {
    if url.starts_with("http://") || url.starts_with("https://") {
        return url.to_owned();
    }
    let base = base.unwrap_or_default().trim_end_matches('/');
    format!("{base}/{}", url.trim_start_matches('/'))
}

/// An article's public address: its canonical URL where the newsroom gives
/// one, else its route under `base` (the publication's address, or the origin
/// the reader has open), else its route alone.
pub fn public_article_url(article: &Article, base: Option<&str>) -> String {
    match &article.canonical_url {
        Some(canonical) => canonical.as_str().to_owned(),
        None => absolute_url(&article_route(&article.id), base),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> ArticleId {
        ArticleId::parse("seed-story").unwrap()
    }

    #[test]
    fn routes_and_ids_round_trip() {
        assert_eq!(article_route(&id()), "/articles/seed-story");
        assert_eq!(article_id_of_route("/articles/seed-story/"), Some(id()));
        assert_eq!(article_id_of_route("/embed/seed-story"), None);
        assert_eq!(embed_route(&id()), "/embed/seed-story");
        assert_eq!(oembed_route(&id()), "/oembed/seed-story.json");
    }

    #[test]
    fn lists_have_a_route_for_each_page_and_read_it_back() {
        let business = Listing::section("Business & Finance").unwrap();
        assert_eq!(business, Listing::Section("business-finance".to_owned()));
        assert_eq!(
            business.route(ListPage::Newest),
            "/sections/business-finance"
        );
        assert_eq!(
            business.route(ListPage::Archive(3)),
            "/sections/business-finance/archive/3"
        );
        assert_eq!(Listing::Front.route(ListPage::Newest), "/");
        assert_eq!(Listing::Front.route(ListPage::Archive(2)), "/archive/2");
        let tag = Listing::tag("China-South Korea").unwrap();
        assert_eq!(
            tag.route(ListPage::Archive(2)),
            "/tags/china-south-korea/archive/2"
        );
        for (listing, page) in [
            (business, ListPage::Archive(3)),
            (tag, ListPage::Newest),
            (Listing::Front, ListPage::Archive(2)),
            (Listing::Front, ListPage::Newest),
        ] {
            assert_eq!(
                Listing::of_route(&listing.route(page)),
                Some((listing, page))
            );
        }
        assert_eq!(
            Listing::of_route("/sections/%E6%9C%AC%E5%9C%B0/"),
            Some((Listing::Section("本地".to_owned()), ListPage::Newest))
        );
        assert_eq!(Listing::of_route("/archive/0"), None);
        assert_eq!(Listing::of_route("/archive/02"), None);
        assert_eq!(Listing::of_route("/archive/x"), None);
        assert_eq!(Listing::of_route("/page/2"), None);
        assert_eq!(Listing::of_route("/articles/seed-story"), None);
    }

    #[test]
    fn slugs_keep_letters_of_any_script_and_nothing_else() {
        assert_eq!(slug("本地").as_deref(), Some("本地"));
        assert_eq!(slug("  New energy!! ").as_deref(), Some("new-energy"));
        assert_eq!(slug("اقتصاد").as_deref(), Some("اقتصاد"));
        assert_eq!(slug("../..").as_deref(), None);
        assert_eq!(slug("").as_deref(), None);
        assert_eq!(slug("<script>").as_deref(), Some("script"));
    }

    #[test]
    fn urls_are_made_absolute_against_a_base() {
        assert_eq!(
            absolute_url("/articles/a", Some("https://news.example.com/")),
            "https://news.example.com/articles/a"
        );
        assert_eq!(
            absolute_url("https://cdn.example.com/a.png", Some("https://x")),
            "https://cdn.example.com/a.png"
        );
        assert_eq!(absolute_url("/articles/a", None), "/articles/a");
    }
}
