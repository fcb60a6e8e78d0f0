//! The thin actix layer: `GET|HEAD /dcat/catalog[.jsonld|.ttl|.rdf|.nt]` and
//! `/dcat/records/{id}[.ext]` (ids may contain `/`). Never redirects.
//!
//! The caller comes from `Authorization` through the server's one
//! `web::Data<moisson_auth::Authenticator>` (`moisson_http::caller`): harvesters without
//! credentials get the published public records; credentials that do not verify get a
//! 401 problem, never the anonymous catalogue.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use actix_web::web::Bytes;

use actix_web::http::header::{ACCEPT, CONTENT_TYPE, VARY};
use actix_web::{HttpRequest, HttpResponse, guard, web};
use moisson_http::problem::Problem;
use moisson_model::Viewer;
use moisson_store::Store;

use crate::endpoint::{self, CatalogParams, CatalogRequest};
use crate::error::Error;
use crate::export::{CatalogConfig, CatalogStream, Context, Formatter};
use crate::format::Format;
use crate::whole::RecordPages;

/// What the endpoints need: the store, the public URL minted IRIs use, the catalogue's
/// own description.
#[derive(Clone)]
pub struct DcatState {
    pub store: Arc<dyn Store>,
    pub public_url: String,
    pub catalog: CatalogConfig,
}

impl DcatState {
    fn context(&self) -> Context {
        Context::new(&self.public_url).with_landing_page(self.catalog.landing_page.clone())
    }
}

/// Registers the `/dcat` routes; the app must hold a `web::Data<DcatState>`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let get_or_head = || web::route().guard(guard::Any(guard::Get()).or(guard::Head()));
    cfg.service(web::resource("/dcat/catalog").route(get_or_head().to(get_catalog)))
        .service(web::resource("/dcat/catalog.{ext}").route(get_or_head().to(get_catalog_ext)))
        .service(web::resource("/dcat/records/{id:.*}").route(get_or_head().to(get_record)));
}

async fn get_catalog(
    state: web::Data<DcatState>,
    req: HttpRequest,
    q: web::Query<CatalogParams>,
) -> HttpResponse {
    catalog(&state, &req, &q, None).await
}

async fn get_catalog_ext(
    state: web::Data<DcatState>,
    req: HttpRequest,
    q: web::Query<CatalogParams>,
    ext: web::Path<String>,
) -> HttpResponse {
    catalog(&state, &req, &q, Some(ext.as_str())).await
}

async fn catalog(
    state: &DcatState,
    req: &HttpRequest,
    q: &CatalogParams,
    ext: Option<&str>,
) -> HttpResponse {
    let viewer = match caller(req).await {
        Ok(viewer) => viewer,
        Err(refused) => return refused,
    };
    let result = match CatalogRequest::parse(q, ext, accept(req)) {
        Ok(parsed) if parsed.whole => return stream_catalog(state, &parsed, viewer),
        Ok(parsed) => endpoint::catalog(
            state.store.as_ref(),
            &state.context(),
            &state.catalog,
            &parsed,
            &viewer,
        )
        .await
        .map(|b| (parsed.format, b)),
        Err(e) => Err(e),
    };
    respond(result)
}

/// `page_size=all`: the whole catalogue as a chunked body, one chunk per page of
/// records read from the store, so that memory never holds more than a page. A store
/// error after the first chunk can only cut the body short (the status is sent): it is
/// logged and the connection closed, so the harvester sees a truncated document rather
/// than a complete-looking one.
fn stream_catalog(state: &DcatState, req: &CatalogRequest, viewer: Viewer) -> HttpResponse {
    let ctx = state.context();
    let buffer = ChunkBuffer::default();
    let writer = match CatalogStream::start(buffer.clone(), req.format, &ctx, &state.catalog) {
        Ok(writer) => writer,
        Err(e) => return problem(&e),
    };
    let formatter = match Formatter::new(req.format) {
        Ok(formatter) => formatter,
        Err(e) => return problem(&e),
    };
    let walk = Walk {
        store: state.store.clone(),
        ctx,
        viewer,
        pages: RecordPages::new(req.modified_since.as_deref()),
        format: req.format,
        formatter,
        writer,
        buffer,
    };
    let body = futures_util::stream::unfold(Some(walk), |walk| async move {
        let mut walk = walk?;
        match walk.step().await {
            Ok(true) => Some((Ok(walk.buffer.take()), Some(walk))),
            Ok(false) => {
                let Walk { writer, ctx, .. } = walk;
                Some((writer.finish(&ctx).map(|b| b.take()), None))
            }
            Err(e) => {
                // The status is sent already: the error can only be logged.
                let chain = moisson_http::problem::chain(&e, true);
                tracing::error!(error = %chain, "dcat endpoint failed mid-stream");
                Some((Err(e), None))
            }
        }
    });
    HttpResponse::Ok()
        .insert_header((
            CONTENT_TYPE,
            format!("{}; charset=utf-8", req.format.media_type()),
        ))
        .insert_header((VARY, "Accept, Authorization"))
        .streaming(body)
}

/// The state of a streamed catalogue between two chunks.
struct Walk {
    store: Arc<dyn Store>,
    ctx: Context,
    viewer: Viewer,
    pages: RecordPages,
    format: Format,
    formatter: Formatter,
    writer: CatalogStream<ChunkBuffer>,
    buffer: ChunkBuffer,
}

impl Walk {
    /// Writes the next page into the buffer; `false` when there is none. Kept fragments
    /// are appended as they are, and the records formatted here are kept for the next
    /// walk (`whole.rs`).
    async fn step(&mut self) -> Result<bool, Error> {
        let Some(page) = self
            .pages
            .next_kept(self.store.as_ref(), &self.ctx, &self.viewer, self.format)
            .await?
        else {
            return Ok(false);
        };
        let page = page.format(&self.formatter, self.writer.records() + 1)?;
        page.write(&mut self.writer)?
            .keep(self.store.as_ref())
            .await;
        Ok(true)
    }
}

/// The bytes written since the last chunk was sent, shared between the serialiser that
/// writes them and the body stream that takes them (actix bodies are not `Send`).
#[derive(Clone, Default)]
struct ChunkBuffer(Rc<RefCell<Vec<u8>>>);

impl ChunkBuffer {
    fn take(&self) -> Bytes {
        Bytes::from(std::mem::take(&mut *self.0.borrow_mut()))
    }
}

impl std::io::Write for ChunkBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The caller, or the response refusing credentials that do not verify.
async fn caller(req: &HttpRequest) -> Result<Viewer, HttpResponse> {
    moisson_http::caller(req)
        .await
        .map_err(|e| Problem::of(&e, "DCAT endpoint", ToString::to_string).response())
}

async fn get_record(
    state: web::Data<DcatState>,
    req: HttpRequest,
    q: web::Query<CatalogParams>,
    tail: web::Path<String>,
) -> HttpResponse {
    let viewer = match caller(&req).await {
        Ok(viewer) => viewer,
        Err(refused) => return refused,
    };
    let tail = percent_encoding::percent_decode_str(&tail)
        .decode_utf8_lossy()
        .into_owned();
    let ext = tail
        .rsplit_once('.')
        .and_then(|(_, e)| Format::from_extension(e))
        .filter(|_| !tail.ends_with(".xml") && !tail.ends_with(".json"));
    let fallback = endpoint::negotiate(None, q.format.as_deref(), accept(&req));
    let store = state.store.as_ref();
    let ctx = state.context();
    respond(endpoint::record(store, &ctx, &tail, (ext, fallback), &viewer).await)
}

fn accept(req: &HttpRequest) -> Option<&str> {
    req.headers().get(ACCEPT).and_then(|v| v.to_str().ok())
}

fn respond(result: Result<(Format, Vec<u8>), Error>) -> HttpResponse {
    match result {
        Ok((format, body)) => HttpResponse::Ok()
            .insert_header((
                CONTENT_TYPE,
                format!("{}; charset=utf-8", format.media_type()),
            ))
            .insert_header((VARY, "Accept, Authorization"))
            .body(body),
        Err(e) => problem(&e),
    }
}

fn problem(e: &Error) -> HttpResponse {
    if let Error::UnsupportedFormat(_) = e {
        return Problem::other(406, "not-acceptable", "Not acceptable", e.to_string()).response();
    }
    Problem::of(e, "DCAT endpoint", ToString::to_string).response()
}
