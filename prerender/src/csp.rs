//! The Content Security Policy in the pages. The policy is the one
//! `deploy/nginx/broadsheet.conf` sends (`set $broadsheet_csp "…";`), read
//! from there, so that the header and the `<meta>` cannot differ; it is the
//! same for every build. Every script the pages run comes from our origin:
//! no page runs an inline script (trunk's loader is moved into a file by
//! [`crate::html::loader_moved_out`], the reader settings' script is a file
//! of `index.html`'s), and a page that would is refused here, since the
//! policy would block it. So the policy names no hash, needs no
//! `unsafe-inline`, and a new build is deployed by copying its files, with no
//! reload of nginx. WebAssembly gets `wasm-unsafe-eval`, nothing gets
//! `unsafe-eval`, and script URLs must be Trusted Types made by the app's own
//! policies, where the browser supports them.
//!
//! The policy goes into every page as a `<meta>`, for hosts that cannot set
//! headers; nginx adds what a `<meta>` cannot carry (`frame-ancestors`, where
//! reports go).

use base64::Engine as _;
use sha2::{Digest, Sha256};

// The Trusted Types policy the app creates for the one script URL it hands
// the browser: the service worker's. The shipped policy must allow it.
use broadsheet::model::Platform;
use broadsheet::platform::trusted_types::APP_POLICY as TRUSTED_TYPES_POLICY;

/// The production nginx configuration, which holds the policy.
const NGINX_CONFIG: &str = include_str!("../../deploy/nginx/broadsheet.conf");

/// The policy, as `deploy/nginx/broadsheet.conf` sets it; an error if that
/// file sets none, or one that the app or this build's pages could not run
/// under.
pub fn policy() -> Result<String, String> {
    let policy = policy_set_in(NGINX_CONFIG)
        .ok_or("deploy/nginx/broadsheet.conf sets no `set $broadsheet_csp \"…\";`")?;
    let trusted_types = format!("trusted-types default {TRUSTED_TYPES_POLICY};");
    if !policy.contains(&trusted_types) {
        return Err(format!(
            "the policy in deploy/nginx/broadsheet.conf must allow the app's Trusted Types policies (`{trusted_types}`): {policy}"
        ));
    }
    if policy.contains("'sha256-") || policy.contains("'unsafe-inline'") {
        return Err(format!(
            "the policy in deploy/nginx/broadsheet.conf must be the same for every build, without script hashes or unsafe-inline: {policy}"
        ));
    }
    let frames = frame_sources();
    if !policy.contains(&frames) {
        return Err(format!(
            "the policy in deploy/nginx/broadsheet.conf must frame exactly this site and the platforms' embeds of social posts (`{frames}`): {policy}"
        ));
    }
    Ok(policy.to_owned())
}

/// The frames a page may hold: its own (an embed's preview), and each
/// platform's embed of a social post, at its own origin, nothing else.
pub fn frame_sources() -> String {
    let platforms: Vec<&str> = Platform::ALL
        .into_iter()
        .map(Platform::frame_origin)
        .collect();
    format!("; frame-src 'self' {};", platforms.join(" "))
}

/// The policy a configuration sets in `set $broadsheet_csp "…";`.
fn policy_set_in(config: &str) -> Option<&str> {
    const SET: &str = "set $broadsheet_csp \"";
    let start = config
        .lines()
        .map(str::trim_start)
        .find(|line| line.starts_with(SET))?;
    let value = &start[SET.len()..];
    Some(&value[..value.find('"')?])
}

/// Refuses a page with an inline script that browsers run: the policy, the
/// same for every build, allows none.
pub fn refuse_inline_scripts(page: &str) -> Result<(), String> {
    match inline_script_hashes(page).first() {
        None => Ok(()),
        Some(hash) => Err(format!(
            "the page runs an inline script ('{hash}'), which the policy blocks: move it into a file"
        )),
    }
}

/// The hashes (`sha256-…`) of a page's inline scripts that browsers run:
/// not those with `src`, and not data blocks such as JSON and JSON-LD.
fn inline_script_hashes(page: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>').map(|end| start + end) else {
            break;
        };
        let tag = &rest[start..open_end];
        let Some(close) = rest[open_end..].find("</script>").map(|end| open_end + end) else {
            break;
        };
        let runs = !tag.contains(" src=")
            && match tag.find("type=\"") {
                None => true,
                Some(at) => {
                    let kind = &tag[at + 6..];
                    kind.starts_with("module\"") || kind.starts_with("text/javascript\"")
                }
            };
        if runs {
            let digest = Sha256::digest(&rest.as_bytes()[open_end + 1..close]);
            hashes.push(format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &rest[close + "</script>".len()..];
    }
    hashes
}

/// `page` with the policy as a `<meta>` early in its `<head>`: after the
/// character encoding, which must be declared within the first 1024 bytes,
/// and before any script it governs; in place of any policy it had (a build
/// prerendered twice).
pub fn with_meta(page: &str, policy: &str) -> String {
    let marker = "<meta http-equiv=\"Content-Security-Policy\"";
    let mut page = page.to_owned();
    while let Some(start) = page.find(marker) {
        let end = page[start..]
            .find('>')
            .map_or(page.len(), |end| start + end + 1);
        let line_start = page[..start].trim_end_matches([' ', '\n']).len();
        page.replace_range(line_start..end, "");
    }
    let meta = format!(
        "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        crate::html::escape(policy)
    );
    if let Some(head) = page.find("<head>").map(|at| at + "<head>".len()) {
        let head_end = page.find("</head>").unwrap_or(page.len());
        let after_charset = page[head..head_end]
            .find("<meta charset")
            .and_then(|at| page[head + at..].find('>').map(|end| head + at + end + 1));
        page.insert_str(after_charset.unwrap_or(head), &meta);
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_scripts_that_run_are_hashed() {
        let page = r#"<script>a()</script><script type="module">b()</script>
<script src="/c.js"></script><script type="application/json">{}</script>
<script type="application/ld+json">{}</script>"#;
        let hashes = inline_script_hashes(page);
        assert_eq!(hashes.len(), 2);
        // echo -n 'a()' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hashes[0],
            "sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4="
        );
    }

    #[test]
    fn a_page_gets_one_policy_however_often_it_is_prerendered() {
        let once = with_meta(
            "<html><head><title>T</title></head></html>",
            "default-src 'self';",
        );
        let twice = with_meta(&once, "default-src 'none';");
        assert_eq!(twice.matches("Content-Security-Policy").count(), 1);
        assert!(
            twice.contains("content=\"default-src &#39;none&#39;;\""),
            "{twice}"
        );
    }

    /// The character encoding must be declared within a page's first 1024
    /// bytes; the policy, long with its hashes, comes after it.
    #[test]
    fn the_policy_follows_the_character_encoding() {
        let page = with_meta(
            "<html><head>\n    <meta charset=\"utf-8\">\n    <title>T</title></head></html>",
            &"default-src 'self'; ".repeat(100),
        );
        let charset = page.find("<meta charset=\"utf-8\">").unwrap();
        let policy = page.find("Content-Security-Policy").unwrap();
        assert!(charset < policy && charset < 1024, "{page}");
        assert!(policy < page.find("<title>").unwrap(), "{page}");
    }

    #[test]
    fn the_policy_is_the_shipped_configurations_and_allows_no_inline_or_eval_but_wasm() {
        let policy = policy().unwrap();
        assert!(policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert!(policy.contains("require-trusted-types-for 'script'"));
        assert_eq!(
            policy_set_in("server {\n    set $broadsheet_csp \"default-src 'none';\";\n}"),
            Some("default-src 'none';")
        );
    }

    #[test]
    fn a_page_with_an_inline_script_is_refused() {
        assert!(refuse_inline_scripts("<script>boot()</script>").is_err());
        assert!(refuse_inline_scripts(
            r#"<script src="/a.js"></script><script type="application/json">{}</script>"#
        )
        .is_ok());
    }
}
