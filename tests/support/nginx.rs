//! Debian's nginx running the production configuration,
//! `deploy/nginx/broadsheet.conf`, as it ships (only its `listen` line and the
//! build's folder changed), on localhost: for the header tests
//! (`tests/nginx.rs`) and the end-to-end scenarios run through it.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// nginx serving a build; stopped when dropped.
pub struct Nginx {
    process: Child,
    pub port: u16,
    _prefix: TempFolder,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

struct TempFolder(PathBuf);

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn nginx_binary() -> Result<PathBuf, String> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
        .ok_or_else(|| "nginx is not installed (make test installs Debian's nginx)".to_owned())
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// Starts nginx with the shipped configuration over the build in `site`.
pub fn start(site: &Path) -> Result<Nginx, String> {
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx/broadsheet.conf"),
    )
    .map_err(|e| format!("deploy/nginx/broadsheet.conf: {e}"))?;
    if !(shipped.contains("listen 80;") && shipped.contains("root /srv/broadsheet/dist;")) {
        return Err("the shipped configuration lacks the `listen 80;` line or the build's folder this replaces".to_owned());
    }
    let port = free_port()?;
    let server = shipped
        .replacen("listen 80;", &format!("listen 127.0.0.1:{port};"), 1)
        .replace("/srv/broadsheet/dist", &site.display().to_string());
    let prefix =
        std::env::temp_dir().join(format!("broadsheet-nginx-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
    std::fs::write(prefix.join("server.conf"), server).map_err(|e| e.to_string())?;
    // What Debian's /etc/nginx/nginx.conf gives a site, minus what needs root.
    std::fs::write(
        prefix.join("nginx.conf"),
        format!(
            "daemon off;\nmaster_process off;\npid {prefix}/nginx.pid;\nerror_log stderr;\n\
             events {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  \
             access_log off;\n  client_body_temp_path {prefix}/body;\n  proxy_temp_path {prefix}/proxy;\n  \
             fastcgi_temp_path {prefix}/fastcgi;\n  uwsgi_temp_path {prefix}/uwsgi;\n  scgi_temp_path {prefix}/scgi;\n  \
             include {prefix}/server.conf;\n}}\n",
            prefix = prefix.display()
        ),
    )
    .map_err(|e| e.to_string())?;
    let process = Command::new(nginx_binary()?)
        .arg("-p")
        .arg(&prefix)
        .arg("-c")
        .arg(prefix.join("nginx.conf"))
        .arg("-e")
        .arg("stderr")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("nginx does not start: {e}"))?;
    let nginx = Nginx {
        process,
        port,
        _prefix: TempFolder(prefix),
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!("nginx did not listen on {port}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(nginx)
}
