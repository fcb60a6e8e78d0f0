-- One statement for every child table of a record; arrays are unnested in parallel.
-- $1 rid; keywords $2/$3; org names $4/$5; licences $6/$7; identifiers $8/$9;
-- formats $10; topics $11; crs $12; operates_on $13; alt titles $14; languages $15;
-- temporal $16/$17/$18; boxes $19 (extent_no) $20..$23 (west, south, east, north).
WITH
k AS (INSERT INTO record_keywords (rid, text, norm) SELECT $1, * FROM unnest($2::text[], $3::text[])),
o AS (INSERT INTO record_org_names (rid, name, norm) SELECT $1, * FROM unnest($4::text[], $5::text[])),
l AS (INSERT INTO record_licences (rid, text, uri) SELECT $1, * FROM unnest($6::text[], $7::text[])),
i AS (INSERT INTO record_identifiers (rid, code, uri) SELECT $1, * FROM unnest($8::text[], $9::text[])),
f AS (INSERT INTO record_formats (rid, name) SELECT $1, * FROM unnest($10::text[])),
t AS (INSERT INTO record_topics (rid, value) SELECT $1, * FROM unnest($11::text[])),
c AS (INSERT INTO record_crs (rid, code) SELECT $1, * FROM unnest($12::text[])),
op AS (INSERT INTO record_operates_on (rid, value) SELECT $1, * FROM unnest($13::text[])),
a AS (INSERT INTO record_alt_titles (rid, title) SELECT $1, * FROM unnest($14::text[])),
lg AS (INSERT INTO record_languages (rid, lang) SELECT $1, * FROM unnest($15::text[])),
tm AS (INSERT INTO record_temporal (rid, begin_date, end_date, end_is_now)
       SELECT $1, * FROM unnest($16::text[], $17::text[], $18::boolean[])),
b AS (INSERT INTO record_boxes (rid, extent_no, west, south, east, north, geom)
      SELECT $1, u.n, u.w, u.s, u.e, u.nn, ST_MakeEnvelope(u.w, u.s, u.e, u.nn, 4326)
      FROM unnest($19::int4[], $20::float8[], $21::float8[], $22::float8[], $23::float8[])
           AS u (n, w, s, e, nn))
SELECT 1
