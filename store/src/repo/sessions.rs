//! Sessions as residents see them.

use chrono::NaiveDateTime;

use super::StoreError;
use crate::{clock::db_time, db::Db};
use model::{
    domain::{RegistrationRole, SessionKind},
    views::sessions::{PublicSession, SessionCard},
};

/// The card columns; `taken` is the seats held (kept by migration 8's triggers).
pub const CARD: &str = "SELECT s.id, s.title, s.kind, s.format, s.status, s.starts_at, s.ends_at, s.signup_deadline,
        s.place, s.host_platform_id AS platform_id, p.name AS platform_name, a.name AS area_name, s.seats,
        s.seats_taken AS taken
    FROM sessions s JOIN platforms p ON p.id = s.host_platform_id JOIN areas a ON a.id = s.area_id";

/// Which upcoming sessions to list.
#[derive(Debug, Clone, Copy)]
pub enum Where<'a> {
    Anywhere,
    /// Held in this area or below it, by the session's own copy of its area's path: a filter
    /// on the joined area's path makes SQLite build a Bloom filter over every area on each
    /// request (4× the time of the list on the province).
    UnderArea(&'a str),
    /// Hosted by this platform.
    AtPlatform(i64),
}

/// Published sessions that have not started, soonest first; of one kind, if given, and from a
/// later time than now, if given.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upcoming(
    db: &Db,
    filter: Where<'_>,
    kind: Option<SessionKind>,
    from: Option<NaiveDateTime>,
    now: NaiveDateTime,
    limit: i64,
) -> Result<Vec<SessionCard>, StoreError> {
    let (path, platform) = match filter {
        Where::Anywhere => (None, None),
        Where::UnderArea(path) => (Some(path), None),
        Where::AtPlatform(id) => (None, Some(id)),
    };
    let cards: Vec<SessionCard> = sqlx::query_as(&format!(
        "{CARD} WHERE s.status = 'published' AND s.starts_at > ?1
           AND (?2 IS NULL OR (s.area_path >= ?2 AND s.area_path < ?2 || '~'))
           AND (?4 IS NULL OR s.host_platform_id = ?4)
           AND (?5 IS NULL OR s.kind = ?5)
         ORDER BY s.starts_at LIMIT ?3"
    ))
    .bind(db_time(from.map_or(now, |f| f.max(now))))
    .bind(path)
    .bind(limit)
    .bind(platform)
    .bind(kind)
    .fetch_all(&db.read)
    .await?;
    Ok(cards.into_iter().map(|c| c.with_clock(now)).collect())
}

/// How many sessions [`upcoming`] would list under each area one level below the area at `path`
/// (of one kind, from a later time, if given): each child's path with its count, for the chips
/// that narrow the list, so none of them leads to an empty page unannounced.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upcoming_by_child(
    db: &Db,
    path: &str,
    kind: Option<SessionKind>,
    from: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT substr(s.area_path, 1, length(?2) + instr(substr(s.area_path, length(?2) + 1), '/')) AS child,
                count(*)
         FROM sessions s
         WHERE s.status = 'published' AND s.starts_at > ?1
           AND s.area_path > ?2 AND s.area_path < ?2 || '~'
           AND (?3 IS NULL OR s.kind = ?3)
         GROUP BY child",
    )
    .bind(db_time(from.map_or(now, |f| f.max(now))))
    .bind(path)
    .bind(kind)
    .fetch_all(&db.read)
    .await?)
}

/// Sessions for a calendar feed: everything not a draft that starts after `since`, cancelled
/// ones included so that subscribers' calendars drop them.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn feed(
    db: &Db,
    filter: Where<'_>,
    since: NaiveDateTime,
    limit: i64,
) -> Result<Vec<SessionCard>, StoreError> {
    let (path, platform) = match filter {
        Where::Anywhere => (None, None),
        Where::UnderArea(path) => (Some(path), None),
        Where::AtPlatform(id) => (None, Some(id)),
    };
    Ok(sqlx::query_as(&format!(
        "{CARD} WHERE s.status <> 'draft' AND s.starts_at > ?1
           AND (?2 IS NULL OR (s.area_path >= ?2 AND s.area_path < ?2 || '~'))
           AND (?4 IS NULL OR s.host_platform_id = ?4)
         ORDER BY s.starts_at LIMIT ?3"
    ))
    .bind(db_time(since))
    .bind(path)
    .bind(limit)
    .bind(platform)
    .fetch_all(&db.read)
    .await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn card(db: &Db, id: i64) -> Result<SessionCard, StoreError> {
    let card: SessionCard = sqlx::query_as(&format!("{CARD} WHERE s.id = ?"))
        .bind(id)
        .fetch_one(&db.read)
        .await?;
    Ok(card.with_clock(crate::clock::now_local()))
}

/// What a session's public page shows beyond its card.
#[derive(sqlx::FromRow)]
struct PublicRow {
    #[sqlx(flatten)]
    card: SessionCard,
    summary: String,
    format_local_name: Option<String>,
    audience: String,
    waiting: i64,
    /// This browser's registrations here, as a JSON list of `[code, name]`.
    mine: String,
    coorganizers: String,
}

/// A session's public page; `None` for a draft. `device` is the key of the browser asking
/// (`backend::device`): the registrations it made here come with the page. One
/// statement: each is a round trip to the connection's thread, and this is the page a whole city
/// opens.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn public(
    db: &Db,
    id: i64,
    device: Option<&str>,
) -> Result<Option<PublicSession>, StoreError> {
    let row: PublicRow = sqlx::query_as(&format!(
        "SELECT c.*, s.summary, s.format_local_name, s.audience,
                (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.state = 'waitlisted') AS waiting,
                (SELECT json_group_array(json_array(r.code, r.name)) FROM registrations r
                 WHERE ?2 IS NOT NULL AND r.session_id = s.id AND r.device_hash = ?2 AND r.state <> 'cancelled'
                ) AS mine,
                (SELECT json_group_array(json_array(p.id, p.name)) FROM session_coorganizers co
                 JOIN platforms p ON p.id = co.platform_id WHERE co.session_id = s.id
                ) AS coorganizers
         FROM ({CARD} WHERE s.id = ?1) c JOIN sessions s ON s.id = c.id"
    ))
    .bind(id)
    .bind(device)
    .fetch_one(&db.read)
    .await?;
    let PublicRow {
        card,
        summary,
        format_local_name,
        audience,
        waiting,
        mine,
        coorganizers,
    } = row;
    let card = card.with_clock(crate::clock::now_local());
    if card.status == model::domain::SessionStatus::Draft {
        return Ok(None);
    }
    let invited_roles: Vec<RegistrationRole> = if audience == "invited_roles" {
        sqlx::query_scalar("SELECT role FROM session_roles WHERE session_id = ? ORDER BY rowid")
            .bind(id)
            .fetch_all(&db.read)
            .await?
    } else {
        Vec::new()
    };
    Ok(Some(PublicSession {
        format: card.format,
        card,
        summary,
        format_local_name,
        invited_roles,
        waiting,
        member: None,
        mine: serde_json::from_str(&mine).unwrap_or_default(),
        coorganizers: serde_json::from_str(&coorganizers).unwrap_or_default(),
    }))
}

/// The sessions hosted or co-hosted by these platforms that start in `[from, to)`, in time order.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn between_at(
    db: &Db,
    platform_ids: &[i64],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<SessionCard>, StoreError> {
    if platform_ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = vec!["?"; platform_ids.len()].join(",");
    let sql = format!(
        "{CARD} WHERE (s.host_platform_id IN ({placeholders})
             OR s.id IN (SELECT session_id FROM session_coorganizers WHERE platform_id IN ({placeholders})))
           AND s.starts_at >= ? AND s.starts_at < ?
         ORDER BY s.starts_at LIMIT 1000"
    );
    let mut q = sqlx::query_as(&sql);
    for id in platform_ids.iter().chain(platform_ids) {
        q = q.bind(*id);
    }
    let now = crate::clock::now_local();
    Ok(q.bind(db_time(from))
        .bind(db_time(to))
        .fetch_all(&db.read)
        .await?
        .into_iter()
        .map(|c: SessionCard| c.with_clock(now))
        .collect())
}
