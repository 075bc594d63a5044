//! Sharing, as a reader meets it: every network's link, copying the link, the
//! WeChat QR dialog, the system share sheet where there is one, the poster
//! viewer, the generated share poster and the channel row's own QR code.

use crate::browser::{Context, Outcome, Page};
use crate::ensure;
use crate::qr;
use crate::scenarios::{
    scenarios, CHINESE_CANONICAL, CHINESE_PATH, CHINESE_TITLE, SEED_CANONICAL, SEED_PATH,
    SEED_TITLE,
};
use serde_json::{json, Value};

scenarios!(
    every_share_link_carries_the_article_to_its_network,
    a_chinese_article_shares_its_title_intact,
    an_article_without_a_canonical_url_shares_the_page_address,
    copy_link_puts_the_address_on_the_clipboard,
    copy_link_falls_back_when_the_clipboard_refuses,
    the_wechat_dialog_shows_a_qr_code_of_the_article,
    inside_wechat_the_dialog_points_to_wechats_menu,
    the_system_share_sheet_is_offered_only_where_it_exists,
    a_poster_opens_large_and_closes,
    the_generated_poster_is_a_png_whose_qr_code_leads_back,
    the_channel_row_follows_the_publication_not_the_article,
);

const ESCAPE: &str = "\u{E00C}";
/// The English seed and a Chinese article: path, title, canonical URL.
const ARTICLES: [(&str, &str, &str); 2] = [
    (SEED_PATH, SEED_TITLE, SEED_CANONICAL),
    (CHINESE_PATH, CHINESE_TITLE, CHINESE_CANONICAL),
];

/// Opens an article and waits until the reader can see its headline.
async fn open_article(page: &Page, path: &str, title: &str) -> Outcome {
    page.open(path).await?;
    page.wait_for_text("h1.headline", title).await
}

/// Waits until the dialog matching `css` has gone.
async fn wait_closed(page: &Page, css: &str) -> Outcome {
    page.wait_for_script(&format!(
        "return document.querySelector({}) === null || null",
        Value::String(css.to_owned())
    ))
    .await
    .map(drop)
}

/// The share bar's links, each taken apart by the browser's own URL parser:
/// what a network receives is what the parser reads back, whatever the encoding.
async fn share_links(page: &Page) -> Result<Vec<Value>, String> {
    page.find(".share-bar .share-button").await?;
    let links = page
        .execute(
            "const drawn = (icon) => { if (!icon) return false; const style = getComputedStyle(icon); \
               return (style.maskImage || style.webkitMaskImage || '').startsWith('url(\"data:image/svg+xml') \
                 && icon.getBoundingClientRect().width >= 16; }; \
             return [...document.querySelectorAll('.share-bar .share-button')].map(b => { \
               const href = b.getAttribute('href'); const u = href ? new URL(href) : null; \
               return { network: b.dataset.network, tag: b.tagName.toLowerCase(), href, \
                 endpoint: u ? (u.protocol === 'mailto:' ? 'mailto:' : u.origin + u.pathname) : null, \
                 params: u ? Object.fromEntries(u.searchParams) : null, \
                 target: b.getAttribute('target'), rel: b.getAttribute('rel'), \
                 name: b.getAttribute('aria-label'), icon: drawn(b.querySelector('.icon')) }; })",
        )
        .await?;
    links
        .as_array()
        .cloned()
        .ok_or_else(|| format!("share links: {links}"))
}

fn param<'a>(link: &'a Value, name: &str) -> &'a str {
    link["params"][name].as_str().unwrap_or("")
}

/// Checks every network link against the article's address and title.
fn check_links(links: &[Value], url: &str, title: &str) -> Outcome {
    // Every button counts, one without a network too.
    let order: Vec<&str> = links
        .iter()
        .map(|l| l["network"].as_str().unwrap_or("(no network)"))
        .collect();
    ensure!(
        order
            == [
                "wechat", "weibo", "facebook", "twitter", "linkedin", "whatsapp", "telegram",
                "email", "copy"
            ],
        "the share bar follows site.json's order: {order:?}"
    );
    let tagged = |network: &str| format!("{url}?utm_source={network}");
    for link in links {
        let network = link["network"].as_str().unwrap_or("");
        ensure!(
            link["icon"] == true && link["name"].as_str().is_some_and(|n| n.len() > 4),
            "{network}: an icon and an accessible name: {link}"
        );
        let expected: Option<(&str, Vec<(&str, String)>)> = match network {
            "weibo" => Some((
                "https://service.weibo.com/share/share.php",
                vec![("url", tagged("weibo")), ("title", title.to_owned())],
            )),
            "facebook" => Some((
                "https://www.facebook.com/sharer/sharer.php",
                vec![("u", tagged("facebook"))],
            )),
            "twitter" => Some((
                "https://x.com/intent/tweet",
                vec![("url", tagged("twitter")), ("text", title.to_owned())],
            )),
            "linkedin" => Some((
                "https://www.linkedin.com/sharing/share-offsite/",
                vec![("url", tagged("linkedin"))],
            )),
            "whatsapp" => Some((
                "https://wa.me/",
                vec![("text", format!("{title} {}", tagged("whatsapp")))],
            )),
            "telegram" => Some((
                "https://t.me/share/url",
                vec![("url", tagged("telegram")), ("text", title.to_owned())],
            )),
            "email" => Some(("mailto:", vec![("subject", title.to_owned())])),
            _ => None,
        };
        match expected {
            Some((endpoint, params)) => {
                ensure!(
                    link["endpoint"] == endpoint,
                    "{network}: endpoint {}",
                    link["endpoint"]
                );
                for (name, value) in params {
                    ensure!(
                        param(link, name) == value,
                        "{network}: {name} reads {:?}, expected {value:?}",
                        param(link, name)
                    );
                }
                if network == "email" {
                    ensure!(
                        param(link, "body").ends_with(&tagged("email")),
                        "email: the body ends with the address: {:?}",
                        param(link, "body")
                    );
                    ensure!(
                        link["target"].is_null(),
                        "email opens the mail program, not a tab"
                    );
                } else {
                    ensure!(
                        link["target"] == "_blank"
                            && link["rel"].as_str().is_some_and(|r| r.contains("noopener")),
                        "{network}: a new tab with noopener: {link}"
                    );
                }
            }
            None => ensure!(link["tag"] == "button", "{network} is a button: {link}"),
        }
    }
    Ok(())
}

async fn every_share_link_carries_the_article_to_its_network(page: &Page) -> Outcome {
    open_article(page, SEED_PATH, SEED_TITLE).await?;
    check_links(&share_links(page).await?, SEED_CANONICAL, SEED_TITLE)
}

async fn a_chinese_article_shares_its_title_intact(page: &Page) -> Outcome {
    open_article(page, CHINESE_PATH, CHINESE_TITLE).await?;
    let links = share_links(page).await?;
    check_links(&links, CHINESE_CANONICAL, CHINESE_TITLE)?;
    let weibo = links
        .iter()
        .find(|l| l["network"] == "weibo")
        .ok_or("no Weibo link")?;
    ensure!(
        weibo["href"]
            .as_str()
            .is_some_and(|h| h.is_ascii() && h.contains("%E4%B8%AD%E9%9F%A9")),
        "the title travels UTF-8 percent-encoded: {}",
        weibo["href"]
    );
    Ok(())
}

async fn an_article_without_a_canonical_url_shares_the_page_address(page: &Page) -> Outcome {
    // The reader arrived by a tracked link carrying a token: none of that
    // query travels on, and the network's own utm_source wins.
    page.open("/articles/messy-blocks?fbclid=x1&utm_source=newsletter&token=secret")
        .await?;
    page.find("h1.headline").await?;
    let links = share_links(page).await?;
    let facebook = links
        .iter()
        .find(|l| l["network"] == "facebook")
        .ok_or("no Facebook link")?;
    let page_url = page
        .execute("return location.origin + location.pathname")
        .await?;
    let page_url = page_url
        .as_str()
        .ok_or_else(|| format!("the page's address: {page_url}"))?;
    let expected = format!("{page_url}?utm_source=facebook");
    ensure!(
        param(facebook, "u") == expected,
        "shares {:?}, expected {expected:?}",
        param(facebook, "u")
    );
    let twitter = links
        .iter()
        .find(|l| l["network"] == "twitter")
        .ok_or("no X link")?;
    ensure!(
        param(twitter, "text") == "A messy article <script>alert('title')</script>",
        "a title with markup and quotes arrives as written: {:?}",
        param(twitter, "text")
    );
    Ok(())
}

/// The first tap on Copy link wakes a sleeping page's app, which copies on
/// the tap's behalf once it is up. WebKit lets only the tap's own event write
/// the clipboard: there a first tap the app was not awake for offers the
/// address to copy by hand (the engine gap), and the next, the app awake,
/// copies. (An app that woke by itself, its code kept, copies at once.)
async fn tap_copy_link_first(page: &Page) -> Outcome {
    page.click(".share-button[data-network=copy]").await?;
    if page.engine() == "webkit" {
        let answer = page
            .wait_for_script(
                "if (document.querySelector('.manual-copy input')) return 'by hand'; \
                 const status = document.querySelector('.share-bar .share-status'); \
                 return status && status.textContent.includes('Link copied') ? 'copied' : null",
            )
            .await?;
        if answer == "by hand" {
            page.click(".share-button[data-network=copy]").await?;
        }
    }
    Ok(())
}

async fn copy_link_puts_the_address_on_the_clipboard(page: &Page) -> Outcome {
    open_article(page, SEED_PATH, SEED_TITLE).await?;
    tap_copy_link_first(page).await?;
    page.wait_for_text(".share-bar .share-status", "Link copied")
        .await?;
    let live = page
        .execute("const s = document.querySelector('.share-bar .share-status'); return s.getAttribute('role') + ' ' + s.getAttribute('aria-live')")
        .await?;
    ensure!(
        live == "status polite",
        "the confirmation is announced: {live}"
    );
    // Paste it where a reader would, to see what the clipboard really holds.
    page.execute(
        "const t = document.createElement('textarea'); t.id = 'paste-here'; \
         document.body.append(t); t.focus(); return true",
    )
    .await?;
    page.press("\u{E009}v\u{E000}").await?;
    let pasted = page
        .wait_for_script("const v = document.getElementById('paste-here').value; return v || null")
        .await?;
    ensure!(pasted == SEED_CANONICAL, "the clipboard holds {pasted}");
    Ok(())
}

/// Pastes into a fresh text field and returns what arrived.
pub async fn paste(page: &Page) -> Result<Value, String> {
    page.execute(
        "const t = document.createElement('textarea'); t.id = 'paste-here'; \
         document.body.append(t); t.focus(); return true",
    )
    .await?;
    page.press("\u{E009}v\u{E000}").await?;
    page.wait_for_script("const v = document.getElementById('paste-here').value; return v || null")
        .await
}

async fn copy_link_falls_back_when_the_clipboard_refuses(page: &Page) -> Outcome {
    open_article(page, SEED_PATH, SEED_TITLE).await?;
    // As on an insecure page or a browser that says no: the API refuses.
    page.in_page(
        "Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { \
           writeText: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) } });",
    )
    .await?;
    // The page's policy allows no `style` attribute: the fallback's hidden
    // field must be styled another way, or it shows and the page jumps.
    page.in_page(
        "window.__copyViolations = []; document.addEventListener('securitypolicyviolation', \
           e => window.__copyViolations.push(e.violatedDirective + ' ' + (e.sample || '')));",
    )
    .await?;
    tap_copy_link_first(page).await?;
    page.wait_for_text(".share-bar .share-status", "Link copied")
        .await?;
    // Violations are reported in a task of their own: give it time.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let violations = page.execute("return window.__copyViolations").await?;
    ensure!(
        violations.as_array().is_some_and(Vec::is_empty),
        "copying broke no part of the policy: {violations}"
    );
    let pasted = paste(page).await?;
    ensure!(
        pasted == SEED_CANONICAL,
        "the older copy command still copied: {pasted}"
    );

    // With no way to copy at all, the link is offered to copy by hand.
    page.execute("document.getElementById('paste-here').remove(); return true")
        .await?;
    page.in_page("document.execCommand = () => false;").await?;
    page.click(".share-button[data-network=copy]").await?;
    page.find(".manual-copy input").await?;
    let offered = page
        .execute("return document.querySelector('.manual-copy input').value")
        .await?;
    ensure!(
        offered == SEED_CANONICAL,
        "the link is there to copy by hand: {offered}"
    );
    let status = page.text(".share-bar .share-status").await?;
    ensure!(
        status.is_empty(),
        "nothing claims it was copied: {status:?}"
    );
    Ok(())
}

async fn the_wechat_dialog_shows_a_qr_code_of_the_article(page: &Page) -> Outcome {
    for (path, title, canonical) in ARTICLES {
        open_article(page, path, title).await?;
        page.click(".share-button[data-network=wechat]").await?;
        page.find("dialog.wechat-dialog[open] .qr-code").await?;
        let focus_inside = page
            .execute("return document.activeElement.closest('dialog[open]') !== null")
            .await?;
        ensure!(focus_inside == true, "focus moves into the dialog");
        let instruction = page.text(".wechat-dialog .wechat-instruction").await?;
        // In the article's language: the Chinese article's interface is Chinese.
        ensure!(
            instruction.contains("Scan") || instruction.contains("扫一扫"),
            "the dialog says to scan: {instruction:?}"
        );
        // The whole window, as a phone's camera would see the screen. (WebKit
        // cannot photograph one element in a modal: its crop is shifted.)
        let codes = qr::decode_png(&page.screenshot().await?)?;
        let expected = format!("{canonical}?utm_source=wechat");
        ensure!(
            codes == [expected.clone()],
            "the QR code reads {codes:?}, expected {expected}"
        );

        page.press(ESCAPE).await?;
        wait_closed(page, "dialog.wechat-dialog").await?;
        let returned = page
            .execute(
                "return document.activeElement.dataset.network || document.activeElement.tagName",
            )
            .await?;
        ensure!(
            returned == "wechat",
            "focus returns to the WeChat button, is on {returned}"
        );
    }
    // The close button closes it too.
    page.click(".share-button[data-network=wechat]").await?;
    page.click("dialog.wechat-dialog[open] .modal-close")
        .await?;
    wait_closed(page, "dialog.wechat-dialog").await?;
    Ok(())
}

async fn inside_wechat_the_dialog_points_to_wechats_menu(page: &Page) -> Outcome {
    open_article(page, SEED_PATH, SEED_TITLE).await?;
    page.in_page(
        "Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 (iPhone) MicroMessenger/8.0.50' });",
    )
    .await?;
    page.click(".share-button[data-network=wechat]").await?;
    let text = page.text("dialog.wechat-dialog[open] .in-wechat").await?;
    ensure!(
        text.contains("at the top right"),
        "the reader is sent to WeChat's menu: {text:?}"
    );
    ensure!(
        page.find_all("dialog.wechat-dialog .qr-code")
            .await?
            .is_empty(),
        "no QR code to scan with the phone it is on"
    );
    Ok(())
}

async fn the_system_share_sheet_is_offered_only_where_it_exists(page: &Page) -> Outcome {
    open_article(page, SEED_PATH, SEED_TITLE).await?;
    let has_share = page
        .execute("return typeof navigator.share === 'function'")
        .await?;
    let shown_script = "const b = document.querySelector('.share-native'); \
         return b !== null && getComputedStyle(b).display !== 'none'";
    let shown = page.execute(shown_script).await? == true;
    ensure!(
        shown == (has_share == true),
        "{}: navigator.share is {has_share}, the Share button shown: {shown}",
        page.engine()
    );
    // These desktop engines have no share sheet, so one stands in for a phone's:
    // it records what it was given, and the next time the reader cancels. A
    // phone's page knows of its sheet from the start (reader-settings.js
    // marks <html> before the first paint); this one is told when it arrives.
    page.in_page(
        "window.__shared = []; Object.defineProperty(navigator, 'share', { configurable: true, value: (data) => { \
           window.__shared.push(data); return window.__shared.length > 1 \
             ? Promise.reject(new DOMException('cancelled', 'AbortError')) : Promise.resolve(); } }); \
         document.documentElement.setAttribute('data-can-share', '');",
    )
    .await?;
    ensure!(
        page.execute(shown_script).await? == true,
        "with a share sheet, the Share button is shown"
    );
    // The sheet works on the page the app took over from a link too.
    page.wake_the_app().await?;
    page.click(".related a[href='/articles/shenzhen-prepares-apec-2026']")
        .await?;
    page.wait_for_path("/articles/shenzhen-prepares-apec-2026")
        .await?;
    page.wait_for_text(
        "h1.headline",
        "Shenzhen prepares to host APEC meetings in November",
    )
    .await?;
    page.click(".share-native").await?;
    let shared = page
        .wait_for_script("return window.__shared.length ? window.__shared[0] : null")
        .await?;
    ensure!(
        shared["title"] == "Shenzhen prepares to host APEC meetings in November"
            && shared["url"]
                == "https://news.example.com/a/shenzhen-prepares-apec-2026?utm_source=share"
            && shared["text"].as_str().is_some_and(|t| !t.is_empty()),
        "the sheet gets title, summary and address: {shared}"
    );
    page.click(".share-native").await?;
    page.wait_for_script("return window.__shared.length === 2 || null")
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let status = page.text(".share-bar .share-status").await?;
    ensure!(
        status.is_empty(),
        "cancelling the sheet is not an error: {status:?}"
    );
    Ok(())
}

async fn a_poster_opens_large_and_closes(page: &Page) -> Outcome {
    open_article(page, SEED_PATH, SEED_TITLE).await?;
    page.click("figure.poster .poster-open").await?;
    page.find("dialog.poster-viewer[open] .poster-viewer-frame img")
        .await?;
    let loaded = page
        .wait_for_script("const i = document.querySelector('.poster-viewer-frame img'); return (i.complete && i.naturalWidth > 0) || null")
        .await?;
    ensure!(loaded == true, "the poster loads large");
    let save = page
        .execute("const a = document.querySelector('.poster-viewer a.poster-save'); return [a.hasAttribute('download'), a.getAttribute('href')]")
        .await?;
    ensure!(
        save[0] == true
            && save[1]
                .as_str()
                .is_some_and(|h| h.ends_with("img/guangdong-korea-trade-poster.svg")),
        "Save downloads the poster itself: {save}"
    );
    let title = page.text("dialog.poster-viewer .modal-title").await?;
    ensure!(
        title == "Guangdong and South Korea in numbers",
        "the viewer is titled with the poster: {title:?}"
    );
    page.press(ESCAPE).await?;
    wait_closed(page, "dialog.poster-viewer").await?;
    let returned = page
        .execute("return document.activeElement.classList.contains('poster-open')")
        .await?;
    ensure!(returned == true, "focus returns to the poster");
    // A tap on the poster closes it too.
    page.click("figure.poster .poster-open").await?;
    page.click("dialog.poster-viewer[open] .poster-viewer-frame img")
        .await?;
    wait_closed(page, "dialog.poster-viewer").await?;
    Ok(())
}

async fn the_generated_poster_is_a_png_whose_qr_code_leads_back(page: &Page) -> Outcome {
    for (path, title, canonical) in ARTICLES {
        open_article(page, path, title).await?;
        page.click(".share-bar .share-poster").await?;
        page.find("dialog.share-poster-dialog[open] img.share-poster-preview")
            .await?;
        let saved = page
            .execute("const a = document.querySelector('.share-poster-dialog a.poster-save'); return [a.getAttribute('download'), a.getAttribute('href').slice(0, 22)]")
            .await?;
        ensure!(
            saved
                == json!([
                    format!("{}.png", &path["/articles/".len()..]),
                    "data:image/png;base64,"
                ]),
            "Save as PNG downloads a PNG named for the article: {saved}"
        );
        let data = page
            .execute("return document.querySelector('.share-poster-preview').getAttribute('src').split(',')[1]")
            .await?;
        use base64::Engine as _;
        let data = data
            .as_str()
            .ok_or_else(|| format!("the poster preview has no data URL: {data}"))?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(data)
            .context("the poster's base64")?;
        let size = qr::png_size(&png)?;
        ensure!(size == (1080, 1920), "the poster is 1080×1920, is {size:?}");
        let codes = qr::decode_png(&png)?;
        let expected = format!("{canonical}?utm_source=poster");
        ensure!(
            codes == [expected.clone()],
            "the poster's QR code reads {codes:?}, expected {expected}"
        );
        page.press(ESCAPE).await?;
        wait_closed(page, "dialog.share-poster-dialog").await?;
    }
    Ok(())
}

async fn the_channel_row_follows_the_publication_not_the_article(page: &Page) -> Outcome {
    open_article(page, SEED_PATH, SEED_TITLE).await?;
    let label = page.text(".channels .channels-label").await?;
    ensure!(
        label.eq_ignore_ascii_case("Follow us"),
        "the channel row says what it is: {label:?}"
    );
    let in_share_bar = page
        .execute("return document.querySelector('.share-bar .channel') !== null")
        .await?;
    ensure!(in_share_bar == false, "no channel inside the share bar");
    page.click(".channels .channel-qr").await?;
    page.find("dialog.channel-dialog[open] img.channel-qr-image")
        .await?;
    // Waits for the image to arrive, as a reader's eyes would.
    let src = page
        .wait_for_script("const i = document.querySelector('.channel-dialog img'); return i.complete && i.naturalWidth > 0 ? i.getAttribute('src') : null")
        .await?;
    ensure!(
        src.as_str()
            .is_some_and(|s| s.ends_with("img/wechat-qr.svg")),
        "the publication's own QR image is shown: {src}"
    );
    let title = page.text("dialog.channel-dialog .modal-title").await?;
    ensure!(
        title == "Follow us on WeChat",
        "the dialog is about following: {title:?}"
    );
    page.press(ESCAPE).await?;
    wait_closed(page, "dialog.channel-dialog").await?;
    Ok(())
}
