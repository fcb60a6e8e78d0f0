//! Contact → CI_ResponsibleParty.

use moisson_model::Contact;

use super::values::{code, linkage, opt_string};
use crate::xml::Xml;

/// Writes `prop` (gmd:contact, gmd:pointOfContact) holding the party.
pub(crate) fn party(x: &mut Xml, prop: &str, c: &Contact) {
    x.with(prop, &[], |x| {
        x.with("gmd:CI_ResponsibleParty", &[], |x| {
            opt_string(x, "gmd:individualName", c.individual.as_deref());
            opt_string(x, "gmd:organisationName", c.organisation.as_deref());
            opt_string(x, "gmd:positionName", c.position.as_deref());
            if !c.phones.is_empty()
                || c.address.is_some()
                || !c.emails.is_empty()
                || c.url.is_some()
            {
                x.with("gmd:contactInfo", &[], |x| {
                    x.with("gmd:CI_Contact", &[], |x| info(x, c));
                });
            }
            code(x, "gmd:role", "gmd:CI_RoleCode", c.role.as_deref());
        });
    });
}

fn info(x: &mut Xml, c: &Contact) {
    if !c.phones.is_empty() {
        x.with("gmd:phone", &[], |x| {
            x.with("gmd:CI_Telephone", &[], |x| {
                for phone in &c.phones {
                    opt_string(x, "gmd:voice", Some(phone));
                }
            });
        });
    }
    if c.address.is_some() || !c.emails.is_empty() {
        x.with("gmd:address", &[], |x| {
            x.with("gmd:CI_Address", &[], |x| {
                if let Some(a) = &c.address {
                    opt_string(x, "gmd:deliveryPoint", a.delivery_point.as_deref());
                    opt_string(x, "gmd:city", a.city.as_deref());
                    opt_string(
                        x,
                        "gmd:administrativeArea",
                        a.administrative_area.as_deref(),
                    );
                    opt_string(x, "gmd:postalCode", a.postal_code.as_deref());
                    opt_string(x, "gmd:country", a.country.as_deref());
                }
                for email in &c.emails {
                    opt_string(x, "gmd:electronicMailAddress", Some(email));
                }
            });
        });
    }
    if let Some(url) = &c.url {
        x.with("gmd:onlineResource", &[], |x| {
            x.with("gmd:CI_OnlineResource", &[], |x| linkage(x, url));
        });
    }
}
