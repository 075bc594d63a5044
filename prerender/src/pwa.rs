//! What makes the release build installable and readable offline, written from
//! the build itself: the web app manifest from `site.json`, the install icons
//! rasterised from the publication's SVG logo, and the service worker with the
//! list of files to precache taken from the hashed files trunk wrote, where
//! the content lives, and the cache names and key rules it shares with the
//! page. Nothing here is kept by hand.

use crate::files::{dist_file, read, write};
use broadsheet::content::embedded::{EMBEDDED_DOCUMENT_ATTRIBUTE, FOLLOWED_DOCUMENT_ATTRIBUTE};
use broadsheet::content::ContentBase;
use broadsheet::model::{publication_name, MediaUrl, Site};
use broadsheet::platform::offline_cache::{
    ACTIVATE_MESSAGE, DOCUMENT_CACHE, KEEP_MESSAGE, MEDIA_CACHE, SAVED_CACHE, SHELL_CACHE_PREFIX,
    TRACKING_PARAMETERS, WITHDRAWN_QUESTION,
};
use broadsheet::routes::{rendition_pattern, APP_SHELL, FRONT_PAGE, SERVICE_WORKER};
use serde_json::json;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// The service worker, with `__PRECACHE__`, `__VERSION__`, `__CONTENT_BASE__`
/// and the names it shares with the page to fill in.
const SERVICE_WORKER_SOURCE: &str = include_str!("../../src/pwa/service-worker.js");

/// The app's accent (`--accent` in style/tokens.css) and paper colours, used
/// when `site.json` gives none.
const DEFAULT_THEME: &str = "#8b1e2d";
const DEFAULT_BACKGROUND: &str = "#fffdf9";

/// The install icons: file, size, and whether it is maskable (drawn inside the
/// safe zone on the theme colour, for launchers that crop icons to a shape).
const ICONS: [(&str, u32, bool); 4] = [
    ("icons/icon-192.png", 192, false),
    ("icons/icon-512.png", 512, false),
    ("icons/maskable-512.png", 512, true),
    ("icons/apple-touch-icon.png", 180, false),
];

/// Writes the manifest, the icons and `sw.js` into `dist`.
pub fn write_all(dist: &Path, site: Option<&Site>, content: &ContentBase) -> Result<(), String> {
    let theme = site
        .and_then(|site| site.theme_color.as_deref())
        .unwrap_or(DEFAULT_THEME);
    let background = site
        .and_then(|site| site.background_color.as_deref())
        .unwrap_or(DEFAULT_BACKGROUND);
    let logo = site
        .and_then(|site| site.logo.as_ref())
        .and_then(|logo| logo_svg(dist, logo, content));
    if logo.is_none() {
        eprintln!(
            "prerender: no SVG logo in site.json to draw install icons from; plain icons written"
        );
    }
    for (file, size, maskable) in ICONS {
        let png = icon(logo.as_ref(), size, maskable, theme)?;
        std::fs::create_dir_all(dist.join("icons")).map_err(|e| e.to_string())?;
        crate::files::replace(&dist.join(file), png)?;
    }
    write(
        &dist.join("manifest.webmanifest"),
        manifest(site, theme, background).to_string(),
    )?;
    write(
        &dist_file(dist, SERVICE_WORKER),
        &service_worker(dist, content)?,
    )
}

fn manifest(site: Option<&Site>, theme: &str, background: &str) -> serde_json::Value {
    let name = publication_name(site);
    let short_name = site
        .and_then(|site| site.short_name.as_deref())
        .unwrap_or(name);
    let language = site
        .and_then(|site| site.languages.first())
        .map_or("en", String::as_str);
    let icons: Vec<_> = ICONS
        .iter()
        .filter(|(file, ..)| !file.contains("apple-touch"))
        .map(|(file, size, maskable)| {
            json!({
                "src": format!("/{file}"),
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                "purpose": if *maskable { "maskable" } else { "any" },
            })
        })
        .collect();
    json!({
        "id": FRONT_PAGE,
        "name": name,
        "short_name": short_name,
        "lang": language,
        "start_url": FRONT_PAGE,
        "scope": FRONT_PAGE,
        "display": "standalone",
        "theme_color": theme,
        "background_color": background,
        "icons": icons,
    })
}

/// The logo's SVG, when the build holds it as a file (a logo on another
/// origin or in another format is not drawn).
fn logo_svg(dist: &Path, logo: &MediaUrl, content: &ContentBase) -> Option<resvg::usvg::Tree> {
    let url = content.media(logo);
    let path = url.strip_prefix('/')?;
    if !path.ends_with(".svg") || path.contains("..") {
        return None;
    }
    let data = std::fs::read(dist.join(path)).ok()?;
    resvg::usvg::Tree::from_data(&data, &resvg::usvg::Options::default()).ok()
}

/// A square PNG: the logo filling it, or for a maskable icon the logo inside
/// the central 80% safe zone on the theme colour.
fn icon(
    logo: Option<&resvg::usvg::Tree>,
    size: u32,
    maskable: bool,
    theme: &str,
) -> Result<Vec<u8>, String> {
    use resvg::tiny_skia::{Color, Pixmap, Transform};
    let mut pixmap = Pixmap::new(size, size).ok_or("icon size")?;
    let (r, g, b) = hex_rgb(theme).unwrap_or((0x8b, 0x1e, 0x2d));
    if maskable || logo.is_none() {
        pixmap.fill(Color::from_rgba8(r, g, b, 255));
    }
    if let Some(logo) = logo {
        let box_size = if maskable {
            size as f32 * 0.8
        } else {
            size as f32
        };
        let logo_size = logo.size();
        let scale = box_size / logo_size.width().max(logo_size.height());
        let offset = (size as f32 - box_size) / 2.0;
        let transform = Transform::from_row(scale, 0.0, 0.0, scale, offset, offset);
        resvg::render(logo, transform, &mut pixmap.as_mut());
    }
    pixmap.encode_png().map_err(|e| format!("icon: {e}"))
}

fn hex_rgb(color: &str) -> Option<(u8, u8, u8)> {
    let hex = color.strip_prefix('#')?;
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    (hex.len() == 6).then_some(())?;
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// `sw.js`: the template with the app shell (every file trunk wrote with a
/// content hash in its name, the shell page, the manifest and the icons),
/// precached but for the app's code, which is kept when a page first loads
/// it (a reader who only reads prerendered pages never does), a version that changes whenever any of them does, and the content
/// base, whose origin the worker serves too (a CDN as content base).
fn service_worker(dist: &Path, content: &ContentBase) -> Result<String, String> {
    let mut shell: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot list {}: {e}", dist.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| is_hashed_asset(name))
        .map(|name| format!("/{name}"))
        .collect();
    shell.extend(
        [APP_SHELL, "/manifest.webmanifest"]
            .into_iter()
            .map(str::to_owned),
    );
    shell.extend(ICONS.iter().map(|(file, ..)| format!("/{file}")));
    shell.sort();
    let (app_code, precached): (Vec<String>, Vec<String>) = shell
        .iter()
        .cloned()
        .partition(|file| is_app_code(file, &shell));
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    shell.hash(&mut hasher);
    read(&dist_file(dist, APP_SHELL))?.hash(&mut hasher);
    SERVICE_WORKER_SOURCE.hash(&mut hasher);
    let content_base = content.file("");
    content_base.hash(&mut hasher);
    let version = format!("{:016x}", hasher.finish());
    let precache = serde_json::to_string(&precached).map_err(|e| e.to_string())?;
    let app_code = serde_json::to_string(&app_code).map_err(|e| e.to_string())?;
    let tracking = serde_json::to_string(TRACKING_PARAMETERS).map_err(|e| e.to_string())?;
    let shell_file = serde_json::to_string(&shell_file_pattern()).map_err(|e| e.to_string())?;
    let rendition = serde_json::to_string(&rendition_pattern()).map_err(|e| e.to_string())?;
    let mut worker = SERVICE_WORKER_SOURCE.to_owned();
    for (placeholder, value) in [
        ("__VERSION__", version.as_str()),
        ("__PRECACHE__", precache.as_str()),
        ("__APP_CODE__", app_code.as_str()),
        ("__SHELL_CACHE_PREFIX__", SHELL_CACHE_PREFIX),
        ("__DOCUMENT_CACHE__", DOCUMENT_CACHE),
        ("__MEDIA_CACHE__", MEDIA_CACHE),
        ("__SAVED_CACHE__", SAVED_CACHE),
        ("__TRACKING_PARAMETERS__", tracking.as_str()),
        ("__CONTENT_BASE__", content_base.as_str()),
        ("__SHELL_FILE_PATTERN__", shell_file.as_str()),
        ("__RENDITION_PATTERN__", rendition.as_str()),
        ("__ACTIVATE_MESSAGE__", ACTIVATE_MESSAGE),
        ("__KEEP_MESSAGE__", KEEP_MESSAGE),
        ("__WITHDRAWN_QUESTION__", WITHDRAWN_QUESTION),
        (
            "__EMBEDDED_DOCUMENT_ATTRIBUTE__",
            EMBEDDED_DOCUMENT_ATTRIBUTE,
        ),
        (
            "__FOLLOWED_DOCUMENT_ATTRIBUTE__",
            FOLLOWED_DOCUMENT_ATTRIBUTE,
        ),
        ("__APP_SHELL__", APP_SHELL),
    ] {
        worker = worker.replace(placeholder, value);
    }
    if let Some(left) = worker.find("__") {
        return Err(format!(
            "sw.js: a placeholder is left unfilled at byte {left}"
        ));
    }
    Ok(worker)
}

/// The fewest hex digits in the hash trunk puts in a file's name.
const HASH_DIGITS: usize = 15;

/// Trunk names what it builds `name-HASH.ext`: these never change in place.
/// Whether a file of the shell is the app's code: a wasm and the JavaScript
/// that wasm-bindgen wrote for it (`/name-HASH_bg.wasm`, `/name-HASH.js`).
fn is_app_code(file: &str, shell: &[String]) -> bool {
    file.ends_with("_bg.wasm")
        || file.strip_suffix(".js").is_some_and(|stem| {
            shell
                .iter()
                .any(|other| *other == format!("{stem}_bg.wasm"))
        })
}

fn is_hashed_asset(name: &str) -> bool {
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    matches!(extension, "js" | "wasm" | "css" | "svg")
        && stem.rsplit_once('-').is_some_and(|(_, hash)| {
            hash.len() >= HASH_DIGITS && hash.chars().all(|c| c.is_ascii_hexdigit())
        })
}

/// A JavaScript regular expression for the shell's stylesheet, script and
/// wasm as a page names them (`/name-HASH.css`): the worker tells by it a kept
/// page of another build. Hashed SVGs are left out, as a newsroom's pictures
/// may be named so too.
fn shell_file_pattern() -> String {
    format!("/[A-Za-z0-9_.-]+-[0-9a-f]{{{HASH_DIGITS},}}(?:_bg)?\\.(?:js|wasm|css)\\b")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_told_from_content() {
        assert!(is_hashed_asset("broadsheet-7c31435bdf6673b9_bg.wasm"));
        assert!(is_hashed_asset("broadsheet-7c31435bdf6673b9.js"));
        assert!(is_hashed_asset("logo-fb4172ddb8e77844.svg"));
        assert!(!is_hashed_asset("site.json"));
        assert!(!is_hashed_asset("sw.js"));
        assert!(!is_hashed_asset("kim-mun-hwan.svg"));
    }

    #[test]
    fn the_worker_is_filled_in_whole() {
        let dist = std::env::temp_dir().join(format!("broadsheet-pwa-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("app.html"), "<html>").unwrap();
        std::fs::write(dist.join("broadsheet-7c31435bdf6673b9.css"), "").unwrap();
        let cdn = ContentBase::new("https://cdn.example.com/news");
        let worker = service_worker(&dist, &cdn).unwrap();
        assert!(worker.contains("const CONTENT_BASE = 'https://cdn.example.com/news/';"));
        assert!(worker.contains("\"/broadsheet-7c31435bdf6673b9.css\""));
        assert!(worker.contains(&format!("const SAVED_CACHE = '{SAVED_CACHE}';")));
        assert!(worker.contains("\"utm_*\""));
        let same_origin = service_worker(&dist, &ContentBase::default()).unwrap();
        assert_ne!(
            version_of(&worker),
            version_of(&same_origin),
            "another content base is another version"
        );
    }

    fn version_of(worker: &str) -> &str {
        worker
            .lines()
            .find(|line| line.starts_with("const VERSION = "))
            .unwrap()
    }

    #[test]
    fn theme_colours_are_read_as_hex() {
        assert_eq!(hex_rgb("#8b1e2d"), Some((0x8b, 0x1e, 0x2d)));
        assert_eq!(hex_rgb("red"), None);
        assert_eq!(hex_rgb("#8b1e2"), None);
    }
}
