//! `moisson users | orgs | members | apikeys` and `moisson import --org --visibility
//! --status`, run as the built binary; what they wrote is checked through the store
//! and the authenticator, as the server would see it.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;

use moisson_auth::{AuthConfig, Authenticator};
use moisson_model::{RecordId, Role, Viewer, Visibility, WorkflowStatus};
use moisson_store::{AccountStore, Store};

use crate::support::{copy_good_records, moisson, run};

/// Runs `moisson <args> --database <db>`; asserts it succeeds; returns stdout.
fn ok(dir: &std::path::Path, db: &str, args: &[&str]) -> String {
    let (out, stdout, stderr) = run(moisson(dir).args(args).args(["--database", db]));
    assert!(out.status.success(), "moisson {args:?}: {stderr}");
    stdout
}

/// Runs with `input` on standard input.
fn with_stdin(cmd: &mut Command, input: &str) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn moisson");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

async fn open(db: &str) -> (Arc<dyn Store>, Authenticator) {
    let store = moisson_store::open(db).await.expect("open store");
    let accounts: Arc<dyn AccountStore> = store.clone();
    let auth = Authenticator::new(AuthConfig::default(), accounts).expect("authenticator");
    (store, auth)
}

#[tokio::test]
async fn accounts_are_managed_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let d = dir.path();

    ok(d, &db, &["orgs", "add", "org-a", "Organisation A"]);
    ok(d, &db, &["orgs", "add", "grp-g", "Group G", "--group"]);
    let orgs = ok(d, &db, &["orgs", "list"]);
    assert!(
        orgs.contains("org-a\torganisation\tOrganisation A"),
        "{orgs}"
    );
    assert!(orgs.contains("grp-g\tgroup\tGroup G"), "{orgs}");

    let out = with_stdin(
        moisson(d).args([
            "users",
            "add",
            "alice",
            "--password-stdin",
            "--database",
            &db,
        ]),
        "alice's password\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ok(
        d,
        &db,
        &[
            "users",
            "add",
            "bob",
            "--superadmin",
            "--name",
            "Bob",
            "--email",
            "bob@example.fr",
        ],
    );
    let (out, _, stderr) = run(moisson(d)
        .args([
            "users",
            "add",
            "carol",
            "--password-env",
            "CAROL_PW",
            "--database",
            &db,
        ])
        .env("CAROL_PW", "short"));
    assert!(!out.status.success(), "a short password is refused");
    assert!(stderr.contains("8 characters"), "{stderr}");

    ok(d, &db, &["members", "set", "alice", "org-a", "editor"]);
    ok(d, &db, &["members", "set", "alice", "grp-g", "reader"]);
    let (out, _, stderr) = run(moisson(d).args([
        "members",
        "set",
        "alice",
        "org-a",
        "boss",
        "--database",
        &db,
    ]));
    assert!(
        !out.status.success() && stderr.contains("reviewer"),
        "{stderr}"
    );
    let users = ok(d, &db, &["users", "list"]);
    assert!(
        users.contains("alice\t\t\t\tgrp-g:reader,org-a:editor")
            || users.contains("alice\t\t\t\torg-a:editor,grp-g:reader"),
        "{users}"
    );
    assert!(
        users.contains("bob\tBob\tbob@example.fr\tsuperadmin\t"),
        "{users}"
    );

    let (store, auth) = open(&db).await;
    let pair = auth
        .login("alice", "alice's password", "test")
        .await
        .expect("alice signs in with the password given on stdin");
    let viewer = auth
        .viewer(Some(&format!("Bearer {}", pair.access_token)))
        .await
        .expect("token verifies");
    assert_eq!(viewer.role_in("org-a"), Some(Role::Editor));

    let (out, _, stderr) = run(moisson(d)
        .args([
            "users",
            "passwd",
            "alice",
            "--password-env",
            "NEW_PW",
            "--database",
            &db,
        ])
        .env("NEW_PW", "a new password"));
    assert!(out.status.success(), "{stderr}");
    assert!(
        auth.login("alice", "alice's password", "test")
            .await
            .is_err()
    );
    auth.login("alice", "a new password", "test")
        .await
        .expect("the new password works");

    let (out, secret, stderr) = run(moisson(d).args([
        "apikeys",
        "create",
        "org-a",
        "reader",
        "--label",
        "nightly",
        "--database",
        &db,
    ]));
    assert!(out.status.success(), "{stderr}");
    let secret = secret.trim();
    assert!(
        secret.starts_with("msk_"),
        "the secret alone on stdout: {secret}"
    );
    let key = auth
        .viewer(Some(&format!("Bearer {secret}")))
        .await
        .expect("the key verifies");
    assert_eq!(key.role_in("org-a"), Some(Role::Reader));
    let keys = ok(d, &db, &["apikeys", "list"]);
    let id = keys.split('\t').next().expect("key id").to_owned();
    assert!(
        keys.contains(&format!("{id}\torg-a\treader\tactive\tnightly")),
        "{keys}"
    );
    ok(d, &db, &["apikeys", "revoke", &id]);
    assert!(ok(d, &db, &["apikeys", "list"]).contains("\trevoked\t"));
    assert!(
        auth.viewer(Some(&format!("Bearer {secret}")))
            .await
            .is_err(),
        "revoked"
    );

    ok(d, &db, &["members", "remove", "alice", "org-a"]);
    let alice = store
        .user_credentials("alice")
        .await
        .expect("read")
        .expect("alice");
    assert_eq!(alice.user.memberships.len(), 1);
    ok(d, &db, &["users", "delete", "alice"]);
    let (out, _, stderr) = run(moisson(d).args(["users", "delete", "alice", "--database", &db]));
    assert!(
        !out.status.success() && stderr.contains("no user alice"),
        "{stderr}"
    );
    assert!(
        store
            .list_users(&Viewer::Admin)
            .await
            .expect("list")
            .iter()
            .all(|u| u.username != "alice")
    );
}

#[tokio::test]
async fn import_sets_owner_visibility_and_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = dir.path().join("in");
    std::fs::create_dir(&files).expect("mkdir");
    copy_good_records(&files);
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    // `--org` must name an organisation of the database.
    let (out, ..) = run(moisson(dir.path()).args(["orgs", "add", "org-a", "A", "--database", &db]));
    assert!(out.status.success());
    let (out, stdout, stderr) = run(moisson(dir.path())
        .args([
            "import",
            "--org",
            "org-a",
            "--visibility",
            "restricted",
            "--status",
            "draft",
        ])
        .args(["--database", &db])
        .arg(&files));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("imported 2 records"), "{stdout}");
    let (store, _) = open(&db).await;
    let id = RecordId::parse("fr-213502388-base-adresse-locale").expect("id");
    let stored = store
        .get(&id, &Viewer::Admin)
        .await
        .expect("read")
        .expect("imported");
    let c = &stored.record.catalogue;
    assert_eq!(c.owner_org.as_deref(), Some("org-a"));
    assert_eq!(
        (c.visibility, c.status),
        (Visibility::Restricted, WorkflowStatus::Draft)
    );
    assert_eq!(
        store.count(&Viewer::Anonymous).await.expect("count"),
        0,
        "drafts are hidden"
    );

    let (out, _, stderr) = run(moisson(dir.path())
        .args(["import", "--visibility", "secret", "--database", &db])
        .arg(&files));
    assert!(
        !out.status.success() && stderr.contains("restricted"),
        "{stderr}"
    );
}

/// Re-importing a file keeps the stored record's rights fields (a file carries none);
/// only the options given change them.
#[tokio::test]
async fn reimport_keeps_stored_rights_unless_an_option_sets_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let files = d.join("in");
    std::fs::create_dir(&files).expect("mkdir");
    copy_good_records(&files);
    let db = format!("sqlite://{}", d.join("m.db").display());
    let import = |flags: &[&str]| {
        let mut args = vec!["import"];
        args.extend_from_slice(flags);
        let files = files.to_str().expect("utf-8 path").to_owned();
        let stdout = ok(d, &db, &[args.as_slice(), &[files.as_str()]].concat());
        assert!(stdout.contains("imported 2 records"), "{stdout}");
        stdout
    };
    import(&[]);
    ok(d, &db, &["orgs", "add", "org-a", "Organisation A"]);
    ok(d, &db, &["orgs", "add", "org-b", "Organisation B"]);
    ok(d, &db, &["orgs", "add", "grp-g", "Group G", "--group"]);

    // An editor makes one record an internal draft of A, shared with G.
    let (store, _) = open(&db).await;
    let id = RecordId::parse("fr-213502388-base-adresse-locale").expect("id");
    let other = RecordId::parse("fr-200040715-plui-2025").expect("id");
    let read = |id: RecordId| {
        let store = store.clone();
        async move {
            store
                .get(&id, &Viewer::Admin)
                .await
                .expect("read")
                .expect("stored")
                .record
        }
    };
    let mut record = read(id.clone()).await;
    assert_eq!(
        (record.catalogue.visibility, record.catalogue.status),
        (Visibility::Public, WorkflowStatus::Published)
    );
    record.catalogue.owner_org = Some("org-a".to_owned());
    record.catalogue.visibility = Visibility::Internal;
    record.catalogue.status = WorkflowStatus::Draft;
    record.catalogue.shared_with = vec!["grp-g".to_owned()];
    store
        .put(
            moisson_store::NewRecord {
                record,
                original: None,
            },
            &Viewer::Admin,
        )
        .await
        .expect("edit");

    // The same files again, without options: nothing about rights changes.
    let stdout = import(&[]);
    assert!(stdout.contains("0 created, 2 updated"), "{stdout}");
    let c = read(id.clone()).await.catalogue;
    assert_eq!(c.owner_org.as_deref(), Some("org-a"));
    assert_eq!(
        (c.visibility, c.status),
        (Visibility::Internal, WorkflowStatus::Draft)
    );
    assert_eq!(c.shared_with, ["grp-g"]);
    let o = read(other.clone()).await.catalogue;
    assert_eq!(
        (o.owner_org, o.visibility, o.status),
        (None, Visibility::Public, WorkflowStatus::Published)
    );
    assert_eq!(
        store.count(&Viewer::Anonymous).await.expect("count"),
        1,
        "the draft stays hidden"
    );

    // Options given win, the others stay as stored.
    import(&["--status", "published", "--org", "org-b"]);
    let c = read(id).await.catalogue;
    assert_eq!(c.owner_org.as_deref(), Some("org-b"));
    assert_eq!(
        (c.visibility, c.status),
        (Visibility::Internal, WorkflowStatus::Published)
    );
    assert_eq!(c.shared_with, ["grp-g"]);
    let o = read(other).await.catalogue;
    assert_eq!(
        (o.owner_org.as_deref(), o.visibility),
        (Some("org-b"), Visibility::Public)
    );
}
