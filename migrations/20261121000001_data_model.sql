-- The data model for the whole consultation loop (domain.md).
-- Every timestamp is Asia/Shanghai wall-clock time, 'YYYY-MM-DD HH:MM:SS' (dates 'YYYY-MM-DD'):
-- the deployment serves one time zone and the yearly tallies cut years in local time.
-- Every enumeration is a CHECK so that no code path can store a value the reports do not know.

-- 行政区划: city → district/county → township/street/park → village/community.
CREATE TABLE areas (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES areas(id),
    level       TEXT NOT NULL CHECK (level IN ('city', 'district', 'township', 'village')),
    -- 统计用区划代码, 12 digits, where known.
    code        TEXT UNIQUE CHECK (code IS NULL OR (length(code) = 12 AND code NOT GLOB '*[^0-9]*')),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- Materialised path '/1/7/42/' so that a subtree is one indexed prefix scan.
    path        TEXT NOT NULL UNIQUE,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    CHECK ((parent_id IS NULL) = (level = 'city'))
);
CREATE INDEX areas_parent ON areas(parent_id);

-- The level below a parent is fixed: city → district → township → village.
CREATE TRIGGER areas_level_follows_parent BEFORE INSERT ON areas
WHEN NEW.parent_id IS NOT NULL AND
     (SELECT level FROM areas WHERE id = NEW.parent_id) IS NOT
     CASE NEW.level WHEN 'district' THEN 'city' WHEN 'township' THEN 'district' WHEN 'village' THEN 'township' END
BEGIN
    SELECT RAISE(ABORT, 'area level does not follow its parent');
END;

-- 平台类型: the built-in types of domain.md; a county may add its own.
CREATE TABLE platform_types (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z_]*'),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    sort_order  INTEGER NOT NULL DEFAULT 100
);
INSERT INTO platform_types (code, name_zh, name_en, builtin, sort_order) VALUES
    ('consultation_room', '协商议事室', 'Consultation room', 1, 1),
    ('livelihood_hall', '民生议事室/议事堂', 'Livelihood hall', 1, 2),
    ('member_studio', '委员工作室', 'Member studio', 1, 3),
    ('member_lounge', '委员会客厅', 'Member lounge', 1, 4),
    ('sector_forum', '界别同心汇', 'Sector forum', 1, 5),
    ('sector_room', '界别活动室', 'Sector activity room', 1, 6),
    ('opinion_point', '社情民意联系点', 'Public opinion contact point', 1, 7),
    ('practice_center', '协商民主实践中心', 'Consultative democracy centre', 1, 8),
    ('online_room', '线上议事室', 'Online consultation room', 1, 9);

-- 议事平台.
CREATE TABLE platforms (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    brand_name      TEXT,
    type_code       TEXT NOT NULL REFERENCES platform_types(code),
    area_id         INTEGER NOT NULL REFERENCES areas(id),
    convener        TEXT,
    address         TEXT,
    description     TEXT,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    star_rating     INTEGER CHECK (star_rating IS NULL OR star_rating BETWEEN 1 AND 5),
    -- 建成日期: "new platforms" in a year count these.
    established_on  TEXT NOT NULL,
    deactivated_on  TEXT,
    created_at      TEXT NOT NULL,
    CHECK ((status = 'inactive') = (deactivated_on IS NOT NULL))
);
CREATE INDEX platforms_area ON platforms(area_id);

-- A platform that moves keeps its history: past sessions keep the area they were held in
-- (sessions.area_id) and this table says where the platform stood on any date.
CREATE TABLE platform_moves (
    id            INTEGER PRIMARY KEY,
    platform_id   INTEGER NOT NULL REFERENCES platforms(id),
    from_area_id  INTEGER NOT NULL REFERENCES areas(id),
    to_area_id    INTEGER NOT NULL REFERENCES areas(id),
    moved_on      TEXT NOT NULL,
    moved_by      INTEGER REFERENCES users(id),
    reason        TEXT,
    CHECK (from_area_id <> to_area_id)
);
CREATE INDEX platform_moves_platform ON platform_moves(platform_id);

-- Accounts: staff, organizers and members. Residents never have one.
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 3 AND 64),
    display_name   TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    password_hash  TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT NOT NULL
);

-- What a user may do, and where: staff over an area subtree, organizers over a platform,
-- administrators over accounts. One user may hold several grants.
CREATE TABLE user_roles (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'organizer')),
    area_id      INTEGER REFERENCES areas(id),
    platform_id  INTEGER REFERENCES platforms(id),
    CHECK (
        (role = 'admin' AND area_id IS NULL AND platform_id IS NULL) OR
        (role = 'staff' AND area_id IS NOT NULL AND platform_id IS NULL) OR
        (role = 'organizer' AND platform_id IS NOT NULL AND area_id IS NULL)
    )
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles(user_id, role, ifnull(area_id, 0), ifnull(platform_id, 0));
CREATE INDEX user_roles_platform ON user_roles(platform_id);

-- 委员 profile.
CREATE TABLE member_profiles (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    level      TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'city', 'county')),
    sector     TEXT NOT NULL CHECK (length(trim(sector)) > 0),   -- 界别
    committee  TEXT                                              -- 专委会
);

-- Server-side login sessions. Only a hash of the cookie's token is stored, so a copy of the
-- database does not hand out logins.
CREATE TABLE auth_sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX auth_sessions_user ON auth_sessions(user_id);

-- 议题分类: configurable.
CREATE TABLE topic_categories (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z_]*'),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    sort_order  INTEGER NOT NULL DEFAULT 100
);
INSERT INTO topic_categories (code, name_zh, name_en, sort_order) VALUES
    ('economy', '经济发展', 'Economic development', 1),
    ('urban_rural', '城乡建设', 'Urban and rural construction', 2),
    ('welfare', '民生保障', 'Livelihood and welfare', 3),
    ('governance', '社会治理', 'Social governance', 4),
    ('environment', '生态环境', 'Environment', 5),
    ('rural_revival', '乡村振兴', 'Rural revitalisation', 6),
    ('culture_tourism', '文化旅游', 'Culture and tourism', 7),
    ('other', '其他', 'Other', 99);

-- 议题.
CREATE TABLE topics (
    id                INTEGER PRIMARY KEY,
    platform_id       INTEGER NOT NULL REFERENCES platforms(id),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description       TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL CHECK (source IN ('party_government', 'member', 'resident', 'department', 'transfer')),
    category_code     TEXT NOT NULL REFERENCES topic_categories(code),
    channel           TEXT NOT NULL CHECK (channel IN ('qr_code', 'web', 'meeting', 'hotline', 'letter', 'other')),
    proposer_name     TEXT,
    proposer_mobile   TEXT,
    proposer_user_id  INTEGER REFERENCES users(id),
    photo_id          INTEGER REFERENCES attachments(id),
    status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'merged', 'declined', 'consulted')),
    merged_into_id    INTEGER REFERENCES topics(id),
    reply             TEXT,
    submitted_at      TEXT NOT NULL,
    reviewed_at       TEXT,
    reviewed_by       INTEGER REFERENCES users(id),
    CHECK ((status = 'merged') = (merged_into_id IS NOT NULL)),
    CHECK (status <> 'declined' OR reply IS NOT NULL)
);
CREATE INDEX topics_platform ON topics(platform_id, submitted_at);
CREATE INDEX topics_submitted ON topics(submitted_at);

-- 协商活动. A session is counted once, at its host platform, in the area the platform stood in
-- when the session was held (area_id, a snapshot kept through platform moves).
CREATE TABLE sessions (
    id                 INTEGER PRIMARY KEY,
    host_platform_id   INTEGER NOT NULL REFERENCES platforms(id),
    area_id            INTEGER NOT NULL REFERENCES areas(id),
    title              TEXT NOT NULL CHECK (length(trim(title)) > 0),
    summary            TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL CHECK (kind IN (
                           'council', 'livelihood', 'sector', 'proposal', 'counterpart',
                           'policy_briefing', 'tech_service', 'listening', 'inspection', 'volunteer')),
    format             TEXT NOT NULL CHECK (format IN ('onsite', 'online', 'hybrid')),
    format_local_name  TEXT,            -- 院坝协商, 广场协商, 流动协商 …
    place              TEXT NOT NULL DEFAULT '',
    starts_at          TEXT NOT NULL,
    ends_at            TEXT NOT NULL,
    seats              INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 10000),
    signup_deadline    TEXT NOT NULL,
    checkin_opens_at   TEXT NOT NULL,
    checkin_closes_at  TEXT NOT NULL,
    -- Who may sign up: anyone, or only the roles listed in session_roles.
    audience           TEXT NOT NULL DEFAULT 'public' CHECK (audience IN ('public', 'invited_roles')),
    status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN (
                           'draft', 'published', 'held', 'concluded', 'closed', 'reviewed', 'cancelled')),
    cancel_reason      TEXT,
    created_by         INTEGER REFERENCES users(id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (signup_deadline <= starts_at),
    CHECK (checkin_closes_at > checkin_opens_at),
    CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
);
CREATE INDEX sessions_platform ON sessions(host_platform_id, starts_at);
CREATE INDEX sessions_area_start ON sessions(area_id, starts_at);
CREATE INDEX sessions_start ON sessions(starts_at);

CREATE TABLE session_coorganizers (
    session_id   INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    platform_id  INTEGER NOT NULL REFERENCES platforms(id),
    PRIMARY KEY (session_id, platform_id)
);
CREATE INDEX session_coorganizers_platform ON session_coorganizers(platform_id);

CREATE TRIGGER coorganizer_is_not_host BEFORE INSERT ON session_coorganizers
WHEN NEW.platform_id = (SELECT host_platform_id FROM sessions WHERE id = NEW.session_id)
BEGIN
    SELECT RAISE(ABORT, 'the host platform cannot also be a co-organizer');
END;

CREATE TABLE session_topics (
    session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    topic_id    INTEGER NOT NULL REFERENCES topics(id),
    PRIMARY KEY (session_id, topic_id)
);
CREATE INDEX session_topics_topic ON session_topics(topic_id);

-- The roles a session with audience 'invited_roles' accepts.
CREATE TABLE session_roles (
    session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN (
                    'resident', 'stakeholder', 'member', 'department_head', 'expert', 'npc_deputy',
                    'village_cadre', 'enterprise', 'host', 'recorder')),
    PRIMARY KEY (session_id, role)
);

-- 报名 and 签到 in one row: a registration becomes an attendance record at check-in;
-- a walk-in is a row created already attended.
CREATE TABLE registrations (
    id               INTEGER PRIMARY KEY,
    session_id       INTEGER NOT NULL REFERENCES sessions(id),
    code             TEXT NOT NULL UNIQUE CHECK (length(code) = 8),
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- NULL for a walk-in who gave none, and after the retention period has erased it.
    mobile           TEXT CHECK (mobile IS NULL OR (length(mobile) = 11 AND mobile GLOB '1[3-9][0-9]*' AND mobile NOT GLOB '*[^0-9]*')),
    role             TEXT NOT NULL CHECK (role IN (
                         'resident', 'stakeholder', 'member', 'department_head', 'expert', 'npc_deputy',
                         'village_cadre', 'enterprise', 'host', 'recorder')),
    member_user_id   INTEGER REFERENCES users(id),
    -- The member's level when they took part, kept so later profile changes do not rewrite history.
    member_level     TEXT CHECK (member_level IS NULL OR member_level IN ('national', 'provincial', 'city', 'county')),
    state            TEXT NOT NULL CHECK (state IN ('registered', 'waitlisted', 'cancelled', 'attended', 'absent', 'leave')),
    leave_reason     TEXT,
    walk_in          INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    checked_in_at    TEXT,
    checkin_method   TEXT CHECK (checkin_method IS NULL OR checkin_method IN ('code', 'qr', 'hand', 'walk_in')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((role = 'member') = (member_level IS NOT NULL)),
    CHECK ((state = 'attended') = (checked_in_at IS NOT NULL AND checkin_method IS NOT NULL)),
    CHECK (state <> 'leave' OR leave_reason IS NOT NULL),
    CHECK (walk_in = 0 OR (state = 'attended' AND checkin_method = 'walk_in'))
);
-- One mobile number, one registration per session: a second sign-up gets the first one back.
CREATE UNIQUE INDEX registrations_one_per_mobile ON registrations(session_id, mobile) WHERE mobile IS NOT NULL;
CREATE INDEX registrations_session_state ON registrations(session_id, state);
CREATE INDEX registrations_member ON registrations(member_user_id) WHERE member_user_id IS NOT NULL;

-- 附件: photos and files of minutes and topics, stored outside the database under a random key.
CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER REFERENCES sessions(id),
    kind          TEXT NOT NULL CHECK (kind IN ('photo', 'file')),
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size_bytes    INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
    storage_key   TEXT NOT NULL UNIQUE,
    uploaded_by   INTEGER REFERENCES users(id),
    uploaded_at   TEXT NOT NULL
);

-- 协商议事记录. Attendance is never typed here: it is counted from the check-ins.
CREATE TABLE minutes (
    session_id       INTEGER PRIMARY KEY REFERENCES sessions(id),
    agenda           TEXT NOT NULL DEFAULT '',
    key_points       TEXT NOT NULL DEFAULT '',
    consensus        TEXT NOT NULL DEFAULT '',
    disagreements    TEXT NOT NULL DEFAULT '',
    vote_subject     TEXT,
    votes_for        INTEGER CHECK (votes_for IS NULL OR votes_for >= 0),
    votes_against    INTEGER CHECK (votes_against IS NULL OR votes_against >= 0),
    votes_abstain    INTEGER CHECK (votes_abstain IS NULL OR votes_abstain >= 0),
    recorded_by      INTEGER REFERENCES users(id),
    recorded_at      TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((vote_subject IS NULL) = (votes_for IS NULL) AND (votes_for IS NULL) = (votes_against IS NULL)
           AND (votes_for IS NULL) = (votes_abstain IS NULL))
);

-- 协商成果 / 意见建议: one row per suggestion.
CREATE TABLE outcomes (
    id                INTEGER PRIMARY KEY,
    session_id        INTEGER NOT NULL REFERENCES sessions(id),
    text              TEXT NOT NULL CHECK (length(trim(text)) > 0),
    form              TEXT NOT NULL CHECK (form IN ('consensus', 'report', 'motion', 'to_proposal', 'to_opinion')),
    proposer_user_id  INTEGER REFERENCES users(id),
    lead_department   TEXT,
    deadline          TEXT,
    handling_status   TEXT NOT NULL DEFAULT 'submitted' CHECK (handling_status IN ('submitted', 'assigned', 'in_progress', 'completed')),
    result_class      TEXT CHECK (result_class IS NULL OR result_class IN ('A', 'B', 'C', 'D')),
    adoption          TEXT CHECK (adoption IS NULL OR adoption IN ('adopted', 'partly_adopted', 'not_adopted')),
    conversion        TEXT CHECK (conversion IS NULL OR conversion IN ('decision', 'livelihood_project', 'leader_instruction', 'proposal')),
    feedback_on       TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX outcomes_session ON outcomes(session_id);

CREATE TABLE outcome_helpers (
    outcome_id  INTEGER NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    department  TEXT NOT NULL CHECK (length(trim(department)) > 0),
    PRIMARY KEY (outcome_id, department)
);

-- 问题: what "助力解决问题X个" counts, by resolution date.
CREATE TABLE problems (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES sessions(id),
    outcome_id    INTEGER REFERENCES outcomes(id),
    description   TEXT NOT NULL CHECK (length(trim(description)) > 0),
    raised_on     TEXT NOT NULL,
    resolved_on   TEXT,
    evidence      TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (resolved_on IS NULL OR resolved_on >= raised_on),
    CHECK (resolved_on IS NULL OR (evidence IS NOT NULL AND length(trim(evidence)) > 0))
);
CREATE INDEX problems_session ON problems(session_id);
CREATE INDEX problems_resolved ON problems(resolved_on) WHERE resolved_on IS NOT NULL;

-- 回头看.
CREATE TABLE reviews (
    id             INTEGER PRIMARY KEY,
    session_id     INTEGER NOT NULL REFERENCES sessions(id),
    outcome_id     INTEGER REFERENCES outcomes(id),
    reviewed_on    TEXT NOT NULL,
    reviewer_kind  TEXT NOT NULL CHECK (reviewer_kind IN ('resident', 'member', 'third_party')),
    findings       TEXT NOT NULL DEFAULT '',
    created_by     INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL
);
CREATE INDEX reviews_session ON reviews(session_id);
CREATE INDEX reviews_on ON reviews(reviewed_on);

-- 评价: at most one rating per registration.
CREATE TABLE ratings (
    id               INTEGER PRIMARY KEY,
    registration_id  INTEGER NOT NULL UNIQUE REFERENCES registrations(id),
    satisfaction     TEXT NOT NULL CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
    comment          TEXT,
    rated_at         TEXT NOT NULL
);

-- Who changed what, when, with the record before and after (JSON).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    entity      TEXT NOT NULL CHECK (entity IN (
                    'area', 'platform', 'user', 'topic', 'session', 'registration',
                    'minutes', 'outcome', 'problem', 'review')),
    entity_id   INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'move', 'deactivate', 'activate')),
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
