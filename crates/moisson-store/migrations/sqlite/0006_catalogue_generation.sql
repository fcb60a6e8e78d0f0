-- Moisson SQLite schema, version 6: the catalogue's generation.
--
-- A number raised by every change to `records` (triggers, so that no write path, nor
-- another process writing the same file, such as `moisson import` beside `moisson
-- serve`, can forget it), read by searches in their own read transaction: a store keeps
-- the totals and facet counts it computed under the generation they were computed at
-- and reuses them only while the generation has not moved (`summaries.rs`).

CREATE TABLE catalogue_state (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    generation INTEGER NOT NULL
);
INSERT INTO catalogue_state (singleton, generation) VALUES (1, 0);

CREATE TRIGGER records_inserted_next_generation AFTER INSERT ON records
BEGIN
    UPDATE catalogue_state SET generation = generation + 1;
END;
CREATE TRIGGER records_updated_next_generation AFTER UPDATE ON records
BEGIN
    UPDATE catalogue_state SET generation = generation + 1;
END;
CREATE TRIGGER records_deleted_next_generation AFTER DELETE ON records
BEGIN
    UPDATE catalogue_state SET generation = generation + 1;
END;
