-- Figures staff have made public (向社会公开): a snapshot of one area's year as published, so
-- what the public reads does not shift under them afterwards; publishing again replaces it,
-- withdrawing deletes it (both in audit_log). The public sees these aggregates and nothing else.
CREATE TABLE published_figures (
    id            INTEGER PRIMARY KEY,
    area_id       INTEGER NOT NULL REFERENCES areas(id),
    year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    figures_json  TEXT NOT NULL CHECK (json_valid(figures_json)),
    published_at  TEXT NOT NULL,
    published_by  INTEGER REFERENCES users(id),
    UNIQUE (area_id, year)
);

-- The audit log learns the new entity: SQLite changes a CHECK only by rebuilding the table.
CREATE TABLE audit_log_new (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    entity      TEXT NOT NULL CHECK (entity IN (
                    'area', 'platform', 'user', 'topic', 'session', 'registration',
                    'minutes', 'outcome', 'problem', 'review', 'published_figures')),
    entity_id   INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'move', 'deactivate', 'activate')),
    before_json TEXT,
    after_json  TEXT
);
INSERT INTO audit_log_new (id, at, user_id, entity, entity_id, action, before_json, after_json)
    SELECT id, at, user_id, entity, entity_id, action, before_json, after_json FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
