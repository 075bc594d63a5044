//! `broadsheet-publish`: what a CMS's publish hook calls.
//!
//!   broadsheet-publish check FILE...
//!   broadsheet-publish publish --dist DIR FILE...
//!   broadsheet-publish withdraw --dist DIR ID...
//!
//! `check` names each problem of each article document by its JSON path on
//! standard error and exits 1 when there is any; it changes nothing, so it
//! prints no paths. `publish` and `withdraw` print every path they wrote or
//! deleted under DIR, one a line, on standard output (what to sync to a
//! bucket and purge from a CDN); when they refuse (a document with a
//! problem, an unknown id) they say why on standard error, change nothing and
//! exit 1. Exit status 2 is a command line it does not understand.

use broadsheet_prerender::publish;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: broadsheet-publish check FILE...
       broadsheet-publish publish --dist DIR FILE...
       broadsheet-publish withdraw --dist DIR ID...";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match arguments.split_first() {
        Some((command, rest)) if !rest.is_empty() => (command.as_str(), rest),
        _ => return usage(),
    };
    match (command, rest) {
        ("check", files) => {
            let problems: Vec<String> = files
                .iter()
                .flat_map(|file| publish::problems(Path::new(file)))
                .collect();
            for problem in &problems {
                eprintln!("{problem}");
            }
            if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        ("publish" | "withdraw", [flag, dist, names @ ..])
            if flag == "--dist" && !names.is_empty() =>
        {
            let dist = PathBuf::from(dist);
            let changed = if command == "publish" {
                let files: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
                publish::publish(&dist, &files)
            } else {
                publish::withdraw(&dist, names)
            };
            match changed {
                Ok(changed) => {
                    for path in changed {
                        let path = path.strip_prefix(&dist).unwrap_or(&path);
                        println!("{}", path.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("broadsheet-publish {command}: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}
