//! `HEAD` is answered wherever `GET` is, by the running binary over real HTTP: the same
//! status, type and length as `GET`, and no body (REST, CSW, OGC API, DCAT, `/api`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::support::{demo_records, free_port, moisson, run};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One exchange: the status, the lower-cased headers and the bytes after them.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn send(port: u16, method: &str, path: &str) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Answer {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    }
}

fn serve_demo(dir: &std::path::Path) -> (u16, Server) {
    let db = format!("sqlite://{}", dir.join("head.db").display());
    let records = demo_records();
    let (out, _, stderr) =
        run(moisson(dir).args(["import", "--database", &db, &records.display().to_string()]));
    assert!(out.status.success(), "import: {stderr}");
    let port = free_port();
    let child = moisson(dir)
        .args([
            "serve",
            "--database",
            &db,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .spawn()
        .expect("spawn moisson serve");
    let mut server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err()
        || send(port, "GET", "/ready").status != 200
    {
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!("moisson serve exited early: {status}");
        }
        assert!(Instant::now() < deadline, "server not ready after 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    (port, server)
}

#[test]
fn head_answers_wherever_get_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (port, _server) = serve_demo(dir.path());
    let record = "fr-213502388-base-adresse-locale";
    for path in [
        "/",
        "/health",
        "/api",
        "/api/openapi.json",
        "/api/v1/records",
        &format!("/api/v1/records/{record}"),
        "/csw?service=CSW&version=2.0.2&request=GetCapabilities",
        "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&resultType=results",
        "/ogcapi",
        "/ogcapi/api",
        "/ogcapi/collections/main/items?limit=2",
        &format!("/ogcapi/collections/main/items/{record}"),
        "/dcat/catalog.ttl",
        &format!("/dcat/records/{record}.jsonld"),
        "/api/v1/records/no-such-record",
        "/no/such/path",
    ] {
        let get = send(port, "GET", path);
        let head = send(port, "HEAD", path);
        assert_eq!(head.status, get.status, "HEAD {path}");
        assert_ne!(head.status, 405, "HEAD {path}");
        assert!(head.body.is_empty(), "HEAD {path} sent a body");
        assert_eq!(
            head.header("content-type"),
            get.header("content-type"),
            "HEAD {path}"
        );
        if let Some(length) = get.header("content-length") {
            assert_eq!(length, get.body.len().to_string(), "GET {path}");
            assert_eq!(head.header("content-length"), Some(length), "HEAD {path}");
        }
    }
}
