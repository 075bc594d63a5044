//! The Content Security Policy of a build. Every script the pages run comes
//! from our origin, except a few inline ones that are ours too (the reader
//! settings' script in `index.html`, trunk's loader and its rewrite by
//! [`crate::html`]); those are allowed by their SHA-256 hashes, computed here
//! from the pages as written, so the policy needs no `unsafe-inline` and can't
//! drift from the build. WebAssembly gets `wasm-unsafe-eval`, nothing gets
//! `unsafe-eval`, and script URLs must be Trusted Types made by the app's
//! own policy (`broadsheet`), where the browser supports them.
//!
//! The policy goes into every page as a `<meta>` (for hosts that cannot set
//! headers) and into `nginx-csp.conf` for `deploy/nginx/broadsheet.conf`,
//! which adds `frame-ancestors` (not allowed in a `<meta>`).

use base64::Engine as _;
use sha2::{Digest, Sha256};

// The Trusted Types policy the app creates for the one script URL it hands
// the browser: the service worker's.
use broadsheet::platform::trusted_types::APP_POLICY as TRUSTED_TYPES_POLICY;

/// The policy for pages whose inline scripts hash to `hashes`.
pub fn policy(hashes: &[String]) -> String {
    let mut scripts = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    scripts.extend(hashes.iter().map(|hash| format!("'{hash}'")));
    [
        "default-src 'self'".to_owned(),
        format!("script-src {}", scripts.join(" ")),
        "style-src 'self'".to_owned(),
        // Pictures and video may live on the newsroom's CDN (the content
        // base); the share poster is drawn to a blob.
        "img-src 'self' https: data: blob:".to_owned(),
        "media-src 'self' https: blob:".to_owned(),
        "connect-src 'self' https:".to_owned(),
        "font-src 'self'".to_owned(),
        "manifest-src 'self'".to_owned(),
        "worker-src 'self'".to_owned(),
        "object-src 'none'".to_owned(),
        "base-uri 'self'".to_owned(),
        "form-action 'self'".to_owned(),
        "require-trusted-types-for 'script'".to_owned(),
        // `default` passes the static markup Leptos writes with innerHTML
        // (src/platform/trusted_types.rs); `broadsheet` makes the service worker's URL.
        format!("trusted-types default {TRUSTED_TYPES_POLICY}"),
    ]
    .join("; ")
        + ";"
}

/// The hashes (`sha256-…`) of a page's inline scripts that browsers run:
/// not those with `src`, and not data blocks such as JSON and JSON-LD.
pub fn inline_script_hashes(page: &str) -> Vec<String> {
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

/// The policy as nginx's `set`, for `deploy/nginx/broadsheet.conf` to include.
pub fn nginx_include(policy: &str) -> String {
    format!(
        "# Written by broadsheet-prerender for this build: the Content Security\n\
         # Policy, with the hashes of this build's inline scripts.\n\
         set $broadsheet_csp \"{}\";\n",
        policy.replace('"', "'")
    )
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
    fn the_policy_allows_no_inline_or_eval_but_wasm() {
        let policy = policy(&["sha256-x".to_owned()]);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-x';"));
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert!(policy.contains("require-trusted-types-for 'script'"));
    }
}
