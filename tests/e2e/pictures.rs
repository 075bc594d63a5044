//! Pictures that fit the reader's data: a photo arrives in the smallest
//! encoding the engine decodes, at the width it is laid out at; a reader
//! saving data downloads the lead picture only, sees placeholders of each
//! other picture's size, and gets a picture by tapping it.

use crate::browser::{Outcome, Page};
use crate::ensure;
use crate::scenarios::{scenarios, SEED_PATH};
use serde_json::Value;

scenarios!(
    a_photo_arrives_as_avif_or_webp_at_the_width_it_is_shown,
    a_reader_saving_data_loads_only_the_lead_picture_until_they_tap,
);

/// The sample's article whose lead picture is a photograph (a JPEG).
const PHOTO_PATH: &str = "/articles/shenzhen-prepares-apec-2026";
const PHOTO: &str = "/img/shenzhen-skyline.jpg";

async fn a_photo_arrives_as_avif_or_webp_at_the_width_it_is_shown(page: &Page) -> Outcome {
    page.open(PHOTO_PATH).await?;
    let shown = page
        .wait_for_script(
            "const img = document.querySelector('.hero picture img'); \
             if (!img || !img.complete || img.naturalWidth === 0) return null; \
             const entry = performance.getEntriesByName(img.currentSrc)[0]; \
             return { chosen: img.currentSrc, needed: img.getBoundingClientRect().width * devicePixelRatio, \
                      bytes: entry ? entry.encodedBodySize : null, \
                      photo: performance.getEntriesByType('resource').some(e => e.name.endsWith('__PHOTO__')) }"
                .replace("__PHOTO__", PHOTO)
                .as_str(),
        )
        .await?;
    let chosen = shown["chosen"].as_str().unwrap_or_default();
    let encoding = chosen.rsplit('.').next().unwrap_or_default();
    ensure!(
        chosen.contains("/renditions/img/shenzhen-skyline.jpg-")
            && ["avif", "webp"].contains(&encoding),
        "the hero is one of its renditions, not the JPEG: {shown}"
    );
    ensure!(
        shown["photo"] == false,
        "the JPEG itself is never fetched: {shown}"
    );
    let width: f64 = chosen
        .rsplit('-')
        .next()
        .and_then(|name| name.split('.').next())
        .and_then(|width| width.parse().ok())
        .unwrap_or_default();
    let needed = shown["needed"].as_f64().unwrap_or(f64::MAX);
    // The renditions' widths: the smallest that covers the laid-out width.
    let enough = [320.0, 640.0, 960.0, 1280.0, 1600.0]
        .into_iter()
        .find(|&candidate| candidate >= needed)
        .unwrap_or(1600.0);
    ensure!(
        width >= needed.min(1600.0) && width <= enough,
        "the rendition {width} px wide is the smallest covering {needed} px: {shown}"
    );
    println!(
        "    ({}: {encoding} {width} px wide for {needed:.0} px laid out, {} bytes; the JPEG is 285,593)",
        page.engine(),
        shown["bytes"]
    );
    Ok(())
}

/// What the page has fetched of the article's pictures and video, by file
/// name: not the publication's logo in the header, nor the video's
/// captions (a few hundred bytes of text).
async fn media_fetched(page: &Page) -> Result<Vec<String>, String> {
    let names = page
        .execute(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname) \
               .filter(p => /^\\/(img|renditions|media)\\//.test(p) && !/logo\\.svg$|\\.vtt$/.test(p)) \
               .map(p => p.replace(/^.*\\//, ''))",
        )
        .await?;
    // Each file once: Firefox may list a picture twice for one download.
    let mut names: Vec<String> = names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

async fn a_reader_saving_data_loads_only_the_lead_picture_until_they_tap(page: &Page) -> Outcome {
    page.open(SEED_PATH).await?;
    page.execute(
        "localStorage.setItem('broadsheet:settings', JSON.stringify({pictures: 'on-tap'})); return true",
    )
    .await?;
    page.reload().await?;
    // Down the whole page, past every picture, the video and related news,
    // giving each lazy picture the time to be fetched if it were going to be.
    page.execute_async(
        "const done = arguments[arguments.length - 1]; \
         const step = () => { window.scrollBy(0, innerHeight / 2); \
           if (innerHeight + scrollY >= document.body.scrollHeight - 2) setTimeout(done, 1500); \
           else setTimeout(step, 150); }; step()",
    )
    .await?;
    let fetched = media_fetched(page).await?;
    ensure!(
        fetched == ["kim-mun-hwan.svg"],
        "saving data, only the lead picture is fetched: {fetched:?}"
    );
    let placeholders = page
        .execute(
            "return [...document.querySelectorAll('.picture-frame')].map(frame => { \
               const shape = frame.querySelector('.picture-load').getBoundingClientRect(); \
               const img = frame.querySelector('img'); \
               return { shown: shape.width > 0, ratio: shape.width / shape.height, \
                        expected: img.width / img.height || img.getAttribute('width') / img.getAttribute('height'), \
                        loaded: img.naturalWidth > 0 } })",
        )
        .await?;
    let placeholders = placeholders.as_array().cloned().unwrap_or_default();
    ensure!(
        placeholders.len() >= 3,
        "the seed's other pictures (the figure, the poster, related news) wait: {placeholders:?}"
    );
    for placeholder in &placeholders {
        let ratio = placeholder["ratio"].as_f64().unwrap_or_default();
        let expected = placeholder["expected"].as_f64().unwrap_or(-1.0);
        ensure!(
            placeholder["shown"] == true
                && placeholder["loaded"] == false
                && (ratio - expected).abs() < 0.05,
            "each placeholder is shown in the picture's proportions, its picture not loaded: {placeholder}"
        );
    }
    let video = page
        .execute("const v = document.querySelector('.article-body video'); return v && { poster: v.getAttribute('poster'), preload: v.preload }")
        .await?;
    ensure!(
        video["poster"].is_null() && video["preload"] == "none",
        "the video shows no poster and fetches nothing until played: {video}"
    );

    // A tap shows that one picture, and only it.
    page.click(".article-body .picture-frame button.picture-load")
        .await?;
    let loaded = page
        .wait_for_script(
            "const img = document.querySelector('.article-body .picture-frame img'); \
             return img.complete && img.naturalWidth > 0 ? img.getAttribute('src') : null",
        )
        .await?;
    let fetched = media_fetched(page).await?;
    ensure!(
        fetched.len() == 2
            && fetched.contains(&"kim-mun-hwan.svg".to_owned())
            && loaded
                .as_str()
                .is_some_and(|src| fetched.iter().any(|name| src.ends_with(name))),
        "the tapped picture, and nothing else, is fetched: {loaded} after {fetched:?}"
    );
    ensure!(
        page.execute("return document.documentElement.dataset.broadsheet")
            .await?
            == "asleep",
        "showing a picture needs no app"
    );

    // Choosing to see every picture shows them all, and the video's poster.
    page.click(".reading-settings-open").await?;
    page.click("#setting-pictures-2").await?;
    let everything = page
        .wait_for_script(
            "const waiting = [...document.querySelectorAll('.picture-load')].filter(p => p.getClientRects().length > 0); \
             const v = document.querySelector('.article-body video'); \
             return waiting.length === 0 && v.getAttribute('poster') ? true : null",
        )
        .await;
    ensure!(
        everything.is_ok(),
        "with pictures always on, no placeholder is left and the video has its poster: {everything:?}"
    );

    // Saving data again: what was downloaded stays shown, the rest waits.
    page.execute(
        "document.querySelector('.article-body .picture-frame').scrollIntoView({block: 'center'}); return true",
    )
    .await?;
    page.wait_for_script(
        "const img = document.querySelector('.article-body .picture-frame img'); \
         return img.complete && img.naturalWidth > 0 || null",
    )
    .await?;
    page.click("#setting-pictures-1").await?;
    let frames = page
        .wait_for_script(
            "if (!document.documentElement.hasAttribute('data-save-data')) return null; \
             return [...document.querySelectorAll('.picture-frame')].map(frame => { \
               const img = frame.querySelector('img'); \
               return { downloaded: img.complete && img.naturalWidth > 0, \
                        shown: img.getClientRects().length > 0 } })",
        )
        .await?;
    let frames = frames.as_array().cloned().unwrap_or_default();
    ensure!(
        frames.iter().any(|frame| frame["downloaded"] == true)
            && frames.iter().all(|frame| frame["downloaded"] == frame["shown"]),
        "switched to saving data, each downloaded picture stays and only the others wait: {frames:?}"
    );
    Ok(())
}
