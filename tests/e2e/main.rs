//! End-to-end tests: the release build, served over HTTP by the same host as
//! `make serve`, read in a real browser driven over WebDriver, as a reader would.
//!
//! `make test` builds `dist/` first. Environment: `BROADSHEET_DIST` (default
//! `dist`), `BROADSHEET_ENGINES` (default `chromium`).

#[cfg(not(target_arch = "wasm32"))]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod engines;
#[cfg(not(target_arch = "wasm32"))]
mod scenarios;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() {
    use std::path::PathBuf;

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dist = std::env::var("BROADSHEET_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("dist"));
    if !dist.join("index.html").is_file() {
        eprintln!(
            "e2e: no build at {} — run `make test`, which builds it first",
            dist.display()
        );
        std::process::exit(1);
    }
    // Documents the tests change while they run (the Retry scenario).
    let scratch = std::env::temp_dir().join(format!("broadsheet-e2e-{}", std::process::id()));
    std::fs::create_dir_all(scratch.join("articles")).expect("a scratch folder");
    let roots = vec![dist, root.join("tests/fixtures/content"), scratch.clone()];
    let host = broadsheet_host::start("127.0.0.1:0", roots).expect("the host starts");
    let base = format!("http://{}", host.address);
    println!("e2e: serving the release build at {base}");

    let names = std::env::var("BROADSHEET_ENGINES").unwrap_or_else(|_| "chromium".to_owned());
    let mut total_failed = 0;
    let mut total_passed = 0;
    for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let Some(engine) = engines::by_name(name) else {
            eprintln!("e2e: unknown engine {name}");
            std::process::exit(2);
        };
        let (passed, failed) = engines::run_all(&engine, &base, &scratch).await;
        println!("e2e {}: {passed} passed, {failed} failed", engine.name);
        total_passed += passed;
        total_failed += failed;
    }
    let _ = std::fs::remove_dir_all(&scratch);
    println!("{total_passed} passed, {total_failed} failed");
    if total_failed > 0 {
        std::process::exit(1);
    }
}
