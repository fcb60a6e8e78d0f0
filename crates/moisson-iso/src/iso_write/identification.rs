//! MD_DataIdentification / SV_ServiceIdentification, in schema order.

use moisson_model::{
    Constraint, ConstraintKind, GraphicOverview, KeywordGroup, Record, Resolution,
};

use super::values::{
    anchored, ci_date, citation, code, free_text, identifier, language, nil, opt_string, string,
};
use super::{contact, extent, service};
use crate::xml::Xml;

pub(crate) fn write(x: &mut Xml, r: &Record) {
    match &r.service {
        Some(svc) => x.with("srv:SV_ServiceIdentification", &[], |x| {
            common(x, r);
            service::write(x, r, svc);
        }),
        None => x.with("gmd:MD_DataIdentification", &[], |x| {
            common(x, r);
            data(x, r);
        }),
    }
}

/// The AbstractMD_Identification part shared by data and services.
fn common(x: &mut Xml, r: &Record) {
    x.with("gmd:citation", &[], |x| {
        x.with("gmd:CI_Citation", &[], |x| resource_citation(x, r));
    });
    free_text(x, "gmd:abstract", &r.abstract_text, &r.abstract_i18n);
    opt_string(x, "gmd:purpose", r.purpose.as_deref());
    for status in &r.status {
        code(x, "gmd:status", "gmd:MD_ProgressCode", Some(status));
    }
    for c in &r.contacts {
        contact::party(x, "gmd:pointOfContact", c);
    }
    if let Some(freq) = &r.maintenance_frequency {
        x.with("gmd:resourceMaintenance", &[], |x| {
            x.with("gmd:MD_MaintenanceInformation", &[], |x| {
                code(
                    x,
                    "gmd:maintenanceAndUpdateFrequency",
                    "gmd:MD_MaintenanceFrequencyCode",
                    Some(freq),
                );
            });
        });
    }
    for o in &r.overviews {
        overview(x, o);
    }
    for group in &r.keywords {
        keywords(x, group);
    }
    for c in &r.constraints {
        constraint(x, c);
    }
    for related in &r.relations {
        aggregate(x, related);
    }
}

/// A related resource by its identifier (Dublin Core's dc:relation): crossReference is
/// the association type that says no more than "related".
fn aggregate(x: &mut Xml, related: &str) {
    x.with("gmd:aggregationInfo", &[], |x| {
        x.with("gmd:MD_AggregateInformation", &[], |x| {
            x.with("gmd:aggregateDataSetIdentifier", &[], |x| {
                x.with("gmd:MD_Identifier", &[], |x| string(x, "gmd:code", related));
            });
            code(
                x,
                "gmd:associationType",
                "gmd:DS_AssociationTypeCode",
                Some("crossReference"),
            );
        });
    });
}

fn resource_citation(x: &mut Xml, r: &Record) {
    free_text(x, "gmd:title", &r.title, &r.title_i18n);
    for alt in &r.alternate_titles {
        string(x, "gmd:alternateTitle", alt);
    }
    if r.dates.is_empty() {
        nil(x, "gmd:date");
    }
    for d in &r.dates {
        ci_date(x, Some(&d.date), Some(&d.kind));
    }
    for id in &r.identifiers {
        x.with("gmd:identifier", &[], |x| identifier(x, id, false));
    }
}

/// The MD_DataIdentification-only part.
fn data(x: &mut Xml, r: &Record) {
    for res in &r.spatial_resolutions {
        x.with("gmd:spatialResolution", &[], |x| {
            x.with("gmd:MD_Resolution", &[], |x| resolution(x, res));
        });
    }
    if r.resource_languages.is_empty() {
        nil(x, "gmd:language");
    }
    for lang in &r.resource_languages {
        language(x, "gmd:language", lang);
    }
    for topic in r
        .topic_categories
        .iter()
        .filter(|t| crate::topic::is_iso(t))
    {
        x.with("gmd:topicCategory", &[], |x| {
            x.leaf("gmd:MD_TopicCategoryCode", &[], topic);
        });
    }
    extent::write(x, "gmd:extent", r);
}

fn resolution(x: &mut Xml, res: &Resolution) {
    match res {
        Resolution::ScaleDenominator(n) => x.with("gmd:equivalentScale", &[], |x| {
            x.with("gmd:MD_RepresentativeFraction", &[], |x| {
                x.with("gmd:denominator", &[], |x| {
                    x.leaf("gco:Integer", &[], &n.to_string());
                });
            });
        }),
        Resolution::Distance { value, uom } => x.with("gmd:distance", &[], |x| {
            x.leaf(
                "gco:Distance",
                &[("uom", uom.as_deref().unwrap_or_default())],
                &value.to_string(),
            );
        }),
    }
}

fn overview(x: &mut Xml, o: &GraphicOverview) {
    x.with("gmd:graphicOverview", &[], |x| {
        x.with("gmd:MD_BrowseGraphic", &[], |x| {
            string(x, "gmd:fileName", &o.url);
            opt_string(x, "gmd:fileDescription", o.description.as_deref());
            opt_string(x, "gmd:fileType", o.file_type.as_deref());
        });
    });
}

fn keywords(x: &mut Xml, group: &KeywordGroup) {
    x.with("gmd:descriptiveKeywords", &[], |x| {
        x.with("gmd:MD_Keywords", &[], |x| {
            if group.keywords.is_empty() {
                nil(x, "gmd:keyword");
            }
            for k in &group.keywords {
                anchored(x, "gmd:keyword", k);
            }
            if let Some(kind) = &group.kind {
                code(x, "gmd:type", "gmd:MD_KeywordTypeCode", Some(kind));
            }
            if let Some(t) = &group.thesaurus {
                x.with("gmd:thesaurusName", &[], |x| {
                    citation(x, &t.title, t.date.as_deref(), t.date_kind.as_deref());
                });
            }
        });
    });
}

fn constraint(x: &mut Xml, c: &Constraint) {
    let element = match c.kind {
        ConstraintKind::Plain => "gmd:MD_Constraints",
        ConstraintKind::Legal => "gmd:MD_LegalConstraints",
        ConstraintKind::Security => "gmd:MD_SecurityConstraints",
    };
    x.with("gmd:resourceConstraints", &[], |x| {
        x.with(element, &[], |x| {
            for u in &c.use_limitations {
                anchored(x, "gmd:useLimitation", u);
            }
            match c.kind {
                ConstraintKind::Plain => {}
                ConstraintKind::Legal => legal(x, c),
                ConstraintKind::Security => {
                    code(
                        x,
                        "gmd:classification",
                        "gmd:MD_ClassificationCode",
                        c.classification.as_deref(),
                    );
                }
            }
        });
    });
}

fn legal(x: &mut Xml, c: &Constraint) {
    for a in &c.access_constraints {
        code(
            x,
            "gmd:accessConstraints",
            "gmd:MD_RestrictionCode",
            Some(a),
        );
    }
    for u in &c.use_constraints {
        code(x, "gmd:useConstraints", "gmd:MD_RestrictionCode", Some(u));
    }
    for o in c.other_constraints.iter().chain(&c.licence) {
        anchored(x, "gmd:otherConstraints", o);
    }
}
