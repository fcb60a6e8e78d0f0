//! CSDGM contact information (cntinfo) as a responsible party.

use moisson_model::{Address, Contact};

use super::values::Fgdc;
use crate::tree::Element;

/// A party named by organisation only (citation originators and publishers).
pub(super) fn organisation(role: &str, name: &str) -> Contact {
    Contact {
        role: Some(role.to_owned()),
        organisation: Some(name.to_owned()),
        ..Contact::default()
    }
}

/// cntinfo: a person first (cntperp) or an organisation first (cntorgp), position,
/// address, voice telephones and e-mails. `None` when it names nobody.
pub(super) fn read(cntinfo: &Element, role: &str) -> Option<Contact> {
    let primary = cntinfo.get("cntperp").or_else(|| cntinfo.get("cntorgp"));
    let named = |name: &str| primary.and_then(|p| p.text_of(name)).map(str::to_owned);
    let contact = Contact {
        role: Some(role.to_owned()),
        organisation: named("cntorg"),
        individual: named("cntper"),
        position: cntinfo.text_of("cntpos").map(str::to_owned),
        emails: texts(cntinfo, "cntemail"),
        phones: texts(cntinfo, "cntvoice"),
        address: cntinfo.get("cntaddr").map(address),
        url: None,
    };
    (contact.organisation.is_some() || contact.individual.is_some()).then_some(contact)
}

fn texts(el: &Element, name: &str) -> Vec<String> {
    el.all(name)
        .filter_map(Element::trimmed)
        .map(str::to_owned)
        .collect()
}

fn address(a: &Element) -> Address {
    let lines = texts(a, "address");
    Address {
        delivery_point: (!lines.is_empty()).then(|| lines.join(", ")),
        city: a.text_of("city").map(str::to_owned),
        administrative_area: a.text_of("state").map(str::to_owned),
        postal_code: a.text_of("postal").map(str::to_owned),
        country: a.text_of("country").map(str::to_owned),
    }
}
