-- Seats taken, kept on the session by the triggers below in the same transaction as the
-- registration they count: a sign-up checks it, and every session card shows it. Counting the
-- registrations instead read each one's row (for walk_in), so a popular session's page and
-- each of its sign-ups got slower with every seat taken. A seat is held by a registration that
-- is not a walk-in and is registered, attended, absent or on leave (repo/registrations.rs).
ALTER TABLE sessions ADD COLUMN seats_taken INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET seats_taken = (SELECT count(*) FROM registrations r WHERE r.session_id = sessions.id
    AND r.walk_in = 0 AND r.state IN ('registered', 'attended', 'absent', 'leave'));

CREATE TRIGGER registrations_seat_insert AFTER INSERT ON registrations
WHEN NEW.walk_in = 0 AND NEW.state IN ('registered', 'attended', 'absent', 'leave')
BEGIN
    UPDATE sessions SET seats_taken = seats_taken + 1 WHERE id = NEW.session_id;
END;
CREATE TRIGGER registrations_seat_update AFTER UPDATE OF state, walk_in, session_id ON registrations
BEGIN
    UPDATE sessions SET seats_taken = seats_taken - 1
    WHERE id = OLD.session_id AND OLD.walk_in = 0 AND OLD.state IN ('registered', 'attended', 'absent', 'leave');
    UPDATE sessions SET seats_taken = seats_taken + 1
    WHERE id = NEW.session_id AND NEW.walk_in = 0 AND NEW.state IN ('registered', 'attended', 'absent', 'leave');
END;
CREATE TRIGGER registrations_seat_delete AFTER DELETE ON registrations
WHEN OLD.walk_in = 0 AND OLD.state IN ('registered', 'attended', 'absent', 'leave')
BEGIN
    UPDATE sessions SET seats_taken = seats_taken - 1 WHERE id = OLD.session_id;
END;
