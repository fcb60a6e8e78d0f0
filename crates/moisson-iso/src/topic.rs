//! ISO 19115 MD_TopicCategoryCode: the enumeration and the normalisation of profile values.

/// The values the ISO 19139 schema accepts for gmd:MD_TopicCategoryCode.
pub const TOPIC_CATEGORIES: [&str; 19] = [
    "farming",
    "biota",
    "boundaries",
    "climatologyMeteorologyAtmosphere",
    "economy",
    "elevation",
    "environment",
    "geoscientificInformation",
    "health",
    "imageryBaseMapsEarthCover",
    "intelligenceMilitary",
    "inlandWaters",
    "location",
    "oceans",
    "planningCadastre",
    "society",
    "structure",
    "transportation",
    "utilitiesCommunication",
];

pub(crate) fn is_iso(value: &str) -> bool {
    TOPIC_CATEGORIES.contains(&value)
}

/// Adds a topic category read from a document: a profile sub-category such as geocat.ch's
/// `planningCadastre_Planning` becomes its ISO parent (`planningCadastre`); duplicates are
/// dropped; a value outside ISO is kept with a warning (the ISO writer leaves it out).
pub(crate) fn push(topics: &mut Vec<String>, value: String, warnings: &mut Vec<String>) {
    let value = if is_iso(&value) {
        value
    } else if let Some(parent) = value.split_once('_').map(|(p, _)| p).filter(|p| is_iso(p)) {
        warnings.push(format!(
            "topic category {value:?} read as its ISO parent {parent:?}"
        ));
        parent.to_owned()
    } else {
        warnings.push(format!(
            "topic category {value:?} is not an ISO 19115 value"
        ));
        value
    };
    if !topics.contains(&value) {
        topics.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_categories_become_their_parent_once() {
        let (mut topics, mut warnings) = (Vec::new(), Vec::new());
        for v in [
            "planningCadastre",
            "planningCadastre_Planning",
            "environment_Protection",
            "x",
        ] {
            push(&mut topics, v.to_owned(), &mut warnings);
        }
        assert_eq!(topics, ["planningCadastre", "environment", "x"]);
        assert_eq!(warnings.len(), 3);
    }
}
