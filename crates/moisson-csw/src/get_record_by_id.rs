//! GetRecordById: the visible records among the ids, in request order; unknown ids are
//! left out (an empty response when none is found).

use moisson_iso::ns::{CSW, XSI};
use moisson_model::{CmpOp, Expr, Property, RecordId, SearchQuery, Value, Viewer};

use crate::CswState;
use crate::error::Result;
use crate::output::record_xml;
use crate::request::{Elements, GetRecordById};
use crate::write::{Xml, ns};

pub async fn get_record_by_id(
    state: &CswState,
    r: &GetRecordById,
    viewer: &Viewer,
) -> Result<String> {
    let dcat = moisson_dcat::Context::new(&state.public_url);
    let endpoint = state.endpoint();
    let mut records = Vec::new();
    for id in &r.ids {
        let Ok(id) = RecordId::parse(id.as_str()) else {
            continue;
        };
        if !within_restriction(state, &id, viewer).await? {
            continue;
        }
        if let Some(stored) = state.store.get(&id, viewer).await? {
            records.push(record_xml(
                &stored,
                r.output_schema,
                &Elements::Set(r.elements),
                &dcat,
                &endpoint,
            )?);
        }
    }
    let location = format!("{CSW} {}", ns::CSW_SCHEMA);
    let mut x = Xml::new();
    let root = [
        ("xmlns:csw", CSW),
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", location.as_str()),
    ];
    x.with("csw:GetRecordByIdResponse", &root, |x| {
        for rec in &records {
            x.raw(rec);
        }
    });
    Ok(x.finish())
}

/// Whether the record is inside the state's restriction (always, without one).
async fn within_restriction(state: &CswState, id: &RecordId, viewer: &Viewer) -> Result<bool> {
    if state.restriction == Expr::All {
        return Ok(true);
    }
    let by_id = Expr::Compare {
        property: Property::Identifier,
        op: CmpOp::Eq,
        value: Value::Text(id.as_str().to_owned()),
    };
    let query = SearchQuery {
        filter: state.restrict(&by_id),
        sort: Vec::new(),
        limit: 0,
        offset: 0,
        facets: Vec::new(),
        facet_limit: 0,
    };
    Ok(state.store.search(&query, viewer).await?.total > 0)
}
