-- The check-ins the desk's camera scanner sent, by the key it chose for each scan. A scan may be
-- sent again — its answer was lost to a dropped connection, or it waited in the desk's offline
-- queue — and must then get its first answer back instead of being applied a second time (after
-- an 撤销 in between, say). Only check-ins that changed something are kept: every other answer
-- comes out the same when the scan is simply run again, so a desk cannot grow this table beyond
-- one row per check-in it really made.
CREATE TABLE check_in_requests (
    session_id       INTEGER NOT NULL REFERENCES sessions(id),
    user_id          INTEGER NOT NULL REFERENCES users(id),
    request_key      TEXT NOT NULL CHECK (length(request_key) BETWEEN 16 AND 64),
    registration_id  INTEGER NOT NULL REFERENCES registrations(id),
    created_at       TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id, request_key)
) WITHOUT ROWID;
