//! Helpers: run the built binary in a clean environment, sample files, a tiny HTTP client.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// The workspace's `examples/records` folder.
pub fn demo_records() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/records")
}

/// `moisson` with no `MOISSON_*` variable from the caller's environment, run in `cwd`
/// (so no stray `./moisson.toml` is read).
pub fn moisson(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_moisson"));
    for (name, _) in std::env::vars() {
        if name.starts_with("MOISSON_") || name == "RUST_LOG" {
            cmd.env_remove(name);
        }
    }
    cmd.current_dir(cwd).env("MOISSON_LOG", "warn");
    cmd
}

/// Runs and returns the output, with stdout and stderr as text.
pub fn run(cmd: &mut Command) -> (Output, String, String) {
    let out = cmd.output().expect("run moisson");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stdout, stderr)
}

/// Copies two hand-written demo records into `dir`; returns their paths.
pub fn copy_good_records(dir: &Path) -> Vec<PathBuf> {
    ["moisson_plui-gam.xml", "moisson_bal-rennes.xml"]
        .iter()
        .map(|name| {
            let to = dir.join(name);
            std::fs::copy(demo_records().join(name), &to).expect("copy sample");
            to
        })
        .collect()
}

/// Writes a copy of a demo record with another id and, if `south` is given, another
/// south latitude (49.5 makes the box invalid: south above north).
pub fn write_variant(to: &Path, id: &str, south: Option<&str>) {
    let text = std::fs::read_to_string(demo_records().join("moisson_bal-rennes.xml"))
        .expect("read sample");
    let mut text = text.replace(">fr-213502388-base-adresse-locale<", &format!(">{id}<"));
    if let Some(south) = south {
        text = text.replace("<gco:Decimal>48.077<", &format!("<gco:Decimal>{south}<"));
    }
    std::fs::write(to, text).expect("write variant");
}

/// A document that is not well-formed: the end tag on line 4 does not match.
pub const MALFORMED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<gmd:MD_Metadata xmlns:gmd=\"http://www.isotc211.org/2005/gmd\">\n\
  <gmd:fileIdentifier>\n\
  </gmd:language>\n\
</gmd:MD_Metadata>\n";

/// A free local port (bound then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// `GET path` over HTTP/1.1 with `Connection: close`: status and body.
pub fn get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    request(port, "GET", path, &[], "")
}

/// One HTTP/1.1 request with `Connection: close`, extra header lines (`Name: value`) and
/// a body (sent with its length when not empty): status and body.
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[&str],
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\nConnection: close\r\n"
    );
    for header in headers {
        head.push_str(header);
        head.push_str("\r\n");
    }
    if !body.is_empty() {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    write!(stream, "{head}\r\n{body}")?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    Ok((
        status,
        if chunked {
            dechunk(body)
        } else {
            body.to_owned()
        },
    ))
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}
