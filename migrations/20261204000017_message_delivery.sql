-- Delivery of each message: how many times it was tried, when it may be tried again, what the
-- provider called it, and why the last try failed. A failing number waits its turn again
-- (backing off) instead of holding up the rest, and is given up after a bound.
ALTER TABLE messages ADD COLUMN state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'sent', 'failed', 'given_up'));
ALTER TABLE messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE messages ADD COLUMN provider_id TEXT;
ALTER TABLE messages ADD COLUMN last_error TEXT;
-- NULL: at once.
ALTER TABLE messages ADD COLUMN next_attempt_at TEXT;
UPDATE messages SET state = 'sent' WHERE sent_at IS NOT NULL;
DROP INDEX messages_unsent;
CREATE INDEX messages_due ON messages(id) WHERE state IN ('queued', 'failed');
