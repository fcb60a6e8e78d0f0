//! srv:SV_ServiceIdentification → ServiceInfo.

use moisson_model::{OperatesOn, Operation, ServiceInfo};

use super::values::{code, linkage, string};
use crate::ns::{GMD, SRV, XLINK};
use crate::tree::Element;

pub(crate) fn read(ident: &Element) -> ServiceInfo {
    ServiceInfo {
        service_type: ident.child(SRV, "serviceType").and_then(string),
        service_type_versions: ident
            .children(SRV, "serviceTypeVersion")
            .filter_map(string)
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
    Operation {
        name: op
            .child(SRV, "operationName")
            .and_then(string)
            .unwrap_or_default(),
        dcp: op.children(SRV, "DCP").filter_map(code).collect(),
        urls: op
            .children(SRV, "connectPoint")
            .filter_map(|p| p.child(GMD, "CI_OnlineResource"))
            .filter_map(linkage)
            .collect(),
    }
}
