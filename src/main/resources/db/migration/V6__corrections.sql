-- Issue 18 item 4: a maintainer's correction of a thread is an example for its repository. A later post of the
-- repository very close to a corrected one follows the corrected verdict (event/FollowCorrections).
CREATE TABLE corrections (
    repository      TEXT NOT NULL,
    kind            TEXT NOT NULL,
    number          INTEGER NOT NULL,
    installation_id {{INTEGER|BIGINT}},                     -- forgotten with the installation
    url             TEXT,
    text            TEXT NOT NULL,                          -- the post as the maintainer judged it
    is_security     INTEGER NOT NULL,
    theme           TEXT,                                   -- the corrected theme; null: the model's, or not security
    signal          TEXT NOT NULL,                          -- the feedback that made it (store/Feedback)
    actor           TEXT,
    keywords        TEXT,                                   -- the post's keyword matches, one a line
    embedding       {{BLOB|BYTEA}},                           -- float32 little-endian, L2-normalised
    model_version   TEXT,                                   -- the classifier that read it; another one reads it again
    corrected_at    TEXT NOT NULL,
    PRIMARY KEY (repository, kind, number)
);
CREATE INDEX corrections_installation ON corrections (installation_id);

-- The feedback recorded before: each thread's latest word becomes its correction, read by the classifier on first use.
INSERT INTO corrections (repository, kind, number, installation_id, url, text, is_security, theme, signal, actor,
                         corrected_at)
    SELECT f.repository, f.kind, f.number, f.installation_id, t.url, t.text, f.is_security, f.theme, f.signal, f.actor,
           f.created_at
    FROM feedback f JOIN threads t ON t.repository = f.repository AND t.kind = f.kind AND t.number = f.number
    WHERE t.text IS NOT NULL
      AND f.id = (SELECT MAX(g.id) FROM feedback g
                  WHERE g.repository = f.repository AND g.kind = f.kind AND g.number = f.number);
