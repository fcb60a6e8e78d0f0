-- Moisson PostgreSQL schema, version 1 (PostgreSQL 13+ with PostGIS 3).
--
-- Mirrors the SQLite schema so that both backends answer every query alike:
-- `records` holds the model record as JSONB (`doc`, the source of truth), the source
-- document (`original`, bytea) and columns denormalised from `doc` for filters and
-- sort; multi-valued fields live in child tables (one row per distinct value) so
-- filters are EXISTS sub-queries and facets GROUP BYs. Text columns use the "C"
-- collation: byte order, as SQLite compares. Dates are normalised ISO text (UTC, no
-- zone suffix, as precise as written) so that text order is time order.
--
-- Creating `postgis` needs a superuser; where Moisson's role is not one, a DBA runs
-- these two statements first and the migration finds the extensions present.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS postgis;

-- Full text: French, accents ignored (unaccent before the French stemmer).
CREATE TEXT SEARCH CONFIGURATION moisson_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION moisson_fr
    ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart
    WITH unaccent, french_stem;

-- The same words unstemmed, for prefix matching (a prefix of a word is rarely a
-- prefix of its stem).
CREATE TEXT SEARCH CONFIGURATION moisson_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION moisson_simple
    ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart
    WITH unaccent, simple;

-- A record's full-text vector: title (A), alternate titles and keywords (B), abstract
-- (C), other texts (D); each text both stemmed (moisson_fr) and not (moisson_simple).
CREATE FUNCTION moisson_tsvector(a text, b text, c text, d text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT
        setweight(to_tsvector('moisson_fr', a) || to_tsvector('moisson_simple', a), 'A')
        || setweight(to_tsvector('moisson_fr', b) || to_tsvector('moisson_simple', b), 'B')
        || setweight(to_tsvector('moisson_fr', c) || to_tsvector('moisson_simple', c), 'C')
        || setweight(to_tsvector('moisson_fr', d) || to_tsvector('moisson_simple', d), 'D') $$;

-- Lower case without accents, for case-insensitive LIKE on record columns.
CREATE FUNCTION moisson_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(unaccent('unaccent'::regdictionary, $1)) $$;

CREATE TABLE records (
    rid              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               text COLLATE "C" NOT NULL UNIQUE,
    doc              jsonb NOT NULL,           -- serde_json of moisson_model::Record
    original         bytea,
    original_format  text,
    version          bigint NOT NULL,
    created          text COLLATE "C" NOT NULL, -- RFC 3339, UTC, microseconds
    updated          text COLLATE "C" NOT NULL,
    title            text COLLATE "C" NOT NULL,
    title_sort       text COLLATE "C" NOT NULL, -- folded title (lower case, no accents)
    type             text COLLATE "C" NOT NULL, -- hierarchy level
    owner_org        text COLLATE "C",
    visibility       text COLLATE "C" NOT NULL,
    date_stamp       text COLLATE "C",
    creation_date    text COLLATE "C",
    publication_date text COLLATE "C",
    revision_date    text COLLATE "C",
    parent_id        text COLLATE "C",
    language         text COLLATE "C",
    service_type     text COLLATE "C",
    fts              tsvector NOT NULL        -- moisson_tsvector(title, alt titles + keywords, abstract, other)
);
CREATE INDEX records_title_sort ON records (title_sort, id);
CREATE INDEX records_type ON records (type);
CREATE INDEX records_owner_org ON records (owner_org);
CREATE INDEX records_visibility ON records (visibility);
CREATE INDEX records_date_stamp ON records (date_stamp);
CREATE INDEX records_creation_date ON records (creation_date);
CREATE INDEX records_publication_date ON records (publication_date);
CREATE INDEX records_revision_date ON records (revision_date);
CREATE INDEX records_created ON records (created);
CREATE INDEX records_updated ON records (updated);
CREATE INDEX records_parent_id ON records (parent_id);
CREATE INDEX records_fts ON records USING gin (fts);

CREATE TABLE record_keywords (
    rid   bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    text  text COLLATE "C" NOT NULL,
    norm  text COLLATE "C" NOT NULL,           -- folded for case/accent-insensitive match
    PRIMARY KEY (rid, text)
);
CREATE INDEX record_keywords_norm ON record_keywords (norm);
CREATE INDEX record_keywords_text ON record_keywords (text);

CREATE TABLE record_org_names (
    rid   bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    name  text COLLATE "C" NOT NULL,
    norm  text COLLATE "C" NOT NULL,
    PRIMARY KEY (rid, name)
);
CREATE INDEX record_org_names_norm ON record_org_names (norm);

CREATE TABLE record_formats (
    rid   bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    name  text COLLATE "C" NOT NULL,
    PRIMARY KEY (rid, name)
);
CREATE INDEX record_formats_name ON record_formats (name);

CREATE TABLE record_licences (
    rid   bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    text  text COLLATE "C" NOT NULL,           -- the licence text, else its URI
    uri   text COLLATE "C",
    PRIMARY KEY (rid, text)
);
CREATE INDEX record_licences_text ON record_licences (text);

CREATE TABLE record_topics (
    rid   bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    value text COLLATE "C" NOT NULL,
    PRIMARY KEY (rid, value)
);
CREATE INDEX record_topics_value ON record_topics (value);

CREATE TABLE record_identifiers (
    rid   bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    code  text COLLATE "C" NOT NULL,
    uri   text COLLATE "C",
    PRIMARY KEY (rid, code)
);
CREATE INDEX record_identifiers_code ON record_identifiers (code);
CREATE INDEX record_identifiers_uri ON record_identifiers (uri);

CREATE TABLE record_crs (
    rid   bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    code  text COLLATE "C" NOT NULL,
    PRIMARY KEY (rid, code)
);
CREATE INDEX record_crs_code ON record_crs (code);

CREATE TABLE record_operates_on (
    rid   bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    value text COLLATE "C" NOT NULL,           -- uuidref or href
    PRIMARY KEY (rid, value)
);
CREATE INDEX record_operates_on_value ON record_operates_on (value);

CREATE TABLE record_alt_titles (
    rid   bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    title text COLLATE "C" NOT NULL,
    PRIMARY KEY (rid, title)
);

CREATE TABLE record_languages (
    rid   bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    lang  text COLLATE "C" NOT NULL,
    PRIMARY KEY (rid, lang)
);
CREATE INDEX record_languages_lang ON record_languages (lang);

-- Temporal extents: begin/end NULL = open; end_is_now = "now" at query time.
CREATE TABLE record_temporal (
    rid        bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    begin_date text COLLATE "C",
    end_date   text COLLATE "C",
    end_is_now boolean NOT NULL DEFAULT false
);
CREATE INDEX record_temporal_rid ON record_temporal (rid);

-- Bounding boxes: a box crossing the antimeridian is two rows with the same
-- extent_no. `geom` (EPSG:4326, GiST) finds candidates; the exact coordinates confirm
-- them, with the same inclusive comparisons as SQLite.
CREATE TABLE record_boxes (
    box_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rid       bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    extent_no integer NOT NULL,
    west      double precision NOT NULL,
    south     double precision NOT NULL,
    east      double precision NOT NULL,
    north     double precision NOT NULL,
    geom      geometry(Geometry, 4326) NOT NULL  -- ST_MakeEnvelope (a point or line when degenerate)
);
CREATE INDEX record_boxes_rid ON record_boxes (rid, extent_no);
CREATE INDEX record_boxes_geom ON record_boxes USING gist (geom);
