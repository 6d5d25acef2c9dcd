-- Wrong passwords per username, whether or not the account exists (a lockout that only real
-- accounts got would tell which names exist). A name is locked for a while after a few
-- failures in a short time; a correct sign-in clears its row.
CREATE TABLE login_failures (
    username TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL CHECK (failures >= 0),
    first_failed_at TEXT NOT NULL,
    locked_until TEXT
);
