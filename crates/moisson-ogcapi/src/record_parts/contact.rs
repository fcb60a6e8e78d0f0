//! Contacts as `contact.yaml` of OGC API Records wants them: a name or an organisation,
//! E.164 phone numbers, typed links, no empty arrays.

use moisson_model::record::{Address, Contact as ModelContact};
use serde::Serialize;
use utoipa::ToSchema;

use crate::links::Link;

/// Media type of a contact's web page: `contact.yaml` requires a `type` on its links.
const WEB_PAGE: &str = "text/html";

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Valued>,
    /// International numbers only (`+33…`), as the schema's pattern requires.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Valued>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<PostalAddress>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Phone numbers written without a country code, which `phones` cannot hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_instructions: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Valued {
    pub value: String,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PostalAddress {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub delivery_point: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub administrative_area: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// The record's contacts then its metadata contacts; a contact with neither a person's
/// nor an organisation's name is left out (the schema requires one of them).
#[must_use]
pub fn contacts(record: &moisson_model::Record) -> Vec<Contact> {
    record
        .contacts
        .iter()
        .chain(&record.metadata_contacts)
        .filter_map(contact)
        .collect()
}

fn contact(c: &ModelContact) -> Option<Contact> {
    let name = non_empty(c.individual.as_deref());
    let organization = non_empty(c.organisation.as_deref());
    if name.is_none() && organization.is_none() {
        return None;
    }
    let (phones, local): (Vec<_>, Vec<_>) = c
        .phones
        .iter()
        .filter(|p| !p.trim().is_empty())
        .partition(|p| international(p).is_some());
    let contact_instructions = (!local.is_empty()).then(|| {
        format!(
            "Phone: {}",
            local
                .iter()
                .map(|p| p.trim())
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    Some(Contact {
        name,
        organization,
        position: non_empty(c.position.as_deref()),
        emails: c
            .emails
            .iter()
            .filter(|e| e.contains('@'))
            .map(|e| Valued {
                value: e.trim().to_owned(),
            })
            .collect(),
        phones: phones
            .iter()
            .filter_map(|p| international(p))
            .map(|value| Valued { value })
            .collect(),
        addresses: c.address.as_ref().and_then(address).into_iter().collect(),
        roles: c.role.iter().filter(|r| !r.is_empty()).cloned().collect(),
        links: c
            .url
            .iter()
            .filter(|u| !u.trim().is_empty())
            .map(|u| Link::new("about", u.trim(), WEB_PAGE, ""))
            .collect(),
        contact_instructions,
    })
}

/// `+33 1 23 45 67 89` → `+33123456789`; `0033…` → `+33…`, `+33 (0)1…` → `+331…` (the
/// trunk prefix dialled at home only); a national number → `None`.
fn international(phone: &str) -> Option<String> {
    let compact: String = phone
        .replace("(0)", "")
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '/' | '\u{a0}'))
        .collect();
    let digits = compact
        .strip_prefix('+')
        .or_else(|| compact.strip_prefix("00"))?;
    let valid = (4..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0');
    valid.then(|| format!("+{digits}"))
}

fn address(a: &Address) -> Option<PostalAddress> {
    let out = PostalAddress {
        delivery_point: non_empty(a.delivery_point.as_deref()).into_iter().collect(),
        city: non_empty(a.city.as_deref()),
        administrative_area: non_empty(a.administrative_area.as_deref()),
        postal_code: non_empty(a.postal_code.as_deref()),
        country: non_empty(a.country.as_deref()),
    };
    let empty = out.delivery_point.is_empty()
        && out.city.is_none()
        && out.administrative_area.is_none()
        && out.postal_code.is_none()
        && out.country.is_none();
    (!empty).then_some(out)
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_international_or_go_to_the_instructions() {
        assert_eq!(
            international("+33 1 23 45 67 89").as_deref(),
            Some("+33123456789")
        );
        assert_eq!(international("0033 (0)1").as_deref(), None);
        assert_eq!(international("0033 1 23").as_deref(), Some("+33123"));
        assert_eq!(international("01 23 45 67 89"), None);
        let c = ModelContact {
            organisation: Some("DDT".into()),
            phones: vec!["01 23 45 67 89".into(), "+33 1 23 45 67 89".into()],
            url: Some("https://ddt.example".into()),
            ..ModelContact::default()
        };
        let v = serde_json::to_value(contact(&c).expect("contact")).expect("json");
        assert_eq!(v["phones"], serde_json::json!([{"value": "+33123456789"}]));
        assert_eq!(v["contactInstructions"], "Phone: 01 23 45 67 89");
        assert_eq!(v["links"][0]["type"], WEB_PAGE);
        assert!(v.get("emails").is_none(), "no empty array");
    }

    #[test]
    fn a_contact_without_any_name_is_left_out() {
        let c = ModelContact {
            position: Some("Gestionnaire".into()),
            ..ModelContact::default()
        };
        assert!(contact(&c).is_none());
    }
}
