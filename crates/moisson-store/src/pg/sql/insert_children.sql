-- The child rows of a whole batch in one statement: per table, parallel arrays (the
-- first always the rows' rids) unnested together.
-- keywords $1-$3 (rid, text, norm); org names $4-$6 (rid, name, norm); licences $7-$9
-- (rid, text, uri); identifiers $10-$12 (rid, code, uri); formats $13/$14; topics
-- $15/$16; crs $17/$18; operates_on $19/$20; alt titles $21/$22; languages $23/$24;
-- temporal $25-$28 (rid, begin, end, end_is_now); boxes $29-$34 (rid, extent_no, west,
-- south, east, north).
WITH
k AS (INSERT INTO record_keywords (rid, text, norm)
      SELECT * FROM unnest($1::int8[], $2::text[], $3::text[])),
o AS (INSERT INTO record_org_names (rid, name, norm)
      SELECT * FROM unnest($4::int8[], $5::text[], $6::text[])),
l AS (INSERT INTO record_licences (rid, text, uri)
      SELECT * FROM unnest($7::int8[], $8::text[], $9::text[])),
i AS (INSERT INTO record_identifiers (rid, code, uri)
      SELECT * FROM unnest($10::int8[], $11::text[], $12::text[])),
f AS (INSERT INTO record_formats (rid, name) SELECT * FROM unnest($13::int8[], $14::text[])),
t AS (INSERT INTO record_topics (rid, value) SELECT * FROM unnest($15::int8[], $16::text[])),
c AS (INSERT INTO record_crs (rid, code) SELECT * FROM unnest($17::int8[], $18::text[])),
op AS (INSERT INTO record_operates_on (rid, value)
       SELECT * FROM unnest($19::int8[], $20::text[])),
a AS (INSERT INTO record_alt_titles (rid, title) SELECT * FROM unnest($21::int8[], $22::text[])),
lg AS (INSERT INTO record_languages (rid, lang) SELECT * FROM unnest($23::int8[], $24::text[])),
tm AS (INSERT INTO record_temporal (rid, begin_date, end_date, end_is_now)
       SELECT * FROM unnest($25::int8[], $26::text[], $27::text[], $28::boolean[])),
b AS (INSERT INTO record_boxes (rid, extent_no, west, south, east, north, geom)
      SELECT u.rid, u.n, u.w, u.s, u.e, u.nn, ST_MakeEnvelope(u.w, u.s, u.e, u.nn, 4326)
      FROM unnest($29::int8[], $30::int4[], $31::float8[], $32::float8[], $33::float8[],
                  $34::float8[]) AS u (rid, n, w, s, e, nn))
SELECT 1
