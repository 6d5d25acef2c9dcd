//! 覆盖率 (镇街、村社区全覆盖): the share of areas at each level below a scope with an active
//! platform at the period's end, standing in the area itself or anywhere below it. Platforms are
//! read where they stood and whether they were active on that day (moves and history), areas as
//! they are (an area that existed by then and is active).

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{sources, StoreError};
use crate::db::Db;
use model::{
    domain::AreaLevel,
    views::{areas::AreaSummary, tallies::Coverage},
};

/// The paths of every area an active platform covered on `day` (the platform's own area and
/// each area above it), within `scope_path`.
async fn covered_paths(
    db: &Db,
    scope_path: &str,
    day: NaiveDate,
) -> Result<HashSet<String>, StoreError> {
    let paths: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT a.path FROM platforms p JOIN areas a ON a.id = {area}
         WHERE p.established_on < ?2 AND {active} AND a.path >= ?1 AND a.path < ?1 || '~'",
        area = sources::platform_area("?2"),
        active = sources::platform_active_on("?2"),
    ))
    .bind(scope_path)
    .bind(day.to_string())
    .fetch_all(&db.read)
    .await?;
    let mut covered = HashSet::new();
    for path in paths {
        // "/1/7/42/" covers "/1/", "/1/7/" and "/1/7/42/".
        let mut end = 0;
        while let Some(i) = path[end + 1..].find('/') {
            end += i + 1;
            covered.insert(path[..=end].to_owned());
        }
    }
    Ok(covered)
}

/// The areas strictly below `scope` that existed before `day` and are active.
async fn areas_below(
    db: &Db,
    scope: &AreaSummary,
    day: NaiveDate,
) -> Result<Vec<AreaSummary>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, parent_id, level, code, name, path, active FROM areas
         WHERE path > ?1 AND path < ?1 || '~' AND active = 1 AND date(created_at) < ?2
         ORDER BY path",
    )
    .bind(&scope.path)
    .bind(day.to_string())
    .fetch_all(&db.read)
    .await?)
}

/// The areas below a scope and the paths its active platforms covered on one day, read once, so
/// the coverage of the scope and of each area inside it is counted without another query.
pub struct CoverageIndex {
    covered: HashSet<String>,
    areas: Vec<AreaSummary>,
}

impl CoverageIndex {
    /// Reads the scope's areas and platforms as they stood on `day` (the day after the period).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn read(db: &Db, scope: &AreaSummary, day: NaiveDate) -> Result<Self, StoreError> {
        Ok(Self {
            covered: covered_paths(db, &scope.path, day).await?,
            areas: areas_below(db, scope, day).await?,
        })
    }

    /// Coverage at each level strictly below the area at `path`, levels without areas left out.
    pub fn of(&self, path: &str) -> Vec<Coverage> {
        let mut levels: Vec<Coverage> = AreaLevel::ALL
            .iter()
            .map(|&level| Coverage {
                level,
                areas: 0,
                covered: 0,
            })
            .collect();
        let below = self
            .areas
            .iter()
            .filter(|a| a.path.len() > path.len() && a.path.starts_with(path));
        for area in below {
            if let Some(c) = levels.iter_mut().find(|c| c.level == area.level) {
                c.areas += 1;
                c.covered += i64::from(self.covered.contains(&area.path));
            }
        }
        levels.retain(|c| c.areas > 0);
        levels
    }

    /// The areas at `level` that no active platform covered.
    pub fn uncovered(self, level: AreaLevel) -> Vec<AreaSummary> {
        let covered = self.covered;
        self.areas
            .into_iter()
            .filter(|a| a.level == level && !covered.contains(&a.path))
            .collect()
    }
}

/// Coverage at each level below the scope's area, on the day after the period (`day`).
pub async fn coverage(
    db: &Db,
    scope: &AreaSummary,
    day: NaiveDate,
) -> Result<Vec<Coverage>, StoreError> {
    Ok(CoverageIndex::read(db, scope, day).await?.of(&scope.path))
}
