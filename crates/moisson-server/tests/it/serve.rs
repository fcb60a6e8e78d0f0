//! `moisson serve --demo` end to end: the built-in demo records load (from any folder), `/ready` answers, the
//! REST API lists records, and SIGTERM stops the server cleanly.

use std::process::Child;
use std::time::{Duration, Instant};

use crate::support::{demo_records, free_port, get, moisson};

/// Kills the server if the test fails before stopping it.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn wait_ready(port: u16, server: &mut Server) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok((200, _)) = get(port, "/ready") {
            return;
        }
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!("moisson serve exited early: {status}");
        }
        assert!(Instant::now() < deadline, "server not ready after 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_demo_answers_health_ready_landing_and_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let db = format!("sqlite://{}", dir.path().join("demo.db").display());
    let child = moisson(dir.path())
        .args([
            "serve",
            "--demo",
            "--database",
            &db,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        // From a folder without examples/: the records built into the binary load.
        .env_remove("MOISSON_DEMO_DIR")
        .spawn()
        .expect("spawn moisson serve");
    let mut server = Server(child);
    wait_ready(port, &mut server);

    let (status, body) = get(port, "/health").expect("health");
    assert_eq!((status, body.as_str()), (200, r#"{"status":"ok"}"#));
    let (status, body) = get(port, "/").expect("landing");
    assert_eq!(status, 200);
    assert!(
        body.contains(&format!("http://127.0.0.1:{port}/api/v1/records")),
        "{body}"
    );

    let (status, body) = get(port, "/api/v1/records").expect("records");
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON body");
    let items = json["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items array: {body}"));
    assert!(!items.is_empty(), "demo records not loaded: {body}");
    let demo_files = std::fs::read_dir(demo_records())
        .expect("examples/records")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "xml"))
        })
        .count();
    assert_eq!(
        json["total"], demo_files,
        "every built-in demo record: {body}"
    );

    stop(&mut server);
}

#[cfg(unix)]
fn stop(server: &mut Server) {
    let pid = server.0.id().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(40);
    while Instant::now() < deadline {
        if let Some(status) = server.0.try_wait().expect("wait") {
            assert!(status.success(), "graceful shutdown exits 0, got {status}");
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("server still running 40 s after SIGTERM");
}

#[cfg(not(unix))]
fn stop(server: &mut Server) {
    let _ = server.0.kill();
}
