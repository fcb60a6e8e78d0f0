-- Full text analysed by Moisson itself (`src/words.rs`: French and English stopwords,
-- French stems, prefixes of whole words), the same words as PostgreSQL's since its
-- migration 10. The index is emptied here; the migration's Rust step
-- (`sqlite/refill.rs`) fills it again from each record's document.
INSERT INTO records_fts (records_fts) VALUES ('delete-all');
