//! The workspace's own binaries as the build made them (trunk's hook builds
//! the prerenderer; `make test` builds `broadsheet-publish` with the
//! prerenderer's tests, before the tests that run it).

use std::path::{Path, PathBuf};

/// The debug build of the workspace binary `name`.
pub fn workspace_binary(name: &str) -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let binary = target.join("debug").join(name);
    assert!(
        binary.is_file(),
        "no {name} at {}: `make test` builds it first",
        binary.display()
    );
    binary
}
