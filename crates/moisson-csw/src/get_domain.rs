//! GetDomain: the values of a request parameter (from the capabilities' table) or of a
//! queryable among the records the caller may see (the store's facets for the four
//! facet-backed queryables, a walk over the visible records for the others).

mod values;

use std::collections::BTreeMap;

use moisson_iso::ns::{CSW, XSI};
use moisson_model::{Expr, FacetField, Property, RecordId, SearchQuery, Viewer};

use crate::CswState;
use crate::capabilities::PARAMETERS;
use crate::error::{Error, Result};
use crate::request::GetDomain;
use crate::write::{Xml, ns};
use values::Source;

pub async fn get_domain(state: &CswState, r: &GetDomain, viewer: &Viewer) -> Result<String> {
    let (element, name, values) = match r {
        GetDomain::Parameter(name) => ("csw:ParameterName", name, parameter_values(name)?),
        GetDomain::Property(name) => (
            "csw:PropertyName",
            name,
            property_values(state, name, viewer).await?,
        ),
    };
    let location = format!("{CSW} {}", ns::CSW_SCHEMA);
    let mut x = Xml::new();
    let root = [
        ("xmlns:csw", CSW),
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", location.as_str()),
    ];
    x.with("csw:GetDomainResponse", &root, |x| {
        x.with("csw:DomainValues", &[("type", "csw:Record")], |x| {
            x.leaf(element, &[], name);
            // The schema wants at least one value in a list: none, no list.
            if values.is_empty() {
                return;
            }
            x.with("csw:ListOfValues", &[], |x| {
                for (v, count) in &values {
                    match count {
                        Some(n) => x.leaf("csw:Value", &[("count", &n.to_string())], v),
                        None => x.leaf("csw:Value", &[], v),
                    }
                }
            });
        });
    });
    Ok(x.finish())
}

fn parameter_values(name: &str) -> Result<Vec<(String, Option<u64>)>> {
    let (op, param) = name.split_once('.').ok_or_else(|| {
        Error::invalid(
            "ParameterName",
            format!("{name:?} is not Operation.parameter"),
        )
    })?;
    PARAMETERS
        .iter()
        .find(|(o, p, _)| o.eq_ignore_ascii_case(op) && p.eq_ignore_ascii_case(param))
        .map(|(_, _, vs)| vs.iter().map(|v| ((*v).to_owned(), None)).collect())
        .ok_or_else(|| Error::invalid("ParameterName", format!("unknown parameter {name:?}")))
}

/// Records read per `Store::records_after` page of a walk.
const PAGE: u32 = 500;

async fn property_values(
    state: &CswState,
    name: &str,
    viewer: &Viewer,
) -> Result<Vec<(String, Option<u64>)>> {
    let property = moisson_filter::queryables::property(name)
        .map_err(|e| Error::invalid("PropertyName", e.to_string()))?;
    let mut list = match values::source(&property) {
        Source::Facet(field) => facet_values(state, field, viewer).await?,
        Source::Records => walk(state, &property, viewer).await?,
        Source::None => {
            return Err(Error::invalid(
                "PropertyName",
                format!("{name} is free text and has no domain"),
            ));
        }
    };
    if values::numeric(&property) {
        list.sort_by(|(a, _), (b, _)| number(a).total_cmp(&number(b)).then(a.cmp(b)));
    } else {
        list.sort();
    }
    Ok(list)
}

/// A numeric value for sorting; anything else sorts last.
fn number(s: &str) -> f64 {
    s.parse().unwrap_or(f64::NAN)
}

/// The values of a facet-backed property, counted by the store.
async fn facet_values(
    state: &CswState,
    field: FacetField,
    viewer: &Viewer,
) -> Result<Vec<(String, Option<u64>)>> {
    let query = SearchQuery {
        filter: Expr::All,
        sort: Vec::new(),
        limit: 0,
        offset: 0,
        facets: vec![field],
        facet_limit: u32::MAX / 2,
    };
    let page = state.store.search(&query, viewer).await?;
    Ok(page
        .facets
        .into_iter()
        .flat_map(|f| f.buckets)
        .map(|b| (b.value, Some(b.count)))
        .collect())
}

/// The values of any other property: a walk over every record the caller may see, in
/// id order (`Store::records_after`), counting the records that hold each value.
async fn walk(
    state: &CswState,
    property: &Property,
    viewer: &Viewer,
) -> Result<Vec<(String, Option<u64>)>> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut after: Option<RecordId> = None;
    loop {
        let page = state
            .store
            .records_after(after.as_ref(), PAGE, viewer)
            .await?;
        for record in &page {
            for value in values::of(property, record) {
                *counts.entry(value).or_default() += 1;
            }
        }
        match page.last().and_then(|r| r.id.clone()) {
            Some(last) if page.len() >= PAGE as usize => after = Some(last),
            _ => break,
        }
    }
    Ok(counts.into_iter().map(|(v, n)| (v, Some(n))).collect())
}
