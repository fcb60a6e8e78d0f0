//! The srv:SV_ServiceIdentification-only part, in schema order.

use moisson_model::{CoupledResource, Operation, Record, ServiceInfo};

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
    for c in &svc.coupled_resources {
        x.with("srv:coupledResource", &[], |x| coupled_resource(x, c));
    }
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

fn coupled_resource(x: &mut Xml, c: &CoupledResource) {
    x.with("srv:SV_CoupledResource", &[], |x| {
        string(x, "srv:operationName", &c.operation_name);
        string(x, "srv:identifier", &c.identifier);
        if let Some(name) = &c.scoped_name {
            x.leaf("gco:ScopedName", &[], name);
        }
    });
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
        for (i, url) in op.urls.iter().enumerate() {
            let protocol = op.protocols.get(i).filter(|p| !p.is_empty());
            x.with("srv:connectPoint", &[], |x| {
                x.with("gmd:CI_OnlineResource", &[], |x| {
                    linkage(x, url);
                    if let Some(protocol) = protocol {
                        string(x, "gmd:protocol", protocol);
                    }
                });
            });
        }
    });
}
