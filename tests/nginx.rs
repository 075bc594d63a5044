//! The production nginx configuration, `deploy/nginx/broadsheet.conf`, run as
//! it ships (only its `listen` line and the build's folder changed, and for
//! the CMS's documents its include line) by Debian's nginx on localhost over
//! the release build (`support/nginx.rs`), and asked what a browser would ask.
//! `make test` builds `dist/` and installs nginx first.

#![cfg(not(target_arch = "wasm32"))]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};

const SEED: &str = "korea-china-new-cooperation-models";

#[path = "support/binaries.rs"]
mod binaries;
#[path = "support/nginx.rs"]
mod support;
use support::Nginx;

fn dist() -> PathBuf {
    let dist = std::env::var("BROADSHEET_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dist.join("embed").join(SEED).join("index.html").is_file(),
        "no release build with embeds at {}: run `make test`, which builds it",
        dist.display()
    );
    dist
}

fn start_nginx() -> Nginx {
    support::start(&dist(), None).unwrap_or_else(|error| panic!("{error}"))
}

/// A response: status, headers (names lower-cased), body as text and as sent.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    bytes: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

fn get(nginx: &Nginx, path: &str) -> Response {
    request(nginx, path, "")
}

/// A GET with extra header lines (each ending in `\r\n`).
fn request(nginx: &Nginx, path: &str, headers: &str) -> Response {
    exchange(nginx, "GET", path, headers)
}

/// One request of any method, with extra header lines, and its response.
fn exchange(nginx: &Nginx, method: &str, path: &str, headers: &str) -> Response {
    send(nginx.port, method, path, headers, "")
}

/// One request to a server on localhost at `port`, with a body.
fn send(port: u16, method: &str, path: &str, headers: &str, body: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: news.example.com\r\nContent-Length: {}\r\n\
         Connection: close\r\n{headers}\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let bytes = raw.get(split + 4..).unwrap_or_default().to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_lowercase(), value.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

/// The Content Security Policy `deploy/nginx/broadsheet.conf` sets, the
/// same for every build.
fn shipped_policy() -> String {
    let config = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx/broadsheet.conf"),
    )
    .unwrap();
    let set = config
        .lines()
        .map(str::trim)
        .find(|line| line.starts_with("set $broadsheet_csp \""))
        .expect("broadsheet.conf sets $broadsheet_csp");
    set.split('"').nth(1).unwrap().to_owned()
}

/// The policy a page carries in its `<meta>`, unescaped.
fn meta_policy(page: &str) -> Option<String> {
    let start = page.find("<meta http-equiv=\"Content-Security-Policy\" content=\"")?;
    let value = &page[start..].split("content=\"").nth(1)?;
    Some(
        value[..value.find('"')?]
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&"),
    )
}

/// The build's hashed file whose name ends with `suffix`.
fn hashed(suffix: &str) -> String {
    std::fs::read_dir(dist())
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("broadsheet-") && name.ends_with(suffix))
        .unwrap_or_else(|| panic!("the build has no broadsheet-*{suffix}"))
}

/// The address of a picture's AVIF rendition in the build (the sample's photo).
fn rendition() -> String {
    std::fs::read_dir(dist().join("renditions/img"))
        .expect("the build has renditions of the sample's photo")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".avif"))
        .map(|name| format!("/renditions/img/{name}"))
        .expect("an AVIF rendition")
}

#[test]
fn every_route_gets_the_security_headers_and_its_caching() {
    let nginx = start_nginx();
    let policy = shipped_policy();
    assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"));
    assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
    assert!(policy.contains("require-trusted-types-for 'script'"));

    let year = "public, max-age=31536000, immutable";
    let minute = "public, max-age=60";
    let routes = [
        ("/".to_owned(), minute, true),
        (format!("/articles/{SEED}"), minute, true),
        (
            "/articles/published-after-the-build".to_owned(),
            minute,
            true,
        ),
        ("/articles/index.json".to_owned(), minute, true),
        ("/site.json".to_owned(), minute, true),
        (format!("/oembed/{SEED}.json"), minute, true),
        ("/sw.js".to_owned(), "no-cache", true),
        ("/manifest.webmanifest".to_owned(), minute, true),
        ("/embed.js".to_owned(), "public, max-age=300", true),
        ("/img/logo.svg".to_owned(), "public, max-age=86400", true),
        (
            "/icons/icon-192.png".to_owned(),
            "public, max-age=86400",
            true,
        ),
        (format!("/{}", hashed(".js")), year, true),
        (format!("/{}", hashed("_bg.wasm")), year, true),
        (format!("/{}", hashed(".css")), year, true),
        (rendition(), year, true),
        (format!("/embed/{SEED}"), minute, false),
    ];
    assert_eq!(
        get(&nginx, &rendition()).header("content-type"),
        Some("image/avif")
    );
    for (route, cache, framed_by_us_only) in &routes {
        let response = get(&nginx, route);
        assert_eq!(response.status, 200, "{route}");
        assert_eq!(response.header("cache-control"), Some(*cache), "{route}");
        let csp = response
            .header("content-security-policy")
            .unwrap_or_default();
        assert!(csp.starts_with(&policy), "{route}: {csp}");
        assert!(
            csp.contains(" report-uri /csp-report; report-to broadsheet-csp;"),
            "{route}: {csp}"
        );
        assert_eq!(
            response.header("reporting-endpoints"),
            Some("broadsheet-csp=\"/csp-report\""),
            "{route}"
        );
        assert_eq!(
            csp.contains("frame-ancestors 'self'"),
            *framed_by_us_only,
            "{route}: {csp}"
        );
        assert_eq!(
            response.header("x-frame-options"),
            framed_by_us_only.then_some("SAMEORIGIN"),
            "{route}"
        );
        assert_eq!(
            response.header("x-content-type-options"),
            Some("nosniff"),
            "{route}"
        );
        assert_eq!(
            response.header("referrer-policy"),
            Some("strict-origin-when-cross-origin"),
            "{route}"
        );
        assert!(
            response
                .header("permissions-policy")
                .is_some_and(|policy| policy.contains("camera=()")),
            "{route}"
        );
    }

    // What compresses is sent compressed, from the build's own copies (with
    // their length known, where nginx compressing on the fly would send
    // chunks): brotli to browsers that accept it, gzip to the rest.
    for route in [
        format!("/{}", hashed("_bg.wasm")),
        "/articles/index.json".to_owned(),
        format!("/articles/{SEED}"),
    ] {
        let file = if route.starts_with("/articles/") && !route.ends_with(".json") {
            format!("{}/index.html", &route[1..])
        } else {
            route[1..].to_owned()
        };
        for (accepted, encoding, suffix) in [
            ("gzip, deflate, br", "br", "br"),
            ("gzip, deflate", "gzip", "gz"),
        ] {
            let response = request(&nginx, &route, &format!("Accept-Encoding: {accepted}\r\n"));
            assert_eq!(response.status, 200, "{route}");
            assert_eq!(
                response.header("content-encoding"),
                Some(encoding),
                "{route} for {accepted}"
            );
            assert_eq!(response.header("vary"), Some("Accept-Encoding"), "{route}");
            let copy = std::fs::metadata(dist().join(format!("{file}.{suffix}")))
                .unwrap_or_else(|e| panic!("the build's {file}.{suffix}: {e}"))
                .len();
            assert_eq!(
                response.header("content-length"),
                Some(copy.to_string().as_str()),
                "{route} is served from its .{suffix} copy"
            );
        }
    }
    let video = std::fs::read_dir(dist().join("media"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".mp4"))
        .expect("the sample video");
    let part = request(
        &nginx,
        &format!("/media/{video}"),
        "Accept-Encoding: gzip\r\nRange: bytes=0-99\r\n",
    );
    assert_eq!(part.status, 206);
    assert_eq!(part.header("content-encoding"), None);
}

#[test]
fn our_pages_may_be_framed_only_by_our_own_and_embeds_by_anyone() {
    let nginx = start_nginx();
    for page in [
        "/".to_owned(),
        format!("/articles/{SEED}"),
        "/articles/published-after-the-build".to_owned(),
        "/articles/index.json".to_owned(),
    ] {
        let response = get(&nginx, &page);
        assert_eq!(response.status, 200, "{page}");
        assert!(
            response
                .header("content-security-policy")
                .is_some_and(|policy| policy.ends_with(" frame-ancestors 'self';")),
            "{page}"
        );
        assert_eq!(
            response.header("x-frame-options"),
            Some("SAMEORIGIN"),
            "{page}"
        );
    }

    let embed = get(&nginx, &format!("/embed/{SEED}"));
    assert_eq!(embed.status, 200);
    assert!(embed.body.contains("class=\"embed\""), "{}", embed.body);
    // The policy, without the framing part: not no policy at all.
    let embed_policy = embed
        .header("content-security-policy")
        .expect("the embed carries the policy");
    assert!(
        embed_policy.contains("require-trusted-types-for 'script'")
            && !embed_policy.contains("frame-ancestors"),
        "{embed_policy}"
    );
    assert_eq!(embed.header("x-frame-options"), None);
    assert_eq!(embed.header("x-content-type-options"), Some("nosniff"));

    assert_eq!(get(&nginx, "/embed/not-in-the-build").status, 404);
}

#[test]
fn partners_get_the_loader_and_oembed_documents_with_their_types() {
    let nginx = start_nginx();
    let loader = get(&nginx, "/embed.js");
    assert_eq!(loader.status, 200);
    assert_eq!(
        loader.header("content-type"),
        Some("application/javascript")
    );
    assert!(loader.body.contains("data-broadsheet-article"));

    let oembed = get(&nginx, &format!("/oembed/{SEED}.json"));
    assert_eq!(oembed.status, 200);
    assert_eq!(oembed.header("content-type"), Some("application/json"));
    let document: serde_json::Value = serde_json::from_str(&oembed.body).expect("oEmbed JSON");
    assert_eq!(document["type"], "rich");

    let by_url = get(
        &nginx,
        &format!("/oembed?url=https%3A%2F%2Fnews.example.com%2Farticles%2F{SEED}&format=json"),
    );
    assert_eq!(by_url.status, 200);
    assert_eq!(
        by_url.body, oembed.body,
        "the endpoint answers with the same document"
    );
    assert_eq!(
        get(
            &nginx,
            &format!("/oembed?url=https://news.example.com/articles/{SEED}")
        )
        .status,
        200
    );
    assert_eq!(
        get(
            &nginx,
            "/oembed?url=https://news.example.com/articles/../../etc/passwd"
        )
        .status,
        404
    );
    assert_eq!(get(&nginx, "/oembed").status, 404);

    assert_eq!(get(&nginx, "/articles/missing.json").status, 404);
    assert_eq!(
        get(&nginx, "/manifest.webmanifest").header("content-type"),
        Some("application/manifest+json")
    );
    let wasm = std::fs::read_dir(dist())
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".wasm"))
        .expect("the build's wasm");
    assert_eq!(
        get(&nginx, &format!("/{wasm}")).header("content-type"),
        Some("application/wasm")
    );
}

/// A newsroom CMS behind `cms-upstream.conf`: it answers every document with
/// headers of its own (a cookie, its caching, a loose policy, headers that
/// would act on our origin), except paths with `silent` in them, which it
/// never answers, `status-NNN`, which it answers with that status, and
/// `accel-redirect` and `accel-slow`, which it answers with `X-Accel-*`
/// headers. It keeps each request's head.
struct FakeCms {
    address: String,
    requests: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

fn start_fake_cms() -> FakeCms {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = requests.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().filter_map(Result::ok) {
            let kept = kept.clone();
            std::thread::spawn(move || answer_as_the_cms(stream, &kept));
        }
    });
    FakeCms { address, requests }
}

fn answer_as_the_cms(mut stream: TcpStream, kept: &std::sync::Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let line = head.lines().next().unwrap_or_default().to_owned();
    kept.lock().unwrap().push(head);
    if line.contains("silent") {
        std::thread::sleep(std::time::Duration::from_secs(30));
        return;
    }
    // Paths that ask for its other answers: an error status, or headers
    // that would steer nginx (`X-Accel-*`).
    let status = line
        .split("/status-")
        .nth(1)
        .and_then(|rest| rest.get(..3))
        .map_or("200 OK".to_owned(), |code| format!("{code} Whatever"));
    let (accel, body) = if line.contains("accel-redirect") {
        (
            "X-Accel-Redirect: /embed.js\r\n",
            r#"{"from":"the cms"}"#.to_owned(),
        )
    } else if line.contains("accel-slow") {
        (
            "X-Accel-Limit-Rate: 100\r\nX-Accel-Buffering: no\r\n",
            format!(r#"{{"from":"the cms","padding":"{}"}}"#, "x".repeat(400)),
        )
    } else {
        ("", r#"{"from":"the cms"}"#.to_owned())
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Set-Cookie: cms_session=secret; Path=/\r\nCache-Control: private, no-store\r\n\
         Content-Security-Policy: default-src *\r\nX-Frame-Options: ALLOWALL\r\n\
         Referrer-Policy: unsafe-url\r\nClear-Site-Data: \"*\"\r\n\
         Strict-Transport-Security: max-age=1\r\nX-Powered-By: TheCMS 1.0\r\n{accel}\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
}

fn start_nginx_before(cms: &str) -> Nginx {
    support::start(&dist(), Some(cms)).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn documents_from_the_cms_carry_only_the_sites_headers() {
    let cms = start_fake_cms();
    let nginx = start_nginx_before(&cms.address);
    let asked = || cms.requests.lock().unwrap().clone();
    for path in [
        "/site.json",
        "/articles/index.json",
        "/articles/published-after-the-build.json",
    ] {
        let response = request(
            &nginx,
            path,
            "Cookie: reader_session=private\r\nAuthorization: Bearer reader\r\n",
        );
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.body, r#"{"from":"the cms"}"#, "{path}");
        let all = |name: &str| -> Vec<&str> {
            response
                .headers
                .iter()
                .filter(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
                .collect()
        };
        assert_eq!(all("cache-control"), ["public, max-age=60"], "{path}");
        assert_eq!(all("x-frame-options"), ["SAMEORIGIN"], "{path}");
        assert_eq!(
            all("referrer-policy"),
            ["strict-origin-when-cross-origin"],
            "{path}"
        );
        let policies = all("content-security-policy");
        assert_eq!(policies.len(), 1, "{path}: {policies:?}");
        assert!(policies[0].contains("require-trusted-types-for 'script'"));
        assert_eq!(
            all("strict-transport-security"),
            ["max-age=31536000; includeSubDomains"],
            "{path}: ours, not the CMS's"
        );
        for dropped in ["set-cookie", "clear-site-data", "x-powered-by"] {
            assert!(all(dropped).is_empty(), "{path}: the CMS's {dropped}");
        }
    }
    let heads = asked();
    assert_eq!(heads.len(), 3, "{heads:?}");
    assert!(
        heads.iter().all(|head| {
            let head = head.to_lowercase();
            !head.contains("reader_session") && !head.contains("bearer reader")
        }),
        "the reader's cookies and credentials stay with nginx: {heads:?}"
    );

    // The CMS is only read from, by the cleaned-up path, without a query.
    assert_eq!(exchange(&nginx, "PUT", "/site.json", "").status, 403);
    assert_eq!(exchange(&nginx, "DELETE", "/site.json", "").status, 403);
    assert_eq!(asked().len(), 3, "nothing but reads reach the CMS");
    let sneaky = get(&nginx, "/admin/x/../../site.json?preview=1&draft=true");
    assert_eq!(sneaky.status, 200);
    let heads = asked();
    let line = heads
        .last()
        .and_then(|head| head.lines().next())
        .unwrap_or("");
    assert!(
        line.starts_with("GET /site.json HTTP/"),
        "the CMS is asked for the document itself: {line}"
    );

    // Everything else still comes from the build.
    let oembed = get(&nginx, &format!("/oembed/{SEED}.json"));
    assert_eq!(oembed.status, 200);
    assert!(oembed.body.contains("\"rich\""));
    assert_eq!(get(&nginx, &format!("/articles/{SEED}")).status, 200);
    // Only names an article id can have go to the CMS.
    assert_eq!(get(&nginx, "/articles/Not.An.Id.json").status, 404);
    assert_eq!(asked().len(), 4);
}

#[test]
fn a_failing_cms_gets_nginx_answers_the_app_tells_apart() {
    let cms = start_fake_cms();
    let nginx = start_nginx_before(&cms.address);
    let started = std::time::Instant::now();
    let silent = get(&nginx, "/articles/silent.json");
    assert_eq!(silent.status, 504, "a CMS that never answers");
    let waited = started.elapsed().as_secs();
    assert!(
        (11..20).contains(&waited),
        "nginx gives up after 12 s, before the app's 20 s: {waited} s"
    );
    assert!(silent.header("content-security-policy").is_some());
    assert_eq!(silent.header("cache-control"), Some("no-store"));

    // Nothing listens on port 1 (tcpmux): the connection is refused.
    let nginx = start_nginx_before("127.0.0.1:1");
    let down = get(&nginx, "/articles/index.json");
    assert_eq!(down.status, 502, "a CMS that cannot be reached");
    assert_eq!(down.header("x-frame-options"), Some("SAMEORIGIN"));
    assert_eq!(down.header("cache-control"), Some("no-store"));
}

/// A folder of the test's own, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A copy of the release build that a test may change.
fn copy_of_the_build(name: &str) -> Scratch {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().map(Result::unwrap) {
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &to.join(entry.file_name()));
            } else {
                std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
        }
    }
    let folder =
        std::env::temp_dir().join(format!("broadsheet-nginx-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    copy(&dist(), &folder);
    Scratch(folder)
}

/// Runs the build's last step, the prerenderer, over `site`, as trunk's hook
/// does: the binary the release build was made with.
fn prerender(site: &Path) {
    let ran = std::process::Command::new(binaries::workspace_binary("broadsheet-prerender"))
        .arg(site)
        .output()
        .unwrap();
    assert!(
        ran.status.success(),
        "the prerenderer over {}: {}",
        site.display(),
        String::from_utf8_lossy(&ran.stderr)
    );
}

/// Every file under `folder` whose name ends with one of `suffixes`.
fn files_under(folder: &Path, suffixes: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path, suffixes));
        } else if suffixes
            .iter()
            .any(|suffix| path.to_string_lossy().ends_with(suffix))
        {
            found.push(path);
        }
    }
    found
}

/// Makes the build in `site` into another build of other code and styles:
/// trunk names the app's JS, wasm and CSS by their content (as the
/// prerenderer names what it writes beside them), so another build is those
/// files under other names, named so by every page and script; then the
/// prerenderer finishes it, as trunk's hook does.
fn another_build(site: &Path) {
    let named_by_content = |name: &str| -> Option<(String, String)> {
        let (stem, extension) = name.rsplit_once('.')?;
        if !matches!(extension, "js" | "wasm" | "css") {
            return None;
        }
        let stem = stem.strip_suffix("_bg").unwrap_or(stem);
        let (_, hash) = stem.rsplit_once('-')?;
        (hash.len() >= 12 && hash.chars().all(|c| c.is_ascii_hexdigit())).then(|| {
            let other: String = hash
                .chars()
                .map(|c| char::from_digit(15 - c.to_digit(16).unwrap(), 16).unwrap())
                .collect();
            (hash.to_owned(), other)
        })
    };
    let renamed: Vec<(String, String)> = std::fs::read_dir(site)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| {
            let (hash, other) = named_by_content(&name)?;
            Some((name.clone(), name.replace(&hash, &other)))
        })
        .collect();
    assert!(
        renamed.len() >= 3,
        "the build's JS, wasm and CSS are named by content: {renamed:?}"
    );
    for (old, new) in &renamed {
        std::fs::rename(site.join(old), site.join(new)).unwrap();
        for copy in [".br", ".gz"] {
            let _ = std::fs::remove_file(site.join(format!("{old}{copy}")));
        }
    }
    for file in files_under(site, &[".html", ".js"]) {
        let text = std::fs::read_to_string(&file).unwrap();
        let changed = renamed
            .iter()
            .fold(text.clone(), |text, (old, new)| text.replace(old, new));
        if changed != text {
            std::fs::write(&file, changed).unwrap();
        }
    }
    prerender(site);
}

/// The SHA-256 of `text` as a policy names it, `sha256-BASE64`.
fn policy_hash(text: &str) -> String {
    use base64::Engine as _;
    let mut sum = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    sum.stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = sum.wait_with_output().unwrap();
    let hex = String::from_utf8_lossy(&out.stdout);
    let digest: Vec<u8> = (0..64)
        .step_by(2)
        .map(|at| u8::from_str_radix(&hex[at..at + 2], 16).unwrap())
        .collect();
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Whether every script `page` runs is allowed by `policy`'s `script-src`:
/// a file from our origin, or inline with its hash listed.
fn scripts_blocked_by(page: &str, policy: &str) -> Vec<String> {
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find(|directive| directive.starts_with("script-src "))
        .unwrap_or_default();
    let mut blocked = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<script") {
        let open_end = start + rest[start..].find('>').unwrap();
        let tag = &rest[start..open_end];
        let close = open_end + rest[open_end..].find("</script>").unwrap();
        let runs = match tag.find("type=\"") {
            None => true,
            Some(at) => tag[at + 6..].starts_with("module\""),
        };
        if runs {
            match tag.split(" src=\"").nth(1) {
                Some(source) => {
                    if !source.starts_with('/') || source.starts_with("//") {
                        blocked.push(tag.to_owned());
                    }
                }
                None => {
                    let hash = policy_hash(&rest[open_end + 1..close]);
                    if !script_src.contains(&format!("'{hash}'")) {
                        blocked.push(format!("{tag}> ('{hash}')"));
                    }
                }
            }
        }
        rest = &rest[close..];
    }
    blocked
}

/// Deploying is copying files: nginx is not reloaded, so it goes on sending
/// the policy it read when it started, and another build's pages must run
/// under it: an app route (app.html), a prerendered article, the front page.
/// The pages carry that very policy, whatever their build.
#[test]
fn another_build_deployed_without_a_reload_runs_under_the_policy_nginx_sends() {
    let site = copy_of_the_build("deployment");
    let nginx = support::start(&site.0, None).unwrap_or_else(|error| panic!("{error}"));
    let route = "/articles/published-after-the-build";
    let first = get(&nginx, route);
    let sent = first
        .header("content-security-policy")
        .expect("a policy")
        .to_owned();
    assert_eq!(scripts_blocked_by(&first.body, &sent), Vec::<String>::new());

    another_build(&site.0);
    let second = get(&nginx, route);
    assert_ne!(
        first.body, second.body,
        "the app route is served the new build's page"
    );
    for path in [
        route.to_owned(),
        "/".to_owned(),
        format!("/articles/{SEED}"),
    ] {
        let page = get(&nginx, &path);
        assert_eq!(page.status, 200, "{path}");
        assert_eq!(
            page.header("content-security-policy"),
            Some(sent.as_str()),
            "{path}"
        );
        assert_eq!(
            scripts_blocked_by(&page.body, &sent),
            Vec::<String>::new(),
            "{path}: scripts of the new build that the policy nginx sends blocks"
        );
        let carried = meta_policy(&page.body).expect("the page carries the policy");
        assert!(
            sent.starts_with(&carried),
            "{path}: the page's policy is the one nginx sends: {carried}\nsent: {sent}"
        );
    }
}

/// Decompresses gzip with Debian's gzip.
fn gunzip(bytes: &[u8]) -> String {
    let mut gzip = std::process::Command::new("gzip")
        .arg("-dc")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    gzip.stdin.take().unwrap().write_all(bytes).unwrap();
    String::from_utf8_lossy(&gzip.wait_with_output().unwrap().stdout).into_owned()
}

/// nginx sends a file's `.br` or `.gz` copy whenever there is one, however
/// old. A page the build rewrites in place (the prerenderer run again over
/// a document changed after the build) is served as it now is, in every
/// encoding, by nginx and by the test host alike.
#[test]
fn a_page_rewritten_in_place_is_served_as_it_now_is_in_every_encoding() {
    let site = copy_of_the_build("rewritten");
    let nginx = support::start(&site.0, None).unwrap_or_else(|error| panic!("{error}"));
    let host = broadsheet_host::start("127.0.0.1:0", vec![site.0.clone()]).unwrap();
    let page = site.0.join(format!("articles/{SEED}/index.html"));
    let old_brotli = std::fs::read(format!("{}.br", page.display())).unwrap();

    let document = site.0.join(format!("articles/{SEED}.json"));
    let mut article: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&document).unwrap()).unwrap();
    const NEW_TITLE: &str = "A headline corrected after the build";
    article["title"] = NEW_TITLE.into();
    std::fs::write(&document, article.to_string()).unwrap();
    prerender(&site.0);
    assert!(std::fs::read_to_string(&page).unwrap().contains(NEW_TITLE));

    let route = format!("/articles/{SEED}");
    for (server, port) in [("nginx", nginx.port), ("the host", host.address.port())] {
        let brotli = send(port, "GET", &route, "Accept-Encoding: br\r\n", "");
        assert_eq!(brotli.header("content-encoding"), Some("br"), "{server}");
        assert_ne!(brotli.bytes, old_brotli, "{server} sent the old page");
        assert_eq!(
            brotli.bytes,
            std::fs::read(format!("{}.br", page.display())).unwrap(),
            "{server} sends the build's brotli copy"
        );
        let gzip = send(port, "GET", &route, "Accept-Encoding: gzip\r\n", "");
        assert_eq!(gzip.header("content-encoding"), Some("gzip"), "{server}");
        assert!(gunzip(&gzip.bytes).contains(NEW_TITLE), "{server}");
        let plain = send(port, "GET", &route, "", "");
        assert!(plain.body.contains(NEW_TITLE), "{server}");
    }
    host.stop();
}

/// A withdrawn article answers 410 with the page saying so at each of its
/// addresses, as soon as `broadsheet-publish withdraw` has run: no reload.
/// The dev host answers the same.
#[test]
fn a_withdrawn_article_answers_410_at_every_address_without_a_reload() {
    let site = copy_of_the_build("withdrawn");
    let nginx = support::start(&site.0, None).unwrap_or_else(|error| panic!("{error}"));
    let host = broadsheet_host::start("127.0.0.1:0", vec![site.0.clone()]).unwrap();
    let addresses = [
        format!("/articles/{SEED}"),
        format!("/articles/{SEED}/"),
        format!("/articles/{SEED}.json"),
        format!("/embed/{SEED}"),
        format!("/oembed/{SEED}.json"),
        format!("/cards/{SEED}.png"),
    ];
    for (server, port) in [("nginx", nginx.port), ("the host", host.address.port())] {
        for address in &addresses {
            let before = send(port, "GET", address, "", "");
            assert_eq!(before.status, 200, "{server} {address} before");
        }
    }
    let withdrawn = std::process::Command::new(binaries::workspace_binary("broadsheet-publish"))
        .args(["withdraw", "--dist", site.0.to_str().unwrap(), SEED])
        .output()
        .unwrap();
    assert!(
        withdrawn.status.success(),
        "{}",
        String::from_utf8_lossy(&withdrawn.stderr)
    );
    for (server, port) in [("nginx", nginx.port), ("the host", host.address.port())] {
        for address in &addresses {
            let after = send(port, "GET", address, "", "");
            assert_eq!(after.status, 410, "{server} {address} after");
            assert!(
                after.body.contains("This article was withdrawn") && after.body.contains("noindex"),
                "{server} {address}: {}",
                after.body
            );
        }
        let front = send(port, "GET", "/", "", "");
        assert!(
            // (Its Chinese translation's id starts with the seed's.)
            front.status == 200 && !front.body.contains(&format!("/articles/{SEED}\"")),
            "{server}: the front page"
        );
        // Another article is as it was.
        let other = send(
            port,
            "GET",
            "/articles/guangdong-korea-trade-record",
            "",
            "",
        );
        assert_eq!(other.status, 200, "{server}");
    }
    let gone = send(nginx.port, "GET", &format!("/articles/{SEED}.json"), "", "");
    assert_eq!(
        gone.header("cache-control"),
        Some("no-store"),
        "a 410 is not kept"
    );
    host.stop();
}

/// HTTPS only (HSTS), and nothing said of nginx's version, on every kind of
/// answer, errors too.
#[test]
fn every_answer_asks_for_https_and_names_no_version() {
    let nginx = start_nginx();
    for (path, status) in [
        ("/", 200),
        ("/articles/missing.json", 404),
        ("/embed/not-in-the-build", 404),
    ] {
        let response = get(&nginx, path);
        assert_eq!(response.status, status, "{path}");
        assert_eq!(
            response.header("strict-transport-security"),
            Some("max-age=31536000; includeSubDomains"),
            "{path}"
        );
        assert_eq!(response.header("server"), Some("nginx"), "{path}");
        assert!(
            !response.body.contains("nginx/"),
            "{path}: {}",
            response.body
        );
    }
}

/// Captions are WebVTT: a browser takes a `<track>` only with its type.
#[test]
fn captions_are_served_as_webvtt() {
    let nginx = start_nginx();
    let captions = files_under(&dist().join("media"), &[".vtt"]);
    assert!(!captions.is_empty(), "the sample video's captions");
    for file in captions {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let response = get(&nginx, &format!("/media/{name}"));
        assert_eq!(response.status, 200, "{name}");
        assert_eq!(response.header("content-type"), Some("text/vtt"), "{name}");
        assert_eq!(
            response.header("cache-control"),
            Some("public, max-age=86400"),
            "{name}"
        );
    }
}

/// What the CMS says in X-Accel-* headers is not obeyed: it cannot make nginx
/// serve another of our files in its place, nor slow readers down.
#[test]
fn the_cms_cannot_steer_nginx_with_x_accel_headers() {
    let cms = start_fake_cms();
    let nginx = start_nginx_before(&cms.address);
    let redirected = get(&nginx, "/articles/accel-redirect.json");
    assert_eq!(redirected.status, 200);
    assert_eq!(
        redirected.body, r#"{"from":"the cms"}"#,
        "the CMS's own answer, not the file it names"
    );
    let started = std::time::Instant::now();
    let slowed = get(&nginx, "/articles/accel-slow.json");
    assert_eq!(slowed.status, 200);
    assert!(slowed.body.starts_with(r#"{"from":"the cms""#));
    assert!(
        started.elapsed() < std::time::Duration::from_millis(1500),
        "no rate the CMS asks for: {:?}",
        started.elapsed()
    );
}

/// An error answer is never kept by a cache in between: the CMS's 404 for
/// an article about to be published, its 410, its 429, and the build's own 404.
#[test]
fn error_answers_are_never_kept() {
    let cms = start_fake_cms();
    let nginx = start_nginx_before(&cms.address);
    for status in [404, 410, 429] {
        let response = get(&nginx, &format!("/articles/status-{status}.json"));
        assert_eq!(response.status, status);
        assert_eq!(
            response.header("cache-control"),
            Some("no-store"),
            "the CMS's {status}"
        );
    }
    let missing = get(&start_nginx(), "/img/missing.png");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("cache-control"), Some("no-store"));
}

/// Browsers report what the policy blocked to /csp-report (report-uri, and
/// report-to through Reporting-Endpoints): each report is kept in the
/// reports' log and answered 204; nothing but a POST of a report's size is.
#[test]
fn policy_violations_are_reported_and_logged() {
    let nginx = start_nginx();
    let report = r#"{"csp-report":{"document-uri":"https://news.example.com/","violated-directive":"script-src-elem","blocked-uri":"https://evil.example/x.js"}}"#;
    let answered = send(
        nginx.port,
        "POST",
        "/csp-report",
        "Content-Type: application/csp-report\r\n",
        report,
    );
    assert_eq!(answered.status, 204);
    assert!(answered.header("content-security-policy").is_some());
    let modern = r#"[{"type":"csp-violation","body":{"blockedURL":"https://evil.example/y.js"}}]"#;
    let answered = send(
        nginx.port,
        "POST",
        "/csp-report",
        "Content-Type: application/reports+json\r\n",
        modern,
    );
    assert_eq!(answered.status, 204);
    // nginx logs a request once it has answered it: a moment after.
    let logged = |count: usize, within: u64| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(within);
        loop {
            let log = std::fs::read_to_string(&nginx.csp_reports).unwrap_or_default();
            if log.lines().count() >= count || std::time::Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    let log = logged(2, 5);
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line per report"))
        .collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(lines[0]["report"]
        .as_str()
        .is_some_and(|body| body.contains("evil.example/x.js")));
    assert_eq!(lines[0]["type"], "application/csp-report");
    assert!(lines[1]["report"]
        .as_str()
        .is_some_and(|body| body.contains("evil.example/y.js")));

    assert_eq!(get(&nginx, "/csp-report").status, 403);
    let huge = format!(r#"{{"csp-report":"{}"}}"#, "x".repeat(20_000));
    let refused = send(
        nginx.port,
        "POST",
        "/csp-report",
        "Content-Type: application/csp-report\r\n",
        &huge,
    );
    assert_eq!(refused.status, 413);
    let log = logged(3, 1);
    assert_eq!(
        log.lines().count(),
        2,
        "refused requests are not reports: {log}"
    );
}
