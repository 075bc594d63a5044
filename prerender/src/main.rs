//! `broadsheet-prerender [--keep-going] DIST`: the full build's prerender,
//! which trunk's post-build hook runs over its output (see the library).

use broadsheet_prerender::{prerender, Options};
use std::path::PathBuf;

fn main() {
    let mut options = Options {
        dist: PathBuf::from("dist"),
        keep_going: false,
    };
    for argument in std::env::args().skip(1) {
        match argument.as_str() {
            "--keep-going" => options.keep_going = true,
            flag if flag.starts_with('-') => {
                eprintln!("prerender: unknown option {flag}; usage: broadsheet-prerender [--keep-going] DIST");
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
