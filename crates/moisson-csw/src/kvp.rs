//! KVP requests (GET query string, or a POST form): parameter names are case-insensitive.

use moisson_iso::ElementSet;
use moisson_model::Expr;

use crate::error::{Error, Result};
use crate::request::{
    DescribeRecord, Elements, GetCapabilities, GetDomain, GetRecordById, GetRecords, Harvest,
    OutputSchema, Request, ResultType, TypeName, VERSION, element_names, parse_element_set,
    parse_sort_kvp, with_tie_breaker,
};
use crate::write::escape;

/// Decoded KVP parameters, keys lower-cased; a repeated key keeps its first value.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    #[must_use]
    pub fn from_query(query: &str) -> Self {
        let mut v: Vec<(String, String)> = Vec::new();
        for (k, val) in form_urlencoded::parse(query.as_bytes()) {
            let k = k.to_ascii_lowercase();
            if !v.iter().any(|(x, _)| *x == k) {
                v.push((k, val.into_owned()));
            }
        }
        Self(v)
    }

    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    fn required(&self, key: &str, locator: &str) -> Result<&str> {
        self.get(key)
            .ok_or_else(|| Error::MissingParameter(locator.to_owned()))
    }

    fn list(&self, key: &str) -> Vec<String> {
        self.get(key)
            .map(|v| {
                v.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Parses a KVP request.
pub fn parse(p: &Params) -> Result<Request> {
    let request = p.required("request", "request")?;
    check_service(p.get("service"))?;
    if request.eq_ignore_ascii_case("GetCapabilities") {
        return get_capabilities(p);
    }
    check_version(p.get("version"))?;
    match request.to_ascii_lowercase().as_str() {
        "describerecord" => describe_record(p),
        "getrecords" => get_records(p).map(|g| Request::GetRecords(Box::new(g))),
        "getrecordbyid" => get_record_by_id(p),
        "getdomain" => get_domain(p),
        "harvest" => harvest(p),
        "transaction" => Err(Error::OperationNotSupported(
            "Transaction is only accepted as XML over POST".to_owned(),
        )),
        // Not an operation name at all: the value of `request` is wrong (the CITE
        // assertions want InvalidParameterValue; OperationNotSupported is kept for
        // operations this service knows but does not offer this way).
        _ => Err(Error::invalid(
            "request",
            format!("{request:?} is not an operation of CSW 2.0.2"),
        )),
    }
}

pub fn check_service(service: Option<&str>) -> Result<()> {
    match service.map(str::trim) {
        None | Some("") => Err(Error::MissingParameter("service".to_owned())),
        Some(s) if s.eq_ignore_ascii_case("CSW") => Ok(()),
        Some(s) => Err(Error::invalid("service", format!("{s:?} is not CSW"))),
    }
}

pub fn check_version(version: Option<&str>) -> Result<()> {
    match version.map(str::trim) {
        None | Some("") => Err(Error::MissingParameter("version".to_owned())),
        Some(VERSION) => Ok(()),
        Some(v) => Err(Error::invalid(
            "version",
            format!("{v:?} is not supported; use 2.0.2"),
        )),
    }
}

/// AcceptVersions negotiation (OWS 1.0 §7.3.2).
pub fn negotiate(accept: &[String]) -> Result<()> {
    if accept.is_empty() || accept.iter().any(|v| v == VERSION) {
        Ok(())
    } else {
        Err(Error::VersionNegotiationFailed(accept.join(",")))
    }
}

/// AcceptFormats (OWS 1.0 §7.3.5): the capabilities are XML; a list without an XML type
/// cannot be answered.
pub fn accept_formats(formats: &[String]) -> Result<()> {
    let xml = |f: &String| matches!(f.trim(), "application/xml" | "text/xml");
    if formats.is_empty() || formats.iter().any(xml) {
        Ok(())
    } else {
        Err(Error::invalid(
            "acceptFormats",
            format!(
                "{}: the capabilities are application/xml",
                formats.join(",")
            ),
        ))
    }
}

fn get_capabilities(p: &Params) -> Result<Request> {
    negotiate(&p.list("acceptversions"))?;
    accept_formats(&p.list("acceptformats"))?;
    let sections = p.get("sections").map(|_| p.list("sections"));
    Ok(Request::GetCapabilities(GetCapabilities {
        sections,
        update_sequence: p.get("updatesequence").map(str::to_owned),
        language: p.get("language").map(|l| l.trim().to_owned()),
    }))
}

fn type_names(values: &[String]) -> Result<Vec<TypeName>> {
    values.iter().map(|t| TypeName::parse(t)).collect()
}

fn describe_record(p: &Params) -> Result<Request> {
    if let Some(lang) = p.get("schemalanguage")
        && !lang.to_ascii_lowercase().contains("xml/schema")
        && !lang.eq_ignore_ascii_case("XMLSCHEMA")
    {
        return Err(Error::invalid(
            "schemaLanguage",
            format!("{lang:?} is not supported; use XML Schema"),
        ));
    }
    let mut names = p.list("typename");
    names.extend(p.list("typenames"));
    output_format(p)?;
    Ok(Request::DescribeRecord(DescribeRecord::named(
        names.iter().map(String::as_str),
    )?))
}

fn output_format(p: &Params) -> Result<()> {
    match p.get("outputformat") {
        None | Some("application/xml" | "text/xml" | crate::json::MEDIA_TYPE) => Ok(()),
        Some(f) => Err(Error::invalid(
            "outputFormat",
            format!("{f:?} is not supported; use application/xml"),
        )),
    }
}

fn number<T: std::str::FromStr>(p: &Params, key: &str, locator: &str, default: T) -> Result<T> {
    p.get(key).map_or(Ok(default), |v| {
        v.trim()
            .parse()
            .map_err(|_| Error::invalid(locator, format!("{v:?} is not a non-negative integer")))
    })
}

fn constraint(p: &Params) -> Result<Expr> {
    let Some(text) = p.get("constraint") else {
        return Ok(Expr::All);
    };
    match p
        .get("constraintlanguage")
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        None => Err(Error::MissingParameter("CONSTRAINTLANGUAGE".to_owned())),
        Some("CQL_TEXT") => Ok(moisson_filter::parse_cql(text)?),
        Some("FILTER") => Ok(moisson_filter::parse_filter_xml(text)?),
        Some(other) => Err(Error::invalid(
            "CONSTRAINTLANGUAGE",
            format!("{other:?} is not FILTER or CQL_TEXT"),
        )),
    }
}

fn get_records(p: &Params) -> Result<GetRecords> {
    output_format(p)?;
    let names = p.list("typenames");
    if names.is_empty() {
        return Err(Error::MissingParameter("typeNames".to_owned()));
    }
    let elements = match (p.get("elementsetname"), p.get("elementname")) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid(
                "ElementName",
                "ElementSetName and ElementName are mutually exclusive",
            ));
        }
        (Some(set), None) => Elements::Set(parse_element_set(set)?),
        (None, Some(_)) => element_names(p.list("elementname"))?,
        (None, None) => Elements::Set(ElementSet::Summary),
    };
    let start_position = number(p, "startposition", "startPosition", 1u64)?;
    if start_position == 0 {
        return Err(Error::invalid("startPosition", "must be 1 or more"));
    }
    let mut g = GetRecords {
        type_names: type_names(&names)?,
        output_schema: p
            .get("outputschema")
            .map_or(Ok(OutputSchema::Csw), OutputSchema::parse)?,
        elements,
        result_type: p
            .get("resulttype")
            .map_or(Ok(ResultType::Hits), ResultType::parse)?,
        start_position,
        max_records: number(p, "maxrecords", "maxRecords", 10u32)?,
        filter: constraint(p)?,
        sort: p
            .get("sortby")
            .map_or_else(|| Ok(with_tie_breaker(Vec::new())), parse_sort_kvp)?,
        request_id: p.get("requestid").map(str::to_owned),
        echo: String::new(),
    };
    g.echo = echo(&g, p);
    Ok(g)
}

/// A KVP request echoed as a schema-valid csw:GetRecords (for `resultType=validate`);
/// the constraint itself is not echoed.
fn echo(g: &GetRecords, p: &Params) -> String {
    let types = p.list("typenames").join(" ");
    let elements = match &g.elements {
        Elements::Set(set) => format!(
            "<csw:ElementSetName>{}</csw:ElementSetName>",
            crate::request::element_set_name(*set)
        ),
        Elements::Names(names) => names
            .iter()
            .map(|n| format!("<csw:ElementName>{}</csw:ElementName>", escape(n)))
            .collect(),
    };
    format!(
        r#"<csw:GetRecords xmlns:csw="{}" service="CSW" version="2.0.2" resultType="validate" startPosition="{}" maxRecords="{}" outputSchema="{}"><csw:Query typeNames="{}">{elements}</csw:Query></csw:GetRecords>"#,
        moisson_iso::ns::CSW,
        g.start_position,
        g.max_records,
        g.output_schema.uri(),
        escape(&types)
    )
}

fn get_record_by_id(p: &Params) -> Result<Request> {
    output_format(p)?;
    let ids = p.list("id");
    if ids.is_empty() {
        return Err(Error::MissingParameter("id".to_owned()));
    }
    Ok(Request::GetRecordById(GetRecordById {
        ids,
        elements: p
            .get("elementsetname")
            .map_or(Ok(ElementSet::Summary), parse_element_set)?,
        output_schema: p
            .get("outputschema")
            .map_or(Ok(OutputSchema::Csw), OutputSchema::parse)?,
    }))
}

fn get_domain(p: &Params) -> Result<Request> {
    match (p.get("parametername"), p.get("propertyname")) {
        (Some(name), _) => Ok(Request::GetDomain(GetDomain::Parameter(
            name.trim().to_owned(),
        ))),
        (None, Some(name)) => Ok(Request::GetDomain(GetDomain::Property(
            name.trim().to_owned(),
        ))),
        (None, None) => Err(Error::MissingParameter("ParameterName".to_owned())),
    }
}

fn harvest(p: &Params) -> Result<Request> {
    if p.get("responsehandler").is_some() {
        return Err(Error::invalid(
            "ResponseHandler",
            "asynchronous harvest is not supported; omit ResponseHandler",
        ));
    }
    Ok(Request::Harvest(Harvest {
        source: p.required("source", "Source")?.trim().to_owned(),
        resource_type: p
            .required("resourcetype", "ResourceType")?
            .trim()
            .to_owned(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(q: &str) -> Result<Request> {
        parse(&Params::from_query(q))
    }

    fn code(r: Result<Request>) -> (&'static str, Option<String>) {
        r.expect_err("error").exception_code()
    }

    #[test]
    fn get_records_defaults_and_values() {
        let Ok(Request::GetRecords(g)) = req(
            "SERVICE=CSW&version=2.0.2&REQUEST=GetRecords&typeNames=csw:Record&sortby=dc:title:D&elementsetname=full&resulttype=results&startPosition=11&maxRecords=5&constraintlanguage=CQL_TEXT&constraint=dc:title%20like%20%27%25a%25%27",
        ) else {
            panic!("not GetRecords")
        };
        assert_eq!(
            (g.start_position, g.max_records, g.result_type),
            (11, 5, ResultType::Results)
        );
        assert_eq!(g.elements, Elements::Set(ElementSet::Full));
        assert_eq!(g.sort.len(), 2);
        assert!(matches!(g.filter, Expr::Like { .. }));
        let Ok(Request::GetRecords(g)) =
            req("service=CSW&version=2.0.2&request=GetRecords&typenames=gmd:MD_Metadata")
        else {
            panic!()
        };
        assert_eq!(
            (g.result_type, g.start_position, g.max_records),
            (ResultType::Hits, 1, 10)
        );
    }

    #[test]
    fn capabilities_formats_and_describe_type_names() {
        assert_eq!(
            code(req(
                "service=CSW&request=GetCapabilities&acceptformats=message/example"
            )),
            ("InvalidParameterValue", Some("acceptFormats".to_owned()))
        );
        assert!(req("service=CSW&request=GetCapabilities&acceptformats=text/xml").is_ok());
        let describe = |names: &str| {
            req(&format!(
                "service=CSW&version=2.0.2&request=DescribeRecord&typename={names}"
            ))
        };
        assert_eq!(
            code(describe("Record")),
            ("InvalidParameterValue", Some("TypeName".to_owned()))
        );
        let Ok(Request::DescribeRecord(d)) = describe("csw:Dummy,csw:Record") else {
            panic!("DescribeRecord")
        };
        assert_eq!(d.type_names, Some(vec![TypeName::Record]));
    }

    #[test]
    fn exceptions_have_codes_and_locators() {
        assert_eq!(
            code(req("service=CSW")),
            ("MissingParameterValue", Some("request".to_owned()))
        );
        assert_eq!(
            code(req("request=GetCapabilities")),
            ("MissingParameterValue", Some("service".to_owned()))
        );
        assert_eq!(
            code(req("service=WMS&request=GetCapabilities")).0,
            "InvalidParameterValue"
        );
        assert_eq!(
            code(req(
                "service=CSW&request=GetCapabilities&acceptversions=1.0.0,3.0.0"
            ))
            .0,
            "VersionNegotiationFailed"
        );
        assert_eq!(
            code(req("service=CSW&request=GetRecords&typenames=csw:Record"))
                .1
                .as_deref(),
            Some("version")
        );
        assert_eq!(
            code(req("service=CSW&version=2.0.2&request=Foo")),
            ("InvalidParameterValue", Some("request".to_owned()))
        );
        assert_eq!(
            code(req("service=CSW&version=2.0.2&request=GetRecords")),
            ("MissingParameterValue", Some("typeNames".to_owned()))
        );
        let bad = [
            ("typenames=csw:Record&resulttype=all", "resultType"),
            ("typenames=csw:Record&maxrecords=-1", "maxRecords"),
            ("typenames=csw:Record&startposition=0", "startPosition"),
            ("typenames=foo:Bar", "typeNames"),
            ("typenames=csw:Record&outputschema=urn:x", "outputSchema"),
            ("typenames=csw:Record&elementsetname=huge", "ElementSetName"),
            (
                "typenames=csw:Record&constraintlanguage=CQL_TEXT&constraint=dc:title%3D",
                "Constraint",
            ),
            ("typenames=csw:Record&sortby=dct:abstract:A", "SortBy"),
            ("typenames=csw:Record&elementname=dc:foo", "ElementName"),
        ];
        for (q, locator) in bad {
            let got = code(req(&format!(
                "service=CSW&version=2.0.2&request=GetRecords&{q}"
            )));
            assert_eq!(
                got,
                ("InvalidParameterValue", Some(locator.to_owned())),
                "{q}"
            );
        }
        assert_eq!(
            code(req(
                "service=CSW&version=2.0.2&request=GetRecords&typenames=csw:Record&constraint=x"
            ))
            .0,
            "MissingParameterValue"
        );
    }
}
