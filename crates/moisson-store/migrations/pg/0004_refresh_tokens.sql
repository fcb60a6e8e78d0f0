-- Moisson PostgreSQL schema, version 4: refresh tokens already used.
--
-- A refresh token works once: its id (`jti`) is recorded here when it is traded for a new
-- pair, in the same statement that checks it was not recorded yet (the primary key makes
-- two concurrent uses on any nodes give one winner), and a second use is refused. A row
-- is kept until the token could not verify anyway (`expires`), then purged by a later
-- refresh.

CREATE TABLE refresh_tokens (
    jti       text PRIMARY KEY,
    expires   timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires);
