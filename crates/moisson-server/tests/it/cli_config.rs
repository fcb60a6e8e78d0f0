//! `moisson config check`: prints the effective configuration, redacted, or the error.

use crate::support::{moisson, run};

#[test]
fn config_check_prints_redacted_config_and_rejects_unknown_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.toml");
    std::fs::write(&good, "[server]\nlisten = \"0.0.0.0:8080\"\n").expect("write");
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args(["config", "check"])
        .arg(&good)
        .env("MOISSON_ADMIN_TOKEN", "tok-secret")
        .env("MOISSON_DATABASE_URL", "postgres://m:pw-secret@db/m"));
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("listen = \"0.0.0.0:8080\"") && stdout.contains("admin_token = \"***\""),
        "{stdout}"
    );
    assert!(
        !stdout.contains("-secret") && !stderr.contains("-secret"),
        "{stdout}{stderr}"
    );
    assert!(
        stderr.contains(&format!("read {}", good.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: auth.jwt_secret is not set while the database is PostgreSQL"),
        "{stderr}"
    );
    let (out, _, stderr) = run(moisson(dir.path())
        .args(["config", "check"])
        .env("MOISSON_JWT_SECRET", "short"));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("no configuration file"), "{stderr}");
    assert!(
        stderr.contains("auth.jwt_secret is 5 bytes long"),
        "{stderr}"
    );

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[logging]\nlevel = \"info\"\nformat = \"json\"\n").expect("write");
    let (out, _, stderr) = run(moisson(dir.path()).args(["config", "check"]).arg(&bad));
    assert!(!out.status.success());
    assert!(
        stderr.contains("format") && stderr.contains("bad.toml"),
        "{stderr}"
    );
}
