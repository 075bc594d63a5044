//! Reading and writing the build's files, and where in it each address the
//! app owns is served from.

use std::path::{Path, PathBuf};

pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
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
