//! The demo generator: deterministic, and shaped like the real reports.

use chrono::NaiveDate;
use server::{config::Config, demo};

async fn generate(seed: u64) -> (app::web::AppState, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("yst-demo-{}", store::auth::random_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = Config {
        readers: 2,
        ..Config::in_folder(&dir)
    };
    let (state, _) = server::open_state(&config).await.unwrap();
    let now = NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let logins = demo::generate(&state.db, demo::Size::City.plan(), seed, now)
        .await
        .unwrap();
    assert_eq!(
        logins.iter().map(|l| l.username).collect::<Vec<_>>(),
        ["city", "district", "organizer", "member"]
    );
    (state, dir)
}

async fn scalar(state: &app::web::AppState, sql: &str) -> f64 {
    sqlx::query_scalar::<_, f64>(&format!("SELECT CAST(({sql}) AS REAL)"))
        .fetch_one(&state.db.read)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_city_is_deterministic_and_shaped_like_the_real_reports() {
    let (a, dir_a) = generate(7).await;
    let (b, dir_b) = generate(7).await;
    let fingerprint = "SELECT group_concat(x, '|') FROM (
        SELECT count(*) || ':' || sum(seats) AS x FROM sessions
        UNION ALL SELECT count(*) || ':' || group_concat(code, '') FROM (SELECT code FROM registrations ORDER BY id LIMIT 50)
        UNION ALL SELECT count(*) || ':' || sum(length(name)) FROM platforms)";
    let fa: String = sqlx::query_scalar(fingerprint)
        .fetch_one(&a.db.read)
        .await
        .unwrap();
    let fb: String = sqlx::query_scalar(fingerprint)
        .fetch_one(&b.db.read)
        .await
        .unwrap();
    assert_eq!(fa, fb);

    assert_eq!(
        scalar(&a, "SELECT count(*) FROM areas WHERE level = 'district'").await,
        6.0
    );
    assert_eq!(
        scalar(&a, "SELECT count(*) FROM areas WHERE level = 'township'").await,
        60.0
    );
    let villages = scalar(&a, "SELECT count(*) FROM areas WHERE level = 'village'").await;
    assert!((350.0..=450.0).contains(&villages), "{villages} villages");
    assert_eq!(scalar(&a, "SELECT count(*) FROM platforms").await, 300.0);
    let consultations = scalar(
        &a,
        "SELECT count(*) FROM sessions WHERE status <> 'cancelled' AND starts_at LIKE '2025%'
         AND kind IN ('council', 'livelihood', 'sector', 'proposal', 'counterpart')",
    )
    .await;
    assert!(
        (150.0..=450.0).contains(&consultations),
        "{consultations} consultations in 2025"
    );
    let resolved = scalar(
        &a,
        "SELECT count(*) FROM problems WHERE resolved_on LIKE '2025%'",
    )
    .await;
    let ratio = resolved / consultations;
    assert!(
        (0.8..=2.2).contains(&ratio),
        "{ratio} problems resolved per session"
    );
    let suggestions_per_concluded = scalar(
        &a,
        "SELECT count(*) * 1.0 / (SELECT count(DISTINCT session_id) FROM outcomes) FROM outcomes",
    )
    .await;
    assert!(
        (1.5..=3.5).contains(&suggestions_per_concluded),
        "{suggestions_per_concluded}"
    );
    // Never more registered or attended than seats.
    let oversold = scalar(
        &a,
        "SELECT count(*) FROM sessions s WHERE seats < (SELECT count(*) FROM registrations r
           WHERE r.session_id = s.id AND r.state IN ('registered', 'attended', 'absent', 'leave') AND r.walk_in = 0)",
    )
    .await;
    assert_eq!(oversold, 0.0);
    a.db.close().await;
    b.db.close().await;
    let _ = std::fs::remove_dir_all(dir_a);
    let _ = std::fs::remove_dir_all(dir_b);
}
