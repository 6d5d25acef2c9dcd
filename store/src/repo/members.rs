//! Members' records, read from their registrations and the suggestions they proposed.

use super::StoreError;
use crate::db::Db;
use model::{
    domain::MemberLevel,
    views::members::{MemberRecord, MemberSuggestion, Participation},
};

#[tracing::instrument(level = "debug", skip_all)]
pub async fn record(db: &Db, user_id: i64) -> Result<MemberRecord, StoreError> {
    let (name, level, sector, committee): (String, MemberLevel, String, Option<String>) =
        sqlx::query_as(
            "SELECT u.display_name, m.level, m.sector, m.committee
             FROM users u JOIN member_profiles m ON m.user_id = u.id WHERE u.id = ?",
        )
        .bind(user_id)
        .fetch_one(&db.read)
        .await?;
    let participations: Vec<Participation> = sqlx::query_as(
        "SELECT s.id AS session_id, s.title, s.kind, s.starts_at, p.name AS platform_name, r.state, r.member_level
         FROM registrations r JOIN sessions s ON s.id = r.session_id JOIN platforms p ON p.id = s.host_platform_id
         WHERE r.member_user_id = ? AND r.state IN ('attended', 'absent', 'leave') AND s.status <> 'cancelled'
         ORDER BY s.starts_at DESC LIMIT 500",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await?;
    let suggestions: Vec<MemberSuggestion> = sqlx::query_as(
        "SELECT s.id AS session_id, s.title AS session_title, s.starts_at, o.text, o.handling_status, o.adoption
         FROM outcomes o JOIN sessions s ON s.id = o.session_id
         WHERE o.proposer_user_id = ? ORDER BY s.starts_at DESC, o.id LIMIT 500",
    )
    .bind(user_id)
    .fetch_all(&db.read)
    .await?;
    Ok(MemberRecord {
        user_id,
        name,
        level,
        sector,
        committee,
        participations,
        suggestions,
    })
}
