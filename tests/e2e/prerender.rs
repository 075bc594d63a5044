//! Prerendered pages, as crawlers and readers without JavaScript meet them,
//! and the app taking one over without a visible change or a second download.

use crate::browser::{Outcome, Page};
use crate::ensure;
use crate::scenarios::{
    scenarios, CHINESE_PATH, CHINESE_TITLE, SEED_CANONICAL, SEED_PATH, SEED_TITLE,
};
use serde_json::{json, Value};

scenarios!(
    crawlers_read_the_articles_own_tags,
    a_prerendered_article_reads_with_javascript_off,
    the_app_sleeps_until_a_control_is_used_then_takes_the_page_as_it_stands,
    every_interactive_part_of_the_seed_is_an_island_that_comes_alive,
    a_press_on_a_part_the_waking_app_replaces_reaches_the_living_part,
    following_a_link_hands_the_page_to_the_app_once_awake,
    an_article_by_its_client_side_route_arrives_without_a_jump,
    the_front_page_is_prerendered_too,
);

const SEED_SUMMARY_START: &str = "A wave of collaborative sentiment with China";
const LAST_PARAGRAPH_START: &str = "\"I am confident that the 15th Five-Year Plan period";

/// The tags of a page as served, read by the browser's parser from the raw
/// response: what a crawler that runs no JavaScript receives. Parsed from a
/// document of the same origin that is not the app's (a plain-text 404, not a
/// JSON viewer), since the app's pages accept only markup that cannot run
/// script (Trusted Types).
async fn served_tags(page: &Page, path: &str) -> Result<Value, String> {
    page.visit(&format!("{}/not-an-app-page.txt", page.base()))
        .await?;
    page.execute(&format!(
        "return fetch({}).then(r => r.text()).then(html => {{ \
           const d = new DOMParser().parseFromString(html, 'text/html'); \
           const meta = {{}}; \
           d.querySelectorAll('meta[property], meta[name]').forEach(m => \
             meta[m.getAttribute('property') || m.getAttribute('name')] = m.getAttribute('content')); \
           const ld = d.querySelector('script[type=\"application/ld+json\"]'); \
           return {{ title: d.title, meta, \
             canonical: (d.querySelector('link[rel=canonical]') || {{}}).href || null, \
             linked: ld ? JSON.parse(ld.textContent) : null }}; }})",
        Value::String(path.to_owned())
    ))
    .await
}

async fn crawlers_read_the_articles_own_tags(page: &Page) -> Outcome {
    page.open("/").await?;
    let tags = served_tags(page, SEED_PATH).await?;
    let meta = &tags["meta"];
    let hero = "https://news.example.com/img/kim-mun-hwan.svg";
    // The networks get the social card the build drew, a PNG: they take no SVG.
    let card = "https://news.example.com/cards/korea-china-new-cooperation-models.png";
    ensure!(tags["title"] == SEED_TITLE, "title: {}", tags["title"]);
    ensure!(
        tags["canonical"] == SEED_CANONICAL,
        "canonical: {}",
        tags["canonical"]
    );
    for (key, expected) in [
        ("og:type", "article"),
        ("og:title", SEED_TITLE),
        ("og:url", SEED_CANONICAL),
        ("og:site_name", "Broadsheet Daily"),
        ("og:image", card),
        ("og:image:type", "image/png"),
        ("og:image:width", "1200"),
        ("og:image:height", "630"),
        ("twitter:card", "summary_large_image"),
        ("twitter:title", SEED_TITLE),
        ("twitter:image", card),
        ("article:published_time", "2026-02-10T09:30:00+08:00"),
    ] {
        ensure!(
            meta[key] == expected,
            "{key} reads {}, expected {expected:?}",
            meta[key]
        );
    }
    for key in ["description", "og:description", "twitter:description"] {
        ensure!(
            meta[key]
                .as_str()
                .is_some_and(|d| d.starts_with(SEED_SUMMARY_START)),
            "{key} is the summary: {}",
            meta[key]
        );
    }
    let linked = &tags["linked"];
    ensure!(
        linked["@type"] == "NewsArticle"
            && linked["headline"] == SEED_TITLE
            && linked["datePublished"] == "2026-02-10T09:30:00+08:00"
            && linked["author"] == json!([{"@type": "Person", "name": "Huang Xinyi"}])
            && linked["publisher"]["name"] == "Broadsheet Daily"
            && linked["image"] == json!([hero, card]),
        "JSON-LD NewsArticle: {linked}"
    );

    let size = page
        .execute(&format!(
            "const picture = new Image(); picture.src = {:?}; \
             return picture.decode().then(() => [picture.naturalWidth, picture.naturalHeight])",
            card.trim_start_matches("https://news.example.com")
        ))
        .await?;
    ensure!(
        size == json!([1200, 630]),
        "the social card is a 1200×630 picture: {size}"
    );

    let chinese = served_tags(page, CHINESE_PATH).await?;
    ensure!(
        chinese["meta"]["og:title"] == CHINESE_TITLE
            && chinese["linked"]["inLanguage"] == "zh-Hans",
        "a Chinese article's tags keep its words: {chinese}"
    );
    Ok(())
}

/// Opens `path` in a frame with JavaScript off: a sandboxed frame without
/// `allow-scripts` is exactly that, in every engine.
pub async fn open_without_javascript(page: &Page, path: &str) -> Outcome {
    page.open("/").await?;
    page.execute(&format!(
        "const f = document.createElement('iframe'); f.id = 'no-js'; f.setAttribute('sandbox', 'allow-same-origin'); \
         f.style.width = '400px'; f.style.height = '800px'; f.src = {}; document.body.append(f); return true",
        Value::String(path.to_owned())
    ))
    .await
    .map(drop)
}

async fn the_front_page_is_prerendered_too(page: &Page) -> Outcome {
    open_without_javascript(page, "/").await?;
    let titles = page
        .wait_for_script(
            "const d = document.getElementById('no-js').contentDocument; \
             if (!d || d.readyState !== 'complete' || !d.getElementById('prerendered')) return null; \
             return [...d.querySelectorAll('.front-page .card-title')].map(t => t.innerText)",
        )
        .await?;
    ensure!(
        titles.as_array().is_some_and(|t| t.len() == 2) && titles[1] == SEED_TITLE,
        "the front page's cards are there without JavaScript: {titles}"
    );
    let tags = served_tags(page, "/").await?;
    ensure!(
        tags["title"] == "Broadsheet Daily" && tags["meta"]["og:site_name"] == "Broadsheet Daily",
        "the front page names the publication to crawlers: {tags}"
    );
    Ok(())
}

async fn a_prerendered_article_reads_with_javascript_off(page: &Page) -> Outcome {
    open_without_javascript(page, SEED_PATH).await?;
    let read = page
        .wait_for_script(
            "const d = document.getElementById('no-js').contentDocument; \
             if (!d || d.readyState !== 'complete' || !d.querySelector('h1')) return null; \
             return { headline: d.querySelector('h1.headline').innerText, \
               headlines: d.querySelectorAll('h1.headline').length, \
               prerendered: d.getElementById('prerendered') !== null, \
               paragraphs: [...d.querySelectorAll('.article-body > p')].map(p => p.innerText), \
               credits: [...d.querySelectorAll('.credits dd')].map(c => c.innerText), \
               related: d.querySelectorAll('.related .card-title').length }",
        )
        .await?;
    ensure!(
        read["headline"] == SEED_TITLE && read["headlines"] == 1 && read["prerendered"] == true,
        "the static page stands on its own: {read}"
    );
    let paragraphs: Vec<&str> = read["paragraphs"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    ensure!(
        paragraphs.len() > 10
            && paragraphs
                .last()
                .is_some_and(|p| p.starts_with(LAST_PARAGRAPH_START)),
        "the whole text is there, to the last paragraph: {} paragraphs",
        paragraphs.len()
    );
    ensure!(
        read["credits"].as_array().is_some_and(|c| c.len() == 4) && read["related"] == 3,
        "credits and related news are there: {read}"
    );
    Ok(())
}

/// A prerendered page reads without its app: the app sleeps, and nothing of
/// its code is downloaded, until the reader uses a control. The tap wakes
/// it, the control answers (the tap is not lost), and the app brings the
/// page's buttons to life where they stand: the served article stays (no
/// second rendering, no download of what the page carries).
async fn the_app_sleeps_until_a_control_is_used_then_takes_the_page_as_it_stands(
    page: &Page,
) -> Outcome {
    page.open(SEED_PATH).await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await?;
    let code_fetched =
        "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname) \
         .filter(n => n.endsWith('.wasm') || /^\\/broadsheet-[0-9a-f]+\\.js$/.test(n))";
    // Long enough for the page's load and its question about corrections.
    page.execute("return new Promise(done => setTimeout(done, 1500)).then(() => null)")
        .await?;
    let asleep = page
        .execute(&format!(
            "return {{ started: document.documentElement.getAttribute('data-broadsheet'), \
               code: {code_fetched} }}"
        ))
        .await?;
    ensure!(
        asleep["started"] == "asleep" && asleep["code"] == json!([]),
        "a reader who only reads downloads none of the app: {asleep}"
    );

    page.click(".share-button[data-network=wechat]").await?;
    page.find("dialog.wechat-dialog[open] .qr-code").await?;
    let state = page
        .execute(&format!(
            "return {{ started: document.documentElement.getAttribute('data-broadsheet'), \
               woken: document.documentElement.getAttribute('data-broadsheet-woken'), \
               served: document.querySelector('#prerendered h1.headline') !== null, \
               headlines: document.querySelectorAll('h1.headline').length, \
               credits: document.querySelectorAll('.credits dd').length, \
               shareBars: document.querySelectorAll('.share-bar').length, \
               posters: document.querySelectorAll('figure.poster').length, \
               code: {code_fetched}, \
               fetched: performance.getEntriesByType('resource').map(e => e.name) \
                 .filter(n => n.endsWith('korea-china-new-cooperation-models.json') || n.endsWith('site.json')) }}"
        ))
        .await?;
    ensure!(
        state["started"] == "islands"
            && state["woken"] == "click"
            && state["served"] == true
            && state["code"].as_array().is_some_and(|code| code.len() == 2),
        "the tap woke the app, which brought the served article's islands to life: {state}"
    );
    ensure!(
        state["headlines"] == 1
            && state["credits"] == 4
            && state["shareBars"] == 1
            && state["posters"] == 1,
        "each part once, not twice: {state}"
    );
    // The page asks whether its article was corrected since (once, past the
    // caches); nothing else is fetched again.
    let article_only = format!("{}{SEED_PATH}.json", page.base());
    ensure!(
        state["fetched"] == json!([article_only]),
        "the app renders from the documents the page carries: {state}"
    );
    page.press("\u{E00C}").await?;
    nothing_moved(page, "bringing the page to life").await
}

/// Every part of the prerendered seed article that acts is declared an island
/// by the view that renders it, is registered, and comes alive: as many marks
/// of each kind as the page's documents have such parts, each rendered again
/// by its component, and no control on the page outside one. Islands are
/// found by their marks, not by class names or positions; the poster's
/// viewer opening from its mark shows the registry's component at work.
async fn every_interactive_part_of_the_seed_is_an_island_that_comes_alive(page: &Page) -> Outcome {
    page.open(SEED_PATH).await?;
    page.wake_the_app().await?;
    // A picture's "Show picture" is no island: the loader's plain data saver
    // (components/data-saver.js) works it with the app asleep or gone.
    let state = page
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             const marks = [...document.querySelectorAll('#prerendered [data-island]')]; \
             const controls = [...document.querySelectorAll( \
               '#prerendered button, #prerendered video, #prerendered input, #prerendered dialog')] \
               .filter(c => !c.matches('.picture-load')); \
             Promise.all([fetch('/articles/korea-china-new-cooperation-models.json'), fetch('/site.json')] \
               .map(p => p.then(r => r.json()))).then(([article, site]) => done({ \
               kinds: marks.map(m => m.getAttribute('data-island') + (m.hasAttribute('data-island-at') \
                 ? '@' + m.getAttribute('data-island-at') : '')).sort(), \
               alive: marks.filter(m => m.hasAttribute('data-island-alive')).length, \
               loose: controls.filter(c => !c.closest('[data-island]')).map(c => c.outerHTML.slice(0, 80)), \
               blocks: article.blocks.map((b, at) => b.type + '@' + at) \
                 .filter(b => b.startsWith('poster@') || b.startsWith('video@')), \
               channels: site.follow.filter(f => f.network !== 'mobile' && (f.url || f.qr)) \
                 .map((f, at) => f.qr ? 'channel@' + at : null).filter(c => c) }), \
               error => done({ error: String(error) }));",
        )
        .await?;
    let mut expected: Vec<String> = ["listen", "reading-settings", "save-offline", "share-bar"]
        .iter()
        .map(|kind| kind.to_string())
        .collect();
    for part in ["blocks", "channels"] {
        let listed = state[part]
            .as_array()
            .ok_or_else(|| format!("the documents say no {part}: {state}"))?;
        expected.extend(listed.iter().filter_map(|p| p.as_str()).map(str::to_owned));
    }
    expected.sort();
    let kinds: Vec<String> = state["kinds"]
        .as_array()
        .ok_or_else(|| format!("no island marks read: {state}"))?
        .iter()
        .filter_map(|kind| kind.as_str().map(str::to_owned))
        .collect();
    ensure!(
        expected.len() >= 6 && kinds == expected,
        "one island per acting part of the documents, expected {expected:?}, found {kinds:?}"
    );
    ensure!(
        state["alive"] == kinds.len(),
        "every island came alive: {} of {}",
        state["alive"],
        kinds.len()
    );
    ensure!(
        state["loose"] == json!([]),
        "no control stands outside an island: {}",
        state["loose"]
    );
    page.click("[data-island=poster] button.poster-open")
        .await?;
    page.find("dialog.poster-viewer[open] img").await?;
    page.press("\u{E00C}").await?;
    Ok(())
}

/// A reader's finger comes down on a sleeping part just as the app, woken
/// by something else (here a video that cannot play; its code kept on the
/// device does the same), brings that part to life: the part pressed is
/// replaced before the release, and the tap still opens what it names, once.
/// The focus the part had stays on it.
async fn a_press_on_a_part_the_waking_app_replaces_reaches_the_living_part(page: &Page) -> Outcome {
    page.open(SEED_PATH).await?;
    page.wait_for_script(
        "return document.documentElement.getAttribute('data-broadsheet') === 'asleep' || null",
    )
    .await?;
    let share_bar_alive = "document.querySelector('[data-island=share-bar]') \
                             .hasAttribute('data-island-alive')";
    page.press_and_hold(".share-button[data-network=wechat]")
        .await?;
    let pressed_asleep = page
        .execute(&format!("return !({share_bar_alive})"))
        .await?;
    ensure!(pressed_asleep == true, "the part was pressed asleep");
    // Focused, too, as a keyboard's or a screen reader's would be.
    page.in_page("document.querySelector('.share-button[data-network=wechat]').focus()")
        .await?;
    page.execute(
        "document.querySelector('#prerendered [data-island] video') \
           .dispatchEvent(new Event('error')); return true",
    )
    .await?;
    page.wait_for_script(&format!(
        "return document.documentElement.getAttribute('data-broadsheet') === 'islands' \
           && {share_bar_alive} || null"
    ))
    .await
    .map_err(|e| format!("the media error wakes the app, which brings the page to life: {e}"))?;
    let focused = page
        .execute(
            "const focused = document.activeElement; \
             return focused.isConnected && focused.matches('.share-button[data-network=wechat]')",
        )
        .await?;
    ensure!(
        focused == true,
        "the living part has the focus its static copy had"
    );
    page.let_go().await?;
    page.find("dialog.wechat-dialog[open] .qr-code")
        .await
        .map_err(|e| format!("the tap on the replaced part opens its dialog: {e}"))?;
    let dialogs = page
        .execute("return document.querySelectorAll('dialog[open]').length")
        .await?;
    ensure!(dialogs == 1, "one dialog opens, once: {dialogs}");
    page.press("\u{E00C}").await?;
    Ok(())
}

/// A link followed on a page whose app sleeps is a plain link: the next
/// prerendered page loads, its app asleep too. Once the app is awake, the
/// first link followed hands the page to it, and it routes without loading a
/// new document; Back returns to the first article.
async fn following_a_link_hands_the_page_to_the_app_once_awake(page: &Page) -> Outcome {
    let related = ".related a[href='/articles/shenzhen-prepares-apec-2026']";
    let follow = format!(
        "window.sameDocument = true; document.querySelector({}).click(); return null",
        serde_json::Value::String(related.to_owned())
    );
    let state_script =
        "return { sameDocument: window.sameDocument === true, path: location.pathname, \
           started: document.documentElement.getAttribute('data-broadsheet'), \
           served: document.getElementById('prerendered') !== null, \
           headlines: document.querySelectorAll('h1.headline').length, top: window.scrollY }";
    let shenzhen = "Shenzhen prepares to host APEC meetings in November";

    page.open(SEED_PATH).await?;
    page.execute(&follow).await?;
    page.wait_for_script(
        "return location.pathname === '/articles/shenzhen-prepares-apec-2026' \
         && document.documentElement.hasAttribute('data-broadsheet') || null",
    )
    .await?;
    page.wait_for_text("h1.headline", shenzhen).await?;
    let state = page.execute(state_script).await?;
    ensure!(
        state["sameDocument"] == false && state["started"] == "asleep" && state["served"] == true,
        "asleep, the link loaded the linked article's own page: {state}"
    );

    page.open(SEED_PATH).await?;
    page.wake_the_app().await?;
    page.execute(&follow).await?;
    page.wait_for_text("h1.headline", shenzhen).await?;
    let state = page.execute(state_script).await?;
    ensure!(
        state["sameDocument"] == true
            && state["path"] == "/articles/shenzhen-prepares-apec-2026"
            && state["started"] == "app"
            && state["served"] == false
            && state["headlines"] == 1
            && state["top"] == 0,
        "awake, the app routed to the linked article in the same document: {state}"
    );
    page.execute("history.back(); return null").await?;
    page.wait_for_text("h1.headline", SEED_TITLE).await
}

/// An article that was published after the build has no prerendered page: the
/// app fetches it, and nothing on the screen jumps while it arrives (the header
/// waits for the site, the placeholder keeps the footer below the fold).
async fn an_article_by_its_client_side_route_arrives_without_a_jump(page: &Page) -> Outcome {
    page.open("/articles/messy-blocks").await?;
    page.wait_for_text(
        "h1.headline",
        "A messy article <script>alert('title')</script>",
    )
    .await?;
    nothing_moved(page, "loading by the client-side route").await
}

/// Only Blink reports layout shifts (elsewhere this checks nothing, and says
/// so; in Chromium it must measure). `make bench` measures them exactly
/// (Lighthouse); here, on a machine busy with three engines, nothing may move
/// as much as a reader would notice.
pub async fn nothing_moved(page: &Page, what: &str) -> Outcome {
    // Layout shifts are only reported to an observer asking for the buffered ones.
    let shifts = page
        .execute(
            "if (!PerformanceObserver.supportedEntryTypes.includes('layout-shift')) return null; \
             return new Promise(done => { new PerformanceObserver((list, observer) => { \
               done(list.getEntries().map(e => ({value: e.value, moved: e.sources.map(s => s.node ? s.node.nodeName + '.' + s.node.className : '?')}))); observer.disconnect(); }) \
               .observe({type: 'layout-shift', buffered: true}); setTimeout(() => done([]), 500); })",
        )
        .await?;
    if shifts.is_null() {
        ensure!(
            page.engine() != "chromium",
            "Chromium reports no layout shifts: {what} cannot be measured"
        );
        return Ok(());
    }
    let entries = shifts
        .as_array()
        .ok_or_else(|| format!("layout shifts: {shifts}"))?;
    let mut shift = 0.0;
    for entry in entries {
        shift += entry["value"]
            .as_f64()
            .ok_or_else(|| format!("a layout shift without a value: {shifts}"))?;
    }
    let unnoticed = shift < 0.01;
    ensure!(
        unnoticed,
        "{}: {what} moved the page, layout shift {shift}: {shifts}",
        page.engine()
    );
    Ok(())
}
