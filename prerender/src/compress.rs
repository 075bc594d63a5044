//! Precompressed copies of the build's text files, `name.br` (brotli) and
//! `name.gz` (gzip) beside `name`, made once at build time, so that a host
//! with `brotli_static` and `gzip_static` (deploy/nginx/broadsheet.conf)
//! sends them without compressing on every request: brotli to the browsers
//! that accept it, which all current ones do over HTTPS, gzip to the rest.
//! The app's own files (wasm, JS, CSS), which every reader downloads, get the
//! highest levels; pages and documents, of which an archive has hundreds of
//! thousands, a level that costs a hundredth of the time for a few per cent
//! more bytes. Video and pictures other than SVG are compressed already and
//! are left alone. nginx sends a copy whenever there is one, however old:
//! this runs last, over every file, in parallel; whatever writes a file
//! before it deletes that file's copies (`crate::files::write`), so a file
//! whose copies are there and no older than it is skipped.

use crate::files::{BROTLI_COPY, GZIP_COPY};
use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How hard to compress a file.
#[derive(Clone, Copy)]
enum Effort {
    /// The app's files, downloaded by every reader: the highest levels.
    Best,
    /// Pages and documents: brotli 6, gzip 6.
    Quick,
}

/// The kinds of file every reader downloads, worth the highest levels.
const APP_FILES: [&str; 3] = ["wasm", "js", "css"];

fn gzip(bytes: &[u8], effort: Effort) -> std::io::Result<Vec<u8>> {
    let level = match effort {
        Effort::Best => Compression::best(),
        Effort::Quick => Compression::default(),
    };
    let mut encoder = GzEncoder::new(Vec::new(), level);
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn brotli(bytes: &[u8], effort: Effort) -> std::io::Result<Vec<u8>> {
    let mut compressed = Vec::new();
    let settings = brotli::enc::BrotliEncoderParams {
        quality: match effort {
            Effort::Best => 11,
            Effort::Quick => 6,
        },
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &settings)?;
    Ok(compressed)
}

/// A compressed copy's file suffix and how to make it.
type Encoding = (&'static str, fn(&[u8], Effort) -> std::io::Result<Vec<u8>>);

const ENCODINGS: [Encoding; 2] = [(BROTLI_COPY, brotli), (GZIP_COPY, gzip)];

/// The kinds of file worth compressing.
const COMPRESSIBLE: [&str; 10] = [
    "xml",
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

/// Writes `file.br` and `file.gz` for every compressible file under
/// `folder` whose copies are missing or older than it; returns for how many.
pub fn write_all(folder: &Path) -> Result<usize, String> {
    let mut files = Vec::new();
    compressible_files(folder, &mut files)?;
    let written: Result<Vec<bool>, String> = files.par_iter().map(|path| compress(path)).collect();
    Ok(written?.into_iter().filter(|&made| made).count())
}

/// Writes `path`'s compressed copies, if it is a kind worth compressing and
/// they are not current; returns their paths, if it is.
pub fn copies(path: &Path) -> Result<Vec<PathBuf>, String> {
    if !compressible(path) {
        return Ok(Vec::new());
    }
    compress(path)?;
    Ok(ENCODINGS
        .iter()
        .map(|(suffix, _)| copy_of(path, suffix))
        .collect())
}

fn compressible_files(folder: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(folder).map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            compressible_files(&path, files)?;
        } else if compressible(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn compressible(path: &Path) -> bool {
    extension(path).is_some_and(|extension| COMPRESSIBLE.contains(&extension))
}

fn extension(path: &Path) -> Option<&str> {
    path.extension().and_then(|extension| extension.to_str())
}

fn copy_of(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether `copy` exists and was written no earlier than `path`.
fn current(path: &Path, copy: &Path) -> bool {
    let modified = |file: &Path| std::fs::metadata(file).and_then(|m| m.modified()).ok();
    matches!((modified(path), modified(copy)), (Some(file), Some(copy)) if copy >= file)
}

/// Makes `path`'s copies unless both are current; says whether it made them.
fn compress(path: &Path) -> Result<bool, String> {
    if ENCODINGS
        .iter()
        .all(|(suffix, _)| current(path, &copy_of(path, suffix)))
    {
        return Ok(false);
    }
    let effort = if extension(path).is_some_and(|extension| APP_FILES.contains(&extension)) {
        Effort::Best
    } else {
        Effort::Quick
    };
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    for (suffix, encode) in ENCODINGS {
        encode(&bytes, effort)
            .map_err(|e| format!("cannot compress {}: {e}", path.display()))
            .and_then(|compressed| crate::files::replace(&copy_of(path, suffix), compressed))?;
    }
    Ok(true)
}
