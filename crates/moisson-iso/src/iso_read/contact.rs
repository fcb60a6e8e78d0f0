//! CI_ResponsibleParty → Contact.

use moisson_model::{Address, Contact};

use super::values::{child_code, child_string, child_strings, linkage};
use crate::ns::GMD;
use crate::tree::Element;

/// Reads the party inside a contact property (gmd:contact, gmd:pointOfContact).
pub(crate) fn party(prop: &Element) -> Option<Contact> {
    let party = prop.first()?;
    let info = party.path(GMD, &["contactInfo", "CI_Contact"]);
    let address = info.and_then(|i| i.path(GMD, &["address", "CI_Address"]));
    Some(Contact {
        role: child_code(party, "role"),
        organisation: child_string(party, "organisationName"),
        individual: child_string(party, "individualName"),
        position: child_string(party, "positionName"),
        emails: address
            .map(|a| child_strings(a, "electronicMailAddress"))
            .unwrap_or_default(),
        phones: info
            .and_then(|i| i.path(GMD, &["phone", "CI_Telephone"]))
            .map(|t| child_strings(t, "voice"))
            .unwrap_or_default(),
        address: address.and_then(postal),
        url: info
            .and_then(|i| i.path(GMD, &["onlineResource", "CI_OnlineResource"]))
            .and_then(linkage),
    })
}

fn postal(address: &Element) -> Option<Address> {
    let postal = Address {
        delivery_point: child_string(address, "deliveryPoint"),
        city: child_string(address, "city"),
        administrative_area: child_string(address, "administrativeArea"),
        postal_code: child_string(address, "postalCode"),
        country: child_string(address, "country"),
    };
    (postal != Address::default()).then_some(postal)
}
