-- Clears the child rows of the records being rewritten ($1 = their rids), before
-- `insert_children.sql` writes them again.
WITH
k AS (DELETE FROM record_keywords WHERE rid = ANY($1::int8[])),
o AS (DELETE FROM record_org_names WHERE rid = ANY($1::int8[])),
l AS (DELETE FROM record_licences WHERE rid = ANY($1::int8[])),
i AS (DELETE FROM record_identifiers WHERE rid = ANY($1::int8[])),
f AS (DELETE FROM record_formats WHERE rid = ANY($1::int8[])),
t AS (DELETE FROM record_topics WHERE rid = ANY($1::int8[])),
c AS (DELETE FROM record_crs WHERE rid = ANY($1::int8[])),
op AS (DELETE FROM record_operates_on WHERE rid = ANY($1::int8[])),
a AS (DELETE FROM record_alt_titles WHERE rid = ANY($1::int8[])),
lg AS (DELETE FROM record_languages WHERE rid = ANY($1::int8[])),
tm AS (DELETE FROM record_temporal WHERE rid = ANY($1::int8[])),
b AS (DELETE FROM record_boxes WHERE rid = ANY($1::int8[]))
SELECT 1
