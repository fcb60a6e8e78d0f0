//! The srv:SV_ServiceIdentification-only part, in schema order.

use moisson_model::{Operation, Record, ServiceInfo};

use super::extent;
use super::values::{code, linkage, nil, string};
use crate::xml::Xml;

pub(crate) fn write(x: &mut Xml, r: &Record, svc: &ServiceInfo) {
    match &svc.service_type {
        Some(t) => x.with("srv:serviceType", &[], |x| x.leaf("gco:LocalName", &[], t)),
        None => nil(x, "srv:serviceType"),
    }
    for v in &svc.service_type_versions {
        string(x, "srv:serviceTypeVersion", v);
    }
    extent::write(x, "srv:extent", r);
    code(
        x,
        "srv:couplingType",
        "srv:SV_CouplingType",
        svc.coupling_type.as_deref(),
    );
    if svc.operations.is_empty() {
        nil(x, "srv:containsOperations");
    }
    for op in &svc.operations {
        x.with("srv:containsOperations", &[], |x| operation(x, op));
    }
    for link in &svc.operates_on {
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

fn operation(x: &mut Xml, op: &Operation) {
    x.with("srv:SV_OperationMetadata", &[], |x| {
        string(x, "srv:operationName", &op.name);
        if op.dcp.is_empty() {
            nil(x, "srv:DCP");
        }
        for dcp in &op.dcp {
            code(x, "srv:DCP", "srv:DCPList", Some(dcp));
        }
        if op.urls.is_empty() {
            nil(x, "srv:connectPoint");
        }
        for url in &op.urls {
            x.with("srv:connectPoint", &[], |x| {
                x.with("gmd:CI_OnlineResource", &[], |x| linkage(x, url));
            });
        }
    });
}
