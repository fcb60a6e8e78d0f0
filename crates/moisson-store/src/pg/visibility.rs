//! `moisson_model::rights::can_see` compiled to SQL, once for every read (search, count,
//! ids, get, facets). The viewer's units are bound as arrays, never spliced; the shape
//! of the clause depends only on which lists are empty, so there are few distinct
//! statements to cache. Every comparison is on a plain column (`status`, `visibility`,
//! `owner_org`, `shared_with`), so the planner can use the indexes of migration 0002.

use moisson_model::{Role, Viewer};

use super::params::{Param, Params};

/// The WHERE clause over `records r` of the records `viewer` sees, binding its unit
/// lists into `params`. Mirrors `rights::can_see` rule by rule.
pub(crate) fn visibility_clause(viewer: &Viewer, params: &mut Params) -> String {
    if viewer.sees_all() {
        return "TRUE".to_owned();
    }
    // Published: public to all, internal to the signed-in, restricted to the members
    // (any role) of the owner organisation or of a unit it is shared with.
    let mut published = vec![if viewer.is_signed_in() {
        "r.visibility IN ('public', 'internal')".to_owned()
    } else {
        "r.visibility = 'public'".to_owned()
    }];
    let units = viewer.units();
    if !units.is_empty() {
        let u = params.bind(Param::TextArray(units));
        published.push(format!(
            "(r.visibility = 'restricted' AND (r.owner_org = ANY({u}) OR r.shared_with && {u}))"
        ));
    }
    let mut clause = format!("(r.status = 'published' AND ({}))", published.join(" OR "));
    // Editors (and above) of the owner organisation see its records whatever their
    // status and visibility.
    let editor_of = viewer.units_with_role(Role::Editor);
    if !editor_of.is_empty() {
        let e = params.bind(Param::TextArray(editor_of));
        clause = format!("({clause} OR r.owner_org = ANY({e}))");
    }
    clause
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::Membership;

    #[test]
    fn units_are_bound_never_spliced() {
        let evil = "x') OR TRUE --";
        let viewer = Viewer::member(
            "user:e",
            vec![Membership {
                unit: evil.to_owned(),
                role: Role::Admin,
            }],
        );
        let mut params = Params::default();
        let sql = visibility_clause(&viewer, &mut params);
        assert!(!sql.contains(evil), "{sql}");
        assert_eq!(params.len(), 2);
    }

    #[test]
    fn anonymous_sees_published_public_records_only() {
        let mut params = Params::default();
        let sql = visibility_clause(&Viewer::Anonymous, &mut params);
        assert_eq!(
            sql,
            "(r.status = 'published' AND (r.visibility = 'public'))"
        );
        assert_eq!(params.len(), 0);
        assert_eq!(visibility_clause(&Viewer::Admin, &mut params), "TRUE");
    }
}
