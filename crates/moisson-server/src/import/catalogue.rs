//! `moisson import --org --visibility --status`: catalogue fields for imported records.
//! ISO 19139 and Dublin Core files carry none, so without these options new records are
//! unowned, public and published (the model's defaults), and a record already stored
//! keeps its stored rights fields (`moisson_http::catalogue::keep_stored_catalogue`, as a
//! document sent over REST or CSW does): re-importing a file never publishes a draft.

use moisson_model::{CatalogueInfo, Visibility, WorkflowStatus};

/// Catalogue fields to set on every imported record; `None` leaves a field as read (or,
/// for a record already stored, as stored).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogueDefaults {
    /// Owner organisation of new records that name none, and of stored records.
    pub owner_org: Option<String>,
    pub visibility: Option<Visibility>,
    pub status: Option<WorkflowStatus>,
}

impl CatalogueDefaults {
    /// Sets the fields given on `catalogue`: the one read from a file, or, when `stored`,
    /// the stored record's (already copied onto it), where every option given wins.
    pub fn apply(&self, catalogue: &mut CatalogueInfo, stored: bool) {
        if (stored && self.owner_org.is_some()) || catalogue.owner_org.is_none() {
            catalogue.owner_org.clone_from(&self.owner_org);
        }
        if let Some(v) = self.visibility {
            catalogue.visibility = v;
        }
        if let Some(s) = self.status {
            catalogue.status = s;
        }
    }
}

/// `public`, `internal` or `restricted` (the command-line value parser).
pub fn parse_visibility(s: &str) -> Result<Visibility, String> {
    match s {
        "public" => Ok(Visibility::Public),
        "internal" => Ok(Visibility::Internal),
        "restricted" => Ok(Visibility::Restricted),
        _ => Err("expected public, internal or restricted".to_owned()),
    }
}

/// `draft`, `submitted` or `published` (the command-line value parser).
pub fn parse_status(s: &str) -> Result<WorkflowStatus, String> {
    match s {
        "draft" => Ok(WorkflowStatus::Draft),
        "submitted" => Ok(WorkflowStatus::Submitted),
        "published" => Ok(WorkflowStatus::Published),
        _ => Err("expected draft, submitted or published".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owner_read_from_the_record_is_kept() {
        let defaults = CatalogueDefaults {
            owner_org: Some("a".into()),
            visibility: Some(Visibility::Internal),
            status: None,
        };
        let mut unowned = CatalogueInfo::default();
        defaults.apply(&mut unowned, false);
        assert_eq!(unowned.owner_org.as_deref(), Some("a"));
        assert_eq!(unowned.visibility, Visibility::Internal);
        assert_eq!(unowned.status, WorkflowStatus::Published);
        let owned = CatalogueInfo {
            owner_org: Some("b".into()),
            ..CatalogueInfo::default()
        };
        let mut read = owned.clone();
        defaults.apply(&mut read, false);
        assert_eq!(read.owner_org.as_deref(), Some("b"));
        // A stored record's fields (copied onto the record read) yield to the options
        // given, and only to them.
        let mut stored = CatalogueInfo {
            status: WorkflowStatus::Draft,
            ..owned
        };
        defaults.apply(&mut stored, true);
        assert_eq!(stored.owner_org.as_deref(), Some("a"));
        assert_eq!(stored.visibility, Visibility::Internal);
        assert_eq!(stored.status, WorkflowStatus::Draft);
        let mut kept = stored.clone();
        CatalogueDefaults::default().apply(&mut kept, true);
        assert_eq!(kept, stored);
        assert!(parse_visibility("secret").is_err());
        assert_eq!(parse_status("draft"), Ok(WorkflowStatus::Draft));
    }
}
