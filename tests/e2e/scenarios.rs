//! What a reader does, and what they must see: the front page, the seed article
//! in full, related news and history, a missing article, broken documents.

use crate::browser::{Context, Outcome, Page};
use crate::ensure;
use std::future::Future;
use std::pin::Pin;

/// A scenario's body: it reads the page it is given and says what went wrong.
pub type ScenarioRun = for<'a> fn(&'a Page) -> Pin<Box<dyn Future<Output = Outcome> + 'a>>;

pub struct Scenario {
    pub name: &'static str,
    pub run: ScenarioRun,
    /// Also run in Chromium through nginx with the production configuration
    /// (`[nginx]` in [`scenarios!`]): what its headers could break (the
    /// policy, framing, the service worker), what hostile and broken documents
    /// do there, and a failing newsroom server behind it (the test host's
    /// faults, through `cms-upstream.conf`), where nginx answers 504 for one
    /// that never does.
    pub through_nginx: bool,
    /// Needs what only Chromium offers over WebDriver (`[chromium_only]` in
    /// [`scenarios!`]): going offline, DevTools, a window narrower than the
    /// other engines allow. The other engines skip it.
    pub chromium_only: bool,
}

impl Scenario {
    /// Whether this scenario runs in `engine`: all do, but those that need
    /// what only Chromium offers.
    pub fn runs_in(&self, engine: &str) -> bool {
        engine == "chromium" || !self.chromium_only
    }
}

/// Declares a module's scenarios, each an async function of a [`Page`], in
/// the order they run, and where each runs besides every engine:
/// `name[nginx]` also runs through nginx, `name[chromium_only]` only in
/// Chromium, `name[nginx, chromium_only]` both. Membership goes with the
/// function's name, so renaming one keeps its place; an unknown flag does not
/// compile.
macro_rules! scenarios {
    ($($name:ident $([$($flag:ident),+ $(,)?])?),* $(,)?) => {
        pub const SCENARIOS: &[$crate::scenarios::Scenario] = &[$({
            #[allow(unused_mut)]
            let mut scenario = $crate::scenarios::Scenario {
                name: stringify!($name),
                run: |page| Box::pin($name(page)),
                through_nginx: false,
                chromium_only: false,
            };
            $($($crate::scenarios::scenarios!(@flag scenario $flag);)+)?
            scenario
        }),*];
    };
    (@flag $scenario:ident nginx) => {
        $scenario.through_nginx = true
    };
    (@flag $scenario:ident chromium_only) => {
        $scenario.chromium_only = true
    };
}
pub(crate) use scenarios;

/// Every scenario, each run once per engine.
pub fn all() -> impl Iterator<Item = &'static Scenario> {
    SCENARIOS
        .iter()
        .chain(crate::sharing::SCENARIOS)
        .chain(crate::prerender::SCENARIOS)
        .chain(crate::offline::SCENARIOS)
        .chain(crate::embed::SCENARIOS)
        .chain(crate::reading::SCENARIOS)
        .chain(crate::listening::SCENARIOS)
        .chain(crate::pictures::SCENARIOS)
        .chain(crate::social::SCENARIOS)
        .chain(crate::hardening::SCENARIOS)
        .chain(crate::network::SCENARIOS)
        .chain(crate::lists::SCENARIOS)
        .chain(crate::publishing::SCENARIOS)
}

scenarios!(
    front_page_lists_the_articles_newest_first,
    reader_opens_the_seed_article_from_the_front_page,
    the_seed_article_reads_in_full[nginx],
    the_seed_video_plays_with_captions,
    related_news_leads_on_and_history_comes_back,
    a_missing_article_shows_the_not_found_page,
    an_unknown_route_shows_the_not_found_page,
    a_broken_article_says_so_and_offers_retry[nginx],
    retry_recovers_once_the_document_is_fixed[nginx],
    a_messy_article_renders_what_can_be_read[nginx],
);

pub const SEED_PATH: &str = "/articles/korea-china-new-cooperation-models";
pub const SEED_TITLE: &str =
    "More S. Koreans eyeing new cooperation models with China in new energy, semiconductors";
pub const SEED_CANONICAL: &str = "https://news.example.com/a/korea-china-new-cooperation-models";
pub const CHINESE_PATH: &str = "/articles/zhongshan-silver-economy";
pub const CHINESE_CANONICAL: &str = "https://news.example.com/a/zhongshan-silver-economy";
/// The sample publication's name: the front page's heading and the brand.
pub const PUBLICATION: &str = "Broadsheet Daily";
/// The seed article's Chinese translation, made for the sample and
/// published after it: the newest article.
pub const CHINESE_SEED_PATH: &str = "/articles/korea-china-new-cooperation-models-zh";
pub const CHINESE_SEED_TITLE: &str = "更多韩国人瞩目中韩新能源、半导体领域合作新模式";
pub const CHINESE_TITLE: &str = "中韩合作瞄准“银发经济”：养老服务成新热点";

async fn front_page_lists_the_articles_newest_first(page: &Page) -> Outcome {
    page.open("/").await?;
    let titles = page.texts(".front-page .card-title").await?;
    ensure!(
        titles.len() == 2,
        "the front page shows {} articles, expected the newest two (the sample's page_size is 2, and the other four are in the archive)",
        titles.len()
    );
    ensure!(
        titles[0] == CHINESE_SEED_TITLE && titles[1] == SEED_TITLE,
        "the newest article leads the front page, found {:?}",
        titles[0]
    );
    let dates: Vec<String> = page
        .execute("return [...document.querySelectorAll('.front-page time')].map(t => t.getAttribute('datetime'))")
        .await?
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    ensure!(
        dates == sorted && dates.len() == titles.len(),
        "cards are newest first: {dates:?}"
    );
    let brand = page.text(".site-header .brand-name").await?;
    ensure!(
        brand == "Broadsheet Daily",
        "the header names the publication, found {brand:?}"
    );
    let channels = page.texts(".channels li").await?;
    ensure!(
        channels
            == [
                "WeChat",
                "Facebook",
                "Twitter",
                "Instagram",
                "YouTube",
                "App"
            ],
        "the channel row is the seed's, found {channels:?}"
    );
    Ok(())
}

async fn reader_opens_the_seed_article_from_the_front_page(page: &Page) -> Outcome {
    page.open("/").await?;
    page.click(&format!(".front-page .card-title a[href='{SEED_PATH}']"))
        .await?;
    page.wait_for_path(SEED_PATH).await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    let title = page.title().await?;
    ensure!(
        title == SEED_TITLE,
        "the document title is the article's, found {title:?}"
    );
    Ok(())
}

async fn the_seed_article_reads_in_full(page: &Page) -> Outcome {
    page.open(SEED_PATH).await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    let dateline = page.text(".dateline").await?;
    ensure!(
        dateline.contains("10 February 2026") && dateline.contains("Huizhou"),
        "dateline: {dateline:?}"
    );

    let headings = page.texts(".article-body h2").await?;
    for expected in [
        "New Collaboration to Emerge, APEC as a Catalyst",
        "Collaboration in Guangdong to Galvanize China's 15th Five-Year Plan Ambition",
    ] {
        ensure!(
            headings.iter().any(|h| h.starts_with(expected)),
            "section heading {expected:?} missing from {headings:?}"
        );
    }
    let quotes = page.texts(".pull-quote blockquote").await?;
    ensure!(
        quotes
            .iter()
            .any(|q| q.contains("by no means a one-time event but a brand-new starting point")),
        "the pull quote is missing from {quotes:?}"
    );
    let paragraphs = page.texts(".article-body > p").await?;
    ensure!(
        paragraphs
            .last()
            .is_some_and(|p| p.starts_with("\"I am confident that the 15th Five-Year Plan period")),
        "the last paragraph is the seed's last: {:?}",
        paragraphs.last()
    );

    let roles = page.texts(".credits dt").await?;
    let names = page.texts(".credits dd").await?;
    let credits: Vec<(String, String)> = roles.into_iter().zip(names).collect();
    let expected = [
        ("Reporter/Script", "Huang Xinyi"),
        ("Video", "Liang Zijian"),
        ("Poster", "Lai Meiya"),
        ("Editor", "Ouyang Yan, Hu Nan, James Campion, Shen He"),
    ];
    ensure!(
        credits
            .iter()
            .map(|(r, n)| (r.as_str(), n.as_str()))
            .collect::<Vec<_>>()
            == expected,
        "credits read {credits:?}"
    );
    let notes = page.texts(".notes .note").await?;
    ensure!(
        notes.first().map(String::as_str)
            == Some("Yang Ling (intern) also contributed to the story."),
        "notes: {notes:?}"
    );
    ensure!(
        notes.get(1).is_some_and(
            |n| n.starts_with("Special thanks to the Publicity Department of Huizhou City")
        ),
        "notes: {notes:?}"
    );

    let related = page.texts(".related .card-title").await?;
    ensure!(
        related.len() == 3,
        "three related articles, found {related:?}"
    );
    // The stylesheet sets this heading in capitals; the words are what matter.
    let related_heading = page.text(".related h2").await?;
    ensure!(
        related_heading.eq_ignore_ascii_case("Related News"),
        "the related section is headed Related News, found {related_heading:?}"
    );

    let poster = page.find("figure.poster img").await?;
    ensure!(
        poster
            .attr("alt")
            .await
            .context("poster alt")?
            .is_some_and(|a| !a.is_empty()),
        "the poster has alt text"
    );
    page.find("figure.video video[controls]").await?;
    let hero_loaded = page
        .execute("const i = document.querySelector('.hero img'); return i !== null && i.complete && i.naturalWidth > 0")
        .await?;
    ensure!(
        hero_loaded == serde_json::Value::Bool(true),
        "the hero image loaded"
    );
    Ok(())
}

async fn the_seed_video_plays_with_captions(page: &Page) -> Outcome {
    page.open(SEED_PATH).await?;
    page.find("figure.video video").await?;
    let metadata = page
        .wait_for_script(
            "const v = document.querySelector('figure.video video'); \
             return v.readyState >= 1 ? {duration: v.duration, tracks: v.textTracks.length, \
             language: v.textTracks.length ? v.textTracks[0].language : null} : null",
        )
        .await?;
    let duration = metadata["duration"].as_f64().unwrap_or(0.0);
    ensure!(
        (5.0..7.0).contains(&duration),
        "the interview runs about 6 s, the browser reads {duration} s"
    );
    ensure!(
        metadata["tracks"] == 1 && metadata["language"] == "en",
        "one English caption track: {metadata}"
    );
    // Muted, as a browser only plays by script when there is no sound to surprise.
    page.execute("const v = document.querySelector('figure.video video'); v.muted = true; v.play(); return true")
        .await?;
    page.wait_for_script(
        "const v = document.querySelector('figure.video video'); return v.currentTime > 0.5 || null",
    )
    .await?;
    ensure!(
        page.find_all(".video-unplayable").await?.is_empty(),
        "a playable video offers no fallback"
    );
    Ok(())
}

async fn related_news_leads_on_and_history_comes_back(page: &Page) -> Outcome {
    page.open(SEED_PATH).await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    let related_title = "Shenzhen prepares to host APEC meetings in November";
    page.click(".related a[href='/articles/shenzhen-prepares-apec-2026']")
        .await?;
    page.wait_for_path("/articles/shenzhen-prepares-apec-2026")
        .await?;
    page.wait_for_text("h1.headline", related_title).await?;
    ensure!(
        page.title().await? == related_title,
        "the title follows the article"
    );
    page.back().await?;
    page.wait_for_path(SEED_PATH).await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    page.forward().await?;
    page.wait_for_text("h1.headline", related_title).await?;
    Ok(())
}

async fn a_missing_article_shows_the_not_found_page(page: &Page) -> Outcome {
    page.open("/articles/no-such-article").await?;
    page.wait_for_text(".not-found h1", "Page not found")
        .await?;
    page.click(".not-found a").await?;
    page.wait_for_path("/").await?;
    page.find(".front-page .card").await?;
    Ok(())
}

async fn an_unknown_route_shows_the_not_found_page(page: &Page) -> Outcome {
    page.open("/no/such/page").await?;
    page.wait_for_text(".not-found h1", "Page not found")
        .await?;
    // The site header still renders around it.
    page.wait_for_text(".site-header .brand-name", "Broadsheet Daily")
        .await
}

async fn a_broken_article_says_so_and_offers_retry(page: &Page) -> Outcome {
    for (id, detail) in [
        ("broken-truncated", "not valid JSON"),
        (
            "broken-wrong-types",
            "title: invalid type: integer `42`, expected a string",
        ),
        (
            "broken-future-format",
            "format: version 2 is newer than this app reads (1)",
        ),
        ("broken-html", "received HTML"),
    ] {
        page.open(&format!("/articles/{id}")).await?;
        page.wait_for_text(".load-failure h1", "This article could not be read")
            .await?;
        page.find(".load-failure button.retry").await?;
        let shown = page
            .execute("return document.querySelector('.failure-detail code').textContent")
            .await?;
        ensure!(
            shown.as_str().is_some_and(|s| s.contains(detail)),
            "{id}: the newsroom detail reads {shown}"
        );
        page.wait_for_text(".site-header .brand-name", "Broadsheet Daily")
            .await?;
    }
    Ok(())
}

async fn retry_recovers_once_the_document_is_fixed(page: &Page) -> Outcome {
    let id = format!("retry-{}", std::process::id());
    let file = page.scratch().join(format!("articles/{id}.json"));
    std::fs::write(&file, r#"{"format": 1, "id": "#).context("writing a broken document")?;
    page.open(&format!("/articles/{id}")).await?;
    page.wait_for_text(".load-failure h1", "This article could not be read")
        .await?;
    let fixed = format!(
        r#"{{"format": 1, "id": "{id}", "title": "Fixed by the newsroom", "blocks": [{{"type": "paragraph", "text": "Back again."}}]}}"#
    );
    std::fs::write(&file, fixed).context("fixing the document")?;
    page.click(".load-failure button.retry").await?;
    page.wait_for_text("h1.headline", "Fixed by the newsroom")
        .await?;
    page.wait_for_text(".article-body p", "Back again.").await
}

async fn a_messy_article_renders_what_can_be_read(page: &Page) -> Outcome {
    page.open("/articles/messy-blocks").await?;
    page.wait_for_text(
        "h1.headline",
        "A messy article <script>alert('title')</script>",
    )
    .await?;
    let paragraphs = page.texts(".article-body > p").await?;
    ensure!(
        paragraphs.first().map(String::as_str) == Some("The first paragraph survives."),
        "paragraphs: {paragraphs:?}"
    );
    ensure!(
        paragraphs.last().map(String::as_str) == Some("The last paragraph survives."),
        "paragraphs: {paragraphs:?}"
    );
    ensure!(
        paragraphs
            .iter()
            .any(|p| p == "<img src=x onerror=alert(1)> is shown as text."),
        "markup is shown as text: {paragraphs:?}"
    );
    let links = page
        .execute("return [...document.querySelectorAll('.article-body a:not(.heading-anchor):not([download])')].map(a => a.getAttribute('href'))")
        .await?;
    ensure!(
        links == serde_json::json!(["https://example.com/"]),
        "only the safe link is a link: {links}"
    );
    let injected = page
        .execute("return document.querySelectorAll('.article script, .article img[src=x]').length")
        .await?;
    ensure!(
        injected == serde_json::json!(0),
        "no element came from text"
    );
    ensure!(
        page.find_all(".hero").await?.is_empty(),
        "the javascript: hero is not shown"
    );
    let fallback = page.text(".video-unplayable").await?;
    ensure!(
        fallback.starts_with("This video cannot be played in this browser."),
        "a video whose file is gone says so: {fallback:?}"
    );
    let download = page
        .execute(
            "return document.querySelector('.video-unplayable a[download]').getAttribute('href')",
        )
        .await?;
    ensure!(
        download
            .as_str()
            .is_some_and(|href| href.ends_with("/media/gone.mp4")),
        "the reader is offered the file: {download}"
    );
    Ok(())
}
