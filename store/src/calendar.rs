//! iCalendar (.ics): one session for a resident's phone calendar, and subscribable feeds of a
//! platform's or an area's sessions.

use chrono::{NaiveDateTime, TimeDelta, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use super::{db::Db, repo, repo::StoreError};
use model::{
    domain::{SessionStatus, SHANGHAI_OFFSET_SECONDS},
    views::sessions::SessionCard,
};

/// Shanghai wall-clock time as UTC, which every calendar reads without a time-zone table.
fn utc(t: NaiveDateTime) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&(t - TimeDelta::seconds(SHANGHAI_OFFSET_SECONDS.into())))
}

/// One session as a calendar file; `None` for a draft.
pub async fn session_ics(db: &Db, id: i64) -> Result<Option<String>, StoreError> {
    let card = repo::sessions::card(db, id).await?;
    if card.status == SessionStatus::Draft {
        return Ok(None);
    }
    let mut calendar = Calendar::new();
    calendar.name("议事通").push(event(&card));
    Ok(Some(calendar.done().to_string()))
}

/// Whose sessions a subscribed calendar follows.
#[derive(Debug, Clone, Copy)]
pub enum Feed {
    Platform(i64),
    Area(i64),
}

/// How far back a feed reaches, so a subscriber still sees the last weeks' sessions.
const FEED_DAYS_BACK: i64 = 60;
/// At most this many sessions per feed; calendar apps poll feeds often.
const FEED_LIMIT: i64 = 500;

/// A subscribable calendar of a platform's or an area's sessions (an area's includes every
/// area below it). `None` when the platform or area does not exist.
pub async fn feed_ics(
    db: &Db,
    feed: Feed,
    now: NaiveDateTime,
) -> Result<Option<String>, StoreError> {
    let since = now - TimeDelta::days(FEED_DAYS_BACK);
    let (name, cards) = match feed {
        Feed::Platform(id) => {
            let platform = match repo::platforms::get(db, id).await {
                Err(StoreError::NotFound) => return Ok(None),
                other => other?,
            };
            let cards =
                repo::sessions::feed(db, repo::sessions::Where::AtPlatform(id), since, FEED_LIMIT)
                    .await?;
            (platform.name, cards)
        }
        Feed::Area(id) => {
            let area = match repo::areas::get(db, id).await {
                Err(StoreError::NotFound) => return Ok(None),
                other => other?,
            };
            let cards = repo::sessions::feed(
                db,
                repo::sessions::Where::UnderArea(&area.path),
                since,
                FEED_LIMIT,
            )
            .await?;
            (area.name, cards)
        }
    };
    let mut calendar = Calendar::new();
    calendar.name(&format!("{name} · 议事通"));
    for card in &cards {
        calendar.push(event(card));
    }
    Ok(Some(calendar.done().to_string()))
}

fn event(card: &SessionCard) -> Event {
    let status = if card.status == SessionStatus::Cancelled {
        EventStatus::Cancelled
    } else {
        EventStatus::Confirmed
    };
    Event::new()
        .uid(&format!("session-{}@yishitong", card.id))
        .summary(&card.title)
        .location(&card.place)
        .description(&format!("{} · {}", card.platform_name, card.area_name))
        .starts(utc(card.starts_at))
        .ends(utc(card.ends_at))
        .status(status)
        .done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn shanghai_times_become_utc() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        assert_eq!(utc(t).to_rfc3339(), "2026-11-22T01:00:00+00:00");
    }
}
