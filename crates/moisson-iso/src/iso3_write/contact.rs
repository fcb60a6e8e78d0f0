//! Contact → cit:CI_Responsibility: an organisation with its individual inside, or an
//! individual alone (what the reader takes back).

use moisson_model::Contact;

use super::values::{code, opt_string};
use crate::xml::Xml;

pub(crate) fn responsibility(x: &mut Xml, prop: &str, c: &Contact) {
    x.with(prop, &[], |x| {
        x.with("cit:CI_Responsibility", &[], |x| {
            code(x, "cit:role", "cit:CI_RoleCode", c.role.as_deref());
            x.with("cit:party", &[], |x| party(x, c));
        });
    });
}

fn party(x: &mut Xml, c: &Contact) {
    let Some(organisation) = &c.organisation else {
        return individual(x, c, true);
    };
    x.with("cit:CI_Organisation", &[], |x| {
        opt_string(x, "cit:name", Some(organisation));
        contact_info(x, c);
        if c.individual.is_some() || c.position.is_some() {
            x.with("cit:individual", &[], |x| individual(x, c, false));
        }
    });
}

fn individual(x: &mut Xml, c: &Contact, with_info: bool) {
    x.with("cit:CI_Individual", &[], |x| {
        opt_string(x, "cit:name", c.individual.as_deref());
        if with_info {
            contact_info(x, c);
        }
        opt_string(x, "cit:positionName", c.position.as_deref());
    });
}

fn contact_info(x: &mut Xml, c: &Contact) {
    if c.phones.is_empty() && c.emails.is_empty() && c.address.is_none() && c.url.is_none() {
        return;
    }
    x.with("cit:contactInfo", &[], |x| {
        x.with("cit:CI_Contact", &[], |x| {
            for phone in &c.phones {
                x.with("cit:phone", &[], |x| {
                    x.with("cit:CI_Telephone", &[], |x| {
                        opt_string(x, "cit:number", Some(phone))
                    });
                });
            }
            if c.address.is_some() || !c.emails.is_empty() {
                x.with("cit:address", &[], |x| address(x, c));
            }
            if let Some(url) = &c.url {
                x.with("cit:onlineResource", &[], |x| {
                    x.with("cit:CI_OnlineResource", &[], |x| {
                        opt_string(x, "cit:linkage", Some(url));
                    });
                });
            }
        });
    });
}

fn address(x: &mut Xml, c: &Contact) {
    x.with("cit:CI_Address", &[], |x| {
        if let Some(a) = &c.address {
            opt_string(x, "cit:deliveryPoint", a.delivery_point.as_deref());
            opt_string(x, "cit:city", a.city.as_deref());
            opt_string(
                x,
                "cit:administrativeArea",
                a.administrative_area.as_deref(),
            );
            opt_string(x, "cit:postalCode", a.postal_code.as_deref());
            opt_string(x, "cit:country", a.country.as_deref());
        }
        for email in &c.emails {
            opt_string(x, "cit:electronicMailAddress", Some(email));
        }
    });
}
