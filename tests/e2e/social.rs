//! Social posts in an article, privacy first: the page shows each post from
//! the document alone and asks nothing of the platform; a tap puts the
//! platform's own embed in a sandboxed frame in its place, which the
//! policy allows, on a prerendered page with the app asleep and on a page
//! the app rendered. Without JavaScript the facade is a link to the post.

use crate::browser::{Outcome, Page};
use crate::ensure;
use crate::scenarios::{scenarios, SEED_PATH};
use serde_json::Value;

scenarios!(a_social_post_asks_nothing_of_its_platform_until_tapped[nginx]);

const POST_PATH: &str = "/articles/shenzhen-prepares-apec-2026";
const YOUTUBE_FRAME: &str = "https://www.youtube-nocookie.com/embed/APEC2025Gju?autoplay=1";
const WEIBO_FRAME: &str = "https://m.weibo.cn/s/video/show?object_id=1034:5205158733480074";

/// Starts recording the policy's refusals, as `window.refused`.
const RECORD_REFUSALS: &str = "window.refused = []; \
    document.addEventListener('securitypolicyviolation', (e) => refused.push(`${e.violatedDirective} ${e.blockedURI}`)); \
    return true";

/// Every address the page fetched that is not on its own origin.
const ELSEWHERE: &str = "return performance.getEntriesByType('resource').map(e => e.name) \
    .filter(name => new URL(name).origin !== location.origin)";

async fn a_social_post_asks_nothing_of_its_platform_until_tapped(page: &Page) -> Outcome {
    page.open(POST_PATH).await?;
    page.execute(RECORD_REFUSALS).await?;
    let facades = page
        .execute(
            "return [...document.querySelectorAll('a.social-facade')].map(a => ({ \
               href: a.getAttribute('href'), target: a.target, rel: a.rel, \
               platform: a.querySelector('.social-platform').textContent, \
               author: a.querySelector('.social-author').textContent, \
               picture: new URL(a.querySelector('img').src).origin === location.origin }))",
        )
        .await?;
    ensure!(
        facades
            == serde_json::json!([
                { "href": "https://www.youtube.com/watch?v=APEC2025Gju", "target": "_blank",
                  "rel": "noopener noreferrer", "platform": "YouTube", "author": "APEC 2025 KOREA",
                  "picture": true },
                { "href": "https://weibo.com/tv/show/1034:5205158733480074", "target": "_blank",
                  "rel": "noopener noreferrer", "platform": "Weibo", "author": "深圳发布",
                  "picture": true },
            ]),
        "each post is a link to it, with its platform, author and a picture of our own: {facades}"
    );
    ensure!(
        page.execute(ELSEWHERE).await? == serde_json::json!([])
            && page
                .execute("return document.querySelectorAll('iframe').length")
                .await?
                == 0,
        "before a tap, nothing is asked of any platform"
    );

    page.click("a.social-facade[data-platform=youtube]").await?;
    let frame = page
        .wait_for_script(
            "const f = document.querySelector('iframe.social-frame'); \
             return f && { src: f.src, sandbox: [...f.sandbox].sort(), title: f.title, \
               focused: document.activeElement === f, facades: document.querySelectorAll('a.social-facade').length, \
               open: f.nextElementSibling && [f.nextElementSibling.textContent, f.nextElementSibling.getAttribute('href')], \
               ratio: Math.round(f.getBoundingClientRect().width / f.getBoundingClientRect().height * 100) / 100, \
               asleep: document.documentElement.dataset.broadsheet === 'asleep' }",
        )
        .await?;
    ensure!(
        frame["src"] == YOUTUBE_FRAME
            && frame["sandbox"]
                == serde_json::json!([
                    "allow-popups",
                    "allow-popups-to-escape-sandbox",
                    "allow-presentation",
                    "allow-same-origin",
                    "allow-scripts"
                ])
            && frame["title"] == "The post on YouTube"
            && frame["focused"] == true
            && frame["facades"] == 1
            && frame["open"]
                == serde_json::json!([
                    "Open the post on YouTube",
                    "https://www.youtube.com/watch?v=APEC2025Gju"
                ])
            && frame["ratio"] == 1.78,
        "a tap puts the platform's embed, sandboxed and titled, in the facade's 16:9 box: {frame}"
    );
    ensure!(
        frame["asleep"] == true,
        "the app stays asleep: no app is needed for a post"
    );
    // The frame's own request is refused by no policy (this machine has no
    // route to the platform, so it goes no further).
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let refused = page.execute("return window.refused").await?;
    ensure!(
        refused == serde_json::json!([]),
        "the policy allows the platform's frame: {refused}"
    );

    // On a page the app renders: the seed, awake, then its related link.
    page.open(SEED_PATH).await?;
    page.wake_the_app().await?;
    page.click(&format!(".related a[href='{POST_PATH}']"))
        .await?;
    page.wait_for_path(POST_PATH).await?;
    page.find("a.social-facade[data-platform=weibo]").await?;
    page.execute(RECORD_REFUSALS).await?;
    ensure!(
        !page
            .execute(ELSEWHERE)
            .await?
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .any(|name| name.contains("weibo") || name.contains("youtube")),
        "the app's page asks nothing of a platform either"
    );
    page.click("a.social-facade[data-platform=weibo]").await?;
    let src = page
        .wait_for_script(
            "const f = document.querySelector('iframe.social-frame'); return f && f.src",
        )
        .await?;
    ensure!(
        src == WEIBO_FRAME && page.path().await? == POST_PATH,
        "the app's page too puts the embed in place, and stays: {src}"
    );
    Ok(())
}
