-- 查询我的报名: a resident who lost their registration's link proves their number with a one-time
-- code sent to it, and then sees that number's registrations for a short while. The browser holds
-- a random token in a cookie; only its SHA-256 is kept here, and the code's. A row is deleted a
-- day after it was made (the jobs), so the numbers typed here are not kept.
CREATE TABLE number_lookups (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    mobile      TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    -- Wrong codes typed; at the bound the code is spent.
    attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at  TEXT NOT NULL,
    -- The code is accepted until then, once.
    expires_at  TEXT NOT NULL,
    -- When the code was proven: the number's registrations are shown for a while after.
    proven_at   TEXT
);
CREATE INDEX number_lookups_created ON number_lookups(created_at);

-- Messages that belong to no session (the one-time code above), and the feedback step's kinds:
-- a session's results published (to those who attended) and a suggestion past its deadline (to
-- its lead department's contact and the organizer). SQLite cannot alter a CHECK or a NOT NULL, so
-- the table is rebuilt with its rows.
CREATE TABLE messages_rebuilt (
    id               INTEGER PRIMARY KEY,
    session_id       INTEGER REFERENCES sessions(id),
    registration_id  INTEGER REFERENCES registrations(id),
    kind             TEXT NOT NULL CHECK (kind IN ('confirmation', 'waitlisted', 'promoted', 'reminder', 'changed', 'cancelled',
                                                   'lookup_code', 'results', 'overdue')),
    recipient        TEXT,
    body             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    sent_at          TEXT,
    state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed', 'given_up')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    provider_id      TEXT,
    last_error       TEXT,
    next_attempt_at  TEXT,
    params           TEXT NOT NULL DEFAULT '{}',
    -- The suggestion an overdue notice is about.
    outcome_id       INTEGER REFERENCES outcomes(id),
    -- What the text says, as the model's `Message` in JSON, and the language it is written in:
    -- the text is written when it is sent, with the deployment's link. NULL for messages queued
    -- before, which are sent as their body stands.
    message          TEXT,
    lang             TEXT NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh', 'en')),
    CHECK (session_id IS NOT NULL OR kind = 'lookup_code')
);
INSERT INTO messages_rebuilt (id, session_id, registration_id, kind, recipient, body, created_at, sent_at,
                              state, attempts, provider_id, last_error, next_attempt_at, params)
SELECT id, session_id, registration_id, kind, recipient, body, created_at, sent_at,
       state, attempts, provider_id, last_error, next_attempt_at, params
FROM messages;
DROP TABLE messages;
ALTER TABLE messages_rebuilt RENAME TO messages;
CREATE INDEX messages_due ON messages(id) WHERE state IN ('queued', 'failed');
CREATE INDEX messages_registration ON messages(registration_id);
CREATE INDEX messages_session ON messages(session_id);
-- An overdue suggestion's notice goes once to each of its recipients.
CREATE UNIQUE INDEX messages_overdue_once ON messages(outcome_id, recipient) WHERE kind = 'overdue';
CREATE TRIGGER messages_number_written AFTER INSERT ON messages
WHEN NEW.recipient IS NOT NULL AND NEW.session_id IS NOT NULL
BEGIN
    UPDATE sessions SET numbers_erased_at = NULL WHERE id = NEW.session_id AND numbers_erased_at IS NOT NULL;
END;

-- The language the resident read the site in when signing up: their messages are written in it.
ALTER TABLE registrations ADD COLUMN lang TEXT NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh', 'en'));
ALTER TABLE number_lookups ADD COLUMN lang TEXT NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh', 'en'));
