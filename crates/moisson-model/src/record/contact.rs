//! Responsible parties (CI_ResponsibleParty).

use serde::{Deserialize, Serialize};

/// A contact with its role (CI_RoleCode: pointOfContact, owner, custodian, publisher, …).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Contact {
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub individual: Option<String>,
    pub position: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub address: Option<Address>,
    pub url: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Address {
    pub delivery_point: Option<String>,
    pub city: Option<String>,
    pub administrative_area: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}
