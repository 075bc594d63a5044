//! The floors of the house (docs/ARCHITECTURE.md), kept: every module of the
//! app (`src/`) and of the prerenderer (`prerender/src/`) sits on a floor,
//! and imports only from floors below its own. Two modules on the same floor
//! do not import each other, so the top floors (the app, the islands, the
//! installed app) meet only in `main.rs`. A module on no floor fails too: a
//! new module is given its floor here, on purpose.
//!
//! An import is any `crate::NAME` in code (comments and doc links are not
//! code). `BROADSHEET_LAYERS_ROOT` points the check at another checkout.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The app's floors, bottom first. `lib.rs` declares them and `main.rs`
/// starts the top; both stand outside.
const APP_FLOORS: &[&[&str]] = &[
    &["model"],
    &["routes"],
    &["i18n"],
    &["format"],
    &["platform"],
    &["content"],
    &["context"],
    &["share"],
    &["components"],
    &["pages"],
    &["app", "islands", "pwa"],
];

/// The prerenderer's floors: file and HTML helpers at the bottom, what writes
/// each kind of file above them, then a built site opened for writing
/// pages, and what publishes into a built site on top;
/// `lib.rs` orchestrates a full build, the binaries (`main.rs`, `bin/`) read
/// their command lines.
const PRERENDER_FLOORS: &[&[&str]] = &[
    &["archive", "files", "html"],
    &[
        "card",
        "compress",
        "csp",
        "discovery",
        "embed",
        "listings",
        "pwa",
        "related",
        "renditions",
        "seo",
    ],
    &["build"],
    &["publish"],
];

/// Files that stand outside the floors: the crate roots and the entry points.
const OUTSIDE: &[&str] = &["lib", "main", "bin"];

fn root() -> PathBuf {
    std::env::var("BROADSHEET_LAYERS_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// Every `.rs` file under `folder`, sorted.
fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder)
            .unwrap_or_else(|error| panic!("cannot list {}: {error}", folder.display()));
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The top-level module a file of `src` belongs to: `src/pwa/install.rs` is
/// `pwa`, `src/routes.rs` is `routes`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("a file under src");
    let first = relative
        .components()
        .next()
        .expect("a path")
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first.strip_suffix(".rs").unwrap_or(&first).to_owned()
}

/// The top-level modules a line of code names after `crate::`, including
/// those inside `crate::{a, b::c}`.
fn crate_modules(line: &str) -> Vec<String> {
    let mut named = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        // `broadsheet_crate::` or `my_crate::` are other paths.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        named.extend(head(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            named.extend(head(&item));
        } else {
            named.extend(head(rest));
        }
    }
    named
}

/// The first identifier of a path.
fn head(path: &str) -> Option<String> {
    let name: String = path
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty() && name != "self").then_some(name)
}

/// The floor of `module`, or `None` for one on no floor.
fn floor_of(floors: &[&[&str]], module: &str) -> Option<usize> {
    floors.iter().position(|floor| floor.contains(&module))
}

/// Every import in `src` that goes up or sideways, and every module on no
/// floor, as `file:line: why`.
fn violations(src: &Path, floors: &[&[&str]]) -> Vec<String> {
    let mut found = Vec::new();
    let mut unplaced = BTreeSet::new();
    for file in rust_files(src) {
        let module = module_of(src, &file);
        if OUTSIDE.contains(&module.as_str()) {
            continue;
        }
        let Some(own_floor) = floor_of(floors, &module) else {
            unplaced.insert(module);
            continue;
        };
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
        for (number, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for imported in crate_modules(line) {
                if imported == module {
                    continue;
                }
                let place = format!("{}:{}", file.display(), number + 1);
                match floor_of(floors, &imported) {
                    Some(floor) if floor < own_floor => {}
                    Some(floor) if floor == own_floor => found.push(format!(
                        "{place}: `{module}` imports `{imported}`, beside it on the same floor"
                    )),
                    Some(_) => found.push(format!(
                        "{place}: `{module}` imports `{imported}`, a floor above it"
                    )),
                    None => found.push(format!(
                        "{place}: `{module}` imports `{imported}`, which is on no floor"
                    )),
                }
            }
        }
    }
    for module in unplaced {
        found.push(format!(
            "{}: the module `{module}` is on no floor: give it one in tests/layers.rs",
            src.join(&module).display()
        ));
    }
    found
}

fn assert_no_violations(src: &Path, floors: &[&[&str]]) {
    let found = violations(src, floors);
    assert!(
        found.is_empty(),
        "imports must run downward ({} found):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_app_imports_only_from_floors_below() {
    assert_no_violations(&root().join("src"), APP_FLOORS);
}

#[test]
fn the_prerenderer_imports_only_from_floors_below() {
    assert_no_violations(&root().join("prerender/src"), PRERENDER_FLOORS);
}

#[test]
fn imports_are_read_from_every_form_of_path() {
    assert_eq!(crate_modules("use crate::model::Site;"), ["model"]);
    assert_eq!(
        crate_modules("use crate::{routes::article_route, i18n::{text, Strings}};"),
        ["routes", "i18n"]
    );
    assert_eq!(
        crate_modules("let x = crate::platform::viewport_height(&w) + crate::app::y();"),
        ["platform", "app"]
    );
    assert!(crate_modules("use leptos::prelude::*;").is_empty());
    assert!(crate_modules("let my_crate::x = 1;").is_empty());
}

#[test]
fn an_import_from_above_is_named_with_its_place() {
    let folder = std::env::temp_dir().join(format!("broadsheet-layers-{}", std::process::id()));
    std::fs::create_dir_all(folder.join("model")).unwrap();
    std::fs::write(
        folder.join("model/mod.rs"),
        "//! uses [`crate::app`] in a doc link: fine\nuse crate::app::App;\n",
    )
    .unwrap();
    std::fs::write(folder.join("app.rs"), "use crate::model::Site;\n").unwrap();
    std::fs::write(folder.join("extra.rs"), "").unwrap();
    let found = violations(&folder, &[&["model"], &["app"]]);
    std::fs::remove_dir_all(&folder).unwrap();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].ends_with("model/mod.rs:2: `model` imports `app`, a floor above it"),
        "{found:#?}"
    );
    assert!(
        found[1].contains("the module `extra` is on no floor"),
        "{found:#?}"
    );
}
