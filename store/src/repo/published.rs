//! Figures made public by staff: one snapshot per area and year.

use chrono::NaiveDateTime;

use super::StoreError;
use crate::{audit, clock::db_time, db::Db};
use model::{domain::Figures, views::published::PublishedFigures};

/// Publishes (or republishes) an area's figures for a year, as they are now.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn publish(
    db: &Db,
    by: i64,
    area_id: i64,
    year: i32,
    figures: &Figures,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(figures).map_err(|e| StoreError::Conflict(e.to_string()))?;
    let mut tx = db.write.begin().await?;
    let before: Option<String> = sqlx::query_scalar(
        "SELECT figures_json FROM published_figures WHERE area_id = ? AND year = ?",
    )
    .bind(area_id)
    .bind(year)
    .fetch_optional(&mut *tx)
    .await?;
    let before: Option<Figures> = before.and_then(|j| serde_json::from_str(&j).ok());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO published_figures (area_id, year, figures_json, published_at, published_by)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (area_id, year) DO UPDATE SET figures_json = excluded.figures_json,
             published_at = excluded.published_at, published_by = excluded.published_by
         RETURNING id",
    )
    .bind(area_id)
    .bind(year)
    .bind(&json)
    .bind(db_time(now))
    .bind(by)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        by,
        "published_figures",
        id,
        if before.is_some() { "update" } else { "create" },
        before.as_ref(),
        Some(figures),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes an area's figures for a year off the public page.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn withdraw(db: &Db, by: i64, area_id: i64, year: i32) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    let gone: Option<(i64, String)> = sqlx::query_as(
        "DELETE FROM published_figures WHERE area_id = ? AND year = ? RETURNING id, figures_json",
    )
    .bind(area_id)
    .bind(year)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((id, json)) = gone {
        let before: Option<Figures> = serde_json::from_str(&json).ok();
        audit::record(
            &mut tx,
            by,
            "published_figures",
            id,
            "delete",
            before.as_ref(),
            None::<&()>,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// When an area's year was published, if it is.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn published_at(
    db: &Db,
    area_id: i64,
    year: i32,
) -> Result<Option<NaiveDateTime>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT published_at FROM published_figures WHERE area_id = ? AND year = ?",
    )
    .bind(area_id)
    .bind(year)
    .fetch_optional(&db.read)
    .await?)
}

/// Everything published, newest year first, areas from the top of the tree down.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn all(db: &Db) -> Result<Vec<PublishedFigures>, StoreError> {
    let rows: Vec<(i64, String, i32, String, NaiveDateTime)> = sqlx::query_as(
        "SELECT a.id, a.name, f.year, f.figures_json, f.published_at
         FROM published_figures f JOIN areas a ON a.id = f.area_id
         ORDER BY f.year DESC, length(a.path) - length(replace(a.path, '/', '')), a.code, a.name",
    )
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(area_id, area_name, year, json, published_at)| {
            Some(PublishedFigures {
                area_id,
                area_name,
                year,
                figures: serde_json::from_str(&json).ok()?,
                published_at,
            })
        })
        .collect())
}
