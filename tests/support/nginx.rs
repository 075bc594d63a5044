//! Debian's nginx running the production configuration,
//! `deploy/nginx/broadsheet.conf`, as it ships (only its `listen` line, the
//! build's folder, the policy reports' log and, with a CMS, its include line
//! changed), on localhost: for the header tests
//! (`tests/nginx.rs`) and the end-to-end scenarios run through it. With a CMS
//! address it also includes `deploy/nginx/cms-upstream.conf` as a newsroom
//! would, with only the CMS's address changed.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// nginx serving a build; stopped when dropped.
pub struct Nginx {
    process: Child,
    pub port: u16,
    /// Where this nginx logs the policy's violation reports.
    #[allow(
        dead_code,
        reason = "read by tests/nginx.rs; the e2e suite shares this module"
    )]
    pub csp_reports: PathBuf,
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

/// A file of `deploy/nginx/`, which must hold each of `lines` that a test replaces.
fn shipped(name: &str, lines: &[&str]) -> Result<String, String> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("deploy/nginx")
            .join(name),
    )
    .map_err(|e| format!("deploy/nginx/{name}: {e}"))?;
    match lines.iter().find(|line| !text.contains(*line)) {
        Some(missing) => Err(format!(
            "deploy/nginx/{name} lacks `{missing}`, which the tests replace"
        )),
        None => Ok(text),
    }
}

/// Starts nginx with the shipped configuration over the build in `site`; with
/// `cms` (`host:port`), the documents come from that server through
/// `cms-upstream.conf`.
pub fn start(site: &Path, cms: Option<&str>) -> Result<Nginx, String> {
    const LISTEN: &str = "listen 80;";
    const ROOT: &str = "/srv/broadsheet/dist";
    const CMS_INCLUDE: &str = "# include /etc/nginx/snippets/broadsheet-cms-upstream.conf;";
    const CMS_ADDRESS: &str = "http://cms.internal:8080;";
    const CSP_REPORTS: &str = "/var/log/nginx/broadsheet-csp-reports.log";
    let port = free_port()?;
    let prefix =
        std::env::temp_dir().join(format!("broadsheet-nginx-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
    let folder = TempFolder(prefix.clone());
    let mut server = shipped("broadsheet.conf", &[LISTEN, ROOT, CMS_INCLUDE])?
        .replacen(LISTEN, &format!("listen 127.0.0.1:{port};"), 1)
        .replace(ROOT, &site.display().to_string())
        .replace(
            CSP_REPORTS,
            &prefix.join("csp-reports.log").display().to_string(),
        );
    if let Some(cms) = cms {
        let upstream = shipped("cms-upstream.conf", &[CMS_ADDRESS])?.replacen(
            CMS_ADDRESS,
            &format!("http://{cms};"),
            1,
        );
        std::fs::write(prefix.join("cms-upstream.conf"), upstream).map_err(|e| e.to_string())?;
        server = server.replacen(
            CMS_INCLUDE,
            &format!("include {}/cms-upstream.conf;", prefix.display()),
            1,
        );
    }
    std::fs::write(prefix.join("server.conf"), server).map_err(|e| e.to_string())?;
    // Debian's modules-enabled name modules relative to the prefix.
    std::os::unix::fs::symlink("/usr/lib/nginx/modules", prefix.join("modules"))
        .map_err(|e| format!("linking nginx's modules: {e}"))?;
    // What Debian's /etc/nginx/nginx.conf gives a site (its modules among
    // them), minus what needs root.
    std::fs::write(
        prefix.join("nginx.conf"),
        format!(
            "include /etc/nginx/modules-enabled/*.conf;\ndaemon off;\nmaster_process off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n\
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
        .arg(prefix.join("error.log"))
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("nginx does not start: {e}"))?;
    let mut nginx = Nginx {
        process,
        port,
        csp_reports: prefix.join("csp-reports.log"),
        _prefix: folder,
    };
    let log = || std::fs::read_to_string(prefix.join("error.log")).unwrap_or_default();
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = nginx.process.try_wait() {
            return Err(format!("nginx stopped ({status}): {}", log()));
        }
        if Instant::now() > deadline {
            return Err(format!("nginx did not listen on {port}: {}", log()));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(nginx)
}
