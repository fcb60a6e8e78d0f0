//! GetDomain: the values of a request parameter (from the capabilities' table) or of a
//! queryable among the records the caller may see.

use moisson_iso::ns::{CSW, XSI};
use moisson_model::{Expr, FacetField, Property, SearchQuery, Viewer};

use crate::CswState;
use crate::capabilities::PARAMETERS;
use crate::error::{Error, Result};
use crate::request::GetDomain;
use crate::write::{Xml, ns};

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

async fn property_values(
    state: &CswState,
    name: &str,
    viewer: &Viewer,
) -> Result<Vec<(String, Option<u64>)>> {
    let field = match moisson_filter::queryables::property(name)? {
        Property::Keyword => FacetField::Keyword,
        Property::Type => FacetField::Type,
        Property::Format => FacetField::Format,
        Property::TopicCategory => FacetField::TopicCategory,
        _ => {
            return Err(Error::invalid(
                "PropertyName",
                format!("GetDomain of {name} is not supported yet"),
            ));
        }
    };
    let query = SearchQuery {
        filter: Expr::All,
        sort: Vec::new(),
        limit: 0,
        offset: 0,
        facets: vec![field],
        facet_limit: u32::MAX / 2,
    };
    let page = state.store.search(&query, viewer).await?;
    let mut values: Vec<(String, Option<u64>)> = page
        .facets
        .into_iter()
        .flat_map(|f| f.buckets)
        .map(|b| (b.value, Some(b.count)))
        .collect();
    values.sort();
    Ok(values)
}
