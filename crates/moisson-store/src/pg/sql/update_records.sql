-- The stored records of a batch rewritten in one statement, the same arrays as
-- `insert_records.sql` but $1 holds the rows' rids (locked by the batch).
UPDATE records r SET
    doc = u.doc, original = u.original, original_format = u.original_format,
    version = u.version, created = u.created, updated = u.updated, title = u.title,
    title_sort = u.title_sort, type = u.type, owner_org = u.owner_org,
    visibility = u.visibility, date_stamp = u.date_stamp, creation_date = u.creation_date,
    publication_date = u.publication_date, revision_date = u.revision_date,
    parent_id = u.parent_id, language = u.language, service_type = u.service_type,
    fts = u.fts, status = u.status,
    shared_with = ARRAY(SELECT jsonb_array_elements_text(u.shared_with))
FROM unnest($1::int8[], $2::jsonb[], $3::bytea[], $4::text[], $5::int8[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
            $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
            $19::text[], $20::tsvector[], $21::text[], $22::jsonb[])
    AS u (rid, doc, original, original_format, version, created, updated, title, title_sort,
          type, owner_org, visibility, date_stamp, creation_date, publication_date,
          revision_date, parent_id, language, service_type, fts, status, shared_with)
WHERE r.rid = u.rid
