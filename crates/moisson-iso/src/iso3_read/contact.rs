//! cit:CI_Responsibility → Contact. A 19115-3 party is an organisation (with its
//! individuals inside) or an individual; the model keeps one of each.

use moisson_model::{Address, Contact};

use super::values::{child, child_code, child_string, child_strings, linkage, path};
use crate::tree::Element;

/// Reads the responsibility inside a contact property (mdb:contact, mri:pointOfContact).
pub(crate) fn party(responsibility: &Element) -> Option<Contact> {
    let party = child(responsibility, "party")?.first()?;
    let (organisation, individual) = if party.local == "CI_Organisation" {
        (Some(party), path(party, &["individual", "CI_Individual"]))
    } else {
        (None, Some(party))
    };
    let info = [organisation, individual]
        .into_iter()
        .flatten()
        .find_map(|p| path(p, &["contactInfo", "CI_Contact"]));
    let address = info.and_then(|i| path(i, &["address", "CI_Address"]));
    Some(Contact {
        role: child_code(responsibility, "role"),
        organisation: organisation.and_then(|o| child_string(o, "name")),
        individual: individual.and_then(|i| child_string(i, "name")),
        position: individual.and_then(|i| child_string(i, "positionName")),
        emails: address
            .map(|a| child_strings(a, "electronicMailAddress"))
            .unwrap_or_default(),
        phones: info
            .map(|i| {
                super::values::children(i, "phone")
                    .filter_map(|p| child(p, "CI_Telephone"))
                    .filter_map(|t| child_string(t, "number"))
                    .collect()
            })
            .unwrap_or_default(),
        address: address.and_then(postal),
        url: info
            .and_then(|i| path(i, &["onlineResource", "CI_OnlineResource"]))
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
