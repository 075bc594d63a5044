//! Browser engines and their WebDriver servers: start the driver, open a fresh
//! session for each scenario, stop the driver at the end.

use crate::browser::Page;
use crate::scenarios::{Scenario, SCENARIOS};
use fantoccini::ClientBuilder;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Engine {
    pub name: &'static str,
    driver: &'static str,
    driver_args: fn(u16) -> Vec<String>,
    capabilities: fn() -> Value,
}

pub fn by_name(name: &str) -> Option<Engine> {
    match name {
        "chromium" => Some(Engine {
            name: "chromium",
            driver: "chromedriver",
            driver_args: |port| vec![format!("--port={port}")],
            capabilities: || {
                json!({
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": "/usr/bin/chromium",
                        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                 "--no-first-run", "--window-size=1280,1000"]
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

fn start_driver(engine: &Engine) -> Result<Driver, String> {
    let port = free_port();
    let child = Command::new(engine.driver)
        .args((engine.driver_args)(port))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", engine.driver))?;
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!(
                "{} did not start listening on port {port}",
                engine.driver
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
    Ok(Page::new(client, base, scratch))
}

/// Runs every scenario in a fresh session; returns (passed, failed).
pub async fn run_all(engine: &Engine, base: &str, scratch: &Path) -> (usize, usize) {
    let driver = match start_driver(engine) {
        Ok(driver) => driver,
        Err(error) => {
            println!("e2e {}: {error}", engine.name);
            return (0, SCENARIOS.len());
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for Scenario { name, run } in SCENARIOS {
        let outcome = match new_page(engine, &driver, base, scratch).await {
            Ok(page) => {
                let outcome = tokio::time::timeout(Duration::from_secs(90), run(&page))
                    .await
                    .unwrap_or_else(|_| Err("timed out after 90 s".to_owned()));
                page.close().await;
                outcome
            }
            Err(error) => Err(error),
        };
        match outcome {
            Ok(()) => {
                passed += 1;
                println!("test {}::{name} ... ok", engine.name);
            }
            Err(error) => {
                failed += 1;
                println!("test {}::{name} ... FAILED\n    {error}", engine.name);
            }
        }
    }
    (passed, failed)
}
