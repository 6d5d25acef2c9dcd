use sqlx::SqliteConnection;

use crate::{
    audit,
    clock::{now_db, now_local},
    db::Db,
};
use model::{
    domain::PlatformStatus,
    views::{
        areas::AreaSummary,
        platforms::{PlatformCard, PlatformDetail, PlatformFields, PlatformMove, PlatformType},
    },
};

use super::StoreError;

const CARD: &str = "SELECT p.id, p.name, p.brand_name, t.code, t.name_zh, t.name_en, a.name AS area_name,
        p.address, p.status
    FROM platforms p JOIN platform_types t ON t.code = p.type_code JOIN areas a ON a.id = p.area_id";

const DETAIL: &str = "SELECT p.id, p.name, p.brand_name, t.code, t.name_zh, t.name_en, p.area_id,
        a.name AS area_name, a.path AS area_path, p.convener, p.address, p.description, p.status,
        p.star_rating, p.established_on
    FROM platforms p JOIN platform_types t ON t.code = p.type_code JOIN areas a ON a.id = p.area_id";

#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(db: &Db, id: i64) -> Result<PlatformDetail, StoreError> {
    Ok(sqlx::query_as(&format!("{DETAIL} WHERE p.id = ?"))
        .bind(id)
        .fetch_one(&db.read)
        .await?)
}

/// A platform as the current transaction sees it (for the audit entry of a change).
async fn detail_in(conn: &mut SqliteConnection, id: i64) -> Result<PlatformDetail, StoreError> {
    Ok(sqlx::query_as(&format!("{DETAIL} WHERE p.id = ?"))
        .bind(id)
        .fetch_one(conn)
        .await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn types(db: &Db) -> Result<Vec<PlatformType>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT code, name_zh, name_en FROM platform_types ORDER BY sort_order, code",
    )
    .fetch_all(&db.read)
    .await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn type_exists(db: &Db, code: &str) -> Result<bool, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM platform_types WHERE code = ?)")
            .bind(code)
            .fetch_one(&db.read)
            .await?,
    )
}

/// The active platforms standing directly in an area.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cards_in_area(db: &Db, area_id: i64) -> Result<Vec<PlatformCard>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{CARD} WHERE p.area_id = ? AND p.status = 'active' ORDER BY t.sort_order, p.name"
    ))
    .bind(area_id)
    .fetch_all(&db.read)
    .await?)
}

/// A page of the platforms anywhere under an area, with the total.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cards_in_subtree(
    db: &Db,
    path: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<PlatformCard>, i64), StoreError> {
    let cards = sqlx::query_as(&format!(
        "{CARD} WHERE a.path >= ?1 AND a.path < ?1 || '~' ORDER BY a.path, t.sort_order, p.name LIMIT ?2 OFFSET ?3"
    ))
    .bind(path)
    .bind(limit)
    .bind(offset)
    .fetch_all(&db.read)
    .await?;
    let total = sqlx::query_scalar(
        "SELECT count(*) FROM platforms p JOIN areas a ON a.id = p.area_id WHERE a.path >= ?1 AND a.path < ?1 || '~'",
    )
    .bind(path)
    .fetch_one(&db.read)
    .await?;
    Ok((cards, total))
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn cards_by_ids(db: &Db, ids: &[i64]) -> Result<Vec<PlatformCard>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = vec!["?"; ids.len()].join(",");
    let sql = format!("{CARD} WHERE p.id IN ({placeholders}) ORDER BY p.name");
    let mut q = sqlx::query_as(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(&db.read).await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn moves(db: &Db, platform_id: i64) -> Result<Vec<PlatformMove>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT m.moved_on, f.name AS from_area, t.name AS to_area, m.reason FROM platform_moves m
         JOIN areas f ON f.id = m.from_area_id JOIN areas t ON t.id = m.to_area_id
         WHERE m.platform_id = ? ORDER BY m.id DESC",
    )
    .bind(platform_id)
    .fetch_all(&db.read)
    .await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(
    db: &Db,
    user_id: i64,
    area_id: i64,
    f: &PlatformFields,
) -> Result<i64, StoreError> {
    let mut tx = db.write.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO platforms (name, brand_name, type_code, area_id, convener, address, description,
             star_rating, established_on, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&f.name)
    .bind(&f.brand_name)
    .bind(&f.type_code)
    .bind(area_id)
    .bind(&f.convener)
    .bind(&f.address)
    .bind(&f.description)
    .bind(f.star_rating)
    .bind(f.established_on.to_string())
    .bind(now_db())
    .fetch_one(&mut *tx)
    .await?;
    let after = detail_in(&mut tx, id).await?;
    audit::record(
        &mut tx,
        user_id,
        "platform",
        id,
        "create",
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn update(
    db: &Db,
    user_id: i64,
    before: &PlatformDetail,
    f: &PlatformFields,
) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    sqlx::query(
        "UPDATE platforms SET name = ?, brand_name = ?, type_code = ?, convener = ?, address = ?,
             description = ?, star_rating = ?, established_on = ? WHERE id = ?",
    )
    .bind(&f.name)
    .bind(&f.brand_name)
    .bind(&f.type_code)
    .bind(&f.convener)
    .bind(&f.address)
    .bind(&f.description)
    .bind(f.star_rating)
    .bind(f.established_on.to_string())
    .bind(before.id)
    .execute(&mut *tx)
    .await?;
    let after = detail_in(&mut tx, before.id).await?;
    audit::record(
        &mut tx,
        user_id,
        "platform",
        before.id,
        "update",
        Some(before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves a platform, records the move, and takes its not-yet-started sessions along; sessions
/// already held stay in the area they were held in.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn move_to(
    db: &Db,
    user_id: i64,
    before: &PlatformDetail,
    to: &AreaSummary,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    let now = now_local();
    let mut tx = db.write.begin().await?;
    sqlx::query("UPDATE platforms SET area_id = ? WHERE id = ?")
        .bind(to.id)
        .bind(before.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO platform_moves (platform_id, from_area_id, to_area_id, moved_on, moved_by, reason)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(before.id)
    .bind(before.area_id)
    .bind(to.id)
    .bind(now.date().to_string())
    .bind(user_id)
    .bind(reason)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE sessions SET area_id = ? WHERE host_platform_id = ? AND starts_at > ?")
        .bind(to.id)
        .bind(before.id)
        .bind(crate::clock::db_time(now))
        .execute(&mut *tx)
        .await?;
    let after = detail_in(&mut tx, before.id).await?;
    audit::record(
        &mut tx,
        user_id,
        "platform",
        before.id,
        "move",
        Some(before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_status(
    db: &Db,
    user_id: i64,
    before: &PlatformDetail,
    status: PlatformStatus,
) -> Result<(), StoreError> {
    let deactivated_on =
        (status == PlatformStatus::Inactive).then(|| now_local().date().to_string());
    let mut tx = db.write.begin().await?;
    sqlx::query("UPDATE platforms SET status = ?, deactivated_on = ? WHERE id = ?")
        .bind(status)
        .bind(deactivated_on)
        .bind(before.id)
        .execute(&mut *tx)
        .await?;
    let after = PlatformDetail {
        status,
        ..before.clone()
    };
    let action = match status {
        PlatformStatus::Active => "activate",
        PlatformStatus::Inactive => "deactivate",
    };
    audit::record(
        &mut tx,
        user_id,
        "platform",
        before.id,
        action,
        Some(before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
