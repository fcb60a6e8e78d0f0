-- Moisson SQLite schema, version 6: the catalogue's generation.
--
-- A number raised by every transaction that changes `records` (`sqlite/write.rs`, the one
-- place records are written, by this process or by another one on the same file, such as
-- `moisson import` beside `moisson serve`), read by searches in their own read
-- transaction: a store keeps the totals and facet counts it computed under the generation
-- they were computed at and reuses them only while the generation has not moved
-- (`summaries.rs`). Not raised by triggers, as on PostgreSQL: SQLite runs a trigger once
-- per row and then keeps a statement journal for every insert, which made imports a
-- quarter slower.

CREATE TABLE catalogue_state (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    generation INTEGER NOT NULL
);
INSERT INTO catalogue_state (singleton, generation) VALUES (1, 0);
