-- Moisson PostgreSQL schema, version 8: documents derived from records, kept for reuse.
--
-- A whole-catalogue DCAT export formats every record again although almost none changed
-- since the last harvest; most of its CPU went to mapping and formatting. Each record's
-- formatted fragment (`kind`: `dcat-turtle`, `dcat-jsonld`…) is kept here with the record
-- `version` and the `fingerprint` of what else it was made from (the mapping code, the
-- public URL): it is reused only while both still match, so an edited record or a changed
-- configuration is formatted again, never served stale. Deleting a record deletes its
-- fragments. Nothing here is a source of truth: the table may be emptied at any time.
-- Bodies are stored as they are and compressed by TOAST with lz4 (cheaper to read back
-- than the default pglz); `codec` is for documents compressed before they arrive.

CREATE TABLE IF NOT EXISTS representations (
    rid         bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    kind        text COLLATE "C" NOT NULL,
    fingerprint text COLLATE "C" NOT NULL,
    version     bigint NOT NULL,
    body        bytea NOT NULL,
    codec       text,
    PRIMARY KEY (rid, kind)
);
ALTER TABLE representations ALTER COLUMN body SET COMPRESSION lz4;
