//! What the capabilities say about the service: identification, provider, INSPIRE.
//! The server fills it from its `[metadata]` section (pycsw's `metadata:main`).

use serde::{Deserialize, Serialize};

/// Service metadata of the CSW endpoint.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct CswConfig {
    pub title: String,
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    pub keywords: Vec<String>,
    pub fees: String,
    pub access_constraints: String,
    pub provider: Provider,
    pub inspire: Inspire,
}

impl Default for CswConfig {
    fn default() -> Self {
        Self {
            title: "Moisson catalogue".to_owned(),
            abstract_text: "Metadata catalogue (CSW 2.0.2, ISO AP 1.0, INSPIRE Discovery)"
                .to_owned(),
            keywords: vec![
                "catalogue".to_owned(),
                "discovery".to_owned(),
                "metadata".to_owned(),
            ],
            fees: "None".to_owned(),
            access_constraints: "None".to_owned(),
            provider: Provider::default(),
            inspire: Inspire::default(),
        }
    }
}

/// The organisation running the service (ows:ServiceProvider).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Provider {
    pub name: String,
    /// Web site; empty: the public URL.
    pub site: String,
    pub individual_name: String,
    pub position_name: String,
    pub phone: String,
    pub email: String,
    pub delivery_point: String,
    pub city: String,
    pub administrative_area: String,
    pub postal_code: String,
    pub country: String,
    pub role: String,
}

impl Default for Provider {
    fn default() -> Self {
        Self {
            name: "Moisson".to_owned(),
            site: String::new(),
            individual_name: String::new(),
            position_name: String::new(),
            phone: String::new(),
            email: String::new(),
            delivery_point: String::new(),
            city: String::new(),
            administrative_area: String::new(),
            postal_code: String::new(),
            country: String::new(),
            role: "pointOfContact".to_owned(),
        }
    }
}

/// The INSPIRE Discovery Service extended capabilities (scenario 1).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Inspire {
    pub enabled: bool,
    /// ISO 639-2/B codes; the first is the default language.
    pub languages: Vec<String>,
    /// Date of last revision of the service (YYYY-MM-DD).
    pub date: String,
    /// INSPIRE conformity degree: conformant, notConformant, notEvaluated.
    pub conformity: String,
    /// Metadata point of contact; empty: the provider's name and e-mail.
    pub contact_organisation: String,
    pub contact_email: String,
}

impl Default for Inspire {
    fn default() -> Self {
        Self {
            enabled: true,
            languages: vec!["fre".to_owned(), "eng".to_owned()],
            date: "2025-01-01".to_owned(),
            conformity: "notEvaluated".to_owned(),
            contact_organisation: String::new(),
            contact_email: String::new(),
        }
    }
}
