//! The archive page by page, as a reader and a crawler meet it: the front
//! page's older pages, a section's and a tag's pages, each prerendered with
//! its own page of the list, reached from links by client-side routing, with
//! Back and Forward. The sample's `page_size` is 2, so its six articles make
//! a front page of the newest two and two archive pages of two.

use crate::browser::{Outcome, Page};
use crate::ensure;
use crate::prerender::open_without_javascript;
use crate::scenarios::{
    scenarios, CHINESE_SEED_TITLE, CHINESE_TITLE, PUBLICATION, SEED_PATH, SEED_TITLE,
};

scenarios!(
    every_list_is_prerendered_one_page_at_a_time,
    a_reader_pages_through_sections_and_tags_and_back,
);

const HUIZHOU_TITLE: &str = "Huizhou's Zhongkai zone courts South Korean entrepreneurs";
const GUANGDONG_TITLE: &str = "Guangdong leads China's trade with South Korea";
const SHENZHEN_TITLE: &str = "Shenzhen prepares to host APEC meetings in November";

/// The card titles, heading and place of a served page, as it reads with
/// JavaScript off, and whether it was prerendered.
async fn served_cards(page: &Page, path: &str) -> Result<serde_json::Value, String> {
    open_without_javascript(page, path).await?;
    page.wait_for_script(
        "const d = document.getElementById('no-js').contentDocument; \
         if (!d || d.readyState !== 'complete' || !d.querySelector('main')) return null; \
         const text = (css) => d.querySelector(css) ? d.querySelector(css).textContent : null; \
         return { prerendered: !!d.getElementById('prerendered'), \
                  titles: [...d.querySelectorAll('.listing .card-title')].map(t => t.textContent), \
                  heading: text('h1'), \
                  newer: d.querySelector('.pagination a.newer')?.getAttribute('href') ?? null, \
                  older: d.querySelector('.pagination a.older')?.getAttribute('href') ?? null }",
    )
    .await
}

async fn every_list_is_prerendered_one_page_at_a_time(page: &Page) -> Outcome {
    let front = served_cards(page, "/").await?;
    ensure!(
        front["prerendered"] == true
            && front["titles"] == serde_json::json!([CHINESE_SEED_TITLE, SEED_TITLE])
            && front["older"] == "/archive/2"
            && front["newer"].is_null(),
        "the front page holds the newest two and leads to the archive: {front}"
    );
    let next = served_cards(page, "/archive/2").await?;
    ensure!(
        next["prerendered"] == true
            && next["titles"] == serde_json::json!([SHENZHEN_TITLE, HUIZHOU_TITLE])
            && next["newer"] == "/"
            && next["older"] == "/archive/1",
        "the archive's second page holds the next two: {next}"
    );
    let older = served_cards(page, "/archive/1").await?;
    ensure!(
        older["prerendered"] == true
            && older["titles"] == serde_json::json!([GUANGDONG_TITLE, CHINESE_TITLE])
            && older["newer"] == "/archive/2"
            && older["older"].is_null(),
        "the archive's first page holds the oldest two: {older}"
    );
    let business = served_cards(page, "/sections/business").await?;
    ensure!(
        business["prerendered"] == true
            && business["heading"] == "Business"
            && business["titles"] == serde_json::json!([SEED_TITLE, HUIZHOU_TITLE]),
        "the Business section lists its two articles: {business}"
    );
    let tag = served_cards(page, "/tags/apec").await?;
    ensure!(
        tag["prerendered"] == true
            && tag["heading"] == "Topic: APEC"
            && tag["titles"] == serde_json::json!([SEED_TITLE]),
        "the APEC tag lists the seed article: {tag}"
    );
    // The documents the app fetches hold one page each.
    page.open("/").await?;
    let documents = page
        .execute(
            "return Promise.all(['/articles/index.json', '/articles/index/archive/2.json', \
               '/articles/index/archive/1.json'] \
               .map(u => fetch(u).then(r => r.json()))) \
               .then(ds => ds.map(d => [d.archive ?? null, d.older ?? null, d.newer ?? null, d.articles.length]))",
        )
        .await?;
    ensure!(
        documents == serde_json::json!([[null, 2, null, 2], [2, 1, null, 2], [1, null, 2, 2]]),
        "the front page's documents hold a page each: {documents}"
    );
    Ok(())
}

/// Waits until the page is scrolled to `place`, as the reader left it.
async fn back_in_place(page: &Page, place: f64) -> Outcome {
    page.wait_for_script(&format!(
        "return Math.abs(window.scrollY - {place}) < 2 ? true : null"
    ))
    .await
    .map(drop)
    .map_err(|error| format!("Back should return to {place}px down the page: {error}"))
}

async fn a_reader_pages_through_sections_and_tags_and_back(page: &Page) -> Outcome {
    page.open("/").await?;
    page.find(".front-page .card-title").await?;
    // The app routes once it is awake (asleep, each link is a page of its own).
    page.wake_the_app().await?;
    // A marker that only survives if no link reloads the page.
    page.execute("window.__samePage = true").await?;

    let place = page.click_and_leave_place(".pagination a.older").await?;
    page.wait_for_text(".listing .card-title", SHENZHEN_TITLE)
        .await?;
    page.find(".pagination a.newer[href='/']").await?;

    page.back().await?;
    page.wait_for_text("h1.listing-heading", PUBLICATION)
        .await?;
    // Back returns the reader to where they were, which the app restores once
    // the page has rendered; a tap before then may land on what moves away.
    back_in_place(page, place).await?;
    let place = page
        .click_and_leave_place("nav.sections a[href='/sections/business']")
        .await?;
    page.wait_for_text("h1.listing-heading", "Business").await?;
    let titles = page.texts(".listing .card-title").await?;
    ensure!(
        titles == [SEED_TITLE, HUIZHOU_TITLE],
        "the section lists its articles, newest first: {titles:?}"
    );

    // The front page and the Business section both open with the seed
    // article, so only the heading tells that Back has arrived.
    page.back().await?;
    page.wait_for_text("h1.listing-heading", PUBLICATION)
        .await?;
    back_in_place(page, place).await?;
    page.forward().await?;
    page.wait_for_text("h1.listing-heading", "Business").await?;

    // From a card to its article, and from the article's tag to the tag's page.
    page.click(&format!(".listing .card-title a[href='{SEED_PATH}']"))
        .await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    page.click(".tags a[href='/tags/apec']").await?;
    page.wait_for_text("h1.listing-heading", "Topic: APEC")
        .await?;
    page.click(".listing .section-label a[href='/sections/business']")
        .await?;
    page.wait_for_text("h1.listing-heading", "Business").await?;
    page.back().await?;
    page.wait_for_text("h1.listing-heading", "Topic: APEC")
        .await?;
    let same_page = page.execute("return window.__samePage === true").await?;
    ensure!(
        same_page == true,
        "every step was a route change, not a new page load"
    );
    Ok(())
}
