//! The yearly figures against a brute-force recount of the raw rows, on generated worlds with
//! cancellations, service activities, co-organized sessions and problems resolved in other
//! years; and every parent area's figures equal its own plus the sum of its children's.

use std::collections::HashMap;

use app::backend::repo::tallies::{self, Figures, Scope};
use chrono::{NaiveDate, NaiveDateTime};
use server::{config::Config, demo};

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

async fn world(seed: u64) -> (app::backend::AppState, std::path::PathBuf) {
    let dir =
        std::env::temp_dir().join(format!("yst-tally-{}", app::backend::auth::random_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = Config {
        database: dir.join("t.db").display().to_string(),
        addr: "127.0.0.1:0".parse().unwrap(),
        site_root: dir.display().to_string(),
        secure_cookies: false,
        readers: 2,
        public_url: None,
        retention_days: 180,
        uploads_dir: dir.join("uploads").display().to_string(),
    };
    let state = server::open_state(&config).await.unwrap();
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

/// The session-based figures counted by hand from the raw rows, per session, so that any
/// scope's figures are a filter and a sum.
struct Raw {
    sessions: Vec<SessionRow>,
    attended: HashMap<i64, (i64, i64)>,
    suggestions: HashMap<i64, i64>,
    resolved: Vec<(i64, NaiveDate)>,
}

async fn raw(state: &app::backend::AppState) -> Raw {
    let db = &state.db.read;
    let sessions: Vec<SessionRow> = sqlx::query_as(
        "SELECT s.id, a.path, s.kind, s.status, s.starts_at FROM sessions s JOIN areas a ON a.id = s.area_id",
    )
    .fetch_all(db)
    .await
    .unwrap();
    let mut attended = HashMap::new();
    for (session, role) in sqlx::query_as::<_, (i64, String)>(
        "SELECT session_id, role FROM registrations WHERE state = 'attended'",
    )
    .fetch_all(db)
    .await
    .unwrap()
    {
        let e: &mut (i64, i64) = attended.entry(session).or_default();
        if role == "member" {
            e.1 += 1;
        } else {
            e.0 += 1;
        }
    }
    let mut suggestions = HashMap::new();
    for (session,) in sqlx::query_as::<_, (i64,)>("SELECT session_id FROM outcomes")
        .fetch_all(db)
        .await
        .unwrap()
    {
        *suggestions.entry(session).or_default() += 1;
    }
    let resolved = sqlx::query_as(
        "SELECT session_id, resolved_on FROM problems WHERE resolved_on IS NOT NULL",
    )
    .fetch_all(db)
    .await
    .unwrap();
    Raw {
        sessions,
        attended,
        suggestions,
        resolved,
    }
}

const CONSULTATION: [&str; 5] = ["council", "livelihood", "sector", "proposal", "counterpart"];

/// The figures of `path`'s subtree for `year`, recounted by hand.
fn recount(raw: &Raw, path: &str, year: i32) -> Figures {
    let in_scope = |s: &&SessionRow| s.path.starts_with(path);
    let counted = |s: &&SessionRow| !matches!(s.status.as_str(), "draft" | "cancelled");
    let held = |s: &&SessionRow| {
        counted(s) && s.starts_at.date().year_ce().1 as i32 == year && s.starts_at <= now()
    };
    let mut f = Figures::default();
    for s in raw.sessions.iter().filter(in_scope).filter(held) {
        if CONSULTATION.contains(&s.kind.as_str()) {
            f.consultations += 1;
        } else {
            f.services += 1;
        }
        let (residents, members) = raw.attended.get(&s.id).copied().unwrap_or_default();
        f.resident_visits += residents;
        f.member_visits += members;
        f.suggestions += raw.suggestions.get(&s.id).copied().unwrap_or_default();
    }
    let by_id: HashMap<i64, &SessionRow> = raw.sessions.iter().map(|s| (s.id, s)).collect();
    f.problems_resolved = raw
        .resolved
        .iter()
        .filter(|(session, on)| {
            let s = by_id[session];
            s.path.starts_with(path) && counted(&s) && on.year_ce().1 as i32 == year
        })
        .count() as i64;
    f
}

/// The session-based figures only, to compare with a recount.
fn session_figures(f: Figures) -> [i64; 6] {
    [
        f.consultations,
        f.services,
        f.resident_visits,
        f.member_visits,
        f.suggestions,
        f.problems_resolved,
    ]
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

use chrono::Datelike;

async fn check_world(seed: u64) {
    let (state, dir) = world(seed).await;
    let raw = raw(&state).await;
    let areas: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, path, parent_id FROM areas ORDER BY path")
            .fetch_all(&state.db.read)
            .await
            .unwrap();
    for year in [2025, 2026] {
        let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        let mut of: HashMap<i64, Figures> = HashMap::new();
        for (id, path, _) in &areas {
            let scope = Scope {
                area_path: path.clone(),
                platform_type: None,
                platform_id: None,
            };
            let f = tallies::figures(&state.db, &scope, from, to, now())
                .await
                .unwrap();
            assert_eq!(
                session_figures(f),
                session_figures(recount(&raw, path, year)),
                "seed {seed}, {year}, area {path}: figures match a recount"
            );
            of.insert(*id, f);
        }
        // Host-only counting: a parent is its own share plus its children's. Its own share is
        // what its subtree has beyond the children; it can never be negative.
        for (id, path, _) in &areas {
            let children: Vec<i64> = areas
                .iter()
                .filter(|(_, _, parent)| *parent == Some(*id))
                .map(|(c, _, _)| *c)
                .collect();
            let sum = children
                .iter()
                .fold(Figures::default(), |acc, c| add(acc, of[c]));
            let own = recount_own(&raw, path, &areas, year);
            assert_eq!(
                session_figures(of[id]),
                session_figures(add(sum, own)),
                "seed {seed}, {year}, area {path}: parent = own + children"
            );
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// What is held at exactly this area, not below it.
fn recount_own(raw: &Raw, path: &str, areas: &[(i64, String, Option<i64>)], year: i32) -> Figures {
    let subtree = recount(raw, path, year);
    let below = areas
        .iter()
        .filter(|(_, p, _)| {
            p != path && p.starts_with(path) && p[path.len()..].matches('/').count() == 1
        })
        .fold(Figures::default(), |acc, (_, p, _)| {
            add(acc, recount(raw, p, year))
        });
    Figures {
        consultations: subtree.consultations - below.consultations,
        services: subtree.services - below.services,
        resident_visits: subtree.resident_visits - below.resident_visits,
        member_visits: subtree.member_visits - below.member_visits,
        suggestions: subtree.suggestions - below.suggestions,
        problems_resolved: subtree.problems_resolved - below.problems_resolved,
        ..Figures::default()
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
    let city = Scope {
        area_path: "/".to_owned(),
        platform_type: None,
        platform_id: None,
    };
    let year = |y| {
        (
            NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(y, 12, 31).unwrap(),
        )
    };
    let (from, to) = year(2026);
    let before = tallies::figures(&state.db, &city, from, to, now())
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
    let after = tallies::figures(&state.db, &city, from, to, now())
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_drill_down_lists_exactly_the_records_its_figure_counts() {
    use app::api::tallies::Drill;
    let (state, dir) = world(11).await;
    let districts: Vec<String> = sqlx::query_scalar(
        "SELECT path FROM areas WHERE level IN ('city', 'district') ORDER BY path",
    )
    .fetch_all(&state.db.read)
    .await
    .unwrap();
    for path in districts {
        for year in [2025, 2026] {
            let scope = Scope {
                area_path: path.clone(),
                platform_type: None,
                platform_id: None,
            };
            let f = tallies::figures(
                &state.db,
                &scope,
                NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(year, 12, 31).unwrap(),
                now(),
            )
            .await
            .unwrap();
            for (drill, figure) in [
                (Drill::Consultations, f.consultations),
                (Drill::Services, f.services),
                (Drill::Topics, f.topics),
                (Drill::ResidentVisits, f.resident_visits),
                (Drill::MemberVisits, f.member_visits),
                (Drill::Suggestions, f.suggestions),
                (Drill::ProblemsResolved, f.problems_resolved),
                (Drill::Reviews, f.reviews),
            ] {
                let records = tallies::records(&state.db, &path, year, drill, now())
                    .await
                    .unwrap();
                assert_eq!(
                    records.len() as i64,
                    figure,
                    "{path} {year} {}: the list behind the number has the number's length",
                    drill.code()
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}
