//! Harvest against a second local HTTP server serving fixtures: a one-shot job of the
//! harvester, on a source of the caller's organisation.

use std::time::Duration;

use actix_web::{App, HttpResponse, HttpServer, web};
use moisson_csw::request::Harvest;
use moisson_model::account::{Unit, UnitKind};
use moisson_model::harvest::{JobState, SourceKind};
use moisson_model::{Role, Viewer};

use crate::support::{
    Env, PUBLICATION_XSD, TOKEN, app, attr, env_with, exception_code, get, post, root, texts,
    validate,
};

const ORG: &str = "ddt35";

/// Starts a server on a free port serving `/iso.xml` and a one-page CSW at `/csw`.
fn remote() -> String {
    let iso = std::fs::read(
        root().join("tests/data/iso19139/owslib_17bd184a-7e7d-4f81-95a5-041449a7212b_iso.xml"),
    )
    .expect("fixture");
    // A recorded page of a larger result set, made the whole answer: a static file
    // cannot page, and the harvester refuses paging that skips records.
    let page = std::fs::read_to_string(
        root().join("tests/data/iso19139/csw-responses/owslib_inspire-getrecords-response.xml"),
    )
    .expect("fixture")
    .replace(
        r#"numberOfRecordsMatched="216""#,
        r#"numberOfRecordsMatched="2""#,
    )
    .replace(r#"nextRecord="85""#, r#"nextRecord="0""#);
    let server = HttpServer::new(move || {
        let (iso, page) = (iso.clone(), page.clone());
        App::new()
            .route(
                "/iso.xml",
                web::get().to(move || {
                    let b = iso.clone();
                    async move { HttpResponse::Ok().content_type("application/xml").body(b) }
                }),
            )
            .route(
                "/csw",
                web::get().to(move || {
                    let b = page.clone();
                    async move { HttpResponse::Ok().content_type("application/xml").body(b) }
                }),
            )
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .expect("bind");
    let addr = server.addrs()[0];
    actix_web::rt::spawn(server.run());
    format!("http://{addr}")
}

fn harvest_body(source: &str, kind: &str) -> String {
    format!(
        r#"<csw:Harvest xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" service="CSW" version="2.0.2"><csw:Source>{source}</csw:Source><csw:ResourceType>{kind}</csw:ResourceType></csw:Harvest>"#
    )
}

const GMD: &str = "http://www.isotc211.org/2005/gmd";
const CSW: &str = "http://www.opengis.net/cat/csw/2.0.2";

/// An organisation and an API key of one of its admins: who may harvest.
async fn org_admin(env: &Env) -> String {
    let store = &env.state.store;
    let unit = Unit {
        id: ORG.to_owned(),
        kind: UnitKind::Organisation,
        name: "DDT 35".to_owned(),
    };
    store.create_unit(unit, &Viewer::Admin).await.expect("org");
    let (key, secret) = moisson_auth::new_api_key(ORG, Role::Admin, None, "test");
    store
        .create_api_key(key, &Viewer::Admin)
        .await
        .expect("key");
    secret
}

#[actix_web::test]
async fn harvests_an_iso_document_and_a_remote_csw() {
    let base = remote();
    let env = env_with(Vec::new()).await;
    let admin = org_admin(&env).await;
    let app = app(&env).await;
    let iso = format!("{base}/iso.xml");
    let body = harvest_body(&iso, GMD);
    let (status, _) = post(&app, &body, None).await;
    assert_eq!(status, 401);
    // A superadmin belongs to no organisation: the records would belong to nobody.
    let (status, xml) = post(&app, &body, Some(TOKEN)).await;
    assert_eq!(
        (status, exception_code(&xml).as_str()),
        (403, "NoApplicableCode")
    );
    assert!(xml.contains("/api/v1/harvest/sources"), "{xml}");

    let (status, xml) = post(&app, &body, Some(&admin)).await;
    assert_eq!(status, 200, "{xml}");
    validate(&xml, PUBLICATION_XSD);
    assert_eq!(texts(&xml, "csw:totalInserted"), vec!["1"]);
    // The same URL again: the same source, its record unchanged.
    let (_, xml) = post(&app, &body, Some(&admin)).await;
    assert_eq!(texts(&xml, "csw:totalInserted"), vec!["0"], "{xml}");
    assert_eq!(texts(&xml, "csw:totalUpdated"), vec!["0"], "{xml}");
    // Now that the source exists, a superadmin runs it too.
    let (status, xml) = post(&app, &body, Some(TOKEN)).await;
    assert_eq!(status, 200, "{xml}");

    let (_, xml) = post(
        &app,
        &harvest_body(&format!("{base}/csw"), CSW),
        Some(&admin),
    )
    .await;
    validate(&xml, PUBLICATION_XSD);
    assert_eq!(texts(&xml, "csw:totalInserted"), vec!["2"], "{xml}");
    let (_, xml) = get(
        &app,
        "service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record",
    )
    .await;
    assert_eq!(attr(&xml, "numberOfRecordsMatched"), "3");

    // Each URL is a source of the organisation, with its jobs.
    let store = &env.state.store;
    let mut sources = store.sources(&Viewer::Admin).await.expect("sources");
    sources.sort_by_key(|s| s.source.kind.as_str());
    let kinds: Vec<(SourceKind, &str)> = (sources.iter())
        .map(|s| (s.source.kind, s.source.owner_org.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![(SourceKind::Csw, ORG), (SourceKind::Document, ORG)]
    );
    let jobs = (store.jobs(&sources[1].id, 10, &Viewer::Admin).await).expect("jobs");
    assert_eq!(jobs.len(), 3);
    assert!(jobs.iter().all(|j| j.state == JobState::Succeeded));

    let (status, xml) = post(
        &app,
        &harvest_body(&format!("{base}/missing"), GMD),
        Some(&admin),
    )
    .await;
    assert_eq!(
        (status, exception_code(&xml).as_str()),
        (400, "NoApplicableCode")
    );
    assert!(xml.contains("404"), "{xml}");
    let (_, xml) = post(&app, &harvest_body("file:///etc/passwd", GMD), Some(&admin)).await;
    assert_eq!(exception_code(&xml), "InvalidParameterValue");
    let (_, xml) = post(&app, &harvest_body(&iso, "urn:x"), Some(&admin)).await;
    assert_eq!(exception_code(&xml), "InvalidParameterValue");
}

/// A run longer than the request waits goes on in the background; the answer is an
/// acknowledgement naming the job's REST URL.
#[actix_web::test]
async fn a_long_run_is_acknowledged_with_its_job() {
    let base = remote();
    let env = env_with(Vec::new()).await;
    org_admin(&env).await;
    let caller = Viewer::member(
        "admin",
        vec![moisson_model::Membership {
            unit: ORG.to_owned(),
            role: Role::Admin,
        }],
    );
    let h = Harvest {
        source: format!("{base}/csw"),
        resource_type: CSW.to_owned(),
    };
    let xml = moisson_csw::harvest::harvest_within(&env.state, &h, &caller, Duration::ZERO)
        .await
        .expect("acknowledged");
    validate(&xml, PUBLICATION_XSD);
    let job_url = texts(&xml, "csw:RequestId").remove(0);
    let prefix = "http://csw.example.org/api/v1/harvest/jobs/";
    let id: i64 = job_url
        .strip_prefix(prefix)
        .expect("a job URL")
        .parse()
        .expect("job id");
    let store = &env.state.store;
    for _ in 0..200 {
        let job = store
            .job(id, &Viewer::Admin)
            .await
            .expect("job")
            .expect("kept");
        if job.state != JobState::Running {
            assert_eq!(job.state, JobState::Succeeded, "{:?}", job.log);
            assert_eq!(job.counts.created, 2);
            return;
        }
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the job did not finish");
}

/// An `https://` source is fetched over TLS: a plain-HTTP server addressed as https fails
/// the handshake, which the report says, instead of refusing the scheme.
#[actix_web::test]
async fn an_https_source_is_fetched_over_tls() {
    let plain = remote();
    let https = plain.replacen("http://", "https://", 1);
    let env = env_with(Vec::new()).await;
    let admin = org_admin(&env).await;
    let app = app(&env).await;
    let body = harvest_body(&format!("{https}/iso.xml"), GMD);
    let (status, xml) = post(&app, &body, Some(&admin)).await;
    // The source the client named fails: its error, not the server's.
    assert_eq!(status, 400, "{xml}");
    assert_eq!(exception_code(&xml), "NoApplicableCode");
    let text = texts(&xml, "ows:ExceptionText").join(" ");
    assert!(text.contains("TLS handshake"), "{text}");
    // rustls' alert when the peer answers in clear text: the handshake was attempted.
    assert!(text.contains("corrupt message"), "{text}");
    assert!(!text.to_lowercase().contains("scheme"), "{text}");
}
