//! `broadsheet-host DIST [MORE_ROOTS…] [--port N]`: serves a build on 127.0.0.1.

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let port = match args.iter().position(|arg| arg == "--port") {
        Some(at) if at + 1 < args.len() => {
            let port = args.remove(at + 1);
            args.remove(at);
            port
        }
        _ => "8080".to_owned(),
    };
    if args.is_empty() {
        eprintln!("usage: broadsheet-host DIST [MORE_ROOTS…] [--port N]");
        std::process::exit(2);
    }
    let roots = args.into_iter().map(std::path::PathBuf::from).collect();
    match broadsheet_host::start(&format!("127.0.0.1:{port}"), roots) {
        Ok(host) => {
            println!(
                "Broadsheet is being served at http://{}/ (Ctrl-C to stop)",
                host.address
            );
            loop {
                std::thread::park();
            }
        }
        Err(error) => {
            eprintln!("could not serve on port {port}: {error}");
            std::process::exit(1);
        }
    }
}
