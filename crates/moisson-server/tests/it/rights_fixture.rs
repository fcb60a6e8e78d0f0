//! The no-leak matrix's catalogue: organisations A and B, group G, one record per
//! visibility × status case, a user per role, and every kind of credential (valid or
//! not) as the principals of the matrix. The app is the server's own (`AppData`), in
//! process, over a SQLite file in a temporary folder or a PostgreSQL database of its own
//! (`Backend`).

use std::collections::BTreeSet;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::test::TestRequest;
use moisson_model::account::{Unit, UnitKind};
use moisson_model::{
    Anchored, Bbox, CatalogueInfo, GeographicExtent, KeywordGroup, Membership, Principal, Record,
    RecordId, Role, Viewer, Visibility, WorkflowStatus,
};
use moisson_server::app::AppData;
use moisson_server::config::Config;
use moisson_store::{NewRecord, NewUser, Store};
use serde_json::json;

pub use crate::rights_http::{Resp, admin, call};

pub const PUBLIC_URL: &str = "http://cat.test";
pub const ADMIN_TOKEN: &str = "matrix-admin-token";
pub const JWT_SECRET: &str = "matrix-jwt-secret-0123456789abcdef";
pub const ORG_A: &str = "org-a";
pub const ORG_B: &str = "org-b";
pub const GROUP_G: &str = "grp-g";
/// A keyword every record has: its facet count is the number of visible records.
pub const COMMON: &str = "common";

/// `(id, owner, visibility, status, shared with)`: every case of `docs/rights.md`.
pub const RECORDS: [(&str, &str, Visibility, WorkflowStatus, &[&str]); 7] = [
    (
        "a-public",
        ORG_A,
        Visibility::Public,
        WorkflowStatus::Published,
        &[],
    ),
    (
        "a-internal",
        ORG_A,
        Visibility::Internal,
        WorkflowStatus::Published,
        &[],
    ),
    (
        "a-restricted",
        ORG_A,
        Visibility::Restricted,
        WorkflowStatus::Published,
        &[],
    ),
    (
        "a-shared-g",
        ORG_A,
        Visibility::Restricted,
        WorkflowStatus::Published,
        &[GROUP_G],
    ),
    (
        "a-draft",
        ORG_A,
        Visibility::Public,
        WorkflowStatus::Draft,
        &[],
    ),
    (
        "a-submitted",
        ORG_A,
        Visibility::Public,
        WorkflowStatus::Submitted,
        &[],
    ),
    (
        "b-public",
        ORG_B,
        Visibility::Public,
        WorkflowStatus::Published,
        &[],
    ),
];

/// `(unit, role)` memberships.
type Memberships = &'static [(&'static str, Role)];

/// `(username, memberships, superadmin)` of the local users.
const USERS: [(&str, Memberships, bool); 6] = [
    ("reader-a", &[(ORG_A, Role::Reader)], false),
    ("editor-a", &[(ORG_A, Role::Editor)], false),
    ("reviewer-a", &[(ORG_A, Role::Reviewer)], false),
    ("member-b", &[(ORG_B, Role::Reader)], false),
    ("member-g", &[(GROUP_G, Role::Reader)], false),
    ("super", &[], true),
];

/// Someone calling the server, and what the server must make of them.
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: &'static str,
    /// The `Authorization` header sent, if any.
    pub authorization: Option<String>,
    /// The viewer the rights apply to; `None`: the credentials must be refused (401).
    pub viewer: Option<Viewer>,
}

impl Caller {
    /// Adds the caller's `Authorization` header to a request.
    pub fn sign(&self, req: TestRequest) -> TestRequest {
        match &self.authorization {
            Some(value) => req.insert_header(("authorization", value.clone())),
            None => req,
        }
    }

    /// The record ids this caller may see, by `moisson_model::rights::can_see`.
    pub fn visible(&self) -> BTreeSet<String> {
        let viewer = self.viewer.as_ref().expect("a caller that is let in");
        RECORDS
            .iter()
            .filter(|r| moisson_model::rights::can_see(viewer, &catalogue(r)))
            .map(|r| r.0.to_owned())
            .collect()
    }
}

/// The store a fixture runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in a temporary folder.
    Sqlite,
    /// A database of its own on the test PostgreSQL server (`moisson-testkit`).
    Postgres,
}

/// The catalogue and its app state.
pub struct Fixture {
    pub store: Arc<dyn Store>,
    pub data: AppData,
    /// What holds the database (the temporary folder, or the PostgreSQL test database),
    /// removed when dropped; last, so after the store's connections.
    _database: Box<dyn std::any::Any>,
}

impl Fixture {
    /// The catalogue on SQLite.
    pub async fn new() -> Self {
        Self::on(Backend::Sqlite).await
    }

    /// The catalogue on `backend`.
    pub async fn on(backend: Backend) -> Self {
        let (database, url) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("tempdir");
                let url = format!("sqlite://{}", dir.path().join("rights.db").display());
                (Box::new(dir) as Box<dyn std::any::Any>, url)
            }
            Backend::Postgres => {
                let db = moisson_testkit::pg::fresh().await;
                let url = db.url().to_owned();
                (Box::new(db) as Box<dyn std::any::Any>, url)
            }
        };
        let store = moisson_store::open(&url).await.expect("open store");
        seed(store.as_ref()).await;
        let mut config = Config::default();
        config.auth.admin_token = Some(ADMIN_TOKEN.to_owned());
        config.auth.jwt_secret = Some(JWT_SECRET.to_owned());
        let data = AppData::new(&config, store.clone(), PUBLIC_URL).expect("app data");
        Self {
            store,
            data,
            _database: database,
        }
    }
}

/// The server's app over a fixture: `let app = rights_app!(fixture);`.
#[macro_export]
macro_rules! rights_app {
    ($fixture:expr) => {
        actix_web::test::init_service(
            actix_web::App::new().configure(|cfg| $fixture.data.configure(cfg)),
        )
        .await
    };
}

async fn seed(store: &dyn Store) {
    let admin = Viewer::Admin;
    for (id, kind) in [
        (ORG_A, UnitKind::Organisation),
        (ORG_B, UnitKind::Organisation),
        (GROUP_G, UnitKind::Group),
    ] {
        let unit = Unit {
            id: id.to_owned(),
            kind,
            name: format!("Unit {id}"),
        };
        store.create_unit(unit, &admin).await.expect("create unit");
    }
    for (username, memberships, superadmin) in USERS {
        let user = NewUser {
            username: username.to_owned(),
            name: None,
            email: None,
            password_hash: Some(moisson_auth::hash_password(&password(username)).expect("hash")),
            superadmin,
        };
        store.create_user(user, &admin).await.expect("create user");
        for (unit, role) in memberships {
            store
                .set_membership(username, unit, *role, &admin)
                .await
                .expect("membership");
        }
    }
    let records = RECORDS.iter().map(|r| NewRecord {
        record: record(r),
        original: None,
    });
    store
        .put_many(records.collect(), &admin)
        .await
        .expect("seed records");
}

pub fn password(username: &str) -> String {
    format!("password of {username}")
}

fn catalogue(r: &(&str, &str, Visibility, WorkflowStatus, &[&str])) -> CatalogueInfo {
    CatalogueInfo {
        owner_org: Some(r.1.to_owned()),
        visibility: r.2,
        status: r.3,
        shared_with: r.4.iter().map(|s| (*s).to_owned()).collect(),
        ..CatalogueInfo::default()
    }
}

/// A record with a keyword of its own (`kw-<id>`), so facets and GetDomain values name
/// the records they come from, and the `common` keyword.
fn record(r: &(&str, &str, Visibility, WorkflowStatus, &[&str])) -> Record {
    let mut record = Record {
        id: Some(RecordId::parse(r.0).expect("id")),
        title: format!("Record {}", r.0),
        abstract_text: format!("Abstract of {}", r.0),
        catalogue: catalogue(r),
        ..Record::default()
    };
    record.keywords.push(KeywordGroup {
        keywords: vec![Anchored::text(keyword(r.0)), Anchored::text(COMMON)],
        ..KeywordGroup::default()
    });
    record.extents.push(GeographicExtent {
        bbox: Some(Bbox::new(4.7, 45.5, 5.1, 45.9).expect("bbox")),
        description: None,
    });
    record
}

/// The keyword only record `id` has.
pub fn keyword(id: &str) -> String {
    format!("kw-{id}")
}

fn member(subject: &str, memberships: &[(&str, Role)], superadmin: bool) -> Viewer {
    Viewer::Member(Principal {
        subject: subject.to_owned(),
        memberships: memberships
            .iter()
            .map(|(unit, role)| Membership {
                unit: (*unit).to_owned(),
                role: *role,
            })
            .collect(),
        superadmin,
    })
}

/// Every principal of the matrix: signs the users in (`POST /api/v1/auth/token`), makes
/// API keys (one revoked) through the REST API, and forges tokens that must fail.
pub async fn callers<S, B>(app: &S) -> Vec<Caller>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let bearer = |token: &str| Some(format!("Bearer {token}"));
    let mut out = vec![Caller {
        name: "anonymous",
        authorization: None,
        viewer: Some(Viewer::Anonymous),
    }];
    for (username, memberships, superadmin) in USERS {
        let token = login(app, username).await;
        out.push(Caller {
            name: username,
            authorization: bearer(&token),
            viewer: Some(member(&format!("user:{username}"), memberships, superadmin)),
        });
    }
    out.push(Caller {
        name: "admin token",
        authorization: bearer(ADMIN_TOKEN),
        viewer: Some(Viewer::Admin),
    });
    let (key_id, secret) = api_key(app, ORG_A, "reader").await;
    out.push(Caller {
        name: "API key of A (reader)",
        authorization: bearer(&secret),
        viewer: Some(member(
            &format!("apikey:{key_id}"),
            &[(ORG_A, Role::Reader)],
            false,
        )),
    });
    let (revoked_id, revoked) = api_key(app, ORG_A, "editor").await;
    let resp = call(
        app,
        admin(TestRequest::delete().uri(&format!("/api/v1/api-keys/{revoked_id}"))),
    )
    .await;
    assert_eq!(resp.status, 204, "revoke: {}", resp.text());
    let refused = |name, token: String| Caller {
        name,
        authorization: bearer(&token),
        viewer: None,
    };
    out.push(refused("revoked API key", revoked));
    out.push(refused("expired token", forged_token(JWT_SECRET, -3600)));
    out.push(refused(
        "token signed by an unknown key",
        forged_token("another-secret-0123456789abcdefghij", 3600),
    ));
    out.push(refused("not a credential", "garbage".to_owned()));
    out
}

/// An access token of `reader-a` as the server makes them (`iss` moisson, `typ`
/// access), signed with `secret`, expiring `expires_in` seconds from now.
fn forged_token(secret: &str, expires_in: i64) -> String {
    let now = jsonwebtoken::get_current_timestamp();
    let exp = now.saturating_add_signed(expires_in);
    let claims =
        json!({"iss": "moisson", "sub": "reader-a", "typ": "access", "iat": now, "exp": exp});
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("sign token")
}

async fn login<S, B>(app: &S, username: &str) -> String
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let body = json!({"username": username, "password": password(username)});
    let resp = call(
        app,
        TestRequest::post().uri("/api/v1/auth/token").set_json(body),
    )
    .await;
    assert_eq!(resp.status, 200, "login {username}: {}", resp.text());
    let json = resp.json();
    assert_eq!(json["token_type"], "Bearer");
    json["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

/// Creates an API key as the admin; returns its id and secret.
async fn api_key<S, B>(app: &S, unit: &str, role: &str) -> (String, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let body = json!({"unit": unit, "role": role, "label": "matrix"});
    let resp = call(
        app,
        admin(TestRequest::post().uri("/api/v1/api-keys")).set_json(body),
    )
    .await;
    assert_eq!(resp.status, 201, "API key: {}", resp.text());
    let json = resp.json();
    let id = json["id"].as_str().expect("id").to_owned();
    let secret = json["secret"].as_str().expect("secret").to_owned();
    (id, secret)
}
