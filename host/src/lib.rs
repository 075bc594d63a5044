//! A static host for a Broadsheet build, as production hosts should be set up:
//! a file is served as it is, an app route (a path with no file extension) gets
//! the app's `index.html`, and a missing file is a real 404 — never the app's
//! page in place of a JSON document. `make serve` and the end-to-end tests use it.

use std::io;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

/// A running host. It serves until the process ends.
pub struct Host {
    pub address: SocketAddr,
    _worker: JoinHandle<()>,
}

/// Serves `roots` in order (the first that has a file wins) at `address`
/// (`127.0.0.1:0` picks a free port). The app shell is `roots[0]/index.html`.
pub fn start(address: &str, roots: Vec<PathBuf>) -> io::Result<Host> {
    let server = tiny_http::Server::http(address).map_err(io::Error::other)?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| io::Error::other("not an IP address"))?;
    let server = Arc::new(server);
    let roots = Arc::new(roots);
    let worker = std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let roots = Arc::clone(&roots);
            std::thread::spawn(move || respond(request, &roots));
        }
    });
    Ok(Host {
        address,
        _worker: worker,
    })
}

fn respond(request: tiny_http::Request, roots: &[PathBuf]) {
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    let (status, file) = match resolve(roots, &path) {
        Some(file) => (200, Some(file)),
        None => (404, None),
    };
    let response = match file.map(|file| std::fs::read(&file).map(|bytes| (file, bytes))) {
        Some(Ok((file, bytes))) => tiny_http::Response::from_data(bytes)
            .with_status_code(status)
            .with_header(header("Content-Type", content_type(&file)))
            .with_header(header("Cache-Control", "no-cache")),
        _ => tiny_http::Response::from_data(b"Not found".to_vec())
            .with_status_code(404)
            .with_header(header("Content-Type", "text/plain; charset=utf-8")),
    };
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and values are valid")
}

/// The file for a request path, or `None` for a 404.
pub fn resolve(roots: &[PathBuf], request_path: &str) -> Option<PathBuf> {
    let relative = safe_relative_path(&percent_decode(request_path))?;
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
    let is_app_route = relative.extension().is_none();
    let shell = roots.first()?.join("index.html");
    (is_app_route && shell.is_file()).then_some(shell)
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

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

pub fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("broadsheet-host-test-{}", std::process::id()));
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
    fn paths_cannot_leave_the_roots() {
        let roots = vec![site()];
        assert_eq!(resolve(&roots, "/../etc/passwd"), None);
        assert_eq!(resolve(&roots, "/articles/%2e%2e/%2e%2e/etc/passwd"), None);
    }
}
