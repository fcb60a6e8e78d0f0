//! Formats and online resources (mrd:MD_Distribution), conformity (mdq:DQ_DataQuality).

use moisson_model::{OnlineResource, Record};

use super::values::{anchored, citation, code, opt_string};
use crate::xml::Xml;

pub(crate) fn write(x: &mut Xml, r: &Record) {
    if r.formats.is_empty() && r.online_resources.is_empty() {
        return;
    }
    x.with("mdb:distributionInfo", &[], |x| {
        x.with("mrd:MD_Distribution", &[], |x| {
            for f in &r.formats {
                x.with("mrd:distributionFormat", &[], |x| {
                    x.with("mrd:MD_Format", &[], |x| {
                        x.with("mrd:formatSpecificationCitation", &[], |x| {
                            x.with("cit:CI_Citation", &[], |x| {
                                anchored(x, "cit:title", &f.name);
                                opt_string(x, "cit:edition", f.version.as_deref());
                            });
                        });
                    });
                });
            }
            if !r.online_resources.is_empty() {
                x.with("mrd:transferOptions", &[], |x| {
                    x.with("mrd:MD_DigitalTransferOptions", &[], |x| {
                        for o in &r.online_resources {
                            x.with("mrd:onLine", &[], |x| online(x, o));
                        }
                    });
                });
            }
        });
    });
}

pub(crate) fn online(x: &mut Xml, o: &OnlineResource) {
    x.with("cit:CI_OnlineResource", &[], |x| {
        opt_string(x, "cit:linkage", Some(&o.url));
        opt_string(x, "cit:protocol", o.protocol.as_deref());
        opt_string(x, "cit:name", o.name.as_deref());
        opt_string(x, "cit:description", o.description.as_deref());
        code(
            x,
            "cit:function",
            "cit:CI_OnLineFunctionCode",
            o.function.as_deref(),
        );
    });
}

pub(crate) fn write_quality(x: &mut Xml, r: &Record) {
    if r.conformity.is_empty() {
        return;
    }
    x.with("mdb:dataQualityInfo", &[], |x| {
        x.with("mdq:DQ_DataQuality", &[], |x| {
            x.with("mdq:scope", &[], |x| {
                x.with("mcc:MD_Scope", &[], |x| {
                    let level = Some(r.hierarchy_level.as_str());
                    code(x, "mcc:level", "mcc:MD_ScopeCode", level);
                });
            });
            for c in &r.conformity {
                x.with("mdq:report", &[], |x| {
                    x.with("mdq:DQ_DomainConsistency", &[], |x| {
                        x.with("mdq:result", &[], |x| {
                            x.with("mdq:DQ_ConformanceResult", &[], |x| {
                                x.with("mdq:specification", &[], |x| {
                                    let kind = c.date_kind.as_deref();
                                    citation(x, &c.specification, c.date.as_deref(), kind);
                                });
                                opt_string(x, "mdq:explanation", c.explanation.as_deref());
                                if let Some(pass) = c.pass {
                                    let text = if pass { "true" } else { "false" };
                                    x.with("mdq:pass", &[], |x| x.leaf("gco:Boolean", &[], text));
                                }
                            });
                        });
                    });
                });
            }
        });
    });
}
