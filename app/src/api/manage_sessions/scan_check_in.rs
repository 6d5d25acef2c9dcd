use leptos::prelude::*;

use crate::error::AppError;
use crate::views::organizing::ScanAnswer;

/// Checks in a ticket read by the desk's camera scanner. Answered as data for the scanner (which
/// shows it without leaving the page), not as a page. `key` is the scanner's own name for this
/// scan: a scan sent again under it is answered as the first time and counted once. `at` is when
/// the camera read it (milliseconds since 1970 by the desk's clock): a scan that waited in the
/// desk's offline queue is checked in as of then, within the last twelve hours.
#[server(endpoint = "manage-sessions/scan")]
pub async fn scan_check_in(
    #[server(default)] id: String,
    #[server(default)] code: String,
    #[server(default)] key: String,
    #[server(default)] at: i64,
) -> Result<ScanAnswer, AppError> {
    use crate::domain::{RegistrationCode, RequestKey, SHANGHAI_OFFSET_SECONDS};
    use crate::i18n::T;
    use crate::views::organizing::ScanTone;
    use store::clock::now_local;
    use store::repo::organizing::{self, CheckIn};

    let (me, db, host) = super::managed_session(&id).await?;
    let key = RequestKey::parse(&key).map_err(|e| AppError::BadRequest(e.to_string()))?;
    let lang = crate::web::request::request_lang();
    let refused = |t: T| ScanAnswer {
        name: None,
        message: t.tr(lang).to_owned(),
        tone: ScanTone::Refused,
        attended: 0,
    };
    if store::repo::recorded::session_year_closed(&db, host.session_id).await? {
        return Ok(refused(T::YearClosed));
    }
    let Ok(code) = RegistrationCode::from_ticket(&code) else {
        return Ok(refused(T::CodeMalformed));
    };
    let now = now_local();
    let read_at = chrono::DateTime::from_timestamp_millis(at)
        .map(|t| t.naive_utc() + chrono::TimeDelta::seconds(SHANGHAI_OFFSET_SECONDS.into()))
        .unwrap_or(now)
        .clamp(now - chrono::TimeDelta::hours(12), now);
    let checked =
        organizing::check_in_scanned(&db, me.user_id, host.session_id, &code, &key, read_at)
            .await?;
    let message = super::check_in_said(&checked);
    let (name, tone) = match checked {
        CheckIn::CheckedIn { name } => (Some(name), ScanTone::Done),
        CheckIn::AlreadyIn { name } => (Some(name), ScanTone::Again),
        CheckIn::NoSeat { name } => (Some(name), ScanTone::Refused),
        CheckIn::UnknownCode | CheckIn::NotYetOpen | CheckIn::Closed => (None, ScanTone::Refused),
    };
    Ok(ScanAnswer {
        name,
        message: message.tr(lang).to_owned(),
        tone,
        attended: organizing::attended_count(&db, host.session_id).await?,
    })
}
