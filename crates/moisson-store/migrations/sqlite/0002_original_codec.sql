-- Moisson SQLite schema, version 2.
--
-- The original document may be stored compressed: `original_codec` names the codec of
-- `original` ('zstd': one zstd frame). NULL means the bytes are stored as they are,
-- which is what every row written before this migration holds.

ALTER TABLE records ADD COLUMN original_codec TEXT;
