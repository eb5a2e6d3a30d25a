-- Issue 11: exclusivity across processes, rate-limit pauses, an expiring dedupe window, retention.

-- At most one running job per thread across every process: a claim takes the thread's lease row first.
ALTER TABLE jobs ADD COLUMN thread_key TEXT;            -- 'owner/repo#12', null for events without a thread
ALTER TABLE jobs ADD COLUMN installation_id {{INTEGER;|BIGINT; }}    -- for installation-wide pauses (rate limits)
UPDATE jobs SET
    thread_key = (SELECT d.repository || '#' || d.thread_number FROM deliveries d
                  WHERE d.delivery_id = jobs.delivery_id AND d.repository IS NOT NULL AND d.thread_number IS NOT NULL),
    installation_id = (SELECT d.installation_id FROM deliveries d WHERE d.delivery_id = jobs.delivery_id);
CREATE INDEX jobs_thread_key ON jobs (thread_key, state);
CREATE INDEX jobs_finished_at ON jobs (state, finished_at);

CREATE TABLE thread_leases (
    thread_key  TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,                          -- a job worker, or a backfill run
    lease_until {{INTEGER|BIGINT}} NOT NULL                        -- expired: its holder died; the next claimer takes it over
);

-- GitHub said "not before": no job of the installation is claimed until then, and nobody waits holding a lease.
CREATE TABLE installation_pauses (
    installation_id {{INTEGER|BIGINT}} PRIMARY KEY,
    not_before      {{INTEGER|BIGINT}} NOT NULL,
    reason          TEXT
);

-- The same event under two delivery ids is queued once within the dedupe window; after it, it is new again.
CREATE TABLE semantic_keys (
    semantic_key TEXT PRIMARY KEY,
    delivery_id  TEXT NOT NULL,
    queued_at    {{INTEGER|BIGINT}} NOT NULL
);
INSERT INTO semantic_keys (semantic_key, delivery_id, queued_at)
    SELECT semantic_key, delivery_id, received_at FROM deliveries WHERE outcome = 'queued' AND semantic_key IS NOT NULL;
DROP INDEX deliveries_semantic_key_queued;
CREATE INDEX deliveries_installation ON deliveries (installation_id);
CREATE INDEX actions_created_at ON actions (created_at);

-- Readiness writes its one row here (web/StoreWriteCheck): a store that cannot take a write is not ready.
CREATE TABLE IF NOT EXISTS store_write_check (id INTEGER PRIMARY KEY, checked_at TEXT NOT NULL);
