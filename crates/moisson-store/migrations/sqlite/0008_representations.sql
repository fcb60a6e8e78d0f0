-- Moisson SQLite schema, version 8: documents derived from records, kept for reuse.
--
-- A whole-catalogue DCAT export formats every record again although almost none changed
-- since the last harvest; most of its CPU went to mapping and formatting. Each record's
-- formatted fragment (`kind`: `dcat-turtle`, `dcat-jsonld`…) is kept here with the record
-- `version` and the `fingerprint` of what else it was made from (the mapping code, the
-- public URL): it is reused only while both still match, so an edited record or a changed
-- configuration is formatted again, never served stale. Deleting a record deletes its
-- fragments. Nothing here is a source of truth: the table may be emptied at any time.

CREATE TABLE representations (
    rid         INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    version     INTEGER NOT NULL,
    body        BLOB NOT NULL,
    codec       TEXT,                          -- NULL: raw bytes; 'zstd'
    PRIMARY KEY (rid, kind)
);
