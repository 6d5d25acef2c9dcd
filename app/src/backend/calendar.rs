//! iCalendar (.ics) files, so a resident can put a session into their phone's calendar.

use chrono::{NaiveDateTime, TimeDelta, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use super::{db::Db, repo, repo::StoreError};
use crate::domain::{SessionStatus, SHANGHAI_OFFSET_SECONDS};

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
    let status = if card.status == SessionStatus::Cancelled {
        EventStatus::Cancelled
    } else {
        EventStatus::Confirmed
    };
    let event = Event::new()
        .uid(&format!("session-{id}@yishitong"))
        .summary(&card.title)
        .location(&card.place)
        .description(&format!("{} · {}", card.platform_name, card.area_name))
        .starts(utc(card.starts_at))
        .ends(utc(card.ends_at))
        .status(status)
        .done();
    let mut calendar = Calendar::new();
    calendar.name("议事通").push(event);
    Ok(Some(calendar.done().to_string()))
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
