-- Moisson PostgreSQL schema, version 2: rights (docs/rights.md).
--
-- Records gain their workflow status and the units a restricted record is shared with;
-- accounts (users, organisations and groups, memberships, API keys) and the audit log
-- get their tables. Existing records were all visible before: they become published.

ALTER TABLE records
    ADD COLUMN status text COLLATE "C" NOT NULL DEFAULT 'published'
        CHECK (status IN ('draft', 'submitted', 'published')),
    -- An array column rather than a `record_shares` child table: the list is short, is
    -- written with the row in the same UPDATE, and the visibility clause tests it with
    -- `shared_with && $units` on the row itself (no join, no EXISTS per candidate),
    -- which the GIN index below answers when it is the selective part of a query.
    ADD COLUMN shared_with text[] COLLATE "C" NOT NULL DEFAULT '{}';

-- The visibility clause starts with `status = 'published' AND visibility IN (…)`.
CREATE INDEX records_status_visibility ON records (status, visibility);
CREATE INDEX records_shared_with ON records USING gin (shared_with);

CREATE TABLE users (
    username      text COLLATE "C" PRIMARY KEY,
    name          text,
    email         text,
    password_hash text,                       -- argon2 PHC string; NULL: OpenID Connect only
    superadmin    boolean NOT NULL DEFAULT false,
    disabled      boolean NOT NULL DEFAULT false,
    created       timestamptz NOT NULL DEFAULT now()
);

-- Organisations and groups share one identifier namespace.
CREATE TABLE units (
    id   text COLLATE "C" PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('organisation', 'group')),
    name text NOT NULL
);

CREATE TABLE memberships (
    username text COLLATE "C" NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    unit     text COLLATE "C" NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('reader', 'editor', 'reviewer', 'admin')),
    PRIMARY KEY (username, unit)
);
CREATE INDEX memberships_unit ON memberships (unit);

CREATE TABLE api_keys (
    id          text COLLATE "C" PRIMARY KEY,
    unit        text COLLATE "C" NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('reader', 'editor', 'reviewer', 'admin')),
    label       text,
    created_by  text NOT NULL,
    created     timestamptz NOT NULL DEFAULT now(),
    revoked     boolean NOT NULL DEFAULT false,
    secret_hash text NOT NULL                 -- hex SHA-256 of the secret part
);
CREATE INDEX api_keys_unit ON api_keys (unit);

-- One line per record write, in the write's transaction. `record_id` is not a foreign
-- key: the lines of a deleted record stay.
CREATE TABLE audit_log (
    seq       bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text COLLATE "C" NOT NULL,
    action    text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    record_id text COLLATE "C" NOT NULL,
    status    text                            -- after the write; NULL for a delete
);
CREATE INDEX audit_log_record_id ON audit_log (record_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
