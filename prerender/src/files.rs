//! Reading and writing the build's files, and where in it each address the
//! app owns is served from.

use broadsheet::model::limits::MOST_DOCUMENT_BYTES;
use std::path::{Path, PathBuf};

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

pub fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The file in `dist` served at `route` (an address the app owns).
pub fn dist_file(dist: &Path, route: &str) -> PathBuf {
    dist.join(route.trim_start_matches('/'))
}

/// The page file in `dist` served at `route`: its `index.html`.
pub fn page_file(dist: &Path, route: &str) -> PathBuf {
    dist_file(dist, route).join("index.html")
}
