//! `license` as record-core wants it: an SPDX identifier for a common licence, else
//! `other` with a `license` link to its text, else nothing.

use moisson_dcat::tables::licence::recognise;
use moisson_dcat::vocab::licence as known;
use moisson_model::Record;

/// What the record says of its licence: the `license` value and where its text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence {
    pub license: String,
    /// The licence's text, linked with `rel=license`.
    pub link: Option<String>,
}

/// The record's licence; `None` when it has none, or an unknown one without a URI (its
/// words then stay in `rights`).
#[must_use]
pub fn licence(record: &Record) -> Option<Licence> {
    let l = record.licence()?;
    let uri = l.uri.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let recognised = recognise(&l.text, uri);
    let link = uri
        .map(str::to_owned)
        .or_else(|| recognised.map(|k| k.uri.to_owned()));
    match recognised.and_then(|k| spdx(k.uri)) {
        Some(id) => Some(Licence {
            license: id.to_owned(),
            link,
        }),
        None => link.map(|link| Licence {
            license: "other".to_owned(),
            link: Some(link),
        }),
    }
}

/// The SPDX identifier of a licence the DCAT mapping recognises (Licence Ouverte 1.0 has
/// none).
fn spdx(uri: &str) -> Option<&'static str> {
    match uri {
        known::ETALAB_2_0 => Some("etalab-2.0"),
        known::ODBL => Some("ODbL-1.0"),
        known::CC_BY_4_0 => Some("CC-BY-4.0"),
        known::CC_BY_SA_4_0 => Some("CC-BY-SA-4.0"),
        known::CC0 => Some("CC0-1.0"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::{Anchored, Constraint, ConstraintKind};

    fn with_licence(text: &str, uri: Option<&str>) -> Record {
        let mut r = Record::default();
        r.constraints.push(Constraint {
            kind: ConstraintKind::Legal,
            licence: Some(Anchored::with_uri(text, uri.map(str::to_owned))),
            ..Constraint::default()
        });
        r
    }

    #[test]
    fn common_licences_are_spdx_others_are_linked() {
        let lo = licence(&with_licence("Licence Ouverte 2.0", None)).expect("licence");
        assert_eq!(lo.license, "etalab-2.0");
        assert_eq!(lo.link.as_deref(), Some(known::ETALAB_2_0));
        let own = licence(&with_licence(
            "Licence de la ville",
            Some("https://v.example/l"),
        ))
        .expect("licence");
        assert_eq!(own.license, "other");
        assert_eq!(own.link.as_deref(), Some("https://v.example/l"));
        assert_eq!(licence(&with_licence("Usage interne", None)), None);
    }
}
