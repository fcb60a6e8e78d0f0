//! ISO AP / INSPIRE queryables read from the stored JSONB document (`r.doc`, the
//! serde_json of `moisson_model::Record`), so they need no column, child table or
//! migration. They mirror `sqlite/target/doc.rs` value for value.
//!
//! Multi-valued ones are derived tables over the outer `records r` that expose `rid`
//! and named value columns: the compiler wraps them like child tables
//! (`EXISTS (SELECT 1 FROM <table> c WHERE c.rid = r.rid AND …)`), so a record matches
//! when any value does. `jsonb_path_query` is lax, so a missing or null member yields
//! no row instead of an error. Texts are `COLLATE "C"` so that order comparisons are
//! bytewise, as on SQLite; numbers stay text here and the compiler casts them.

/// `keywords[*].kind`.
pub(super) const KEYWORD_GROUPS: &str = "(SELECT r.rid AS rid, \
     (g ->> 'kind') COLLATE \"C\" AS kind \
     FROM jsonb_path_query(r.doc, '$.keywords[*]') g)";

/// `service.service_type_versions[*]`.
pub(super) const SERVICE_TYPE_VERSIONS: &str = "(SELECT r.rid AS rid, \
     (v #>> '{}') COLLATE \"C\" AS version \
     FROM jsonb_path_query(r.doc, '$.service.service_type_versions[*]') v)";

/// `service.operations[*].name`.
pub(super) const OPERATIONS: &str = "(SELECT r.rid AS rid, \
     (o ->> 'name') COLLATE \"C\" AS name \
     FROM jsonb_path_query(r.doc, '$.service.operations[*]') o)";

/// `spatial_resolutions[*]`: a scale denominator or a distance with its unit.
pub(super) const RESOLUTIONS: &str = "(SELECT r.rid AS rid, \
     (s ->> 'scaleDenominator') AS denominator, \
     (s #>> '{distance,value}') AS distance, \
     (s #>> '{distance,uom}') COLLATE \"C\" AS uom \
     FROM jsonb_path_query(r.doc, '$.spatial_resolutions[*]') s)";

/// `extents[*].description` (the geographic identifier code).
pub(super) const EXTENTS: &str = "(SELECT r.rid AS rid, \
     (e ->> 'description') COLLATE \"C\" AS code \
     FROM jsonb_path_query(r.doc, '$.extents[*]') e)";

/// `constraints[*].access_constraints[*]`.
pub(super) const ACCESS_CONSTRAINTS: &str = "(SELECT r.rid AS rid, \
     (a #>> '{}') COLLATE \"C\" AS code \
     FROM jsonb_path_query(r.doc, '$.constraints[*].access_constraints[*]') a)";

/// `constraints[*].other_constraints[*]` (text and URI).
pub(super) const OTHER_CONSTRAINTS: &str = "(SELECT r.rid AS rid, \
     (o ->> 'text') COLLATE \"C\" AS text, (o ->> 'uri') COLLATE \"C\" AS uri \
     FROM jsonb_path_query(r.doc, '$.constraints[*].other_constraints[*]') o)";

/// Conditions applying to access and use: every use limitation (ISO AP, INSPIRE TG 1.3)
/// and the other constraints of blocks that state useConstraints (INSPIRE TG 2.0).
pub(super) const USE_CONDITIONS: &str = "(SELECT r.rid AS rid, \
     (u ->> 'text') COLLATE \"C\" AS text, (u ->> 'uri') COLLATE \"C\" AS uri \
     FROM jsonb_path_query(r.doc, '$.constraints[*].use_limitations[*]') u \
     UNION ALL SELECT r.rid, (o ->> 'text') COLLATE \"C\", (o ->> 'uri') COLLATE \"C\" \
     FROM jsonb_path_query(r.doc, \
     '$.constraints[*] ? (exists (@.use_constraints[*])).other_constraints[*]') o)";

/// `constraints[*].classification`.
pub(super) const CLASSIFICATIONS: &str = "(SELECT r.rid AS rid, \
     (k ->> 'classification') COLLATE \"C\" AS code \
     FROM jsonb_path_query(r.doc, '$.constraints[*]') k)";

/// `contacts[*].role` (resource contacts, as ISO AP's identificationInfo parties).
pub(super) const CONTACTS: &str = "(SELECT r.rid AS rid, \
     (p ->> 'role') COLLATE \"C\" AS role \
     FROM jsonb_path_query(r.doc, '$.contacts[*]') p)";

/// `conformity[*]`: specification title/URI/date/date type and the degree, `pass`
/// as `true`, `false` or `unknown` (null or absent).
pub(super) const CONFORMITY: &str = "(SELECT r.rid AS rid, \
     (q #>> '{specification,text}') COLLATE \"C\" AS title, \
     (q #>> '{specification,uri}') COLLATE \"C\" AS uri, \
     (q ->> 'date') COLLATE \"C\" AS date, \
     (q ->> 'date_kind') COLLATE \"C\" AS date_kind, \
     (CASE WHEN jsonb_typeof(q -> 'pass') = 'boolean' THEN q ->> 'pass' ELSE 'unknown' END) \
     COLLATE \"C\" AS degree \
     FROM jsonb_path_query(r.doc, '$.conformity[*]') q)";

/// `lineage`.
pub(super) const LINEAGE: &str = "((r.doc ->> 'lineage') COLLATE \"C\")";

/// `service.coupling_type`.
pub(super) const COUPLING_TYPE: &str = "((r.doc #>> '{service,coupling_type}') COLLATE \"C\")";

/// `true` when a constraint is a security one or carries a classification.
pub(super) const HAS_SECURITY_CONSTRAINTS: &str = "((CASE WHEN EXISTS (SELECT 1 \
     FROM jsonb_path_query(r.doc, '$.constraints[*]') k \
     WHERE k ->> 'kind' = 'security' OR jsonb_typeof(k -> 'classification') = 'string') \
     THEN 'true' ELSE 'false' END) COLLATE \"C\")";

/// `relations[*]` and a service's operatesOn (its indexed rows): CSW `dc:relation`.
pub(super) const RELATIONS: &str = "(SELECT r.rid AS rid, (v #>> '{}') COLLATE \"C\" AS value \
     FROM jsonb_path_query(r.doc, '$.relations[*]') v \
     UNION ALL SELECT o.rid, o.value COLLATE \"C\" FROM record_operates_on o WHERE o.rid = r.rid)";
