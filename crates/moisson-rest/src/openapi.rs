//! The OpenAPI 3 document of the REST API, and the record JSON Schema derived from it.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::{Value, json};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::accounts::{audit, keys, session, units, users};
use crate::harvest;
use crate::http;
use crate::profiles::Profiles;
use crate::thesauri;

/// Gathers every REST handler and schema. The server may merge it into a larger document.
#[derive(OpenApi)]
#[openapi(
    info(title = "Moisson REST API", version = "1", license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
        description = "JSON API v1 for custom frontends: search, read, write records; custom profiles; accounts, organisations, groups, API keys and the audit log. Every read and write applies the caller's rights (see docs/rights.md): a record the caller may not see answers 404. Errors are RFC 7807 problem JSON."),
    paths(http::get_records, http::get_record, http::post_record, http::put_record, http::patch_record, http::delete_record,
        http::get_profiles, http::get_profile, http::get_openapi,
        session::post_token, session::post_refresh, session::get_me,
        users::get_users, users::post_user, users::get_user, users::patch_user, users::delete_user,
        units::get_organisations, units::post_organisation, units::get_groups, units::post_group,
        units::delete_unit, units::put_member, units::delete_member,
        keys::get_api_keys, keys::post_api_key, keys::delete_api_key, audit::get_audit,
        harvest::get_sources, harvest::post_source, harvest::get_source, harvest::patch_source,
        harvest::delete_source, harvest::post_run, harvest::get_source_jobs, harvest::get_job,
        harvest::get_record_provenance,
        thesauri::get_thesauri, thesauri::get_concepts, thesauri::get_facet,
        thesauri::get_record_concepts),
    components(schemas(crate::records::RecordResponse, crate::records::ListResponse, crate::problem::Problem)),
    modifiers(&BearerAuth),
    tags(
        (name = "records", description = "Metadata records"),
        (name = "profiles", description = "Custom profiles: JSON Schemas for `catalogue.extra`"),
        (name = "auth", description = "Signing in: local accounts get a short-lived bearer token"),
        (name = "accounts", description = "Users, organisations, groups, memberships, API keys and the audit log"),
        (name = "harvest", description = "Harvest sources (other catalogues read on a schedule or on demand) and their runs"),
        (name = "thesauri", description = "SKOS thesauri: autocomplete of their concepts, themed facets of searches"),
        (name = "meta", description = "This document"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "An access token from `POST /api/v1/auth/token`, an API key (`msk_…`), an \
                 OpenID Connect token from a configured issuer, or the bootstrap admin token",
            ))
            .build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

impl ApiDoc {
    /// The document as pretty JSON with a trailing newline (as committed in `openapi/moisson.json`).
    #[must_use]
    pub fn json() -> &'static str {
        static JSON: OnceLock<String> = OnceLock::new();
        JSON.get_or_init(|| moisson_http::pretty_json(&Self::openapi()))
    }
}

/// `$id` of `schemas/record.schema.json`.
pub const RECORD_SCHEMA_ID: &str = "urn:moisson:schema:record";

/// A JSON Schema (2020-12) of the REST record representation (`RecordResponse`), built
/// from the OpenAPI components so that the two cannot drift: `$ref`s are rewritten from
/// `#/components/schemas/X` to `#/$defs/X`.
#[must_use]
pub fn record_json_schema() -> Value {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let mut defs = doc
        .pointer("/components/schemas")
        .cloned()
        .unwrap_or_else(|| json!({}));
    rewrite_refs(&mut defs);
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": RECORD_SCHEMA_ID,
        "title": "Moisson record (REST API v1)",
        "description": "Generated from the OpenAPI components of moisson-rest; do not edit by hand.",
        "$ref": "#/$defs/RecordResponse",
        "$defs": defs,
    })
}

fn rewrite_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref")
                && let Some(name) = r.strip_prefix("#/components/schemas/")
            {
                *r = format!("#/$defs/{name}");
            }
            map.values_mut().for_each(rewrite_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

/// `GET /api/v1/profiles`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProfileList {
    pub profiles: Vec<ProfileSummary>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProfileSummary {
    #[schema(example = "metropole-plu")]
    pub name: String,
    /// The schema's `title`, when it has one.
    pub title: Option<String>,
    /// Absolute URL of the profile's JSON Schema.
    pub href: String,
}

impl ProfileList {
    #[must_use]
    pub fn new(profiles: &Profiles, public_url: &str) -> Self {
        let profiles = profiles
            .names()
            .map(|name| ProfileSummary {
                name: name.to_owned(),
                title: profiles
                    .schema(name)
                    .and_then(|s| s["title"].as_str())
                    .map(str::to_owned),
                href: format!("{public_url}/api/v1/profiles/{name}"),
            })
            .collect();
        Self { profiles }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_point_to_defs() {
        let schema = record_json_schema();
        let text = schema.to_string();
        assert!(!text.contains("#/components/"), "a $ref was not rewritten");
        assert!(schema.pointer("/$defs/Record").is_some());
        assert!(schema.pointer("/$defs/RecordResponse").is_some());
    }

    #[test]
    fn document_lists_every_route() {
        let doc = ApiDoc::openapi();
        for path in [
            "/api/v1/records",
            "/api/v1/records/{id}",
            "/api/v1/profiles",
            "/api/v1/profiles/{name}",
            "/api",
            "/api/v1/auth/token",
            "/api/v1/auth/refresh",
            "/api/v1/auth/me",
            "/api/v1/users",
            "/api/v1/users/{username}",
            "/api/v1/organisations",
            "/api/v1/groups",
            "/api/v1/units/{id}",
            "/api/v1/units/{id}/members/{username}",
            "/api/v1/api-keys",
            "/api/v1/api-keys/{id}",
            "/api/v1/audit",
        ] {
            assert!(doc.paths.paths.contains_key(path), "{path} missing");
        }
    }
}
