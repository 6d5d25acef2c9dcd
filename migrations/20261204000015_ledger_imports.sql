-- 台账导入: a ledger file uploaded for import, kept with its bytes so the preview and the import
-- read the same file, and so every imported session links back to what it came from. A file is
-- pending until imported; the same file (by its SHA-256) is imported at most once.
CREATE TABLE ledger_imports (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    file_name     TEXT NOT NULL,
    bytes         BLOB NOT NULL,
    uploaded_by   INTEGER NOT NULL REFERENCES users(id),
    uploaded_at   TEXT NOT NULL,
    imported_at   TEXT,
    -- What the import wrote: sessions, attendance rows, suggestions and problems.
    summary_json  TEXT,
    CHECK ((imported_at IS NULL) = (summary_json IS NULL))
);
CREATE UNIQUE INDEX ledger_imports_once ON ledger_imports(sha256) WHERE imported_at IS NOT NULL;
CREATE INDEX ledger_imports_uploader ON ledger_imports(uploaded_by, imported_at);

-- The import a session came from, and its number in the ledger (活动编号): a ledger number is
-- imported once per platform, so a later file that repeats rows does not count them twice.
ALTER TABLE sessions ADD COLUMN import_id INTEGER REFERENCES ledger_imports(id);
ALTER TABLE sessions ADD COLUMN ledger_no TEXT;
CREATE UNIQUE INDEX sessions_ledger_no ON sessions(host_platform_id, ledger_no) WHERE ledger_no IS NOT NULL;

-- The audit log learns imports (entity 'ledger_import'): SQLite changes a CHECK only by
-- rebuilding the table.
CREATE TABLE audit_log_new (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    entity      TEXT NOT NULL CHECK (entity IN (
                    'area', 'platform', 'user', 'topic', 'session', 'registration',
                    'minutes', 'outcome', 'problem', 'review', 'published_figures', 'ledger_import')),
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
