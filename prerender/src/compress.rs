//! Precompressed copies of the build's text files (`name.gz` beside `name`),
//! made once at build time at the highest level, so that a host with
//! `gzip_static` (deploy/nginx/broadsheet.conf) sends them without
//! compressing on every request. Video and pictures other than SVG are
//! compressed already and are left alone.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::Path;

/// The kinds of file worth compressing.
const COMPRESSIBLE: [&str; 9] = [
    "html",
    "js",
    "wasm",
    "css",
    "json",
    "svg",
    "webmanifest",
    "vtt",
    "txt",
];

/// Writes `file.gz` for every compressible file under `folder`; returns how many.
pub fn write_all(folder: &Path) -> Result<usize, String> {
    let mut written = 0;
    let entries =
        std::fs::read_dir(folder).map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            written += write_all(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| COMPRESSIBLE.contains(&extension));
        if !compressible {
            continue;
        }
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder
            .write_all(&bytes)
            .and_then(|()| encoder.finish())
            .and_then(|compressed| {
                let mut name = path.as_os_str().to_owned();
                name.push(".gz");
                std::fs::write(name, compressed)
            })
            .map_err(|e| format!("cannot compress {}: {e}", path.display()))?;
        written += 1;
    }
    Ok(written)
}
