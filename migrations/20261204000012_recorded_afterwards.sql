-- Sessions written up after they happened (补录): 院坝协商 and short-notice meetings entered the same
-- day or week from a paper sign-in sheet. They count like any held session and carry this mark,
-- which staff see and filter by in the records behind every figure.
ALTER TABLE sessions ADD COLUMN recorded_afterwards INTEGER NOT NULL DEFAULT 0
    CHECK (recorded_afterwards IN (0, 1));
-- The photo of the paper sign-in sheet, kept as evidence. It is an attachment of kind 'file', so
-- it is never public: a sign-in sheet holds residents' names and numbers.
ALTER TABLE sessions ADD COLUMN sign_in_sheet_id INTEGER REFERENCES attachments(id);
CREATE INDEX sessions_recorded_afterwards ON sessions(starts_at) WHERE recorded_afterwards = 1;

-- A year closed by the staff of an area once its annual report is filed: nothing dated in that
-- year within the area's subtree may be recorded or changed until it is reopened, which is
-- audited with its reason. Closing a city closes every district below it.
CREATE TABLE closed_years (
    area_id    INTEGER NOT NULL REFERENCES areas(id),
    year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    closed_by  INTEGER REFERENCES users(id),
    closed_at  TEXT NOT NULL,
    PRIMARY KEY (area_id, year)
) WITHOUT ROWID;

-- The audit log learns closing and reopening a year (entity 'area', the year and the reason in
-- after_json): SQLite changes a CHECK only by rebuilding the table.
CREATE TABLE audit_log_new (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    entity      TEXT NOT NULL CHECK (entity IN (
                    'area', 'platform', 'user', 'topic', 'session', 'registration',
                    'minutes', 'outcome', 'problem', 'review', 'published_figures')),
    entity_id   INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN (
                    'create', 'update', 'delete', 'move', 'deactivate', 'activate',
                    'close_year', 'reopen_year')),
    before_json TEXT,
    after_json  TEXT
);
INSERT INTO audit_log_new (id, at, user_id, entity, entity_id, action, before_json, after_json)
    SELECT id, at, user_id, entity, entity_id, action, before_json, after_json FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
