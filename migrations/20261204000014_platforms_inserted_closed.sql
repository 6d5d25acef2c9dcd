-- A platform written as already closed (the demo, an import) has its closing in its history too,
-- as migration 13 did for those closed before it: without it, every year before its closing
-- would read it as closed.
CREATE TRIGGER platforms_inserted_closed AFTER INSERT ON platforms
WHEN NEW.status = 'inactive'
BEGIN
    INSERT INTO platform_changes (platform_id, changed_on, from_type, from_status)
    VALUES (NEW.id, NEW.deactivated_on, NEW.type_code, 'active');
END;
