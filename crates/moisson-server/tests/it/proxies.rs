//! Behind a proxy (issue 22, blocker 3): only `server.trusted_proxies` may name the
//! client in `X-Forwarded-For` / `Forwarded`, and the login limiter delays the address
//! that guesses, not the user: the real user signs in from another address meanwhile.

use std::net::SocketAddr;

use actix_web::test::TestRequest;
use moisson_model::Viewer;
use moisson_server::app::AppData;
use moisson_server::config::Config;
use moisson_store::NewUser;
use serde_json::json;

use crate::rights_http::call;

const PROXY: &str = "10.0.0.2:40000";
const PASSWORD: &str = "alice's password";

async fn app_data(dir: &std::path::Path) -> AppData {
    let url = format!("sqlite://{}", dir.join("proxies.db").display());
    let store = moisson_store::open(&url).await.expect("open store");
    let alice = NewUser {
        username: "alice".to_owned(),
        name: None,
        email: None,
        password_hash: Some(moisson_auth::hash_password(PASSWORD).expect("hash")),
        superadmin: false,
    };
    store
        .create_user(alice, &Viewer::Admin)
        .await
        .expect("create user");
    let mut config = Config::default();
    config.auth.jwt_secret = Some("proxies-jwt-secret-0123456789abcdef".to_owned());
    config.server.trusted_proxies = vec!["10.0.0.0/8".to_owned(), "::1".to_owned()];
    AppData::new(&config, store, "http://cat.test").expect("app data")
}

/// A sign-in of alice from `peer`, with `headers`.
fn login(peer: &str, password: &str, headers: &[(&str, &str)]) -> TestRequest {
    let peer: SocketAddr = peer.parse().expect("peer");
    let mut req = TestRequest::post()
        .uri("/api/v1/auth/token")
        .peer_addr(peer)
        .set_json(json!({"username": "alice", "password": password}));
    for (name, value) in headers {
        req = req.insert_header((*name, *value));
    }
    req
}

#[actix_web::test]
async fn the_guessing_address_waits_while_alice_signs_in_from_hers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = app_data(dir.path()).await;
    let app =
        actix_web::test::init_service(actix_web::App::new().configure(|cfg| data.configure(cfg)))
            .await;

    // An attacker behind the proxy guesses: its forwarded address gets delayed.
    let attacker = [("x-forwarded-for", "203.0.113.66")];
    for _ in 0..4 {
        let resp = call(&app, login(PROXY, "guess", &attacker)).await;
        assert_eq!(resp.status, 401, "{}", resp.text());
    }
    let resp = call(&app, login(PROXY, PASSWORD, &attacker)).await;
    assert_eq!(
        resp.status,
        429,
        "the guessing address waits: {}",
        resp.text()
    );
    assert!(resp.header("retry-after").parse::<u64>().is_ok());

    // Alice, behind the same proxy from her own address, signs in: the trusted proxy's
    // header is honoured (keyed on the proxy, she would be delayed too).
    let alice = [("forwarded", "for=198.51.100.20;proto=https")];
    let resp = call(&app, login(PROXY, PASSWORD, &alice)).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
}

#[actix_web::test]
async fn a_header_from_an_untrusted_peer_is_ignored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = app_data(dir.path()).await;
    let app =
        actix_web::test::init_service(actix_web::App::new().configure(|cfg| data.configure(cfg)))
            .await;

    // A client reaching the server directly claims to be alice's address.
    let spoofed = [
        ("x-forwarded-for", "198.51.100.20"),
        ("forwarded", "for=198.51.100.20"),
    ];
    for _ in 0..4 {
        let resp = call(&app, login("203.0.113.9:5000", "guess", &spoofed)).await;
        assert_eq!(resp.status, 401, "{}", resp.text());
    }
    let resp = call(&app, login("203.0.113.9:5000", PASSWORD, &spoofed)).await;
    assert_eq!(resp.status, 429, "keyed on the peer: {}", resp.text());
    // Alice's address was never charged: the header was not believed.
    let resp = call(&app, login("198.51.100.20:6000", PASSWORD, &[])).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
}

/// Sends `GET /health` with an `X-Forwarded-For` header over real HTTP.
fn get_forwarded(port: u16, forwarded_for: &str) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let request = format!(
        "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: {forwarded_for}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

/// The request log of `moisson serve` for one forwarded request, `trusted` or not.
fn logged_client(trusted: Option<&str>) -> String {
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("tempdir");
    let port = crate::support::free_port();
    let db = format!("sqlite://{}", dir.path().join("log.db").display());
    let mut cmd = crate::support::moisson(dir.path());
    cmd.args(["serve", "--database", &db, "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .env("MOISSON_LOG", "info")
        .env_remove("RUST_LOG")
        .env_remove("MOISSON_TRUSTED_PROXIES")
        .stderr(Stdio::piped());
    if let Some(list) = trusted {
        cmd.env("MOISSON_TRUSTED_PROXIES", list);
    }
    let mut child = cmd.spawn().expect("spawn moisson serve");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while crate::support::get(port, "/health").is_err() {
        assert!(std::time::Instant::now() < deadline, "server not up");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    get_forwarded(port, "6.6.6.6, 198.51.100.7");
    let _ = child.kill();
    let out = child.wait_with_output().expect("wait");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn request_logs_name_the_resolved_client() {
    let log = logged_client(None);
    let line = log
        .lines()
        .find(|l| l.contains("http.target=/health"))
        .unwrap_or_else(|| panic!("no request line: {log}"));
    assert!(line.contains("http.client_ip=127.0.0.1"), "{line}");
    assert!(
        !log.contains("198.51.100.7") && !log.contains("6.6.6.6"),
        "{log}"
    );
    let log = logged_client(Some("127.0.0.0/8"));
    assert!(log.contains("http.client_ip=198.51.100.7"), "{log}");
    assert!(!log.contains("6.6.6.6"), "{log}");
}
