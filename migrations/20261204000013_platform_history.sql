-- A platform's type and status as they were, so a past year's figures read each platform as it
-- stood then: one row per change, holding the values it had before. The value on a day is the
-- `from_*` of its first change on or after that day, else today's (as `platform_moves` does for
-- areas). Written by the trigger below, so every way of changing a platform keeps it.
CREATE TABLE platform_changes (
    id           INTEGER PRIMARY KEY,
    platform_id  INTEGER NOT NULL REFERENCES platforms(id),
    changed_on   TEXT NOT NULL CHECK (changed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    from_type    TEXT NOT NULL,
    from_status  TEXT NOT NULL CHECK (from_status IN ('active', 'inactive'))
);
CREATE INDEX platform_changes_on ON platform_changes(platform_id, changed_on, id);

-- Platforms deactivated before this history began: the day they were deactivated.
INSERT INTO platform_changes (platform_id, changed_on, from_type, from_status)
SELECT id, deactivated_on, type_code, 'active' FROM platforms WHERE status = 'inactive';

-- Retyping a platform used to rewrite the type of every session it ever held. Now a change is
-- recorded first (a deactivation on its own date, anything else today in Asia/Shanghai), then
-- each session takes the type its platform had on its day — so held sessions keep theirs and
-- upcoming ones take the new one — and topics the type and area of the day they were submitted.
DROP TRIGGER platforms_keys_to_rows;
CREATE TRIGGER platforms_changed AFTER UPDATE OF area_id, type_code, status ON platforms
WHEN OLD.area_id IS NOT NEW.area_id OR OLD.type_code IS NOT NEW.type_code OR OLD.status IS NOT NEW.status
BEGIN
    INSERT INTO platform_changes (platform_id, changed_on, from_type, from_status)
    SELECT NEW.id,
           CASE WHEN NEW.status = 'inactive' AND OLD.status = 'active' THEN NEW.deactivated_on
                ELSE date('now', '+8 hours') END,
           OLD.type_code, OLD.status
    WHERE OLD.type_code IS NOT NEW.type_code OR OLD.status IS NOT NEW.status;
    UPDATE sessions SET platform_type = coalesce(
        (SELECT c.from_type FROM platform_changes c WHERE c.platform_id = NEW.id AND c.changed_on >= date(sessions.starts_at)
         ORDER BY c.changed_on, c.id LIMIT 1), NEW.type_code)
    WHERE host_platform_id = NEW.id AND OLD.type_code IS NOT NEW.type_code;
    UPDATE topics SET (area_path, platform_type) =
        (SELECT area_path, platform_type FROM topic_keys WHERE topic_id = topics.id)
    WHERE platform_id = NEW.id AND (OLD.area_id IS NOT NEW.area_id OR OLD.type_code IS NOT NEW.type_code);
END;

-- A session written for a past day (recorded afterwards, imported) takes the type its platform
-- had on that day.
DROP TRIGGER sessions_keys_insert;
CREATE TRIGGER sessions_keys_insert AFTER INSERT ON sessions
BEGIN
    UPDATE sessions SET area_path = (SELECT path FROM areas WHERE id = NEW.area_id),
                        platform_type = coalesce(
        (SELECT c.from_type FROM platform_changes c WHERE c.platform_id = NEW.host_platform_id
           AND c.changed_on >= date(NEW.starts_at) ORDER BY c.changed_on, c.id LIMIT 1),
        (SELECT type_code FROM platforms WHERE id = NEW.host_platform_id))
    WHERE id = NEW.id;
END;

DROP TRIGGER sessions_keys_update;
CREATE TRIGGER sessions_keys_update AFTER UPDATE OF area_id, host_platform_id, starts_at ON sessions
WHEN OLD.area_id IS NOT NEW.area_id OR OLD.host_platform_id IS NOT NEW.host_platform_id
  OR OLD.starts_at IS NOT NEW.starts_at
BEGIN
    UPDATE sessions SET area_path = (SELECT path FROM areas WHERE id = NEW.area_id),
                        platform_type = coalesce(
        (SELECT c.from_type FROM platform_changes c WHERE c.platform_id = NEW.host_platform_id
           AND c.changed_on >= date(NEW.starts_at) ORDER BY c.changed_on, c.id LIMIT 1),
        (SELECT type_code FROM platforms WHERE id = NEW.host_platform_id))
    WHERE id = NEW.id;
END;

-- Topics count as the type their platform had on the day they were submitted.
DROP VIEW topic_keys;
CREATE VIEW topic_keys AS
SELECT t.id AS topic_id, a.path AS area_path,
       coalesce((SELECT c.from_type FROM platform_changes c WHERE c.platform_id = p.id
                   AND c.changed_on >= date(t.submitted_at) ORDER BY c.changed_on, c.id LIMIT 1),
                p.type_code) AS platform_type
FROM topics t JOIN platforms p ON p.id = t.platform_id
JOIN areas a ON a.id = coalesce(
    (SELECT m.from_area_id FROM platform_moves m WHERE m.platform_id = p.id AND m.moved_on >= date(t.submitted_at)
     ORDER BY m.moved_on, m.id LIMIT 1), p.area_id);
