//! Licences harvesters recognise, found from the texts and URLs catalogues write.

use crate::vocab::licence as l;

/// A recognised licence: its canonical URI and label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownLicence {
    pub uri: &'static str,
    pub label: &'static str,
}

const ETALAB_2: KnownLicence = KnownLicence {
    uri: l::ETALAB_2_0,
    label: "Licence Ouverte / Open Licence version 2.0",
};
const ETALAB_1: KnownLicence = KnownLicence {
    uri: l::ETALAB_1_0,
    label: "Licence Ouverte / Open Licence version 1.0",
};
const ODBL: KnownLicence = KnownLicence {
    uri: l::ODBL,
    label: "Open Database License (ODbL) 1.0",
};
const CC_BY: KnownLicence = KnownLicence {
    uri: l::CC_BY_4_0,
    label: "Creative Commons Attribution 4.0",
};
const CC_BY_SA: KnownLicence = KnownLicence {
    uri: l::CC_BY_SA_4_0,
    label: "Creative Commons Attribution-ShareAlike 4.0",
};
const CC0: KnownLicence = KnownLicence {
    uri: l::CC0,
    label: "Creative Commons Zero 1.0 (public domain dedication)",
};

/// Recognises a licence from a URI or a text (`Licence Ouverte 2.0`, `ODbL`, `CC-BY 4.0`,
/// an Etalab or Creative Commons URL, an SPDX or EU licence-authority IRI).
#[must_use]
pub fn recognise(text: &str, uri: Option<&str>) -> Option<KnownLicence> {
    uri.and_then(from_url)
        .or_else(|| from_url(text))
        .or_else(|| from_text(text))
}

fn from_url(url: &str) -> Option<KnownLicence> {
    let u = url.trim().to_ascii_lowercase();
    if !(u.starts_with("http://") || u.starts_with("https://")) {
        return None;
    }
    let code = u
        .strip_prefix(&l::SPDX.to_ascii_lowercase())
        .or_else(|| u.strip_prefix(&l::EU_LICENCE.to_ascii_lowercase()));
    if let Some(code) = code {
        return from_text(&code.replace(['_', '.'], "-"));
    }
    if u.contains(l::ETALAB_HOST) {
        return Some(if u.contains("2014") || u.contains("v1") {
            ETALAB_1
        } else {
            ETALAB_2
        });
    }
    if u.contains(l::ODBL_PATH) {
        return Some(ODBL);
    }
    if u.contains(l::CC_BY_SA_PATH) {
        return Some(CC_BY_SA);
    }
    if u.contains(l::CC_BY_PATH) {
        return Some(CC_BY);
    }
    u.contains(l::CC0_PATH).then_some(CC0)
}

fn from_text(text: &str) -> Option<KnownLicence> {
    let t = text.to_lowercase().replace(['_', '-'], " ");
    let has = |needle: &str| t.contains(needle);
    if has("licence ouverte") || has("open licence") || has("etalab") {
        return Some(if has("1.0") || has("1 0") || has("v1") {
            ETALAB_1
        } else {
            ETALAB_2
        });
    }
    if has("odbl") || has("open database licen") {
        return Some(ODBL);
    }
    if has("cc by sa") || has("attribution sharealike") || has("attribution share alike") {
        return Some(CC_BY_SA);
    }
    if has("cc by") || has("creative commons attribution") {
        return Some(CC_BY);
    }
    (has("cc0") || has("cc zero") || has("public domain dedication")).then_some(CC0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_international_licences() {
        assert_eq!(
            recognise("Licence Ouverte version 2.0", None),
            Some(ETALAB_2)
        );
        assert_eq!(
            recognise(
                "licence",
                Some("https://www.etalab.gouv.fr/licence-ouverte-open-licence")
            ),
            Some(ETALAB_2)
        );
        assert_eq!(recognise("ODbL", None), Some(ODBL));
        assert_eq!(
            recognise("https://spdx.org/licenses/etalab-2.0", None),
            Some(ETALAB_2)
        );
        assert_eq!(recognise("CC-BY 4.0", None), Some(CC_BY));
        assert_eq!(
            recognise(
                "http://publications.europa.eu/resource/authority/licence/CC0",
                None
            ),
            Some(CC0)
        );
        assert_eq!(recognise("Pas de restriction d'accès public", None), None);
    }
}
