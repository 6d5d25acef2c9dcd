use sqlx::SqliteConnection;

use crate::{clock::now_db, db::Db};

use super::StoreError;

/// The id and password hash of an active account, for login.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn find_login(db: &Db, username: &str) -> Result<Option<(i64, String)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT id, password_hash FROM users WHERE username = ? AND active = 1")
            .bind(username.trim())
            .fetch_optional(&db.read)
            .await?,
    )
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn password_hash(db: &Db, user_id: i64) -> Result<String, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(&db.read)
            .await?,
    )
}

/// The number an account is told on (overdue suggestions of its sessions), if it gave one.
pub async fn notice_mobile(db: &Db, user_id: i64) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT mobile FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_one(&db.read)
        .await?)
}

pub async fn set_notice_mobile(
    db: &Db,
    user_id: i64,
    mobile: Option<&model::domain::Mobile>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET mobile = ? WHERE id = ?")
        .bind(mobile.map(model::domain::Mobile::as_str))
        .bind(user_id)
        .execute(&db.write)
        .await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_password(db: &Db, user_id: i64, hash: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(user_id)
        .execute(&db.write)
        .await?;
    Ok(())
}

/// A role grant, as `user_roles` stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    Admin,
    Staff { area_id: i64 },
    Organizer { platform_id: i64 },
}

/// Creates an account with its grants in one transaction.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(
    db: &Db,
    username: &str,
    display_name: &str,
    password_hash: &str,
    grants: &[Grant],
) -> Result<i64, StoreError> {
    let mut tx = db.write.begin().await?;
    let id = create_in(&mut tx, username, display_name, password_hash, grants).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates an account with its grants inside the caller's transaction.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create_in(
    conn: &mut SqliteConnection,
    username: &str,
    display_name: &str,
    password_hash: &str,
    grants: &[Grant],
) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(username)
    .bind(display_name)
    .bind(password_hash)
    .bind(now_db())
    .fetch_one(&mut *conn)
    .await?;
    for grant in grants {
        let (role, area, platform) = match *grant {
            Grant::Admin => ("admin", None, None),
            Grant::Staff { area_id } => ("staff", Some(area_id), None),
            Grant::Organizer { platform_id } => ("organizer", None, Some(platform_id)),
        };
        sqlx::query(
            "INSERT INTO user_roles (user_id, role, area_id, platform_id) VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(role)
        .bind(area)
        .bind(platform)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}
