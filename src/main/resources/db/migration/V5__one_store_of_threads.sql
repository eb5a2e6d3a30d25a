-- Issue 19: one store of threads for every platform; a thread need not belong to a GitHub installation.
{{-- SQLite drops a NOT NULL only by copying the table.
CREATE TABLE threads_v5 (
    installation_id      INTEGER,
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
INSERT INTO threads_v5 SELECT * FROM threads;
DROP TABLE threads;
ALTER TABLE threads_v5 RENAME TO threads;
CREATE INDEX threads_installation ON threads (installation_id);
CREATE INDEX threads_classified_at ON threads (classified_at);|ALTER TABLE threads ALTER COLUMN installation_id DROP NOT NULL;}}

-- A Hub discussion's verdict and comment join every other thread's (kind 'hub_discussion', no installation, its
-- repository the Hub's path), themes stored by name as GitHub's are.
INSERT INTO threads (installation_id, repository, kind, number, node_id, security_probability, primary_theme, verdict,
                     model_version, comment_id, comment_hash, classified_at)
    SELECT NULL, repository, 'hub_discussion', num, discussion_id, security_probability,
           CASE primary_theme WHEN 'system-software' THEN 'SYSTEM_SOFTWARE' WHEN 'ecosystem' THEN 'EXTERNAL_ECOSYSTEM'
                              WHEN 'model' THEN 'MODEL' WHEN 'data' THEN 'DATA' ELSE primary_theme END,
           verdict, model_version, comment_id, comment_hash, classified_at
    FROM hub_discussions;

-- Its replies join theirs, in the order they were first seen.
INSERT INTO thread_comments (repository, kind, number, comment_id, body)
    SELECT repository, 'hub_discussion', num, comment_id, body FROM hub_discussion_comments
    ORDER BY first_seen, comment_id;
DROP TABLE hub_discussion_comments;

-- What the Hub's events tell of a discussion piece by piece (title, opening post, flags) stays the Hub's own.
ALTER TABLE hub_discussions RENAME TO hub_posts;
DROP INDEX hub_discussions_classified_at;
ALTER TABLE hub_posts DROP COLUMN security_probability;
ALTER TABLE hub_posts DROP COLUMN primary_theme;
ALTER TABLE hub_posts DROP COLUMN verdict;
ALTER TABLE hub_posts DROP COLUMN model_version;
ALTER TABLE hub_posts DROP COLUMN comment_id;
ALTER TABLE hub_posts DROP COLUMN comment_hash;
ALTER TABLE hub_posts DROP COLUMN classified_at;
