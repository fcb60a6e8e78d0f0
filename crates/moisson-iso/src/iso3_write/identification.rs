//! mri:MD_DataIdentification or srv:SV_ServiceIdentification, in schema order.

use moisson_model::{
    Constraint, ConstraintKind, GeographicExtent, KeywordGroup, Record, Resolution,
    ResourceIdentifier, ServiceInfo, TemporalExtent,
};

use super::contact;
use super::distribution::online;
use super::values::{
    anchored, ci_date, citation, code, free_text, identifier, locale, opt_string, string,
};
use crate::xml::Xml;

pub(crate) fn write(x: &mut Xml, r: &Record) {
    let element = if r.service.is_some() {
        "srv:SV_ServiceIdentification"
    } else {
        "mri:MD_DataIdentification"
    };
    x.with(element, &[], |x| {
        identification(x, r);
        match &r.service {
            Some(service) => write_service(x, service),
            None => {
                let mut languages = r.resource_languages.iter();
                if let Some(first) = languages.next() {
                    locale(x, "mri:defaultLocale", Some(first), None);
                }
                for other in languages {
                    locale(x, "mri:otherLocale", Some(other), None);
                }
            }
        }
    });
}

fn identification(x: &mut Xml, r: &Record) {
    x.with("mri:citation", &[], |x| {
        x.with("cit:CI_Citation", &[], |x| {
            free_text(x, "cit:title", &r.title, &r.title_i18n);
            for alt in &r.alternate_titles {
                string(x, "cit:alternateTitle", alt);
            }
            for d in &r.dates {
                ci_date(x, "cit:date", &d.date, Some(&d.kind));
            }
            for id in &r.identifiers {
                x.with("cit:identifier", &[], |x| identifier(x, id));
            }
        });
    });
    free_text(x, "mri:abstract", &r.abstract_text, &r.abstract_i18n);
    opt_string(x, "mri:purpose", r.purpose.as_deref());
    for status in &r.status {
        code(x, "mri:status", "mcc:MD_ProgressCode", Some(status));
    }
    for c in &r.contacts {
        contact::responsibility(x, "mri:pointOfContact", c);
    }
    for res in &r.spatial_resolutions {
        x.with("mri:spatialResolution", &[], |x| {
            x.with("mri:MD_Resolution", &[], |x| resolution(x, res));
        });
    }
    for topic in &r.topic_categories {
        x.with("mri:topicCategory", &[], |x| {
            x.leaf("mri:MD_TopicCategoryCode", &[], topic);
        });
    }
    for e in &r.extents {
        x.with("mri:extent", &[], |x| geographic(x, e));
    }
    for (i, t) in r.temporal_extents.iter().enumerate() {
        x.with("mri:extent", &[], |x| temporal(x, t, i));
    }
    if let Some(frequency) = &r.maintenance_frequency {
        x.with("mri:resourceMaintenance", &[], |x| {
            x.with("mmi:MD_MaintenanceInformation", &[], |x| {
                let list = "mmi:MD_MaintenanceFrequencyCode";
                code(
                    x,
                    "mmi:maintenanceAndUpdateFrequency",
                    list,
                    Some(frequency),
                );
            });
        });
    }
    for o in &r.overviews {
        x.with("mri:graphicOverview", &[], |x| {
            x.with("mcc:MD_BrowseGraphic", &[], |x| {
                string(x, "mcc:fileName", &o.url);
                opt_string(x, "mcc:fileDescription", o.description.as_deref());
                opt_string(x, "mcc:fileType", o.file_type.as_deref());
            });
        });
    }
    for k in &r.keywords {
        x.with("mri:descriptiveKeywords", &[], |x| keywords(x, k));
    }
    for c in &r.constraints {
        x.with("mri:resourceConstraints", &[], |x| constraint(x, c));
    }
    for related in &r.relations {
        associated(x, related);
    }
}

/// A related resource by its identifier (Dublin Core's dc:relation), named by a citation
/// that carries it; crossReference says no more than "related".
fn associated(x: &mut Xml, related: &str) {
    x.with("mri:associatedResource", &[], |x| {
        x.with("mri:MD_AssociatedResource", &[], |x| {
            x.with("mri:name", &[], |x| {
                x.with("cit:CI_Citation", &[], |x| {
                    string(x, "cit:title", related);
                    let id = ResourceIdentifier {
                        code: related.to_owned(),
                        ..ResourceIdentifier::default()
                    };
                    x.with("cit:identifier", &[], |x| identifier(x, &id));
                });
            });
            code(
                x,
                "mri:associationType",
                "mri:DS_AssociationTypeCode",
                Some("crossReference"),
            );
        });
    });
}

fn resolution(x: &mut Xml, res: &Resolution) {
    match res {
        Resolution::ScaleDenominator(n) => x.with("mri:equivalentScale", &[], |x| {
            x.with("mri:MD_RepresentativeFraction", &[], |x| {
                x.with("mri:denominator", &[], |x| {
                    x.leaf("gco:Integer", &[], &n.to_string());
                });
            });
        }),
        Resolution::Distance { value, uom } => x.with("mri:distance", &[], |x| {
            let uom = uom.as_deref().unwrap_or("m");
            x.leaf("gco:Distance", &[("uom", uom)], &value.to_string());
        }),
    }
}

/// One EX_Extent per box or place name, as the reader gives them back.
fn geographic(x: &mut Xml, e: &GeographicExtent) {
    x.with("gex:EX_Extent", &[], |x| {
        opt_string(x, "gex:description", e.description.as_deref());
        let Some(b) = e.bbox else { return };
        x.with("gex:geographicElement", &[], |x| {
            x.with("gex:EX_GeographicBoundingBox", &[], |x| {
                for (name, value) in [
                    ("gex:westBoundLongitude", b.west),
                    ("gex:eastBoundLongitude", b.east),
                    ("gex:southBoundLatitude", b.south),
                    ("gex:northBoundLatitude", b.north),
                ] {
                    x.with(name, &[], |x| {
                        x.leaf("gco:Decimal", &[], &value.to_string())
                    });
                }
            });
        });
    });
}

fn temporal(x: &mut Xml, t: &TemporalExtent, index: usize) {
    let id = format!("t{}", index + 1);
    x.with("gex:EX_Extent", &[], |x| {
        x.with("gex:temporalElement", &[], |x| {
            x.with("gex:EX_TemporalExtent", &[], |x| {
                x.with("gex:extent", &[], |x| time(x, t, &id));
            });
        });
    });
}

fn time(x: &mut Xml, t: &TemporalExtent, id: &str) {
    if let (Some(begin), false) = (&t.begin, t.end_is_now)
        && t.end.as_ref() == Some(begin)
    {
        return x.with("gml:TimeInstant", &[("gml:id", id)], |x| {
            x.leaf("gml:timePosition", &[], begin);
        });
    }
    x.with("gml:TimePeriod", &[("gml:id", id)], |x| {
        x.leaf(
            "gml:beginPosition",
            &[],
            t.begin.as_deref().unwrap_or_default(),
        );
        let now: &[(&str, &str)] = if t.end_is_now {
            &[("indeterminatePosition", "now")]
        } else {
            &[]
        };
        x.leaf("gml:endPosition", now, t.end.as_deref().unwrap_or_default());
    });
}

fn keywords(x: &mut Xml, k: &KeywordGroup) {
    x.with("mri:MD_Keywords", &[], |x| {
        for keyword in &k.keywords {
            anchored(x, "mri:keyword", keyword);
        }
        code(x, "mri:type", "mri:MD_KeywordTypeCode", k.kind.as_deref());
        if let Some(t) = &k.thesaurus {
            x.with("mri:thesaurusName", &[], |x| {
                citation(x, &t.title, t.date.as_deref(), t.date_kind.as_deref());
            });
        }
    });
}

fn constraint(x: &mut Xml, c: &Constraint) {
    let element = match c.kind {
        ConstraintKind::Legal => "mco:MD_LegalConstraints",
        ConstraintKind::Security => "mco:MD_SecurityConstraints",
        ConstraintKind::Plain => "mco:MD_Constraints",
    };
    x.with(element, &[], |x| {
        for u in &c.use_limitations {
            anchored(x, "mco:useLimitation", u);
        }
        for a in &c.access_constraints {
            code(
                x,
                "mco:accessConstraints",
                "mco:MD_RestrictionCode",
                Some(a),
            );
        }
        for u in &c.use_constraints {
            code(x, "mco:useConstraints", "mco:MD_RestrictionCode", Some(u));
        }
        for o in &c.other_constraints {
            anchored(x, "mco:otherConstraints", o);
        }
        let classification = c.classification.as_deref();
        code(
            x,
            "mco:classification",
            "mco:MD_ClassificationCode",
            classification,
        );
    });
}

fn write_service(x: &mut Xml, s: &ServiceInfo) {
    if let Some(kind) = &s.service_type {
        x.with("srv:serviceType", &[], |x| {
            x.leaf("gco:ScopedName", &[], kind)
        });
    }
    for v in &s.service_type_versions {
        string(x, "srv:serviceTypeVersion", v);
    }
    code(
        x,
        "srv:couplingType",
        "srv:SV_CouplingType",
        s.coupling_type.as_deref(),
    );
    for c in &s.coupled_resources {
        x.with("srv:coupledResource", &[], |x| coupled_resource(x, c));
    }
    for op in &s.operations {
        x.with("srv:containsOperations", &[], |x| {
            x.with("srv:SV_OperationMetadata", &[], |x| {
                string(x, "srv:operationName", &op.name);
                for dcp in &op.dcp {
                    code(
                        x,
                        "srv:distributedComputingPlatform",
                        "srv:DCPList",
                        Some(dcp),
                    );
                }
                for (i, url) in op.urls.iter().enumerate() {
                    x.with("srv:connectPoint", &[], |x| {
                        let resource = moisson_model::OnlineResource {
                            url: url.clone(),
                            protocol: op.protocols.get(i).filter(|p| !p.is_empty()).cloned(),
                            ..Default::default()
                        };
                        online(x, &resource);
                    });
                }
            });
        });
    }
    for link in &s.operates_on {
        let mut attrs = Vec::new();
        if let Some(uuid) = &link.uuidref {
            attrs.push(("uuidref", uuid.as_str()));
        }
        if let Some(href) = &link.href {
            attrs.push(("xlink:href", href.as_str()));
        }
        x.empty("srv:operatesOn", &attrs);
    }
}

/// 19115-3 names the coupled dataset by a citation (its `uuidref` the identifier) and
/// the operation by an operation whose platform and connect point the coupling does not
/// say (nil).
fn coupled_resource(x: &mut Xml, c: &moisson_model::CoupledResource) {
    x.with("srv:SV_CoupledResource", &[], |x| {
        if let Some(name) = &c.scoped_name {
            x.with("srv:scopedName", &[], |x| {
                x.leaf("gco:ScopedName", &[], name)
            });
        }
        x.empty("srv:resourceReference", &[("uuidref", &c.identifier)]);
        x.with("srv:operation", &[], |x| {
            x.with("srv:SV_OperationMetadata", &[], |x| {
                string(x, "srv:operationName", &c.operation_name);
                x.empty(
                    "srv:distributedComputingPlatform",
                    &[("gco:nilReason", "missing")],
                );
                x.empty("srv:connectPoint", &[("gco:nilReason", "missing")]);
            });
        });
    });
}
