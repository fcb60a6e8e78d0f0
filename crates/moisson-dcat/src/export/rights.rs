//! Licences, access rights and other rights statements of a record's constraints.

use moisson_model::{Anchored, ConstraintKind, Record};

use crate::tables::licence;
use crate::vocab::authority;

/// EU access-right levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    Public,
    Restricted,
    NonPublic,
}

impl Access {
    pub fn iri(self) -> String {
        let code = match self {
            Self::Public => "PUBLIC",
            Self::Restricted => "RESTRICTED",
            Self::NonPublic => "NON_PUBLIC",
        };
        format!("{}{code}", authority::ACCESS_RIGHT)
    }
}

/// A licence as written in DCAT: an IRI (recognised or given) and a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Licence {
    pub iri: Option<String>,
    pub label: String,
}

/// How a record's constraints read in DCAT.
#[derive(Debug, Default)]
pub(crate) struct Rights {
    pub licence: Option<Licence>,
    pub access: Option<Access>,
    pub statements: Vec<Anchored>,
}

const NO_LIMITATION_TEXTS: [&str; 3] = [
    "pas de restriction d'accès public",
    "no limitations to public access",
    "nolimitations",
];

/// The access level a constraint text or anchor states, if it states one.
/// An INSPIRE registry IRI written with `https`, as the registry's `http` IRI.
fn inspire_http(uri: &str) -> std::borrow::Cow<'_, str> {
    match uri.strip_prefix(authority::INSPIRE_HTTPS) {
        Some(rest) => format!("{}{rest}", authority::INSPIRE_HTTP).into(),
        None => uri.into(),
    }
}

pub(crate) fn access_of(a: &Anchored) -> Option<Access> {
    let limitations = format!("{}LimitationsOnPublicAccess/", authority::INSPIRE_CODELIST);
    let uri = a.uri.as_deref().map(inspire_http);
    if let Some(uri) = uri.as_deref() {
        if let Some(code) = uri.strip_prefix(authority::ACCESS_RIGHT) {
            return Some(match code {
                "PUBLIC" => Access::Public,
                "NON_PUBLIC" => Access::NonPublic,
                _ => Access::Restricted,
            });
        }
        if let Some(code) = uri.strip_prefix(limitations.as_str()) {
            return Some(if code == "noLimitations" {
                Access::Public
            } else {
                Access::Restricted
            });
        }
    }
    let text = a.text.trim().to_lowercase().replace('’', "'");
    NO_LIMITATION_TEXTS
        .iter()
        .any(|t| text.starts_with(t))
        .then_some(Access::Public)
}

fn licence_of(a: &Anchored) -> Option<Licence> {
    if let Some(known) = licence::recognise(&a.text, a.uri.as_deref()) {
        return Some(Licence {
            iri: Some(known.uri.to_owned()),
            label: known.label.to_owned(),
        });
    }
    let conditions = format!(
        "{}ConditionsApplyingToAccessAndUse/",
        authority::INSPIRE_CODELIST
    );
    a.uri
        .as_deref()
        .map(inspire_http)
        .filter(|u| u.starts_with(&conditions))
        .map(|u| Licence {
            iri: Some(u.into_owned()),
            label: a.text.trim().to_owned(),
        })
}

/// Sorts the constraints: the explicit licence (or the first recognised one), the most
/// restrictive access level, and the other texts as rights statements.
pub(crate) fn rights(record: &Record) -> Rights {
    let mut out = Rights::default();
    for c in &record.constraints {
        if let Some(l) = &c.licence {
            out.licence.get_or_insert_with(|| {
                licence_of(l).unwrap_or(Licence {
                    iri: l.uri.clone(),
                    label: l.text.trim().to_owned(),
                })
            });
        }
        if c.kind == ConstraintKind::Security
            && c.classification
                .as_deref()
                .is_some_and(|k| k != "unclassified")
        {
            out.access = Some(Access::NonPublic);
        }
        let codes = c.access_constraints.iter().chain(&c.use_constraints);
        if codes
            .filter(|k| matches!(k.as_str(), "restricted" | "confidential"))
            .count()
            > 0
        {
            out.access = out.access.max_restrictive(Access::Restricted);
        }
        for text in c
            .other_constraints
            .iter()
            .chain(&c.use_limitations)
            .filter(|a| !a.text.trim().is_empty() || a.uri.is_some())
        {
            if let Some(level) = access_of(text) {
                out.access = out.access.max_restrictive(level);
            } else if let Some(l) = licence_of(text) {
                if out.licence.is_none() {
                    out.licence = Some(l);
                } else if out.licence.as_ref() != Some(&l) && !out.statements.contains(text) {
                    out.statements.push(text.clone());
                }
            } else if !out.statements.contains(text) {
                out.statements.push(text.clone());
            }
        }
    }
    out
}

trait MaxRestrictive {
    fn max_restrictive(self, other: Access) -> Option<Access>;
}

impl MaxRestrictive for Option<Access> {
    fn max_restrictive(self, other: Access) -> Option<Access> {
        let rank = |a: Access| match a {
            Access::Public => 0,
            Access::Restricted => 1,
            Access::NonPublic => 2,
        };
        Some(match self {
            Some(current) if rank(current) >= rank(other) => current,
            _ => other,
        })
    }
}
