//! End-to-end tests: the release build, served over HTTP by the same host as
//! `make serve`, read in a real browser driven over WebDriver, as a reader would.
//!
//! `make test` builds `dist/` first. Environment: `BROADSHEET_DIST` (default
//! `dist`), `BROADSHEET_ENGINES` (default all three: `chromium,firefox,webkit`).
//! With Chromium among them, a second pass runs [`THROUGH_NGINX`] in Chromium
//! against the same build served by the production nginx configuration, with
//! the documents from the test host behind it as from a newsroom's CMS.
//! With `-- --screenshots FOLDER` it takes screenshots instead of testing.

#[cfg(not(target_arch = "wasm32"))]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod embed;
#[cfg(not(target_arch = "wasm32"))]
mod engines;
#[cfg(not(target_arch = "wasm32"))]
mod hardening;
#[cfg(not(target_arch = "wasm32"))]
mod network;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../support/nginx.rs"]
mod nginx;
#[cfg(not(target_arch = "wasm32"))]
mod offline;
#[cfg(not(target_arch = "wasm32"))]
mod prerender;
#[cfg(not(target_arch = "wasm32"))]
mod qr;
#[cfg(not(target_arch = "wasm32"))]
mod reading;
#[cfg(not(target_arch = "wasm32"))]
mod scenarios;
#[cfg(not(target_arch = "wasm32"))]
mod screenshots;
#[cfg(not(target_arch = "wasm32"))]
mod sharing;

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

    let names = std::env::var("BROADSHEET_ENGINES").unwrap_or_else(|_| engines::ALL.to_owned());
    let mut engines = Vec::new();
    for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match engines::by_name(name) {
            Some(engine) => engines.push(engine),
            None => {
                eprintln!("e2e: unknown engine {name}; known: {}", engines::ALL);
                std::process::exit(2);
            }
        }
    }

    let arguments: Vec<String> = std::env::args().collect();
    let screenshot_folder = arguments
        .iter()
        .position(|a| a == "--screenshots")
        .and_then(|i| arguments.get(i + 1))
        .map(PathBuf::from);
    let failed = match screenshot_folder {
        Some(folder) => take_screenshots(&engines, &base, &scratch, &folder).await,
        None => {
            let failed = run_tests(&engines, &base, &scratch).await;
            let chromium = engines.iter().find(|engine| engine.name == "chromium");
            match chromium {
                Some(chromium) => {
                    let cms = host.address.to_string();
                    run_through_nginx(chromium, &root, &scratch, &cms).await || failed
                }
                None => failed,
            }
        }
    };
    let _ = std::fs::remove_dir_all(&scratch);
    if failed {
        std::process::exit(1);
    }
}

/// Runs the suite once per engine and prints each engine's counts; true if any failed.
#[cfg(not(target_arch = "wasm32"))]
async fn run_tests(engines: &[engines::Engine], base: &str, scratch: &std::path::Path) -> bool {
    let mut summary = Vec::new();
    for engine in engines {
        println!("e2e {}: running", engine.name);
        let (passed, failed) = engines::run_all(engine, base, scratch).await;
        summary.push(format!("{}: {passed} passed, {failed} failed", engine.name));
    }
    println!("e2e results: {}", summary.join("; "));
    summary.iter().any(|line| !line.ends_with(" 0 failed"))
}

/// Writes the seed article's screenshots from each engine; true if any failed.
#[cfg(not(target_arch = "wasm32"))]
async fn take_screenshots(
    engines: &[engines::Engine],
    base: &str,
    scratch: &std::path::Path,
    folder: &std::path::Path,
) -> bool {
    if let Err(error) = std::fs::create_dir_all(folder) {
        eprintln!("screenshots: cannot create {}: {error}", folder.display());
        return true;
    }
    let mut failed = false;
    let mut shots = Vec::new();
    for engine in engines {
        match engines::screenshots(engine, base, scratch, folder).await {
            Ok(taken) => {
                println!("screenshots {}: {} written", engine.name, taken.len());
                shots.extend(taken);
            }
            Err(error) => {
                failed = true;
                println!("screenshots {}: {error}", engine.name);
            }
        }
    }
    let names: Vec<&str> = engines.iter().map(|e| e.name).collect();
    match screenshots::write_index(folder, &names, &shots) {
        Ok(()) => println!("screenshots: open {}", folder.join("index.html").display()),
        Err(error) => {
            failed = true;
            eprintln!("screenshots: cannot write the index: {error}");
        }
    }
    failed
}

/// The scenarios that also run through nginx with the production
/// configuration: what its headers could break (the policy, framing, the
/// service worker), what hostile and broken documents do there, and a failing
/// newsroom server behind it (the test host's faults, through
/// `cms-upstream.conf`), where nginx answers 504 for one that never does.
#[cfg(not(target_arch = "wasm32"))]
pub const THROUGH_NGINX: &[&str] = &[
    "the_seed_article_reads_in_full",
    "a_broken_article_says_so_and_offers_retry",
    "retry_recovers_once_the_document_is_fixed",
    "each_failing_answer_gets_its_own_message_and_retry_recovers",
    "a_server_that_never_answers_is_given_up_on_with_retry",
    "a_slow_answer_for_a_page_left_never_replaces_the_next",
    "the_readers_place_survives_an_error_a_retry_and_back",
    "a_messy_article_renders_what_can_be_read",
    "a_hostile_document_shows_its_text_and_runs_nothing",
    "a_path_walking_address_fetches_nothing",
    "no_page_breaks_the_content_security_policy",
    "a_partner_page_shows_two_embeds_each_as_tall_as_its_article",
    "the_service_worker_controls_the_page",
    "axe_finds_no_accessibility_violations",
];

/// Serves the build and the test documents with nginx and the production
/// configuration, the documents coming from `cms` (the test host) as from a
/// newsroom's CMS, and runs [`THROUGH_NGINX`] in Chromium; true if any failed.
#[cfg(not(target_arch = "wasm32"))]
async fn run_through_nginx(
    chromium: &engines::Engine,
    root: &std::path::Path,
    scratch: &std::path::Path,
    cms: &str,
) -> bool {
    let dist = std::env::var("BROADSHEET_DIST")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root.join("dist"));
    // One folder, as nginx serves one root: the build and the test documents.
    let site = std::env::temp_dir().join(format!("broadsheet-e2e-nginx-{}", std::process::id()));
    let copied = std::fs::create_dir_all(&site).is_ok()
        && [dist.join("."), root.join("tests/fixtures/content/.")]
            .iter()
            .all(|from| {
                std::process::Command::new("cp")
                    .arg("-a")
                    .arg(from)
                    .arg(&site)
                    .status()
                    .is_ok_and(|status| status.success())
            });
    if !copied {
        println!(
            "e2e chromium+nginx: cannot copy the build to {}",
            site.display()
        );
        return true;
    }
    let nginx = match nginx::start(&site, Some(cms)) {
        Ok(nginx) => nginx,
        Err(error) => {
            println!("e2e chromium+nginx: {error}");
            let _ = std::fs::remove_dir_all(&site);
            return true;
        }
    };
    let base = format!("http://127.0.0.1:{}", nginx.port);
    println!("e2e chromium+nginx: the production configuration serves the build at {base}");
    let chosen: Vec<&scenarios::Scenario> = scenarios::all()
        .filter(|scenario| THROUGH_NGINX.contains(&scenario.name))
        .collect();
    let (passed, failed) =
        engines::run_scenarios(chromium, "chromium+nginx", &base, scratch, &chosen).await;
    println!("e2e results through nginx: chromium: {passed} passed, {failed} failed");
    drop(nginx);
    let _ = std::fs::remove_dir_all(&site);
    failed > 0
}
