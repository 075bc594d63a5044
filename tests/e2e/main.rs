//! End-to-end tests: the release build, served over HTTP by the same host as
//! `make serve`, read in a real browser driven over WebDriver, as a reader would.
//!
//! `make test` builds `dist/` first. Environment: `BROADSHEET_DIST` (default
//! `dist`), `BROADSHEET_ENGINES` (default all three: `chromium,firefox,webkit`).
//! With Chromium among them, a second pass runs the scenarios declared
//! `[nginx]` (`scenarios::Scenario::through_nginx`) in Chromium against the
//! same build served by the production nginx configuration, with the
//! documents from the test host behind it as from a newsroom's CMS. A pass
//! with no scenario declared for it fails, and so does a run in which no
//! scenario ran at all.
//! With `-- --screenshots FOLDER` it takes screenshots instead of testing.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../support/binaries.rs"]
mod binaries;
#[cfg(not(target_arch = "wasm32"))]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod embed;
#[cfg(not(target_arch = "wasm32"))]
mod engines;
#[cfg(not(target_arch = "wasm32"))]
mod hardening;
#[cfg(not(target_arch = "wasm32"))]
mod listening;
#[cfg(not(target_arch = "wasm32"))]
mod lists;
#[cfg(not(target_arch = "wasm32"))]
mod network;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../support/nginx.rs"]
mod nginx;
#[cfg(not(target_arch = "wasm32"))]
mod offline;
#[cfg(not(target_arch = "wasm32"))]
mod pictures;
#[cfg(not(target_arch = "wasm32"))]
mod prerender;
#[cfg(not(target_arch = "wasm32"))]
mod publishing;
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
#[cfg(not(target_arch = "wasm32"))]
mod social;

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
    if engines.is_empty() {
        eprintln!(
            "e2e: BROADSHEET_ENGINES={names:?} names no engine; known: {}",
            engines::ALL
        );
        std::process::exit(2);
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
            let (mut failed, mut ran) = run_tests(&engines, &base, &scratch).await;
            let chromium = engines.iter().find(|engine| engine.name == "chromium");
            if let Some(chromium) = chromium {
                let cms = host.address.to_string();
                let (nginx_failed, nginx_ran) =
                    run_through_nginx(chromium, &root, &scratch, &cms).await;
                failed |= nginx_failed;
                ran += nginx_ran;
            }
            if ran == 0 {
                println!("e2e: no scenario ran at all (is BROADSHEET_ONLY a name's word?)");
            }
            failed || ran == 0
        }
    };
    let _ = std::fs::remove_dir_all(&scratch);
    if failed {
        std::process::exit(1);
    }
}

/// Runs the suite once per engine and prints each engine's counts; returns
/// whether any failed (or had no scenario), and how many scenarios ran.
#[cfg(not(target_arch = "wasm32"))]
async fn run_tests(
    engines: &[engines::Engine],
    base: &str,
    scratch: &std::path::Path,
) -> (bool, usize) {
    let mut summary = Vec::new();
    let (mut failed, mut ran) = (false, 0);
    for engine in engines {
        match engines::run_all(engine, base, scratch).await {
            Ok(tally) => {
                summary.push(format!(
                    "{}: {} passed, {} failed",
                    engine.name, tally.passed, tally.failed
                ));
                failed |= tally.failed > 0;
                ran += tally.passed + tally.failed;
            }
            Err(error) => {
                println!("{error}");
                summary.push(format!("{}: {error}", engine.name));
                failed = true;
            }
        }
    }
    println!("e2e results: {}", summary.join("; "));
    (failed, ran)
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

/// Serves the build and the test documents with nginx and the production
/// configuration, the documents coming from `cms` (the test host) as from a
/// newsroom's CMS, and runs the scenarios declared `[nginx]` in Chromium;
/// returns whether any failed (or none was declared), and how many ran.
#[cfg(not(target_arch = "wasm32"))]
async fn run_through_nginx(
    chromium: &engines::Engine,
    root: &std::path::Path,
    scratch: &std::path::Path,
    cms: &str,
) -> (bool, usize) {
    const LABEL: &str = "chromium+nginx";
    let declared: Vec<&scenarios::Scenario> = scenarios::all()
        .filter(|scenario| scenario.through_nginx)
        .collect();
    let chosen = match engines::choose(LABEL, declared) {
        Ok(chosen) => chosen,
        Err(error) => {
            println!("{error}");
            return (true, 0);
        }
    };
    if chosen.is_empty() {
        // BROADSHEET_ONLY asked for none of them: nothing to serve.
        return (false, 0);
    }
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
        println!("e2e {LABEL}: cannot copy the build to {}", site.display());
        let _ = std::fs::remove_dir_all(&site);
        return (true, 0);
    }
    let nginx = match nginx::start(&site, Some(cms)) {
        Ok(nginx) => nginx,
        Err(error) => {
            println!("e2e {LABEL}: {error}");
            let _ = std::fs::remove_dir_all(&site);
            return (true, 0);
        }
    };
    let base = format!("http://127.0.0.1:{}", nginx.port);
    println!("e2e {LABEL}: the production configuration serves the build at {base}");
    let tally = engines::run_scenarios(chromium, LABEL, &base, scratch, &chosen).await;
    println!(
        "e2e results through nginx: chromium: {} passed, {} failed",
        tally.passed, tally.failed
    );
    drop(nginx);
    let _ = std::fs::remove_dir_all(&site);
    (tally.failed > 0, tally.passed + tally.failed)
}
