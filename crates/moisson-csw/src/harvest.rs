//! Harvest (synchronous): a remote CSW, paged with GetRecords in the gmd schema, or one
//! ISO 19139 / Dublin Core document (or CSW response) at a URL, over http or https.

use moisson_filter::xml;
use moisson_iso::ns::{CSW, GMD};
use moisson_model::{RecordSource, Viewer};
use moisson_store::NewRecord;

use crate::CswState;
use crate::error::{Error, Result};
use crate::fetch;
use crate::request::Harvest;
use crate::transaction::{Summary, catalogue_fields, response};

/// Records asked per GetRecords page of a remote CSW.
const PAGE: u64 = 50;
/// Upper bound of pages, against a remote server whose `nextRecord` never ends.
const MAX_PAGES: u64 = 2_000;

pub async fn harvest(state: &CswState, h: &Harvest, actor: &Viewer) -> Result<String> {
    let fail = |message: String| Error::Harvest {
        url: h.source.clone(),
        message,
    };
    if fetch::parse_source(&h.source).is_none() {
        return Err(Error::invalid("Source", "Source must be an http(s) URL"));
    }
    let client = fetch::client().map_err(fail)?;
    let records = match h.resource_type.trim_end_matches('/') {
        CSW => harvest_csw(&client, &h.source).await?,
        GMD | "http://www.isotc211.org/2005/gmd/" => {
            read_records(&fetch::get(&client, &h.source).await.map_err(fail)?)?
        }
        other => {
            return Err(Error::invalid(
                "ResourceType",
                format!("{other:?} is not {CSW} or {GMD}"),
            ));
        }
    };
    let mut news = Vec::with_capacity(records.len());
    let mut all_seen = true;
    for mut p in records {
        all_seen &= catalogue_fields(state, &mut p.record, actor).await?;
        p.record.catalogue.source = RecordSource::Harvested {
            harvester: h.source.clone(),
            url: Some(h.source.clone()),
        };
        news.push(NewRecord {
            record: p.record,
            original: p.original,
        });
    }
    // The store's reason may name the owner of a record the caller does not see.
    let bulk = state
        .store
        .put_many(news, actor)
        .await
        .map_err(|e| match e {
            moisson_store::Error::Forbidden(_) if !all_seen => moisson_store::Error::Forbidden(
                "this caller may not write every harvested record".to_owned(),
            ),
            other => other,
        })?;
    let summary = Summary {
        inserted: bulk.created,
        updated: bulk.updated,
        ..Summary::default()
    };
    Ok(response("csw:HarvestResponse", &summary))
}

fn read_records(body: &[u8]) -> Result<Vec<moisson_iso::ParsedRecord>> {
    Ok(moisson_iso::read(body)?)
}

async fn harvest_csw(
    client: &reqwest::Client,
    base: &str,
) -> Result<Vec<moisson_iso::ParsedRecord>> {
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
        let body = fetch::get(client, &url).await.map_err(fail)?;
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
