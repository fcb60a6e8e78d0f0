-- Clears a record's child rows before they are written again ($1 = rid).
WITH
k AS (DELETE FROM record_keywords WHERE rid = $1),
o AS (DELETE FROM record_org_names WHERE rid = $1),
l AS (DELETE FROM record_licences WHERE rid = $1),
i AS (DELETE FROM record_identifiers WHERE rid = $1),
f AS (DELETE FROM record_formats WHERE rid = $1),
t AS (DELETE FROM record_topics WHERE rid = $1),
c AS (DELETE FROM record_crs WHERE rid = $1),
op AS (DELETE FROM record_operates_on WHERE rid = $1),
a AS (DELETE FROM record_alt_titles WHERE rid = $1),
lg AS (DELETE FROM record_languages WHERE rid = $1),
tm AS (DELETE FROM record_temporal WHERE rid = $1),
b AS (DELETE FROM record_boxes WHERE rid = $1)
SELECT 1
