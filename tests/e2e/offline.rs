//! The installed, offline reader: the service worker takes control, an article
//! read before opens with no network, one never read says it is not saved.
//!
//! Each scenario serves the build from a host of its own, which it stops to
//! take the network away (the service worker then meets a dead server, as on
//! the underground), and tells the browser it is offline (DevTools' network
//! conditions, so the page hears `offline`). Only Chromium can be told so over
//! WebDriver: the scenarios that need it (or DevTools) run there alone
//! (`[chromium_only]`).

use crate::browser::{Outcome, Page};
use crate::ensure;
use crate::scenarios::{scenarios, SEED_PATH, SEED_TITLE};
use std::path::PathBuf;

scenarios!(
    the_service_worker_controls_the_page[nginx],
    a_read_article_opens_offline_and_an_unread_one_says_it_is_not_saved[chromium_only],
    a_new_deployment_is_offered_and_loads_only_when_the_reader_says,
    chromium_finds_the_app_installable[chromium_only],
    a_saved_article_opens_offline_with_its_pictures,
    install_is_offered_at_the_end_of_a_page_and_not_again_once_declined,
);

const UNREAD_PATH: &str = "/articles/shenzhen-prepares-apec-2026";
const LAST_PARAGRAPH_START: &str = "\"I am confident that the 15th Five-Year Plan period";

fn dist() -> PathBuf {
    std::env::var("BROADSHEET_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

/// A host of the scenario's own serving the release build.
fn own_host() -> Result<broadsheet_host::Host, String> {
    broadsheet_host::start("127.0.0.1:0", vec![dist()]).map_err(|e| format!("a host: {e}"))
}

fn copy_folder(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            copy_folder(&entry.path(), &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
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

/// A host of the scenario's own, its origin, and the seed article read there
/// until the service worker controls the page and keeps the article.
async fn seed_read_on_own_host(page: &Page) -> Result<(broadsheet_host::Host, String), String> {
    let host = own_host()?;
    let origin = format!("http://{}", host.address);
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    until_kept_offline(page, "/articles/korea-china-new-cooperation-models.json").await?;
    Ok((host, origin))
}

async fn the_service_worker_controls_the_page(page: &Page) -> Outcome {
    let (host, _) = seed_read_on_own_host(page).await?;
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
    let (host, origin) = seed_read_on_own_host(page).await?;

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

/// A reader has the app open when a new build is deployed to the same origin:
/// the page offers it and keeps the reader's place until they choose Reload.
async fn a_new_deployment_is_offered_and_loads_only_when_the_reader_says(page: &Page) -> Outcome {
    let site = page.scratch().join(format!("deployment-{}", page.engine()));
    copy_folder(&dist(), &site).map_err(|e| format!("copying the build: {e}"))?;
    let host = broadsheet_host::start("127.0.0.1:0", vec![site.clone()])
        .map_err(|e| format!("a host: {e}"))?;
    let origin = format!("http://{}", host.address);
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    until_kept_offline(page, "/articles/korea-china-new-cooperation-models.json").await?;

    // The second build: the prerenderer gives its worker a new version.
    let worker_path = site.join("sw.js");
    let worker = std::fs::read_to_string(&worker_path).map_err(|e| e.to_string())?;
    let version_line = worker
        .lines()
        .find(|line| line.starts_with("const VERSION = "))
        .ok_or("sw.js has no VERSION line")?;
    std::fs::write(
        &worker_path,
        worker.replace(version_line, "const VERSION = 'second-deployment';"),
    )
    .map_err(|e| e.to_string())?;
    // A build writes its compressed copies with the file; these are the first
    // build's, and the host would send them instead.
    for copy in ["sw.js.br", "sw.js.gz"] {
        std::fs::remove_file(site.join(copy)).map_err(|e| format!("{copy}: {e}"))?;
    }
    // Deployed later than the first build was read: a browser revalidating
    // by Last-Modified (Firefox) must see it as changed within the second.
    std::fs::File::options()
        .write(true)
        .open(&worker_path)
        .and_then(|file| {
            file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        })
        .map_err(|e| e.to_string())?;

    page.execute(
        "window.readersPlace = 'kept'; \
         return navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => null)",
    )
    .await?;
    // The new worker first downloads the whole new shell, wasm included.
    page.wait_for_script(
        "const p = document.querySelector('.update-prompt'); \
         return p && p.innerText.includes('A new version of Broadsheet is ready.') ? true : null",
    )
    .await?;
    let place = page.execute("return window.readersPlace || null").await?;
    ensure!(
        place == "kept",
        "nothing reloaded before the reader chose to: {place}"
    );
    page.click(".update-reload").await?;
    page.wait_for_script("return window.readersPlace === undefined || null")
        .await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    page.wait_for_script(
        "return caches.keys().then(keys => keys.filter(k => k.startsWith('broadsheet-shell-'))) \
           .then(keys => keys.length === 1 && keys[0] === 'broadsheet-shell-second-deployment' || null)",
    )
    .await
    .map_err(|e| format!("the new shell did not replace the old: {e}"))?;
    host.stop();
    Ok(())
}

/// The installability checks Lighthouse ran (its PWA category is gone since
/// Lighthouse 12) are Chromium's own: manifest, icons, service worker, start
/// URL. Chromium reports what it finds missing; nothing may be.
async fn chromium_finds_the_app_installable(page: &Page) -> Outcome {
    let (host, _) = seed_read_on_own_host(page).await?;
    let report = page.devtools("Page.getInstallabilityErrors").await?;
    host.stop();
    ensure!(
        report["installabilityErrors"] == serde_json::json!([]),
        "Chromium finds the app installable: {report}"
    );
    Ok(())
}

/// "Save for offline" keeps the article's page and pictures; the front page
/// then marks it "Available offline", and with no network it opens whole.
async fn a_saved_article_opens_offline_with_its_pictures(page: &Page) -> Outcome {
    let (host, origin) = seed_read_on_own_host(page).await?;
    page.click(".save-offline-button").await?;
    page.wait_for_text(
        ".save-offline-status",
        "Saved. This article opens without a connection.",
    )
    .await?;
    let kept = page
        .execute(
            "return Promise.all(['/img/kim-mun-hwan.svg', '/img/guangdong-korea-trade-poster.svg', '/img/kim-interview-poster.svg'] \
               .map(u => caches.open('broadsheet-media').then(c => c.match(u)).then(r => !!r)))",
        )
        .await?;
    ensure!(
        kept == serde_json::json!([true, true, true]),
        "the hero, the poster and the video's poster picture are kept: {kept}"
    );

    page.open_url(&format!("{origin}/")).await?;
    page.find(".card[data-offline='available']").await?;
    let marks = page
        .execute(
            "return [...document.querySelectorAll('.card')].map(c => ({ title: c.querySelector('.card-title').innerText, \
               mark: getComputedStyle(c.querySelector('.card-text'), '::after').content }))",
        )
        .await?;
    let marked: Vec<&str> = marks
        .as_array()
        .into_iter()
        .flatten()
        .filter(|card| card["mark"] == "\"Available offline\"")
        .filter_map(|card| card["title"].as_str())
        .collect();
    ensure!(
        marked == [SEED_TITLE],
        "only the article read and saved is marked available offline: {marks}"
    );

    if page.engine() != "chromium" {
        // Opening it with no network needs Chromium's offline switch.
        host.stop();
        return Ok(());
    }
    host.stop();
    page.set_offline(true).await?;
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    page.wait_for_script(
        "const hero = document.querySelector('.figure.hero img'); \
         return hero && hero.complete && hero.naturalWidth > 0 || null",
    )
    .await
    .map_err(|e| format!("the hero picture shows offline: {e}"))?;
    page.set_offline(false).await
}

/// Stands in for the browser's offer to install (a `beforeinstallprompt` event
/// whose `prompt()` counts its calls on `<html data-install-prompts>`).
const BROWSER_OFFERS_INSTALL: &str = "const offer = new Event('beforeinstallprompt', { cancelable: true }); \
    offer.prompt = () => { const root = document.documentElement; \
      root.dataset.installPrompts = String(Number(root.dataset.installPrompts || 0) + 1); return Promise.resolve(); }; \
    dispatchEvent(offer);";

async fn scroll_to_the_end(page: &Page) -> Outcome {
    page.execute("window.scrollTo(0, document.documentElement.scrollHeight); return null")
        .await
        .map(drop)
}

async fn install_is_offered_at_the_end_of_a_page_and_not_again_once_declined(
    page: &Page,
) -> Outcome {
    page.open(SEED_PATH).await?;
    page.in_page(BROWSER_OFFERS_INSTALL).await?;
    let early = page
        .execute("return document.querySelector('.install-offer') !== null")
        .await?;
    ensure!(early == false, "no offer while the reader is at the top");
    scroll_to_the_end(page).await?;
    page.wait_for_script(
        "const offer = document.querySelector('.install-offer'); \
         return offer && offer.innerText.startsWith('Read Broadsheet like an app, offline too.') \
           && offer.querySelector('.install-app') && offer.querySelector('.install-not-now') ? true : null",
    )
    .await
    .map_err(|e| format!("the offer, with Install app and Not now, at the end of the page: {e}"))?;
    page.click(".install-app").await?;
    page.wait_for_script("return document.documentElement.dataset.installPrompts === '1' || null")
        .await
        .map_err(|e| format!("Install app asks the browser: {e}"))?;

    page.reload().await?;
    page.in_page(BROWSER_OFFERS_INSTALL).await?;
    scroll_to_the_end(page).await?;
    page.click(".install-not-now").await?;
    page.wait_for_script("return document.querySelector('.install-offer') === null || null")
        .await
        .map_err(|e| format!("Not now puts the offer away: {e}"))?;
    page.reload().await?;
    page.in_page(BROWSER_OFFERS_INSTALL).await?;
    scroll_to_the_end(page).await?;
    page.execute("return new Promise(done => setTimeout(done, 500)).then(() => null)")
        .await?;
    let again = page
        .execute("return document.querySelector('.install-offer') !== null")
        .await?;
    ensure!(again == false, "declined once, never offered again");
    Ok(())
}
