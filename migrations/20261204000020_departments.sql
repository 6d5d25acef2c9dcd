-- 部门: the departments of an area that suggestions are handed to (区住建局, 街道城管科), each with
-- a contact who is told by text message when a suggestion led by it passes its deadline. A
-- suggestion names its lead department as text (as ledgers do); the notice goes to the
-- department of that name nearest the session's area, up the hierarchy.
CREATE TABLE departments (
    id              INTEGER PRIMARY KEY,
    area_id         INTEGER NOT NULL REFERENCES areas(id),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    contact_name    TEXT,
    -- 11 digits, as `Mobile` normalises them.
    contact_mobile  TEXT CHECK (contact_mobile IS NULL OR (length(contact_mobile) = 11 AND contact_mobile NOT GLOB '*[^0-9]*')),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (area_id, name)
);

-- The number an organizer (or any account) is told on: overdue suggestions of their sessions.
ALTER TABLE users ADD COLUMN mobile TEXT
    CHECK (mobile IS NULL OR (length(mobile) = 11 AND mobile NOT GLOB '*[^0-9]*'));

-- When a suggestion's overdue notice was queued: once per suggestion, whoever it reached.
ALTER TABLE outcomes ADD COLUMN overdue_noticed_at TEXT;
CREATE INDEX outcomes_overdue_due ON outcomes(deadline)
    WHERE overdue_noticed_at IS NULL AND handling_status <> 'completed' AND deadline IS NOT NULL;
