//! Harvest against a second local HTTP server serving fixtures.

use actix_web::{App, HttpResponse, HttpServer, web};

use crate::support::{
    PUBLICATION_XSD, TOKEN, app, attr, env_with, exception_code, get, post, root, texts, validate,
};

/// Starts a server on a free port serving `/iso.xml` and a one-page CSW at `/csw`.
fn remote() -> String {
    let iso = std::fs::read(
        root().join("tests/data/iso19139/owslib_17bd184a-7e7d-4f81-95a5-041449a7212b_iso.xml"),
    )
    .expect("fixture");
    let page = std::fs::read(
        root().join("tests/data/iso19139/csw-responses/owslib_inspire-getrecords-response.xml"),
    )
    .expect("fixture");
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

#[actix_web::test]
async fn harvests_an_iso_document_and_a_remote_csw() {
    let base = remote();
    let env = env_with(Vec::new()).await;
    let app = app(&env).await;
    let body = harvest_body(
        &format!("{base}/iso.xml"),
        "http://www.isotc211.org/2005/gmd",
    );
    let (status, _) = post(&app, &body, None).await;
    assert_eq!(status, 401);
    let (status, xml) = post(&app, &body, Some(TOKEN)).await;
    assert_eq!(status, 200, "{xml}");
    validate(&xml, PUBLICATION_XSD);
    assert_eq!(texts(&xml, "csw:totalInserted"), vec!["1"]);

    let (_, xml) = post(
        &app,
        &harvest_body(
            &format!("{base}/csw"),
            "http://www.opengis.net/cat/csw/2.0.2",
        ),
        Some(TOKEN),
    )
    .await;
    validate(&xml, PUBLICATION_XSD);
    let inserted: u64 = texts(&xml, "csw:totalInserted")[0].parse().expect("number");
    assert!(inserted >= 1, "{xml}");
    let (_, xml) = get(
        &app,
        "service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record",
    )
    .await;
    assert_eq!(
        attr(&xml, "numberOfRecordsMatched"),
        (inserted + 1).to_string()
    );

    let (_, xml) = post(
        &app,
        &harvest_body(
            &format!("{base}/missing"),
            "http://www.isotc211.org/2005/gmd",
        ),
        Some(TOKEN),
    )
    .await;
    assert_eq!(exception_code(&xml), "NoApplicableCode");
    let (_, xml) = post(
        &app,
        &harvest_body("file:///etc/passwd", "http://www.isotc211.org/2005/gmd"),
        Some(TOKEN),
    )
    .await;
    assert_eq!(exception_code(&xml), "InvalidParameterValue");
}

/// An `https://` source is fetched over TLS: a plain-HTTP server addressed as https fails
/// the handshake, which the report says, instead of refusing the scheme.
#[actix_web::test]
async fn an_https_source_is_fetched_over_tls() {
    let plain = remote();
    let https = plain.replacen("http://", "https://", 1);
    let env = env_with(Vec::new()).await;
    let app = app(&env).await;
    let body = harvest_body(
        &format!("{https}/iso.xml"),
        "http://www.isotc211.org/2005/gmd",
    );
    let (status, xml) = post(&app, &body, Some(TOKEN)).await;
    // The source the client named fails: its error, not the server's.
    assert_eq!(status, 400, "{xml}");
    assert_eq!(exception_code(&xml), "NoApplicableCode");
    let text = texts(&xml, "ows:ExceptionText").join(" ");
    assert!(text.contains("TLS handshake"), "{text}");
    // rustls' alert when the peer answers in clear text: the handshake was attempted.
    assert!(text.contains("corrupt message"), "{text}");
    assert!(!text.to_lowercase().contains("scheme"), "{text}");
}
