-- Full text analysed by Moisson itself (`src/words.rs`: French and English stopwords,
-- French stems, prefixes of whole words), the same words as SQLite's since its
-- migration 10. The four texts are `tsvector` literals with positions, so PostgreSQL's
-- parser and dictionaries (and the server's locale) no longer decide what a word is.
-- The migration's Rust step (`pg/refill.rs`) recomputes every record's vector.
CREATE OR REPLACE FUNCTION moisson_tsvector(a text, b text, c text, d text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT
        setweight(a::tsvector, 'A') || setweight(b::tsvector, 'B')
        || setweight(c::tsvector, 'C') || setweight(d::tsvector, 'D') $$;
