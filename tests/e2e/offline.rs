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
    a_page_read_while_the_app_slept_opens_offline[chromium_only],
    a_new_deployment_is_offered_and_loads_only_when_the_reader_says,
    chromium_finds_the_app_installable[chromium_only],
    a_saved_article_opens_offline_with_its_pictures,
    a_saved_photo_shows_offline_in_a_window_that_wants_another_width[chromium_only],
    install_is_offered_at_the_end_of_a_page_and_not_again_once_declined,
    a_saved_article_opens_styled_and_alive_after_a_new_deployment,
    a_withdrawn_article_leaves_the_device_and_says_it_was_withdrawn,
    a_withdrawn_article_on_a_slow_network_is_taken_back_once_the_answer_comes,
    a_withdrawn_article_reached_by_a_link_on_a_slow_network_is_taken_back,
    a_maintenance_page_at_a_documents_address_leaves_the_offline_copy_alone,
    a_saved_article_outlasts_reading_many_more,
    tracking_parameters_share_one_offline_copy,
    content_on_another_origin_is_saved_and_what_cannot_be_is_said,
);

const UNREAD_PATH: &str = "/articles/shenzhen-prepares-apec-2026";
const LAST_PARAGRAPH_START: &str = "\"I am confident that the 15th Five-Year Plan period";

pub fn dist() -> PathBuf {
    std::env::var("BROADSHEET_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

/// The seed article's document, on the build's own origin.
const SEED_DOCUMENT: &str = "/articles/korea-china-new-cooperation-models.json";

/// A host of the scenario's own serving the release build.
fn own_host() -> Result<broadsheet_host::Host, String> {
    broadsheet_host::start("127.0.0.1:0", vec![dist()]).map_err(|e| format!("a host: {e}"))
}

pub fn copy_folder(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
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
pub async fn until_kept_offline(page: &Page, document: &str) -> Outcome {
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
    // The reader has used the app here, so it runs offline too.
    page.wake_the_app().await?;
    until_the_app_is_kept(page).await?;

    host.stop();
    page.set_offline(true).await?;
    page.reload().await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    page.wait_for_text(
        ".offline-banner",
        "You are offline. Articles you have read are still here.",
    )
    .await?;
    the_whole_seed_reads(page).await?;

    page.open_url(&format!("{origin}{UNREAD_PATH}")).await?;
    page.wait_for_text("h1", "You are offline").await?;
    let advice = page.text(".load-failure").await?;
    ensure!(
        advice.contains("This page is not saved on this device") && advice.contains("Retry"),
        "an article never read says it is not saved, with Retry: {advice}"
    );
    page.set_offline(false).await
}

/// A reader who only read, their app asleep, reads the kept page offline as
/// it was served; an address never read says it is not saved, without the
/// app, whose code the device never downloaded.
async fn a_page_read_while_the_app_slept_opens_offline(page: &Page) -> Outcome {
    let (host, origin) = seed_read_on_own_host(page).await?;
    host.stop();
    page.set_offline(true).await?;
    page.reload().await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    the_whole_seed_reads(page).await?;
    let started = page
        .execute("return document.documentElement.getAttribute('data-broadsheet')")
        .await?;
    ensure!(
        started == "asleep",
        "the page reads without its app: {started}"
    );

    page.visit(&format!("{origin}{UNREAD_PATH}")).await?;
    page.wait_for_text(
        "#app-unavailable",
        "This page is not saved on this device, and there is no connection. \
         Pages you have read open offline.",
    )
    .await?;
    page.set_offline(false).await
}

/// The seed article reads whole, to its last paragraph (offline, here).
async fn the_whole_seed_reads(page: &Page) -> Outcome {
    let paragraphs = page.texts(".article-body > p").await?;
    ensure!(
        paragraphs
            .last()
            .is_some_and(|last| last.starts_with(LAST_PARAGRAPH_START)),
        "the whole article, to its last paragraph, offline: {paragraphs:?}"
    );
    Ok(())
}

/// Waits until a page's app, whose code the device keeps, has woken by itself.
async fn until_awake(page: &Page) -> Outcome {
    page.wait_for_script(
        "return document.documentElement.getAttribute('data-broadsheet') === 'islands' || null",
    )
    .await
    .map(drop)
    .map_err(|e| format!("the app, kept on the device, wakes by itself: {e}"))
}

/// Waits until the service worker keeps the app's code, which the page ran.
async fn until_the_app_is_kept(page: &Page) -> Outcome {
    page.wait_for_script(
        "return Promise.all(performance.getEntriesByType('resource').map(e => new URL(e.name).pathname) \
           .filter(p => p.endsWith('_bg.wasm')).map(p => caches.match(p))) \
           .then(kept => kept.length > 0 && kept.every(Boolean) || null)",
    )
    .await
    .map(drop)
    .map_err(|e| format!("the app's code is kept for offline: {e}"))
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
               .map(u => caches.open('broadsheet-saved').then(c => c.match(u)).then(r => !!r)))",
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

/// A photo is offered in renditions; "Save for offline" keeps its original.
/// Offline, in a window that wants a rendition never fetched, the worker
/// answers with the original, and the reader still sees the photo.
async fn a_saved_photo_shows_offline_in_a_window_that_wants_another_width(page: &Page) -> Outcome {
    let host = own_host()?;
    let origin = format!("http://{}", host.address);
    page.open_url(&format!("{origin}{UNREAD_PATH}")).await?;
    until_kept_offline(page, "/articles/shenzhen-prepares-apec-2026.json").await?;
    hero_shows(page).await?;
    let online = page
        .execute("return document.querySelector('.figure.hero img').currentSrc")
        .await?;
    save_the_article(page, "Saved. This article opens without a connection.").await?;
    go_offline(page, vec![host]).await?;
    page.set_window_size(400, 800).await?;
    page.open_url(&format!("{origin}{UNREAD_PATH}")).await?;
    hero_shows(page).await?;
    let offline = page
        .execute("return document.querySelector('.figure.hero img').currentSrc")
        .await?;
    ensure!(
        offline != online
            && offline
                .as_str()
                .is_some_and(|src| src.contains("/renditions/")),
        "offline, the narrow window asked for another rendition ({offline}, online {online}), \
         and the kept original answered it"
    );
    back_online(page).await
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
    // The offer waits for the app, which a reader who only reads never wakes.
    page.wake_the_app().await?;
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

/// A copy of the build of the scenario's own, to change as a newsroom or a
/// deployment would.
fn copy_of_the_build(page: &Page, name: &str) -> Result<PathBuf, String> {
    let site = page.scratch().join(format!("{name}-{}", page.engine()));
    copy_folder(&dist(), &site).map_err(|e| format!("copying the build: {e}"))?;
    Ok(site)
}

/// Writes `file` as changed now: without the build's compressed copies, which
/// the host would send instead, and dated later than the first build was
/// read, for a browser revalidating by Last-Modified (Firefox) within the
/// second.
fn rewrite(file: &std::path::Path, text: &str) -> Outcome {
    std::fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))?;
    for suffix in [".br", ".gz"] {
        let mut copy = file.as_os_str().to_owned();
        copy.push(suffix);
        match std::fs::remove_file(&copy) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("{}: {e}", file.display()))
            }
            _ => {}
        }
    }
    std::fs::File::options()
        .write(true)
        .open(file)
        .and_then(|file| {
            file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        })
        .map_err(|e| format!("{}: {e}", file.display()))
}

/// Every page of a build (`*.html`, in any folder).
fn pages_of(folder: &std::path::Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return pages;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            pages.extend(pages_of(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            pages.push(path);
        }
    }
    pages
}

/// `sw.js` of `site` with the line that starts with `start` replaced by `line`.
fn rewrite_worker_line(site: &std::path::Path, start: &str, line: &str) -> Outcome {
    let worker_path = site.join("sw.js");
    let worker = std::fs::read_to_string(&worker_path).map_err(|e| e.to_string())?;
    let old = worker
        .lines()
        .find(|old| old.starts_with(start))
        .ok_or(format!("sw.js has no line starting {start:?}"))?;
    rewrite(&worker_path, &worker.replace(old, line))
}

/// Takes the network away: the host is gone and, where the browser can be
/// told (Chromium), the page hears it is offline.
async fn go_offline(page: &Page, hosts: Vec<broadsheet_host::Host>) -> Outcome {
    for host in hosts {
        host.stop();
    }
    if page.engine() == "chromium" {
        page.set_offline(true).await?;
    }
    Ok(())
}

async fn back_online(page: &Page) -> Outcome {
    if page.engine() == "chromium" {
        page.set_offline(false).await?;
    }
    Ok(())
}

async fn save_the_article(page: &Page, said: &str) -> Outcome {
    page.click(".save-offline-button").await?;
    page.wait_for_text(".save-offline-status", said).await
}

/// Waits until the hero picture shows.
async fn hero_shows(page: &Page) -> Outcome {
    page.wait_for_script(
        "const hero = document.querySelector('.figure.hero img'); \
         return hero && hero.complete && hero.naturalWidth > 0 || null",
    )
    .await
    .map(drop)
    .map_err(|e| format!("the hero picture shows offline: {e}"))
}

/// The second build deploys a stylesheet of another name and content (as any
/// change to the styles does): the first build's is gone from the host, and
/// every page and the worker name the new one.
fn deploy_a_new_stylesheet(site: &std::path::Path) -> Result<String, String> {
    let old = std::fs::read_dir(site)
        .map_err(|e| e.to_string())?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find(|name| name.starts_with("broadsheet-") && name.ends_with(".css"))
        .ok_or("the build has no hashed stylesheet")?;
    let hash = old
        .trim_start_matches("broadsheet-")
        .trim_end_matches(".css");
    let new = format!("broadsheet-{}.css", "0".repeat(hash.len()));
    let style = std::fs::read_to_string(site.join(&old)).map_err(|e| e.to_string())?;
    rewrite(
        &site.join(&new),
        &format!("{style}\n:root {{ --deployment: second; }}\n"),
    )?;
    for gone in [old.clone(), format!("{old}.br"), format!("{old}.gz")] {
        _ = std::fs::remove_file(site.join(gone));
    }
    for file in pages_of(site) {
        let html = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
        if html.contains(&old) {
            rewrite(&file, &without_integrity(&html.replace(&old, &new), &new))?;
        }
    }
    let worker = std::fs::read_to_string(site.join("sw.js")).map_err(|e| e.to_string())?;
    rewrite(&site.join("sw.js"), &worker.replace(&old, &new))?;
    rewrite_worker_line(
        site,
        "const VERSION = ",
        "const VERSION = 'second-deployment';",
    )?;
    Ok(new)
}

/// `html` without the `integrity` of the tags that name `file`: trunk's hash
/// of the first build's stylesheet would refuse the new one.
fn without_integrity(html: &str, file: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(file) {
        let tag_start = rest[..at].rfind('<').unwrap_or(0);
        let tag_end = rest[at..].find('>').map_or(rest.len(), |end| at + end);
        let tag = &rest[tag_start..tag_end];
        let tag = match tag.find(" integrity=\"") {
            Some(start) => {
                let value = start + " integrity=\"".len();
                let end = tag[value..]
                    .find('"')
                    .map_or(tag.len(), |end| value + end + 1);
                format!("{}{}", &tag[..start], &tag[end..])
            }
            None => tag.to_owned(),
        };
        out.push_str(&rest[..tag_start]);
        out.push_str(&tag);
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out
}

/// Issue 17, 1: a page saved under one build names that build's stylesheet
/// and script; after the next deployment, offline, it must still open styled
/// (by the new stylesheet) and come to life.
async fn a_saved_article_opens_styled_and_alive_after_a_new_deployment(page: &Page) -> Outcome {
    let site = copy_of_the_build(page, "restyled")?;
    let host = broadsheet_host::start("127.0.0.1:0", vec![site.clone()])
        .map_err(|e| format!("a host: {e}"))?;
    let origin = format!("http://{}", host.address);
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    until_kept_offline(page, SEED_DOCUMENT).await?;
    save_the_article(page, "Saved. This article opens without a connection.").await?;
    // The reader accepts the new version elsewhere than on the saved article.
    page.open_url(&format!("{origin}/")).await?;

    deploy_a_new_stylesheet(&site)?;
    page.execute(
        "window.readersPlace = 'kept'; \
         return navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => null)",
    )
    .await?;
    page.click(".update-prompt .update-reload").await?;
    page.wait_for_script("return window.readersPlace === undefined || null")
        .await?;
    page.wait_for_script(
        "return caches.keys().then(keys => keys.filter(k => k.startsWith('broadsheet-shell-'))) \
           .then(keys => keys.length === 1 && keys[0] === 'broadsheet-shell-second-deployment' || null)",
    )
    .await
    .map_err(|e| format!("the new version took over: {e}"))?;

    go_offline(page, vec![host]).await?;
    page.open_url(&format!("{origin}{SEED_PATH}"))
        .await
        .map_err(|e| format!("the saved article starts offline after the deployment: {e}"))?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    let style = page
        .execute(
            "return getComputedStyle(document.documentElement).getPropertyValue('--deployment').trim()",
        )
        .await?;
    ensure!(
        style == "second",
        "the saved article is styled by the new deployment's stylesheet: {style}"
    );
    back_online(page).await
}

/// Issue 17, 2: once the newsroom withdraws an article (410), the device keeps
/// no copy of it, saved or read, and the reader is told it was withdrawn.
async fn a_withdrawn_article_leaves_the_device_and_says_it_was_withdrawn(page: &Page) -> Outcome {
    let site = copy_of_the_build(page, "withdrawn")?;
    let host = broadsheet_host::start("127.0.0.1:0", vec![site.clone()])
        .map_err(|e| format!("a host: {e}"))?;
    let origin = format!("http://{}", host.address);
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    until_kept_offline(page, SEED_DOCUMENT).await?;
    save_the_article(page, "Saved. This article opens without a connection.").await?;

    // Withdrawn: the CMS answers 410 for the document, and the next build has
    // no page for it (the host gives the app's page for the address).
    std::fs::write(
        site.join("articles/korea-china-new-cooperation-models.json.fault"),
        "status 410",
    )
    .map_err(|e| e.to_string())?;
    std::fs::remove_dir_all(site.join("articles/korea-china-new-cooperation-models"))
        .map_err(|e| e.to_string())?;
    // Deployed after the page was read: a browser revalidating the page by
    // Last-Modified must not be told the old page is current.
    let shell = site.join("app.html");
    let app_page = std::fs::read_to_string(&shell).map_err(|e| e.to_string())?;
    rewrite(&shell, &app_page)?;
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    page.wait_for_text("main h1", "This article was withdrawn")
        .await?;
    page.wait_for_script(&format!(
        "return Promise.all(['{SEED_DOCUMENT}', '{SEED_PATH}'].map(u => caches.match(u))) \
           .then(kept => kept.every(r => r === undefined) || null)"
    ))
    .await
    .map_err(|e| format!("no cache keeps the withdrawn article's page or document: {e}"))?;

    go_offline(page, vec![host]).await?;
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    page.find(".load-failure").await?;
    let headline = page.find_all("h1.headline").await?;
    ensure!(
        headline.is_empty(),
        "a withdrawn article no longer opens from the device"
    );
    back_online(page).await
}

/// Issue 17, 2, on a slow network: the worker hands out the kept page after
/// its timeout, before any 404 or 410 was seen. Once the newsroom's answer
/// comes, the reader is told the article was withdrawn, and no copy is left.
async fn a_withdrawn_article_on_a_slow_network_is_taken_back_once_the_answer_comes(
    page: &Page,
) -> Outcome {
    let site = copy_of_the_build(page, "withdrawn-slowly")?;
    let host = broadsheet_host::start("127.0.0.1:0", vec![site.clone()])
        .map_err(|e| format!("a host: {e}"))?;
    let origin = format!("http://{}", host.address);
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    until_kept_offline(page, SEED_DOCUMENT).await?;
    // Read again with the worker in control, which keeps the page itself.
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    page.wait_for_script(&format!(
        "return caches.open('broadsheet-documents').then(c => c.match('{SEED_PATH}')).then(r => r ? true : null)"
    ))
    .await
    .map_err(|e| format!("the page was not kept: {e}"))?;

    // Withdrawn, and the page's address answers slower than the worker waits.
    std::fs::write(
        site.join("articles/korea-china-new-cooperation-models.json.fault"),
        "status 410",
    )
    .map_err(|e| e.to_string())?;
    std::fs::remove_dir_all(site.join("articles/korea-china-new-cooperation-models"))
        .map_err(|e| e.to_string())?;
    std::fs::write(
        site.join("articles/korea-china-new-cooperation-models.fault"),
        "delay 5000",
    )
    .map_err(|e| e.to_string())?;
    let shell = site.join("app.html");
    let app_page = std::fs::read_to_string(&shell).map_err(|e| e.to_string())?;
    rewrite(&shell, &app_page)?;

    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    page.wait_for_text_within(
        "main h1",
        "This article was withdrawn",
        std::time::Duration::from_secs(40),
    )
    .await
    .map_err(|e| format!("the kept copy went on showing a withdrawn article: {e}"))?;
    page.wait_for_script(&format!(
        "return Promise.all(['{SEED_DOCUMENT}', '{SEED_PATH}'].map(u => caches.match(u))) \
           .then(kept => kept.every(r => r === undefined) || null)"
    ))
    .await
    .map_err(|e| format!("no cache keeps the withdrawn article's page or document: {e}"))?;
    host.stop();
    Ok(())
}

/// The same, for an article the app routes to: the worker hands out the kept
/// document after its timeout, and the page shows it until the newsroom's 410
/// arrives; then the reader is told.
async fn a_withdrawn_article_reached_by_a_link_on_a_slow_network_is_taken_back(
    page: &Page,
) -> Outcome {
    let site = copy_of_the_build(page, "withdrawn-by-link")?;
    let host = broadsheet_host::start("127.0.0.1:0", vec![site.clone()])
        .map_err(|e| format!("a host: {e}"))?;
    let origin = format!("http://{}", host.address);
    let linked_document = format!("{UNREAD_PATH}.json");
    page.open_url(&format!("{origin}{UNREAD_PATH}")).await?;
    until_kept_offline(page, &linked_document).await?;
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    let link = format!(".related a[href='{UNREAD_PATH}']");
    page.find(&link).await?;
    page.wait_for_script("return document.documentElement.hasAttribute('data-broadsheet') || null")
        .await?;

    std::fs::write(
        site.join(format!("{}.fault", linked_document.trim_start_matches('/'))),
        "delay 5000\nstatus 410",
    )
    .map_err(|e| e.to_string())?;
    page.click(&link).await?;
    page.wait_for_text_within(
        "main h1",
        "This article was withdrawn",
        std::time::Duration::from_secs(40),
    )
    .await
    .map_err(|e| format!("the kept document went on showing a withdrawn article: {e}"))?;
    page.wait_for_script(&format!(
        "return caches.match('{linked_document}').then(kept => kept === undefined || null)"
    ))
    .await
    .map_err(|e| format!("no cache keeps the withdrawn article's document: {e}"))?;
    host.stop();
    Ok(())
}

/// Issue 17, 3: a CMS's maintenance page, answered with 200 at a document's
/// address, must not replace the document kept for offline.
async fn a_maintenance_page_at_a_documents_address_leaves_the_offline_copy_alone(
    page: &Page,
) -> Outcome {
    let site = copy_of_the_build(page, "maintenance")?;
    let host = broadsheet_host::start("127.0.0.1:0", vec![site.clone()])
        .map_err(|e| format!("a host: {e}"))?;
    let origin = format!("http://{}", host.address);
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    until_kept_offline(page, SEED_DOCUMENT).await?;
    // The reader uses the app, so it wakes on every page from now on.
    page.wake_the_app().await?;
    until_the_app_is_kept(page).await?;

    let document = site.join(SEED_DOCUMENT.trim_start_matches('/'));
    rewrite(
        &document,
        "<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>",
    )?;
    // The reader follows the card: the app fetches the document, and meets
    // the maintenance page.
    page.open_url(&format!("{origin}/")).await?;
    until_awake(page).await?;
    page.click(&format!(".front-page .card-title a[href='{SEED_PATH}']"))
        .await?;
    page.wait_for_text(".load-failure h1", "This article could not be read")
        .await?;

    // Then the network slows past the worker's patience: the kept copy answers.
    let mut fault = document.clone().into_os_string();
    fault.push(".fault");
    std::fs::write(&fault, "delay 6000").map_err(|e| e.to_string())?;
    page.open_url(&format!("{origin}/")).await?;
    until_awake(page).await?;
    page.click(&format!(".front-page .card-title a[href='{SEED_PATH}']"))
        .await?;
    page.wait_for_text("h1.headline", SEED_TITLE)
        .await
        .map_err(|e| format!("the kept copy is still the article: {e}"))?;
    host.stop();
    Ok(())
}

/// Issue 17, 4: a saved article is not evicted by the reading that follows.
async fn a_saved_article_outlasts_reading_many_more(page: &Page) -> Outcome {
    let (host, origin) = seed_read_on_own_host(page).await?;
    save_the_article(page, "Saved. This article opens without a connection.").await?;
    // Seventy documents more, each kept as the reader reads it.
    page.execute(
        "return (async () => { for (let i = 0; i < 70; i++) await fetch(`/site.json?reading=${i}`); return null; })()",
    )
    .await?;
    page.wait_for_script(
        "return caches.open('broadsheet-documents').then(c => c.match('/site.json?reading=69')).then(r => r ? true : null)",
    )
    .await
    .map_err(|e| format!("the reading was kept: {e}"))?;

    go_offline(page, vec![host]).await?;
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    page.wait_for_text("h1.headline", SEED_TITLE)
        .await
        .map_err(|e| format!("the saved article opens offline after much reading: {e}"))?;
    hero_shows(page).await?;
    back_online(page).await
}

/// Issue 17, 4: the same article reached by links with tracking parameters
/// (a newsletter's, a social network's) is kept once, under its address.
async fn tracking_parameters_share_one_offline_copy(page: &Page) -> Outcome {
    let host = own_host()?;
    let origin = format!("http://{}", host.address);
    let tracked = format!("{origin}{SEED_PATH}?utm_source=newsletter&utm_medium=email&fbclid=x1");
    page.open_url(&tracked).await?;
    until_kept_offline(page, SEED_DOCUMENT).await?;
    // Now through the service worker, which keeps the page.
    page.open_url(&format!("{origin}{SEED_PATH}?utm_source=social&gclid=y2"))
        .await?;
    page.wait_for_script(&format!(
        "return caches.open('broadsheet-documents').then(c => c.match('{SEED_PATH}')).then(r => r ? true : null)"
    ))
    .await
    .map_err(|e| format!("the page is kept under its own address: {e}"))?;
    let keys = page
        .execute(
            "return caches.keys().then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys())))) \
               .then(lists => lists.flat().map(r => r.url))",
        )
        .await?;
    let tracked_keys: Vec<&str> = keys
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|key| key.as_str())
        .filter(|key| key.contains("utm_") || key.contains("clid="))
        .collect();
    ensure!(
        tracked_keys.is_empty(),
        "no copy is kept under a tracking address: {tracked_keys:?}"
    );
    host.stop();
    Ok(())
}

/// Issue 17, 5: the content on a CDN of another origin that sends CORS
/// headers, one picture on a host that does not. Saving keeps the article and
/// says which part it could not keep; offline, the article opens from the
/// device with its hero.
async fn content_on_another_origin_is_saved_and_what_cannot_be_is_said(page: &Page) -> Outcome {
    let site = copy_of_the_build(page, "cdn")?;
    let app = broadsheet_host::start("127.0.0.1:0", vec![site.clone()])
        .map_err(|e| format!("a host: {e}"))?;
    let cdn = broadsheet_host::start_with_cors("127.0.0.1:0", vec![site.clone()])
        .map_err(|e| format!("a CDN: {e}"))?;
    let pictures = broadsheet_host::start("127.0.0.1:0", vec![site.clone()])
        .map_err(|e| format!("a picture host: {e}"))?;
    let origin = format!("http://{}", app.address);
    // localhost, not 127.0.0.1: other origins.
    let cdn_base = format!("http://localhost:{}/", cdn.address.port());
    let picture_origin = format!("http://localhost:{}", pictures.address.port());
    let cdn_origin = cdn_base.trim_end_matches('/');

    // The app's pages point at the CDN (index.html's meta, set before the
    // build); the policy allows it as it allows any https: CDN, the tests'
    // being plain http. No prerendered page for the article: the app renders
    // it from the CDN's documents.
    for file in pages_of(&site) {
        let html = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
        let html = html
            .replace(
                "name=\"broadsheet:content-base\" content=\"\"",
                &format!("name=\"broadsheet:content-base\" content=\"{cdn_base}\""),
            )
            .replace(
                "connect-src &#39;self&#39; https:",
                &format!("connect-src &#39;self&#39; https: {cdn_origin} {picture_origin}"),
            )
            .replace(
                "img-src &#39;self&#39; https:",
                &format!("img-src &#39;self&#39; https: {cdn_origin} {picture_origin}"),
            );
        rewrite(&file, &html)?;
    }
    std::fs::remove_dir_all(site.join("articles/korea-china-new-cooperation-models"))
        .map_err(|e| e.to_string())?;
    rewrite_worker_line(
        &site,
        "const CONTENT_BASE = ",
        &format!("const CONTENT_BASE = '{cdn_base}';"),
    )?;
    let document = site.join(SEED_DOCUMENT.trim_start_matches('/'));
    let text = std::fs::read_to_string(&document).map_err(|e| e.to_string())?;
    let poster = "\"src\": \"img/guangdong-korea-trade-poster.svg\"";
    ensure!(text.contains(poster), "the seed has its poster");
    rewrite(
        &document,
        &text.replace(
            poster,
            &format!("\"src\": \"{picture_origin}/img/guangdong-korea-trade-poster.svg\""),
        ),
    )?;

    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    until_kept_offline(
        page,
        &format!("{cdn_base}articles/korea-china-new-cooperation-models.json"),
    )
    .await?;
    save_the_article(
        page,
        "Saved, but some pictures could not be kept: their site does not allow it. They will not show without a connection.",
    )
    .await?;

    go_offline(page, vec![app, cdn, pictures]).await?;
    page.open_url(&format!("{origin}{SEED_PATH}")).await?;
    page.wait_for_text("h1.headline", SEED_TITLE)
        .await
        .map_err(|e| format!("the article from the CDN opens offline: {e}"))?;
    hero_shows(page).await?;
    back_online(page).await
}
