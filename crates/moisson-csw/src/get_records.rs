//! GetRecords: filter, sort, page; `hits`, `results` or `validate`.

use moisson_iso::ns::{CSW, XSI};
use moisson_model::{SearchQuery, Viewer};

use crate::error::Result;
use crate::output::record_xml;
use crate::request::{Elements, GetRecords, ResultType, element_set_name};
use crate::write::{Xml, ns};
use crate::{CswState, now};

/// `nextRecord`: the position after the page, 0 when the page is the last one.
#[must_use]
pub fn next_record(start: u64, returned: u64, matched: u64) -> u64 {
    if start - 1 + returned >= matched {
        0
    } else {
        start + returned
    }
}

pub async fn get_records(state: &CswState, r: &GetRecords, viewer: &Viewer) -> Result<String> {
    if r.result_type == ResultType::Validate {
        return Ok(acknowledgement(r));
    }
    let page_size = state
        .max_records
        .map_or(r.max_records, |cap| r.max_records.min(cap));
    let limit = if r.result_type == ResultType::Results {
        page_size
    } else {
        0
    };
    let query = SearchQuery {
        filter: state.restrict(&r.filter),
        sort: r.sort.clone(),
        limit,
        offset: r.start_position - 1,
        facets: Vec::new(),
        facet_limit: 0,
    };
    let page = state.store.search(&query, viewer).await?;
    let dcat = moisson_dcat::Context::new(&state.public_url);
    let endpoint = state.endpoint();
    let records = page
        .records
        .iter()
        .map(|stored| record_xml(stored, r.output_schema, &r.elements, &dcat, &endpoint))
        .collect::<Result<Vec<_>>>()?;
    let returned = page.records.len() as u64;
    // `hits` returns no record, but names the page `results` would have followed with
    // (as pycsw and the CITE assertions do), so a client can start paging from it.
    let paged = if r.result_type == ResultType::Results {
        returned
    } else {
        u64::from(page_size).min(page.total.saturating_sub(r.start_position - 1))
    };
    let next = next_record(r.start_position, paged, page.total);
    let location = format!("{CSW} {}", ns::CSW_SCHEMA);
    let mut x = Xml::new();
    let root = [
        ("xmlns:csw", CSW),
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", location.as_str()),
        ("version", "2.0.2"),
    ];
    let (matched, returned, next) = (
        page.total.to_string(),
        returned.to_string(),
        next.to_string(),
    );
    x.with("csw:GetRecordsResponse", &root, |x| {
        if let Some(id) = &r.request_id {
            x.leaf("csw:RequestId", &[], id);
        }
        x.empty("csw:SearchStatus", &[("timestamp", &now())]);
        let mut attrs = vec![
            ("numberOfRecordsMatched", matched.as_str()),
            ("numberOfRecordsReturned", returned.as_str()),
            ("nextRecord", next.as_str()),
            ("recordSchema", r.output_schema.uri()),
        ];
        if let Elements::Set(set) = &r.elements {
            attrs.push(("elementSet", element_set_name(*set)));
        }
        x.with("csw:SearchResults", &attrs, |x| {
            for record in &records {
                x.raw(record);
            }
        });
    });
    Ok(x.finish())
}

fn acknowledgement(r: &GetRecords) -> String {
    let location = format!("{CSW} {}", ns::CSW_SCHEMA);
    let mut x = Xml::new();
    let root = [
        ("xmlns:csw", CSW),
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", location.as_str()),
        ("timeStamp", &now()),
    ];
    x.with("csw:Acknowledgement", &root, |x| {
        x.with("csw:EchoedRequest", &[], |x| x.raw(&r.echo));
        if let Some(id) = &r.request_id {
            x.leaf("csw:RequestId", &[], id);
        }
    });
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_record_is_zero_on_the_last_page() {
        assert_eq!(next_record(1, 25, 60), 26);
        assert_eq!(next_record(51, 10, 60), 0);
        assert_eq!(next_record(26, 25, 50), 0);
        assert_eq!(next_record(1, 0, 0), 0);
        assert_eq!(next_record(1, 0, 5), 1);
        assert_eq!(next_record(99, 0, 5), 0);
    }
}
