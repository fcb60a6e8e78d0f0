//! `/api` for people: a browser (`Accept: text/html` first) gets Swagger UI over the same
//! OpenAPI document that `/api` gives as JSON to everything else and that is committed as
//! `openapi/moisson.json`. Swagger UI's script and style sheet come from the
//! `swagger-ui-dist` crate, which embeds them, and are served under `/api/docs/`: the
//! page loads nothing from another site.

use actix_web::guard::{self, GuardContext};
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use swagger_ui_dist::{ApiDefinition, OpenApiSource};

/// Where Swagger UI's files are served.
const ASSETS: &str = "/api/docs";

/// Registers `/api` for browsers (before `moisson_rest::configure`, whose `/api` answers
/// the rest) and Swagger UI's files under `/api/docs/`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api")
            .guard(guard::fn_guard(prefers_html))
            .route(web::get().to(page)),
    )
    .service(swagger_ui_dist::generate_scope(ApiDefinition {
        uri_prefix: ASSETS,
        api_definition: OpenApiSource::Uri("/api/openapi.json"),
        title: Some("Moisson API"),
    }));
}

/// Whether `Accept` ranks HTML before JSON (a browser's does; `*/*` alone does not).
fn prefers_html(ctx: &GuardContext<'_>) -> bool {
    let Some(accept) = ctx.header::<header::Accept>() else {
        return false;
    };
    accept
        .ranked()
        .iter()
        .find_map(|m| match m.essence_str() {
            "text/html" | "application/xhtml+xml" => Some(true),
            "application/json" | "application/vnd.oai.openapi+json" => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}

/// The Swagger UI page. Its URLs are relative to `/api`, so that the page also works
/// behind a proxy that serves Moisson under a path.
async fn page() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::VARY, "Accept"))
        .body(PAGE)
}

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moisson API</title>
<link rel="icon" href="data:,">
<link rel="alternate" type="application/json" href="api/openapi.json">
<link rel="stylesheet" href="api/docs/swagger-ui.css">
</head>
<body>
<noscript><p>The API definition: <a href="api/openapi.json">api/openapi.json</a> (OpenAPI).</p></noscript>
<div id="swagger-ui"></div>
<script src="api/docs/swagger-ui-bundle.js"></script>
<script>
window.onload = () => {
  window.ui = SwaggerUIBundle({ url: "api/openapi.json", dom_id: "#swagger-ui" });
};
</script>
</body>
</html>
"##;

#[cfg(test)]
mod tests {
    use actix_web::{App, test};

    use super::*;

    async fn answer(accept: &str, path: &str) -> (u16, String, String) {
        let app = test::init_service(App::new().configure(configure)).await;
        let req = test::TestRequest::get()
            .uri(path)
            .insert_header((header::ACCEPT, accept))
            .to_request();
        let resp = test::call_service(&app, req).await;
        let status = resp.status().as_u16();
        let ct = resp
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = String::from_utf8_lossy(&test::read_body(resp).await).into_owned();
        (status, ct, body)
    }

    #[actix_web::test]
    async fn browsers_get_swagger_ui_with_its_own_files() {
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        let (status, ct, body) = answer(browser, "/api").await;
        assert_eq!((status, ct.as_str()), (200, "text/html; charset=utf-8"));
        assert!(
            !body.contains("https://") && !body.contains("http://"),
            "no CDN"
        );
        let (status, ct, js) = answer("*/*", "/api/docs/swagger-ui-bundle.js").await;
        assert_eq!((status, ct.as_str()), (200, "text/javascript"));
        assert!(js.contains("SwaggerUIBundle"));
        let (status, _, css) = answer("*/*", "/api/docs/swagger-ui.css").await;
        assert_eq!(status, 200);
        assert!(css.contains(".swagger-ui"));
    }

    #[actix_web::test]
    async fn json_clients_are_not_sent_the_page() {
        for accept in [
            "application/json",
            "*/*",
            "application/json, text/html;q=0.5",
        ] {
            let (status, ..) = answer(accept, "/api").await;
            assert_eq!(status, 404, "{accept}: left to the REST API's /api");
        }
    }
}
