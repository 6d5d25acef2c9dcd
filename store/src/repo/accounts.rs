//! Managing accounts: who oversees whom, creation with a one-time password, deactivation.

use sqlx::SqliteConnection;

use super::{
    users::{self, Grant},
    StoreError,
};
use crate::{
    audit,
    auth::{hash_password, one_time_password, Principal},
    db::Db,
};
use model::{
    domain::MemberLevel,
    views::users::{Choice, GrantView, UserRow},
};

/// The kind of account to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewGrant {
    Staff {
        area_id: i64,
    },
    Organizer {
        platform_id: i64,
    },
    /// A member, managed by the staff of `area_id` (only by administrators without one).
    Member {
        level: MemberLevel,
        sector: String,
        area_id: Option<i64>,
    },
}

/// One grant of an account, with the area path that decides who oversees it.
#[derive(sqlx::FromRow)]
struct GrantRow {
    user_id: i64,
    role: String,
    place: Option<String>,
    path: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    user_id: i64,
    level: MemberLevel,
    sector: String,
    /// The home area's path; the staff over it manage the account.
    path: Option<String>,
}

/// Staff and organizer accounts of the viewer's subtree, and all members (members serve the
/// whole city); administrators see everyone. Newest first, at most 500.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_for(db: &Db, me: &Principal) -> Result<Vec<UserRow>, StoreError> {
    let accounts: Vec<(i64, String, String, bool)> =
        sqlx::query_as("SELECT id, username, display_name, active FROM users ORDER BY id DESC")
            .fetch_all(&db.read)
            .await?;
    let grants: Vec<GrantRow> = sqlx::query_as(
        "SELECT r.user_id, r.role, coalesce(a.name, p.name) AS place, coalesce(a.path, pa.path) AS path
         FROM user_roles r
         LEFT JOIN areas a ON a.id = r.area_id
         LEFT JOIN platforms p ON p.id = r.platform_id
         LEFT JOIN areas pa ON pa.id = p.area_id",
    )
    .fetch_all(&db.read)
    .await?;
    let members: Vec<MemberRow> = sqlx::query_as(
        "SELECT m.user_id, m.level, m.sector, a.path FROM member_profiles m
             LEFT JOIN areas a ON a.id = m.area_id",
    )
    .fetch_all(&db.read)
    .await?;
    let mut rows = Vec::new();
    for (id, username, display_name, active) in accounts {
        let mine: Vec<&GrantRow> = grants.iter().filter(|g| g.user_id == id).collect();
        let member = members.iter().find(|m| m.user_id == id);
        let within = |g: &&GrantRow| g.path.as_deref().is_some_and(|p| me.covers_area(p));
        let visible =
            me.is_admin || mine.iter().any(within) || (member.is_some() && mine.is_empty());
        if !visible {
            continue;
        }
        // Every grant, and a member's home area, must lie in the viewer's scope: a member
        // without a home area is the administrators' alone.
        let member_within =
            member.is_none_or(|m| m.path.as_deref().is_some_and(|p| me.covers_area(p)));
        let manageable = id != me.user_id
            && (me.is_admin
                || (mine.iter().all(within)
                    && !mine.iter().any(|g| g.role == "admin")
                    && member_within));
        let mut views: Vec<GrantView> = mine
            .iter()
            .map(|g| {
                let place = g.place.clone().unwrap_or_default();
                match g.role.as_str() {
                    "staff" => GrantView::Staff { area: place },
                    "organizer" => GrantView::Organizer { platform: place },
                    _ => GrantView::Admin,
                }
            })
            .collect();
        if let Some(m) = member {
            views.push(GrantView::Member {
                level: m.level,
                sector: m.sector.clone(),
            });
        }
        rows.push(UserRow {
            id,
            username,
            display_name,
            active,
            grants: views,
            manageable,
        });
        if rows.len() == 500 {
            break;
        }
    }
    Ok(rows)
}

/// Active platforms in the viewer's scope, for the organizer choice.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn platform_choices(db: &Db, me: &Principal) -> Result<Vec<Choice>, StoreError> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT p.id, p.name, a.path FROM platforms p JOIN areas a ON a.id = p.area_id
         WHERE p.status = 'active' ORDER BY a.path, p.name",
    )
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, path)| me.covers_area(path))
        .map(|(id, label, _)| Choice { id, label })
        .collect())
}

/// May the viewer deactivate or reset this account: it is not theirs, and every grant it holds
/// lies in their scope (administrators only by administrators).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn manageable_by(db: &Db, me: &Principal, user_id: i64) -> Result<bool, StoreError> {
    Ok(list_for(db, me)
        .await?
        .into_iter()
        .any(|u| u.id == user_id && u.manageable))
}

/// Creates the account and returns its one-time password.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(
    db: &Db,
    by: i64,
    username: &str,
    display_name: &str,
    grant: &NewGrant,
) -> Result<String, StoreError> {
    let password = one_time_password();
    let hash = hash_password(password.clone())
        .await
        .expect("16 characters are long enough");
    let grants = match grant {
        NewGrant::Staff { area_id } => vec![Grant::Staff { area_id: *area_id }],
        NewGrant::Organizer { platform_id } => vec![Grant::Organizer {
            platform_id: *platform_id,
        }],
        NewGrant::Member { .. } => vec![],
    };
    let mut tx = db.write.begin().await?;
    let id = users::create_in(&mut tx, username, display_name, &hash, &grants).await?;
    if let NewGrant::Member {
        level,
        sector,
        area_id,
    } = grant
    {
        sqlx::query(
            "INSERT INTO member_profiles (user_id, level, sector, area_id) VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(*level)
        .bind(sector)
        .bind(area_id)
        .execute(&mut *tx)
        .await?;
    }
    let after = serde_json::json!({ "username": username, "display_name": display_name, "grant": format!("{grant:?}") });
    audit::record(&mut tx, by, "user", id, "create", None::<&()>, Some(&after)).await?;
    tx.commit().await?;
    Ok(password)
}

async fn end_sessions(conn: &mut SqliteConnection, user_id: i64) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM auth_sessions WHERE user_id = ?")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_active(db: &Db, by: i64, user_id: i64, active: bool) -> Result<(), StoreError> {
    let mut tx = db.write.begin().await?;
    sqlx::query("UPDATE users SET active = ? WHERE id = ?")
        .bind(active)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    if !active {
        end_sessions(&mut tx, user_id).await?;
    }
    let action = if active { "activate" } else { "deactivate" };
    audit::record(
        &mut tx,
        by,
        "user",
        user_id,
        action,
        None::<&()>,
        Some(&serde_json::json!({ "active": active })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets a new one-time password and returns the username with it.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn reset_password(
    db: &Db,
    by: i64,
    user_id: i64,
) -> Result<(String, String), StoreError> {
    let password = one_time_password();
    let hash = hash_password(password.clone())
        .await
        .expect("16 characters are long enough");
    let mut tx = db.write.begin().await?;
    let username: String =
        sqlx::query_scalar("UPDATE users SET password_hash = ? WHERE id = ? RETURNING username")
            .bind(&hash)
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
    end_sessions(&mut tx, user_id).await?;
    audit::record(
        &mut tx,
        by,
        "user",
        user_id,
        "update",
        None::<&()>,
        Some(&serde_json::json!({ "password": "reset" })),
    )
    .await?;
    tx.commit().await?;
    Ok((username, password))
}
