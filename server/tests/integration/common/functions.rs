//! Every server function with the arguments that reach platform A's records, who may call it,
//! and a world to call it in: the authorization matrix checks the roles, the hostile-input
//! test mutates the arguments.

use super::{Answer, Browser, TestApp};
use app::i18n::T;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Anonymous,
    /// No account, but holds the codes of their own registrations and topic.
    Resident,
    Member,
    OrganizerA,
    OrganizerB,
    DistrictStaff,
    CityStaff,
}

pub use Role::*;

pub const ROLES: [Role; 7] = [
    Anonymous,
    Resident,
    Member,
    OrganizerA,
    OrganizerB,
    DistrictStaff,
    CityStaff,
];
pub const ANYONE: &[Role] = &ROLES;
pub const HOLDER: &[Role] = &[Resident];
pub const SIGNED_IN: &[Role] = &[Member, OrganizerA, OrganizerB, DistrictStaff, CityStaff];
pub const WORKERS: &[Role] = &[OrganizerA, OrganizerB, DistrictStaff, CityStaff];
pub const EDITS_A: &[Role] = &[OrganizerA, DistrictStaff, CityStaff];
pub const STAFF: &[Role] = &[DistrictStaff, CityStaff];
pub const CITY: &[Role] = &[CityStaff];

/// How a function is called.
#[derive(Clone, Copy)]
pub enum Call {
    /// A form post, answered with a redirect.
    Form,
    /// A form post with a file.
    Upload,
    /// A call for data, answered with a status.
    Data,
}

/// Ids and codes of the world a function is tried in.
pub struct Fixture {
    pub future: i64,
    pub past: i64,
    pub topic: i64,
    pub outcome: i64,
    pub problem: i64,
    pub member: i64,
    pub organizer_a: i64,
    /// A clean ledger uploaded by organizer A, not yet imported.
    pub ledger_upload: i64,
    /// The future session's confirmation message, given up.
    pub stuck_message: i64,
    /// A department of district A.
    pub department: i64,
    pub registration_code: String,
    pub attended_code: String,
    pub topic_code: String,
    pub district_a: i64,
    pub district_b: i64,
    pub township_a: i64,
    pub platform_a: i64,
}

/// A code of the right shape that nobody was given.
pub const GUESS: &str = "AAAAAAAA";

impl Fixture {
    /// The resident's code; anyone else only guesses.
    fn code<'a>(&'a self, role: Role, code: &'a str) -> &'a str {
        if role == Resident {
            code
        } else {
            GUESS
        }
    }
}

pub type Args = Vec<(&'static str, String)>;

pub struct Row {
    pub endpoint: &'static str,
    pub call: Call,
    pub allowed: &'static [Role],
    pub args: fn(&Fixture, Role) -> Args,
}

fn row(
    endpoint: &'static str,
    call: Call,
    allowed: &'static [Role],
    args: fn(&Fixture, Role) -> Args,
) -> Row {
    Row {
        endpoint,
        call,
        allowed,
        args,
    }
}

fn none(_: &Fixture, _: Role) -> Args {
    Vec::new()
}

fn s(v: impl ToString) -> String {
    v.to_string()
}

fn day(offset: i64) -> String {
    (store::clock::now_local() + chrono::TimeDelta::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

fn minute(offset_days: i64, hour: u32) -> String {
    format!("{}T{hour:02}:00", day(offset_days))
}

pub fn rows() -> Vec<Row> {
    use Call::*;
    vec![
        // Accounts
        row("auth/login", Form, ANYONE, |_, _| {
            vec![
                ("username", s("city")),
                ("password", s(super::PASSWORD)),
                ("next", s("")),
            ]
        }),
        row("auth/logout", Form, ANYONE, none),
        row("auth/me", Data, ANYONE, none),
        row("auth/change-password", Form, SIGNED_IN, |_, _| {
            vec![
                ("current", s(super::PASSWORD)),
                ("new_password", s("a new long passphrase")),
                ("confirm", s("a new long passphrase")),
            ]
        }),
        row("auth/notice-mobile", Data, SIGNED_IN, none),
        row("auth/set-notice-mobile", Form, SIGNED_IN, |_, _| {
            vec![("mobile", s("13900002222"))]
        }),
        row("users/list", Data, STAFF, none),
        row("users/create", Form, STAFF, |f, _| {
            vec![
                ("username", s("new_organizer")),
                ("display_name", s("新召集人")),
                ("kind", s("organizer")),
                ("platform_id", s(f.platform_a)),
            ]
        }),
        row("users/reset-password", Form, STAFF, |f, _| {
            vec![("id", s(f.organizer_a))]
        }),
        row("users/set-active", Form, STAFF, |f, _| {
            vec![("id", s(f.organizer_a)), ("active", s("0"))]
        }),
        // Areas
        row("areas/public", Data, ANYONE, |f, _| {
            vec![("id", s(f.district_a))]
        }),
        row("areas/manage", Data, STAFF, |f, _| {
            vec![("id", s(f.district_a))]
        }),
        row("areas/create", Form, STAFF, |f, _| {
            vec![
                ("parent_id", s(f.district_a)),
                ("name", s("丙街道")),
                ("code", s("")),
            ]
        }),
        row("areas/update", Form, STAFF, |f, _| {
            vec![
                ("id", s(f.township_a)),
                ("name", s("甲街道（新）")),
                ("code", s("")),
            ]
        }),
        row("areas/set-active", Form, STAFF, |f, _| {
            vec![("id", s(f.township_a)), ("active", s("0"))]
        }),
        row("areas/save-department", Form, STAFF, |f, _| {
            vec![
                ("area_id", s(f.district_a)),
                ("name", s("区城管局")),
                ("contact_name", s("王科长")),
                ("contact_mobile", s("13900001111")),
            ]
        }),
        row("areas/set-department-active", Form, STAFF, |f, _| {
            vec![
                ("area_id", s(f.district_a)),
                ("id", s(f.department)),
                ("active", s("0")),
            ]
        }),
        // Platforms
        row("platforms/public", Data, ANYONE, |f, _| {
            vec![("id", s(f.platform_a))]
        }),
        row("platforms/manage-list", Data, STAFF, |f, _| {
            vec![("area", s(f.district_a))]
        }),
        row("platforms/edit-view", Data, EDITS_A, |f, _| {
            vec![("id", s(f.platform_a))]
        }),
        row("platforms/create", Form, STAFF, |f, _| {
            vec![
                ("area_id", s(f.township_a)),
                ("name", s("新议事室")),
                ("type_code", s("consultation_room")),
            ]
        }),
        row("platforms/update", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.platform_a)),
                ("name", s("甲街道协商议事室")),
                ("type_code", s("consultation_room")),
            ]
        }),
        row("platforms/set-status", Form, STAFF, |f, _| {
            vec![("id", s(f.platform_a)), ("status", s("inactive"))]
        }),
        row("platforms/move", Form, CITY, |f, _| {
            vec![
                ("id", s(f.platform_a)),
                ("to_area_id", s(f.district_b)),
                ("reason", s("区划调整")),
            ]
        }),
        // Sessions, public side
        row("sessions/public-list", Data, ANYONE, none),
        row("sessions/public", Data, ANYONE, |f, _| {
            vec![("id", s(f.future))]
        }),
        row("sessions/sign-up", Form, ANYONE, |f, _| {
            vec![
                ("session_id", s(f.future)),
                ("name", s("李四")),
                ("mobile", s("13700001111")),
                ("consent", s("yes")),
            ]
        }),
        row("registrations/view", Data, HOLDER, |f, r| {
            vec![("code", s(f.code(r, &f.registration_code)))]
        }),
        row("manage-sessions/check-in-link", Data, HOLDER, |f, r| {
            vec![("code", s(f.code(r, &f.registration_code)))]
        }),
        row("registrations/cancel", Form, HOLDER, |f, r| {
            vec![("code", s(f.code(r, &f.registration_code)))]
        }),
        // 查询我的报名: anyone may ask; what is shown needs the phone or the code.
        row("lookup/view", Data, ANYONE, none),
        row("lookup/send", Form, ANYONE, |_, _| {
            vec![("mobile", s("13700001111"))]
        }),
        row("lookup/prove", Form, ANYONE, |_, _| {
            vec![("code", s("123456"))]
        }),
        row("lookup/forget", Form, ANYONE, none),
        row("results/view", Data, ANYONE, |f, _| vec![("id", s(f.past))]),
        row("results/rate", Form, HOLDER, |f, r| {
            vec![
                ("code", s(f.code(r, &f.attended_code))),
                ("satisfaction", s("satisfied")),
            ]
        }),
        // A member's own record, and the staff who follow members' work.
        row(
            "members/record",
            Data,
            &[Member, DistrictStaff, CityStaff],
            |f, _| vec![("id", s(f.member))],
        ),
        // Sessions, organizing
        row("manage-sessions/list", Data, WORKERS, none),
        row("manage-sessions/todo", Data, WORKERS, none),
        row("manage-sessions/edit-view", Data, EDITS_A, |f, _| {
            vec![("id", s(f.future))]
        }),
        row("manage-sessions/save", Form, EDITS_A, |f, _| {
            vec![
                ("platform_id", s(f.platform_a)),
                ("title", s("背街小巷停车协商")),
                ("kind", s("council")),
                ("format", s("onsite")),
                ("place", s("社区议事厅")),
                ("starts_at", minute(9, 9)),
                ("ends_at", minute(9, 11)),
                ("seats", s("30")),
                ("signup_deadline", minute(8, 18)),
                ("checkin_lead", s("30")),
            ]
        }),
        row("manage-sessions/record-held", Form, EDITS_A, |f, _| {
            vec![
                ("platform_id", s(f.platform_a)),
                ("title", s("院坝协商：垃圾分类点位")),
                ("kind", s("council")),
                ("format", s("onsite")),
                ("place", s("三组院坝")),
                ("starts_at", minute(-3, 9)),
                ("ends_at", minute(-3, 11)),
                ("roster", s("张三 居民 13800138001\n王五")),
            ]
        }),
        row("manage-sessions/publish", Form, EDITS_A, |f, _| {
            vec![("id", s(f.future))]
        }),
        row("manage-sessions/postpone", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.future)),
                ("new_starts_at", minute(12, 9)),
                ("new_ends_at", minute(12, 11)),
                ("postpone_reason", s("场地检修")),
            ]
        }),
        row("manage-sessions/cancel", Form, EDITS_A, |f, _| {
            vec![("id", s(f.future)), ("reason", s("议题已解决"))]
        }),
        row("manage-sessions/check-in", Form, EDITS_A, |f, _| {
            vec![("id", s(f.future)), ("code", f.registration_code.clone())]
        }),
        row(
            "manage-sessions/clear-registration",
            Form,
            EDITS_A,
            |f, _| vec![("id", s(f.future)), ("code", f.registration_code.clone())],
        ),
        row("manage-sessions/mark-absence", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.future)),
                ("code", f.registration_code.clone()),
                ("absence", s("leave")),
                ("leave_reason", s("出差")),
            ]
        }),
        row("manage-sessions/walk-in", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.future)),
                ("walk_in_name", s("王五")),
                ("walk_in_role", s("resident")),
            ]
        }),
        row("manage-sessions/scan", Data, EDITS_A, |f, _| {
            vec![
                ("id", s(f.future)),
                ("code", f.registration_code.clone()),
                ("key", s("desk-1-0123456789abcdef")),
                ("at", s("0")),
            ]
        }),
        row("manage-sessions/undo-check-in", Form, EDITS_A, |f, _| {
            vec![("id", s(f.future)), ("code", s(&f.registration_code))]
        }),
        row("manage-sessions/retry-message", Form, EDITS_A, |f, _| {
            vec![("id", s(f.future)), ("message", s(f.stuck_message))]
        }),
        row("manage-sessions/members-found", Data, EDITS_A, |f, _| {
            vec![("id", s(f.past)), ("q", s("member"))]
        }),
        row("manage-sessions/member-check-in", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.past)),
                ("member", s(f.member)),
                ("back", s("closing")),
            ]
        }),
        // Ledgers
        row("ledger/upload", Upload, WORKERS, |_, _| vec![]),
        row("ledger/preview", Data, &[OrganizerA], |f, _| {
            vec![("id", s(f.ledger_upload))]
        }),
        row("ledger/import", Form, &[OrganizerA], |f, _| {
            vec![("id", s(f.ledger_upload))]
        }),
        row("ledger/list", Data, WORKERS, none),
        row("printouts/sign-in-sheet", Data, EDITS_A, |f, _| {
            vec![("id", s(f.future))]
        }),
        row("printouts/session-poster", Data, ANYONE, |f, _| {
            vec![("id", s(f.future))]
        }),
        row("printouts/platform-poster", Data, ANYONE, |f, _| {
            vec![("id", s(f.platform_a))]
        }),
        // Closing the loop
        row("closing/view", Data, EDITS_A, |f, _| {
            vec![("id", s(f.past))]
        }),
        row("closing/overdue", Data, WORKERS, none),
        row("closing/minutes", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.past)),
                ("agenda", s("一、通报方案")),
                ("key_points", s("采光")),
                ("consensus", s("同意加装")),
            ]
        }),
        row("closing/add-outcome", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.past)),
                ("text", s("增设非机动车棚")),
                ("form", s("consensus")),
                ("lead_department", s("街道办")),
                ("deadline", day(30)),
            ]
        }),
        row("closing/update-outcome", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.past)),
                ("row", s(f.outcome)),
                ("handling_status", s("in_progress")),
                ("lead_department", s("街道办")),
            ]
        }),
        row("closing/add-problem", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.past)),
                ("description", s("路灯不亮")),
                ("problem_outcome", s(f.outcome)),
            ]
        }),
        row("closing/resolve-problem", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.past)),
                ("row", s(f.problem)),
                ("resolved_on", day(0)),
                ("evidence", s("已更换灯泡")),
            ]
        }),
        row("closing/add-review", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.past)),
                ("reviewed_on", day(0)),
                ("reviewer_kind", s("resident")),
                ("findings", s("已落实")),
                ("review_outcome", s("satisfied")),
            ]
        }),
        row("closing/attach", Upload, EDITS_A, |f, _| {
            vec![("id", s(f.past)), ("kind", s("photo"))]
        }),
        row("closing/audit", Data, EDITS_A, |f, _| {
            vec![("id", s(f.past))]
        }),
        row("closing/sign-in-sheet", Upload, EDITS_A, |f, _| {
            vec![("id", s(f.past))]
        }),
        // Topics
        row("topics/propose-form", Data, ANYONE, |f, _| {
            vec![("platform", s(f.platform_a))]
        }),
        row("topics/propose", Form, ANYONE, |f, _| {
            vec![
                ("platform_id", s(f.platform_a)),
                ("title", s("路灯维修")),
                ("description", s("小区门口路灯坏了两个月")),
                ("category", s("urban_rural")),
                ("proposer_name", s("赵六")),
                ("proposer_mobile", s("13800138000")),
                ("consent", s("yes")),
            ]
        }),
        row("topics/receipt", Data, HOLDER, |f, r| {
            vec![("code", s(f.code(r, &f.topic_code)))]
        }),
        row("topics/photo", Upload, HOLDER, |f, r| {
            vec![("code", s(f.code(r, &f.topic_code)))]
        }),
        row("topics/manage-list", Data, WORKERS, |_, _| {
            vec![("all", s("false"))]
        }),
        row("topics/manage-view", Data, EDITS_A, |f, _| {
            vec![("id", s(f.topic))]
        }),
        row("topics/review", Form, EDITS_A, |f, _| {
            vec![
                ("id", s(f.topic)),
                ("decision", s("accept")),
                ("reply", s("已立项")),
            ]
        }),
        // Figures
        row("tallies/view", Data, STAFF, |f, _| {
            vec![("params[area]", s(f.district_a))]
        }),
        row("tallies/records", Data, STAFF, |f, _| {
            vec![
                ("params[area]", s(f.district_a)),
                ("params[drill]", s("consultations")),
            ]
        }),
        row("closing/area-audit", Data, STAFF, |f, _| {
            vec![("params[area]", s(f.district_a))]
        }),
        row("members/totals", Data, STAFF, |f, _| {
            vec![("params[area]", s(f.district_a))]
        }),
        row("tallies/uncovered", Data, STAFF, |f, _| {
            vec![("params[area]", s(f.district_a)), ("level", s("township"))]
        }),
        row("published/list", Data, ANYONE, none),
        row("published/confirm", Data, STAFF, |f, _| {
            vec![("area", s(f.district_a))]
        }),
        row("published/publish", Form, STAFF, |f, _| {
            vec![("area", s(f.district_a)), ("year", s("2026"))]
        }),
        row("published/withdraw", Form, STAFF, |f, _| {
            vec![("area", s(f.district_a)), ("year", s("2026"))]
        }),
        row("closed-years/close", Form, STAFF, |f, _| {
            vec![("area", s(f.district_a)), ("year", s("2025"))]
        }),
        row("closed-years/reopen", Form, STAFF, |f, _| {
            vec![
                ("area", s(f.district_a)),
                ("year", s("2025")),
                ("reason", s("补报一场活动")),
            ]
        }),
    ]
}

pub async fn fixture(app: &TestApp, resident: &Browser) -> Fixture {
    let future = app.session(10, 5).await;
    let past = app.session(10, -2).await;
    let code_of = |answer: Answer| {
        let to = answer.location().expect("a redirect");
        to.split(['?', '#'])
            .next()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned()
    };
    let registration_code = code_of(resident.sign_up(future, "张三", "13812345678").await);
    app.exec(&format!(
        "INSERT INTO registrations (session_id, code, name, mobile, role, state, checked_in_at, checkin_method, created_at, updated_at)
         VALUES ({past}, 'ATTENDXY', '张三', '13812345678', 'resident', 'attended', '2026-01-01 09:00:00', 'code', '2026-01-01 08:00:00', '2026-01-01 09:00:00')"
    ))
    .await;
    let topic = resident
        .post_form(
            "/propose",
            "/api/topics/propose",
            &[
                ("platform_id", &app.world.platform_a.to_string()),
                ("title", "垃圾分类点位"),
                ("description", "分类点离楼太近"),
                ("category", "urban_rural"),
                ("proposer_name", "张三"),
                ("proposer_mobile", "13812345678"),
                ("consent", "yes"),
            ],
        )
        .await;
    let topic_code = code_of(topic);
    let organizer = app.signed_in("organizer_a").await;
    let past_id = past.to_string();
    organizer
        .post_form(
            "/manage",
            "/api/closing/add-outcome",
            &[
                ("id", &past_id),
                ("text", "由街道办牵头整改"),
                ("form", "consensus"),
                ("lead_department", "街道办"),
                ("deadline", &day(30)),
            ],
        )
        .await;
    let outcome = app.scalar("SELECT max(id) FROM outcomes").await;
    organizer
        .post_form(
            "/manage",
            "/api/closing/add-problem",
            &[
                ("id", &past_id),
                ("description", "门口积水"),
                ("problem_outcome", &outcome.to_string()),
            ],
        )
        .await;
    let problem = app.scalar("SELECT max(id) FROM problems").await;
    let organizer_a = app
        .scalar("SELECT id FROM users WHERE username = 'organizer_a'")
        .await;
    let held = store::clock::now_local() - chrono::TimeDelta::days(1);
    let ledger = format!(
        "活动编号,议事平台,活动名称,活动类型,地点,开始时间,居民人数\nF-1,{},矩阵测试,民生议事,活动室,{},3\n",
        app.world.platform_a,
        held.format("%Y-%m-%d %H:%M")
    );
    let ledger_upload = store::ledger::imports::upload(
        &app.state.db,
        organizer_a,
        "台账.csv",
        ledger.as_bytes(),
        store::clock::now_local(),
    )
    .await
    .unwrap();
    app.exec(&format!(
        "UPDATE messages SET state = 'given_up', attempts = 6, last_error = '429'
         WHERE session_id = {future} AND kind = 'confirmation'"
    ))
    .await;
    let stuck_message = app
        .scalar(&format!(
            "SELECT id FROM messages WHERE session_id = {future} AND kind = 'confirmation'"
        ))
        .await;
    app.exec(&format!(
        "INSERT INTO departments (area_id, name, created_at, updated_at)
         VALUES ({}, '区住建局', datetime('now'), datetime('now'))",
        app.world.district_a
    ))
    .await;
    let department = app
        .scalar("SELECT id FROM departments WHERE name = '区住建局'")
        .await;
    Fixture {
        department,
        stuck_message,
        future,
        past,
        topic: app.scalar("SELECT max(id) FROM topics").await,
        outcome,
        problem,
        member: app
            .scalar("SELECT id FROM users WHERE username = 'member'")
            .await,
        organizer_a,
        ledger_upload,
        registration_code,
        attended_code: "ATTENDXY".to_owned(),
        topic_code,
        district_a: app.world.district_a,
        district_b: app.world.district_b,
        township_a: app.world.township_a,
        platform_a: app.world.platform_a,
    }
}

/// What became of one call.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    Refused,
}

/// What a form post left for the page it redirected to (`?f=` token): errors, alert, notice.
pub fn flash_of(app: &TestApp, to: &str) -> Option<app::forms::FormState> {
    let (_, token) = to.split_once("f=")?;
    app.state
        .flash
        .get(token.split(['&', '#']).next().unwrap_or_default())
}

pub fn judge(app: &TestApp, call: Call, answer: &Answer) -> Result<Verdict, String> {
    let status = answer.status.as_u16();
    match call {
        Call::Data => match status {
            200 => Ok(Verdict::Allowed),
            401 | 403 | 404 => Ok(Verdict::Refused),
            _ => Err(format!("{status}: {}", answer.body)),
        },
        Call::Form | Call::Upload => {
            let Some(to) = answer.location() else {
                return Err(format!("no redirect: {status} {}", answer.body));
            };
            if to.starts_with("/login?") {
                return Ok(Verdict::Refused);
            }
            match flash_of(app, &to).and_then(|s| s.alert) {
                Some(T::NotAllowed | T::NotFoundText) => Ok(Verdict::Refused),
                Some(other) => Err(format!("alert {other:?} → {to}")),
                None => Ok(Verdict::Allowed),
            }
        }
    }
}

pub async fn call(b: &Browser, row: &Row, args: &Args) -> Answer {
    let action = format!("/api/{}", row.endpoint);
    let fields: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    match row.call {
        Call::Form => b.post_form("/manage", &action, &fields).await,
        Call::Upload => {
            b.post_file(
                "/manage",
                &action,
                &fields,
                ("现场.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec()),
            )
            .await
        }
        Call::Data => {
            let body = serde_urlencoded(&fields);
            b.post_raw(
                &action,
                &[
                    ("content-type", "application/x-www-form-urlencoded"),
                    ("accept", "application/json"),
                    ("origin", b.origin()),
                ],
                body,
            )
            .await
        }
    }
}

fn serde_urlencoded(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                app::url::encode_component(k),
                app::url::encode_component(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Counts commits by anyone: SQLite changes `data_version` on this connection whenever another
/// connection commits.
pub async fn data_version(conn: &mut sqlx::SqliteConnection) -> i64 {
    sqlx::query_scalar("PRAGMA data_version")
        .fetch_one(conn)
        .await
        .unwrap()
}
