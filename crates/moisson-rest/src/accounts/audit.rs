//! The audit log: `GET /api/v1/audit?record=&actor=&limit=&offset=` (superadmins only).

use actix_web::{HttpRequest, HttpResponse, web};
use moisson_model::account::AuditQuery;

use super::bodies::AuditList;
use crate::error::{Error, Result};
use crate::problem::Problem;
use crate::{RestState, caller};

/// Lines per page when `limit` is absent.
const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;

/// Record writes, newest first: who, when, which record, what action, status after.
#[utoipa::path(get, path = "/api/v1/audit", tag = "accounts", security(("bearer" = [])),
    params(
        ("record" = Option<String>, Query, description = "Only the lines of this record"),
        ("actor" = Option<String>, Query, description = "Only the lines of this writer (`user:alice`, `apikey:…`, `admin`)"),
        ("limit" = Option<u32>, Query, description = "Lines per page, 1 to 1000 (default 100)"),
        ("offset" = Option<u64>, Query, description = "Lines to skip (default 0)"),
    ),
    responses(
        (status = 200, description = "Audit lines", body = AuditList),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a superadmin", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_audit(
    req: HttpRequest,
    q: web::Query<Vec<(String, String)>>,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let query = parse(&q)?;
    let items = state.store.audit(&query, &actor).await?;
    Ok(HttpResponse::Ok().json(AuditList {
        items,
        limit: query.limit,
        offset: query.offset,
    }))
}

fn parse(pairs: &[(String, String)]) -> Result<AuditQuery> {
    let mut query = AuditQuery {
        limit: DEFAULT_LIMIT,
        ..AuditQuery::default()
    };
    for (i, (name, value)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(n, _)| n == name) {
            return Err(Error::invalid(name.as_str(), "given more than once"));
        }
        match name.as_str() {
            "record" => query.record_id = Some(value.clone()),
            "actor" => query.actor = Some(value.clone()),
            "limit" => {
                query.limit = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_LIMIT).contains(n))
                    .ok_or_else(|| Error::invalid("limit", "an integer from 1 to 1000"))?;
            }
            "offset" => {
                query.offset = value
                    .parse()
                    .map_err(|_| Error::invalid("offset", "a non-negative integer"))?;
            }
            _ => return Err(Error::UnknownParameter(name.clone())),
        }
    }
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn parameters() {
        let q = parse(&pairs(&[
            ("record", "r1"),
            ("limit", "5"),
            ("offset", "10"),
        ]))
        .expect("valid");
        assert_eq!(
            (q.record_id.as_deref(), q.limit, q.offset),
            (Some("r1"), 5, 10)
        );
        assert_eq!(parse(&[]).expect("defaults").limit, DEFAULT_LIMIT);
        for bad in [
            pairs(&[("limit", "0")]),
            pairs(&[("limit", "x")]),
            pairs(&[("offset", "-1")]),
            pairs(&[("colour", "red")]),
            pairs(&[("actor", "a"), ("actor", "b")]),
        ] {
            assert!(parse(&bad).is_err(), "{bad:?}");
        }
    }
}
