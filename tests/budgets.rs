//! The download budgets of the release build (`dist/`, which `make test`
//! builds first), as the build wrote its brotli copies: sizes are
//! deterministic, so they are held here; times stay in the benchmark
//! (`make bench`).
//!
//! - A reader who opens a prerendered article and only reads downloads the
//!   scripts the page names (the loader, the settings script) and the
//!   service worker, and none of the app: at most [`READING_BUDGET`].
//! - The whole app, its wasm and the JS wasm-bindgen wrote for it, which the
//!   first control a reader uses loads: at most [`APP_BUDGET`].

use std::path::{Path, PathBuf};

/// What a reading-only visit may download of JS and wasm, brotli.
const READING_BUDGET: u64 = 60 * 1024;

/// The whole app, brotli: the size it had when this budget was set, and a
/// margin of about 1%; lower it as the app shrinks. Each feature that grows
/// it says by how much: 288 KiB until Listen (issue 21), which added 8 KB,
/// translations, 2.5 KB, pictures that wait for a tap to save data
/// (`<picture>`, the setting, the loader's data saver), 4 KB, and social
/// posts' facades, 4.5 KB.
const APP_BUDGET: u64 = 308 * 1024;

const SEED: &str = "korea-china-new-cooperation-models";

fn dist() -> PathBuf {
    let dist = std::env::var("BROADSHEET_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dist.join("articles")
            .join(SEED)
            .join("index.html")
            .is_file(),
        "no release build in {} (make dist)",
        dist.display()
    );
    dist
}

/// The size of the brotli copy the build wrote of `file` (an address).
fn brotli_size(dist: &Path, file: &str) -> u64 {
    let copy = dist.join(format!("{}.br", file.trim_start_matches('/')));
    std::fs::metadata(&copy)
        .unwrap_or_else(|e| panic!("{}: {e}", copy.display()))
        .len()
}

/// The `src` of every `<script>` in `page` that names one.
fn script_sources(page: &str) -> Vec<String> {
    page.split("<script")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>')?];
            let src = tag.split("src=\"").nth(1)?;
            Some(src[..src.find('"')?].to_owned())
        })
        .collect()
}

#[test]
fn a_reading_only_visit_downloads_none_of_the_app() {
    let dist = dist();
    let page = std::fs::read_to_string(dist.join("articles").join(SEED).join("index.html"))
        .expect("the seed's page");
    assert!(
        !page.contains(".wasm") && !page.contains("modulepreload"),
        "a prerendered page preloads none of the app"
    );
    let scripts = script_sources(&page);
    assert!(
        scripts.iter().any(|src| src.contains("/loader-")),
        "the page names its loader: {scripts:?}"
    );
    let loader = scripts
        .iter()
        .find(|src| src.contains("/loader-"))
        .map(|src| std::fs::read_to_string(dist.join(src.trim_start_matches('/'))))
        .expect("the loader's address")
        .expect("the loader");
    let waits = loader.find("await appNeeded(");
    let imports = loader.find("await import(");
    assert!(
        waits.is_some() && waits < imports,
        "the loader imports the app only once the page needs it"
    );
    let mut downloaded: Vec<(String, u64)> = scripts
        .iter()
        .filter(|src| src.starts_with('/'))
        .map(|src| (src.clone(), brotli_size(&dist, src)))
        .collect();
    downloaded.push(("/sw.js".to_owned(), brotli_size(&dist, "/sw.js")));
    let total: u64 = downloaded.iter().map(|(_, size)| size).sum();
    assert!(
        total <= READING_BUDGET,
        "a reading-only visit downloads {total} B of JS, over {READING_BUDGET}: {downloaded:?}"
    );
}

#[test]
fn the_whole_app_keeps_to_its_budget() {
    let dist = dist();
    let wasm: Vec<String> = std::fs::read_dir(&dist)
        .expect("the build")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with("_bg.wasm"))
        .collect();
    assert_eq!(wasm.len(), 1, "one app in the build: {wasm:?}");
    let glue = wasm[0].replace("_bg.wasm", ".js");
    let total = brotli_size(&dist, &wasm[0]) + brotli_size(&dist, &glue);
    assert!(
        total <= APP_BUDGET,
        "the whole app is {total} B brotli, over its budget of {APP_BUDGET}"
    );
}
