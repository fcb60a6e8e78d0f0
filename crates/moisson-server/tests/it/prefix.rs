//! Served under a path prefix (nginx strips `/catalogue/`, `server.public_url` names it):
//! every link the protocols write about the server carries the prefix, none points at
//! the bare host.

use actix_web::test::TestRequest;
use moisson_server::app::AppData;
use moisson_server::config::Config;

use crate::rights_fixture::call;

const PUBLIC: &str = "https://www.example.fr/catalogue";

#[actix_web::test]
async fn links_carry_the_public_url_prefix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("prefix.db").display());
    let store = moisson_store::open(&url).await.expect("store");
    moisson_server::serve::load_demo(store.as_ref(), None)
        .await
        .expect("demo records");
    let data = AppData::new(&Config::default(), store, PUBLIC).expect("app data");
    let app =
        actix_web::test::init_service(actix_web::App::new().configure(|cfg| data.configure(cfg)))
            .await;
    for path in [
        "/",
        "/api/v1/records?limit=2",
        "/ogcapi",
        "/ogcapi/collections/main/items?limit=2",
        "/csw?service=CSW&request=GetCapabilities",
        "/dcat/catalog.ttl?page_size=2",
    ] {
        let resp = call(&app, TestRequest::get().uri(path)).await;
        assert_eq!(resp.status, 200, "{path}: {}", resp.text());
        let body = resp.text();
        assert!(
            body.contains(PUBLIC),
            "{path}: no link under {PUBLIC}:\n{body}"
        );
        let bare = "https://www.example.fr/";
        let stray: Vec<&str> = body
            .match_indices(bare)
            .map(|(at, _)| &body[at..(at + 60).min(body.len())])
            .filter(|link| {
                !link.starts_with(&format!("{PUBLIC}/"))
                    && !link.starts_with(&format!("{PUBLIC}\""))
            })
            .collect();
        assert!(
            stray.is_empty(),
            "{path}: links without the prefix: {stray:?}"
        );
    }
}
