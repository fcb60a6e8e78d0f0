//! CKAN sources: a recorded `package_search` answer (`tests/data/harvest`) served by a
//! local server that pages by `start`/`rows` as CKAN does.

use std::collections::HashMap;
use std::net::TcpListener;

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpResponse, HttpServer, web};
use moisson_model::harvest::{JobState, SourceKind};
use moisson_model::{RecordId, Viewer};
use serde_json::{Value, json};

use super::{add_source, local, run, samples};

/// `/api/3/action/package_search`: the recorded answer from `start=0`, an empty page past it.
async fn ckan_server() -> (String, ServerHandle) {
    let recorded = std::fs::read_to_string(samples().join("harvest/ckan_package_search.json"))
        .expect("fixture");
    let recorded: Value = serde_json::from_str(&recorded).expect("recorded JSON");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = HttpServer::new(move || {
        let recorded = recorded.clone();
        App::new().route(
            "/api/3/action/package_search",
            web::get().to(move |q: web::Query<HashMap<String, String>>| {
                let recorded = recorded.clone();
                async move {
                    let body = if q.get("start").map(String::as_str) == Some("0") {
                        recorded
                    } else {
                        json!({"success": true, "result": {"count": 4, "results": []}})
                    };
                    HttpResponse::Ok().json(body)
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
async fn a_ckan_package_search_is_harvested() {
    let (url, handle) = ckan_server().await;
    let (store, _keep) = local(false).await;
    let id = add_source(
        &store,
        SourceKind::Ckan,
        format!("{url}/api/3/action/package_search"),
        10,
    )
    .await;
    let job = run(&store, &id, false).await;
    assert_eq!(job.state, JobState::Succeeded, "{:?}", job.log);
    // The recording gives three of its four packages one id: the first one counts.
    assert_eq!(
        (job.counts.seen, job.counts.created, job.counts.failed),
        (4, 2, 2),
        "{:?}",
        job.errors
    );
    assert!(
        job.errors.iter().all(|e| e.reason.contains("twice")),
        "{:?}",
        job.errors
    );
    let gdp = RecordId::parse("d2d18eea-d98a-4f9a-a580-13131e2a88dc").expect("id");
    let stored = store
        .get(&gdp, &Viewer::Admin)
        .await
        .expect("get")
        .expect("harvested");
    assert_eq!(
        stored.record.title,
        "Country, Regional and World GDP (Gross Domestic Product)"
    );
    assert!(
        stored
            .record
            .abstract_text
            .starts_with("Country, regional and world GDP")
    );
    assert_eq!(
        stored.record.online_resources[0].protocol.as_deref(),
        Some("CSV")
    );
    let again = run(&store, &id, false).await;
    assert_eq!(
        (again.counts.unchanged, again.counts.created),
        (2, 0),
        "{:?}",
        again.counts
    );
    handle.stop(false).await;
}
