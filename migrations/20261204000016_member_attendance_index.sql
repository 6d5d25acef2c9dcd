-- Members' attendance, the rows behind 委员参与人次 split by level and by sector, read without
-- reading every resident's row of the same sessions: members are a few of each session's
-- hundreds. Partial, so it costs nothing when a resident signs up.
CREATE INDEX registrations_members_attended
    ON registrations(session_id, member_level, member_user_id)
    WHERE role = 'member' AND state = 'attended';
