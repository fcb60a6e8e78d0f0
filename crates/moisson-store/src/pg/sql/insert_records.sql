-- The new records of a batch in one statement, one array per column ($1 ids … $19
-- service types; $20 the full-text vectors (`fts_vectors.sql`); $21 statuses; $22 the
-- `shared_with` lists as JSON arrays, since SQL arrays of arrays must be rectangular).
-- A record another writer inserted since the batch's lock query is skipped (not
-- returned) and written again as an update.
INSERT INTO records (
    id, doc, original, original_format, version, created, updated,
    title, title_sort, type, owner_org, visibility, date_stamp,
    creation_date, publication_date, revision_date, parent_id, language, service_type, fts,
    status, shared_with
)
SELECT u.id, u.doc, u.original, u.original_format, u.version, u.created, u.updated,
    u.title, u.title_sort, u.type, u.owner_org, u.visibility, u.date_stamp,
    u.creation_date, u.publication_date, u.revision_date, u.parent_id, u.language,
    u.service_type, u.fts, u.status,
    ARRAY(SELECT jsonb_array_elements_text(u.shared_with))
FROM unnest($1::text[], $2::jsonb[], $3::bytea[], $4::text[], $5::int8[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
            $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
            $19::text[], $20::tsvector[], $21::text[], $22::jsonb[])
    AS u (id, doc, original, original_format, version, created, updated, title, title_sort,
          type, owner_org, visibility, date_stamp, creation_date, publication_date,
          revision_date, parent_id, language, service_type, fts, status, shared_with)
ON CONFLICT (id) DO NOTHING
RETURNING id, rid
