//! The yearly figures against a brute-force recount of the raw rows, on generated worlds with
//! cancellations, service activities, co-organized sessions, problems resolved in other years,
//! a platform that moved and one that closed, sessions recorded afterwards (补录) and imported
//! from a ledger, and members checked in by organizers; every parent area's figures equal its own plus
//! the sum of its children's; every breakdown adds up to its figure and every number's list
//! of records is exactly that long.

use std::collections::HashMap;

use app::domain::{Dimension, Drill, Period};
use chrono::{NaiveDate, NaiveDateTime};
use server::{config::Config, demo};
use store::repo::tallies::{self, Figures, Scope};

use crate::common;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
}

/// A small world: one city, three districts, a few townships and villages, two years.
fn plan() -> demo::Plan {
    demo::Plan {
        cities: 1,
        districts_per_city: 3,
        townships_per_district: 2,
        min_villages_per_township: 2,
        platforms_per_city: 24,
        years: 2,
        consultations_per_platform_year: 4.0,
        services_per_platform_year: 2.0,
        members_per_city: 12,
    }
}

async fn world(seed: u64) -> (app::web::AppState, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("yst-tally-{}", store::auth::random_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = Config {
        readers: 2,
        ..Config::in_folder(&dir)
    };
    let (state, _) = server::open_state(&config).await.unwrap();
    demo::generate(&state.db, plan(), seed, now())
        .await
        .unwrap();
    (state, dir)
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    path: String,
    kind: String,
    status: String,
    starts_at: NaiveDateTime,
}

/// Every row the figures are made of, read plainly, so that any scope's figures are a filter
/// and a count in Rust.
struct Raw {
    sessions: HashMap<i64, SessionRow>,
    /// (session, is a member) per attendance.
    attendance: Vec<(i64, bool)>,
    /// (session, adoption) per suggestion.
    outcomes: Vec<(i64, Option<String>)>,
    /// (session, raised, resolved) per problem.
    problems: Vec<(i64, NaiveDate, Option<NaiveDate>)>,
    /// (session, satisfaction) per rating.
    ratings: Vec<(i64, String)>,
    /// (session, visited) per follow-up.
    reviews: Vec<(i64, NaiveDate)>,
    /// (platform, submitted, status) per topic.
    topics: Vec<(i64, NaiveDateTime, String)>,
    /// (platform, area path today, established, deactivated).
    platforms: Vec<(i64, String, NaiveDate, Option<NaiveDate>)>,
    /// (platform, moved on, path it left).
    moves: Vec<(i64, NaiveDate, String)>,
}

async fn raw(state: &app::web::AppState) -> Raw {
    let db = &state.db.read;
    let sessions: Vec<SessionRow> = sqlx::query_as(
        "SELECT s.id, a.path, s.kind, s.status, s.starts_at FROM sessions s JOIN areas a ON a.id = s.area_id",
    )
    .fetch_all(db)
    .await
    .unwrap();
    let attendance: Vec<(i64, String)> =
        sqlx::query_as("SELECT session_id, role FROM registrations WHERE state = 'attended'")
            .fetch_all(db)
            .await
            .unwrap();
    Raw {
        sessions: sessions.into_iter().map(|s| (s.id, s)).collect(),
        attendance: attendance
            .into_iter()
            .map(|(s, role)| (s, role == "member"))
            .collect(),
        outcomes: sqlx::query_as("SELECT session_id, adoption FROM outcomes")
            .fetch_all(db)
            .await
            .unwrap(),
        problems: sqlx::query_as("SELECT session_id, raised_on, resolved_on FROM problems")
            .fetch_all(db)
            .await
            .unwrap(),
        ratings: sqlx::query_as(
            "SELECT r.session_id, g.satisfaction FROM ratings g JOIN registrations r ON r.id = g.registration_id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        reviews: sqlx::query_as("SELECT session_id, reviewed_on FROM reviews")
            .fetch_all(db)
            .await
            .unwrap(),
        topics: sqlx::query_as("SELECT platform_id, submitted_at, status FROM topics")
            .fetch_all(db)
            .await
            .unwrap(),
        platforms: sqlx::query_as(
            "SELECT p.id, a.path, p.established_on, p.deactivated_on FROM platforms p JOIN areas a ON a.id = p.area_id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        moves: sqlx::query_as(
            "SELECT m.platform_id, m.moved_on, a.path FROM platform_moves m JOIN areas a ON a.id = m.from_area_id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
    }
}

impl Raw {
    /// Where a platform stood on a day: the area it left at its first move on or after that
    /// day, else where it stands now.
    fn platform_path(&self, platform: i64, day: NaiveDate) -> String {
        self.moves
            .iter()
            .filter(|(p, on, _)| *p == platform && *on >= day)
            .min_by_key(|(_, on, _)| *on)
            .map(|(_, _, path)| path.clone())
            .unwrap_or_else(|| {
                self.platforms
                    .iter()
                    .find(|(p, ..)| *p == platform)
                    .map(|(_, path, ..)| path.clone())
                    .unwrap()
            })
    }
}

const CONSULTATION: [&str; 5] = ["council", "livelihood", "sector", "proposal", "counterpart"];

fn in_year(d: NaiveDate, year: i32) -> bool {
    d.year() == year
}

/// The figures of `path`'s subtree for `year`, recounted by hand from the definitions.
fn recount(raw: &Raw, path: &str, year: i32) -> Figures {
    let counted = |s: &SessionRow| {
        s.path.starts_with(path) && !matches!(s.status.as_str(), "draft" | "cancelled")
    };
    let held = |id: &i64| {
        let s = &raw.sessions[id];
        counted(s) && in_year(s.starts_at.date(), year) && s.starts_at <= now()
    };
    let counted_id = |id: &i64| counted(&raw.sessions[id]);
    let count = |n: usize| n as i64;
    let year_end = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap();
    let platform_here = |p: i64, day: NaiveDate| raw.platform_path(p, day).starts_with(path);
    let held_sessions = raw.sessions.keys().filter(|id| held(id));
    let (consultations, services): (Vec<&i64>, Vec<&i64>) =
        held_sessions.partition(|id| CONSULTATION.contains(&raw.sessions[id].kind.as_str()));
    Figures {
        platforms_active: count(
            raw.platforms
                .iter()
                .filter(|(p, _, est, off)| {
                    *est < year_end
                        && off.is_none_or(|off| off >= year_end)
                        && platform_here(*p, year_end)
                })
                .count(),
        ),
        platforms_new: count(
            raw.platforms
                .iter()
                .filter(|(p, _, est, _)| in_year(*est, year) && platform_here(*p, year_end))
                .count(),
        ),
        consultations: count(consultations.len()),
        services: count(services.len()),
        topics: count(
            raw.topics
                .iter()
                .filter(|(p, at, _)| in_year(at.date(), year) && platform_here(*p, at.date()))
                .count(),
        ),
        topics_taken_up: count(
            raw.topics
                .iter()
                .filter(|(p, at, status)| {
                    in_year(at.date(), year)
                        && platform_here(*p, at.date())
                        && matches!(status.as_str(), "accepted" | "consulted")
                })
                .count(),
        ),
        resident_visits: count(
            raw.attendance
                .iter()
                .filter(|(s, member)| !member && held(s))
                .count(),
        ),
        member_visits: count(
            raw.attendance
                .iter()
                .filter(|(s, member)| *member && held(s))
                .count(),
        ),
        suggestions: count(raw.outcomes.iter().filter(|(s, _)| held(s)).count()),
        suggestions_adopted: count(
            raw.outcomes
                .iter()
                .filter(|(s, adoption)| {
                    held(s) && matches!(adoption.as_deref(), Some("adopted" | "partly_adopted"))
                })
                .count(),
        ),
        problems_resolved: count(
            raw.problems
                .iter()
                .filter(|(s, _, resolved)| {
                    counted_id(s) && resolved.is_some_and(|d| in_year(d, year))
                })
                .count(),
        ),
        problems_raised: count(
            raw.problems
                .iter()
                .filter(|(s, raised, _)| counted_id(s) && in_year(*raised, year))
                .count(),
        ),
        problems_raised_resolved: count(
            raw.problems
                .iter()
                .filter(|(s, raised, resolved)| {
                    counted_id(s) && in_year(*raised, year) && resolved.is_some()
                })
                .count(),
        ),
        ratings: count(raw.ratings.iter().filter(|(s, _)| held(s)).count()),
        ratings_satisfied: count(
            raw.ratings
                .iter()
                .filter(|(s, how)| {
                    held(s) && matches!(how.as_str(), "satisfied" | "basically_satisfied")
                })
                .count(),
        ),
        reviews: count(
            raw.reviews
                .iter()
                .filter(|(s, on)| counted_id(s) && in_year(*on, year))
                .count(),
        ),
    }
}

fn add(a: Figures, b: Figures) -> Figures {
    Figures {
        platforms_active: a.platforms_active + b.platforms_active,
        platforms_new: a.platforms_new + b.platforms_new,
        consultations: a.consultations + b.consultations,
        services: a.services + b.services,
        topics: a.topics + b.topics,
        topics_taken_up: a.topics_taken_up + b.topics_taken_up,
        resident_visits: a.resident_visits + b.resident_visits,
        member_visits: a.member_visits + b.member_visits,
        suggestions: a.suggestions + b.suggestions,
        suggestions_adopted: a.suggestions_adopted + b.suggestions_adopted,
        problems_resolved: a.problems_resolved + b.problems_resolved,
        problems_raised: a.problems_raised + b.problems_raised,
        problems_raised_resolved: a.problems_raised_resolved + b.problems_raised_resolved,
        ratings: a.ratings + b.ratings,
        ratings_satisfied: a.ratings_satisfied + b.ratings_satisfied,
        reviews: a.reviews + b.reviews,
    }
}

fn sub(a: Figures, b: Figures) -> Figures {
    let neg = |f: Figures| Figures {
        platforms_active: -f.platforms_active,
        platforms_new: -f.platforms_new,
        consultations: -f.consultations,
        services: -f.services,
        topics: -f.topics,
        topics_taken_up: -f.topics_taken_up,
        resident_visits: -f.resident_visits,
        member_visits: -f.member_visits,
        suggestions: -f.suggestions,
        suggestions_adopted: -f.suggestions_adopted,
        problems_resolved: -f.problems_resolved,
        problems_raised: -f.problems_raised,
        problems_raised_resolved: -f.problems_raised_resolved,
        ratings: -f.ratings,
        ratings_satisfied: -f.ratings_satisfied,
        reviews: -f.reviews,
    };
    add(a, neg(b))
}

use chrono::Datelike;

/// History the generator does not make: a platform with topics moves to another district in
/// mid-2026, and another closes in mid-2025; then people are checked in and marked absent,
/// suggestions change their adoption, ratings change and are withdrawn — the changes the
/// per-session counts must follow.
async fn rewrite_history(state: &app::web::AppState) {
    let db = &state.db.write;
    let (platform, from): (i64, i64) = sqlx::query_as(
        "SELECT p.id, p.area_id FROM platforms p WHERE EXISTS (SELECT 1 FROM topics t WHERE t.platform_id = p.id)
         ORDER BY p.id LIMIT 1",
    )
    .fetch_one(db)
    .await
    .unwrap();
    let to: i64 = sqlx::query_scalar(
        "SELECT a.id FROM areas a WHERE a.level = 'village'
         AND substr(a.path, 1, instr(substr(a.path, 4), '/') + 3) <>
             (SELECT substr(b.path, 1, instr(substr(b.path, 4), '/') + 3) FROM areas b WHERE b.id = ?)
         ORDER BY a.id LIMIT 1",
    )
    .bind(from)
    .fetch_one(db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO platform_moves (platform_id, from_area_id, to_area_id, moved_on, reason)
         VALUES (?, ?, ?, '2026-06-01', '测试搬迁')",
    )
    .bind(platform)
    .bind(from)
    .bind(to)
    .execute(db)
    .await
    .unwrap();
    sqlx::query("UPDATE platforms SET area_id = ? WHERE id = ?")
        .bind(to)
        .bind(platform)
        .execute(db)
        .await
        .unwrap();
    for change in [
        "UPDATE platforms SET status = 'inactive', deactivated_on = '2025-07-01'
         WHERE id = (SELECT max(id) FROM platforms WHERE established_on < '2025-01-01')",
        "UPDATE registrations SET state = 'attended', checked_in_at = '2026-03-01 09:00:00', checkin_method = 'hand'
         WHERE id IN (SELECT id FROM registrations WHERE state = 'registered' ORDER BY id LIMIT 40)",
        "UPDATE registrations SET state = 'absent', checked_in_at = NULL, checkin_method = NULL
         WHERE id IN (SELECT id FROM registrations WHERE state = 'attended' AND walk_in = 0 ORDER BY id DESC LIMIT 40)",
        "UPDATE registrations SET role = CASE role WHEN 'member' THEN 'resident' ELSE role END,
             member_level = NULL, member_user_id = NULL
         WHERE id IN (SELECT id FROM registrations WHERE state = 'attended' AND role = 'member' LIMIT 5)",
        "UPDATE outcomes SET adoption = CASE WHEN adoption IS NULL THEN 'adopted'
             WHEN adoption = 'adopted' THEN 'not_adopted' ELSE NULL END WHERE id % 3 = 0",
        "UPDATE ratings SET satisfaction = 'unsatisfied' WHERE id % 4 = 0",
        "DELETE FROM ratings WHERE id % 7 = 0",
        // Changes that reach rows dated apart from their session: a held session with
        // problems and follow-ups cancelled after the fact, a platform that changes type, a
        // session recorded against another area.
        "UPDATE sessions SET status = 'cancelled', cancel_reason = '事后取消'
         WHERE id = (SELECT x.session_id FROM problems x JOIN reviews v ON v.session_id = x.session_id
                     ORDER BY x.session_id LIMIT 1)",
        "UPDATE platforms SET type_code = CASE type_code WHEN 'member_studio' THEN 'consultation_room'
             ELSE 'member_studio' END WHERE id = (SELECT host_platform_id FROM sessions s
             JOIN problems x ON x.session_id = s.id ORDER BY s.id DESC LIMIT 1)",
        "UPDATE sessions SET area_id = (SELECT max(id) FROM areas WHERE level = 'village')
         WHERE id = (SELECT session_id FROM problems ORDER BY id DESC LIMIT 1)",
    ] {
        sqlx::query(change).execute(db).await.unwrap();
    }
}

/// The other ways records arrive: a session recorded afterwards with a member on its roster, a
/// member checked in by an organizer at a held session (once, though asked twice), and a ledger
/// of two sessions imported (twice, counted once).
async fn arrive_otherwise(state: &app::web::AppState) {
    use app::domain::{
        MemberLevel, PersonName, RegistrationRole, Seats, SessionFormat, SessionKind, TimeRange,
    };
    use app::views::organizing::{RosterPerson, SessionFields};
    let db = &state.db;
    let at = |d: &str| NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M").unwrap();
    let (platform, path): (i64, String) = sqlx::query_as(
        "SELECT p.id, a.path FROM platforms p JOIN areas a ON a.id = p.area_id
         WHERE p.status = 'active' AND p.established_on < '2025-01-01' ORDER BY p.id DESC LIMIT 1",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    let (member, _level): (i64, MemberLevel) =
        sqlx::query_as("SELECT user_id, level FROM member_profiles ORDER BY user_id LIMIT 1")
            .fetch_one(&db.read)
            .await
            .unwrap();
    let staff: i64 = sqlx::query_scalar(
        "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
         JOIN areas a ON a.id = r.area_id WHERE r.role = 'staff' AND ? LIKE a.path || '%'
         ORDER BY length(a.path) LIMIT 1",
    )
    .bind(&path)
    .fetch_one(&db.read)
    .await
    .unwrap();
    let time = TimeRange::new(at("2025-09-10 09:00"), at("2025-09-10 11:00")).unwrap();
    let fields = SessionFields {
        title: "院坝协商".into(),
        summary: String::new(),
        kind: SessionKind::Council,
        format: SessionFormat::Onsite,
        format_local_name: Some("院坝协商".into()),
        place: "三组院坝".into(),
        time,
        seats: Seats::new(3).unwrap(),
        signup_deadline: time.start(),
        invited: Vec::new(),
        checkin_lead_minutes: 0,
        coorganizers: Vec::new(),
    };
    let person = |name: &str, role, member_user_id| RosterPerson {
        name: PersonName::parse(name).unwrap(),
        role,
        mobile: None,
        member_user_id,
    };
    let roster = [
        person("张建国", RegistrationRole::Resident, None),
        person("李秀英", RegistrationRole::Expert, None),
        person("委员", RegistrationRole::Member, Some(member)),
    ];
    store::repo::recorded::record_held(db, staff, platform, &fields, &roster, now())
        .await
        .unwrap();
    let held: i64 = sqlx::query_scalar(
        "SELECT id FROM sessions WHERE status = 'held' AND starts_at < '2026-11-01' AND starts_at >= '2026-01-01'
         AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.session_id = sessions.id AND r.member_user_id = ?)
         ORDER BY id LIMIT 1",
    )
    .bind(member)
    .fetch_one(&db.read)
    .await
    .unwrap();
    for _ in 0..2 {
        store::repo::member_attendance::check_in(db, staff, held, member, now())
            .await
            .unwrap();
    }
    let me = store::auth::Principal::load(db, staff)
        .await
        .unwrap()
        .unwrap();
    let ledger = format!(
        "活动编号,议事平台,活动名称,活动类型,地点,开始时间,居民人数,专家人数\n\
         P-1,{platform},板凳会,民生议事,村口,2025-04-02 19:00,7,1\n\
         P-2,{platform},政策宣讲,政策宣讲,村委会,2026-05-06,12,\n"
    );
    for _ in 0..2 {
        let upload =
            store::ledger::imports::upload(db, staff, "台账.csv", ledger.as_bytes(), now())
                .await
                .unwrap();
        store::ledger::imports::import(db, &me, upload, now())
            .await
            .unwrap()
            .ok();
    }
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM sessions WHERE import_id IS NOT NULL")
            .fetch_one(&db.read)
            .await
            .unwrap(),
        2,
        "a ledger imported twice counts once"
    );
}

async fn check_world(seed: u64) {
    let (state, dir) = world(seed).await;
    rewrite_history(&state).await;
    arrive_otherwise(&state).await;
    let drifted = common::kept::drifted(&state.db.read).await;
    assert!(
        drifted.is_empty(),
        "seed {seed}: copies differ: {drifted:?}"
    );
    let raw = raw(&state).await;
    let areas: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, path, parent_id FROM areas ORDER BY path")
            .fetch_all(&state.db.read)
            .await
            .unwrap();
    assert!(!raw.topics.is_empty() && !raw.ratings.is_empty() && !raw.reviews.is_empty());
    for year in [2025, 2026] {
        let period = Period::year(year).unwrap();
        let mut of: HashMap<i64, Figures> = HashMap::new();
        for (id, path, _) in &areas {
            let f = tallies::figures(&state.db, &Scope::area(path), period, now())
                .await
                .unwrap();
            assert_eq!(
                f,
                recount(&raw, path, year),
                "seed {seed}, {year}, area {path}: figures match a recount"
            );
            of.insert(*id, f);
        }
        // Host-only counting: a parent is its own share plus its children's. Its own share
        // is what its subtree has beyond the children, recounted by hand.
        for (id, path, _) in &areas {
            let children: Vec<(i64, &String)> = areas
                .iter()
                .filter(|(_, _, parent)| *parent == Some(*id))
                .map(|(c, p, _)| (*c, p))
                .collect();
            let sum = children
                .iter()
                .fold(Figures::default(), |acc, (c, _)| add(acc, of[c]));
            let own = children
                .iter()
                .fold(recount(&raw, path, year), |acc, (_, p)| {
                    sub(acc, recount(&raw, p, year))
                });
            assert_eq!(
                of[id],
                add(sum, own),
                "seed {seed}, {year}, area {path}: parent = own + children"
            );
        }
    }
    check_coverage(&state, &raw, seed).await;
    let _ = std::fs::remove_dir_all(dir);
}

/// Coverage of every area at each year's end against a recount: at each level below the area,
/// the active areas that existed by then, and those with an active platform standing in them
/// or below them that day (where it stood then).
async fn check_coverage(state: &app::web::AppState, raw: &Raw, seed: u64) {
    let areas: Vec<(i64, String, String, bool, NaiveDateTime)> =
        sqlx::query_as("SELECT id, path, level, active, created_at FROM areas ORDER BY path")
            .fetch_all(&state.db.read)
            .await
            .unwrap();
    for year in [2025, 2026] {
        let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap();
        let standing: Vec<String> = raw
            .platforms
            .iter()
            .filter(|(_, _, est, off)| *est < end && off.is_none_or(|off| off >= end))
            .map(|(p, ..)| raw.platform_path(*p, end))
            .collect();
        for (id, path, ..) in &areas {
            let scope = store::repo::areas::get(&state.db, *id).await.unwrap();
            let got = tallies::coverage(&state.db, &scope, end).await.unwrap();
            let mut want: Vec<(String, i64, i64)> = Vec::new();
            for (_, p, level, active, created) in &areas {
                if !(p.len() > path.len() && p.starts_with(path.as_str()) && *active)
                    || created.date() >= end
                {
                    continue;
                }
                let covered = i64::from(standing.iter().any(|s| s.starts_with(p.as_str())));
                match want.iter_mut().find(|(l, ..)| l == level) {
                    Some(w) => {
                        w.1 += 1;
                        w.2 += covered;
                    }
                    None => want.push((level.clone(), 1, covered)),
                }
            }
            for c in &got {
                let w = want
                    .iter()
                    .find(|(l, ..)| l == c.level.code())
                    .unwrap_or_else(|| panic!("seed {seed}, {year}, {path}: {:?}", c.level));
                assert_eq!(
                    (c.areas, c.covered),
                    (w.1, w.2),
                    "seed {seed}, {year}, area {path}, {:?}: coverage matches a recount",
                    c.level
                );
            }
            assert_eq!(got.len(), want.len(), "seed {seed}, {year}, {path}: levels");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_match_a_recount_and_parents_sum_their_children() {
    let mut seeds = vec![1, 7, 2026];
    if let Ok(extra) = std::env::var("YST_TALLY_SEED") {
        seeds.push(extra.parse().expect("a number"));
    }
    for seed in seeds {
        check_world(seed).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consultations_and_services_are_never_mixed_and_cancelled_never_count() {
    let (state, dir) = world(5).await;
    let city = Scope::area("/");
    let period = Period::year(2026).unwrap();
    let before = tallies::figures(&state.db, &city, period, now())
        .await
        .unwrap();
    // Cancelling one held consultation takes exactly it away, and nothing else changes kind.
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM sessions WHERE kind = 'council' AND status NOT IN ('draft', 'cancelled')
         AND starts_at >= '2026-01-01' AND starts_at <= '2026-11-21' ORDER BY id LIMIT 1",
    )
    .fetch_one(&state.db.read)
    .await
    .unwrap();
    sqlx::query("UPDATE sessions SET status = 'cancelled', cancel_reason = '测试' WHERE id = ?")
        .bind(id)
        .execute(&state.db.write)
        .await
        .unwrap();
    let after = tallies::figures(&state.db, &city, period, now())
        .await
        .unwrap();
    assert_eq!(after.consultations, before.consultations - 1);
    assert_eq!(after.services, before.services);
    assert!(before.consultations > 0 && before.services > 0);
    // The whole deployment's rates have a base.
    assert!(before.ratings >= before.ratings_satisfied);
    assert!(before.problems_raised >= before.problems_raised_resolved);
    assert!(before.suggestions >= before.suggestions_adopted);
    let _ = std::fs::remove_dir_all(dir);
}

/// Every figure of a scope, by drill.
fn by_drill(f: &Figures, drill: Drill) -> i64 {
    match drill {
        Drill::Consultations => f.consultations,
        Drill::Services => f.services,
        Drill::Topics => f.topics,
        Drill::TopicsTakenUp => f.topics_taken_up,
        Drill::ResidentVisits => f.resident_visits,
        Drill::MemberVisits => f.member_visits,
        Drill::Suggestions => f.suggestions,
        Drill::SuggestionsAdopted => f.suggestions_adopted,
        Drill::ProblemsResolved => f.problems_resolved,
        Drill::ProblemsRaised => f.problems_raised,
        Drill::ProblemsRaisedResolved => f.problems_raised_resolved,
        Drill::Ratings => f.ratings,
        Drill::RatingsSatisfied => f.ratings_satisfied,
        Drill::Reviews => f.reviews,
        Drill::PlatformsActive => f.platforms_active,
        Drill::PlatformsNew => f.platforms_new,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_number_lists_exactly_its_records_and_every_breakdown_adds_up() {
    let (state, dir) = world(11).await;
    let db = &state.db;
    let paths: Vec<String> = sqlx::query_scalar(
        "SELECT path FROM areas WHERE level IN ('city', 'district') ORDER BY path",
    )
    .fetch_all(&db.read)
    .await
    .unwrap();
    let types: Vec<String> = sqlx::query_scalar("SELECT code FROM platform_types")
        .fetch_all(&db.read)
        .await
        .unwrap();
    for path in &paths {
        for year in [2025, 2026] {
            let period = Period::year(year).unwrap();
            let scope = Scope::area(path);
            let f = tallies::figures(db, &scope, period, now()).await.unwrap();
            // Platform types partition the figures.
            let mut by_type = Figures::default();
            for t in &types {
                let typed = Scope {
                    platform_type: Some(t.clone()),
                    ..scope.clone()
                };
                by_type = add(
                    by_type,
                    tallies::figures(db, &typed, period, now()).await.unwrap(),
                );
            }
            assert_eq!(by_type, f, "{path} {year}: the platform types add up");
            for &drill in Drill::ALL {
                let figure = by_drill(&f, drill);
                let all =
                    tallies::records(db, drill, &scope, period, now(), None, false, 0, 10_000)
                        .await
                        .unwrap();
                assert_eq!(
                    all.len() as i64,
                    figure,
                    "{path} {year} {}: the list behind the number has the number's length",
                    drill.code()
                );
                for &dim in Dimension::ALL.iter().filter(|d| drill.has(**d)) {
                    let rows = tallies::breakdown(db, drill, dim, &scope, period, now())
                        .await
                        .unwrap();
                    assert_eq!(
                        rows.iter().map(|(_, n)| n).sum::<i64>(),
                        figure,
                        "{path} {year} {} by {}: the breakdown adds up",
                        drill.code(),
                        dim.code()
                    );
                    // Only the city's splits are listed, to keep the test quick.
                    if path.matches('/').count() > 2 {
                        continue;
                    }
                    for (key, n) in rows {
                        let split = Some((dim, key.as_str()));
                        let listed = tallies::records(
                            db,
                            drill,
                            &scope,
                            period,
                            now(),
                            split,
                            false,
                            0,
                            10_000,
                        )
                        .await
                        .unwrap();
                        assert_eq!(
                            listed.len() as i64,
                            n,
                            "{} {}={key}",
                            drill.code(),
                            dim.code()
                        );
                    }
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}
