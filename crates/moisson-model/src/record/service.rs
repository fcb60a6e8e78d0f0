//! Service identification (srv:SV_ServiceIdentification).

use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ServiceInfo {
    /// srv:serviceType, e.g. `view`, `download`, `OGC:WMS`.
    pub service_type: Option<String>,
    pub service_type_versions: Vec<String>,
    /// The datasets each operation serves, by their identifiers (srv:coupledResource),
    /// as INSPIRE requires of a view or download service.
    pub coupled_resources: Vec<CoupledResource>,
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

/// One operation of a service coupled with one dataset (srv:SV_CoupledResource).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct CoupledResource {
    /// The operation (`GetMap`, `GetFeature`).
    pub operation_name: String,
    /// The dataset's identifier (its resource identifier or record id).
    pub identifier: String,
    /// The name the service gives the dataset (gco:ScopedName: a layer, a feature type).
    pub scoped_name: Option<String>,
}

/// A service operation (srv:SV_OperationMetadata).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Operation {
    pub name: String,
    /// DCPList values (WebServices, …).
    pub dcp: Vec<String>,
    /// The linkage of each connect point.
    pub urls: Vec<String>,
    /// The protocol of each connect point, in the order of `urls` (`OGC:WMS`); an empty
    /// string for one that names none, and shorter than `urls` when the last name none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub protocols: Vec<String>,
}
