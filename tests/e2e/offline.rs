//! The installed, offline reader: the service worker takes control, an article
//! read before opens with no network, one never read says it is not saved.
//!
//! Each scenario serves the build from a host of its own, which it stops to
//! take the network away (the service worker then meets a dead server, as on
//! the underground), and tells the browser it is offline (DevTools' network
//! conditions, so the page hears `offline`). Only Chromium can be told so over
//! WebDriver; the other engines check what they can: that the worker registers
//! and controls the page.

use crate::browser::{Outcome, Page};
use crate::ensure;
use crate::scenarios::{scenarios, SEED_PATH, SEED_TITLE};
use std::path::PathBuf;

scenarios!(
    the_service_worker_controls_the_page,
    a_read_article_opens_offline_and_an_unread_one_says_it_is_not_saved,
);

const UNREAD_PATH: &str = "/articles/shenzhen-prepares-apec-2026";
const LAST_PARAGRAPH_START: &str = "\"I am confident that the 15th Five-Year Plan period";

/// A host of the scenario's own serving the release build.
fn own_host() -> Result<broadsheet_host::Host, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dist = std::env::var("BROADSHEET_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("dist"));
    broadsheet_host::start("127.0.0.1:0", vec![dist]).map_err(|e| format!("a host: {e}"))
}

/// Waits until the service worker controls the page and holds the documents
/// the page was read from.
async fn until_kept_offline(page: &Page, document: &str) -> Outcome {
    page.wait_for_script(
        "return navigator.serviceWorker && navigator.serviceWorker.controller ? true : null",
    )
    .await
    .map_err(|e| format!("{}: no service worker took control: {e}", page.engine()))?;
    page.wait_for_script(&format!(
        "return caches.open('broadsheet-documents').then(c => c.match('{document}')).then(r => r ? true : null)"
    ))
    .await
    .map(drop)
    .map_err(|e| format!("{document} was not kept for offline: {e}"))
}

async fn the_service_worker_controls_the_page(page: &Page) -> Outcome {
    let host = own_host()?;
    let origin = format!("http://{}", host.address);
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    until_kept_offline(page, "/articles/korea-china-new-cooperation-models.json").await?;
    let manifest = page
        .execute(
            "return fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())",
        )
        .await?;
    ensure!(
        manifest["display"] == "standalone"
            && manifest["name"] == "Broadsheet Daily"
            && manifest["icons"]
                .as_array()
                .is_some_and(|icons| icons.iter().any(|icon| icon["purpose"] == "maskable")),
        "the manifest names the publication, installs standalone, has a maskable icon: {manifest}"
    );
    host.stop();
    Ok(())
}

async fn a_read_article_opens_offline_and_an_unread_one_says_it_is_not_saved(
    page: &Page,
) -> Outcome {
    if page.engine() != "chromium" {
        // Covered by the_service_worker_controls_the_page in this engine.
        return Ok(());
    }
    let host = own_host()?;
    let origin = format!("http://{}", host.address);
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    until_kept_offline(page, "/articles/korea-china-new-cooperation-models.json").await?;

    host.stop();
    page.set_offline(true).await?;
    page.reload().await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    page.wait_for_text(
        ".offline-banner",
        "You are offline. Articles you have read are still here.",
    )
    .await?;
    let paragraphs = page.texts(".article-body > p").await?;
    ensure!(
        paragraphs
            .last()
            .is_some_and(|last| last.starts_with(LAST_PARAGRAPH_START)),
        "the whole article, to its last paragraph, offline: {paragraphs:?}"
    );

    page.open_url(&format!("{origin}{UNREAD_PATH}")).await?;
    page.wait_for_text("h1", "You are offline").await?;
    let advice = page.text(".load-failure").await?;
    ensure!(
        advice.contains("This page is not saved on this device") && advice.contains("Retry"),
        "an article never read says it is not saved, with Retry: {advice}"
    );
    page.set_offline(false).await
}
