//! srv:SV_ServiceIdentification → ServiceInfo.

use moisson_model::{CoupledResource, OperatesOn, Operation, ServiceInfo};

use super::values::{code, linkage, string};
use crate::ns::{GCO, GMD, SRV, XLINK};
use crate::tree::Element;

pub(crate) fn read(ident: &Element) -> ServiceInfo {
    ServiceInfo {
        service_type: ident.child(SRV, "serviceType").and_then(string),
        service_type_versions: ident
            .children(SRV, "serviceTypeVersion")
            .filter_map(string)
            .collect(),
        coupled_resources: ident
            .children(SRV, "coupledResource")
            .filter_map(|p| p.child(SRV, "SV_CoupledResource"))
            .map(coupled_resource)
            .collect(),
        coupling_type: ident.child(SRV, "couplingType").and_then(code),
        operates_on: ident
            .children(SRV, "operatesOn")
            .filter_map(operates_on)
            .collect(),
        operations: ident
            .children(SRV, "containsOperations")
            .filter_map(|p| p.child(SRV, "SV_OperationMetadata"))
            .map(operation)
            .collect(),
    }
}

fn coupled_resource(c: &Element) -> CoupledResource {
    let text = |local| c.child(SRV, local).and_then(string).unwrap_or_default();
    CoupledResource {
        operation_name: text("operationName"),
        identifier: text("identifier"),
        scoped_name: c
            .child(GCO, "ScopedName")
            .and_then(Element::trimmed)
            .map(str::to_owned),
    }
}

fn operates_on(el: &Element) -> Option<OperatesOn> {
    let attr = |ns, name| {
        el.attr(ns, name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let link = OperatesOn {
        uuidref: attr("", "uuidref"),
        href: attr(XLINK, "href"),
    };
    (link != OperatesOn::default()).then_some(link)
}

fn operation(op: &Element) -> Operation {
    let connect_points: Vec<&Element> = op
        .children(SRV, "connectPoint")
        .filter_map(|p| p.child(GMD, "CI_OnlineResource"))
        .filter(|r| linkage(r).is_some())
        .collect();
    let mut protocols: Vec<String> = connect_points
        .iter()
        .map(|r| {
            r.child(GMD, "protocol")
                .and_then(string)
                .unwrap_or_default()
        })
        .collect();
    while protocols.last().is_some_and(String::is_empty) {
        protocols.pop();
    }
    Operation {
        name: op
            .child(SRV, "operationName")
            .and_then(string)
            .unwrap_or_default(),
        dcp: op.children(SRV, "DCP").filter_map(code).collect(),
        urls: connect_points.iter().filter_map(|r| linkage(r)).collect(),
        protocols,
    }
}
