-- Issue 20: what the bot keeps for security teams (docs/security-teams.md). Times are epoch milliseconds (UTC).

-- Each repository's private channel as last looked up, for the dashboard ("no private channel") and for every
-- instance to forget its kept channel when a push changed a SECURITY.md.
CREATE TABLE repository_channels (
    repository        TEXT PRIMARY KEY,{{            -- owner/name as GitHub spells it|}}
    installation_id   {{INTEGER|BIGINT}},
    status            TEXT NOT NULL,{{               -- private reporting, SECURITY.md contact or no private channel|}}
    why               TEXT,
    checked_at        {{INTEGER|BIGINT}} NOT NULL,
    policy_changed_at {{INTEGER|BIGINT}}{{             -- a push changed the SECURITY.md GitHub shows: channels kept before are stale|}}
);

-- Vulnerabilities reported privately (repository_advisory.reported), classified for the dashboard only. Neither the
-- report's text nor its title is kept: the raw payload holds it until retention deletes it.
CREATE TABLE private_reports (
    ghsa_id              TEXT PRIMARY KEY,
    installation_id      {{INTEGER|BIGINT}},
    repository           TEXT NOT NULL,
    html_url             TEXT,
    reported_at          {{INTEGER|BIGINT}} NOT NULL,
    state                TEXT NOT NULL,{{            -- triage until a maintainer accepts or rejects it|}}
    security_probability {{REAL|DOUBLE PRECISION}},
    primary_theme        TEXT,
    issue_codes          TEXT,
    solution_ids         TEXT,
    model_version        TEXT,
    seen_at              {{INTEGER|BIGINT}} NOT NULL
);
CREATE INDEX private_reports_state ON private_reports (state, reported_at);

-- disclosure: contain: the thread whose leaked report got (or is getting) its one private draft advisory. A row marks
-- the thread contained: later comments repeating the exploit are hidden.
CREATE TABLE thread_advisories (
    repository      TEXT NOT NULL,
    kind            TEXT NOT NULL,
    number          INTEGER NOT NULL,
    installation_id {{INTEGER|BIGINT}},
    marker          TEXT NOT NULL,{{               -- the advisory description's last line, to find it again after a crash|}}
    state           TEXT NOT NULL CHECK (state IN ('pending', 'opened', 'not_permitted', 'refused')),
    ghsa_id         TEXT,
    html_url        TEXT,
    problem         TEXT,{{                        -- the missing permission's line, or GitHub's refusal|}}
    updated_at      {{INTEGER|BIGINT}} NOT NULL,
    PRIMARY KEY (repository, kind, number)
);

-- A permission the App lacks, one line per repository and action, for the dashboard; never retried in a loop.
CREATE TABLE permission_problems (
    repository      TEXT NOT NULL,
    action          TEXT NOT NULL,
    installation_id {{INTEGER|BIGINT}},
    line            TEXT NOT NULL,
    seen_at         {{INTEGER|BIGINT}} NOT NULL,
    PRIMARY KEY (repository, action)
);

-- delay_minutes: a maintainer acted on the new thread during the bot's head start (what they did): the bot stays
-- silent on it.
ALTER TABLE threads ADD COLUMN held_back TEXT;
