-- The browser that made a registration, as the SHA-256 of its device cookie. A second sign-up
-- with the same number is shown its registration only from that browser (or by the member who
-- holds it); from anywhere else it gets a neutral answer, so a number alone reveals no code,
-- name or state. NULL for walk-ins, registrations made before this column, and after retention.
ALTER TABLE registrations ADD COLUMN device_hash TEXT
    CHECK (device_hash IS NULL OR (length(device_hash) = 64 AND device_hash NOT GLOB '*[^0-9a-f]*'));

-- Wrong passwords per username and network address: a stranger's failures lock only the
-- stranger's address out, so the owner signing in from their own address still gets in. Each
-- further lock of the same pair lasts twice as long as the one before (`locks`).
DROP TABLE login_failures;
CREATE TABLE login_failures (
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    failures INTEGER NOT NULL CHECK (failures >= 0),
    first_failed_at TEXT NOT NULL,
    locked_until TEXT,
    locks INTEGER NOT NULL DEFAULT 0 CHECK (locks >= 0),
    PRIMARY KEY (username, address)
) WITHOUT ROWID;

-- A member's home area: the staff of that area (and above) manage the member's account. Members
-- created before this have none, and only administrators manage those: a member without an area
-- used to be manageable by every district's staff, who could reset the password and read it.
ALTER TABLE member_profiles ADD COLUMN area_id INTEGER REFERENCES areas(id);
