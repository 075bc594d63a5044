//! `broadsheet-publish`: what a CMS's publish hook calls.
//!
//!   broadsheet-publish check FILE...
//!
//! `check` names each problem of each article document by its JSON path on
//! standard error and exits 1 when there is any; it changes nothing, so it
//! prints no paths. Exit status 2 is a command line it does not understand.

use broadsheet_prerender::publish;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: broadsheet-publish check FILE...";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    match arguments.split_first() {
        Some((command, files)) if command == "check" && !files.is_empty() => {
            let problems: Vec<String> = files
                .iter()
                .flat_map(|file| publish::problems(&PathBuf::from(file)))
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
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
