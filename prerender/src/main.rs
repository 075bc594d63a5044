//! `broadsheet-prerender [--keep-going] [--renditions DIR] DIST`: the full
//! build's prerender, which trunk's post-build hook runs over its output
//! (see the library).

use broadsheet_prerender::{prerender, Options};
use std::path::PathBuf;

fn main() {
    let mut options = Options {
        dist: PathBuf::from("dist"),
        keep_going: false,
        renditions: None,
    };
    let usage = "usage: broadsheet-prerender [--keep-going] [--renditions DIR] DIST";
    let mut arguments = std::env::args().skip(1);
    while let Some(argument) = arguments.next() {
        match argument.as_str() {
            "--keep-going" => options.keep_going = true,
            "--renditions" => match arguments.next() {
                Some(folder) => options.renditions = Some(PathBuf::from(folder)),
                None => {
                    eprintln!("prerender: --renditions names no folder; {usage}");
                    std::process::exit(2);
                }
            },
            flag if flag.starts_with('-') => {
                eprintln!("prerender: unknown option {flag}; {usage}");
                std::process::exit(2);
            }
            folder => options.dist = PathBuf::from(folder),
        }
    }
    match prerender(&options) {
        Ok(written) => println!(
            "prerender: {written} pages written in {}",
            options.dist.display()
        ),
        Err(error) => {
            eprintln!("prerender: {error}");
            std::process::exit(1);
        }
    }
}
