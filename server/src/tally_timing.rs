//! `yishitong tally`: a period's figures for one area or the whole deployment, counted by the
//! same code the pages use, with the time it took. The bench runs it on the generated province;
//! an office can run it to check a figure from a shell.

use std::time::{Duration, Instant};

use app::domain::{Figures, Period};
use store::{
    db::Db,
    repo::{areas, tallies, StoreError},
};

/// What was counted and how long it took.
pub struct Timed {
    pub scope_name: String,
    pub figures: Figures,
    /// The fastest of the runs (the first warms SQLite's page cache).
    pub fastest: Duration,
    pub sessions_in_scope: i64,
}

/// Counts `period`'s figures for the area (or everything) `runs` times.
pub async fn time_figures(
    db: &Db,
    area: Option<i64>,
    period: Period,
    runs: u32,
) -> Result<Timed, StoreError> {
    let (scope, scope_name) = match area {
        Some(id) => {
            let a = areas::get(db, id).await?;
            (tallies::Scope::area(&a.path), a.name)
        }
        None => (
            tallies::Scope::area("/"),
            "全部区域 (whole deployment)".to_owned(),
        ),
    };
    let now = store::clock::now_local();
    let mut fastest = Duration::MAX;
    let mut figures = Figures::default();
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        figures = tallies::figures(db, &scope, period, now).await?;
        fastest = fastest.min(started.elapsed());
    }
    let sessions_in_scope = sqlx::query_scalar(
        "SELECT count(*) FROM sessions s JOIN areas a ON a.id = s.area_id WHERE a.path LIKE ? || '%'",
    )
    .bind(&scope.area_path)
    .fetch_one(&db.read)
    .await?;
    Ok(Timed {
        scope_name,
        figures,
        fastest,
        sessions_in_scope,
    })
}
