-- Moisson SQLite schema, version 1.
--
-- `records` holds the model record as JSON (`doc`, the source of truth) plus columns
-- denormalised from it for filters and sort. Multi-valued fields live in child tables
-- (one row per distinct value) so filters are EXISTS sub-queries and facets GROUP BYs.
-- `rid` is an integer surrogate key: FTS5 and R*Tree key their rows by integer.
-- Dates are normalised ISO text (UTC, no zone suffix, as precise as written) so that
-- text comparison orders them.

CREATE TABLE records (
    rid              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    doc              TEXT NOT NULL,           -- serde_json of moisson_model::Record
    original         BLOB,
    original_format  TEXT,
    version          INTEGER NOT NULL,
    created          TEXT NOT NULL,           -- RFC 3339, UTC, microseconds
    updated          TEXT NOT NULL,
    title            TEXT NOT NULL,
    title_sort       TEXT NOT NULL,           -- folded title (lower case, no accents)
    type             TEXT NOT NULL,           -- hierarchy level
    owner_org        TEXT,
    visibility       TEXT NOT NULL,
    date_stamp       TEXT,
    creation_date    TEXT,
    publication_date TEXT,
    revision_date    TEXT,
    parent_id        TEXT,
    language         TEXT,
    service_type     TEXT
);
CREATE INDEX records_title_sort ON records (title_sort, id);
CREATE INDEX records_type ON records (type);
CREATE INDEX records_owner_org ON records (owner_org);
CREATE INDEX records_visibility ON records (visibility);
CREATE INDEX records_date_stamp ON records (date_stamp);
CREATE INDEX records_updated ON records (updated);
CREATE INDEX records_parent_id ON records (parent_id);

CREATE TABLE record_keywords (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    text      TEXT NOT NULL,
    norm      TEXT NOT NULL,                   -- folded for case/accent-insensitive match
    PRIMARY KEY (rid, text)
) WITHOUT ROWID;
CREATE INDEX record_keywords_norm ON record_keywords (norm);
CREATE INDEX record_keywords_text ON record_keywords (text);

CREATE TABLE record_org_names (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    norm      TEXT NOT NULL,
    PRIMARY KEY (rid, name)
) WITHOUT ROWID;
CREATE INDEX record_org_names_norm ON record_org_names (norm);

CREATE TABLE record_formats (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    PRIMARY KEY (rid, name)
) WITHOUT ROWID;
CREATE INDEX record_formats_name ON record_formats (name);

CREATE TABLE record_licences (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    text      TEXT NOT NULL,                   -- the licence text, else its URI
    uri       TEXT,
    PRIMARY KEY (rid, text)
) WITHOUT ROWID;
CREATE INDEX record_licences_text ON record_licences (text);

CREATE TABLE record_topics (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    value     TEXT NOT NULL,
    PRIMARY KEY (rid, value)
) WITHOUT ROWID;
CREATE INDEX record_topics_value ON record_topics (value);

CREATE TABLE record_identifiers (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    uri       TEXT,
    PRIMARY KEY (rid, code)
) WITHOUT ROWID;
CREATE INDEX record_identifiers_code ON record_identifiers (code);

CREATE TABLE record_crs (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    PRIMARY KEY (rid, code)
) WITHOUT ROWID;
CREATE INDEX record_crs_code ON record_crs (code);

CREATE TABLE record_operates_on (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    value     TEXT NOT NULL,                   -- uuidref or href
    PRIMARY KEY (rid, value)
) WITHOUT ROWID;
CREATE INDEX record_operates_on_value ON record_operates_on (value);

CREATE TABLE record_alt_titles (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    PRIMARY KEY (rid, title)
) WITHOUT ROWID;

CREATE TABLE record_languages (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    lang      TEXT NOT NULL,
    PRIMARY KEY (rid, lang)
) WITHOUT ROWID;
CREATE INDEX record_languages_lang ON record_languages (lang);

-- Temporal extents: begin/end NULL = open; end_is_now = "now" at query time.
CREATE TABLE record_temporal (
    rid        INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    begin_date TEXT,
    end_date   TEXT,
    end_is_now INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX record_temporal_rid ON record_temporal (rid);

-- Bounding boxes with exact coordinates; a box crossing the antimeridian is stored as
-- two rows with the same extent_no. `box_id` keys the R*Tree row (f32, for candidates).
CREATE TABLE record_boxes (
    box_id    INTEGER PRIMARY KEY,
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    extent_no INTEGER NOT NULL,
    west      REAL NOT NULL,
    south     REAL NOT NULL,
    east      REAL NOT NULL,
    north     REAL NOT NULL
);
CREATE INDEX record_boxes_rid ON record_boxes (rid, extent_no);

CREATE VIRTUAL TABLE records_bbox USING rtree (id, west, east, south, north);

CREATE TRIGGER record_boxes_ad AFTER DELETE ON record_boxes BEGIN
    DELETE FROM records_bbox WHERE id = old.box_id;
END;

-- Full text: rowid = records.rid. Contentless (the text is in `doc`), deletable.
CREATE VIRTUAL TABLE records_fts USING fts5 (
    title, alt_titles, abstract, keywords, other,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER records_ad AFTER DELETE ON records BEGIN
    DELETE FROM records_fts WHERE rowid = old.rid;
END;
