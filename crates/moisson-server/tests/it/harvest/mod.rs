//! Harvesting with real peers over real HTTP on 127.0.0.1: a second Moisson (the same
//! app, in process, seeded with `tests/data/iso19139`) as a CSW and a DCAT source, and
//! DCAT files of real portals served by a small static server. The harvesting side runs
//! on SQLite and on PostgreSQL. This module holds the peers; `csw`, `dcat` and `cli`
//! the cases.

mod ckan;
mod cli;
mod csw;
mod dcat;
mod flag;
mod modified;
mod ogc;
mod schedule;
mod udata;

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::body::EitherBody;
use actix_web::dev::{ServerHandle, Service, ServiceResponse};
use actix_web::{App, HttpResponse, HttpServer};
use moisson_model::account::{Unit, UnitKind};
use moisson_model::harvest::{HarvestJob, NewSource, SourceKind};
use moisson_model::{RecordId, Viewer, Visibility, WorkflowStatus};
use moisson_server::app::AppData;
use moisson_server::config::Config;
use moisson_store::{NewRecord, Store};
use tempfile::TempDir;

pub(crate) const ORG: &str = "ddt35";

pub(crate) fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data")
}

/// Every ISO sample of `tests/data/iso19139` (top level), as records.
pub(crate) fn iso_samples() -> Vec<NewRecord> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(samples().join("iso19139"))
        .expect("samples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path).expect("read sample");
        for parsed in moisson_iso::read(&bytes).expect("sample reads") {
            out.push(NewRecord {
                record: parsed.record,
                original: parsed.original,
            });
        }
    }
    out
}

/// A second Moisson over real HTTP. `broken` makes every GetRecords page after the
/// first answer 500, as a source that dies mid-run; `spoiled` slips an unreadable record
/// into every page of full records (GetRecordById and brief pages stay sound).
pub(crate) struct Peer {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) url: String,
    pub(crate) broken: Arc<AtomicBool>,
    pub(crate) spoiled: Arc<AtomicBool>,
    pub(crate) handle: ServerHandle,
    _dir: TempDir,
}

type Answer = Result<ServiceResponse<EitherBody<actix_web::body::BoxBody>>, actix_web::Error>;

impl Peer {
    pub(crate) async fn start() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = moisson_store::open(&format!(
            "sqlite://{}",
            dir.path().join("peer.db").display()
        ))
        .await
        .expect("peer store");
        store
            .put_many(iso_samples(), &Viewer::Admin)
            .await
            .expect("seed peer");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let data = AppData::new(&Config::default(), store.clone(), &url).expect("app data");
        let broken = Arc::new(AtomicBool::new(false));
        let spoiled = Arc::new(AtomicBool::new(false));
        let (switch, spoil) = (broken.clone(), spoiled.clone());
        let server = HttpServer::new(move || {
            let data = data.clone();
            let (switch, spoil) = (switch.clone(), spoil.clone());
            App::new()
                .wrap_fn(move |req, srv| {
                    let query = req.query_string().to_owned();
                    let later_page =
                        query.contains("startPosition=") && !query.contains("startPosition=1&");
                    if switch.load(Ordering::SeqCst) && later_page {
                        let res = req.into_response(HttpResponse::InternalServerError().finish());
                        Box::pin(async move { Ok(res.map_into_right_body()) })
                            as Pin<Box<dyn Future<Output = Answer>>>
                    } else if spoil.load(Ordering::SeqCst)
                        && query.contains("request=GetRecords&")
                        && query.contains("elementSetName=full")
                    {
                        let fut = srv.call(req);
                        Box::pin(async move { spoil_page(fut.await?).await })
                            as Pin<Box<dyn Future<Output = Answer>>>
                    } else {
                        let fut = srv.call(req);
                        Box::pin(async move {
                            fut.await
                                .map(|r| r.map_into_boxed_body().map_into_left_body())
                        })
                    }
                })
                .configure(|cfg| data.configure(cfg))
        })
        .workers(1)
        .listen(listener)
        .expect("listen")
        .run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Self {
            store,
            url,
            broken,
            spoiled,
            handle,
            _dir: dir,
        }
    }

    pub(crate) async fn public_count(&self) -> u64 {
        self.store.count(&Viewer::Anonymous).await.expect("count")
    }
}

/// The response with an unreadable record (an undefined entity) first in its results.
async fn spoil_page<B: actix_web::body::MessageBody>(res: ServiceResponse<B>) -> Answer {
    let (req, res) = res.into_parts();
    let bytes = actix_web::body::to_bytes(res.into_body())
        .await
        .map_err(|_| actix_web::error::ErrorInternalServerError("body"))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let at = text
        .find("SearchResults")
        .and_then(|i| text[i..].find('>').map(|j| i + j + 1));
    let at = at.expect("a GetRecords response");
    let bad = r#"<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd">&undefined;</gmd:MD_Metadata>"#;
    let spoiled = format!("{}{bad}{}", &text[..at], &text[at..]);
    let res = HttpResponse::Ok()
        .content_type("application/xml")
        .body(spoiled);
    Ok(ServiceResponse::new(req, res)
        .map_into_boxed_body()
        .map_into_left_body())
}

/// The harvesting catalogue: SQLite in a temporary folder, or a fresh PostgreSQL database.
pub(crate) async fn local(pg: bool) -> (Arc<dyn Store>, Box<dyn std::any::Any>) {
    let (keep, url): (Box<dyn std::any::Any>, String) = if pg {
        let db = moisson_testkit::pg::fresh().await;
        let url = db.url().to_owned();
        (Box::new(db), url)
    } else {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}", dir.path().join("local.db").display());
        (Box::new(dir), url)
    };
    let store = moisson_store::open(&url).await.expect("local store");
    let unit = Unit {
        id: ORG.to_owned(),
        kind: UnitKind::Organisation,
        name: "DDT 35".to_owned(),
    };
    store.create_unit(unit, &Viewer::Admin).await.expect("org");
    (store, keep)
}

/// Fast settings for tests: no politeness delay, one quick retry.
pub(crate) fn quick_options(
    extra: &[(&str, serde_json::Value)],
) -> serde_json::Map<String, serde_json::Value> {
    let mut options = serde_json::Map::new();
    options.insert("delay_ms".to_owned(), 0.into());
    options.insert("retries".to_owned(), 1.into());
    options.insert("retry_base_ms".to_owned(), 10.into());
    for (k, v) in extra {
        options.insert((*k).to_owned(), v.clone());
    }
    options
}

pub(crate) async fn add_source(
    store: &Arc<dyn Store>,
    kind: SourceKind,
    url: String,
    page_size: u64,
) -> String {
    let source = NewSource {
        name: format!("peer {}", kind.as_str()),
        kind,
        url,
        options: quick_options(&[("page_size", page_size.into())]),
        owner_org: ORG.to_owned(),
        visibility: Visibility::Internal,
        status: WorkflowStatus::Published,
        schedule: None,
        enabled: true,
    };
    store
        .create_source(source, &Viewer::Admin)
        .await
        .expect("source")
        .id
}

pub(crate) async fn run(store: &Arc<dyn Store>, id: &str, full: bool) -> HarvestJob {
    let quiet = |_: &HarvestJob| {};
    moisson_harvest::run(store.as_ref(), id, full, &Viewer::Admin, &quiet)
        .await
        .expect("run starts")
}

/// Two records of the peer's (published, public) catalogue, to change and delete there.
pub(crate) async fn two_ids(peer: &Peer) -> (RecordId, RecordId) {
    let ids = peer.store.ids(&Viewer::Anonymous).await.expect("ids");
    (ids[0].clone(), ids[ids.len() - 1].clone())
}
