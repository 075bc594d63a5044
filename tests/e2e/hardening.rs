//! Hostile input against the production policy: documents written to attack
//! the page show their text literally and run nothing; addresses that try to
//! walk the content's paths fetch nothing; and no page of the app, used as a
//! reader uses it, breaks its own Content Security Policy (every page carries
//! it as a `<meta>`, with Trusted Types required).

use crate::browser::{Context, Outcome, Page};
use crate::ensure;
use crate::scenarios::{scenarios, SEED_PATH};
use serde_json::Value;

// The policy scenario is Chromium's alone: DevTools runs its violation
// recorder before any page script.
scenarios!(
    a_hostile_document_shows_its_text_and_runs_nothing[nginx],
    a_path_walking_address_fetches_nothing[nginx],
    no_page_breaks_the_content_security_policy[nginx, chromium_only],
    huge_and_deeply_nested_documents_neither_crash_nor_blank_the_page,
);

const HOSTILE_PATH: &str = "/articles/hostile-everything";
const HOSTILE_TITLE: &str =
    "Hostile \"quotes\" <script>document.title='owned-title'</script> & <b>bold</b>";

/// What a hostile page did, as the page itself can tell.
async fn damage(page: &Page) -> Result<Value, String> {
    page.execute(
        "const article = document.querySelector('article.article'); \
         const all = [...document.querySelectorAll('*')]; \
         return { title: document.title, \
           handlers: all.flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)), \
           scripts: [...document.querySelectorAll('main script')].filter(s => !s.type.includes('json')).length, \
           links: [...article.querySelectorAll('a[href]')].map(a => a.protocol), \
           sources: [...document.querySelectorAll('main img, main video, main source, main track')] \
             .flatMap(e => [e.getAttribute('src'), e.getAttribute('poster')]).filter(Boolean), \
           sideways: document.documentElement.scrollWidth - innerWidth }",
    )
    .await
}

async fn a_hostile_document_shows_its_text_and_runs_nothing(page: &Page) -> Outcome {
    page.open(HOSTILE_PATH).await?;
    page.wait_for_text("h1.headline", HOSTILE_TITLE).await?;
    // Time for anything that would run on load or on an image's error.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    // The document's alert(1)s: a WebDriver command would also fail on one.
    let dialog = page.open_dialog().await?;
    ensure!(dialog.is_none(), "no script opened a dialog: {dialog:?}");
    let found = damage(page).await?;
    // The app titles the page with the headline, literally; any script of
    // the document's would have retitled it.
    ensure!(found["title"] == HOSTILE_TITLE, "no script ran: {found}");
    ensure!(
        found["handlers"].as_array().is_some_and(Vec::is_empty) && found["scripts"] == 0,
        "no handler attribute or script element came from the document: {found}"
    );
    let safe_link =
        |protocol: &Value| matches!(protocol.as_str(), Some("http:" | "https:" | "mailto:"));
    // Each over a list that must not be empty: the document's good link and
    // its plain image are there to be checked.
    ensure!(
        found["links"]
            .as_array()
            .is_some_and(|links| !links.is_empty() && links.iter().all(safe_link)),
        "links keep only http, https and mailto: {found}"
    );
    ensure!(
        found["sources"]
            .as_array()
            .is_some_and(|sources| !sources.is_empty()
                && sources.iter().all(|source| {
                    // Quotes stay inside the attribute's value: no handler above.
                    source.as_str().is_some_and(|source| {
                        let source = source.to_ascii_lowercase();
                        !source.starts_with("javascript:") && !source.starts_with("data:")
                    })
                })),
        "no media source runs script: {found}"
    );
    ensure!(
        found["sideways"].as_f64().is_some_and(|gap| gap <= 0.0),
        "long words, emoji and bidi overrides keep the page in its width: {found}"
    );
    let texts = page
        .execute(
            "return [document.querySelector('.article-body p').innerText, \
             document.querySelector('.article-body li').innerText, \
             [...document.querySelectorAll('.related a')].map(a => a.getAttribute('href')), \
             [...document.querySelectorAll('.article-body a:not(.heading-anchor):not([download]):not(.social-facade)')] \
               .map(a => a.innerText.trim() + ' ' + a.protocol), \
             [...document.querySelectorAll('.article-body a.social-facade')].map(a => [a.hostname, \
               a.querySelector('.social-author').textContent, a.querySelectorAll('img, script').length])]",
        )
        .await?;
    ensure!(
        texts[0] == "<script>document.title='owned-paragraph'</script>Plain words stay words."
            && texts[1] == "<script>document.title='owned-list'</script>",
        "markup in text shows literally: {texts}"
    );
    ensure!(
        texts[2] == serde_json::json!([SEED_PATH]),
        "a related entry whose id walks paths is dropped: {texts}"
    );
    ensure!(
        texts[3] == serde_json::json!(["a good link https:"]),
        "of the document's seven links only the https one is a link: {texts}"
    );
    ensure!(
        texts[4]
            == serde_json::json!([[
                "x.com",
                "<img src=x onerror=\"document.title='owned-social'\">",
                0
            ]]),
        "a social post's hostile author is text, its javascript: thumbnail dropped: {texts}"
    );
    Ok(())
}

async fn a_path_walking_address_fetches_nothing(page: &Page) -> Outcome {
    // The host refuses some outright (404, or nginx's 400); the app refuses the rest before
    // any fetch and shows its not-found page. Either way no document is asked
    // for by an address built from them.
    for path in [
        "/articles/..%2F..%2Fsite",
        "/articles/%2e%2e%2findex",
        "/articles/KOREA-china",
        "/articles/a%00b",
        "/articles/a%2Fb",
    ] {
        page.visit(&format!("{}{path}", page.base())).await?;
        let outcome = page
            .wait_for_script(
                "if (document.querySelector('.not-found h1')) return 'the app says not found'; \
                 if (!document.querySelector('main') && /not found|bad request/i.test(document.body.innerText)) return 'the host refuses it'; \
                 return null",
            )
            .await?;
        let fetched = page
            .execute(
                "return performance.getEntriesByType('resource').map(e => e.name) \
                 .filter(n => n.includes('/articles/') && !n.endsWith('/articles/index.json'))",
            )
            .await?;
        ensure!(
            fetched.as_array().is_some_and(Vec::is_empty),
            "{path} ({outcome}) is refused before any fetch: {fetched}"
        );
    }
    Ok(())
}

async fn no_page_breaks_the_content_security_policy(page: &Page) -> Outcome {
    page.devtools_with(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": "window.__violations = []; \
            document.addEventListener('securitypolicyviolation', e => window.__violations.push( \
            location.pathname + ': ' + e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')))" }),
    )
    .await?;
    let mut violations = Vec::new();
    // A page without the recorder would report nothing and pass: it must be there.
    let mut collect = async |page: &Page| -> Result<(), String> {
        let found = page.execute("return window.__violations").await?;
        let recorded: Vec<String> = serde_json::from_value(found.clone())
            .map_err(|_| format!("the violation recorder did not run on this page: {found}"))?;
        violations.extend(recorded);
        Ok(())
    };
    for path in [
        "/",
        "/articles/zhongshan-silver-economy",
        "/articles/no-such-article",
        "/articles/broken-truncated",
        HOSTILE_PATH,
    ] {
        page.open(path).await?;
        page.find("main h1").await?;
        collect(page).await?;
    }
    // The seed article, used: dialogs, the drawn poster, the settings.
    page.open(SEED_PATH).await?;
    let policy = page
        .execute("const m = document.querySelector('meta[http-equiv=Content-Security-Policy]'); return m && m.content")
        .await?;
    ensure!(
        policy
            .as_str()
            .is_some_and(|p| p.contains("require-trusted-types-for 'script'")),
        "the page carries the policy: {policy}"
    );
    for (open, dialog) in [
        (
            ".share-button[data-network=wechat]",
            "dialog.wechat-dialog[open]",
        ),
        (
            ".share-bar .share-poster",
            "dialog.share-poster-dialog[open] img",
        ),
        (".share-bar .share-embed", "dialog.embed-dialog[open]"),
        (".reading-settings-open", "dialog.settings-dialog[open]"),
    ] {
        page.click(open).await?;
        page.find(dialog).await?;
        page.press("\u{E00C}").await?;
        page.wait_for_script("return document.querySelector('dialog[open]') === null || null")
            .await
            .map_err(|e| format!("Escape closes what {open} opened: {e}"))?;
    }
    // A theme chosen in the settings, as a reader does: it must take effect.
    let theme = page
        .execute("return document.documentElement.dataset.theme || null")
        .await?;
    ensure!(
        theme != "dark",
        "the seed article opens in another theme than dark: {theme}"
    );
    crate::reading::choose(page, "setting-theme-1").await?;
    page.wait_for_script("return document.documentElement.dataset.theme === 'dark' || null")
        .await
        .map_err(|e| format!("choosing the dark theme makes the page dark: {e}"))?;
    crate::reading::close_settings(page).await?;
    // Markup that could run script is refused at the sink, not run: the
    // app's default policy throws, which the browser does not report.
    let injected = page
        .execute(
            "try { document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.__ran = 1\">'); } \
             catch (refused) { return 'refused: ' + (refused.message || refused) } return 'accepted'",
        )
        .await?;
    ensure!(
        injected.as_str().is_some_and(|i| i.starts_with("refused")),
        "hostile markup is refused: {injected}"
    );
    // A violation made on purpose (a script URL no policy made) must be
    // heard: the recorder listens on this page, so an empty list means
    // something. Only the app's own violations count, so it is then dropped.
    page.execute(
        "try { document.createElement('script').src = 'e2e-control.js' } catch (refused) {} return true",
    )
    .await?;
    page.wait_for_script("return window.__violations.some(v => v.includes('e2e-control')) || null")
        .await
        .map_err(|e| format!("a violation made on purpose is recorded: {e}"))?;
    page.execute(
        "window.__violations = window.__violations.filter(v => !v.includes('e2e-control')); return true",
    )
    .await?;
    let ran = page
        .execute("return window.__ran === 1 || document.querySelector('img[src=x]') !== null")
        .await?;
    ensure!(ran == false, "refused markup neither ran nor was inserted");
    collect(page).await?;
    page.visit(&format!(
        "{}/embed/korea-china-new-cooperation-models",
        page.base()
    ))
    .await?;
    page.find(".embed h1").await?;
    collect(page).await?;
    ensure!(
        violations.is_empty(),
        "the pages broke their own policy:\n      {}",
        violations.join("\n      ")
    );
    Ok(())
}

async fn huge_and_deeply_nested_documents_neither_crash_nor_blank_the_page(page: &Page) -> Outcome {
    let articles = page.scratch().join("articles");
    // Nested past any sane depth: refused with the reader's message.
    let nested = format!(
        r#"{{"format":1,"id":"nested","title":"Nested","blocks":{}{}}}"#,
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    std::fs::write(articles.join("nested.json"), nested).context("writing a nested document")?;
    page.open("/articles/nested").await?;
    page.wait_for_text(".load-failure h1", "This article could not be read")
        .await?;

    // A live page of 3,000 updates, each under the same heading: read to its
    // last update, whose anchor is still its own. (Anchors were once made
    // unique by searching every earlier one for every suffix: this page
    // froze the tab.)
    let updates: Vec<String> = (1..=3000)
        .map(|n| {
            format!(
                r#"{{"type":"heading","level":2,"text":"Update"}},{{"type":"paragraph","text":"Update {n}. {}"}}"#,
                "The story moves on. ".repeat(10)
            )
        })
        .collect();
    let live = format!(
        r#"{{"format":1,"id":"live","title":"A live page","blocks":[{}]}}"#,
        updates.join(",")
    );
    std::fs::write(articles.join("live.json"), live).context("writing a live page")?;
    page.open("/articles/live").await?;
    page.wait_for_text("h1.headline", "A live page").await?;
    let last = page
        .wait_for_script(
            "const h = [...document.querySelectorAll('.article-body h2')]; \
             return h.length === 3000 ? h[2999].id : null",
        )
        .await?;
    ensure!(
        last == "update-3000",
        "the last update has its own anchor: {last}"
    );

    // 60 MB of article: more than a reader's phone is asked to hold. Refused
    // with the reader's message, the rest of the page alive around it.
    let paragraph = format!(
        r#"{{"type":"paragraph","text":"{}"}}"#,
        "All work and no play makes a long article. ".repeat(55)
    );
    let huge = format!(
        r#"{{"format":1,"id":"huge","title":"A very long article","blocks":[{}]}}"#,
        vec![paragraph; 25_100].join(",")
    );
    ensure!(
        huge.len() > 60_000_000,
        "the document is over 60 MB, is {} bytes",
        huge.len()
    );
    std::fs::write(articles.join("huge.json"), &huge).context("writing a huge document")?;
    page.open("/articles/huge").await?;
    page.wait_for_text(".load-failure h1", "This article is too large to show")
        .await?;
    // The same document as a compressed bomb: 60 KB on the wire, sent with
    // its small Content-Length, 60 MB once the browser inflates it. The app
    // stops reading at its limit.
    let bomb = {
        use std::io::Write;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(huge.replace("\"huge\"", "\"bomb\"").as_bytes())
            .context("compressing")?;
        gzip.finish().context("compressing")?
    };
    ensure!(
        bomb.len() < 1_000_000,
        "the bomb is small: {} bytes",
        bomb.len()
    );
    drop(huge);
    // The plain file first: a host serves a copy only when it is not older.
    std::fs::write(articles.join("bomb.json"), "{}").context("writing the bomb's file")?;
    std::fs::write(articles.join("bomb.json.gz"), bomb).context("writing the bomb")?;
    page.open("/articles/bomb").await?;
    page.wait_for_text(".load-failure h1", "This article is too large to show")
        .await?;
    // The app is alive: it still routes.
    page.execute("document.querySelector('.site-header a.brand').click(); return true")
        .await?;
    page.wait_for_path("/").await?;
    page.find(".front-page .card-title").await.map(drop)
}
