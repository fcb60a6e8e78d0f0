//! The rights clause: `moisson_model::rights::can_see` compiled to SQL, in one
//! function that every read (get, count, ids, search, facets) goes through.

use moisson_model::{Role, Viewer};
use rusqlite::types::Value as SqlValue;

/// `moisson_model::rights::can_see` as a condition over `records r`: every read goes
/// through this function. The viewer's units are bound (as JSON arrays, one parameter
/// per list) after the parameters already in `params`; the all-seeing get no clause.
pub(crate) fn visibility_sql(viewer: &Viewer, params: &mut Vec<SqlValue>) -> String {
    if viewer.sees_all() {
        return "1".to_owned();
    }
    let mut bind_units = |units: Vec<String>| {
        (!units.is_empty()).then(|| {
            params.push(SqlValue::Text(serde_json::Value::from(units).to_string()));
            format!("(SELECT value FROM json_each(?{}))", params.len())
        })
    };
    let published = if viewer.is_signed_in() {
        let member = bind_units(viewer.units()).map_or_else(
            || "0".to_owned(),
            |units| {
                format!(
                    "r.owner_org IN {units} OR EXISTS (SELECT 1 FROM record_shares s \
                     WHERE s.rid = r.rid AND s.unit IN {units})"
                )
            },
        );
        format!(
            "r.visibility IN ('public', 'internal') OR (r.visibility = 'restricted' AND ({member}))"
        )
    } else {
        "r.visibility = 'public'".to_owned()
    };
    let seen = format!("(r.status = 'published' AND ({published}))");
    // Editors (and above) of the owner organisation also see its drafts.
    match bind_units(viewer.units_with_role(Role::Editor)) {
        Some(editable) => format!("({seen} OR r.owner_org IN {editable})"),
        None => seen,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::Membership;

    #[test]
    fn units_are_bound_never_spliced() {
        let evil = "a' OR 1=1 --";
        let viewer = Viewer::member(
            "user:x",
            vec![Membership {
                unit: evil.to_owned(),
                role: Role::Editor,
            }],
        );
        let mut params = vec![SqlValue::Null];
        let sql = visibility_sql(&viewer, &mut params);
        assert!(!sql.contains("1=1"), "{sql}");
        assert!(
            sql.contains("json_each(?2)") && sql.contains("json_each(?3)"),
            "{sql}"
        );
        assert_eq!(params.len(), 3);
        let mut none = Vec::new();
        assert_eq!(visibility_sql(&Viewer::Admin, &mut none), "1");
        assert!(none.is_empty());
    }
}
