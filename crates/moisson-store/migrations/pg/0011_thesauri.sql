-- SKOS thesauri and the concepts records are under (moisson-store/src/thesauri.rs); see
-- the SQLite migration of the same number for what each table holds. Terms compare in
-- the "C" collation so that a prefix is a range of the index.
CREATE TABLE thesauri (
    id       text PRIMARY KEY,
    uri      text NOT NULL,
    doc      jsonb NOT NULL,
    concepts bigint NOT NULL,
    updated  text NOT NULL      -- RFC 3339, UTC
);

CREATE TABLE thesaurus_names (
    norm      text NOT NULL,
    thesaurus text NOT NULL REFERENCES thesauri (id) ON DELETE CASCADE,
    PRIMARY KEY (norm, thesaurus)
);

CREATE TABLE concepts (
    thesaurus text NOT NULL REFERENCES thesauri (id) ON DELETE CASCADE,
    uri       text NOT NULL,
    doc       jsonb NOT NULL,
    PRIMARY KEY (thesaurus, uri)
);
CREATE INDEX concepts_uri ON concepts (uri);

CREATE TABLE concept_terms (
    thesaurus text NOT NULL REFERENCES thesauri (id) ON DELETE CASCADE,
    term      text COLLATE "C" NOT NULL,
    uri       text NOT NULL,
    rank      smallint NOT NULL,
    whole     boolean NOT NULL,
    PRIMARY KEY (thesaurus, term, uri)
);

CREATE TABLE concept_ancestors (
    thesaurus text NOT NULL REFERENCES thesauri (id) ON DELETE CASCADE,
    uri       text NOT NULL,
    ancestor  text NOT NULL,
    PRIMARY KEY (thesaurus, uri, ancestor)
);

CREATE TABLE record_keyword_refs (
    rid       bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    norm      text NOT NULL,
    uri       text,
    block     text,
    block_uri text
);
CREATE INDEX record_keyword_refs_rid ON record_keyword_refs (rid);

CREATE TABLE record_concepts (
    rid       bigint NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    thesaurus text NOT NULL,
    concept   text NOT NULL,
    direct    boolean NOT NULL,
    PRIMARY KEY (rid, thesaurus, concept)
);
CREATE INDEX record_concepts_concept ON record_concepts (concept, rid);
CREATE INDEX record_concepts_thesaurus ON record_concepts (thesaurus, concept, rid);

CREATE TABLE thesaurus_state (refs_filled boolean NOT NULL);
INSERT INTO thesaurus_state VALUES (false);
