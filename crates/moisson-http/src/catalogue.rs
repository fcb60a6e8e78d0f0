//! Catalogue fields of records written through the protocols.
//!
//! ISO 19139 and Dublin Core documents carry no owner, visibility or workflow status, so
//! a document that replaces a stored record keeps the stored record's catalogue fields:
//! re-sending a document must not turn a restricted draft into a public record. A record
//! without an owner organisation gets the caller's, when the caller edits exactly one.

use moisson_model::account::UnitKind;
use moisson_model::{CatalogueInfo, Record, Role, Viewer, Visibility, WorkflowStatus, rights};
use moisson_store::Store;

/// The status and visibility a write named explicitly (REST `?status=`/`?visibility=`,
/// or the JSON body's `catalogue`); `None` when it named none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Requested {
    pub status: Option<WorkflowStatus>,
    pub visibility: Option<Visibility>,
}

impl Requested {
    /// `self`'s values, else `other`'s.
    #[must_use]
    pub fn or(self, other: Self) -> Self {
        Self {
            status: self.status.or(other.status),
            visibility: self.visibility.or(other.visibility),
        }
    }
}

/// Settles the catalogue fields of a record written through a protocol, before the store
/// checks the write: a document (`from_document`) keeps the stored record's fields; a
/// record without an owner gets the caller's organisation when obvious; the status and
/// visibility are the requested ones, else the stored record's, else (a new record)
/// `rights::default_status` — a draft when the caller may not publish — and the record's
/// own visibility. Returns whether the caller sees a stored record with this id.
pub async fn settle(
    store: &dyn Store,
    record: &mut Record,
    caller: &Viewer,
    requested: Requested,
    from_document: bool,
) -> moisson_store::Result<bool> {
    let stored = match &record.id {
        Some(id) => store.get(id, caller).await?.map(|s| s.record.catalogue),
        None => None,
    };
    if from_document && let Some(stored) = stored.clone() {
        keep(&mut record.catalogue, stored);
    }
    default_owner(store, record, caller).await?;
    let info = &mut record.catalogue;
    info.status = requested
        .status
        .or(stored.as_ref().map(|s| s.status))
        .unwrap_or_else(|| rights::default_status(caller, info));
    info.visibility = requested
        .visibility
        .or(stored.as_ref().map(|s| s.visibility))
        .unwrap_or(info.visibility);
    Ok(stored.is_some())
}

/// Copies the catalogue fields of the stored record with the same id (as `caller` sees
/// it) onto `record`, read from a document. Timestamps and `source` stay the new ones.
/// Returns whether the caller sees a stored record with this id.
pub async fn keep_stored_catalogue(
    store: &dyn Store,
    record: &mut Record,
    caller: &Viewer,
) -> moisson_store::Result<bool> {
    let Some(id) = record.id.clone() else {
        return Ok(false);
    };
    let Some(stored) = store.get(&id, caller).await? else {
        return Ok(false);
    };
    keep(&mut record.catalogue, stored.record.catalogue);
    Ok(true)
}

fn keep(new: &mut CatalogueInfo, stored: CatalogueInfo) {
    new.owner_org = stored.owner_org;
    new.visibility = stored.visibility;
    new.status = stored.status;
    new.shared_with = stored.shared_with;
    new.profile = stored.profile;
    new.extra = stored.extra;
}

/// Sets `catalogue.owner_org` when it is missing and the caller is an editor (or above)
/// of exactly one organisation (an API key always is). Superadmins write records
/// without an owner as they are.
pub async fn default_owner(
    store: &dyn Store,
    record: &mut Record,
    caller: &Viewer,
) -> moisson_store::Result<()> {
    if record.catalogue.owner_org.is_some() || caller.sees_all() {
        return Ok(());
    }
    let editable = caller.units_with_role(Role::Editor);
    if editable.is_empty() {
        return Ok(());
    }
    let mut organisations = store
        .list_units()
        .await?
        .into_iter()
        .filter(|u| u.kind == UnitKind::Organisation && editable.contains(&u.id));
    if let (Some(only), None) = (organisations.next(), organisations.next()) {
        record.catalogue.owner_org = Some(only.id);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::{Visibility, WorkflowStatus};

    #[test]
    fn a_document_keeps_the_stored_rights_fields() {
        let mut new = CatalogueInfo {
            source: moisson_model::RecordSource::Harvested {
                harvester: "h".into(),
                url: None,
            },
            ..CatalogueInfo::default()
        };
        let stored = CatalogueInfo {
            owner_org: Some("a".into()),
            visibility: Visibility::Restricted,
            status: WorkflowStatus::Draft,
            shared_with: vec!["g".into()],
            ..CatalogueInfo::default()
        };
        keep(&mut new, stored);
        assert_eq!(new.owner_org.as_deref(), Some("a"));
        assert_eq!(
            (new.visibility, new.status),
            (Visibility::Restricted, WorkflowStatus::Draft)
        );
        assert_eq!(new.shared_with, vec!["g".to_owned()]);
        assert!(matches!(
            new.source,
            moisson_model::RecordSource::Harvested { .. }
        ));
    }
}
