-- 消息: every message the product owes a resident (confirmation, waiting-list promotion,
-- reminder, change or cancellation). Written in the same transaction as the change that causes
-- it, so none is lost; a sender delivers them (the default one only logs) and stamps sent_at.
CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    session_id       INTEGER NOT NULL REFERENCES sessions(id),
    registration_id  INTEGER REFERENCES registrations(id),
    kind             TEXT NOT NULL CHECK (kind IN ('confirmation', 'waitlisted', 'promoted', 'reminder', 'changed', 'cancelled')),
    -- The mobile number at the time; erased with the registration's after the retention period.
    recipient        TEXT,
    body             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    sent_at          TEXT
);
CREATE INDEX messages_unsent ON messages(id) WHERE sent_at IS NULL;
CREATE INDEX messages_registration ON messages(registration_id);
