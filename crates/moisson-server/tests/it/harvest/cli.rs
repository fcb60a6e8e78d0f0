//! The binary's harvest commands.

use super::{ORG, Peer};

/// The binary's `moisson harvest add | run | list | log` against a peer.
#[actix_web::test]
async fn the_cli_adds_runs_lists_and_logs_sources() {
    use crate::support::{moisson, run as run_cmd};
    let peer = Peer::start().await;
    let n = peer.public_count().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_owned();
    let csw = format!("{}/csw", peer.url);
    let out = tokio::task::spawn_blocking(move || {
        let db = format!("sqlite://{}", d.join("cli.db").display());
        let cli = |args: &[&str]| {
            let (out, stdout, stderr) = run_cmd(
                moisson(&d)
                    .args(["--config", "/dev/null"])
                    .args(args)
                    .args(["--database", &db]),
            );
            (out.status.success(), stdout, stderr)
        };
        let org = cli(&["orgs", "add", ORG, "DDT 35"]);
        assert!(org.0, "{}", org.2);
        let quick = r#"{"delay_ms": 0, "retries": 0, "page_size": 6}"#;
        let (ok, id, err) = cli(&[
            "harvest",
            "add",
            "--kind",
            "csw",
            "--url",
            &csw,
            "--org",
            ORG,
            "--visibility",
            "internal",
            "--name",
            "Peer CSW",
            "--options",
            quick,
        ]);
        assert!(ok, "{err}");
        let id = id.trim().to_owned();
        assert!(id.starts_with("peer-csw-"), "{id}");
        let ran = cli(&["harvest", "run", &id]);
        let listed = cli(&["harvest", "list"]);
        let logged = cli(&["harvest", "log", &id]);
        let (ok, dead, err) = cli(&[
            "harvest",
            "add",
            "--kind",
            "csw",
            "--url",
            "http://127.0.0.1:9/csw",
            "--org",
            ORG,
            "--options",
            quick,
        ]);
        assert!(ok, "{err}");
        let failed = cli(&["harvest", "run", dead.trim()]);
        let unknown = cli(&["harvest", "run", "nope"]);
        let bad_kind = cli(&[
            "harvest", "add", "--kind", "ftp", "--url", &csw, "--org", ORG,
        ]);
        (id, ran, listed, logged, failed, unknown, bad_kind)
    })
    .await
    .expect("cli");
    let (id, ran, listed, logged, failed, unknown, bad_kind) = out;
    assert!(ran.0, "{} {}", ran.1, ran.2);
    assert!(ran.1.contains("succeeded"), "{}", ran.1);
    assert!(ran.1.contains(&format!("{n} created")), "{}", ran.1);
    assert!(
        listed
            .1
            .lines()
            .any(|l| l.starts_with(&format!("{id}\tcsw\tenabled\tmanual\t{ORG}\t"))),
        "{}",
        listed.1
    );
    assert!(logged.1.contains(&format!("{n} created")), "{}", logged.1);
    assert!(!failed.0, "a failed run exits non-zero: {}", failed.1);
    assert!(failed.1.contains("failed"), "{}", failed.1);
    assert!(
        !unknown.0 && unknown.2.contains("unknown harvest source"),
        "{}",
        unknown.2
    );
    assert!(!bad_kind.0, "{}", bad_kind.2);
    peer.handle.stop(false).await;
}
