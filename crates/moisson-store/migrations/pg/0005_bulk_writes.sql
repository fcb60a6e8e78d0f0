-- Moisson PostgreSQL schema, version 5: cheaper record writes.
--
-- The large values of a record (the source document, ≈ 20 KB; its JSON; its tsvector)
-- are compressed by TOAST, with pglz by default: at import, compressing them cost
-- ≈ 0.3 ms of server CPU per record, a third of all the server's work. lz4 compresses
-- them about five times faster (and decompresses faster on reads) for ≈ 20 % more disk.
-- Only values written from now on use it; stored ones stay readable as they are.
-- PostgreSQL before 14 (no per-column compression) or built without lz4 keeps pglz.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE records ALTER COLUMN original SET COMPRESSION lz4, '
        'ALTER COLUMN doc SET COMPRESSION lz4, ALTER COLUMN fts SET COMPRESSION lz4';
EXCEPTION WHEN syntax_error OR feature_not_supported THEN
    RAISE NOTICE 'record values keep the default compression: %', SQLERRM;
END
$$;
