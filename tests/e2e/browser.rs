//! A page in a browser, with the waits a reader's eyes do: find this, read that,
//! until it shows up or a deadline passes.

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub type Outcome = Result<(), String>;

const PATIENCE: Duration = Duration::from_secs(15);

pub struct Page {
    client: Client,
    engine: &'static str,
    base: String,
    scratch: PathBuf,
}

/// Turns any WebDriver error into a failure message with what was being done.
pub trait Context<T> {
    fn context(self, doing: &str) -> Result<T, String>;
}

impl<T, E: std::fmt::Display> Context<T> for Result<T, E> {
    fn context(self, doing: &str) -> Result<T, String> {
        self.map_err(|e| format!("{doing}: {e}"))
    }
}

#[macro_export]
macro_rules! ensure {
    ($condition:expr, $($message:tt)+) => {
        if !$condition {
            return Err(format!($($message)+));
        }
    };
}

impl Page {
    pub fn new(client: Client, engine: &'static str, base: &str, scratch: &Path) -> Self {
        Page {
            client,
            engine,
            base: base.to_owned(),
            scratch: scratch.to_owned(),
        }
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    /// Where the build is served: `http://127.0.0.1:{port}`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The engine this page runs in, for the few places engines differ.
    pub fn engine(&self) -> &'static str {
        self.engine
    }

    /// A folder served as content: documents written here are live at once.
    pub fn scratch(&self) -> &Path {
        &self.scratch
    }

    /// Opens `path` and waits until the app runs it: a prerendered page's
    /// buttons do nothing until the app has brought them to life.
    pub async fn open(&self, path: &str) -> Outcome {
        self.open_url(&format!("{}{path}", self.base)).await
    }

    /// [`Page::open`] for a whole URL, such as one on another origin.
    pub async fn open_url(&self, url: &str) -> Outcome {
        self.client
            .goto(url)
            .await
            .context(&format!("opening {url}"))?;
        self.wait_until_started().await
    }

    /// Opens a page that is not the app's (a partner's), waiting only for it
    /// to load.
    pub async fn visit(&self, url: &str) -> Outcome {
        self.client
            .goto(url)
            .await
            .context(&format!("opening {url}"))
    }

    /// Runs `script` inside the iframe that `frame_css` matches, as that
    /// frame's own document sees it, and comes back out to the page.
    pub async fn in_frame(
        &self,
        frame_css: &str,
        script: &str,
    ) -> Result<serde_json::Value, String> {
        let frame = self.find(frame_css).await?;
        frame
            .enter_frame()
            .await
            .context(&format!("entering {frame_css}"))?;
        let result = self.execute(script).await;
        self.client
            .enter_parent_frame()
            .await
            .context(&format!("leaving {frame_css}"))?;
        result
    }

    /// Reloads the page and waits until the app runs it again.
    pub async fn reload(&self) -> Outcome {
        self.client.refresh().await.context("reloading")?;
        self.wait_until_started().await
    }

    async fn wait_until_started(&self) -> Outcome {
        self.wait_for_script(
            "return document.documentElement.hasAttribute('data-broadsheet') || null",
        )
        .await
        .map(drop)
    }

    /// Calls a DevTools protocol method without parameters. Chromium only.
    pub async fn devtools(&self, method: &'static str) -> Result<serde_json::Value, String> {
        self.devtools_with(method, serde_json::json!({})).await
    }

    /// Calls a DevTools protocol method with `params`. Chromium only.
    pub async fn devtools_with(
        &self,
        method: &'static str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        ensure!(
            self.engine == "chromium",
            "{} has no DevTools protocol over WebDriver",
            self.engine
        );
        self.client
            .issue_cmd(ChromiumCommand {
                path: "goog/cdp/execute",
                body: serde_json::json!({ "cmd": method, "params": params }),
            })
            .await
            .context(method)
    }

    /// Takes the browser off the network or back on, as DevTools does: the page
    /// reads `navigator.onLine` false and hears `offline`. Chromium only.
    pub async fn set_offline(&self, offline: bool) -> Outcome {
        ensure!(
            self.engine == "chromium",
            "{} cannot be taken offline over WebDriver",
            self.engine
        );
        let conditions = serde_json::json!({ "network_conditions": {
            "offline": offline, "latency": 0, "download_throughput": -1, "upload_throughput": -1 } });
        self.client
            .issue_cmd(ChromiumCommand {
                path: "chromium/network_conditions",
                body: conditions,
            })
            .await
            .context("setting network conditions")
            .map(drop)
    }

    pub async fn path(&self) -> Result<String, String> {
        Ok(self
            .client
            .current_url()
            .await
            .context("reading the URL")?
            .path()
            .to_owned())
    }

    pub async fn title(&self) -> Result<String, String> {
        self.client
            .title()
            .await
            .context("reading the document title")
    }

    pub async fn back(&self) -> Outcome {
        self.client.back().await.context("going back")
    }

    pub async fn forward(&self) -> Outcome {
        self.client.forward().await.context("going forward")
    }

    pub async fn execute(&self, script: &str) -> Result<serde_json::Value, String> {
        self.client
            .execute(script, vec![])
            .await
            .context("running a script")
    }

    /// Runs `script` until it calls its last argument, the callback, with the
    /// result: for scripts that wait on a promise.
    pub async fn execute_async(&self, script: &str) -> Result<serde_json::Value, String> {
        self.client
            .execute_async(script, vec![])
            .await
            .context("running an asynchronous script")
    }

    /// Waits until `css` matches an element.
    pub async fn find(&self, css: &str) -> Result<Element, String> {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .context(&format!("waiting for {css}"))
    }

    pub async fn find_all(&self, css: &str) -> Result<Vec<Element>, String> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .context(&format!("finding {css}"))
    }

    /// The rendered text (`innerText`) of every element matching `css`, now.
    ///
    /// Not WebDriver's Get Element Text: WebKitWebDriver's counts the inside of
    /// a closed `<details>`, which no reader sees. `innerText` is what each
    /// engine actually laid out.
    async fn rendered_texts(&self, css: &str) -> Result<Vec<String>, String> {
        self.try_rendered_texts(css)
            .await
            .map_err(|(_, error)| error)
    }

    /// [`Page::rendered_texts`], saying also whether its error is one that
    /// no amount of waiting mends (see [`ends_the_wait`]).
    async fn try_rendered_texts(&self, css: &str) -> Result<Vec<String>, (bool, String)> {
        let texts = self
            .client
            .execute(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim())",
                vec![serde_json::Value::String(css.to_owned())],
            )
            .await
            .map_err(|e| (ends_the_wait(&e), format!("reading {css}: {e}")))?;
        serde_json::from_value(texts).map_err(|e| (false, format!("reading {css}: {e}")))
    }

    /// The text a reader sees in the first element matching `css`.
    pub async fn text(&self, css: &str) -> Result<String, String> {
        self.find(css).await?;
        let texts = self.rendered_texts(css).await?;
        texts
            .into_iter()
            .next()
            .ok_or_else(|| format!("{css} went away"))
    }

    /// The text of every element matching `css`, once there is at least one.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>, String> {
        self.find(css).await?;
        self.rendered_texts(css).await
    }

    /// Waits until the first element matching `css` reads `expected`. A script
    /// that fails meanwhile (WebKit's can, while a page is being replaced) is
    /// asked again, as eyes look again.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Outcome {
        self.wait_for_text_within(css, expected, PATIENCE).await
    }

    /// [`Page::wait_for_text`] with a patience of its own, for what takes
    /// longer than usual (a server's timeout).
    pub async fn wait_for_text_within(
        &self,
        css: &str,
        expected: &str,
        patience: Duration,
    ) -> Outcome {
        let deadline = Instant::now() + patience;
        let mut last = format!("nothing matches {css}");
        while Instant::now() < deadline {
            match self.try_rendered_texts(css).await {
                Ok(texts) => match texts.into_iter().next() {
                    Some(first) if first == expected => return Ok(()),
                    Some(first) => last = format!("it reads {first:?}"),
                    None => last = format!("nothing matches {css}"),
                },
                Err((true, error)) => {
                    return Err(format!(
                        "while waiting for {css} to read {expected:?}: {error}"
                    ))
                }
                Err((false, error)) => last = error,
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("{css} should read {expected:?}, but {last}"))
    }

    /// Runs `script` until it returns something other than null; returns that.
    pub async fn wait_for_script(&self, script: &str) -> Result<serde_json::Value, String> {
        let deadline = Instant::now() + PATIENCE;
        let mut last_error = String::new();
        while Instant::now() < deadline {
            match self.client.execute(script, vec![]).await {
                Ok(value) if !value.is_null() => return Ok(value),
                Ok(_) => {}
                Err(error) if ends_the_wait(&error) => {
                    return Err(format!("while waiting for: {script}: {error}"))
                }
                Err(error) => last_error = format!("running a script: {error}"),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("waited {PATIENCE:?} for: {script} {last_error}"))
    }

    /// Waits until the URL path is `expected`.
    pub async fn wait_for_path(&self, expected: &str) -> Outcome {
        let deadline = Instant::now() + PATIENCE;
        let mut last = String::new();
        while Instant::now() < deadline {
            last = self.path().await?;
            if last == expected {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("the path should be {expected} but is {last}"))
    }

    /// Runs `script` to change what the app sees (a stand-in share sheet, a
    /// refusing clipboard). What it defines on the page's objects reaches the
    /// app in all three engines; in Firefox it is made in a realm of
    /// WebDriver's own (its promises are not the page's `Promise`), which the
    /// app must take as any other browser-provided object.
    pub async fn in_page(&self, script: &str) -> Outcome {
        self.execute(&format!("{script}; return true"))
            .await
            .map(drop)
    }

    /// The text of the alert, confirm or prompt the page has open, if any.
    /// Only WebDriver's "no such alert" means there is none; any other error
    /// is a failure, not an absence.
    pub async fn open_dialog(&self) -> Result<Option<String>, String> {
        match self.client.get_alert_text().await {
            Ok(text) => Ok(Some(text)),
            Err(error) if error.is_no_such_alert() => Ok(None),
            Err(error) => Err(format!("asking for an open alert: {error}")),
        }
    }

    /// Types `keys` into whatever has focus, as a reader at a keyboard would.
    /// WebDriver's key codes apply: `\u{E00C}` is Escape, `\u{E009}` Control.
    pub async fn press(&self, keys: &str) -> Outcome {
        self.client
            .active_element()
            .await
            .context("finding the focused element")?
            .send_keys(keys)
            .await
            .context(&format!("pressing {keys:?}"))
    }

    /// A prerendered page's app sleeps until the reader uses a control: here
    /// the reading settings, opened and closed again. Waits until the page's
    /// islands are alive, as they are for the rest of the visit.
    pub async fn wake_the_app(&self) -> Outcome {
        self.click(".reading-settings-open").await?;
        self.find("dialog.settings-dialog[open]").await?;
        self.press("\u{E00C}").await?;
        self.wait_for_script(
            "return document.documentElement.getAttribute('data-broadsheet') === 'islands' \
               && document.querySelector('dialog[open]') === null || null",
        )
        .await
        .map(drop)
        .map_err(|e| format!("the app, woken by a control, brings the page to life: {e}"))
    }

    /// A PNG of what the window shows now.
    pub async fn screenshot(&self) -> Result<Vec<u8>, String> {
        self.client
            .screenshot()
            .await
            .context("taking a screenshot")
    }

    pub async fn set_window_size(&self, width: u32, height: u32) -> Outcome {
        self.client
            .set_window_size(width, height)
            .await
            .context("resizing the window")
    }

    pub async fn click(&self, css: &str) -> Outcome {
        self.click_and_leave_place(css).await.map(drop)
    }

    /// Clicks `css` and says how far down the page the reader was when they
    /// did: where Back should return them. The element is brought to the
    /// middle of the window first, as a reader scrolls to what they tap:
    /// WebDriver scrolls only as far as the window's edge, where a bar that
    /// sits there (the install offer) may lie over it. The tap waits a frame
    /// after the scroll, as a reader's does, so that the page hears of it.
    /// The tap is a pointer's press and release over the element, as a
    /// reader's is: a sleeping page's app wakes at the click and replaces the
    /// part tapped, which WebDriver's own Element Click would then call stale.
    pub async fn click_and_leave_place(&self, css: &str) -> Result<f64, String> {
        // A page whose app wakes by itself (its code kept on the device)
        // replaces its parts once, in place: an element found just before is
        // then stale; and a page still laying out may move it out of the
        // window after the scroll. A tap refused for either dispatched
        // nothing, so the element is found again, scrolled to and tapped.
        let mut attempts = 0;
        loop {
            attempts += 1;
            match self.tap(css).await {
                Err(error)
                    if attempts < 3
                        && (error.is_stale_element_reference()
                            || error.is_move_target_out_of_bounds()) =>
                {
                    continue
                }
                Err(error) => return Err(format!("tapping {css}: {error}")),
                Ok(place) if place.is_finite() => return Ok(place),
                Ok(_) => {
                    return Err(format!(
                        "the page's scroll position is not a number ({css})"
                    ))
                }
            }
        }
    }

    async fn tap(&self, css: &str) -> Result<f64, fantoccini::error::CmdError> {
        let (element, place) = self.scroll_to(css).await?;
        let tap = press_on(element).then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
        self.client.perform_actions(tap).await?;
        self.client.release_actions().await?;
        Ok(place.as_f64().unwrap_or(f64::NAN))
    }

    /// Finds `css` and brings it to the middle of the window, a frame ahead
    /// of what follows; says how far down the page the reader then is.
    async fn scroll_to(
        &self,
        css: &str,
    ) -> Result<(Element, serde_json::Value), fantoccini::error::CmdError> {
        let element = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await?;
        let target = serde_json::to_value(&element)?;
        let place = self
            .client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' }); \
                 return new Promise(done => requestAnimationFrame(() => \
                   requestAnimationFrame(() => done(window.scrollY))))",
                vec![target],
            )
            .await?;
        Ok((element, place))
    }

    /// Presses a pointer on `css` and holds it there, as a reader's finger
    /// resting on a part: [`Page::let_go`] releases it.
    pub async fn press_and_hold(&self, css: &str) -> Outcome {
        let (element, _) = self
            .scroll_to(css)
            .await
            .context(&format!("finding {css}"))?;
        self.client
            .perform_actions(press_on(element))
            .await
            .context(&format!("pressing {css}"))
    }

    /// Releases the pointer [`Page::press_and_hold`] pressed, where it is.
    pub async fn let_go(&self) -> Outcome {
        let release = MouseActions::new("reader".to_owned()).then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
        self.client
            .perform_actions(release)
            .await
            .context("releasing the pointer")?;
        self.client
            .release_actions()
            .await
            .context("releasing the pointer")
    }
}

/// A reader's pointer moved to the middle of `element` and pressed there.
fn press_on(element: Element) -> MouseActions {
    MouseActions::new("reader".to_owned())
        .then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
}

/// Whether a script's error ends a wait at once rather than being asked again:
/// an alert the page opened. WebDriver dismisses it with that error, so a
/// wait that asked again would hide it from everything after.
fn ends_the_wait(error: &fantoccini::error::CmdError) -> bool {
    error.is_unexpected_alert_open()
}

/// One of chromedriver's own commands (`session/{id}/PATH`), posted with `body`.
#[derive(Debug)]
struct ChromiumCommand {
    path: &'static str,
    body: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for ChromiumCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}
