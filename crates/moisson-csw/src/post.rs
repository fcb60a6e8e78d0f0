//! XML requests (POST): csw:GetCapabilities, DescribeRecord, GetRecords, GetRecordById,
//! GetDomain, Transaction and Harvest, read with the hardened tree of `moisson-filter`.

use crate::write::ns::OGC;
use moisson_filter::xml::{self, Element};
use moisson_iso::ElementSet;
use moisson_iso::ns::CSW;
use moisson_model::Expr;

use crate::error::{Error, Result};
use crate::kvp::{accept_formats, check_service, check_version, negotiate};
use crate::request::{
    Action, DescribeRecord, Elements, GetCapabilities, GetDomain, GetRecordById, GetRecords,
    Harvest, OutputSchema, Request, ResultType, Transaction, TypeName, element_names,
    parse_element_set, sort_key, with_tie_breaker,
};

/// Parses an XML request body (UTF-8).
pub fn parse(text: &str) -> Result<Request> {
    let root = xml::parse(text).map_err(|e| Error::invalid("request", e.to_string()))?;
    if root.ns != CSW {
        return Err(Error::OperationNotSupported(format!(
            "{{{}}}{}",
            root.ns, root.local
        )));
    }
    check_service(root.attr("service"))?;
    if root.local == "GetCapabilities" {
        return get_capabilities(&root);
    }
    check_version(root.attr("version"))?;
    match root.local.as_str() {
        "DescribeRecord" => describe_record(&root),
        "GetRecords" => get_records(&root, text).map(|g| Request::GetRecords(Box::new(g))),
        "GetRecordById" => get_record_by_id(&root),
        "GetDomain" => get_domain(&root),
        "Transaction" => transaction(&root, text),
        "Harvest" => harvest(&root),
        other => Err(Error::invalid(
            "request",
            format!("{other} is not an operation of CSW 2.0.2"),
        )),
    }
}

fn get_capabilities(root: &Element) -> Result<Request> {
    let versions: Vec<String> = root
        .child("AcceptVersions")
        .map(|a| {
            a.children_named("Version")
                .map(|v| v.trimmed().to_owned())
                .collect()
        })
        .unwrap_or_default();
    negotiate(&versions)?;
    let formats: Vec<String> = root
        .child("AcceptFormats")
        .map(|a| {
            a.children_named("OutputFormat")
                .map(|v| v.trimmed().to_owned())
                .collect()
        })
        .unwrap_or_default();
    accept_formats(&formats)?;
    let sections = root.child("Sections").map(|s| {
        s.children_named("Section")
            .map(|v| v.trimmed().to_owned())
            .collect()
    });
    Ok(Request::GetCapabilities(GetCapabilities {
        sections,
        update_sequence: root.attr("updateSequence").map(str::to_owned),
        // INSPIRE defines LANGUAGE for KVP only; an attribute is accepted the same way.
        language: root
            .attr("language")
            .or_else(|| root.attr("LANGUAGE"))
            .map(|l| l.trim().to_owned()),
    }))
}

fn describe_record(root: &Element) -> Result<Request> {
    if let Some(lang) = root.attr("schemaLanguage")
        && !lang.to_ascii_lowercase().contains("xml/schema")
        && !lang.eq_ignore_ascii_case("XMLSCHEMA")
    {
        return Err(Error::invalid(
            "schemaLanguage",
            format!("{lang:?} is not supported; use XML Schema"),
        ));
    }
    if let Some(f) = root
        .attr("outputFormat")
        .filter(|f| !matches!(*f, "application/xml" | "text/xml" | crate::json::MEDIA_TYPE))
    {
        return Err(Error::invalid(
            "outputFormat",
            format!("{f:?} is not supported; use application/xml"),
        ));
    }
    let names = root.children_named("TypeName").map(Element::trimmed);
    Ok(Request::DescribeRecord(DescribeRecord::named(names)?))
}

fn number<T: std::str::FromStr>(root: &Element, name: &str, default: T) -> Result<T> {
    root.attr(name).map_or(Ok(default), |v| {
        v.trim()
            .parse()
            .map_err(|_| Error::invalid(name, format!("{v:?} is not a non-negative integer")))
    })
}

/// `csw:Constraint` (ogc:Filter or csw:CqlText).
fn constraint(el: Option<&Element>) -> Result<Expr> {
    let Some(c) = el else { return Ok(Expr::All) };
    if let Some(other) = c
        .children
        .iter()
        .find(|f| f.local == "Filter" && f.ns != OGC)
    {
        return Err(Error::InvalidDocument(format!(
            "{{{}}}Filter where ogc:Filter or csw:CqlText is expected",
            other.ns
        )));
    }
    if let Some(filter) = c.child("Filter") {
        return Ok(moisson_filter::parse_filter(filter)?);
    }
    if let Some(cql) = c.child("CqlText") {
        return Ok(moisson_filter::parse_cql(cql.trimmed())?);
    }
    Err(Error::invalid(
        "Constraint",
        "csw:Constraint needs ogc:Filter or csw:CqlText",
    ))
}

/// What csw:Query may hold (CSW 2.0.2 `QueryType`).
const QUERY_CHILDREN: [&str; 4] = ["ElementSetName", "ElementName", "Constraint", "SortBy"];

fn get_records(root: &Element, text: &str) -> Result<GetRecords> {
    if let Some(f) = root
        .attr("outputFormat")
        .filter(|f| !matches!(*f, "application/xml" | "text/xml" | crate::json::MEDIA_TYPE))
    {
        return Err(Error::invalid(
            "outputFormat",
            format!("{f:?} is not supported; use application/xml"),
        ));
    }
    if root.child("ResponseHandler").is_some() {
        return Err(Error::invalid(
            "ResponseHandler",
            "asynchronous responses are not supported",
        ));
    }
    let query = root
        .child("Query")
        .ok_or_else(|| Error::MissingParameter("Query".to_owned()))?;
    if let Some(other) = query
        .children
        .iter()
        .find(|c| !QUERY_CHILDREN.contains(&c.local.as_str()))
    {
        return Err(Error::InvalidDocument(format!(
            "csw:Query holds {}; expected one of {}",
            other.local,
            QUERY_CHILDREN.join(", ")
        )));
    }
    let names = query
        .attr("typeNames")
        .ok_or_else(|| Error::MissingParameter("typeNames".to_owned()))?;
    // The constraint is judged first: a filter naming what no record holds is the error
    // the CITE assertions expect even when the type names are wrong too.
    let filter = constraint(query.child("Constraint"))?;
    let type_names = names
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(TypeName::parse)
        .collect::<Result<_>>()?;
    let names_asked: Vec<String> = query
        .children_named("ElementName")
        .map(|e| e.trimmed().to_owned())
        .collect();
    let elements = match (query.child("ElementSetName"), names_asked.is_empty()) {
        (Some(_), false) => {
            return Err(Error::invalid(
                "ElementName",
                "ElementSetName and ElementName are mutually exclusive",
            ));
        }
        (Some(set), true) => Elements::Set(parse_element_set(set.trimmed())?),
        (None, false) => element_names(names_asked)?,
        (None, true) => Elements::Set(ElementSet::Summary),
    };
    let start_position = number(root, "startPosition", 1u64)?;
    if start_position == 0 {
        return Err(Error::invalid("startPosition", "must be 1 or more"));
    }
    Ok(GetRecords {
        type_names,
        output_schema: root
            .attr("outputSchema")
            .map_or(Ok(OutputSchema::Csw), OutputSchema::parse)?,
        elements,
        result_type: root
            .attr("resultType")
            .map_or(Ok(ResultType::Hits), ResultType::parse)?,
        start_position,
        max_records: number(root, "maxRecords", 10u32)?,
        filter,
        sort: sort_by(query.child("SortBy"))?,
        request_id: root.attr("requestId").map(str::to_owned),
        echo: root.standalone(text, &[]),
    })
}

fn sort_by(el: Option<&Element>) -> Result<Vec<moisson_model::SortKey>> {
    let keys = el
        .map(|s| {
            s.children_named("SortProperty")
                .map(|p| {
                    let name = p.child_text("PropertyName").ok_or_else(|| {
                        Error::invalid("SortBy", "SortProperty without PropertyName")
                    })?;
                    sort_key(name, p.child_text("SortOrder").unwrap_or("ASC"))
                })
                .collect::<Result<Vec<_>>>()
        })
        .transpose()?
        .unwrap_or_default();
    Ok(with_tie_breaker(keys))
}

fn get_record_by_id(root: &Element) -> Result<Request> {
    let ids: Vec<String> = root
        .children_named("Id")
        .map(|e| e.trimmed().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return Err(Error::MissingParameter("Id".to_owned()));
    }
    Ok(Request::GetRecordById(GetRecordById {
        ids,
        elements: root
            .child("ElementSetName")
            .map_or(Ok(ElementSet::Summary), |e| parse_element_set(e.trimmed()))?,
        output_schema: root
            .attr("outputSchema")
            .map_or(Ok(OutputSchema::Csw), OutputSchema::parse)?,
    }))
}

fn get_domain(root: &Element) -> Result<Request> {
    if let Some(p) = root.child_text("ParameterName") {
        return Ok(Request::GetDomain(GetDomain::Parameter(p.to_owned())));
    }
    if let Some(p) = root.child_text("PropertyName") {
        return Ok(Request::GetDomain(GetDomain::Property(p.to_owned())));
    }
    Err(Error::MissingParameter("ParameterName".to_owned()))
}

fn harvest(root: &Element) -> Result<Request> {
    if root.child("ResponseHandler").is_some() {
        return Err(Error::invalid(
            "ResponseHandler",
            "asynchronous harvest is not supported; omit ResponseHandler",
        ));
    }
    let source = root
        .child_text("Source")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::MissingParameter("Source".to_owned()))?;
    let kind = root
        .child_text("ResourceType")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::MissingParameter("ResourceType".to_owned()))?;
    Ok(Request::Harvest(Harvest {
        source: source.to_owned(),
        resource_type: kind.to_owned(),
    }))
}

fn transaction(root: &Element, text: &str) -> Result<Request> {
    let mut actions = Vec::new();
    for action in &root.children {
        let records = || -> Vec<String> {
            action
                .children
                .iter()
                .filter(|c| !matches!(c.local.as_str(), "Constraint" | "RecordProperty"))
                .map(|c| c.standalone(text, &[root, action]))
                .collect()
        };
        actions.push(match action.local.as_str() {
            "Insert" => Action::Insert(records()),
            "Update" if action.child("RecordProperty").is_some() => {
                let properties = action
                    .children_named("RecordProperty")
                    .map(|p| {
                        let name = p.child_text("Name").ok_or_else(|| {
                            Error::MissingParameter("RecordProperty/Name".to_owned())
                        })?;
                        Ok((
                            name.to_owned(),
                            p.child_text("Value").unwrap_or_default().to_owned(),
                        ))
                    })
                    .collect::<Result<Vec<_>>>()?;
                let c = action
                    .child("Constraint")
                    .ok_or_else(|| Error::MissingParameter("Constraint".to_owned()))?;
                Action::UpdateProperties {
                    properties,
                    filter: constraint(Some(c))?,
                }
            }
            "Update" => Action::Replace(records()),
            "Delete" => {
                let c = action
                    .child("Constraint")
                    .ok_or_else(|| Error::MissingParameter("Constraint".to_owned()))?;
                Action::Delete(constraint(Some(c))?)
            }
            other => {
                return Err(Error::invalid(
                    "Transaction",
                    format!("unknown action {other}"),
                ));
            }
        });
    }
    if actions.is_empty() {
        return Err(Error::MissingParameter(
            "Insert, Update or Delete".to_owned(),
        ));
    }
    if actions
        .iter()
        .any(|a| matches!(a, Action::Insert(r) | Action::Replace(r) if r.is_empty()))
    {
        return Err(Error::invalid(
            "Transaction",
            "Insert or Update without a record",
        ));
    }
    Ok(Request::Transaction(Transaction { actions }))
}

#[cfg(test)]
mod tests;
