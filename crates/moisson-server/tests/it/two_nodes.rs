//! Two `moisson serve` processes on one PostgreSQL database with one `jwt_secret`, as
//! behind a load balancer: a token signed in on node A is honoured on node B.

use crate::serve::{Server, wait_ready};
use crate::support::{free_port, moisson, request, run};

const SECRET: &str = "two-nodes-jwt-secret-0123456789abcdef";

fn node(dir: &std::path::Path, db: &str) -> (Server, u16) {
    let port = free_port();
    let child = moisson(dir)
        .args([
            "serve",
            "--database",
            db,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env("MOISSON_JWT_SECRET", SECRET)
        .spawn()
        .expect("spawn moisson serve");
    let mut server = Server(child);
    wait_ready(port, &mut server);
    (server, port)
}

fn me(port: u16, token: &str) -> u16 {
    let auth = format!("Authorization: Bearer {token}");
    request(port, "GET", "/api/v1/auth/me", &[&auth], "")
        .expect("me")
        .0
}

#[tokio::test]
async fn a_token_from_one_node_works_on_the_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pg = moisson_testkit::pg::fresh().await;
    let mut add = moisson(dir.path());
    add.args(["users", "add", "alice", "--password-env", "ALICE_PASSWORD"])
        .args(["--database", pg.url()])
        .env("ALICE_PASSWORD", "correct horse battery");
    let (out, _, stderr) = run(&mut add);
    assert!(out.status.success(), "{stderr}");

    let (_a, port_a) = node(dir.path(), pg.url());
    let (_b, port_b) = node(dir.path(), pg.url());
    let login = r#"{"username":"alice","password":"correct horse battery"}"#;
    let (status, body) = request(
        port_a,
        "POST",
        "/api/v1/auth/token",
        &["Content-Type: application/json"],
        login,
    )
    .expect("sign in on A");
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    let token = json["access_token"].as_str().expect("access_token");

    assert_eq!(me(port_a, token), 200, "on the node that signed it");
    assert_eq!(me(port_b, token), 200, "on the other node");
    assert_eq!(me(port_b, "not-a-token"), 401);
}
