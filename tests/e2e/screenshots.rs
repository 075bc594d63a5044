//! Screenshots of the seed article in each engine, on a 390 px phone and a
//! 1280 px desktop, light and dark, for people to compare: fonts, figure
//! boxes, the poster's width, dialogs, colours. Written to a folder with an
//! `index.html` that puts the engines side by side (`scripts/screenshots`).

use crate::browser::{Context, Page};
use std::fmt::Write as _;
use std::path::Path;

use crate::scenarios::SEED_PATH;

/// A script that clicks the element matching a CSS selector (opening a dialog).
macro_rules! click {
    ($css:literal) => {
        concat!(
            "const e = document.querySelector('",
            $css,
            "'); if (e) e.click(); return e !== null"
        )
    };
}

/// A script that scrolls the element matching a CSS selector to the top.
macro_rules! scroll_to {
    ($css:literal) => {
        concat!(
            "const e = document.querySelector('",
            $css,
            "'); if (e) e.scrollIntoView({block: 'start'}); return e !== null"
        )
    };
}

/// The windows a reader has: a phone and a laptop.
const WINDOWS: [(&str, u32, u32); 2] = [("phone", 390, 844), ("laptop", 1280, 900)];

/// The parts of the seed article worth a look: a name, and a script that brings
/// the part into view and returns whether the part was there.
const PARTS: [(&str, &str); 12] = [
    ("top", "window.scrollTo(0, 0); return true"),
    ("share-bar", scroll_to!(".share-bar")),
    // Listening, a paragraph in: the device's voice stood in for by one that
    // says nothing, so that every engine shows the same.
    (
        "listen",
        "const voice = { name: 'Voice', lang: 'en-GB', localService: true, default: true }; \
         let current = null; const next = () => { const u = current; current = null; if (u && u.onend) u.onend(); }; \
         Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: { \
           getVoices: () => [voice], speak: (u) => { current = u; }, cancel: next, pause() {}, resume() {} } }); \
         window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } }; \
         const button = document.querySelector('.listen-play'); if (!button) return false; button.click(); \
         return new Promise((done) => setTimeout(() => { next(); next(); done(true); }, 600))",
    ),
    (
        "wechat-dialog",
        click!(".share-button[data-network=wechat]"),
    ),
    ("share-poster", click!(".share-bar .share-poster")),
    ("channel-dialog", click!(".channels .channel-qr")),
    (
        "figure",
        scroll_to!(".article-body figure.figure:not(.poster):not(.video)"),
    ),
    ("video", scroll_to!(".article-body figure.video")),
    ("poster", scroll_to!(".article-body figure.poster")),
    ("poster-viewer", click!("figure.poster .poster-open")),
    ("credits", scroll_to!(".credits")),
    // Saving data: the figure waits as a placeholder of its size. Last, as it
    // leaves the page saving data.
    (
        "data-saver",
        "document.documentElement.setAttribute('data-save-data', ''); \
         const e = document.querySelector('.article-body .picture-frame'); \
         if (e) e.closest('figure').scrollIntoView({block: 'center'}); return e !== null",
    ),
];

/// Parts of other articles: a name, the article's path, and the script.
const OTHER_PARTS: [(&str, &str, &str); 3] = [
    (
        "social",
        "/articles/shenzhen-prepares-apec-2026",
        "const e = document.querySelector('.figure.social'); \
         if (e) e.scrollIntoView({block: 'start'}); return e !== null",
    ),
    // The seed's Chinese translation, and its link back under the headline.
    (
        "bilingual",
        "/articles/korea-china-new-cooperation-models-zh",
        "window.scrollTo(0, 0); return document.querySelector('.translations a') !== null",
    ),
    // The interface in Traditional Chinese, chosen in the settings panel.
    (
        "traditional-chinese",
        SEED_PATH,
        "const open = document.querySelector('.reading-settings-open'); if (!open) return false; open.click(); \
         return new Promise((done) => { const choose = () => { const zhHant = document.querySelector('#setting-language-3'); \
           if (zhHant) { zhHant.click(); setTimeout(() => done(true), 1500); } else setTimeout(choose, 100); }; choose(); })",
    ),
];

/// One screenshot: its file, and the viewport the engine actually gave. Engines
/// keep a minimum window width (Firefox 500 px, WebKitGTK's MiniBrowser about
/// 450), so a phone's 390 is not always what was drawn.
pub struct Shot {
    pub file: String,
    pub viewport: String,
}

/// The themes a reader can pick, and the parts worth a look in each: every
/// part in light, the ones where colour matters most in dark.
const THEMES: [(&str, &[&str]); 2] = [
    ("light", &[]),
    (
        "dark",
        &[
            "top",
            "share-bar",
            "wechat-dialog",
            "figure",
            "poster",
            "credits",
        ],
    ),
];

/// Whether `part` is taken in `theme`.
fn taken_in(theme: &str, part: &str) -> bool {
    THEMES
        .iter()
        .find(|(name, _)| *name == theme)
        .is_some_and(|(_, parts)| parts.is_empty() || parts.contains(&part))
}

/// Takes every part in every window and theme.
pub async fn take(page: &Page, folder: &Path) -> Result<Vec<Shot>, String> {
    let mut written = Vec::new();
    for ((window, width, height), (theme, _)) in WINDOWS
        .into_iter()
        .flat_map(|window| THEMES.into_iter().map(move |theme| (window, theme)))
    {
        page.set_window_size(width, height).await?;
        page.open(SEED_PATH).await?;
        page.execute(&format!(
            "localStorage.setItem('broadsheet:settings', JSON.stringify({{theme: '{theme}'}})); return true"
        ))
        .await?;
        page.reload().await?;
        page.find("h1.headline").await?;
        let viewport = page
            .execute("return `${innerWidth}×${innerHeight}`")
            .await?
            .as_str()
            .unwrap_or("unknown")
            .to_owned();
        // Let images and fonts settle before the first picture.
        page.execute("return document.fonts ? document.fonts.ready.then(() => true) : true")
            .await?;
        for (part, script) in PARTS.into_iter().filter(|(part, _)| taken_in(theme, part)) {
            // Each part starts with no dialog open.
            page.execute(
                "document.querySelectorAll('dialog[open]').forEach(d => d.close()); return true",
            )
            .await?;
            if page.execute(script).await? != serde_json::Value::Bool(true) {
                return Err(format!("the seed article has no {part}"));
            }
            let file = format!("{}-{window}-{theme}-{part}.png", page.engine());
            written.push(shot(page, folder, file, &viewport).await?);
        }
        if theme != "light" {
            continue;
        }
        for (part, path, script) in OTHER_PARTS {
            page.open(path).await?;
            if page.execute(script).await? != serde_json::Value::Bool(true) {
                return Err(format!("{path} has no {part}"));
            }
            let file = format!("{}-{window}-{theme}-{part}.png", page.engine());
            written.push(shot(page, folder, file, &viewport).await?);
        }
    }
    Ok(written)
}

/// The window as it is now, written to `folder/file`, once images have had
/// time to arrive and the share poster to be drawn.
async fn shot(page: &Page, folder: &Path, file: String, viewport: &str) -> Result<Shot, String> {
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    std::fs::write(folder.join(&file), page.screenshot().await?)
        .context(&format!("writing {file}"))?;
    Ok(Shot {
        file,
        viewport: viewport.to_owned(),
    })
}

/// A page showing each part in each window with the engines side by side.
pub fn write_index(folder: &Path, engines: &[&str], shots: &[Shot]) -> std::io::Result<()> {
    let mut html = String::from(
        "<!doctype html><meta charset=utf-8><title>Broadsheet in every engine</title>\
         <style>body{font:14px system-ui;margin:1rem}table{border-collapse:collapse}\
         td,th{vertical-align:top;padding:4px;border:1px solid #ccc}img{max-width:420px}</style>\
         <h1>The seed article in each engine, light and dark</h1><table><tr><th></th>",
    );
    for engine in engines {
        let _ = write!(html, "<th>{engine}</th>");
    }
    html.push_str("</tr>");
    for (window, _, _) in WINDOWS {
        for (theme, _) in THEMES {
            let others = OTHER_PARTS
                .into_iter()
                .map(|(part, ..)| part)
                .filter(|_| theme == "light");
            for part in PARTS
                .into_iter()
                .filter(|(part, _)| taken_in(theme, part))
                .map(|(part, _)| part)
                .chain(others)
            {
                let _ = write!(html, "<tr><th>{window}<br>{theme}<br>{part}</th>");
                for engine in engines {
                    let file = format!("{engine}-{window}-{theme}-{part}.png");
                    if let Some(shot) = shots.iter().find(|shot| shot.file == file) {
                        let _ = write!(html, "<td><a href='{file}'><img src='{file}' alt='{engine} {window} {part}'></a><br>viewport {}</td>", shot.viewport);
                    } else {
                        html.push_str("<td>not taken</td>");
                    }
                }
                html.push_str("</tr>");
            }
        }
    }
    html.push_str("</table>");
    std::fs::write(folder.join("index.html"), html)
}
