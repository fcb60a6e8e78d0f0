-- Moisson PostgreSQL schema, version 3: search plans.
--
-- A record's tsvector (≈ 2.5 KB at 22 KB records) is stored compressed out of line, so
-- testing `fts @@ query` on a row means reading and decompressing it; PostgreSQL costs
-- the test as one cheap operator and so prefers reading every record sequentially to
-- the GIN index whenever a word is frequent (330 ms instead of 150 ms to count a word
-- in a quarter of 100 000 records). Costing it as what it does makes the GIN index win
-- unless a word is in most records. pg_catalog is per database: this changes only this
-- one. It needs the function's owner (a superuser); without, the plans stay as they
-- were and the migration still applies.
DO $$
BEGIN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'ts_match_vq keeps its default cost: not its owner';
END
$$;

-- `sort=-modified` reads the newest records in order (records without a date last, ties
-- by id) instead of sorting every match; ascending order uses `records_date_stamp`'s
-- order plus the id tie-break sort only within equal dates.
CREATE INDEX records_date_stamp_desc ON records (date_stamp DESC NULLS LAST, id);
