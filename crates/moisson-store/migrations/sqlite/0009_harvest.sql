-- Moisson SQLite schema, version 9: harvesting (sources, their runs, and the provenance of
-- every harvested record).
--
-- A source belongs to an organisation (its admins manage it; its records are owned by it).
-- A job is one run, with its counts, per-record errors and log as JSON text, written as the
-- run goes so that its progress can be read. `harvest_records` keeps, beside each record a
-- source wrote, its remote id and the digest of what the source sent (an unchanged digest
-- is not written again) and the last job that saw it: after a run that completed, the
-- source's records that job did not see are the ones the source deleted.

CREATE TABLE harvest_sources (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    url         TEXT NOT NULL,
    options     TEXT NOT NULL,                     -- JSON object
    owner_org   TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL,
    status      TEXT NOT NULL,
    schedule    TEXT,                              -- cron; NULL: on demand
    enabled     INTEGER NOT NULL,
    created     TEXT NOT NULL
);

CREATE TABLE harvest_jobs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id   TEXT NOT NULL REFERENCES harvest_sources (id) ON DELETE CASCADE,
    full_run    INTEGER NOT NULL,
    started     TEXT NOT NULL,
    ended       TEXT,
    state       TEXT NOT NULL,
    counts      TEXT NOT NULL,                     -- JSON JobCounts
    errors      TEXT NOT NULL,                     -- JSON [RecordError]
    log         TEXT NOT NULL                      -- JSON [string]
);
CREATE INDEX harvest_jobs_by_source ON harvest_jobs (source_id, id);

CREATE TABLE harvest_records (
    record_id    TEXT PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
    source_id    TEXT NOT NULL REFERENCES harvest_sources (id) ON DELETE CASCADE,
    remote_id    TEXT NOT NULL,
    harvested_at TEXT NOT NULL,
    source_hash  TEXT NOT NULL,
    seen_job     INTEGER NOT NULL
);
CREATE INDEX harvest_records_by_source ON harvest_records (source_id, seen_job);
