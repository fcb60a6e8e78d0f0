//! Thesauri over REST: `GET /api/v1/thesauri`, autocomplete
//! (`GET /api/v1/thesauri/{id}/concepts?q=ass&lang=fr`) and the themed facet of a search
//! (`GET /api/v1/thesauri/{id}/facet?q=…`, the record list's filters): each concept with
//! the number of matching records under it or under a narrower concept, under the
//! caller's rights.

use actix_web::{HttpRequest, HttpResponse, web};
use moisson_store::{ConceptHit, RecordConcept, ThemeBucket, ThesaurusInfo};
use moisson_thesaurus::Concept;
use serde::Serialize;
use utoipa::ToSchema;

use crate::accounts::segment;
use crate::error::{Error, Result};
use crate::http::method_not_allowed;
use crate::problem::Problem;
use crate::{RestState, caller, params};

/// Concepts answered when `limit` is absent, and at most.
const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 200;

/// Registers the thesaurus routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let resource = |path: &str| {
        web::resource(path)
            .app_data(crate::http::query_config())
            .default_service(web::to(method_not_allowed))
    };
    cfg.service(resource("/api/v1/thesauri").get(get_thesauri))
        .service(resource("/api/v1/thesauri/{id}/concepts").get(get_concepts))
        .service(resource("/api/v1/thesauri/{id}/facet").get(get_facet))
        .service(resource("/api/v1/record-concepts/{id:.*}").get(get_record_concepts));
}

/// A stored thesaurus.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThesaurusSummary {
    #[schema(example = "inspire-theme")]
    pub id: String,
    /// The concept scheme's URI.
    pub uri: String,
    /// The title in the asked language (else English, else any).
    pub title: String,
    pub concepts: u64,
    /// When it was last imported (RFC 3339).
    pub updated: String,
    /// Autocomplete URL of its concepts.
    pub concepts_href: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThesaurusList {
    pub thesauri: Vec<ThesaurusSummary>,
}

/// A concept, labelled in the asked language.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConceptView {
    pub uri: String,
    /// The preferred label in the asked language (else English, else any).
    pub label: String,
    /// Its other labels in that language (alternative ones).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alt_labels: Vec<String>,
    /// Broader concepts of the same thesaurus.
    pub broader: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub narrower: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exact_matches: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub close_matches: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notation: Option<String>,
}

impl ConceptView {
    fn new(c: Concept, lang: &str) -> Self {
        let alt_labels = c
            .alt_labels
            .iter()
            .filter(|l| l.lang == lang)
            .map(|l| l.text.clone())
            .collect();
        Self {
            label: c.label_in(lang).to_owned(),
            alt_labels,
            uri: c.uri,
            broader: c.broader,
            narrower: c.narrower,
            exact_matches: c.exact_matches,
            close_matches: c.close_matches,
            notation: c.notation,
        }
    }
}

/// An autocomplete answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConceptHitView {
    #[serde(flatten)]
    pub concept: ConceptView,
    /// Whether the prefix matched a preferred label (those come first).
    pub preferred: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConceptList {
    pub thesaurus: String,
    pub concepts: Vec<ConceptHitView>,
}

/// One concept of a themed facet.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetBucketView {
    #[serde(flatten)]
    pub concept: ConceptView,
    /// Matching records under this concept or a narrower one.
    pub count: u64,
}

/// The themed facet of a search: concepts by count; `broader` builds the tree.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeFacetView {
    pub thesaurus: String,
    pub buckets: Vec<FacetBucketView>,
}

fn lang_of(value: Option<&str>) -> Result<String> {
    let lang = value.unwrap_or("fr").trim().to_ascii_lowercase();
    let ok =
        (2..=8).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
    if ok {
        Ok(lang)
    } else {
        Err(Error::invalid(
            "lang",
            format!("{lang:?} is not a language tag (fr, en…)"),
        ))
    }
}

/// Decoded query parameters.
type Pairs = Vec<(String, String)>;

/// Splits this route's own parameters from the others; refuses repeats of its own.
fn own_params(pairs: Pairs, own: &[&str]) -> Result<(Pairs, Pairs)> {
    let (mine, rest): (Vec<_>, Vec<_>) = pairs
        .into_iter()
        .partition(|(n, _)| own.contains(&n.as_str()));
    for (i, (name, _)) in mine.iter().enumerate() {
        if mine[..i].iter().any(|(n, _)| n == name) {
            return Err(Error::invalid(name.as_str(), "given more than once"));
        }
    }
    Ok((mine, rest))
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn limit_of(value: Option<&str>) -> Result<u32> {
    let Some(v) = value else {
        return Ok(DEFAULT_LIMIT);
    };
    v.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_LIMIT).contains(n))
        .ok_or_else(|| {
            Error::invalid(
                "limit",
                format!("{v:?} is not an integer from 1 to {MAX_LIMIT}"),
            )
        })
}

fn summary(t: ThesaurusInfo, lang: &str, public_url: &str) -> ThesaurusSummary {
    let title = [lang, "en", ""]
        .iter()
        .find_map(|want| t.titles.iter().find(|l| l.lang == *want))
        .or_else(|| t.titles.first())
        .map_or_else(|| t.id.clone(), |l| l.text.clone());
    ThesaurusSummary {
        concepts_href: format!("{public_url}/api/v1/thesauri/{}/concepts", t.id),
        title,
        uri: t.uri,
        concepts: t.concepts,
        updated: t.updated.to_rfc3339(),
        id: t.id,
    }
}

/// The stored thesauri.
#[utoipa::path(get, path = "/api/v1/thesauri", tag = "thesauri",
    params(("lang" = Option<String>, Query, description = "Language of the titles (default fr)")),
    responses(
        (status = 200, description = "Thesauri by id", body = ThesaurusList),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_thesauri(
    q: web::Query<Vec<(String, String)>>,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let (own, rest) = own_params(q.into_inner(), &["lang"])?;
    if let Some((name, _)) = rest.first() {
        return Err(Error::UnknownParameter(name.clone()));
    }
    let lang = lang_of(value(&own, "lang"))?;
    let thesauri = state
        .store
        .thesauri()
        .await?
        .into_iter()
        .map(|t| summary(t, &lang, &state.public_url))
        .collect();
    Ok(HttpResponse::Ok().json(ThesaurusList { thesauri }))
}

/// Autocomplete: concepts with a label, or a word of one, starting with `q`.
///
/// Accents and case are ignored; concepts whose preferred label matches come first, then
/// those matched by a word of a preferred label, then by alternative labels; alphabetical
/// within each. Without `q`, the top concepts.
#[utoipa::path(get, path = "/api/v1/thesauri/{id}/concepts", tag = "thesauri",
    params(
        ("id" = String, Path, description = "Thesaurus id (`GET /api/v1/thesauri`)"),
        ("q" = Option<String>, Query, description = "Prefix of a label or of a word of one, e.g. `ass`"),
        ("lang" = Option<String>, Query, description = "Language of the labels answered (default fr)"),
        ("limit" = Option<u32>, Query, description = "At most this many concepts, 1 to 200 (default 20)", minimum = 1, maximum = 200),
    ),
    responses(
        (status = 200, description = "Matching concepts, best first", body = ConceptList),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such thesaurus", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_concepts(
    req: HttpRequest,
    q: web::Query<Vec<(String, String)>>,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let id = segment(&req, "id")?;
    let (own, rest) = own_params(q.into_inner(), &["q", "lang", "limit"])?;
    if let Some((name, _)) = rest.first() {
        return Err(Error::UnknownParameter(name.clone()));
    }
    let lang = lang_of(value(&own, "lang"))?;
    let limit = limit_of(value(&own, "limit"))?;
    let prefix = value(&own, "q").unwrap_or_default();
    let hits = state
        .store
        .find_concepts(&id, prefix, limit)
        .await?
        .ok_or_else(|| Error::NotFound {
            what: "thesaurus",
            id: id.clone(),
        })?;
    let concepts = hits
        .into_iter()
        .map(|ConceptHit { concept, rank }| ConceptHitView {
            concept: ConceptView::new(concept, &lang),
            preferred: rank < 2,
        })
        .collect();
    Ok(HttpResponse::Ok().json(ConceptList {
        thesaurus: id,
        concepts,
    }))
}

/// The themed facet of a search: the thesaurus's concepts among the matching records.
///
/// Takes the filters of `GET /api/v1/records` (`q`, `bbox`, `datetime`, `type`,
/// `keyword`, `theme`, `org`, `status`). A record counts under each concept its keywords
/// are linked to and under every broader one, so a record under "Eau / Assainissement"
/// counts under "Eau" too. Only records the caller may see count.
#[utoipa::path(get, path = "/api/v1/thesauri/{id}/facet", tag = "thesauri", security((), ("bearer" = [])),
    params(
        ("id" = String, Path, description = "Thesaurus id"),
        ("lang" = Option<String>, Query, description = "Language of the labels (default fr)"),
        ("limit" = Option<u32>, Query, description = "At most this many concepts, 1 to 200 (default 20)", minimum = 1, maximum = 200),
        ("q" = Option<String>, Query, description = "As in `GET /api/v1/records`"),
        ("theme" = Option<Vec<String>>, Query, description = "As in `GET /api/v1/records`"),
    ),
    responses(
        (status = 200, description = "Concepts by number of records", body = ThemeFacetView),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Credentials that do not verify", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such thesaurus", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_facet(
    req: HttpRequest,
    q: web::Query<Vec<(String, String)>>,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let viewer = caller::caller(&req).await?;
    let id = segment(&req, "id")?;
    let (own, rest) = own_params(q.into_inner(), &["lang", "limit"])?;
    for (name, _) in &rest {
        if ["sort", "offset", "facets"].contains(&name.as_str()) {
            return Err(Error::UnknownParameter(name.clone()));
        }
    }
    let lang = lang_of(value(&own, "lang"))?;
    let limit = limit_of(value(&own, "limit"))?;
    let query = params::parse_list(&rest)?;
    let known = state.store.thesauri().await?.iter().any(|t| t.id == id);
    if !known {
        return Err(Error::NotFound {
            what: "thesaurus",
            id,
        });
    }
    let mut facets = state
        .store
        .theme_facets(&query.filter, &viewer, std::slice::from_ref(&id), limit)
        .await?;
    let buckets = facets
        .pop()
        .map(|f| f.buckets)
        .unwrap_or_default()
        .into_iter()
        .map(|ThemeBucket { concept, count }| FacetBucketView {
            concept: ConceptView::new(concept, &lang),
            count,
        })
        .collect();
    Ok(HttpResponse::Ok().json(ThemeFacetView {
        thesaurus: id,
        buckets,
    }))
}

/// A concept a record is under.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordConceptView {
    pub thesaurus: String,
    #[serde(flatten)]
    pub concept: ConceptView,
    /// Whether a keyword of the record names it (else it is broader than one that does).
    pub direct: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecordConceptList {
    pub record: String,
    pub concepts: Vec<RecordConceptView>,
}

/// The concepts a record is under, labelled in the asked language: those its keywords
/// are linked to (`direct`) and every broader one, by thesaurus.
#[utoipa::path(get, path = "/api/v1/record-concepts/{id}", tag = "thesauri", security((), ("bearer" = [])),
    params(
        ("id" = String, Path, description = "Record identifier; may contain `/` and `:`, raw or percent-encoded"),
        ("lang" = Option<String>, Query, description = "Language of the labels (default fr)"),
    ),
    responses(
        (status = 200, description = "The record's concepts", body = RecordConceptList),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Credentials that do not verify", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record, or one the caller may not see", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_record_concepts(
    req: HttpRequest,
    q: web::Query<Vec<(String, String)>>,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let viewer = caller::caller(&req).await?;
    let raw = segment(&req, "id")?;
    let (own, rest) = own_params(q.into_inner(), &["lang"])?;
    if let Some((name, _)) = rest.first() {
        return Err(Error::UnknownParameter(name.clone()));
    }
    let lang = lang_of(value(&own, "lang"))?;
    let id =
        moisson_model::RecordId::parse(&raw).map_err(|e| Error::invalid("id", e.to_string()))?;
    let concepts = state
        .store
        .record_concepts(&id, &viewer)
        .await?
        .ok_or_else(|| Error::RecordNotFound(raw.clone()))?
        .into_iter()
        .map(
            |RecordConcept {
                 thesaurus,
                 concept,
                 direct,
             }| RecordConceptView {
                thesaurus,
                concept: ConceptView::new(concept, &lang),
                direct,
            },
        )
        .collect();
    Ok(HttpResponse::Ok().json(RecordConceptList {
        record: raw,
        concepts,
    }))
}
