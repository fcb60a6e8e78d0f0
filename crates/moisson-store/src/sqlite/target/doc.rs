//! ISO AP / INSPIRE queryables read from the stored JSON document (`r.doc`, the
//! serde_json of `moisson_model::Record`), so they need no column, child table or
//! migration.
//!
//! Multi-valued ones are derived tables over the outer `records r` that expose `rid`
//! and named value columns: the compiler wraps them like child tables
//! (`EXISTS (SELECT 1 FROM <table> c WHERE c.rid = r.rid AND …)`), so a record matches
//! when any value does. The JSON paths are constants; only values are bound.

/// `keywords[*].kind`.
pub(super) const KEYWORD_GROUPS: &str = "(SELECT r.rid AS rid, \
     json_extract(g.value, '$.kind') AS kind \
     FROM json_each(r.doc, '$.keywords') g)";

/// `service.service_type_versions[*]`.
pub(super) const SERVICE_TYPE_VERSIONS: &str = "(SELECT r.rid AS rid, v.value AS version \
     FROM json_each(r.doc, '$.service.service_type_versions') v)";

/// `service.operations[*].name`.
pub(super) const OPERATIONS: &str = "(SELECT r.rid AS rid, \
     json_extract(o.value, '$.name') AS name \
     FROM json_each(r.doc, '$.service.operations') o)";

/// `spatial_resolutions[*]`: a scale denominator or a distance with its unit.
/// Numbers stay JSON numbers (INTEGER or REAL), compared with REAL parameters.
pub(super) const RESOLUTIONS: &str = "(SELECT r.rid AS rid, \
     json_extract(s.value, '$.scaleDenominator') AS denominator, \
     json_extract(s.value, '$.distance.value') AS distance, \
     json_extract(s.value, '$.distance.uom') AS uom \
     FROM json_each(r.doc, '$.spatial_resolutions') s)";

/// `extents[*].description` (the geographic identifier code).
pub(super) const EXTENTS: &str = "(SELECT r.rid AS rid, \
     json_extract(e.value, '$.description') AS code \
     FROM json_each(r.doc, '$.extents') e)";

/// `constraints[*].access_constraints[*]`.
pub(super) const ACCESS_CONSTRAINTS: &str = "(SELECT r.rid AS rid, a.value AS code \
     FROM json_each(r.doc, '$.constraints') k, json_each(k.value, '$.access_constraints') a)";

/// `constraints[*].other_constraints[*]` (text and URI).
pub(super) const OTHER_CONSTRAINTS: &str = "(SELECT r.rid AS rid, \
     json_extract(o.value, '$.text') AS text, json_extract(o.value, '$.uri') AS uri \
     FROM json_each(r.doc, '$.constraints') k, json_each(k.value, '$.other_constraints') o)";

/// Conditions applying to access and use: every use limitation (ISO AP, INSPIRE TG 1.3)
/// and the other constraints of blocks that state useConstraints (INSPIRE TG 2.0).
pub(super) const USE_CONDITIONS: &str = "(SELECT r.rid AS rid, \
     json_extract(u.value, '$.text') AS text, json_extract(u.value, '$.uri') AS uri \
     FROM json_each(r.doc, '$.constraints') k, json_each(k.value, '$.use_limitations') u \
     UNION ALL SELECT r.rid, \
     json_extract(o.value, '$.text'), json_extract(o.value, '$.uri') \
     FROM json_each(r.doc, '$.constraints') k, json_each(k.value, '$.other_constraints') o \
     WHERE json_array_length(k.value, '$.use_constraints') > 0)";

/// `constraints[*].classification`.
pub(super) const CLASSIFICATIONS: &str = "(SELECT r.rid AS rid, \
     json_extract(k.value, '$.classification') AS code \
     FROM json_each(r.doc, '$.constraints') k)";

/// `contacts[*].role` (resource contacts, as ISO AP's identificationInfo parties).
pub(super) const CONTACTS: &str = "(SELECT r.rid AS rid, \
     json_extract(p.value, '$.role') AS role \
     FROM json_each(r.doc, '$.contacts') p)";

/// `conformity[*]`: specification title/URI/date/date type and the degree, `pass`
/// as `true`, `false` or `unknown` (null or absent).
pub(super) const CONFORMITY: &str = "(SELECT r.rid AS rid, \
     json_extract(q.value, '$.specification.text') AS title, \
     json_extract(q.value, '$.specification.uri') AS uri, \
     json_extract(q.value, '$.date') AS date, \
     json_extract(q.value, '$.date_kind') AS date_kind, \
     CASE json_type(q.value, '$.pass') WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' \
     ELSE 'unknown' END AS degree \
     FROM json_each(r.doc, '$.conformity') q)";

/// `lineage`.
pub(super) const LINEAGE: &str = "json_extract(r.doc, '$.lineage')";

/// `service.coupling_type`.
pub(super) const COUPLING_TYPE: &str = "json_extract(r.doc, '$.service.coupling_type')";

/// `true` when a constraint is a security one or carries a classification.
pub(super) const HAS_SECURITY_CONSTRAINTS: &str = "(CASE WHEN EXISTS (SELECT 1 \
     FROM json_each(r.doc, '$.constraints') k \
     WHERE json_extract(k.value, '$.kind') = 'security' \
     OR json_type(k.value, '$.classification') = 'text') THEN 'true' ELSE 'false' END)";

/// `relations[*]` and a service's operatesOn (its indexed rows): CSW `dc:relation`.
pub(super) const RELATIONS: &str = "(SELECT r.rid AS rid, v.value AS value \
     FROM json_each(r.doc, '$.relations') v \
     UNION ALL SELECT o.rid, o.value FROM record_operates_on o WHERE o.rid = r.rid)";
