//! Contacts, distributions, endpoints and rights of a resource.

use oxrdf::NamedOrBlankNodeRef;

use moisson_model::{
    Address, Anchored, Constraint, ConstraintKind, Contact, Format, OnlineResource, OperatesOn,
    Record,
};

use super::view::{View, node_iri};
use crate::export::Context;
use crate::tables::{codes, formats};
use crate::vocab::{authority, dcat, dct, foaf, prov, rdfs, vcard};

/// A content order for contacts (role, organisation, person, e-mails).
fn contact_key(c: &Contact) -> (&Option<String>, &Option<String>, &Option<String>, &[String]) {
    (&c.role, &c.organisation, &c.individual, &c.emails)
}

/// Contacts from `prov:qualifiedAttribution` (with their role), completed by the vCard
/// contact points; without attributions, from `dct:publisher`, `dcat:contactPoint`,
/// `dct:creator` and `dct:rightsHolder`.
pub(super) fn contacts<'a>(
    v: &View<'a>,
    s: NamedOrBlankNodeRef<'a>,
    lang: Option<&str>,
) -> Vec<Contact> {
    let mut out: Vec<Contact> = Vec::new();
    for attribution in v.nodes(s, prov::QUALIFIED_ATTRIBUTION) {
        let role = v
            .iris(attribution, dcat::HAD_ROLE)
            .iter()
            .find_map(|r| codes::role_from(r).map(str::to_owned));
        if let Some(agent) = v.nodes(attribution, prov::AGENT).first() {
            out.push(Contact {
                role,
                ..agent_contact(v, *agent, lang)
            });
        }
    }
    // Attributions are usually blank nodes, whose labels change with every parse: order
    // them by content so every serialisation of a graph reads to the same record.
    out.sort_by(|a, b| contact_key(a).cmp(&contact_key(b)));
    let points: Vec<Contact> = v
        .nodes(s, dcat::CONTACT_POINT)
        .into_iter()
        .map(|k| kind_contact(v, k, lang))
        .collect();
    if out.is_empty() {
        for (property, role) in [
            (dct::PUBLISHER, "publisher"),
            (dct::CREATOR, "author"),
            (dct::RIGHTS_HOLDER, "owner"),
        ] {
            for agent in v.nodes(s, property) {
                out.push(Contact {
                    role: Some(role.to_owned()),
                    ..agent_contact(v, agent, lang)
                });
            }
        }
        out.extend(points);
        return out;
    }
    for point in points {
        let same = |c: &&mut Contact| {
            c.role.as_deref() == Some("pointOfContact")
                && c.organisation.is_some()
                && c.organisation == point.organisation
        };
        let same_person = |c: &&mut Contact| {
            c.role.as_deref() == Some("pointOfContact")
                && c.organisation.is_none()
                && c.individual == point.individual
        };
        if let Some(c) = out.iter_mut().find(|c| same(c) || same_person(c)) {
            c.individual = point.individual;
            c.position = point.position;
            c.address = point.address;
        }
    }
    out
}

fn agent_contact<'a>(v: &View<'a>, agent: NamedOrBlankNodeRef<'a>, lang: Option<&str>) -> Contact {
    let name = v
        .text(agent, foaf::NAME, lang)
        .or_else(|| v.text(agent, vcard::FN, lang));
    let person = v.has_type(agent, foaf::PERSON);
    Contact {
        organisation: if person { None } else { name.clone() },
        individual: if person { name } else { None },
        emails: v
            .iris(agent, foaf::MBOX)
            .iter()
            .map(|m| strip(m, authority::MAILTO))
            .collect(),
        phones: v
            .iris(agent, foaf::PHONE)
            .iter()
            .map(|m| strip(m, authority::TEL))
            .collect(),
        url: v.iris(agent, foaf::HOMEPAGE).into_iter().next(),
        ..Contact::default()
    }
}

fn kind_contact<'a>(v: &View<'a>, kind: NamedOrBlankNodeRef<'a>, lang: Option<&str>) -> Contact {
    let name = v.text(kind, vcard::FN, lang);
    let org = v.text(kind, vcard::ORGANIZATION_NAME, lang);
    let individual = if v.has_type(kind, vcard::INDIVIDUAL) || (org.is_some() && name != org) {
        name.clone()
    } else {
        None
    };
    let address = v.nodes(kind, vcard::HAS_ADDRESS).first().map(|a| Address {
        delivery_point: v.text(*a, vcard::STREET_ADDRESS, None),
        city: v.text(*a, vcard::LOCALITY, None),
        administrative_area: v.text(*a, vcard::REGION, None),
        postal_code: v.text(*a, vcard::POSTAL_CODE, None),
        country: v.text(*a, vcard::COUNTRY_NAME, None),
    });
    Contact {
        role: Some("pointOfContact".to_owned()),
        organisation: org.or_else(|| if individual.is_none() { name } else { None }),
        individual,
        position: v.text(kind, vcard::ROLE, lang),
        emails: v
            .iris(kind, vcard::HAS_EMAIL)
            .iter()
            .map(|m| strip(m, authority::MAILTO))
            .collect(),
        phones: v
            .iris(kind, vcard::HAS_TELEPHONE)
            .iter()
            .map(|m| strip(m, authority::TEL))
            .collect(),
        address,
        url: v.iris(kind, vcard::HAS_URL).into_iter().next(),
    }
}

fn strip(value: &str, prefix: &str) -> String {
    value.strip_prefix(prefix).unwrap_or(value).to_owned()
}

/// Distributions → online resources and formats; DataService endpoints → online
/// resources and operatesOn; licences, rights and access rights → constraints.
pub(super) fn distributions<'a>(
    v: &View<'a>,
    s: NamedOrBlankNodeRef<'a>,
    lang: Option<&str>,
    r: &mut Record,
) {
    let mut rights = RightsReader::default();
    rights.read(v, s, lang);
    for url in v
        .iris(s, dcat::LANDING_PAGE)
        .into_iter()
        .chain(v.iris(s, foaf::PAGE))
    {
        push_resource(
            r,
            OnlineResource {
                url,
                function: Some("information".to_owned()),
                ..OnlineResource::default()
            },
        );
    }
    for d in v.nodes_by_content(s, dcat::DISTRIBUTION_P) {
        rights.read(v, d, lang);
        let download = v.iris(d, dcat::DOWNLOAD_URL).into_iter().next();
        let Some(url) = v
            .iris(d, dcat::ACCESS_URL)
            .into_iter()
            .next()
            .or_else(|| download.clone())
        else {
            continue;
        };
        let protocol = v.nodes(d, dct::CONFORMS_TO).into_iter().find_map(|p| {
            node_iri(p)
                .and_then(formats::protocol_from)
                .map(str::to_owned)
                .or_else(|| v.text(p, dct::TITLE, None))
                .or_else(|| node_iri(p).map(str::to_owned))
        });
        push_resource(
            r,
            OnlineResource {
                url,
                protocol,
                name: v.text(d, dct::TITLE, lang),
                description: v.text(d, dct::DESCRIPTION, lang),
                function: download.map(|_| "download".to_owned()),
            },
        );
        if let Some(format) = format(v, d).filter(|f| !r.formats.contains(f)) {
            r.formats.push(format);
        }
    }
    if r.hierarchy_level == moisson_model::HierarchyLevel::Service {
        endpoints(v, s, r);
    }
    r.constraints = rights.into_constraints();
}

fn push_resource(r: &mut Record, resource: OnlineResource) {
    if !r.online_resources.contains(&resource) {
        r.online_resources.push(resource);
    }
}

fn format<'a>(v: &View<'a>, d: NamedOrBlankNodeRef<'a>) -> Option<Format> {
    let name = match v.nodes(d, dct::FORMAT).first() {
        Some(node) => match node_iri(*node) {
            Some(iri) => Anchored {
                text: formats::file_type_code(iri).unwrap_or(iri).to_owned(),
                uri: Some(iri.to_owned()),
                ..Anchored::default()
            },
            None => Anchored::text(
                v.text(*node, dct::TITLE, None)
                    .or_else(|| v.text(*node, rdfs::LABEL, None))?,
            ),
        },
        None => {
            let media = v
                .iris(d, dcat::MEDIA_TYPE)
                .into_iter()
                .next()
                .or_else(|| v.text(d, dcat::MEDIA_TYPE, None))?;
            Anchored::text(
                media
                    .strip_prefix(authority::IANA_MEDIA_TYPE)
                    .unwrap_or(&media),
            )
        }
    };
    Some(Format {
        name,
        version: None,
    })
}

fn endpoints<'a>(v: &View<'a>, s: NamedOrBlankNodeRef<'a>, r: &mut Record) {
    for url in v
        .iris(s, dcat::ENDPOINT_URL)
        .into_iter()
        .chain(v.iris(s, dcat::ENDPOINT_DESCRIPTION))
    {
        push_resource(
            r,
            OnlineResource {
                url,
                ..OnlineResource::default()
            },
        );
    }
    let info = r.service.get_or_insert_with(Default::default);
    for target in v.iris(s, dcat::SERVES_DATASET) {
        info.operates_on
            .push(match Context::id_of_resource_iri(&target) {
                Some(uuid) => OperatesOn {
                    uuidref: Some(uuid),
                    href: None,
                },
                None => OperatesOn {
                    uuidref: None,
                    href: Some(target),
                },
            });
    }
}

/// Licences, access rights and rights statements met on a resource and its distributions.
#[derive(Default)]
struct RightsReader {
    licences: Vec<Anchored>,
    access: Vec<Anchored>,
    statements: Vec<Anchored>,
}

impl RightsReader {
    fn read<'a>(&mut self, v: &View<'a>, node: NamedOrBlankNodeRef<'a>, lang: Option<&str>) {
        let described = |n: NamedOrBlankNodeRef<'a>, lang| {
            let text = v
                .text(n, rdfs::LABEL, lang)
                .or_else(|| v.text(n, dct::TITLE, lang));
            Anchored {
                text: text
                    .or_else(|| node_iri(n).map(str::to_owned))
                    .unwrap_or_default(),
                uri: node_iri(n).map(str::to_owned),
                ..Anchored::default()
            }
        };
        for n in v.nodes(node, dct::LICENSE) {
            let a = described(n, lang);
            if !self.licences.contains(&a) {
                self.licences.push(a);
            }
        }
        // One rights statement may carry several texts (DCAT-AP allows one dct:rights).
        for n in v.nodes(node, dct::RIGHTS) {
            let labels = v.texts(n, rdfs::LABEL, lang);
            let statements = if labels.len() > 1 {
                labels.into_iter().map(Anchored::text).collect()
            } else {
                vec![described(n, lang)]
            };
            for a in statements {
                if !self.statements.contains(&a) {
                    self.statements.push(a);
                }
            }
        }
        for n in v.iris(node, dct::ACCESS_RIGHTS) {
            let text = n
                .strip_prefix(authority::ACCESS_RIGHT)
                .unwrap_or(&n)
                .to_owned();
            let a = Anchored {
                text,
                uri: Some(n.clone()),
                ..Anchored::default()
            };
            if !self.access.contains(&a) {
                self.access.push(a);
            }
        }
    }

    fn into_constraints(self) -> Vec<Constraint> {
        let legal = |c: Constraint| Constraint {
            kind: ConstraintKind::Legal,
            ..c
        };
        let mut out: Vec<Constraint> = self
            .licences
            .into_iter()
            .map(|l| {
                legal(Constraint {
                    licence: Some(l),
                    ..Constraint::default()
                })
            })
            .collect();
        if !self.access.is_empty() {
            out.push(legal(Constraint {
                access_constraints: vec!["otherRestrictions".to_owned()],
                other_constraints: self.access,
                ..Constraint::default()
            }));
        }
        if !self.statements.is_empty() {
            out.push(legal(Constraint {
                other_constraints: self.statements,
                ..Constraint::default()
            }));
        }
        out
    }
}
