use chrono::{FixedOffset, NaiveDateTime, Utc};

use model::domain::SHANGHAI_OFFSET_SECONDS;

/// The current Asia/Shanghai wall-clock time, as every timestamp is stored.
pub fn now_local() -> NaiveDateTime {
    let offset = FixedOffset::east_opt(SHANGHAI_OFFSET_SECONDS).expect("UTC+8 is a valid offset");
    Utc::now().with_timezone(&offset).naive_local()
}

/// The text form stored in the database.
pub fn db_time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

pub fn now_db() -> String {
    db_time(now_local())
}
