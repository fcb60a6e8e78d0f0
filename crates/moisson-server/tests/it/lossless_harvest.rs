//! Lossless harvest updates (issue 21): the harvest runner keeps each ISO document as the
//! source serves it (a document source, a CSW source), so an update at the source comes
//! back as the lines it changed and nothing else. On SQLite and PostgreSQL.

use moisson_model::Viewer;
use moisson_store::NewRecord;

use crate::lossless_edits::{changed_lines, sample};

/// A local server answering `/service.xml` with whatever document `body` holds now.
async fn document_server(
    body: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
) -> (String, actix_web::dev::ServerHandle) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://{}/service.xml",
        listener.local_addr().expect("addr")
    );
    let server = actix_web::HttpServer::new(move || {
        let body = body.clone();
        actix_web::App::new().route(
            "/service.xml",
            actix_web::web::get().to(move || {
                let bytes = body.lock().expect("body").clone();
                async move {
                    actix_web::HttpResponse::Ok()
                        .content_type("application/xml")
                        .body(bytes)
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

/// The harvest runner updating a record (issue 21): a service record harvested from a
/// document source keeps that document byte for byte; when the producer changes one
/// line (its title), the next run stores the new document as sent, so the stored
/// document differs from the first by that line only, couplings and translations kept.
async fn a_harvest_update_changes_only_what_the_source_changed(pg: bool) {
    use moisson_model::harvest::{JobState, SourceKind};

    let first = sample("moisson_wms_coupled_service.xml");
    let served = std::sync::Arc::new(std::sync::Mutex::new(first.clone()));
    let (url, handle) = document_server(served.clone()).await;
    let (store, _keep) = crate::harvest::local(pg).await;
    let source = crate::harvest::add_source(&store, SourceKind::Document, url, 10).await;
    let job = crate::harvest::run(&store, &source, false).await;
    assert_eq!(job.state, JobState::Succeeded, "{:?}", job.log);
    assert_eq!(job.counts.created, 1, "{:?}", job.errors);
    let id = moisson_model::RecordId::parse("moisson-wms-cours-eau").expect("id");
    let kept = |stored: Option<moisson_store::StoredRecord>| {
        let stored = stored.expect("harvested");
        (stored.record, stored.original.expect("document kept").bytes)
    };
    let (_, bytes) = kept(store.get(&id, &Viewer::Admin).await.expect("get"));
    assert!(bytes == first, "the harvested document is kept as sent");

    let second = String::from_utf8(first.clone()).expect("UTF-8").replace(
        "<gco:CharacterString>Service WMS des cours d'eau</gco:CharacterString>",
        "<gco:CharacterString>Service WMS des cours d'eau, édition 2</gco:CharacterString>",
    );
    *served.lock().expect("body") = second.clone().into_bytes();
    let job = crate::harvest::run(&store, &source, false).await;
    assert_eq!(job.state, JobState::Succeeded, "{:?}", job.log);
    assert_eq!(
        (job.counts.updated, job.counts.created),
        (1, 0),
        "{:?}",
        job.counts
    );
    let (record, bytes) = kept(store.get(&id, &Viewer::Admin).await.expect("get"));
    let now = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(now, second);
    let before = String::from_utf8(first).expect("UTF-8");
    let changed = changed_lines(&before, &now);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(record.title, "Service WMS des cours d'eau, édition 2");
    assert_eq!(record.title_i18n["eng"], "Watercourses WMS service");
    let service = record.service.expect("a service");
    assert_eq!(service.coupled_resources.len(), 2);
    assert_eq!(service.operates_on.len(), 2);
    handle.stop(true).await;
}

#[actix_web::test]
async fn sqlite_a_harvest_update_changes_only_what_the_source_changed() {
    a_harvest_update_changes_only_what_the_source_changed(false).await;
}

#[actix_web::test]
async fn pg_a_harvest_update_changes_only_what_the_source_changed() {
    a_harvest_update_changes_only_what_the_source_changed(true).await;
}

/// A harvest over CSW keeps each ISO record as the source serves it (issue 21): the
/// translations and couplings a model rendering would lose stay in the kept document, and
/// an edit at the source (its title) comes back as that one line, the rest byte for byte.
async fn a_csw_harvest_keeps_the_source_documents(pg: bool) {
    use moisson_model::harvest::{JobState, SourceKind};

    let peer = crate::harvest::Peer::start().await;
    let (store, _keep) = crate::harvest::local(pg).await;
    let source =
        crate::harvest::add_source(&store, SourceKind::Csw, format!("{}/csw", peer.url), 10).await;
    let job = crate::harvest::run(&store, &source, false).await;
    assert_eq!(job.state, JobState::Succeeded, "{:?}", job.log);
    let bytes = sample("semic_multilingual-resource-description_input.xml");
    let id = moisson_iso::read(&bytes).expect("reads")[0]
        .record
        .id
        .clone()
        .expect("id");
    let kept = |stored: Option<moisson_store::StoredRecord>| {
        let doc = stored.expect("harvested").original.expect("document kept");
        String::from_utf8(doc.bytes).expect("UTF-8")
    };
    let first = kept(store.get(&id, &Viewer::Admin).await.expect("get"));
    let english =
        "3D hydrodynamic model for the evolution of the ocean</gmd:LocalisedCharacterString>";
    assert!(first.contains(english), "{first}");
    // The source's own record is edited: its kept document is merged there.
    let mut at_source = peer
        .store
        .get(&id, &Viewer::Admin)
        .await
        .expect("get")
        .expect("at the source");
    at_source.record.title = "Modèle 3D, édition 2".to_owned();
    let edit = NewRecord {
        record: at_source.record,
        original: None,
    };
    peer.store
        .put(edit, &Viewer::Admin)
        .await
        .expect("edit at the source");
    let job = crate::harvest::run(&store, &source, false).await;
    assert_eq!(job.state, JobState::Succeeded, "{:?}", job.log);
    assert_eq!(job.counts.updated, 1, "{:?}", job.counts);
    let second = kept(store.get(&id, &Viewer::Admin).await.expect("get"));
    let changed = changed_lines(&first, &second);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains("Modèle 3D, édition 2"), "{changed:?}");
    assert!(second.contains(english));
    peer.handle.stop(true).await;
}

#[actix_web::test]
async fn sqlite_a_csw_harvest_keeps_the_source_documents() {
    a_csw_harvest_keeps_the_source_documents(false).await;
}

#[actix_web::test]
async fn pg_a_csw_harvest_keeps_the_source_documents() {
    a_csw_harvest_keeps_the_source_documents(true).await;
}
