//! GetCapabilities: service identification and provider from the configuration,
//! operations with their real parameter domains and queryables, Filter_Capabilities and
//! the INSPIRE Discovery Service extended capabilities.

use moisson_iso::ns::{CSW, GML, OWS, XLINK, XSI};

use crate::CswState;
use crate::config::CswConfig;
use crate::error::{Error, Result};
use crate::request::{GetCapabilities, OutputSchema};
use crate::write::{Xml, ns};

const SECTIONS: [&str; 5] = [
    "ServiceIdentification",
    "ServiceProvider",
    "OperationsMetadata",
    "Filter_Capabilities",
    "All",
];
const TYPE_NAMES: &[&str] = &["csw:Record", "gmd:MD_Metadata"];
/// What Transaction and Harvest read.
const SCHEMAS: &[&str] = &[OutputSchema::CSW_URI, OutputSchema::GMD_URI];
/// What GetRecords and GetRecordById write.
const OUTPUT_SCHEMAS: &[&str] = &[
    OutputSchema::CSW_URI,
    OutputSchema::GMD_URI,
    OutputSchema::DCAT_URI,
    OutputSchema::ATOM_URI,
    OutputSchema::MDB_URI,
];
const XML_FORMATS: &[&str] = &["application/xml", crate::json::MEDIA_TYPE];
const ELEMENT_SETS: &[&str] = &["brief", "summary", "full"];

/// Parameter domains, per operation: what capabilities advertise and GetDomain answers.
pub const PARAMETERS: &[(&str, &str, &[&str])] = &[
    ("GetCapabilities", "sections", &SECTIONS),
    ("DescribeRecord", "typeName", TYPE_NAMES),
    ("DescribeRecord", "outputFormat", XML_FORMATS),
    (
        "DescribeRecord",
        "schemaLanguage",
        &["http://www.w3.org/XML/Schema"],
    ),
    ("GetRecords", "typeNames", TYPE_NAMES),
    ("GetRecords", "outputFormat", XML_FORMATS),
    ("GetRecords", "outputSchema", OUTPUT_SCHEMAS),
    ("GetRecords", "resultType", &["hits", "results", "validate"]),
    ("GetRecords", "ElementSetName", ELEMENT_SETS),
    ("GetRecords", "CONSTRAINTLANGUAGE", &["FILTER", "CQL_TEXT"]),
    ("GetRecordById", "outputSchema", OUTPUT_SCHEMAS),
    ("GetRecordById", "outputFormat", XML_FORMATS),
    ("GetRecordById", "ElementSetName", ELEMENT_SETS),
    (
        "GetDomain",
        "ParameterName",
        &[
            "GetCapabilities.sections",
            "DescribeRecord.typeName",
            "DescribeRecord.outputFormat",
            "DescribeRecord.schemaLanguage",
            "GetRecords.typeNames",
            "GetRecords.outputFormat",
            "GetRecords.outputSchema",
            "GetRecords.resultType",
            "GetRecords.ElementSetName",
            "GetRecords.CONSTRAINTLANGUAGE",
            "GetRecordById.outputSchema",
            "GetRecordById.outputFormat",
            "GetRecordById.ElementSetName",
            "Transaction.TransactionSchemas",
            "Harvest.ResourceType",
        ],
    ),
    ("Transaction", "TransactionSchemas", SCHEMAS),
    ("Harvest", "ResourceType", SCHEMAS),
];

const OPERATIONS: [&str; 7] = [
    "GetCapabilities",
    "DescribeRecord",
    "GetRecords",
    "GetRecordById",
    "GetDomain",
    "Transaction",
    "Harvest",
];

pub fn get_capabilities(state: &CswState, r: &GetCapabilities) -> Result<String> {
    check_update_sequence(r.update_sequence.as_deref(), &state.update_sequence)?;
    let wanted = sections(r.sections.as_deref())?;
    let has = |s: &str| wanted.iter().any(|w| w == s || w == "All");
    let location = format!("{CSW} {}", ns::CSW_SCHEMA);
    let root = [
        ("xmlns:csw", CSW),
        ("xmlns:ows", OWS),
        ("xmlns:ogc", ns::OGC),
        ("xmlns:gml", GML),
        ("xmlns:xlink", XLINK),
        ("xmlns:xsi", XSI),
        ("xmlns:inspire_ds", ns::INSPIRE_DS),
        ("xmlns:inspire_common", ns::INSPIRE_COMMON),
        ("xsi:schemaLocation", location.as_str()),
        ("version", "2.0.2"),
        ("updateSequence", state.update_sequence.as_str()),
    ];
    let mut x = Xml::new();
    x.with("csw:Capabilities", &root, |x| {
        if has("ServiceIdentification") {
            service_identification(x, &state.config);
        }
        if has("ServiceProvider") {
            service_provider(x, &state.config, &state.public_url);
        }
        if has("OperationsMetadata") {
            operations_metadata(x, state, r.language.as_deref());
        }
        filter_capabilities(x);
    });
    Ok(x.finish())
}

fn check_update_sequence(given: Option<&str>, current: &str) -> Result<()> {
    let Some(given) = given.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(());
    };
    match (given.parse::<u64>(), current.parse::<u64>()) {
        (Ok(g), Ok(c)) if g == c => Err(Error::CurrentUpdateSequence(given.to_owned())),
        (Ok(g), Ok(c)) if g > c => Err(Error::InvalidUpdateSequence(given.to_owned())),
        _ => Ok(()),
    }
}

fn sections(requested: Option<&[String]>) -> Result<Vec<String>> {
    let Some(list) = requested.filter(|l| !l.is_empty()) else {
        return Ok(vec!["All".to_owned()]);
    };
    for s in list {
        if !SECTIONS.contains(&s.as_str()) {
            return Err(Error::invalid("sections", format!("unknown section {s:?}")));
        }
    }
    Ok(list.to_vec())
}

fn service_identification(x: &mut Xml, c: &CswConfig) {
    x.with("ows:ServiceIdentification", &[], |x| {
        x.leaf("ows:Title", &[], &c.title);
        x.leaf("ows:Abstract", &[], &c.abstract_text);
        x.with("ows:Keywords", &[], |x| {
            for k in &c.keywords {
                x.leaf("ows:Keyword", &[], k);
            }
        });
        x.leaf("ows:ServiceType", &[], "CSW");
        x.leaf("ows:ServiceTypeVersion", &[], "2.0.2");
        x.leaf("ows:Fees", &[], &c.fees);
        x.leaf("ows:AccessConstraints", &[], &c.access_constraints);
    });
}

fn service_provider(x: &mut Xml, c: &CswConfig, public_url: &str) {
    let p = &c.provider;
    let site = if p.site.is_empty() {
        public_url
    } else {
        &p.site
    };
    let opt = |x: &mut Xml, name: &str, v: &str| {
        if !v.is_empty() {
            x.leaf(name, &[], v);
        }
    };
    x.with("ows:ServiceProvider", &[], |x| {
        x.leaf("ows:ProviderName", &[], &p.name);
        x.empty(
            "ows:ProviderSite",
            &[("xlink:type", "simple"), ("xlink:href", site)],
        );
        x.with("ows:ServiceContact", &[], |x| {
            opt(x, "ows:IndividualName", &p.individual_name);
            opt(x, "ows:PositionName", &p.position_name);
            x.with("ows:ContactInfo", &[], |x| {
                x.with("ows:Phone", &[], |x| opt(x, "ows:Voice", &p.phone));
                x.with("ows:Address", &[], |x| {
                    opt(x, "ows:DeliveryPoint", &p.delivery_point);
                    opt(x, "ows:City", &p.city);
                    opt(x, "ows:AdministrativeArea", &p.administrative_area);
                    opt(x, "ows:PostalCode", &p.postal_code);
                    opt(x, "ows:Country", &p.country);
                    opt(x, "ows:ElectronicMailAddress", &p.email);
                });
                x.empty(
                    "ows:OnlineResource",
                    &[("xlink:type", "simple"), ("xlink:href", site)],
                );
            });
            x.leaf("ows:Role", &[], &p.role);
        });
    });
}

fn values(x: &mut Xml, element: &str, name: &str, values: &[&str]) {
    x.with(element, &[("name", name)], |x| {
        for v in values {
            x.leaf("ows:Value", &[], v);
        }
    });
}

fn operations_metadata(x: &mut Xml, state: &CswState, language: Option<&str>) {
    let endpoint = state.endpoint();
    let get = format!("{endpoint}?");
    x.with("ows:OperationsMetadata", &[], |x| {
        for op in OPERATIONS {
            x.with("ows:Operation", &[("name", op)], |x| {
                x.with("ows:DCP", &[], |x| {
                    x.with("ows:HTTP", &[], |x| {
                        if op != "Transaction" {
                            x.empty("ows:Get", &[("xlink:type", "simple"), ("xlink:href", &get)]);
                        }
                        x.empty(
                            "ows:Post",
                            &[("xlink:type", "simple"), ("xlink:href", &endpoint)],
                        );
                    });
                });
                for (_, name, vs) in PARAMETERS.iter().filter(|(o, ..)| *o == op) {
                    values(x, "ows:Parameter", name, vs);
                }
                if op == "GetRecords" {
                    values(
                        x,
                        "ows:Constraint",
                        "SupportedDublinCoreQueryables",
                        moisson_filter::queryables::CORE,
                    );
                    values(
                        x,
                        "ows:Constraint",
                        "SupportedISOQueryables",
                        moisson_filter::queryables::APISO,
                    );
                }
            });
        }
        values(x, "ows:Parameter", "service", &["CSW"]);
        values(x, "ows:Parameter", "version", &["2.0.2"]);
        values(x, "ows:Constraint", "PostEncoding", &["XML"]);
        if state.config.inspire.enabled {
            inspire(x, state, language);
        }
    });
}

fn inspire(x: &mut Xml, state: &CswState, language: Option<&str>) {
    let c = &state.config;
    let i = &c.inspire;
    let url = format!(
        "{}?service=CSW&version=2.0.2&request=GetCapabilities",
        state.endpoint()
    );
    let org = if i.contact_organisation.is_empty() {
        &c.provider.name
    } else {
        &i.contact_organisation
    };
    let email = if i.contact_email.is_empty() {
        &c.provider.email
    } else {
        &i.contact_email
    };
    x.with("ows:ExtendedCapabilities", &[], |x| {
        x.with("inspire_ds:ExtendedCapabilities", &[], |x| {
            x.with("inspire_common:ResourceLocator", &[], |x| x.leaf("inspire_common:URL", &[], &url));
            x.leaf("inspire_common:ResourceType", &[], "service");
            x.with("inspire_common:TemporalReference", &[], |x| x.leaf("inspire_common:DateOfLastRevision", &[], &i.date));
            x.with("inspire_common:Conformity", &[], |x| {
                x.with("inspire_common:Specification", &[], |x| {
                    x.leaf("inspire_common:Title", &[], "COMMISSION REGULATION (EC) No 976/2009 of 19 October 2009 implementing Directive 2007/2/EC of the European Parliament and of the Council as regards the Network Services");
                    x.leaf("inspire_common:DateOfPublication", &[], "2009-10-20");
                    x.leaf("inspire_common:URI", &[], "OJ:L:2009:274:0009:0018:EN:PDF");
                });
                x.leaf("inspire_common:Degree", &[], &i.conformity);
            });
            x.with("inspire_common:MetadataPointOfContact", &[], |x| {
                x.leaf("inspire_common:OrganisationName", &[], org);
                x.leaf("inspire_common:EmailAddress", &[], email);
            });
            x.leaf("inspire_common:MetadataDate", &[], &i.date);
            x.leaf("inspire_common:SpatialDataServiceType", &[], "discovery");
            x.with("inspire_common:MandatoryKeyword", &[], |x| x.leaf("inspire_common:KeywordValue", &[], "infoCatalogueService"));
            languages(x, &i.languages, language);
        });
    });
}

/// The supported languages, and the response language: the requested one when supported
/// (INSPIRE Discovery TG, `LANGUAGE`), else the default (the first configured).
fn languages(x: &mut Xml, langs: &[String], requested: Option<&str>) {
    let default = langs.first().map_or("eng", String::as_str);
    let response = requested
        .and_then(|r| langs.iter().find(|l| l.eq_ignore_ascii_case(r)))
        .map_or(default, String::as_str);
    x.with("inspire_common:SupportedLanguages", &[], |x| {
        x.with("inspire_common:DefaultLanguage", &[], |x| {
            x.leaf("inspire_common:Language", &[], default)
        });
        for l in langs.iter().skip(1) {
            x.with("inspire_common:SupportedLanguage", &[], |x| {
                x.leaf("inspire_common:Language", &[], l)
            });
        }
    });
    x.with("inspire_common:ResponseLanguage", &[], |x| {
        x.leaf("inspire_common:Language", &[], response)
    });
}

fn filter_capabilities(x: &mut Xml) {
    x.with("ogc:Filter_Capabilities", &[], |x| {
        x.with("ogc:Spatial_Capabilities", &[], |x| {
            x.with("ogc:GeometryOperands", &[], |x| {
                for g in ["gml:Envelope", "gml:Point", "gml:LineString", "gml:Polygon"] {
                    x.leaf("ogc:GeometryOperand", &[], g);
                }
            });
            x.with("ogc:SpatialOperators", &[], |x| {
                for op in [
                    "BBOX",
                    "Equals",
                    "Disjoint",
                    "Intersects",
                    "Touches",
                    "Crosses",
                    "Within",
                    "Contains",
                    "Overlaps",
                ] {
                    x.empty("ogc:SpatialOperator", &[("name", op)]);
                }
            });
        });
        x.with("ogc:Scalar_Capabilities", &[], |x| {
            x.empty("ogc:LogicalOperators", &[]);
            x.with("ogc:ComparisonOperators", &[], |x| {
                for op in [
                    "EqualTo",
                    "NotEqualTo",
                    "LessThan",
                    "GreaterThan",
                    "LessThanEqualTo",
                    "GreaterThanEqualTo",
                    "Like",
                    "Between",
                    "NullCheck",
                ] {
                    x.leaf("ogc:ComparisonOperator", &[], op);
                }
            });
        });
        x.with("ogc:Id_Capabilities", &[], |x| {
            x.empty("ogc:EID", &[]);
            x.empty("ogc:FID", &[]);
        });
    });
}
