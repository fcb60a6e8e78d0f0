-- SKOS thesauri and the concepts records are under (moisson-store/src/thesauri.rs).
--
-- `thesauri.doc`: titles, aliases and top concepts (JSON). `concepts.doc`: the
-- moisson_thesaurus::Concept (JSON). `concept_terms`: the folded labels and their word
-- tails (autocomplete prefixes; `whole` marks whole labels, which keywords match),
-- `rank` 0 preferred … 4 hidden. `concept_ancestors`: every concept with itself and each
-- broader concept, transitively. `thesaurus_names`: folded titles, aliases and URI a
-- keyword block's thesaurusName is matched against.
CREATE TABLE thesauri (
    id       TEXT PRIMARY KEY,
    uri      TEXT NOT NULL,
    doc      TEXT NOT NULL,
    concepts INTEGER NOT NULL,
    updated  TEXT NOT NULL
);

CREATE TABLE thesaurus_names (
    norm      TEXT NOT NULL,
    thesaurus TEXT NOT NULL REFERENCES thesauri (id) ON DELETE CASCADE,
    PRIMARY KEY (norm, thesaurus)
) WITHOUT ROWID;

CREATE TABLE concepts (
    thesaurus TEXT NOT NULL REFERENCES thesauri (id) ON DELETE CASCADE,
    uri       TEXT NOT NULL,
    doc       TEXT NOT NULL,
    PRIMARY KEY (thesaurus, uri)
) WITHOUT ROWID;
CREATE INDEX concepts_uri ON concepts (uri);

CREATE TABLE concept_terms (
    thesaurus TEXT NOT NULL REFERENCES thesauri (id) ON DELETE CASCADE,
    term      TEXT NOT NULL,
    uri       TEXT NOT NULL,
    rank      INTEGER NOT NULL,
    whole     INTEGER NOT NULL,
    PRIMARY KEY (thesaurus, term, uri)
) WITHOUT ROWID;

CREATE TABLE concept_ancestors (
    thesaurus TEXT NOT NULL REFERENCES thesauri (id) ON DELETE CASCADE,
    uri       TEXT NOT NULL,
    ancestor  TEXT NOT NULL,
    PRIMARY KEY (thesaurus, uri, ancestor)
) WITHOUT ROWID;

-- A record's keywords as the links see them (written with the record).
CREATE TABLE record_keyword_refs (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    norm      TEXT NOT NULL,
    uri       TEXT,
    block     TEXT,
    block_uri TEXT
);
CREATE INDEX record_keyword_refs_rid ON record_keyword_refs (rid);

-- The concepts a record is under, broader ones included (`direct` = 0).
CREATE TABLE record_concepts (
    rid       INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
    thesaurus TEXT NOT NULL,
    concept   TEXT NOT NULL,
    direct    INTEGER NOT NULL,
    PRIMARY KEY (rid, thesaurus, concept)
) WITHOUT ROWID;
CREATE INDEX record_concepts_concept ON record_concepts (concept, rid);
CREATE INDEX record_concepts_thesaurus ON record_concepts (thesaurus, concept, rid);

-- Records written before this migration get their keyword references when the first
-- thesaurus is stored (`refs_filled` = 0 until then).
CREATE TABLE thesaurus_state (refs_filled INTEGER NOT NULL);
INSERT INTO thesaurus_state VALUES (0);
