//! Precompressed copies of the build's text files, `name.br` (brotli) and
//! `name.gz` (gzip) beside `name`, made once at build time at the highest
//! levels, so that a host with `brotli_static` and `gzip_static`
//! (deploy/nginx/broadsheet.conf) sends them without compressing on every
//! request: brotli to the browsers that accept it, which all current ones do
//! over HTTPS, gzip to the rest. Video and pictures other than SVG are
//! compressed already and are left alone. nginx sends a copy whenever there
//! is one, however old: this runs last, over every file, and whatever writes
//! a file before it deletes that file's copies (`crate::files::write`).

use crate::files::{BROTLI_COPY, GZIP_COPY};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::Path;

/// A compressed copy's file suffix and how to make it.
type Encoding = (&'static str, fn(&[u8]) -> std::io::Result<Vec<u8>>);

const ENCODINGS: [Encoding; 2] = [(BROTLI_COPY, brotli_best), (GZIP_COPY, gzip_best)];

fn gzip_best(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn brotli_best(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut compressed = Vec::new();
    let settings = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &settings)?;
    Ok(compressed)
}

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

/// Writes `file.br` and `file.gz` for every compressible file under `folder`;
/// returns for how many files.
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
        for (suffix, compress) in ENCODINGS {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            compress(&bytes)
                .and_then(|compressed| std::fs::write(name, compressed))
                .map_err(|e| format!("cannot compress {}: {e}", path.display()))?;
        }
        written += 1;
    }
    Ok(written)
}
