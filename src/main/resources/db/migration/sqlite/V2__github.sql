-- The GitHub side (issue 3): installations, triaged threads, labels, feedback, intended and sent actions.

CREATE TABLE app_installations (
    installation_id INTEGER PRIMARY KEY,
    account         TEXT,
    created_at      TEXT NOT NULL,
    deleted_at      TEXT
);

-- One row per issue or discussion the bot looked at; text is kept to export feedback and deleted on uninstall.
CREATE TABLE threads (
    installation_id      INTEGER NOT NULL,
    repository           TEXT NOT NULL,
    kind                 TEXT NOT NULL,
    number               INTEGER NOT NULL,
    node_id              TEXT,
    url                  TEXT,
    text                 TEXT,
    security_probability REAL,
    primary_theme        TEXT,
    verdict              TEXT,
    issue_codes          TEXT,
    model_version        TEXT,
    comment_id           TEXT,
    comment_hash         TEXT,
    off                  INTEGER NOT NULL DEFAULT 0,
    classified_at        TEXT,
    PRIMARY KEY (repository, kind, number)
);
CREATE INDEX threads_installation ON threads (installation_id);
CREATE INDEX threads_classified_at ON threads (classified_at);

-- Replies by people, re-read when the thread is classified again.
CREATE TABLE thread_comments (
    repository TEXT NOT NULL,
    kind       TEXT NOT NULL,
    number     INTEGER NOT NULL,
    comment_id TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (repository, kind, number, comment_id)
);

CREATE TABLE thread_labels (
    repository       TEXT NOT NULL,
    kind             TEXT NOT NULL,
    number           INTEGER NOT NULL,
    label            TEXT NOT NULL,
    added_by_bot     INTEGER NOT NULL DEFAULT 0,
    removed_by_human INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (repository, kind, number, label)
);

-- Labels the bot created on a repository; a maintainer's later deletion is remembered and respected.
CREATE TABLE repo_labels (
    installation_id       INTEGER NOT NULL,
    repository            TEXT NOT NULL,
    name                  TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    deleted_by_maintainer INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (repository, name)
);

CREATE TABLE feedback (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id     TEXT NOT NULL,
    installation_id INTEGER NOT NULL,
    repository      TEXT NOT NULL,
    kind            TEXT NOT NULL,
    number          INTEGER NOT NULL,
    signal          TEXT NOT NULL,
    is_security     INTEGER NOT NULL,
    theme           TEXT,
    actor           TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (delivery_id, signal)
);
CREATE INDEX feedback_installation ON feedback (installation_id);

-- Every write the gateway made or, in dry-run, would have made.
CREATE TABLE actions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    installation_id INTEGER,
    repository      TEXT NOT NULL,
    number          INTEGER,
    action          TEXT NOT NULL,
    detail          TEXT,
    dry_run         INTEGER NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE TABLE config_errors (
    repository TEXT PRIMARY KEY,
    file       TEXT NOT NULL,
    errors     TEXT NOT NULL,
    seen_at    TEXT NOT NULL
);
