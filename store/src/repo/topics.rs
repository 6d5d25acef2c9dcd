//! Topics (议题): proposed by anyone, reviewed by the platform's organizers, taken up at a
//! session. Every review is audited.

use super::StoreError;
use crate::{audit, clock::db_time, db::Db};
use chrono::NaiveDateTime;
use model::{
    domain::{RegistrationCode, TopicChannel, TopicSource, TopicStatus},
    views::topics::{Category, TopicFacts, TopicRow, TopicSession},
};

pub struct PlatformRef {
    pub name: String,
    pub area_path: String,
}

/// An active platform topics can be proposed at.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn platform(db: &Db, id: i64) -> Result<PlatformRef, StoreError> {
    let (name, area_path): (String, String) = sqlx::query_as(
        "SELECT p.name, a.path FROM platforms p JOIN areas a ON a.id = p.area_id
         WHERE p.id = ? AND p.status = 'active'",
    )
    .bind(id)
    .fetch_one(&db.read)
    .await?;
    Ok(PlatformRef { name, area_path })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn categories(db: &Db) -> Result<Vec<Category>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT code, name_zh, name_en FROM topic_categories ORDER BY sort_order, code",
    )
    .fetch_all(&db.read)
    .await?)
}

/// A new topic, parsed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewTopic {
    pub platform_id: i64,
    pub title: String,
    pub description: String,
    pub category: String,
    pub source: TopicSource,
    pub channel: TopicChannel,
    pub proposer_name: Option<String>,
    #[serde(skip)]
    pub proposer_mobile: Option<String>,
    pub proposer_user_id: Option<i64>,
}

/// Stores a topic and returns the code its proposer follows it by.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(
    db: &Db,
    t: &NewTopic,
    now: NaiveDateTime,
) -> Result<RegistrationCode, StoreError> {
    let mut tx = db.write.begin().await?;
    // A fresh random code; on the rare collision with an existing one, draw again.
    let mut stored = None;
    for _ in 0..8 {
        let code = super::registrations::new_code();
        let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO topics (platform_id, title, description, source, category_code, channel, proposer_name,
                 proposer_mobile, proposer_user_id, status, submitted_at, receipt_code)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
        )
        .bind(t.platform_id)
        .bind(&t.title)
        .bind(&t.description)
        .bind(t.source)
        .bind(&t.category)
        .bind(t.channel)
        .bind(&t.proposer_name)
        .bind(&t.proposer_mobile)
        .bind(t.proposer_user_id)
        .bind(db_time(now))
        .bind(code.as_str())
        .fetch_one(&mut *tx)
        .await;
        match inserted {
            Ok(id) => {
                stored = Some((id, code));
                break;
            }
            Err(sqlx::Error::Database(d))
                if d.is_unique_violation() && d.message().contains("receipt_code") =>
            {
                continue
            }
            Err(e) => return Err(e.into()),
        }
    }
    let (id, code) = stored.ok_or_else(|| StoreError::Conflict("no free topic code".into()))?;
    audit::record(
        &mut tx,
        t.proposer_user_id,
        "topic",
        id,
        "create",
        None::<&()>,
        Some(t),
    )
    .await?;
    tx.commit().await?;
    Ok(code)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_code(db: &Db, code: &RegistrationCode) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM topics WHERE receipt_code = ?")
            .bind(code.as_str())
            .fetch_optional(&db.read)
            .await?,
    )
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn facts(db: &Db, id: i64) -> Result<TopicFacts, StoreError> {
    Ok(sqlx::query_as(
        "SELECT t.id, t.title, t.description, c.name_zh AS category_zh, c.name_en AS category_en, t.source,
                t.channel, t.status, t.reply, t.submitted_at, t.platform_id, p.name AS platform_name,
                t.merged_into_id, m.title AS merged_into_title
         FROM topics t JOIN topic_categories c ON c.code = t.category_code
              JOIN platforms p ON p.id = t.platform_id LEFT JOIN topics m ON m.id = t.merged_into_id
         WHERE t.id = ?",
    )
    .bind(id)
    .fetch_one(&db.read)
    .await?)
}

/// The sessions that took a topic up (or the topic it was merged into).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn sessions_of(db: &Db, id: i64) -> Result<Vec<TopicSession>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.id, s.title, s.starts_at FROM session_topics st JOIN sessions s ON s.id = st.session_id
         WHERE (st.topic_id = ?1 OR st.topic_id = (SELECT merged_into_id FROM topics WHERE id = ?1))
           AND s.status <> 'draft'
         ORDER BY s.starts_at",
    )
    .bind(id)
    .fetch_all(&db.read)
    .await?)
}

/// The platform a topic was proposed at, and its area's path, for the permission check.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn host(db: &Db, id: i64) -> Result<(i64, String), StoreError> {
    Ok(sqlx::query_as(
        "SELECT t.platform_id, a.path FROM topics t JOIN platforms p ON p.id = t.platform_id
         JOIN areas a ON a.id = p.area_id WHERE t.id = ?",
    )
    .bind(id)
    .fetch_one(&db.read)
    .await?)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn proposer(db: &Db, id: i64) -> Result<(Option<String>, Option<String>), StoreError> {
    Ok(
        sqlx::query_as("SELECT proposer_name, proposer_mobile FROM topics WHERE id = ?")
            .bind(id)
            .fetch_one(&db.read)
            .await?,
    )
}

/// The platform's sessions that have not started, to take a topic up at.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn open_sessions(
    db: &Db,
    platform_id: i64,
    now: NaiveDateTime,
) -> Result<Vec<TopicSession>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, title, starts_at FROM sessions
         WHERE host_platform_id = ? AND status IN ('draft', 'published') AND starts_at > ?
         ORDER BY starts_at LIMIT 100",
    )
    .bind(platform_id)
    .bind(db_time(now))
    .fetch_all(&db.read)
    .await?)
}

/// Other topics of the platform still open (pending or accepted), to merge one into.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn merge_targets(
    db: &Db,
    platform_id: i64,
    except: i64,
) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, title FROM topics WHERE platform_id = ? AND id <> ? AND status IN ('pending', 'accepted')
         ORDER BY submitted_at DESC LIMIT 200",
    )
    .bind(platform_id)
    .bind(except)
    .fetch_all(&db.read)
    .await?)
}

/// Topics at the given platforms or in the given area subtrees, newest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(
    db: &Db,
    platforms: &[i64],
    area_paths: &[String],
    all: bool,
) -> Result<Vec<TopicRow>, StoreError> {
    let mut scope: Vec<String> = Vec::new();
    if !platforms.is_empty() {
        scope.push(format!(
            "t.platform_id IN ({})",
            vec!["?"; platforms.len()].join(",")
        ));
    }
    scope.extend(area_paths.iter().map(|_| "a.path LIKE ? || '%'".to_owned()));
    if scope.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT t.id, t.title, p.name AS platform_name, t.source, t.status, t.submitted_at
         FROM topics t JOIN platforms p ON p.id = t.platform_id JOIN areas a ON a.id = p.area_id
         WHERE ({}) {} ORDER BY t.submitted_at DESC, t.id DESC LIMIT 300",
        scope.join(" OR "),
        if all { "" } else { "AND t.status = 'pending'" }
    );
    let mut q = sqlx::query_as::<_, TopicRow>(&sql);
    for p in platforms {
        q = q.bind(p);
    }
    for path in area_paths {
        q = q.bind(path);
    }
    Ok(q.fetch_all(&db.read).await?)
}

/// A reviewer's decision.
#[derive(Debug, Clone, serde::Serialize)]
pub enum Decision {
    /// 立项, taken up at the session given.
    Accept(Option<i64>),
    Merge(i64),
    Decline,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Reviewed {
    Done,
    /// Merged, declined or already consulted on: no longer open to review.
    Closed,
}

#[derive(Debug, serde::Serialize, sqlx::FromRow)]
struct ReviewState {
    status: TopicStatus,
    merged_into_id: Option<i64>,
    reply: Option<String>,
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn review(
    db: &Db,
    by: i64,
    id: i64,
    decision: &Decision,
    reply: Option<&str>,
    now: NaiveDateTime,
) -> Result<Reviewed, StoreError> {
    let mut tx = db.write.begin().await?;
    let before: ReviewState =
        sqlx::query_as("SELECT status, merged_into_id, reply FROM topics WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if !matches!(before.status, TopicStatus::Pending | TopicStatus::Accepted) {
        return Ok(Reviewed::Closed);
    }
    let (status, merged_into) = match decision {
        Decision::Accept(_) => (TopicStatus::Accepted, None),
        Decision::Merge(into) => (TopicStatus::Merged, Some(*into)),
        Decision::Decline => (TopicStatus::Declined, None),
    };
    let reply = reply.map(str::to_owned).or(before.reply.clone());
    sqlx::query(
        "UPDATE topics SET status = ?, merged_into_id = ?, reply = ?, reviewed_at = ?, reviewed_by = ? WHERE id = ?",
    )
    .bind(status)
    .bind(merged_into)
    .bind(&reply)
    .bind(db_time(now))
    .bind(by)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if let Decision::Decline = decision {
        // A declined topic's photo is kept no longer: its record goes now, and the hourly
        // sweep removes the file no record names (`uploads::sweep_unrecorded`).
        let photo: Option<i64> = sqlx::query_scalar("SELECT photo_id FROM topics WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if let Some(photo) = photo {
            sqlx::query(
                "UPDATE topics SET photo_id = NULL WHERE id = ?1; DELETE FROM attachments WHERE id = ?2",
            )
            .bind(id)
            .bind(photo)
            .execute(&mut *tx)
            .await?;
        }
    }
    if let Decision::Accept(Some(session)) = decision {
        sqlx::query("INSERT OR IGNORE INTO session_topics (session_id, topic_id) VALUES (?, ?)")
            .bind(session)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let after = ReviewState {
        status,
        merged_into_id: merged_into,
        reply,
    };
    audit::record(
        &mut tx,
        by,
        "topic",
        id,
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Reviewed::Done)
}

#[derive(Debug, PartialEq, Eq)]
pub enum PhotoAdded {
    Done,
    /// The topic has its photo already.
    Already,
}

/// Keeps a stored photo as the topic's one photo.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn add_photo(
    db: &Db,
    topic_id: i64,
    photo: &super::minutes::NewAttachment,
    now: NaiveDateTime,
) -> Result<PhotoAdded, StoreError> {
    let mut tx = db.write.begin().await?;
    let has: Option<i64> = sqlx::query_scalar("SELECT photo_id FROM topics WHERE id = ?")
        .bind(topic_id)
        .fetch_one(&mut *tx)
        .await?;
    if has.is_some() {
        return Ok(PhotoAdded::Already);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO attachments (kind, file_name, content_type, size_bytes, storage_key, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(photo.kind)
    .bind(&photo.file_name)
    .bind(photo.content_type)
    .bind(i64::try_from(photo.size_bytes).unwrap_or(i64::MAX))
    .bind(&photo.storage_key)
    .bind(db_time(now))
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE topics SET photo_id = ? WHERE id = ?")
        .bind(id)
        .bind(topic_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        None,
        "topic",
        topic_id,
        "update",
        None::<&()>,
        Some(photo),
    )
    .await?;
    tx.commit().await?;
    Ok(PhotoAdded::Done)
}

/// The storage key of a topic's photo, for its reviewers.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn photo_key(db: &Db, topic_id: i64) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT f.storage_key FROM topics t JOIN attachments f ON f.id = t.photo_id WHERE t.id = ?",
    )
    .bind(topic_id)
    .fetch_optional(&db.read)
    .await?)
}

/// Erases the numbers proposers left for a reply (`proposer_mobile`) on topics untouched since
/// before `cutoff` — reviewed then, or submitted then and never reviewed. Members' topics keep
/// nothing to erase: their account is the link. Returns how many numbers were erased.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn erase_numbers_before(db: &Db, cutoff: NaiveDateTime) -> Result<u64, StoreError> {
    Ok(sqlx::query(
        "UPDATE topics SET proposer_mobile = NULL
         WHERE proposer_mobile IS NOT NULL AND coalesce(reviewed_at, submitted_at) < ?",
    )
    .bind(db_time(cutoff))
    .execute(&db.write)
    .await?
    .rows_affected())
}
