//! The rights rules, in one place. The stores compile `can_see` to SQL (and their
//! conformance suite checks the SQL against this function); writes call `check_write`
//! and `check_delete` inside the write transaction, with the stored record's catalogue
//! information.
//!
//! Reading: a superadmin sees everything. Otherwise a record is seen when
//! - it is published and public, or
//! - it is published and internal, and the caller is signed in, or
//! - it is published and restricted, and the caller belongs to its owner organisation or
//!   to one of the units it is shared with, or
//! - the caller is an editor (or above) of its owner organisation, whatever its status.
//!
//! Writing: a superadmin may do everything. Otherwise the caller must be an editor (or
//! above) of the owner organisation of the stored record and of the new one; only a
//! reviewer (or above) may make a record published, except that an editor may edit a
//! record that is already published and leave it published. Deleting needs an editor
//! (or above) of the owner organisation. A new record whose writer names no status is
//! published when the writer may publish it, else a draft (`default_status`).
//!
//! A harvested record is read-only here: only the runs of the source that harvested it
//! (which write as [`harvester_subject`]) and superadmins change or delete it; its
//! organisation's editors edit it at its source, else the next run would undo the edit.

use crate::record::{CatalogueInfo, RecordSource, Visibility, WorkflowStatus};
use crate::viewer::{Role, Viewer};

/// Why a write was refused; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Denied(pub String);

/// Whether `viewer` sees a record with this catalogue information.
#[must_use]
pub fn can_see(viewer: &Viewer, info: &CatalogueInfo) -> bool {
    if viewer.sees_all() {
        return true;
    }
    let owner_role = info.owner_org.as_deref().and_then(|o| viewer.role_in(o));
    if owner_role.is_some_and(|r| r >= Role::Editor) {
        return true;
    }
    if info.status != WorkflowStatus::Published {
        return false;
    }
    match info.visibility {
        Visibility::Public => true,
        Visibility::Internal => viewer.is_signed_in(),
        Visibility::Restricted => {
            owner_role.is_some() || info.shared_with.iter().any(|u| viewer.role_in(u).is_some())
        }
    }
}

/// Whether `viewer` may write `new` over `stored` (`None`: a new record).
///
/// # Errors
/// `Denied` with the reason when the write is not allowed.
pub fn check_write(
    viewer: &Viewer,
    stored: Option<&CatalogueInfo>,
    new: &CatalogueInfo,
) -> Result<(), Denied> {
    if viewer.sees_all() {
        return Ok(());
    }
    if !viewer.is_signed_in() {
        return Err(Denied("sign in to write records".to_owned()));
    }
    if let Some(stored) = stored {
        if !can_see(viewer, stored) {
            // Say nothing of a record the caller may not see (not even its owner).
            return Err(Denied(
                "this identifier is taken by a record you may not edit".to_owned(),
            ));
        }
        editor_of_owner(viewer, stored, "edit this record")?;
        not_harvested(viewer, stored, "edited")?;
    }
    let role = editor_of_owner(viewer, new, "write records for this organisation")?;
    let stays_published = stored.is_some_and(|s| s.status == WorkflowStatus::Published);
    if new.status == WorkflowStatus::Published && role < Role::Reviewer && !stays_published {
        return Err(Denied(
            "only a reviewer of the owner organisation may publish a record; to submit it \
             for review instead, write it with status \"submitted\" (REST: \
             `?status=submitted`, or `\"status\": \"submitted\"` in the JSON `catalogue`)"
                .to_owned(),
        ));
    }
    Ok(())
}

/// Whether `viewer` may publish a record with this catalogue information (a reviewer,
/// or above, of its owner organisation; a superadmin).
#[must_use]
pub fn may_publish(viewer: &Viewer, info: &CatalogueInfo) -> bool {
    viewer.sees_all()
        || info
            .owner_org
            .as_deref()
            .and_then(|o| viewer.role_in(o))
            .is_some_and(|r| r >= Role::Reviewer)
}

/// The status of a new record whose writer named none: published when the writer may
/// publish it, else a draft, so that an editor's write succeeds and waits for review
/// instead of being refused.
#[must_use]
pub fn default_status(viewer: &Viewer, info: &CatalogueInfo) -> WorkflowStatus {
    if may_publish(viewer, info) {
        WorkflowStatus::Published
    } else {
        WorkflowStatus::Draft
    }
}

/// Whether `viewer` may delete a record with this catalogue information.
///
/// # Errors
/// `Denied` with the reason when the delete is not allowed.
pub fn check_delete(viewer: &Viewer, stored: &CatalogueInfo) -> Result<(), Denied> {
    if viewer.sees_all() {
        return Ok(());
    }
    editor_of_owner(viewer, stored, "delete this record")?;
    not_harvested(viewer, stored, "deleted")
}

/// The subject the runs of harvest source `source_id` write as: the one caller besides
/// superadmins that may change the records it harvested. Authenticated callers' subjects
/// all start with another prefix (`user:`, `apikey:`, `oidc:`).
#[must_use]
pub fn harvester_subject(source_id: &str) -> String {
    format!("harvest:{source_id}")
}

/// Refuses a change to a harvested record by anyone but its source's runs.
fn not_harvested(viewer: &Viewer, stored: &CatalogueInfo, what: &str) -> Result<(), Denied> {
    match &stored.source {
        RecordSource::Harvested { harvester, .. }
            if viewer.subject() != harvester_subject(harvester) =>
        {
            Err(Denied(format!(
                "this record is harvested (source {harvester}) and may not be {what} here: \
                 change it at its source, which the next run copies; only a superadmin may \
                 change it locally"
            )))
        }
        _ => Ok(()),
    }
}

/// Whether `viewer` may manage the memberships and API keys of `unit`.
#[must_use]
pub fn can_manage_unit(viewer: &Viewer, unit: &str) -> bool {
    viewer.sees_all() || viewer.role_in(unit) == Some(Role::Admin)
}

/// Whether `viewer` may manage a harvest source owned by `owner_org` (change it, run it,
/// read its jobs): an admin of that organisation, or a superadmin.
#[must_use]
pub fn can_manage_source(viewer: &Viewer, owner_org: &str) -> bool {
    can_manage_unit(viewer, owner_org)
}

fn editor_of_owner(viewer: &Viewer, info: &CatalogueInfo, what: &str) -> Result<Role, Denied> {
    let Some(owner) = info.owner_org.as_deref() else {
        return Err(Denied(format!(
            "a record needs an owner organisation to {what}"
        )));
    };
    match viewer.role_in(owner) {
        Some(role) if role >= Role::Editor => Ok(role),
        _ => Err(Denied(format!(
            "only an editor of organisation {owner} may {what}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::viewer::Membership;

    fn info(owner: &str, visibility: Visibility, status: WorkflowStatus) -> CatalogueInfo {
        CatalogueInfo {
            owner_org: Some(owner.to_owned()),
            visibility,
            status,
            ..CatalogueInfo::default()
        }
    }

    #[test]
    fn harvested_records_change_only_through_their_source_or_a_superadmin() {
        let mut stored = info("ddt", Visibility::Public, WorkflowStatus::Published);
        stored.source = RecordSource::Harvested {
            harvester: "geo-ide-1a2b3c".to_owned(),
            url: Some("https://example.org/csw".to_owned()),
        };
        let editor = member("ddt", Role::Admin);
        let edit = check_write(&editor, Some(&stored), &stored).expect_err("read-only");
        assert!(
            edit.0.contains("harvested (source geo-ide-1a2b3c)"),
            "{edit}"
        );
        assert!(check_delete(&editor, &stored).is_err());
        let run = Viewer::member(
            harvester_subject("geo-ide-1a2b3c"),
            vec![Membership {
                unit: "ddt".to_owned(),
                role: Role::Admin,
            }],
        );
        assert_eq!(check_write(&run, Some(&stored), &stored), Ok(()));
        assert_eq!(check_delete(&run, &stored), Ok(()));
        let other_run = Viewer::member(harvester_subject("other"), run.memberships().to_vec());
        assert!(check_write(&other_run, Some(&stored), &stored).is_err());
        assert_eq!(check_write(&Viewer::Admin, Some(&stored), &stored), Ok(()));
        assert_eq!(check_delete(&Viewer::Admin, &stored), Ok(()));
    }

    fn member(unit: &str, role: Role) -> Viewer {
        Viewer::member(
            "user:t",
            vec![Membership {
                unit: unit.to_owned(),
                role,
            }],
        )
    }

    #[test]
    fn reading_rules() {
        use Visibility::*;
        use WorkflowStatus::*;
        let anon = Viewer::Anonymous;
        let reader_a = member("a", Role::Reader);
        let editor_a = member("a", Role::Editor);
        let reader_b = member("b", Role::Reader);
        assert!(can_see(&anon, &info("a", Public, Published)));
        assert!(!can_see(&anon, &info("a", Public, Draft)));
        assert!(!can_see(&anon, &info("a", Internal, Published)));
        assert!(can_see(&reader_b, &info("a", Internal, Published)));
        assert!(!can_see(&reader_b, &info("a", Restricted, Published)));
        assert!(can_see(&reader_a, &info("a", Restricted, Published)));
        assert!(!can_see(&reader_a, &info("a", Public, Submitted)));
        assert!(can_see(&editor_a, &info("a", Restricted, Draft)));
        let mut shared = info("a", Restricted, Published);
        shared.shared_with = vec!["b".to_owned()];
        assert!(can_see(&reader_b, &shared));
        assert!(can_see(&Viewer::Admin, &info("a", Restricted, Draft)));
    }

    #[test]
    fn writing_rules() {
        use Visibility::*;
        use WorkflowStatus::*;
        let editor_a = member("a", Role::Editor);
        let reviewer_a = member("a", Role::Reviewer);
        let draft = info("a", Public, Draft);
        let published = info("a", Public, Published);
        assert!(check_write(&Viewer::Anonymous, None, &draft).is_err());
        assert!(check_write(&editor_a, None, &draft).is_ok());
        assert!(check_write(&editor_a, None, &published).is_err());
        assert!(check_write(&editor_a, Some(&draft), &published).is_err());
        assert!(check_write(&editor_a, Some(&published), &published).is_ok());
        assert!(check_write(&reviewer_a, Some(&draft), &published).is_ok());
        assert!(check_write(&member("b", Role::Admin), None, &draft).is_err());
        assert!(check_write(&editor_a, Some(&info("b", Public, Draft)), &draft).is_err());
        assert!(check_delete(&editor_a, &published).is_ok());
        assert!(check_delete(&member("a", Role::Reader), &published).is_err());
        assert_eq!(default_status(&editor_a, &draft), Draft);
        assert_eq!(default_status(&reviewer_a, &draft), Published);
        assert_eq!(default_status(&member("b", Role::Admin), &draft), Draft);
        assert_eq!(default_status(&Viewer::Admin, &draft), Published);
        assert!(can_manage_unit(&member("a", Role::Admin), "a"));
        assert!(!can_manage_unit(&reviewer_a, "a"));
    }
}
