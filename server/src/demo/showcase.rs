//! Two sessions at the demo organizer's platform that show the loop after the meeting without
//! waiting for one: a session held three days ago whose outcome is still to be recorded, and a
//! concluded one whose participants can rate it with the registration codes `YSTDEM22` to
//! `YSTDEM29` (listed in the README).

use chrono::{NaiveDateTime, NaiveTime, TimeDelta};
use sqlx::SqliteConnection;

use store::repo::StoreError;

fn ts(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The registration codes of the rateable session's participants.
const RATING_CODES: [&str; 8] = [
    "YSTDEM22", "YSTDEM23", "YSTDEM24", "YSTDEM25", "YSTDEM26", "YSTDEM27", "YSTDEM28", "YSTDEM29",
];

pub async fn generate(
    tx: &mut SqliteConnection,
    platform: i64,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let afternoon = NaiveTime::from_hms_opt(14, 0, 0).expect("valid time");
    let held = session(
        tx,
        platform,
        "楼道堆物整治协商（待记录成果）",
        (now.date() - TimeDelta::days(3)).and_time(afternoon),
        "held",
    )
    .await?;
    let names = ["周建华", "吴淑芬", "郑国强", "孙丽萍", "马德胜", "胡桂英"];
    for (i, name) in names.iter().enumerate() {
        attend(tx, held, &format!("YSTHDA2{}", i + 2), name, now).await?;
    }
    let concluded = session(
        tx,
        platform,
        "小区停车难协商（可评价）",
        (now.date() - TimeDelta::days(20)).and_time(afternoon),
        "concluded",
    )
    .await?;
    for (i, code) in RATING_CODES.iter().enumerate() {
        attend(tx, concluded, code, &format!("演示居民{}", i + 1), now).await?;
    }
    let recorded = ts(now - TimeDelta::days(19));
    sqlx::query(
        "INSERT INTO minutes (session_id, agenda, key_points, consensus, disagreements, recorded_at, updated_at)
         VALUES (?, '一、通报小区停车现状；二、居民发言；三、形成共识', '夜间停车位缺口约80个，消防通道常被占用',
                 '利用小区东侧闲置地新增停车位，消防通道划线管理', '', ?, ?)",
    )
    .bind(concluded)
    .bind(&recorded)
    .bind(&recorded)
    .execute(&mut *tx)
    .await?;
    let deadline = (now.date() + TimeDelta::days(40)).to_string();
    sqlx::query(
        "INSERT INTO outcomes (session_id, text, form, lead_department, deadline, handling_status, created_at, updated_at)
         VALUES (?, '利用小区东侧闲置地新增停车位约60个', 'consensus', '街道城管办', ?, 'in_progress', ?, ?)",
    )
    .bind(concluded)
    .bind(deadline)
    .bind(&recorded)
    .bind(&recorded)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn session(
    tx: &mut SqliteConnection,
    platform: i64,
    title: &str,
    start: NaiveDateTime,
    status: &str,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO sessions (host_platform_id, area_id, title, kind, format, place, starts_at, ends_at, seats,
             signup_deadline, checkin_opens_at, checkin_closes_at, status, created_at, updated_at)
         SELECT id, area_id, ?, 'livelihood', 'onsite', '社区党群服务中心二楼', ?, ?, 40, ?, ?, ?, ?, ?, ?
         FROM platforms WHERE id = ? RETURNING id",
    )
    .bind(title)
    .bind(ts(start))
    .bind(ts(start + TimeDelta::hours(2)))
    .bind(ts(start - TimeDelta::days(1)))
    .bind(ts(start - TimeDelta::minutes(30)))
    .bind(ts(start + TimeDelta::hours(2)))
    .bind(status)
    .bind(ts(start - TimeDelta::days(10)))
    .bind(ts(start - TimeDelta::days(10)))
    .bind(platform)
    .fetch_one(&mut *tx)
    .await?)
}

async fn attend(
    tx: &mut SqliteConnection,
    session: i64,
    code: &str,
    name: &str,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO registrations (session_id, code, name, role, state, checked_in_at, checkin_method, created_at, updated_at)
         SELECT ?, ?, ?, 'resident', 'attended', datetime(starts_at, '-10 minutes'), 'code', ?, ?
         FROM sessions WHERE id = ?",
    )
    .bind(session)
    .bind(code)
    .bind(name)
    .bind(ts(now))
    .bind(ts(now))
    .bind(session)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
