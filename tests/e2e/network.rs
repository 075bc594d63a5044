//! A failing newsroom server, on demand (the host's `.fault` files): each
//! failure gets its own message, Retry recovers once the server does, a server
//! that never answers is given up on with a message, a slow answer for a
//! page the reader has left never replaces the page they went to, and Back
//! after a failure returns the reader to their place.

use crate::browser::{Context, Outcome, Page};
use crate::ensure;
use crate::scenarios::{scenarios, SEED_PATH, SEED_TITLE};
use std::time::{Duration, Instant};

scenarios!(
    each_failing_answer_gets_its_own_message_and_retry_recovers[nginx],
    a_server_that_never_answers_is_given_up_on_with_retry[nginx],
    a_slow_answer_for_a_page_left_never_replaces_the_next[nginx],
    the_readers_place_survives_an_error_a_retry_and_back[nginx],
);

/// The seed article, as a document of the scratch folder with `id` and `title`.
fn write_article(page: &Page, id: &str, title: &str) -> Outcome {
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content/articles/korea-china-new-cooperation-models.json"),
    )
    .context("reading the seed")?;
    let mut document: serde_json::Value = serde_json::from_str(&seed).context("the seed")?;
    document["id"] = id.into();
    document["title"] = title.into();
    std::fs::write(
        page.scratch().join(format!("articles/{id}.json")),
        document.to_string(),
    )
    .context("writing an article")
}

fn fault(page: &Page, id: &str, fault: Option<&str>) -> Outcome {
    let file = page.scratch().join(format!("articles/{id}.json.fault"));
    match fault {
        Some(fault) => std::fs::write(file, fault).context("asking for a fault"),
        None => std::fs::remove_file(file).context("healing the server"),
    }
}

/// Heals the server for `id`, presses Retry, and waits for the article `title`.
async fn heal_and_retry(page: &Page, id: &str, title: &str) -> Outcome {
    fault(page, id, None)?;
    page.click(".load-failure button.retry").await?;
    wait_for_heading(page, title, Duration::from_secs(15)).await
}

/// How far down the window is scrolled.
async fn scroll_y(page: &Page) -> Result<f64, String> {
    let y = page.execute("return scrollY").await?;
    y.as_f64().ok_or_else(|| format!("scrollY reads {y}"))
}

/// Waits up to `patience` for the page's `h1` to read `expected`.
async fn wait_for_heading(page: &Page, expected: &str, patience: Duration) -> Outcome {
    page.wait_for_text_within("main h1", expected, patience)
        .await
}

async fn each_failing_answer_gets_its_own_message_and_retry_recovers(page: &Page) -> Outcome {
    let cases = [
        (410, "This article was withdrawn", false),
        (429, "Too many readers right now", true),
        (503, "The newsroom's server had a problem", true),
        (404, "Page not found", false),
    ];
    for (status, headline, retryable) in cases {
        let id = format!("failing-{status}-{}", page.engine());
        let title = format!("Back after {status}");
        write_article(page, &id, &title)?;
        fault(page, &id, Some(&format!("status {status}")))?;
        page.open(&format!("/articles/{id}")).await?;
        wait_for_heading(page, headline, Duration::from_secs(15)).await?;
        let retry = page
            .execute("return !!document.querySelector('.load-failure button.retry')")
            .await?;
        ensure!(
            retry == retryable,
            "{status}: Retry is offered only where it can help ({retry})"
        );
        if retryable {
            heal_and_retry(page, &id, &title).await?;
        } else {
            fault(page, &id, None)?;
        }
    }
    Ok(())
}

async fn a_server_that_never_answers_is_given_up_on_with_retry(page: &Page) -> Outcome {
    let id = format!("silent-{}", page.engine());
    write_article(page, &id, "Finally here")?;
    fault(page, &id, Some("delay 60000"))?;
    page.open(&format!("/articles/{id}")).await?;
    // The app's deadline is 20 s.
    wait_for_heading(
        page,
        "The newsroom is taking too long",
        Duration::from_secs(35),
    )
    .await?;
    heal_and_retry(page, &id, "Finally here").await
}

async fn a_slow_answer_for_a_page_left_never_replaces_the_next(page: &Page) -> Outcome {
    let (first, slow) = (
        format!("first-{}", page.engine()),
        format!("slow-{}", page.engine()),
    );
    write_article(page, &first, "The first page")?;
    write_article(page, &slow, "The slow page")?;
    fault(page, &slow, Some("delay 4000"))?;
    page.open(&format!("/articles/{first}")).await?;
    wait_for_heading(page, "The first page", Duration::from_secs(15)).await?;
    // Two links within the app, followed one after the other.
    page.execute(&format!(
        "for (const [id, href] of [['to-slow', '/articles/{slow}'], ['to-seed', '{SEED_PATH}']]) {{ \
           const a = document.createElement('a'); a.id = id; a.href = href; a.textContent = id; \
           document.querySelector('main').prepend(a); }} return true"
    ))
    .await?;
    page.click("#to-slow").await?;
    page.wait_for_path(&format!("/articles/{slow}")).await?;
    page.click("#to-seed").await?;
    page.wait_for_path(SEED_PATH).await?;
    wait_for_heading(page, SEED_TITLE, Duration::from_secs(15)).await?;
    // Past the slow answer's time: the reader's page stays theirs.
    tokio::time::sleep(Duration::from_secs(5)).await;
    wait_for_heading(page, SEED_TITLE, Duration::from_secs(1)).await?;
    let path = page.path().await?;
    ensure!(path == SEED_PATH, "the address stays the reader's: {path}");
    fault(page, &slow, None)
}

async fn the_readers_place_survives_an_error_a_retry_and_back(page: &Page) -> Outcome {
    let failing = format!("place-{}", page.engine());
    write_article(page, &failing, "Back in a moment")?;
    fault(page, &failing, Some("status 503"))?;
    page.open(SEED_PATH).await?;
    wait_for_heading(page, SEED_TITLE, Duration::from_secs(15)).await?;
    // A link deep in the article, brought into view as a reader scrolls to it.
    page.execute(&format!(
        "const a = document.createElement('a'); a.id = 'onward'; a.href = '/articles/{failing}'; \
         a.textContent = 'onward'; const body = document.querySelector('.article-body'); \
         body.insertBefore(a, body.children[Math.floor(body.children.length / 2)]); \
         a.scrollIntoView({{ block: 'center' }}); return true"
    ))
    .await?;
    // Where the window comes to rest, well into the article.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut last = None;
    let place = loop {
        let now = scroll_y(page).await?;
        if now > 1000.0 && last == Some(now) {
            break now;
        }
        ensure!(
            Instant::now() < deadline,
            "the reader is well into the article: {now}"
        );
        last = Some(now);
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    page.click("#onward").await?;
    wait_for_heading(
        page,
        "The newsroom's server had a problem",
        Duration::from_secs(15),
    )
    .await?;
    heal_and_retry(page, &failing, "Back in a moment").await?;
    page.back().await?;
    page.wait_for_path(SEED_PATH).await?;
    wait_for_heading(page, SEED_TITLE, Duration::from_secs(15)).await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = scroll_y(page).await?;
        if (now - place).abs() <= 2.0 {
            return Ok(());
        }
        ensure!(
            Instant::now() < deadline,
            "Back returns the reader to {place}, not {now}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
