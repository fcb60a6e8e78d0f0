//! One helper per protocol and read: what it shows a caller (ids, the count it states,
//! keyword facet or GetDomain values), or the status of its refusal. A refusal is
//! checked to be in the protocol's own error format.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::test::TestRequest;

use crate::rights_fixture::{Caller, Resp, call};

/// What a listing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub ids: BTreeSet<String>,
    /// The count the protocol states: `total`, `numberMatched`,
    /// `numberOfRecordsMatched`, hydra `totalItems`.
    pub matched: u64,
    /// Keyword facet values and counts (empty where the protocol has no facets).
    pub keywords: BTreeMap<String, u64>,
}

/// A listing, or the HTTP status of its refusal.
pub type Listing = Result<Shown, u16>;

/// The protocol's error format of a refusal; returns the status.
#[derive(Debug, Clone, Copy)]
enum Format {
    Problem,
    ExceptionReport,
}

fn refusal(resp: &Resp, format: Format) -> u16 {
    let status = resp.status.as_u16();
    match format {
        Format::Problem => assert_eq!(
            resp.header("content-type"),
            "application/problem+json",
            "{status}: {}",
            resp.text()
        ),
        Format::ExceptionReport => {
            assert!(
                resp.text().contains("ows:ExceptionReport"),
                "{}",
                resp.text()
            );
        }
    }
    if status == 401 {
        assert!(
            resp.header("www-authenticate").starts_with("Bearer"),
            "a 401 asks for a bearer token"
        );
    }
    status
}

fn listing(resp: &Resp, format: Format, read: impl FnOnce(&Resp) -> Shown) -> Listing {
    if resp.status == 200 {
        Ok(read(resp))
    } else {
        Err(refusal(resp, format))
    }
}

fn ids<'a>(values: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    values.map(str::to_owned).collect()
}

/// `GET /api/v1/records` with the keyword facet.
pub async fn rest_search<S, B>(app: &S, caller: &Caller) -> Listing
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let req = caller.sign(TestRequest::get().uri("/api/v1/records?limit=100&facets=keyword"));
    listing(&call(app, req).await, Format::Problem, |resp| {
        let json = resp.json();
        let items = json["items"].as_array().expect("items");
        let keywords = json["facets"]["keyword"].as_array().expect("keyword facet");
        Shown {
            ids: ids(items.iter().filter_map(|r| r["id"].as_str())),
            matched: json["total"].as_u64().expect("total"),
            keywords: buckets(keywords),
        }
    })
}

/// `GET /api/v1/records/{id}`: the status (200 checked to be that record).
pub async fn rest_get<S, B>(app: &S, caller: &Caller, id: &str) -> u16
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let req = caller.sign(TestRequest::get().uri(&format!("/api/v1/records/{id}")));
    let resp = call(app, req).await;
    if resp.status == 200 {
        assert_eq!(resp.json()["id"], id);
        return 200;
    }
    refusal(&resp, Format::Problem)
}

/// The two output schemas of CSW GetRecords.
#[derive(Debug, Clone, Copy)]
pub enum CswSchema {
    /// `csw:Record` (Dublin Core).
    Csw,
    /// `gmd:MD_Metadata` (ISO 19139).
    Gmd,
}

/// CSW `GetRecords`, `resultType=results`, in one of the two schemas.
pub async fn csw_get_records<S, B>(app: &S, caller: &Caller, schema: CswSchema) -> Listing
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let (type_names, output) = match schema {
        CswSchema::Csw => ("csw:Record", "http://www.opengis.net/cat/csw/2.0.2"),
        CswSchema::Gmd => ("gmd:MD_Metadata", "http://www.isotc211.org/2005/gmd"),
    };
    let query = format!(
        "service=CSW&version=2.0.2&request=GetRecords&typeNames={type_names}&resultType=results\
         &elementSetName=full&maxRecords=100&outputSchema={output}"
    );
    let resp = csw(app, caller, &query).await;
    listing(&resp, Format::ExceptionReport, |resp| {
        let xml = resp.text();
        Shown {
            ids: record_ids(&xml, schema),
            matched: matched(&xml),
            keywords: BTreeMap::new(),
        }
    })
}

/// CSW `GetRecords`, `resultType=hits`: `numberOfRecordsMatched`.
pub async fn csw_hits<S, B>(app: &S, caller: &Caller) -> Result<u64, u16>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let query = "service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&resultType=hits";
    let resp = csw(app, caller, query).await;
    listing(&resp, Format::ExceptionReport, |resp| Shown {
        ids: BTreeSet::new(),
        matched: matched(&resp.text()),
        keywords: BTreeMap::new(),
    })
    .map(|s| s.matched)
}

/// CSW `GetRecordById` of one id: the ids it answers with (none for a hidden record).
pub async fn csw_get_record_by_id<S, B>(
    app: &S,
    caller: &Caller,
    id: &str,
) -> Result<BTreeSet<String>, u16>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let query =
        format!("service=CSW&version=2.0.2&request=GetRecordById&id={id}&elementSetName=full");
    let resp = csw(app, caller, &query).await;
    listing(&resp, Format::ExceptionReport, |resp| Shown {
        ids: record_ids(&resp.text(), CswSchema::Csw),
        matched: 0,
        keywords: BTreeMap::new(),
    })
    .map(|s| s.ids)
}

/// CSW `GetDomain` of `apiso:Subject`: keyword values with their counts.
pub async fn csw_get_domain<S, B>(app: &S, caller: &Caller) -> Result<BTreeMap<String, u64>, u16>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let query = "service=CSW&version=2.0.2&request=GetDomain&PropertyName=apiso:Subject";
    let resp = csw(app, caller, query).await;
    listing(&resp, Format::ExceptionReport, |resp| {
        let xml = resp.text();
        assert!(xml.contains("csw:GetDomainResponse"), "{xml}");
        let mut keywords = BTreeMap::new();
        for (i, _) in xml.match_indices("<csw:Value count=\"") {
            let rest = &xml[i + "<csw:Value count=\"".len()..];
            let (count, rest) = rest.split_once("\">").expect("count");
            let (value, _) = rest.split_once("</csw:Value>").expect("value");
            keywords.insert(value.to_owned(), count.parse().expect("a count"));
        }
        Shown {
            ids: BTreeSet::new(),
            matched: 0,
            keywords,
        }
    })
    .map(|s| s.keywords)
}

async fn csw<S, B>(app: &S, caller: &Caller, query: &str) -> Resp
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    call(
        app,
        caller.sign(TestRequest::get().uri(&format!("/csw?{query}"))),
    )
    .await
}

/// `numberOfRecordsMatched` of a GetRecords response.
fn matched(xml: &str) -> u64 {
    let key = "numberOfRecordsMatched=\"";
    let start = xml.find(key).unwrap_or_else(|| panic!("no count: {xml}")) + key.len();
    xml[start..start + xml[start..].find('"').expect("quote")]
        .parse()
        .expect("a number")
}

/// Record identifiers of a CSW response: `dc:identifier` or `gmd:fileIdentifier`.
fn record_ids(xml: &str, schema: CswSchema) -> BTreeSet<String> {
    let (open, text_open, text_close) = match schema {
        CswSchema::Csw => ("<dc:identifier", ">", "</dc:identifier>"),
        CswSchema::Gmd => (
            "<gmd:fileIdentifier>",
            "<gco:CharacterString>",
            "</gco:CharacterString>",
        ),
    };
    xml.match_indices(open)
        .map(|(i, _)| {
            let rest = &xml[i + open.len()..];
            let start = rest.find(text_open).expect("text") + text_open.len();
            let end = rest[start..].find(text_close).expect("closed");
            rest[start..start + end].to_owned()
        })
        .collect()
}

/// OGC API `items` with facets.
pub async fn ogc_items<S, B>(app: &S, caller: &Caller) -> Listing
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let uri = "/ogcapi/collections/main/items?limit=100&facets=true";
    let resp = call(app, caller.sign(TestRequest::get().uri(uri))).await;
    listing(&resp, Format::Problem, |resp| {
        let json = resp.json();
        let features = json["features"].as_array().expect("features");
        let keywords = json["facets"]["keywords"]["buckets"]
            .as_array()
            .expect("keyword facet");
        Shown {
            ids: ids(features.iter().filter_map(|f| f["id"].as_str())),
            matched: json["numberMatched"].as_u64().expect("numberMatched"),
            keywords: buckets(keywords),
        }
    })
}

/// OGC API item by id: the status (200 checked to be that record).
pub async fn ogc_item<S, B>(app: &S, caller: &Caller, id: &str) -> u16
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let uri = format!("/ogcapi/collections/main/items/{id}");
    let resp = call(app, caller.sign(TestRequest::get().uri(&uri))).await;
    if resp.status == 200 {
        assert_eq!(resp.json()["id"], id);
        return 200;
    }
    refusal(&resp, Format::Problem)
}

/// The DCAT catalogue (Turtle, one page): dataset ids and hydra `totalItems`.
pub async fn dcat_catalog<S, B>(app: &S, caller: &Caller) -> Listing
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let uri = "/dcat/catalog.ttl?page_size=100";
    let resp = call(app, caller.sign(TestRequest::get().uri(uri))).await;
    listing(&resp, Format::Problem, |resp| {
        let page = moisson_dcat::read_dcat_page(&resp.body, moisson_dcat::Format::Turtle)
            .expect("a DCAT page");
        Shown {
            ids: page
                .records
                .iter()
                .filter_map(|r| r.id.as_ref().map(ToString::to_string))
                .collect(),
            matched: page.total.expect("hydra:totalItems"),
            keywords: BTreeMap::new(),
        }
    })
}

/// `/dcat/records/{id}.ttl`: the status.
pub async fn dcat_record<S, B>(app: &S, caller: &Caller, id: &str) -> u16
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let uri = format!("/dcat/records/{id}.ttl");
    let resp = call(app, caller.sign(TestRequest::get().uri(&uri))).await;
    if resp.status == 200 {
        let records = moisson_dcat::read_dcat(&resp.body, moisson_dcat::Format::Turtle)
            .expect("a DCAT record");
        let got: Vec<String> = records
            .iter()
            .filter_map(|r| r.id.as_ref().map(ToString::to_string))
            .collect();
        assert_eq!(got, vec![id.to_owned()]);
        return 200;
    }
    refusal(&resp, Format::Problem)
}

fn buckets(values: &[serde_json::Value]) -> BTreeMap<String, u64> {
    values
        .iter()
        .map(|b| {
            let value = b["value"].as_str().expect("bucket value").to_owned();
            (value, b["count"].as_u64().expect("bucket count"))
        })
        .collect()
}
