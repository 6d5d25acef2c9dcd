-- Which sessions still hold residents' mobile numbers. The retention job erased the numbers of
-- every session past the period in one statement a minute: it read every old registration each
-- time, and on a database first meeting the period (a restored or imported one) it erased
-- millions of rows in one transaction that held the single writer, and every sign-up, for
-- seconds. It now takes the sessions due from this index, a few at a time, each batch its own
-- transaction, and marks them; a marked session leaves the index.
ALTER TABLE sessions ADD COLUMN numbers_erased_at TEXT;
CREATE INDEX sessions_numbers_due ON sessions(ends_at) WHERE numbers_erased_at IS NULL;

-- A number written after the erasure (a walk-in recorded late, a member's message) puts the
-- session back on the list, so that the next pass erases it too.
CREATE TRIGGER registrations_number_written AFTER INSERT ON registrations
WHEN NEW.mobile IS NOT NULL AND NEW.member_user_id IS NULL
BEGIN
    UPDATE sessions SET numbers_erased_at = NULL WHERE id = NEW.session_id AND numbers_erased_at IS NOT NULL;
END;
CREATE TRIGGER registrations_number_rewritten AFTER UPDATE OF mobile, member_user_id, session_id ON registrations
WHEN NEW.mobile IS NOT NULL AND NEW.member_user_id IS NULL
BEGIN
    UPDATE sessions SET numbers_erased_at = NULL WHERE id = NEW.session_id AND numbers_erased_at IS NOT NULL;
END;
CREATE TRIGGER messages_number_written AFTER INSERT ON messages
WHEN NEW.recipient IS NOT NULL
BEGIN
    UPDATE sessions SET numbers_erased_at = NULL WHERE id = NEW.session_id AND numbers_erased_at IS NOT NULL;
END;
