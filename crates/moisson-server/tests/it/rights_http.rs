//! HTTP plumbing of the rights tests: a call to the in-process app read whole, and the
//! admin token.

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use serde_json::Value;

use crate::rights_fixture::ADMIN_TOKEN;

pub fn admin(req: TestRequest) -> TestRequest {
    req.insert_header(("authorization", format!("Bearer {ADMIN_TOKEN}")))
}

/// A response, read whole.
pub struct Resp {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

pub async fn call<S, B>(app: &S, req: TestRequest) -> Resp
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let resp = test::call_service(app, req.to_request()).await;
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = test::read_body(resp).await.to_vec();
    Resp {
        status,
        headers,
        body,
    }
}
