//! `moisson import` of GeoNetwork MEF archives (written here from the in-repo samples):
//! records in ISO 19115-3 and 19139, their publication state and owner from `info.xml`
//! through `--mef-groups`, an unmapped group warned about; unsafe archives refused, each
//! reported with its file. On SQLite and PostgreSQL.

use std::io::Write;
use std::path::Path;

use moisson_model::{RecordId, Viewer, Visibility, WorkflowStatus};
use zip::write::SimpleFileOptions;

use crate::support::{moisson, run};

const PUBLIC: &str = "http://cat.example";

fn key(id: &str) -> String {
    moisson_server::overviews::key(id)
}

/// `/overviews/…` serves the thumbnail of a public record to anyone, and nothing for a
/// record the caller may not see or a name that leaves the folder.
async fn served_to_who_may_see_the_record(
    dir: &Path,
    store: std::sync::Arc<dyn moisson_store::Store>,
    url: &str,
) {
    use actix_web::test::{TestRequest, call_service, init_service, read_body};
    let mut config = moisson_server::config::Config::default();
    config.server.overviews_dir = Some(dir.to_path_buf());
    let data = moisson_server::app::AppData::new(&config, store.clone(), PUBLIC).expect("app");
    let app = init_service(actix_web::App::new().configure(|cfg| data.configure(cfg))).await;
    let path = url.strip_prefix(PUBLIC).expect("our URL");
    let resp = call_service(&app, TestRequest::get().uri(path).to_request()).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers().get("content-type").expect("type"),
        "image/png"
    );
    assert_eq!(read_body(resp).await.as_ref(), b"\x89PNG");
    let ids = store.ids(&Viewer::Admin).await.expect("ids");
    let hidden = ids
        .iter()
        .find(|i| !i.as_str().starts_with("moisson-19115-3"))
        .expect("draft");
    std::fs::create_dir_all(dir.join(key(hidden.as_str()))).expect("mkdir");
    std::fs::write(dir.join(key(hidden.as_str())).join("t.png"), b"x").expect("write");
    for path in [
        format!("/overviews/{}/t.png", key(hidden.as_str())),
        format!(
            "/overviews/{}/..%2Fmoisson.toml",
            key("moisson-19115-3-dataset-0001")
        ),
        "/overviews/zz/t.png".to_owned(),
    ] {
        let resp = call_service(&app, TestRequest::get().uri(&path).to_request()).await;
        assert_eq!(resp.status(), 404, "{path}");
    }
}

fn data(path: &str) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data");
    std::fs::read(root.join(path)).expect("sample")
}

fn info(view: &str, owner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<info version="1.1"><general><schema>iso19115-3.2018</schema><format>full</format></general>
<privileges><group name="{view}"><operation name="view"/></group>
<group name="{owner}"><operation name="editing"/></group></privileges>
<public><file name="thumb_s.png"/></public><private/></info>"#
    )
}

/// Writes a zip of `(name, bytes)` entries.
fn zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    for (name, bytes) in entries {
        w.start_file(*name, SimpleFileOptions::default())
            .expect("entry");
        w.write_all(bytes).expect("write");
    }
    w.finish().expect("finish");
}

/// A MEF v2 with two records (public 19115-3, restricted 19139 of an unmapped group), a
/// MEF v1 with one (intranet), and two archives to refuse.
fn write_archives(dir: &Path) {
    let dataset = data("iso19115-3/dataset.xml");
    let iso = data("iso19139/owslib_iso_keywords_anchor.xml");
    let service = data("iso19115-3/service.xml");
    let (public, unmapped, intranet) = (
        info("all", "sig"),
        info("sig", "unknown"),
        info("intranet", "sig"),
    );
    zip(
        &dir.join("export.zip"),
        &[
            ("a/metadata/metadata.xml", &dataset),
            ("a/info.xml", public.as_bytes()),
            ("a/public/thumb_s.png", b"\x89PNG"),
            ("b/metadata/metadata.iso19139.xml", &iso),
            ("b/info.xml", unmapped.as_bytes()),
            ("b/public/b.png", b"\x89PNG"),
        ],
    );
    zip(
        &dir.join("one.mef"),
        &[
            ("metadata.xml", &service),
            ("info.xml", intranet.as_bytes()),
        ],
    );
    zip(&dir.join("slip.mef"), &[("../evil/metadata.xml", &service)]);
    let zeros = vec![0u8; 8 * 1024 * 1024];
    zip(&dir.join("bomb.mef"), &[("metadata.xml", &zeros)]);
}

async fn mef_import(database: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ok = |args: &[&str]| {
        let (out, stdout, stderr) = run(moisson(d).args(args).args(["--database", database]));
        assert!(out.status.success(), "{args:?}\n{stdout}\n{stderr}");
    };
    ok(&["orgs", "add", "metropole", "Métropole"]);
    let archives = d.join("mef");
    std::fs::create_dir(&archives).expect("mkdir");
    write_archives(&archives);
    std::fs::write(d.join("groups.toml"), "[groups]\nsig = \"metropole\"\n").expect("write");
    let thumbs = d.join("thumbs");
    let toml = format!(
        "[server]\npublic_url = \"{PUBLIC}\"\noverviews_dir = {:?}\n",
        thumbs.display().to_string()
    );
    std::fs::write(d.join("moisson.toml"), toml).expect("write");

    let (out, stdout, stderr) = run(moisson(d)
        .args(["import", "--database", database, "--mef-groups"])
        .arg(d.join("groups.toml"))
        .arg(&archives));
    assert!(!out.status.success(), "the refused archives fail the run");
    assert!(
        stdout.contains("imported 3 records: 3 created, 0 updated, 2 files failed"),
        "{stdout}\n{stderr}"
    );
    assert!(
        stderr.contains("slip.mef: entry \"../evil/metadata.xml\" leaves the archive"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bomb.mef: entry \"metadata.xml\" inflates"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\"unknown\" is not in the --mef-groups mapping"),
        "{stderr}"
    );

    let store = moisson_store::open(database).await.expect("store");
    let get = |id: &str| {
        let store = store.clone();
        let id = RecordId::parse(id).expect("id");
        async move {
            store
                .get(&id, &Viewer::Admin)
                .await
                .expect("get")
                .expect("found")
        }
    };
    let public = get("moisson-19115-3-dataset-0001").await;
    let c = &public.record.catalogue;
    assert_eq!(
        (c.visibility, c.status),
        (Visibility::Public, WorkflowStatus::Published)
    );
    assert_eq!(c.owner_org.as_deref(), Some("metropole"));
    // The thumbnail is Moisson's to serve; the 19115-3 document cannot take the new URL
    // (no 19115-3 merge yet) and is dropped, so exports write the record.
    let overview = format!(
        "{PUBLIC}/overviews/{}/thumb_s.png",
        key("moisson-19115-3-dataset-0001")
    );
    assert!(
        public.record.overviews.iter().any(|o| o.url == overview),
        "{:?}",
        public.record.overviews
    );
    assert_eq!(public.original, None);
    assert!(
        stderr.contains("cannot take the thumbnails' URLs"),
        "{stderr}"
    );
    served_to_who_may_see_the_record(&thumbs, store.clone(), &overview).await;

    let internal = get("moisson-19115-3-service-0001").await;
    let c = &internal.record.catalogue;
    assert_eq!(
        (c.visibility, c.status),
        (Visibility::Internal, WorkflowStatus::Published)
    );

    let ids = store.ids(&Viewer::Admin).await.expect("ids");
    let restricted: Vec<_> = ids
        .iter()
        .filter(|i| !i.as_str().starts_with("moisson-19115-3"))
        .collect();
    assert_eq!(restricted.len(), 1);
    let draft = get(restricted[0].as_str()).await;
    let c = &draft.record.catalogue;
    assert_eq!(
        (c.visibility, c.status),
        (Visibility::Restricted, WorkflowStatus::Draft)
    );
    assert_eq!(c.owner_org, None);
    // An ISO 19139 document takes the thumbnail's URL (merged in), the rest kept.
    let merged = String::from_utf8(draft.original.clone().expect("kept").bytes).expect("utf-8");
    let url = format!(
        "{PUBLIC}/overviews/{}/b.png",
        key(draft.record.id.as_ref().expect("id").as_str())
    );
    assert!(merged.contains(&url), "{merged}");
    // An anonymous harvester sees only the public record.
    assert_eq!(store.count(&Viewer::Anonymous).await.expect("count"), 1);
}

#[tokio::test]
async fn sqlite_mef_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    mef_import(&format!("sqlite://{}", dir.path().join("m.db").display())).await;
}

/// Runs where every PostgreSQL test runs: `MOISSON_TEST_PG` unset is a failure, not a skip.
#[tokio::test]
async fn pg_mef_import() {
    let pg = moisson_testkit::pg::fresh().await;
    mef_import(pg.url()).await;
}
