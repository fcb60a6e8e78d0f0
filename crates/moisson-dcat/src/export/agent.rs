//! Responsible parties: foaf agents in `prov:qualifiedAttribution` with their INSPIRE role,
//! `dct:publisher` / `dct:creator` / `dct:rightsHolder`, and vCard contact points.

use oxrdf::NamedOrBlankNode;

use moisson_model::Contact;

use super::Builder;
use crate::tables::codes;
use crate::vocab::{authority, dcat, dct, foaf, prov, vcard};

/// The role of a contact without one.
pub(crate) const DEFAULT_ROLE: &str = "pointOfContact";

/// The resource's contacts, with `dct:publisher` / `dct:creator` / `dct:rightsHolder` when
/// `roles` (the catalogue record's metadata contacts get attributions and contact points only).
pub(super) fn add_contacts(
    b: &mut Builder,
    s: &NamedOrBlankNode,
    contacts: &[Contact],
    lang: Option<&'static str>,
    roles: bool,
) {
    let mut publisher_written = !roles;
    for contact in contacts {
        let role = contact.role.as_deref().map_or(DEFAULT_ROLE, str::trim);
        if role == DEFAULT_ROLE {
            contact_point(b, s, contact, lang);
        }
        let Some(agent) = agent(b, contact, lang) else {
            continue;
        };
        let attribution = b.bnode();
        b.link(s, prov::QUALIFIED_ATTRIBUTION, &attribution);
        b.a(&attribution, prov::ATTRIBUTION);
        b.link(&attribution, prov::AGENT, &agent);
        if let Some(role) = b.iri(&attribution, dcat::HAD_ROLE, &codes::role_iri(role)) {
            b.a(&role, dcat::ROLE);
        }
        match role {
            "publisher" if !publisher_written => {
                publisher_written = true;
                b.link(s, dct::PUBLISHER, &agent);
            }
            "owner" if roles => b.link(s, dct::RIGHTS_HOLDER, &agent),
            "author" | "originator" if roles => b.link(s, dct::CREATOR, &agent),
            _ => {}
        }
    }
}

/// A foaf:Agent (Organization or Person) named by the organisation, else the individual.
pub(crate) fn agent(
    b: &mut Builder,
    contact: &Contact,
    lang: Option<&'static str>,
) -> Option<NamedOrBlankNode> {
    let org = contact
        .organisation
        .as_deref()
        .filter(|o| !o.trim().is_empty());
    let person = contact
        .individual
        .as_deref()
        .filter(|o| !o.trim().is_empty());
    let name = org.or(person)?;
    let node = b.bnode();
    b.a(&node, foaf::AGENT);
    // GeoDCAT-AP's shapes want the `prov:agent` of an attribution typed `prov:Agent`.
    b.a(&node, prov::AGENT_CLASS);
    b.a(
        &node,
        if org.is_some() {
            foaf::ORGANIZATION
        } else {
            foaf::PERSON
        },
    );
    b.text(&node, foaf::NAME, name, lang);
    for email in &contact.emails {
        b.iri(&node, foaf::MBOX, &mailto(email));
    }
    for phone in &contact.phones {
        b.iri(&node, foaf::PHONE, &tel(phone));
    }
    if let Some(url) = &contact.url {
        b.iri(&node, foaf::HOMEPAGE, url);
    }
    Some(node)
}

fn contact_point(
    b: &mut Builder,
    s: &NamedOrBlankNode,
    contact: &Contact,
    lang: Option<&'static str>,
) {
    let org = contact
        .organisation
        .as_deref()
        .filter(|o| !o.trim().is_empty());
    let person = contact
        .individual
        .as_deref()
        .filter(|o| !o.trim().is_empty());
    let Some(name) = person.or(org) else { return };
    let node = b.bnode();
    b.link(s, dcat::CONTACT_POINT, &node);
    b.a(&node, vcard::KIND);
    b.a(
        &node,
        if person.is_some() {
            vcard::INDIVIDUAL
        } else {
            vcard::ORGANIZATION
        },
    );
    b.text(&node, vcard::FN, name, lang);
    if let Some(org) = org {
        b.text(&node, vcard::ORGANIZATION_NAME, org, lang);
    }
    if let Some(position) = &contact.position {
        b.text(&node, vcard::ROLE, position, lang);
    }
    for email in &contact.emails {
        b.iri(&node, vcard::HAS_EMAIL, &mailto(email));
    }
    for phone in &contact.phones {
        b.iri(&node, vcard::HAS_TELEPHONE, &tel(phone));
    }
    if let Some(url) = &contact.url {
        b.iri(&node, vcard::HAS_URL, url);
    }
    if let Some(address) = &contact.address {
        let a = b.bnode();
        b.link(&node, vcard::HAS_ADDRESS, &a);
        b.a(&a, vcard::ADDRESS);
        for (property, value) in [
            (vcard::STREET_ADDRESS, &address.delivery_point),
            (vcard::LOCALITY, &address.city),
            (vcard::REGION, &address.administrative_area),
            (vcard::POSTAL_CODE, &address.postal_code),
            (vcard::COUNTRY_NAME, &address.country),
        ] {
            if let Some(v) = value {
                b.text(&a, property, v, None);
            }
        }
    }
}

pub(crate) fn mailto(email: &str) -> String {
    let email = email.trim();
    if email.starts_with(authority::MAILTO) {
        email.to_owned()
    } else {
        format!("{}{email}", authority::MAILTO)
    }
}

pub(crate) fn tel(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("{}{digits}", authority::TEL)
}
