-- Moisson PostgreSQL schema, version 9: harvesting (sources, their runs, and the provenance
-- of every harvested record).
--
-- A source belongs to an organisation (its admins manage it; its records are owned by it).
-- A job is one run, with its counts, per-record errors and log as JSON, written as the run
-- goes so that its progress can be read from any node. `harvest_records` keeps, beside each
-- record a source wrote, its remote id and the digest of what the source sent (an
-- unchanged digest is not written again) and the last job that saw it: after a run that
-- completed, the source's records that job did not see are the ones the source deleted.

CREATE TABLE IF NOT EXISTS harvest_sources (
    id          text COLLATE "C" PRIMARY KEY,
    name        text NOT NULL,
    kind        text NOT NULL,
    url         text NOT NULL,
    options     jsonb NOT NULL,
    owner_org   text COLLATE "C" NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    visibility  text NOT NULL,
    status      text NOT NULL,
    schedule    text,
    enabled     boolean NOT NULL,
    created     text COLLATE "C" NOT NULL
);

CREATE TABLE IF NOT EXISTS harvest_jobs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id   text COLLATE "C" NOT NULL REFERENCES harvest_sources (id) ON DELETE CASCADE,
    full_run    boolean NOT NULL,
    started     text COLLATE "C" NOT NULL,
    ended       text COLLATE "C",
    state       text NOT NULL,
    counts      jsonb NOT NULL,
    errors      jsonb NOT NULL,
    log         jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS harvest_jobs_by_source ON harvest_jobs (source_id, id);

CREATE TABLE IF NOT EXISTS harvest_records (
    record_id    text COLLATE "C" PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
    source_id    text COLLATE "C" NOT NULL REFERENCES harvest_sources (id) ON DELETE CASCADE,
    remote_id    text NOT NULL,
    harvested_at text COLLATE "C" NOT NULL,
    source_hash  text COLLATE "C" NOT NULL,
    seen_job     bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS harvest_records_by_source ON harvest_records (source_id, seen_job);
