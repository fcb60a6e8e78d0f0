//! A development server for `/csw` alone, over a SQLite file loaded with the given
//! ISO 19139 / Dublin Core files: `cargo run -p moisson-csw --example dev_server --
//! 127.0.0.1:8000 /tmp/csw.db tests/data/iso19139/*.xml`. The admin token is `dev-token`.

use actix_web::{App, HttpServer, web};
use moisson_csw::{CswConfig, CswState};
use moisson_model::Viewer;
use moisson_store::NewRecord;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let listen = args.next().unwrap_or_else(|| "127.0.0.1:8000".to_owned());
    let db = args
        .next()
        .unwrap_or_else(|| "/tmp/moisson-csw-dev.db".to_owned());
    let store = moisson_store::open(&format!("sqlite://{db}"))
        .await
        .map_err(std::io::Error::other)?;
    let records: Vec<NewRecord> = args
        .filter_map(|p| std::fs::read(p).ok())
        .flat_map(|b| moisson_iso::read(&b).unwrap_or_default())
        .map(|p| NewRecord {
            record: p.record,
            original: p.original,
        })
        .collect();
    store
        .put_many(records, &Viewer::Admin)
        .await
        .map_err(std::io::Error::other)?;
    let config = moisson_auth::AuthConfig {
        admin_token: Some("dev-token".to_owned()),
        ..moisson_auth::AuthConfig::default()
    };
    let auth =
        moisson_auth::Authenticator::new(config, store.clone()).map_err(std::io::Error::other)?;
    let auth = web::Data::new(auth);
    let state = CswState::new(store, format!("http://{listen}"), CswConfig::default());
    HttpServer::new(move || {
        App::new()
            .app_data(auth.clone())
            .app_data(web::Data::new(state.clone()))
            .configure(moisson_csw::configure)
    })
    .bind(&listen)?
    .run()
    .await
}
