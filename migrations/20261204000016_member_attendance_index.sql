-- Members' attendance, the rows behind 委员参与人次 split by level and by sector, read without
-- reading every resident's row of the same sessions: members are a few of each session's
-- hundreds. Partial, so a resident's sign-up does not touch it; its first columns are those of
-- `registrations_session_state`, so the planner takes the smaller one for members' rows.
CREATE INDEX registrations_members
    ON registrations(session_id, state, member_level, member_user_id)
    WHERE role = 'member';
