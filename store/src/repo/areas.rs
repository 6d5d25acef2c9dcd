//! Areas. Paths hold only digits and slashes, so `path >= p AND path < p || '~'` selects the
//! subtree of `p` through the unique index on `path`.

use sqlx::SqliteConnection;

use crate::{audit, clock::now_db, db::Db};
use model::{
    domain::{AreaCode, AreaLevel},
    views::areas::{AreaSummary, AreaWithCount},
};

use super::StoreError;

const COLUMNS: &str = "id, parent_id, level, code, name, path, active";

#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(db: &Db, id: i64) -> Result<AreaSummary, StoreError> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM areas WHERE id = ?"))
            .bind(id)
            .fetch_one(&db.read)
            .await?,
    )
}

/// The top of the tree (the city).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn root(db: &Db) -> Result<AreaSummary, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1"
    ))
    .fetch_one(&db.read)
    .await?)
}

/// From the top down to the area's parent, for breadcrumbs.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn ancestors(db: &Db, area: &AreaSummary) -> Result<Vec<AreaSummary>, StoreError> {
    let ids: Vec<i64> = area
        .path
        .split('/')
        .filter_map(|s| s.parse().ok())
        .filter(|id| *id != area.id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = vec!["?"; ids.len()].join(",");
    let sql =
        format!("SELECT {COLUMNS} FROM areas WHERE id IN ({placeholders}) ORDER BY length(path)");
    let mut q = sqlx::query_as(&sql);
    for id in ids {
        q = q.bind(id);
    }
    Ok(q.fetch_all(&db.read).await?)
}

/// The areas directly below, active ones first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn children(db: &Db, area: &AreaSummary) -> Result<Vec<AreaSummary>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM areas WHERE parent_id = ? ORDER BY active DESC, code, name"
    ))
    .bind(area.id)
    .fetch_all(&db.read)
    .await?)
}

/// The areas directly below, each with its count of active platforms anywhere beneath it.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn children_with_counts(
    db: &Db,
    area: &AreaSummary,
    active_only: bool,
) -> Result<Vec<AreaWithCount>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.parent_id, c.level, c.code, c.name, c.path, c.active,
                (SELECT count(*) FROM platforms p JOIN areas pa ON pa.id = p.area_id
                  WHERE p.status = 'active' AND pa.path >= c.path AND pa.path < c.path || '~') AS platforms
         FROM areas c WHERE c.parent_id = ? AND (c.active = 1 OR ? = 0)
         ORDER BY c.active DESC, c.code, c.name",
    )
    .bind(area.id)
    .bind(active_only)
    .fetch_all(&db.read)
    .await?)
}

/// How many active child areas and active platforms lie below an area.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn active_below(db: &Db, area: &AreaSummary) -> Result<(i64, i64), StoreError> {
    Ok(sqlx::query_as(
        "SELECT (SELECT count(*) FROM areas WHERE parent_id = ?1 AND active = 1),
                (SELECT count(*) FROM platforms p JOIN areas a ON a.id = p.area_id
                  WHERE p.status = 'active' AND a.path >= ?2 AND a.path < ?2 || '~')",
    )
    .bind(area.id)
    .bind(&area.path)
    .fetch_one(&db.read)
    .await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(
    db: &Db,
    user_id: i64,
    parent: &AreaSummary,
    level: AreaLevel,
    name: &str,
    code: Option<&AreaCode>,
) -> Result<i64, StoreError> {
    let mut tx = db.write.begin().await?;
    let parent_ref = Some((parent.id, parent.path.as_str()));
    let (id, _) = insert_in(
        &mut tx,
        parent_ref,
        level,
        code.map(AreaCode::as_str),
        name,
        &now_db(),
    )
    .await?;
    let created: AreaSummary = sqlx::query_as(&format!("SELECT {COLUMNS} FROM areas WHERE id = ?"))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        user_id,
        "area",
        id,
        "create",
        None::<&()>,
        Some(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Inserts an area inside the caller's transaction and gives it its materialised path, which
/// needs the new id: the row is written with a placeholder that cannot collide, then the path is
/// set. `parent` is the parent's id and path; a city has none. Returns the id and path.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_in(
    conn: &mut SqliteConnection,
    parent: Option<(i64, &str)>,
    level: AreaLevel,
    code: Option<&str>,
    name: &str,
    created_at: &str,
) -> Result<(i64, String), StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO areas (parent_id, level, code, name, path, created_at)
         VALUES (?, ?, ?, ?, 'new:' || hex(randomblob(8)), ?) RETURNING id",
    )
    .bind(parent.map(|p| p.0))
    .bind(level)
    .bind(code)
    .bind(name)
    .bind(created_at)
    .fetch_one(&mut *conn)
    .await?;
    let path = format!("{}{id}/", parent.map_or("/", |p| p.1));
    sqlx::query("UPDATE areas SET path = ? WHERE id = ?")
        .bind(&path)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok((id, path))
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn update(
    db: &Db,
    user_id: i64,
    before: &AreaSummary,
    name: &str,
    code: Option<&AreaCode>,
) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    sqlx::query("UPDATE areas SET name = ?, code = ? WHERE id = ?")
        .bind(name)
        .bind(code.map(AreaCode::as_str))
        .bind(before.id)
        .execute(&mut *tx)
        .await?;
    let after = AreaSummary {
        name: name.to_owned(),
        code: code.map(|c| c.as_str().to_owned()),
        ..before.clone()
    };
    audit::record(
        &mut tx,
        user_id,
        "area",
        before.id,
        "update",
        Some(before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_active(
    db: &Db,
    user_id: i64,
    before: &AreaSummary,
    active: bool,
) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    sqlx::query("UPDATE areas SET active = ? WHERE id = ?")
        .bind(active)
        .bind(before.id)
        .execute(&mut *tx)
        .await?;
    let after = AreaSummary {
        active,
        ..before.clone()
    };
    let action = if active { "activate" } else { "deactivate" };
    audit::record(
        &mut tx,
        user_id,
        "area",
        before.id,
        action,
        Some(before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every active area a principal oversees, in tree order (a path sorts before its subtree).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn active_in_scopes(
    db: &Db,
    me: &crate::auth::Principal,
) -> Result<Vec<AreaSummary>, StoreError> {
    let paths: Vec<&str> = if me.is_admin {
        vec!["/"]
    } else {
        me.staff_scopes.iter().map(|s| s.path.as_str()).collect()
    };
    let mut all = Vec::new();
    for path in paths {
        let rows: Vec<AreaSummary> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM areas WHERE active = 1 AND path >= ?1 AND path < ?1 || '~' ORDER BY path"
        ))
        .bind(path)
        .fetch_all(&db.read)
        .await?;
        all.extend(rows);
    }
    Ok(all)
}
