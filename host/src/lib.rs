//! A static host for a Broadsheet build, as production hosts should be set up:
//! a file is served as it is, a folder by its `index.html` (a prerendered
//! article or the front page), any other app route (a path with no file
//! extension) gets the empty app page `app.html` (or `index.html` in a build
//! without prerendering), and a missing file is a real 404 — never the app's
//! page in place of a JSON document. `make serve` and the end-to-end tests use
//! it. In nginx terms: `try_files $uri $uri/index.html /app.html =404`.
//!
//! A failing server on demand, for trying the app against one: a file
//! `NAME.fault` beside `NAME` in a root makes the host answer for `NAME` as
//! it says: `status 429` answers that status, `delay 3000` waits that many
//! milliseconds before answering as usual, and both lines, one after the
//! other, wait and then answer the status. The end-to-end tests write them;
//! production hosts have no such thing.
//!
//! Compression, as nginx's `brotli_static` and `gzip_static` do it: a file's
//! `.br` or `.gz` copy, whenever there is one and the browser accepts it,
//! however old; whatever writes a file of the build rewrites or deletes its
//! copies. Anything else that compresses is gzipped on the way.
//!
//! A withdrawn article, as `deploy/nginx/broadsheet.conf` answers it: when
//! `withdrawn/{id}.html` is in the first root (`broadsheet-publish withdraw`
//! leaves it), each of the article's addresses (its page, document, embed
//! page, oEmbed document and social card) answers 410 Gone with that page.
//!
//! Framing, as `deploy/nginx/broadsheet.conf` sets it for production: embed
//! pages (`/embed/…`) are made to be framed by partners' pages; everything else
//! may be framed by our own pages only. An embed that is not in the build is a
//! 404, not the app's page.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::io;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// A running host. It serves until the process ends or [`Host::stop`].
pub struct Host {
    pub address: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Host {
    /// Stops serving and drops every open connection, as a server that went
    /// away would: the tests use it to take a reader offline.
    pub fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            _ = stop.send(());
        }
    }
}

/// Serves `roots` in order (the first that has a file wins) at `address`
/// (`127.0.0.1:0` picks a free port). The app shell is `roots[0]/app.html`,
/// or `roots[0]/index.html` where there is none.
///
/// The host runs on its own thread and runtime, so it serves the same way
/// from a plain binary and from inside a test's async runtime.
pub fn start(address: &str, roots: Vec<PathBuf>) -> io::Result<Host> {
    start_serving(address, roots, false)
}

/// [`start`] as a content host on another origin that lets any page read its
/// files (`Access-Control-Allow-Origin: *`), as a CDN serving the app's
/// content must: the tests' other origin for a content base.
pub fn start_with_cors(address: &str, roots: Vec<PathBuf>) -> io::Result<Host> {
    start_serving(address, roots, true)
}

fn start_serving(address: &str, roots: Vec<PathBuf>, cors: bool) -> io::Result<Host> {
    let listener = std::net::TcpListener::bind(address)?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let app = axum::Router::new()
                .fallback(serve)
                .with_state(Arc::new(roots))
                .layer(axum::middleware::map_response(
                    move |mut response: Response| async move {
                        if cors {
                            response.headers_mut().insert(
                                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                                HeaderValue::from_static("*"),
                            );
                        }
                        response
                    },
                ))
                .layer(compression());
            let listener = tokio::net::TcpListener::from_std(listener).expect("a bound listener");
            tokio::select! {
                served = axum::serve(listener, app) => if let Err(error) = served {
                    eprintln!("broadsheet-host stopped: {error}");
                },
                // A host dropped without `stop` serves on.
                _ = async { if stopped.await.is_err() { std::future::pending::<()>().await } } => {}
            }
        });
        // Dropping the runtime ends the connections still open.
        runtime.shutdown_background();
    });
    Ok(Host {
        address,
        stop: Some(stop),
    })
}

/// Gzip for what compresses (HTML, JSON, JS, wasm, CSS, SVG), as a production
/// host serves it. Not video: it is already compressed, and readers seek in it
/// with Range requests, which must count bytes of the file itself.
fn compression(
) -> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::{NotForContentType, Predicate};
    use tower_http::compression::{CompressionLayer, DefaultPredicate};
    CompressionLayer::new()
        .gzip(true)
        .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("video/")))
}

/// Files go through tower-http, which answers Range requests (Safari will not
/// play a video without them), HEAD and conditional requests.
async fn serve(State(roots): State<Arc<Vec<PathBuf>>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let fault = fault(&roots, &path);
    if let Some(delay) = fault.delay {
        tokio::time::sleep(delay).await;
    }
    if let Some(status) = fault.status {
        return (status, "A fault on demand").into_response();
    }
    if let Some(page) = withdrawn(&roots, &path) {
        return (
            StatusCode::GONE,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page,
        )
            .into_response();
    }
    let Some(file) = resolve(&roots, &path) else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    // The build's own compressed copies whenever they exist, however old,
    // as nginx's brotli_static and gzip_static send them, so that the tests
    // see what a reader of nginx would; the compression layer does the rest.
    let serve = ServeFile::new(&file)
        .precompressed_br()
        .precompressed_gzip();
    match serve.oneshot(request).await {
        Ok(response) => {
            let mut response = response.into_response();
            let headers = response.headers_mut();
            // Content changes while the newsroom works; readers always revalidate.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            if !is_embed(&path) {
                headers.insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static("frame-ancestors 'self'"),
                );
                headers.insert(
                    header::X_FRAME_OPTIONS,
                    HeaderValue::from_static("SAMEORIGIN"),
                );
            }
            response
        }
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

/// The page saying that the article `request_path` is one of the addresses
/// of was withdrawn, when it was (see the crate's doc). The addresses are
/// those of `broadsheet::routes` (`article_route`, `article_document`,
/// `embed_route`, `oembed_route`, `social_card_route`, `withdrawn_page`),
/// spelled out as nginx's configuration spells them.
fn withdrawn(roots: &[PathBuf], request_path: &str) -> Option<Vec<u8>> {
    let id = ["/articles/", "/embed/", "/oembed/", "/cards/"]
        .iter()
        .find_map(|prefix| request_path.strip_prefix(prefix))?;
    let id = [".json", ".png", "/index.html", "/"]
        .iter()
        .find_map(|suffix| id.strip_suffix(suffix))
        .unwrap_or(id);
    let is_id = !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !is_id {
        return None;
    }
    std::fs::read(roots.first()?.join(format!("withdrawn/{id}.html"))).ok()
}

/// How the host is asked to misbehave for one path (see the crate's doc):
/// first wait, then answer a status instead of the file.
#[derive(Debug, Default, PartialEq)]
struct Fault {
    delay: Option<std::time::Duration>,
    status: Option<StatusCode>,
}

/// The fault asked for `request_path` by a root's `.fault` file for it; none
/// without one.
fn fault(roots: &[PathBuf], request_path: &str) -> Fault {
    let mut fault = Fault::default();
    let Some(relative) =
        safe_relative_path(&percent_encoding::percent_decode_str(request_path).decode_utf8_lossy())
    else {
        return fault;
    };
    let mut name = relative.into_os_string();
    name.push(".fault");
    let Some(said) = roots
        .iter()
        .find_map(|root| std::fs::read_to_string(root.join(&name)).ok())
    else {
        return fault;
    };
    for line in said.lines() {
        let Some((kind, value)) = line.trim().split_once(' ') else {
            continue;
        };
        let Ok(value) = value.trim().parse::<u64>() else {
            continue;
        };
        match kind {
            "status" => {
                fault.status = u16::try_from(value)
                    .ok()
                    .and_then(|status| StatusCode::from_u16(status).ok());
            }
            "delay" => fault.delay = Some(std::time::Duration::from_millis(value)),
            _ => {}
        }
    }
    fault
}

/// The file for a request path, or `None` for a 404.
pub fn resolve(roots: &[PathBuf], request_path: &str) -> Option<PathBuf> {
    let relative = safe_relative_path(
        &percent_encoding::percent_decode_str(request_path).decode_utf8_lossy(),
    )?;
    for root in roots {
        let candidate = root.join(&relative);
        if candidate.is_file() {
            return Some(candidate);
        }
        let index = candidate.join("index.html");
        if candidate.is_dir() && index.is_file() {
            return Some(index);
        }
    }
    if relative.extension().is_some() || is_embed(request_path) {
        return None;
    }
    let first = roots.first()?;
    ["app.html", "index.html"]
        .into_iter()
        .map(|name| first.join(name))
        .find(|shell| shell.is_file())
}

/// Whether a request is for an embed page, which partners' pages frame.
fn is_embed(request_path: &str) -> bool {
    request_path.starts_with("/embed/")
}

/// The request path as a path below a root; `None` if it tries to leave it.
fn safe_relative_path(request_path: &str) -> Option<PathBuf> {
    let mut relative = PathBuf::new();
    for component in Path::new(request_path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small site in a folder of its own: tests run in parallel, and one
    /// rewriting a shared page while another reads it would race.
    fn site() -> PathBuf {
        static SITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let number = SITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!(
            "broadsheet-host-test-{}-{number}",
            std::process::id()
        ));
        std::fs::create_dir_all(root.join("articles")).unwrap();
        std::fs::write(root.join("index.html"), "<html>").unwrap();
        std::fs::write(root.join("articles/a.json"), "{}").unwrap();
        root
    }

    #[test]
    fn routes_get_the_app_and_missing_files_get_404() {
        let roots = vec![site()];
        assert!(resolve(&roots, "/articles/a.json")
            .unwrap()
            .ends_with("articles/a.json"));
        assert!(resolve(&roots, "/articles/a")
            .unwrap()
            .ends_with("index.html"));
        assert!(resolve(&roots, "/").unwrap().ends_with("index.html"));
        assert_eq!(resolve(&roots, "/articles/missing.json"), None);
    }

    #[test]
    fn a_prerendered_build_serves_its_pages_and_the_empty_app_elsewhere() {
        let root = std::env::temp_dir().join(format!(
            "broadsheet-host-prerendered-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(root.join("articles/a")).unwrap();
        std::fs::write(root.join("index.html"), "front page").unwrap();
        std::fs::write(root.join("app.html"), "empty app").unwrap();
        std::fs::write(root.join("articles/a/index.html"), "article a").unwrap();
        let roots = vec![root];
        assert!(resolve(&roots, "/").unwrap().ends_with("index.html"));
        assert!(resolve(&roots, "/articles/a")
            .unwrap()
            .ends_with("articles/a/index.html"));
        assert!(resolve(&roots, "/articles/published-after-the-build")
            .unwrap()
            .ends_with("app.html"));
    }

    #[test]
    fn compressible_files_go_gzipped_and_video_does_not() {
        let root = site();
        std::fs::write(root.join("big.json"), format!("[{}0]", "0,".repeat(2000))).unwrap();
        std::fs::write(root.join("clip.mp4"), vec![7u8; 4000]).unwrap();
        let host = start("127.0.0.1:0", vec![root]).unwrap();
        let json = fetch(&host, "/big.json", "Accept-Encoding: gzip\r\n");
        assert!(json.starts_with("HTTP/1.1 200"), "{json}");
        assert!(
            json.to_lowercase().contains("content-encoding: gzip"),
            "{}",
            &json[..200.min(json.len())]
        );
        let video = fetch(&host, "/clip.mp4", "Accept-Encoding: gzip\r\n");
        // Served, and as it is: a failed request has no encoding either.
        assert!(video.starts_with("HTTP/1.1 200"), "{video}");
        assert!(
            !video.to_lowercase().contains("content-encoding"),
            "video goes as it is"
        );
    }

    #[test]
    fn the_builds_own_compressed_copies_are_sent_as_they_are() {
        let root = site();
        std::fs::write(root.join("app.js"), "let a = 1;".repeat(100)).unwrap();
        std::fs::write(root.join("app.js.br"), "the brotli copy").unwrap();
        std::fs::write(root.join("app.js.gz"), "the gzip copy").unwrap();
        let host = start("127.0.0.1:0", vec![root.clone()]).unwrap();
        let brotli = fetch(&host, "/app.js", "Accept-Encoding: gzip, br\r\n");
        assert!(
            brotli.to_lowercase().contains("content-encoding: br"),
            "{brotli}"
        );
        assert!(brotli.ends_with("the brotli copy"), "{brotli}");
        let gzip = fetch(&host, "/app.js", "Accept-Encoding: gzip\r\n");
        assert!(gzip.ends_with("the gzip copy"), "{gzip}");
        let plain = fetch(&host, "/app.js", "");
        assert!(plain.ends_with("let a = 1;"), "{}", &plain[..200]);

        // A file newer than its copies: nginx's brotli_static and
        // gzip_static send the copies whenever they exist, so the host does
        // too, and a test sees what a reader of nginx would. Whoever writes
        // a file of the build rewrites or deletes its copies
        // (prerender/src/files.rs).
        let edited = root.join("app.js");
        std::fs::File::options()
            .write(true)
            .open(&edited)
            .and_then(|file| {
                file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
            })
            .unwrap();
        let brotli = fetch(&host, "/app.js", "Accept-Encoding: br\r\n");
        assert!(brotli.ends_with("the brotli copy"), "{brotli}");
        let gzip = fetch(&host, "/app.js", "Accept-Encoding: gzip\r\n");
        assert!(gzip.ends_with("the gzip copy"), "{gzip}");
    }

    #[test]
    fn paths_cannot_leave_the_roots() {
        let roots = vec![site()];
        assert_eq!(resolve(&roots, "/../etc/passwd"), None);
        assert_eq!(resolve(&roots, "/articles/%2e%2e/%2e%2e/etc/passwd"), None);
    }

    /// The raw response to one HTTP/1.1 request sent over a real socket.
    fn fetch(host: &Host, path: &str, extra_headers: &str) -> String {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(host.address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n{extra_headers}\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        String::from_utf8_lossy(&response).into_owned()
    }

    #[test]
    fn serves_over_http_with_404s_and_ranges() {
        let root = site();
        std::fs::write(root.join("clip.mp4"), b"0123456789").unwrap();
        let host = start("127.0.0.1:0", vec![root]).unwrap();

        let route = fetch(&host, "/articles/a", "");
        assert!(route.starts_with("HTTP/1.1 200"), "{route}");
        assert!(route.ends_with("<html>"), "{route}");

        let missing = fetch(&host, "/articles/missing.json", "");
        assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");

        let json = fetch(&host, "/articles/a.json", "");
        assert!(
            json.to_lowercase()
                .contains("content-type: application/json"),
            "{json}"
        );

        let part = fetch(&host, "/clip.mp4", "Range: bytes=2-4\r\n");
        assert!(part.starts_with("HTTP/1.1 206"), "{part}");
        assert!(part.ends_with("\r\n\r\n234"), "{part}");
    }

    #[test]
    fn only_embed_pages_may_be_framed_by_other_sites() {
        let root = site();
        std::fs::create_dir_all(root.join("embed/a")).unwrap();
        std::fs::write(root.join("embed/a/index.html"), "<p>embed</p>").unwrap();
        let host = start("127.0.0.1:0", vec![root]).unwrap();

        for page in ["/", "/articles/a", "/articles/a.json"] {
            let response = fetch(&host, page, "").to_lowercase();
            assert!(
                response.contains("content-security-policy: frame-ancestors 'self'")
                    && response.contains("x-frame-options: sameorigin"),
                "{page}: {response}"
            );
        }
        let embed = fetch(&host, "/embed/a", "").to_lowercase();
        assert!(embed.starts_with("http/1.1 200"), "{embed}");
        assert!(
            !embed.contains("frame-ancestors") && !embed.contains("x-frame-options"),
            "{embed}"
        );
        let unknown = fetch(&host, "/embed/not-in-the-build", "");
        assert!(unknown.starts_with("HTTP/1.1 404"), "{unknown}");
    }

    #[test]
    fn a_fault_file_makes_the_host_fail_on_demand() {
        let root = site();
        std::fs::write(root.join("articles/a.json.fault"), "status 429\n").unwrap();
        let host = start("127.0.0.1:0", vec![root.clone()]).unwrap();
        assert!(fetch(&host, "/articles/a.json", "").starts_with("HTTP/1.1 429"));
        std::fs::write(root.join("articles/a.json.fault"), "delay 300").unwrap();
        let asked = std::time::Instant::now();
        assert!(fetch(&host, "/articles/a.json", "").starts_with("HTTP/1.1 200"));
        assert!(asked.elapsed() >= std::time::Duration::from_millis(300));
        std::fs::write(
            root.join("articles/a.json.fault"),
            "delay 300\nstatus 410\n",
        )
        .unwrap();
        let asked = std::time::Instant::now();
        assert!(fetch(&host, "/articles/a.json", "").starts_with("HTTP/1.1 410"));
        assert!(asked.elapsed() >= std::time::Duration::from_millis(300));
        std::fs::remove_file(root.join("articles/a.json.fault")).unwrap();
        assert!(fetch(&host, "/articles/a.json", "").starts_with("HTTP/1.1 200"));
    }
}
