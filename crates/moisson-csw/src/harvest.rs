//! Harvest (synchronous): a remote CSW, paged with GetRecords in the gmd schema, or one
//! ISO 19139 / Dublin Core document (or CSW response) at a URL. Plain HTTP only for now.

use std::time::Duration;

use moisson_filter::xml;
use moisson_iso::ns::{CSW, GMD};
use moisson_model::{RecordSource, Viewer};
use moisson_store::NewRecord;

use crate::CswState;
use crate::error::{Error, Result};
use crate::request::Harvest;
use crate::transaction::{Summary, response};

/// Records asked per GetRecords page of a remote CSW.
const PAGE: u64 = 50;
/// Upper bound of pages, against a remote server whose `nextRecord` never ends.
const MAX_PAGES: u64 = 2_000;
/// Largest response body read.
const MAX_BODY: usize = 64 << 20;

pub async fn harvest(state: &CswState, h: &Harvest, actor: &Viewer) -> Result<String> {
    let fail = |message: String| Error::Harvest {
        url: h.source.clone(),
        message,
    };
    if !h.source.starts_with("http://") && !h.source.starts_with("https://") {
        return Err(Error::invalid("Source", "Source must be an http(s) URL"));
    }
    let records = match h.resource_type.trim_end_matches('/') {
        CSW => harvest_csw(&h.source).await?,
        GMD | "http://www.isotc211.org/2005/gmd/" => {
            read_records(&fetch(&h.source).await.map_err(fail)?)?
        }
        other => {
            return Err(Error::invalid(
                "ResourceType",
                format!("{other:?} is not {CSW} or {GMD}"),
            ));
        }
    };
    let news: Vec<NewRecord> = records
        .into_iter()
        .map(|mut p| {
            p.record.catalogue.source = RecordSource::Harvested {
                harvester: h.source.clone(),
                url: Some(h.source.clone()),
            };
            NewRecord {
                record: p.record,
                original: p.original,
            }
        })
        .collect();
    let bulk = state.store.put_many(news, actor).await?;
    let summary = Summary {
        inserted: bulk.created,
        updated: bulk.updated,
        ..Summary::default()
    };
    Ok(response("csw:HarvestResponse", &summary))
}

async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(120))
        .finish();
    let mut res = client
        .get(url)
        .insert_header(("Accept", "application/xml"))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !res.status().is_success() {
        return Err(format!("HTTP status {}", res.status()));
    }
    res.body()
        .limit(MAX_BODY)
        .await
        .map(|b| b.to_vec())
        .map_err(|e| e.to_string())
}

fn read_records(body: &[u8]) -> Result<Vec<moisson_iso::ParsedRecord>> {
    Ok(moisson_iso::read(body)?)
}

async fn harvest_csw(base: &str) -> Result<Vec<moisson_iso::ParsedRecord>> {
    let sep = if base.contains('?') { '&' } else { '?' };
    let mut start = 1u64;
    let mut records = Vec::new();
    for _ in 0..MAX_PAGES {
        let url = format!(
            "{base}{sep}service=CSW&version=2.0.2&request=GetRecords&typeNames=gmd:MD_Metadata&resultType=results\
             &elementSetName=full&outputSchema={GMD}&startPosition={start}&maxRecords={PAGE}"
        );
        let fail = |message: String| Error::Harvest {
            url: url.clone(),
            message,
        };
        let body = fetch(&url).await.map_err(fail)?;
        let next = next_record(&body).map_err(fail)?;
        let page = read_records(&body)?;
        let n = page.len() as u64;
        records.extend(page);
        if next == 0 || next <= start || n == 0 {
            return Ok(records);
        }
        start = next;
    }
    Ok(records)
}

/// `nextRecord` of a GetRecords response; an exception report is an error.
fn next_record(body: &[u8]) -> Result<u64, String> {
    let text = std::str::from_utf8(body).map_err(|e| e.to_string())?;
    let root = xml::parse(text).map_err(|e| e.to_string())?;
    if root.local == "ExceptionReport" {
        let message = root
            .child("Exception")
            .and_then(|e| e.child_text("ExceptionText"))
            .unwrap_or("exception");
        return Err(format!("remote exception: {message}"));
    }
    let results = root
        .child("SearchResults")
        .ok_or("no csw:SearchResults in the response")?;
    Ok(results
        .attr("nextRecord")
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0))
}
