-- Moisson PostgreSQL schema, version 7: the catalogue's generation.
--
-- A number that every transaction changing `records` raises by one, read by searches in
-- their own snapshot: a node keeps the totals and facet counts it computed under the
-- generation they were computed at, and reuses them only while the generation has not
-- moved (`summaries.rs`). The trigger, not the write code, raises it, so no write path
-- (imports, CSW transactions, deletes, restores, `db copy`, a DBA's UPDATE) can leave a
-- node counting records that changed visibility or were deleted. It is deferred to the
-- commit and raises the number once per transaction, so concurrent writers wait for one
-- another only between their last statement and their commit. Safe to apply again to a
-- schema whose older versions were undone by hand.

CREATE TABLE IF NOT EXISTS catalogue_state (
    singleton  boolean PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    generation bigint NOT NULL
);
INSERT INTO catalogue_state (singleton, generation) VALUES (TRUE, 0) ON CONFLICT DO NOTHING;

CREATE OR REPLACE FUNCTION moisson_next_generation() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF current_setting('moisson.generation_of', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE catalogue_state SET generation = generation + 1;
        PERFORM set_config('moisson.generation_of', txid_current()::text, true);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS records_next_generation ON records;
CREATE CONSTRAINT TRIGGER records_next_generation
    AFTER INSERT OR UPDATE OR DELETE ON records
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION moisson_next_generation();

DROP TRIGGER IF EXISTS records_truncated_next_generation ON records;
CREATE TRIGGER records_truncated_next_generation
    AFTER TRUNCATE ON records
    FOR EACH STATEMENT EXECUTE FUNCTION moisson_next_generation();
