//! Browser engines and their WebDriver servers: Chromium (Blink), Firefox
//! (Gecko) and WebKit. Starts each driver, opens a fresh session for each
//! scenario, and stops the driver (and its whole process group) at the end.

use crate::browser::{Outcome, Page};
use crate::scenarios::{self, Scenario, ScenarioRun};
use fantoccini::ClientBuilder;
use serde_json::{json, Value};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Every engine a reader might use, in the order `make test` runs them.
pub const ALL: &str = "chromium,firefox,webkit";

/// The width and height every session opens with: a laptop's window.
pub const WINDOW: (u32, u32) = (1280, 1000);

pub struct Engine {
    pub name: &'static str,
    /// The driver program and its arguments, given the port to listen on.
    driver: fn(u16) -> Vec<String>,
    /// Environment for the driver and the browser it starts.
    environment: &'static [(&'static str, &'static str)],
    capabilities: fn() -> Value,
}

pub fn by_name(name: &str) -> Option<Engine> {
    match name {
        "chromium" => Some(Engine {
            name: "chromium",
            driver: |port| vec!["chromedriver".into(), format!("--port={port}")],
            environment: &[],
            capabilities: || {
                json!({
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": "/usr/bin/chromium",
                        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                 "--no-first-run", format!("--window-size={},{}", WINDOW.0, WINDOW.1)]
                    }
                })
            },
        }),
        "firefox" => Some(Engine {
            name: "firefox",
            driver: |port| {
                vec![
                    "geckodriver".into(),
                    format!("--port={port}"),
                    // geckodriver's own Marionette port would otherwise be
                    // shared, and two drivers at once would collide.
                    "--marionette-port=0".into(),
                ]
            },
            environment: &[],
            capabilities: || {
                json!({
                    "browserName": "firefox",
                    "moz:firefoxOptions": {
                        "binary": "/usr/bin/firefox-esr",
                        "args": ["-headless", "-width", WINDOW.0.to_string(), "-height", WINDOW.1.to_string()],
                        "prefs": {
                            "app.update.enabled": false,
                            "browser.shell.checkDefaultBrowser": false,
                            "datareporting.policy.dataSubmissionEnabled": false,
                            "toolkit.telemetry.enabled": false
                        }
                    }
                })
            },
        }),
        "webkit" => Some(Engine {
            name: "webkit",
            // WebKitGTK has no headless mode: Xvfb is its display.
            driver: |port| {
                vec![
                    "xvfb-run".into(),
                    "-a".into(),
                    "-s".into(),
                    "-screen 0 1920x1200x24".into(),
                    "WebKitWebDriver".into(),
                    format!("--port={port}"),
                ]
            },
            // Xvfb has no GPU: software rendering without the compositor's GL
            // and DMA-BUF paths, which otherwise now and then crash the page.
            environment: &[
                ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
                ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
                ("LIBGL_ALWAYS_SOFTWARE", "1"),
            ],
            capabilities: || {
                json!({
                    "browserName": "MiniBrowser",
                    "webkitgtk:browserOptions": {
                        "binary": "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                        "args": ["--automation"]
                    }
                })
            },
        }),
        _ => None,
    }
}

/// A running WebDriver server, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The driver runs in a process group of its own, so this also stops
        // what it started: the browsers, and Xvfb under xvfb-run.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-TERM", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub fn driver_log(engine: &Engine) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("broadsheet-e2e-{}-driver.log", engine.name))
}

fn start_driver(engine: &Engine) -> Result<Driver, String> {
    let port = free_port();
    let command = (engine.driver)(port);
    // The driver's own account, for when a session will not start.
    let log = std::fs::File::create(driver_log(engine))
        .map_err(|e| format!("cannot create the {} driver log: {e}", engine.name))?;
    let child = Command::new(&command[0])
        .args(&command[1..])
        .envs(engine.environment.iter().copied())
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", command[0]))?;
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!(
                "{} did not start listening on port {port}",
                command.join(" ")
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(driver)
}

async fn new_page(
    engine: &Engine,
    driver: &Driver,
    base: &str,
    scratch: &Path,
) -> Result<Page, String> {
    let Value::Object(capabilities) = (engine.capabilities)() else {
        unreachable!("capabilities are an object")
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .map_err(|e| format!("no {} session: {e}", engine.name))?;
    // Only Chromium takes its window size as a flag; the others are set here.
    // A window that will not take the size would run every scenario at
    // another one: no session, then, rather than a quiet difference.
    if let Err(error) = client.set_window_size(WINDOW.0, WINDOW.1).await {
        let page = Page::new(client, engine.name, base, scratch);
        page.close().await;
        return Err(format!(
            "{}: the window does not take {}×{}: {error}",
            engine.name, WINDOW.0, WINDOW.1
        ));
    }
    Ok(Page::new(client, engine.name, base, scratch))
}

/// The longest a scenario may take.
const SCENARIO_LIMIT: Duration = Duration::from_secs(90);
/// The longest a browser may take to open or close a session.
const SESSION_LIMIT: Duration = Duration::from_secs(30);

/// Of the scenarios `declared` for a pass, the ones it runs: those whose
/// names contain one of `BROADSHEET_ONLY`'s comma-separated words
/// (`BROADSHEET_ONLY=copy,embed`), or all when it is unset or empty. Prints
/// how many, under `label`. A pass with nothing declared is an error, not a
/// pass: it would test nothing and report no failure.
pub fn choose<'a>(label: &str, declared: Vec<&'a Scenario>) -> Result<Vec<&'a Scenario>, String> {
    if declared.is_empty() {
        return Err(format!("e2e {label}: no scenario is declared to run here"));
    }
    let only = std::env::var("BROADSHEET_ONLY").unwrap_or_default();
    let words: Vec<&str> = only
        .split(',')
        .map(str::trim)
        .filter(|word| !word.is_empty())
        .collect();
    let total = declared.len();
    if words.is_empty() {
        println!("e2e {label}: running {total} scenarios");
        return Ok(declared);
    }
    let chosen: Vec<&Scenario> = declared
        .into_iter()
        .filter(|scenario| words.iter().any(|word| scenario.name.contains(word)))
        .collect();
    println!(
        "e2e {label}: running {} of its {total} scenarios (BROADSHEET_ONLY={only})",
        chosen.len()
    );
    Ok(chosen)
}

/// How a pass went.
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
}

/// Runs every scenario of this engine (narrowed by `BROADSHEET_ONLY`), each in
/// a fresh session; an engine with no scenario at all is an error.
pub async fn run_all(engine: &Engine, base: &str, scratch: &Path) -> Result<Tally, String> {
    let declared: Vec<&Scenario> = scenarios::all()
        .filter(|scenario| scenario.runs_in(engine.name))
        .collect();
    let chosen = choose(engine.name, declared)?;
    Ok(run_scenarios(engine, engine.name, base, scratch, &chosen).await)
}

/// Runs `chosen` in this engine against the build at `base`, each in a fresh
/// session, printing each under `label`.
pub async fn run_scenarios(
    engine: &Engine,
    label: &str,
    base: &str,
    scratch: &Path,
    chosen: &[&Scenario],
) -> Tally {
    let mut driver = None;
    let (mut passed, mut failed) = (0, 0);
    for &&Scenario { name, run, .. } in chosen {
        let mut attempts = 0;
        let outcome = loop {
            attempts += 1;
            if driver.is_none() {
                match start_driver(engine) {
                    Ok(started) => driver = Some(started),
                    Err(error) => break Err(error),
                }
            }
            let outcome = run_in_a_new_session(engine, &mut driver, base, scratch, run).await;
            match outcome {
                Err(error) if attempts == 1 && is_the_drivers_own_failure(&error) => {
                    // WebKitWebDriver now and then answers every command with
                    // an empty error for the rest of a session: the harness's
                    // trouble, not the app's. The scenario runs once more,
                    // from the start, with a new driver, and says so.
                    println!(
                        "    ({}: its driver failed with an empty error in {name}; running it once more)",
                        engine.name
                    );
                    driver = None;
                }
                Err(error) if attempts == 1 && is_a_crash_of_the_engine(&error) => {
                    // WebKit's web process, on a busy two-core machine, has
                    // died under a scenario that passes alone and in every
                    // other run (the poster's). A page that crashes it every
                    // time still fails: the second run is the last.
                    println!(
                        "    ({}: its page process crashed in {name}; running it once more)",
                        engine.name
                    );
                    driver = None;
                }
                outcome => break outcome,
            }
        };
        match outcome {
            Ok(()) => {
                passed += 1;
                println!("test {label}::{name} ... ok");
            }
            Err(error) => {
                failed += 1;
                println!("test {label}::{name} ... FAILED\n    {error}");
            }
        }
    }
    Tally { passed, failed }
}

/// Whether a scenario failed because the WebDriver server answered with an
/// error that says nothing, rather than because of anything the app did.
fn is_the_drivers_own_failure(error: &str) -> bool {
    error.trim_end().ends_with("webdriver returned error:")
}

/// Whether the engine's page process died under the scenario, as WebDriver
/// reports it.
fn is_a_crash_of_the_engine(error: &str) -> bool {
    error.contains("session deleted because of page crash")
}

/// Opens a new session on `driver` and runs `run` in it; a session that
/// hangs drops the driver, so the next scenario gets a new one.
async fn run_in_a_new_session(
    engine: &Engine,
    driver: &mut Option<Driver>,
    base: &str,
    scratch: &Path,
    run: ScenarioRun,
) -> Outcome {
    let Some(running) = driver.as_ref() else {
        return Err(format!("no {} driver", engine.name));
    };
    let mut opened =
        tokio::time::timeout(SESSION_LIMIT, new_page(engine, running, base, scratch)).await;
    if opened.is_err() {
        // WebKitGTK now and then never answers a new session; that is the
        // harness's trouble, not the app's, so start a new driver and ask once more.
        println!(
            "    ({}: no session after {SESSION_LIMIT:?}; restarting its driver)",
            engine.name
        );
        *driver = None;
        match start_driver(engine) {
            Ok(started) => {
                opened =
                    tokio::time::timeout(SESSION_LIMIT, new_page(engine, &started, base, scratch))
                        .await;
                *driver = Some(started);
            }
            Err(error) => opened = Ok(Err(error)),
        }
    }
    let mut hung = opened.is_err();
    let outcome = match opened {
        Err(_) => Err(format!(
            "no {} session after {SESSION_LIMIT:?}",
            engine.name
        )),
        Ok(Err(error)) => Err(error),
        Ok(Ok(page)) => {
            let outcome = tokio::time::timeout(SCENARIO_LIMIT, run(&page))
                .await
                .unwrap_or_else(|_| {
                    hung = true;
                    Err(format!("timed out after {SCENARIO_LIMIT:?}"))
                });
            if tokio::time::timeout(SESSION_LIMIT, page.close())
                .await
                .is_err()
            {
                hung = true;
                println!(
                    "    ({} did not close its session in {SESSION_LIMIT:?})",
                    engine.name
                );
            }
            outcome
        }
    };
    if hung {
        // A hung session can wedge its driver (WebKitWebDriver serves one
        // session at a time), so the next scenario gets a new driver.
        *driver = None;
    }
    outcome
}

/// Takes the seed article's screenshots in this engine into `folder`.
pub async fn screenshots(
    engine: &Engine,
    base: &str,
    scratch: &Path,
    folder: &Path,
) -> Result<Vec<crate::screenshots::Shot>, String> {
    let driver = start_driver(engine)?;
    let page = new_page(engine, &driver, base, scratch).await?;
    let taken = tokio::time::timeout(
        Duration::from_secs(360),
        crate::screenshots::take(&page, folder),
    )
    .await
    .unwrap_or_else(|_| Err("timed out after 360 s".to_owned()));
    page.close().await;
    taken
}
