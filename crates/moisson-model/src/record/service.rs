//! Service identification (srv:SV_ServiceIdentification).

use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ServiceInfo {
    /// srv:serviceType, e.g. `view`, `download`, `OGC:WMS`.
    pub service_type: Option<String>,
    pub service_type_versions: Vec<String>,
    /// SV_CouplingType: loose, mixed, tight.
    pub coupling_type: Option<String>,
    pub operates_on: Vec<OperatesOn>,
    pub operations: Vec<Operation>,
}

/// A dataset a service serves (srv:operatesOn).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct OperatesOn {
    pub uuidref: Option<String>,
    pub href: Option<String>,
}

/// A service operation (srv:SV_OperationMetadata).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Operation {
    pub name: String,
    /// DCPList values (WebServices, …).
    pub dcp: Vec<String>,
    pub urls: Vec<String>,
}
