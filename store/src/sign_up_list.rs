//! A session's sign-up list as a spreadsheet (CSV, UTF-8 with a byte-order mark for Excel), for
//! those who run the session. Full mobile numbers only for the session's own organizers, who
//! call people about it; staff over the area see them masked, as on the page.

use super::{
    auth::{self, Principal},
    db::Db,
    exports::ExportError,
    repo::organizing,
};
use model::{
    i18n::{Label, Lang, T},
    views::organizing::Attendee,
};

/// Whether this principal sees the session's numbers in full.
pub fn sees_numbers(me: &Principal, host: &organizing::Host) -> bool {
    me.organizer_of.contains(&host.platform_id)
}

/// Masks every number the principal may not see in full.
pub fn for_viewer(me: &Principal, host: &organizing::Host, attendees: &mut [Attendee]) {
    for a in attendees {
        a.mobile = me.sees_number(host.platform_id, a.mobile.as_deref());
    }
}

/// The file's name and bytes, or `NotFound` for anyone who does not run the session.
pub async fn csv(
    db: &Db,
    cookie: Option<&str>,
    session_id: i64,
) -> Result<(String, Vec<u8>), ExportError> {
    let me = auth::principal_from_cookie(db, cookie)
        .await?
        .ok_or(ExportError::NotFound)?;
    let host = organizing::host(db, session_id)
        .await
        .map_err(|_| ExportError::NotFound)?;
    if !me.edits_platform(host.platform_id, &host.area_path) {
        return Err(ExportError::NotFound);
    }
    let mut attendees = organizing::attendees(db, session_id).await?;
    for_viewer(&me, &host, &mut attendees);
    let write_err = |e: csv::Error| ExportError::Write(e.to_string());
    let mut out = super::csv_out::CsvOut::new(true);
    let zh = |t: T| t.tr(Lang::Zh);
    out.row([
        zh(T::RegistrationCodeColumn),
        zh(T::NameColumn),
        zh(T::MobileColumn),
        zh(T::RoleColumn),
        zh(T::StateColumn),
        zh(T::CheckedInColumn),
        zh(T::LeaveReasonColumn),
    ])
    .map_err(write_err)?;
    for a in attendees {
        out.row([
            a.code,
            a.name,
            a.mobile.unwrap_or_default(),
            a.role.label(Lang::Zh).to_owned(),
            a.state.label(Lang::Zh).to_owned(),
            a.checked_in_at
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            a.leave_reason.unwrap_or_default(),
        ])
        .map_err(write_err)?;
    }
    let bytes = out.into_bytes().map_err(ExportError::Write)?;
    Ok((format!("{}报名名单.csv", host.title), bytes))
}
