//! Shared helpers: a store in a temp dir loaded with fixtures, the app, xmllint.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::{App, test, web};
use moisson_csw::{CswConfig, CswState};
use moisson_model::Viewer;
use moisson_store::NewRecord;

pub const TOKEN: &str = "test-token";
pub const CSW_XSD: &str = "csw/2.0.2/CSW-discovery.xsd";
pub const PUBLICATION_XSD: &str = "csw/2.0.2/CSW-publication.xsd";
pub const ISO_XSD: &str = "wrappers/csw202-iso19139-20070417.xsd";
/// CSW discovery with rdf:RDF declared; in this crate's `tests/xsd` (see [`validate_rdf`]).
pub const RDF_XSD: &str = "csw202-rdf.xsd";

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// Every record of the fixtures of tests/data (ISO 19139 and Dublin Core).
pub fn fixtures() -> Vec<NewRecord> {
    let mut out = Vec::new();
    for dir in ["tests/data/iso19139", "tests/data/dublin-core"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .collect();
        paths.sort();
        for p in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        {
            let bytes = std::fs::read(&p).expect("read fixture");
            for parsed in moisson_iso::read(&bytes).unwrap_or_default() {
                out.push(NewRecord {
                    record: parsed.record,
                    original: parsed.original,
                });
            }
        }
    }
    out
}

pub struct Env {
    pub state: CswState,
    /// Accepts `TOKEN` as the admin token.
    pub auth: web::Data<moisson_auth::Authenticator>,
    _dir: tempfile::TempDir,
}

/// A fresh store with the given records.
pub async fn env_with(records: Vec<NewRecord>) -> Env {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("moisson.db").display());
    let store = moisson_store::open(&url).await.expect("store opens");
    if !records.is_empty() {
        store
            .put_many(records, &Viewer::Admin)
            .await
            .expect("fixtures load");
    }
    let config = moisson_auth::AuthConfig {
        admin_token: Some(TOKEN.to_owned()),
        ..moisson_auth::AuthConfig::default()
    };
    let auth = moisson_auth::Authenticator::new(config, store.clone()).expect("authenticator");
    let state = CswState::new(store, "http://csw.example.org/", CswConfig::default());
    Env {
        state,
        auth: web::Data::new(auth),
        _dir: dir,
    }
}

pub async fn env() -> Env {
    env_with(fixtures()).await
}

pub async fn app(
    env: &Env,
) -> impl Service<
    actix_http::Request,
    Response = ServiceResponse<impl MessageBody>,
    Error = actix_web::Error,
> {
    test::init_service(
        App::new()
            .app_data(web::Data::new(env.state.clone()))
            .app_data(env.auth.clone())
            .configure(moisson_csw::configure),
    )
    .await
}

/// GET /csw?query → (status, body).
pub async fn get<S, B>(app: &S, query: &str) -> (u16, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let res = test::call_service(
        app,
        test::TestRequest::get()
            .uri(&format!("/csw?{query}"))
            .to_request(),
    )
    .await;
    let status = res.status().as_u16();
    (
        status,
        String::from_utf8(test::read_body(res).await.to_vec()).expect("utf-8"),
    )
}

/// POST /csw with an XML body (and optional token) → (status, body).
pub async fn post<S, B>(app: &S, body: &str, token: Option<&str>) -> (u16, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let mut req = test::TestRequest::post()
        .uri("/csw")
        .insert_header(("Content-Type", "application/xml"))
        .set_payload(body.to_owned());
    if let Some(t) = token {
        req = req.insert_header(("Authorization", format!("Bearer {t}")));
    }
    let res = test::call_service(app, req.to_request()).await;
    let status = res.status().as_u16();
    (
        status,
        String::from_utf8(test::read_body(res).await.to_vec()).expect("utf-8"),
    )
}

/// Validates a document with `xmllint --nonet --schema tests/data/xsd/<xsd>`.
pub fn validate(xml: &str, xsd: &str) {
    validate_with(xml, &root().join("tests/data/xsd").join(xsd), xsd);
}

/// Validates a response in the DCAT output schema against this crate's
/// `tests/xsd/<xsd>` (the CSW schema of tests/data/xsd plus a declaration of rdf:RDF).
pub fn validate_rdf(xml: &str, xsd: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xsd");
    validate_with(xml, &dir.join(xsd), xsd);
}

fn validate_with(xml: &str, schema: &Path, xsd: &str) {
    let schema = schema.canonicalize().expect("schema exists");
    let mut child = Command::new("xmllint")
        .args(["--nonet", "--noout", "--schema"])
        .arg(&schema)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xmllint is missing: install libxml2-utils (scripts/test installs it)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(xml.as_bytes())
        .expect("write to xmllint");
    let out = child.wait_with_output().expect("xmllint runs");
    assert!(
        out.status.success(),
        "{xsd} rejects the document:\n{}\n--- document ---\n{}",
        String::from_utf8_lossy(&out.stderr),
        &xml[..xml.len().min(4000)]
    );
}

/// The value of attribute `name` of the first element that has it.
pub fn attr(xml: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    let start = xml
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {xml}"))
        + key.len();
    xml[start..start + xml[start..].find('"').expect("quote")].to_owned()
}

/// Every text of `<tag>` elements, in order.
pub fn texts(xml: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    xml.match_indices(&open)
        .map(|(i, _)| {
            let s = i + open.len();
            xml[s..s + xml[s..].find(&close).expect("closed")].to_owned()
        })
        .collect()
}

pub fn exception_code(xml: &str) -> String {
    assert!(
        xml.contains("ows:ExceptionReport"),
        "not an exception: {xml}"
    );
    attr(xml, "exceptionCode")
}
