//! Distribution (formats, online resources) and data quality (conformity, lineage).

use moisson_model::{ConformityReport, OnlineResource, Record};

use super::values::{anchored, citation, code, free_text, linkage, nil, opt_string, req_string};
use crate::xml::Xml;

pub(crate) fn write(x: &mut Xml, r: &Record) {
    if r.formats.is_empty() && r.online_resources.is_empty() {
        return;
    }
    x.with("gmd:distributionInfo", &[], |x| {
        x.with("gmd:MD_Distribution", &[], |x| {
            for f in &r.formats {
                x.with("gmd:distributionFormat", &[], |x| {
                    x.with("gmd:MD_Format", &[], |x| {
                        anchored(x, "gmd:name", &f.name);
                        req_string(x, "gmd:version", f.version.as_deref());
                    });
                });
            }
            if !r.online_resources.is_empty() {
                x.with("gmd:transferOptions", &[], |x| {
                    x.with("gmd:MD_DigitalTransferOptions", &[], |x| {
                        for o in &r.online_resources {
                            x.with("gmd:onLine", &[], |x| online(x, o));
                        }
                    });
                });
            }
        });
    });
}

pub(crate) fn online(x: &mut Xml, o: &OnlineResource) {
    x.with("gmd:CI_OnlineResource", &[], |x| {
        linkage(x, &o.url);
        opt_string(x, "gmd:protocol", o.protocol.as_deref());
        opt_string(x, "gmd:name", o.name.as_deref());
        opt_string(x, "gmd:description", o.description.as_deref());
        if let Some(function) = &o.function {
            code(
                x,
                "gmd:function",
                "gmd:CI_OnLineFunctionCode",
                Some(function),
            );
        }
    });
}

/// One DQ_DataQuality scoped at the record's level, when there is anything to say.
pub(crate) fn write_quality(x: &mut Xml, r: &Record) {
    if r.lineage.is_none() && r.conformity.is_empty() {
        return;
    }
    x.with("gmd:dataQualityInfo", &[], |x| {
        x.with("gmd:DQ_DataQuality", &[], |x| {
            x.with("gmd:scope", &[], |x| {
                x.with("gmd:DQ_Scope", &[], |x| {
                    code(
                        x,
                        "gmd:level",
                        "gmd:MD_ScopeCode",
                        Some(r.hierarchy_level.as_str()),
                    );
                });
            });
            for report in &r.conformity {
                conformity(x, report);
            }
            if let Some(statement) = &r.lineage {
                x.with("gmd:lineage", &[], |x| {
                    x.with("gmd:LI_Lineage", &[], |x| {
                        free_text(x, "gmd:statement", statement, &r.lineage_i18n);
                    });
                });
            }
        });
    });
}

fn conformity(x: &mut Xml, c: &ConformityReport) {
    x.with("gmd:report", &[], |x| {
        x.with("gmd:DQ_DomainConsistency", &[], |x| {
            x.with("gmd:result", &[], |x| {
                x.with("gmd:DQ_ConformanceResult", &[], |x| {
                    x.with("gmd:specification", &[], |x| {
                        citation(
                            x,
                            &c.specification,
                            c.date.as_deref(),
                            c.date_kind.as_deref(),
                        );
                    });
                    req_string(x, "gmd:explanation", c.explanation.as_deref());
                    match c.pass {
                        Some(pass) => x.with("gmd:pass", &[], |x| {
                            x.leaf("gco:Boolean", &[], &pass.to_string());
                        }),
                        None => nil(x, "gmd:pass"),
                    }
                });
            });
        });
    });
}
