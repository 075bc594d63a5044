//! Reading and writing the build's files, the names of their compressed
//! copies, and where in the build each address the app owns, and each
//! media file of the content, is served from.

use broadsheet::content::ContentBase;
use broadsheet::model::limits::MOST_DOCUMENT_BYTES;
use broadsheet::model::MediaUrl;
use std::path::{Path, PathBuf};

/// The suffixes of a file's compressed copies beside it, brotli and gzip
/// (`crate::compress` writes them).
pub const BROTLI_COPY: &str = ".br";
pub const GZIP_COPY: &str = ".gz";

pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A content document, read no further than the model reads one: a file past
/// [`MOST_DOCUMENT_BYTES`] is refused, named, before it costs the build its
/// memory.
pub fn read_document(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(MOST_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > MOST_DOCUMENT_BYTES {
        return Err(format!(
            "{}: too large: more than {MOST_DOCUMENT_BYTES} bytes",
            path.display()
        ));
    }
    String::from_utf8(bytes).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Puts `contents` at `path` whole or not at all: they are written beside it
/// under a temporary name, then renamed over it, so that a reader of a live
/// site (nginx sending the page) gets the old file or the new one, never one
/// cut short; a run that stops leaves the old file.
pub fn replace(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
    use std::io::Write;
    let cannot = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    let mut file = tempfile::Builder::new()
        .prefix(".broadsheet-")
        // Readable by the web server, as a file written plainly would be.
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644))
        .tempfile_in(folder)
        .map_err(|e| cannot(&e))?;
    file.write_all(contents.as_ref()).map_err(|e| cannot(&e))?;
    file.persist(path).map_err(|e| cannot(&e))?;
    Ok(())
}

/// Deletes a file of the build and its compressed copies; returns those of
/// them that were there.
pub fn delete(path: &Path) -> Result<Vec<PathBuf>, String> {
    let mut deleted = Vec::new();
    for suffix in ["", BROTLI_COPY, GZIP_COPY] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let file = PathBuf::from(file);
        match std::fs::remove_file(&file) {
            Ok(()) => deleted.push(file),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(format!("cannot delete {}: {error}", file.display())),
        }
    }
    Ok(deleted)
}

/// Writes a file of the build ([`replace`]), and deletes its compressed
/// copies: nginx sends a copy whenever there is one, however old, so an old
/// copy must not outlive the file it was made from, even if the run stops
/// before `crate::compress` makes new ones.
pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
    replace(path, contents)?;
    for suffix in [BROTLI_COPY, GZIP_COPY] {
        let mut copy = path.as_os_str().to_owned();
        copy.push(suffix);
        match std::fs::remove_file(&copy) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!(
                    "cannot delete the old copy {}: {error}",
                    Path::new(&copy).display()
                ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// The file in `dist` served at `route` (an address the app owns).
pub fn dist_file(dist: &Path, route: &str) -> PathBuf {
    dist.join(route.trim_start_matches('/'))
}

/// The file in `dist` of a document's media URL, resolved against the
/// content base: `None` for media served from elsewhere (another origin, or
/// a path that climbs out of the build).
pub fn media_file(dist: &Path, content: &ContentBase, source: &MediaUrl) -> Option<PathBuf> {
    let url = content.media(source);
    let path = url
        .strip_prefix('/')
        .filter(|path| !path.starts_with('/'))?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    (!path.split('/').any(|step| step == "..")).then(|| dist.join(path))
}

/// The page file in `dist` served at `route`: its `index.html`.
pub fn page_file(dist: &Path, route: &str) -> PathBuf {
    dist_file(dist, route).join("index.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// nginx sends a file's `.br` or `.gz` copy whenever there is one: a file
    /// written again must not leave its old copies to be sent in its place.
    #[test]
    fn a_file_written_again_leaves_no_old_copy_beside_it() {
        let folder =
            std::env::temp_dir().join(format!("broadsheet-prerender-files-{}", std::process::id()));
        let page = folder.join("articles/a/index.html");
        write(&page, "first").unwrap();
        for copy in [".br", ".gz"] {
            std::fs::write(format!("{}{copy}", page.display()), "first, compressed").unwrap();
        }
        write(&page, "second").unwrap();
        assert_eq!(read(&page).unwrap(), "second");
        for copy in [".br", ".gz"] {
            let copy = PathBuf::from(format!("{}{copy}", page.display()));
            assert!(!copy.exists(), "{} is left", copy.display());
        }
        std::fs::remove_dir_all(folder).unwrap();
    }

    /// A reader (nginx sending the page) must get the old file or the new
    /// one, never a file cut short while it is being written.
    #[test]
    fn a_reader_never_sees_a_file_half_written() {
        let folder =
            std::env::temp_dir().join(format!("broadsheet-prerender-whole-{}", std::process::id()));
        let page = folder.join("index.html");
        const SIZE: usize = 1 << 20;
        write(&page, vec![b'a'; SIZE]).unwrap();
        let done = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            let reader = scope.spawn(|| {
                let mut reads = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    let bytes = std::fs::read(&page).unwrap();
                    assert_eq!(bytes.len(), SIZE, "read {} bytes", bytes.len());
                    assert!(bytes.iter().all(|&b| b == bytes[0]), "a mixed file");
                    reads += 1;
                }
                reads
            });
            for round in 0..200 {
                write(&page, vec![if round % 2 == 0 { b'b' } else { b'a' }; SIZE]).unwrap();
            }
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            assert!(reader.join().unwrap() > 0);
        });
        let left: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left beside the page");
        std::fs::remove_dir_all(folder).unwrap();
    }
}
