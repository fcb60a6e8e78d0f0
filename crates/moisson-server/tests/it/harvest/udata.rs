//! udata sources: a data.gouv.fr API v1 dataset (`tests/data/harvest`), served in
//! the API's paging envelope by a local server, and a hostile (too deeply nested) page.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpResponse, HttpServer, web};
use moisson_model::harvest::{JobState, SourceKind};
use moisson_model::{RecordId, Viewer};
use serde_json::{Value, json};

use super::{add_source, local, run, samples};

/// `/udata/page1.json` (the dataset fixture, `next_page` relative; without its title
/// while `broken` is set), `/udata/page2.json` (empty, last) and `/udata/deep.json`
/// (nested 1000 deep).
async fn udata_server(broken: Arc<AtomicBool>) -> (String, ServerHandle) {
    let fixture =
        std::fs::read_to_string(samples().join("harvest/udata_dataset.json")).expect("fixture");
    let dataset: Value = serde_json::from_str(&fixture).expect("fixture JSON");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = HttpServer::new(move || {
        let (dataset, broken) = (dataset.clone(), broken.clone());
        App::new().route(
            "/udata/{page}",
            web::get().to(move |page: web::Path<String>| {
                let mut dataset = dataset.clone();
                if broken.load(Ordering::SeqCst) {
                    dataset["title"] = Value::Null;
                }
                async move {
                    let body = match page.as_str() {
                        "page1.json" => json!({"data": [dataset], "next_page": "page2.json",
                            "page": 1, "page_size": 1, "total": 1})
                        .to_string(),
                        "page2.json" => json!({"data": [], "next_page": null,
                            "page": 2, "page_size": 1, "total": 1})
                        .to_string(),
                        "deep.json" => {
                            format!("{{\"data\": {}{}}}", "[".repeat(1000), "]".repeat(1000))
                        }
                        _ => return HttpResponse::NotFound().finish(),
                    };
                    HttpResponse::Ok()
                        .content_type("application/json")
                        .body(body)
                }
            }),
        )
    })
    .workers(1)
    .listen(listener)
    .expect("listen")
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (url, handle)
}

#[actix_web::test]
async fn a_udata_organisation_is_harvested_page_by_page() {
    let broken = Arc::new(AtomicBool::new(false));
    let (url, handle) = udata_server(broken.clone()).await;
    let (store, _keep) = local(false).await;
    let id = add_source(
        &store,
        SourceKind::Udata,
        format!("{url}/udata/page1.json"),
        0,
    )
    .await;
    let first = run(&store, &id, false).await;
    assert_eq!(first.state, JobState::Succeeded, "{:?}", first.log);
    assert_eq!(
        (first.counts.created, first.counts.failed),
        (1, 0),
        "{:?}",
        first.errors
    );
    let rid = RecordId::parse("6571c0ffee5a1e0d2b3c4d5e").expect("id");
    let stored = store
        .get(&rid, &Viewer::Admin)
        .await
        .expect("get")
        .expect("harvested");
    let r = &stored.record;
    assert_eq!(r.title, "Stationnements vélos de la commune exemple");
    assert!(r.abstract_text.starts_with("La liste des arceaux"));
    let tags: Vec<&str> = r.keywords[0]
        .keywords
        .iter()
        .map(|k| k.text.as_str())
        .collect();
    assert_eq!(tags, ["arceaux", "mobilite", "stationnement", "velo"]);
    let downloads = r
        .online_resources
        .iter()
        .filter(|o| o.function.as_deref() == Some("download"));
    assert_eq!(downloads.count(), 2);
    assert!(
        r.dates
            .iter()
            .any(|d| d.kind == "revision" && d.date.starts_with("2024-11-02"))
    );

    let again = run(&store, &id, false).await;
    assert_eq!(
        (
            again.counts.unchanged,
            again.counts.created,
            again.counts.updated
        ),
        (1, 0, 0)
    );

    // The dataset turns unreadable at the source: the run reports it, keeps the stored
    // record (it is still listed) and deletes nothing.
    broken.store(true, Ordering::SeqCst);
    let failing = run(&store, &id, false).await;
    assert_eq!(failing.state, JobState::Succeeded, "{:?}", failing.log);
    assert_eq!(
        (failing.counts.failed, failing.counts.deleted),
        (1, 0),
        "{:?}",
        failing.counts
    );
    assert_eq!(failing.errors[0].remote_id.as_deref(), Some(rid.as_str()));
    assert!(
        store
            .get(&rid, &Viewer::Admin)
            .await
            .expect("get")
            .is_some()
    );
    broken.store(false, Ordering::SeqCst);
    let healed = run(&store, &id, false).await;
    assert_eq!(
        (healed.counts.failed, healed.counts.deleted),
        (0, 0),
        "{:?}",
        healed.counts
    );

    let deep = add_source(
        &store,
        SourceKind::Udata,
        format!("{url}/udata/deep.json"),
        0,
    )
    .await;
    let job = run(&store, &deep, false).await;
    assert_eq!(job.state, JobState::Failed);
    assert!(
        job.log.iter().any(|l| l.contains("unreadable page")),
        "{:?}",
        job.log
    );
    handle.stop(false).await;
}
