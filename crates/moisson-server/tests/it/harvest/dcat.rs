//! DCAT sources: the hydra-paged `/dcat` catalogue of a peer, and files of real portals.

use std::net::TcpListener;

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpResponse, HttpServer, web};
use moisson_model::Viewer;
use moisson_model::harvest::{JobState, SourceKind};

use super::{Peer, add_source, local, run, samples, two_ids};

async fn dcat_from_peer(pg: bool) {
    let peer = Peer::start().await;
    let (store, _keep) = local(pg).await;
    let url = format!("{}/dcat/catalog.ttl?page_size=4", peer.url);
    let id = add_source(&store, SourceKind::Dcat, url, 0).await;
    let first = run(&store, &id, false).await;
    assert_eq!(first.state, JobState::Succeeded, "{:?}", first.log);
    assert!(first.counts.created >= 10, "{:?}", first.counts);
    assert_eq!(first.counts.failed, 0, "{:?}", first.errors);
    assert!(
        first.log.iter().any(|l| l.starts_with("page 3")),
        "paged: {:?}",
        first.log
    );

    let (_, gone) = two_ids(&peer).await;
    assert!(
        peer.store
            .delete(&gone, &Viewer::Admin)
            .await
            .expect("delete at the source")
    );
    let again = run(&store, &id, false).await;
    assert_eq!(again.state, JobState::Succeeded, "{:?}", again.log);
    assert_eq!(
        again.counts.created + again.counts.updated,
        0,
        "{:?}",
        again.counts
    );
    assert_eq!(again.counts.deleted, 1, "{:?}", again.counts);
    assert_eq!(again.counts.unchanged, first.counts.created - 1);
    peer.handle.stop(false).await;
}

#[actix_web::test]
async fn dcat_pages_of_a_moisson_are_harvested_sqlite() {
    dcat_from_peer(false).await;
}

#[actix_web::test]
async fn dcat_pages_of_a_moisson_are_harvested_pg() {
    dcat_from_peer(true).await;
}

/// Serves the files of `tests/data/harvest` as `application/octet-stream`, so that the
/// harvester has to go by each URL's extension.
pub(super) async fn file_server() -> (String, ServerHandle) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = HttpServer::new(|| {
        App::new().route(
            "/{name}",
            web::get().to(|name: web::Path<String>| async move {
                let path = samples().join("harvest").join(name.as_str());
                match std::fs::read(path) {
                    Ok(body) => HttpResponse::Ok()
                        .content_type("application/octet-stream")
                        .body(body),
                    Err(_) => HttpResponse::NotFound().finish(),
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
async fn dcat_files_as_portals_write_them_are_harvested() {
    let (url, handle) = file_server().await;
    let (store, _keep) = local(false).await;
    for (file, expected) in [("portal_geonetwork.rdf", 1), ("portal_ckan.ttl", 1)] {
        let id = add_source(&store, SourceKind::Dcat, format!("{url}/{file}"), 0).await;
        let job = run(&store, &id, false).await;
        assert_eq!(job.state, JobState::Succeeded, "{file}: {:?}", job.log);
        assert_eq!(
            job.counts.created, expected,
            "{file}: {:?} {:?}",
            job.counts, job.errors
        );
    }
    let missing = add_source(&store, SourceKind::Dcat, format!("{url}/absent.ttl"), 0).await;
    let job = run(&store, &missing, false).await;
    assert_eq!(job.state, JobState::Failed);
    assert!(job.log.iter().any(|l| l.contains("404")), "{:?}", job.log);
    let hostile = add_source(&store, SourceKind::Dcat, format!("{url}/not-rdf.ttl"), 0).await;
    let job = run(&store, &hostile, false).await;
    assert_eq!(job.state, JobState::Failed);
    assert!(
        job.log.iter().any(|l| l.contains("unreadable page")),
        "{:?}",
        job.log
    );
    handle.stop(false).await;
}
