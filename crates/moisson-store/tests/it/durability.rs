//! Every acknowledged write survives a `kill -9`: this test binary re-runs itself as a
//! child process that writes records and prints each acknowledged id; the parent
//! kills it with SIGKILL mid-way, reopens the store, and checks that every
//! acknowledged record is there, whole, and that no record is partial.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;

use moisson_model::{DocumentFormat, Expr, OriginalDocument, RecordId, SearchQuery, Viewer};
use moisson_store::{NewRecord, Store};

use crate::builder::rec;

const URL_ENV: &str = "MOISSON_DURABILITY_URL";
/// Acknowledged writes to wait for before the kill.
const KILL_AFTER: usize = 40;

fn record(n: usize) -> NewRecord {
    let id = format!("dur-{n:05}");
    let mut r = rec(&id)
        .title(&format!("Durable {n}"))
        .abstract_text(&format!("marqueur{n} {}", "donnée ".repeat(200)))
        .keywords(&["durabilité", &format!("kw{n}")])
        .bbox(1.0, 43.0, 2.0, 44.0)
        .build();
    r.original = Some(OriginalDocument {
        format: DocumentFormat::Iso19139,
        bytes: format!(
            "<gmd:MD_Metadata id=\"{id}\">{}</gmd:MD_Metadata>",
            "é".repeat(n % 97)
        )
        .into_bytes(),
    });
    r
}

/// The child: writes records until killed (single puts and batches of five), and
/// prints `ACK <id>` only once the store acknowledged the write.
#[tokio::test]
#[ignore = "child process of the kill -9 durability tests (run by them)"]
async fn durability_child_writer() {
    let Ok(url) = std::env::var(URL_ENV) else {
        return;
    };
    let store = moisson_store::open(&url).await.expect("open");
    let mut n = 0;
    loop {
        if n % 10 == 5 {
            let batch: Vec<NewRecord> = (n..n + 5).map(record).collect();
            store
                .put_many(batch, &Viewer::Admin)
                .await
                .expect("put_many");
            for i in n..n + 5 {
                println!("ACK dur-{i:05}");
            }
            n += 5;
        } else {
            store.put(record(n), &Viewer::Admin).await.expect("put");
            println!("ACK dur-{n:05}");
            n += 1;
        }
    }
}

/// Runs the child on `url`, kills it after `KILL_AFTER` acknowledgements, and returns
/// every id it acknowledged (including those printed just before it died).
fn write_until_killed(url: &str) -> Vec<String> {
    let exe = std::env::current_exe().expect("test binary");
    let mut child = Command::new(exe)
        .args([
            "--exact",
            "durability::durability_child_writer",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(URL_ENV, url)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn the child writer");
    let stdout = child.stdout.take().expect("stdout");
    let mut acked = Vec::new();
    let mut killed = false;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("read the child's output");
        if let Some(id) = line.strip_prefix("ACK ") {
            acked.push(id.to_owned());
        }
        if acked.len() >= KILL_AFTER && !killed {
            child.kill().expect("SIGKILL the child"); // std sends SIGKILL on Unix
            killed = true;
        }
    }
    let status = child.wait().expect("wait");
    assert!(
        killed && !status.success(),
        "the child was killed: {status:?}"
    );
    acked
}

async fn check_after_kill(store: Arc<dyn Store>, acked: &[String]) {
    let admin = Viewer::Admin;
    for id in acked {
        let got = store
            .get(&RecordId::parse(id.as_str()).expect("id"), &admin)
            .await
            .expect("get");
        assert!(got.is_some(), "acknowledged record {id} was lost");
    }
    // Every record present, acknowledged or not, is whole: row, original and indexes.
    let ids = store.ids(&admin).await.expect("ids");
    assert!(ids.len() >= acked.len());
    assert_eq!(store.count(&admin).await.expect("count"), ids.len() as u64);
    for id in &ids {
        let n: usize = id.as_str()["dur-".len()..].parse().expect("number");
        let expected = record(n);
        let got = store.get(id, &admin).await.expect("get").expect("listed");
        assert_eq!(got.record.title, expected.record.title, "{id}");
        assert_eq!(
            got.record.abstract_text, expected.record.abstract_text,
            "{id}"
        );
        assert_eq!(got.original, expected.original, "{id}: original is whole");
        let q = SearchQuery {
            filter: Expr::FullText(format!("marqueur{n} donnée")),
            ..SearchQuery::default()
        };
        let found = store.search(&q, &admin).await.expect("search");
        assert_eq!(found.total, 1, "{id}: full-text index entry");
    }
}

#[tokio::test]
async fn sqlite_acknowledged_writes_survive_kill_9() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("kill.db").display());
    let acked = tokio::task::spawn_blocking({
        let url = url.clone();
        move || write_until_killed(&url)
    })
    .await
    .expect("child");
    let store = moisson_store::open(&url).await.expect("reopen");
    check_after_kill(store, &acked).await;
}

#[tokio::test]
async fn postgres_acknowledged_writes_survive_kill_9() {
    let db = moisson_testkit::pg::fresh().await;
    let url = db.url().to_owned();
    let acked = tokio::task::spawn_blocking({
        let url = url.clone();
        move || write_until_killed(&url)
    })
    .await
    .expect("child");
    let store = moisson_store::open(&url).await.expect("reopen");
    check_after_kill(store, &acked).await;
}
