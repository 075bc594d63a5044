//! A partner's page with our articles embedded, served from another origin
//! (`localhost` on a port of its own, where the build is on `127.0.0.1`):
//! the embeds render and size themselves, nothing but their own frames can
//! resize them, and the reader gets back to us. Also the "Embed" action and
//! the oEmbed document that CMSs discover.

use crate::browser::{Outcome, Page};
use crate::ensure;
use crate::scenarios::{CHINESE_TITLE, SEED_PATH, SEED_TITLE};
use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};

crate::scenarios::scenarios!(
    a_partner_page_shows_two_embeds_each_as_tall_as_its_article[nginx],
    messages_from_anyone_but_the_embed_itself_resize_nothing,
    an_embed_past_its_maximum_height_ends_with_read_more,
    the_loader_stays_under_three_kilobytes,
    the_embed_action_offers_both_snippets_to_copy,
    articles_announce_their_oembed_document,
    a_busy_partner_page_is_not_rescanned_and_late_embeds_still_appear,
);

const SEED_ID: &str = "korea-china-new-cooperation-models";
const CHINESE_ID: &str = "zhongshan-silver-economy";
const FIRST: &str = "#first iframe";
const SECOND: &str = "#second iframe";
/// What "within a few pixels" means for a frame's height against its content.
const TOLERANCE: f64 = 3.0;

/// A partner's site on another origin, serving one page; stops when dropped.
struct PartnerSite {
    host: Option<broadsheet_host::Host>,
    folder: PathBuf,
    url: String,
}

impl Drop for PartnerSite {
    fn drop(&mut self) {
        if let Some(host) = self.host.take() {
            host.stop();
        }
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Serves `body` as a partner's page that loads our `embed.js`, plus a page
/// of the partner's own for a third frame.
fn partner_site(page: &Page, body: &str) -> Result<PartnerSite, String> {
    let folder = std::env::temp_dir().join(format!(
        "broadsheet-partner-{}-{}",
        std::process::id(),
        page.engine()
    ));
    std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Partner Times</title></head>\
         <body style=\"margin:0;font:16px sans-serif\"><h1>Partner Times</h1>{body}\
         <script async src=\"{base}/embed.js\"></script></body></html>",
        base = page.base()
    );
    std::fs::write(folder.join("index.html"), html).map_err(|e| e.to_string())?;
    std::fs::write(
        folder.join("third.html"),
        "<!DOCTYPE html><title>Someone else</title><p>An advert, say.</p>",
    )
    .map_err(|e| e.to_string())?;
    let host = broadsheet_host::start("127.0.0.1:0", vec![folder.clone()])
        .map_err(|e| format!("the partner's host: {e}"))?;
    // localhost, not 127.0.0.1: another site altogether, not only another origin.
    let url = format!("http://localhost:{}/", host.address.port());
    Ok(PartnerSite {
        host: Some(host),
        folder,
        url,
    })
}

/// The frame's height on the partner's page and its content's height inside.
async fn heights(page: &Page, frame: &str) -> Result<(f64, f64), String> {
    let outside = page
        .execute(&format!(
            "return document.querySelector({}).getBoundingClientRect().height",
            Value::String(frame.to_owned())
        ))
        .await?
        .as_f64()
        .ok_or("no frame height")?;
    let inside = page
        .in_frame(
            frame,
            "return document.documentElement.getBoundingClientRect().height",
        )
        .await?
        .as_f64()
        .ok_or("no content height")?;
    Ok((outside, inside))
}

/// Waits until the frame is as tall as its content; returns that height.
async fn wait_until_fitted(page: &Page, frame: &str) -> Result<f64, String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = format!("{frame} could not be measured");
    while Instant::now() < deadline {
        match heights(page, frame).await {
            Ok((outside, inside)) => {
                if inside > 100.0 && (outside - inside).abs() <= TOLERANCE {
                    return Ok(outside);
                }
                last = format!(
                    "{frame} is {outside} px tall on the partner's page, its article {inside} px"
                );
            }
            // The frame may still be loading: measured again.
            Err(error) => last = format!("{frame} could not be measured: {error}"),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(last)
}

/// Waits until the frame's document has rendered its headline; returns it.
async fn wait_for_headline(page: &Page, frame: &str) -> Result<String, String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = String::from("no headline yet");
    while Instant::now() < deadline {
        // The frame may still be loading: asked again.
        match page
            .in_frame(
                frame,
                "const h = document.querySelector('.embed h1.headline'); return h ? h.innerText.trim() : null",
            )
            .await
        {
            Ok(Value::String(headline)) => return Ok(headline),
            Ok(other) => last = format!("the headline reads {other}"),
            Err(error) => last = error,
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{frame} never showed a headline: {last}"))
}

const TWO_EMBEDS: &str = concat!(
    "<div id=\"first\" data-broadsheet-article=\"korea-china-new-cooperation-models\"></div>",
    "<p>The partner's own text between the two.</p>",
    "<div id=\"second\" data-broadsheet-article=\"zhongshan-silver-economy\" data-mode=\"card\" data-theme=\"dark\"></div>",
);

async fn a_partner_page_shows_two_embeds_each_as_tall_as_its_article(page: &Page) -> Outcome {
    let partner = partner_site(page, TWO_EMBEDS)?;
    page.visit(&partner.url).await?;
    ensure!(
        wait_for_headline(page, FIRST).await? == SEED_TITLE,
        "the first embed shows the seed article"
    );
    page.execute("document.querySelector('#second').scrollIntoView(); return true")
        .await?;
    ensure!(
        wait_for_headline(page, SECOND).await? == CHINESE_TITLE,
        "the second embed shows the Chinese article"
    );
    let full = wait_until_fitted(page, FIRST).await?;
    let card = wait_until_fitted(page, SECOND).await?;
    let much_taller = full > 2.0 * card;
    ensure!(
        much_taller,
        "the whole article ({full} px) is much taller than the card ({card} px)"
    );

    // The frames as the loader made them.
    let frame = page
        .execute(
            "const f = document.querySelector('#first iframe'); return { sandbox: f.getAttribute('sandbox'), \
             referrer: f.getAttribute('referrerpolicy') || f.referrerPolicy, loading: f.getAttribute('loading'), \
             title: f.title, src: f.src }",
        )
        .await?;
    ensure!(
        frame["sandbox"]
            == "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox",
        "sandbox flags: {frame}"
    );
    ensure!(
        frame["referrer"] == "strict-origin-when-cross-origin" && frame["loading"] == "lazy",
        "referrer policy and lazy loading: {frame}"
    );
    ensure!(
        frame["title"] == format!("{SEED_TITLE} (Broadsheet Daily)"),
        "the frame is named by its article: {frame}"
    );
    ensure!(
        frame["src"] == format!("{}/embed/{SEED_ID}", page.base()),
        "the frame's address: {frame}"
    );

    // Back to us: the full article, in a new tab.
    let link = page
        .in_frame(
            FIRST,
            "const a = document.querySelector('.embed-read-on'); return { href: a.href, target: a.target, \
             text: a.innerText.trim(), shown: a.getBoundingClientRect().height > 0, \
             publication: document.querySelector('.embed-publication').innerText.trim(), \
             credits: !!document.querySelector('.embed .credits'), chrome: !!document.querySelector('.site-header, .share-bar') }",
        )
        .await?;
    ensure!(
        link["href"] == format!("{}{SEED_PATH}", page.base())
            && link["target"] == "_blank"
            && link["text"] == "Read on Broadsheet Daily"
            && link["shown"] == true,
        "the Read on link: {link}"
    );
    ensure!(
        link["publication"] == "Broadsheet Daily"
            && link["credits"] == true
            && link["chrome"] == false,
        "the embed names the publication, keeps the credits and has no site chrome: {link}"
    );

    // Card mode in the dark: hero, headline, summary and link, light on dark.
    let card = page
        .in_frame(
            SECOND,
            "const shown = (css) => { const e = document.querySelector(css); return !!e && e.getBoundingClientRect().height > 0 }; \
             const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); \
             return { hero: shown('.hero img'), summary: shown('.standfirst'), link: shown('.embed-read-on'), \
             body: shown('.embed-full'), background: (r + g + b) / 3, \
             ink: getComputedStyle(document.querySelector('.headline')).color }",
        )
        .await?;
    ensure!(
        card["hero"] == true
            && card["summary"] == true
            && card["link"] == true
            && card["body"] == false,
        "a card shows hero, headline, summary and link only: {card}"
    );
    let dark = card["background"]
        .as_f64()
        .is_some_and(|level| level < 60.0);
    ensure!(dark, "the dark theme is dark: {card}");

    // A picture that arrives late, long after the first sizing.
    let before = full;
    page.in_frame(
        FIRST,
        "const img = new Image(); img.alt = 'late'; img.src = '/img/kim-interview-poster.svg?late'; \
         img.style.cssText = 'width:100%;height:auto'; \
         setTimeout(() => document.querySelector('.embed-full').append(img), 300); return true",
    )
    .await?;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (outside, inside) = heights(page, FIRST).await?;
        if inside > before + 100.0 && (outside - inside).abs() <= TOLERANCE {
            break;
        }
        ensure!(
            Instant::now() < deadline,
            "after a late picture the frame is {outside} px, its article {inside} px (was {before})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

async fn messages_from_anyone_but_the_embed_itself_resize_nothing(page: &Page) -> Outcome {
    // A frame of the partner's own, and one of our embed pages the partner
    // framed by hand: its messages are ours, but it is not the loader's frame.
    let body = format!(
        "{TWO_EMBEDS}<iframe id=\"third\" src=\"/third.html\" style=\"height:100px\"></iframe>\
         <iframe id=\"stray\" src=\"{}/embed/{CHINESE_ID}\" style=\"height:100px\"></iframe>",
        page.base()
    );
    let partner = partner_site(page, &body)?;
    page.visit(&partner.url).await?;
    wait_for_headline(page, FIRST).await?;
    page.execute("document.querySelector('#second').scrollIntoView(); return true")
        .await?;
    wait_for_headline(page, SECOND).await?;
    let first = wait_until_fitted(page, FIRST).await?;
    let second = wait_until_fitted(page, SECOND).await?;
    wait_for_headline(page, "#stray").await?;
    let others = page
        .execute(
            "const h = (css) => document.querySelector(css).getBoundingClientRect().height; \
             return [h('#stray'), h('#third')]",
        )
        .await?;

    let resize = "{ type: 'broadsheet:embed-size', height: 77, title: 'Spoofed' }";
    // The partner's page itself; its own frame; our stray frame; and, from
    // inside our first embed, messages of every wrong shape.
    page.in_page(&format!("window.postMessage({resize}, '*')"))
        .await?;
    page.in_frame(
        "#third",
        &format!("parent.postMessage({resize}, '*'); return true"),
    )
    .await?;
    page.in_frame(
        "#stray",
        &format!("parent.postMessage({resize}, '*'); return true"),
    )
    .await?;
    page.in_frame(
        FIRST,
        "for (const m of ['77', null, 77, { type: 'broadsheet:embed-size', height: '77' }, \
         { type: 'broadsheet:embed-size', height: -77 }, { type: 'broadsheet:embed-size', height: 1e9 }, \
         { type: 'broadsheet:embed-size', height: NaN }, { type: 'other', height: 77 }, \
         { type: 'broadsheet:embed-size' }]) parent.postMessage(m, '*'); return true",
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(700)).await;

    let after = page
        .execute(
            "const h = (css) => document.querySelector(css).getBoundingClientRect().height; \
             return [h('#first iframe'), h('#second iframe'), h('#stray'), h('#third'), \
             document.querySelector('#first iframe').title]",
        )
        .await?;
    ensure!(
        after[0].as_f64() == Some(first) && after[1].as_f64() == Some(second),
        "the embeds kept their heights ({first}, {second}): {after}"
    );
    ensure!(
        after[2] == others[0] && after[3] == others[1],
        "frames the loader did not make are left alone: {after}"
    );
    ensure!(
        after[4] != "Spoofed",
        "no frame took a spoofed title: {after}"
    );
    Ok(())
}

async fn an_embed_past_its_maximum_height_ends_with_read_more(page: &Page) -> Outcome {
    let partner = partner_site(
        page,
        "<div id=\"first\" data-broadsheet-article=\"korea-china-new-cooperation-models\" data-max-height=\"600\"></div>",
    )?;
    page.visit(&partner.url).await?;
    wait_for_headline(page, FIRST).await?;
    let height = wait_until_fitted(page, FIRST).await?;
    ensure!(
        (560.0..=600.0 + TOLERANCE).contains(&height),
        "the embed keeps to its 600 px: {height}"
    );
    let more = page
        .in_frame(
            FIRST,
            "const a = document.querySelector('.embed-read-more'); \
             return { cut: document.documentElement.hasAttribute('data-cut'), href: a.href, target: a.target, \
             shown: a.getBoundingClientRect().height > 0 }",
        )
        .await?;
    ensure!(
        more["cut"] == true
            && more["shown"] == true
            && more["href"] == format!("{}{SEED_PATH}", page.base())
            && more["target"] == "_blank",
        "Read more leads to the full article: {more}"
    );
    Ok(())
}

async fn the_loader_stays_under_three_kilobytes(page: &Page) -> Outcome {
    page.open("/").await?;
    // As served: gzip over HTTP, measured by the browser that fetched it.
    let bytes = page
        .wait_for_script(
            "if (!window.__loader) { window.__loader = fetch('/embed.js', { cache: 'no-store' }).then(r => r.text()) \
             .then(() => performance.getEntriesByName(new URL('/embed.js', location).href).pop()) \
             .then(e => { window.__loaderSize = e ? e.encodedBodySize : -1 }) } \
             return window.__loaderSize ?? null",
        )
        .await?
        .as_f64()
        .unwrap_or(-1.0);
    ensure!(
        bytes > 0.0 && bytes < 3072.0,
        "embed.js is {bytes} bytes gzipped, the budget 3072"
    );
    Ok(())
}

async fn the_embed_action_offers_both_snippets_to_copy(page: &Page) -> Outcome {
    page.open(SEED_PATH).await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    page.click(".share-bar .share-embed").await?;
    page.find(".embed-dialog .snippet-code").await?;
    let codes = page
        .execute("return [...document.querySelectorAll('.embed-dialog .snippet-code')].map(t => t.value)")
        .await?;
    let base = page.base();
    let Some([script, iframe]) = codes
        .as_array()
        .and_then(|codes| {
            codes
                .iter()
                .map(Value::as_str)
                .collect::<Option<Vec<&str>>>()
        })
        .and_then(|codes| <[&str; 2]>::try_from(codes).ok())
    else {
        return Err(format!(
            "two snippets, the loader's and the iframe's: {codes}"
        ));
    };
    ensure!(
        script.contains(&format!("<div data-broadsheet-article=\"{SEED_ID}\">"))
            && script.contains(&format!("<script async src=\"{base}/embed.js\"></script>")),
        "the loader snippet: {script}"
    );
    ensure!(
        iframe.starts_with(&format!(
            "<iframe src=\"{base}/embed/{SEED_ID}?max-height=640\""
        )) && iframe.contains("sandbox=\""),
        "the iframe snippet: {iframe}"
    );
    page.click(".embed-dialog .snippet:nth-of-type(2) .snippet-copy")
        .await?;
    page.wait_for_text(
        ".embed-dialog .snippet:nth-of-type(2) .snippet-status",
        "Copied",
    )
    .await?;
    page.click(".embed-dialog .modal-close").await?;
    page.wait_for_script("return document.querySelector('.embed-dialog') === null || null")
        .await?;
    let pasted = crate::sharing::paste(page).await?;
    ensure!(
        pasted == iframe,
        "the clipboard holds the iframe snippet: {pasted}"
    );
    Ok(())
}

async fn articles_announce_their_oembed_document(page: &Page) -> Outcome {
    page.open(SEED_PATH).await?;
    let href = page
        .execute(
            "const l = document.querySelector('link[rel=alternate][type=\"application/json+oembed\"]'); return l && l.href",
        )
        .await?;
    let expected = format!("https://news.example.com/oembed/{SEED_ID}.json");
    ensure!(href == expected.as_str(), "the discovery link: {href}");
    // The publication's address is news.example.com; here the build is served
    // locally, so the same document is read from this host.
    let document = page
        .wait_for_script(&format!(
            "if (!window.__oembed) {{ window.__oembed = fetch('/oembed/{SEED_ID}.json').then(r => r.json()) \
             .then(d => {{ window.__oembedDocument = d }}) }} return window.__oembedDocument ?? null"
        ))
        .await?;
    ensure!(
        document["version"] == "1.0"
            && document["type"] == "rich"
            && document["provider_name"] == "Broadsheet Daily"
            && document["provider_url"] == "https://news.example.com/"
            && document["title"] == SEED_TITLE
            && document["width"] == 640
            && document["height"] == 640,
        "the oEmbed document: {document}"
    );
    let html = document["html"]
        .as_str()
        .ok_or_else(|| format!("the oEmbed document has no html: {document}"))?;
    ensure!(
        html.starts_with(&format!(
            "<iframe src=\"https://news.example.com/embed/{SEED_ID}?max-height=640\""
        )),
        "oEmbed's html is the iframe snippet: {html}"
    );
    Ok(())
}

/// A partner's page that changes all the time (a feed, a ticker): the loader
/// looks only at what each change added, never the whole page again, and an
/// embed added late, inside other markup, still appears; one removed and put
/// back still fits its article.
async fn a_busy_partner_page_is_not_rescanned_and_late_embeds_still_appear(page: &Page) -> Outcome {
    let partner = partner_site(page, TWO_EMBEDS)?;
    page.visit(&partner.url).await?;
    ensure!(
        wait_for_headline(page, FIRST).await? == SEED_TITLE,
        "the first embed shows the seed article"
    );
    // Count the loader's scans of the whole page while the page changes 50
    // times, each change in a task of its own.
    let scans = page
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             window.__scans = 0; const all = document.querySelectorAll.bind(document); \
             document.querySelectorAll = (css) => { \
               if (String(css).includes('data-broadsheet-article')) window.__scans += 1; \
               return all(css); }; \
             let left = 50; \
             const change = () => { \
               const p = document.createElement('p'); p.textContent = 'Ticker ' + left; \
               document.body.append(p); \
               if (--left > 0) setTimeout(change, 5); \
               else setTimeout(() => done(window.__scans), 100); }; \
             change();",
        )
        .await?;
    ensure!(
        scans == 0,
        "50 changes of the partner's page scanned the whole page {scans} times"
    );
    // Late, and inside the partner's own markup.
    page.in_page(
        "const s = document.createElement('section'); \
         s.innerHTML = '<div id=\"late\" data-broadsheet-article=\"zhongshan-silver-economy\"></div>'; \
         document.body.append(s); s.scrollIntoView();",
    )
    .await?;
    ensure!(
        wait_for_headline(page, "#late iframe").await? == CHINESE_TITLE,
        "an embed added late appears"
    );
    // Moved elsewhere on the page (removed, then put back): still ours, still
    // sized by its article.
    page.in_page(
        "const first = document.querySelector('#first'); first.remove(); \
         document.body.prepend(first); first.scrollIntoView(); \
         document.querySelector('#first iframe').style.height = '50px';",
    )
    .await?;
    wait_until_fitted(page, FIRST).await.map(drop)
}
