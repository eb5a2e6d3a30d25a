-- Intake: every webhook delivery GitHub sent us, and the jobs that process the handled ones.
-- Times are epoch milliseconds (UTC). Applied by Flyway (see Database).

CREATE TABLE deliveries (
    delivery_id     TEXT PRIMARY KEY,            -- X-GitHub-Delivery; a redelivery with the same id is a no-op
    event           TEXT NOT NULL,               -- X-GitHub-Event
    action          TEXT,                        -- payload.action, null for events without one (ping)
    installation_id INTEGER,                     -- payload.installation.id, null for repository webhooks
    repository      TEXT,                        -- owner/name, null for installation-level events
    thread_number   INTEGER,                     -- issue or discussion number, when there is one
    semantic_key    TEXT,                        -- sha256 of installation, repository, thread, event, action, text
    outcome         TEXT NOT NULL CHECK (outcome IN ('queued', 'duplicate', 'ignored', 'ping')),
    reason          TEXT,                        -- why a delivery was ignored or counted as a duplicate
    payload         TEXT NOT NULL,
    received_at     INTEGER NOT NULL
);

-- The same event reaching us under two delivery ids is queued once: the second is recorded as 'duplicate'.
CREATE UNIQUE INDEX deliveries_semantic_key_queued ON deliveries (semantic_key) WHERE outcome = 'queued';

CREATE INDEX deliveries_received_at ON deliveries (received_at);

CREATE TABLE jobs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id     TEXT NOT NULL UNIQUE REFERENCES deliveries (delivery_id),
    state           TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,  -- incremented on every claim
    next_attempt_at INTEGER NOT NULL,            -- a queued job is not claimed before this time (back-off)
    last_error      TEXT,
    claimed_by      TEXT,                        -- worker id (process and thread) holding a running job
    claimed_at      INTEGER,
    lease_until     INTEGER,                     -- a running job whose lease ran out was abandoned by a dead process
    created_at      INTEGER NOT NULL,
    finished_at     INTEGER
);

CREATE INDEX jobs_claimable ON jobs (state, next_attempt_at);
