-- Moisson SQLite schema, version 4: refresh tokens already used.
--
-- A refresh token works once: its id (`jti`) is recorded here when it is traded for a new
-- pair, in the same statement that checks it was not recorded yet, and a second use is
-- refused. A row is kept until the token could not verify anyway (`expires`, Unix
-- seconds), then purged by a later refresh.

CREATE TABLE refresh_tokens (
    jti       TEXT PRIMARY KEY,
    expires   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires);
