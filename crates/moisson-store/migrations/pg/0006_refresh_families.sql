-- Moisson PostgreSQL schema, version 6: refresh-token families revoked after a reuse.
--
-- Every refresh token belongs to a family, the chain of tokens descended from one sign-in
-- (each refresh hands on the family of the token it consumed). A refresh token used a
-- second time was stolen, or its client replays it: the whole family is recorded here, in
-- the statement that finds the reuse, and every token of it is refused from then on on
-- every node, whichever of the thief or the legitimate client holds it (OAuth 2 security
-- BCP, refresh token rotation with reuse detection). A row is kept until every token of the
-- family has expired (`expires`), then purged by a later refresh. `IF NOT EXISTS`: safe to
-- apply again to a schema whose older versions were undone by hand.

CREATE TABLE IF NOT EXISTS refresh_families (
    family    text PRIMARY KEY,
    expires   timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS refresh_families_expires ON refresh_families (expires);
