-- The Hugging Face Hub side (issue 13): discussions the bot triaged and the comments it read. Hub deliveries share
-- the deliveries and jobs tables (event 'huggingface.<scope>', no installation, delivery id 'hf-<uuid>').
{{|-- The same schema as sqlite/V3__huggingface.sql, in PostgreSQL's types.}}

-- One row per Hub discussion; repository is the Hub's path: owner/name (models), datasets/owner/name, spaces/....
CREATE TABLE hub_discussions (
    repo_type            TEXT NOT NULL,
    repository           TEXT NOT NULL,
    num                  INTEGER NOT NULL,
    discussion_id        TEXT,
    title                TEXT,
    opening_comment_id   TEXT,
    opening              TEXT,
    pull_request         INTEGER NOT NULL DEFAULT 0,
    private_repo         INTEGER NOT NULL DEFAULT 0,
    security_probability {{REAL|DOUBLE PRECISION}},
    primary_theme        TEXT,
    verdict              TEXT,
    model_version        TEXT,
    comment_id           TEXT,
    comment_hash         TEXT,
    classified_at        TEXT,
    PRIMARY KEY (repo_type, repository, num)
);
CREATE INDEX hub_discussions_classified_at ON hub_discussions (classified_at);

-- Replies by people (never the bot's own), re-read when the discussion is classified again.
CREATE TABLE hub_discussion_comments (
    repo_type  TEXT NOT NULL,
    repository TEXT NOT NULL,
    num        INTEGER NOT NULL,
    comment_id TEXT NOT NULL,
    body       TEXT NOT NULL,
    first_seen {{INTEGER|BIGINT}} NOT NULL,
    PRIMARY KEY (repo_type, repository, num, comment_id)
);
