use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{
    Attachment, Attendance, Change, MinutesText, OutcomeRow, ProblemRow, RatingTally, ReviewRow,
};
use crate::{api::sessions::SessionCard, error::AppError};

/// Everything an organizer records after a session, on one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosingView {
    pub card: SessionCard,
    /// Minutes are recorded (the session has its 成果).
    pub has_minutes: bool,
    pub minutes: MinutesText,
    pub attendance: Attendance,
    pub outcomes: Vec<OutcomeRow>,
    pub problems: Vec<ProblemRow>,
    pub reviews: Vec<ReviewRow>,
    pub ratings: RatingTally,
    pub attachments: Vec<Attachment>,
    /// The audit trail of the session's suggestions and problems, oldest first.
    pub history: Vec<Change>,
    /// Members checked in, who may be named as proposers of a suggestion: (user id, name).
    pub members: Vec<(i64, String)>,
    pub today: NaiveDate,
    /// Recorded afterwards (补录), and the storage key of its sign-in sheet's photo if uploaded.
    pub recorded_afterwards: bool,
    pub sign_in_sheet: Option<String>,
    /// Imported from a ledger: the file's name, when, and its SHA-256.
    pub imported_from: Option<(String, chrono::NaiveDateTime, String)>,
    /// The departments a suggestion may be handed to: those of the platform's area and above.
    #[serde(default)]
    pub departments: Vec<String>,
}

/// Organizers of the session's platform and staff over it.
#[server(endpoint = "closing/view")]
pub async fn load_closing(id: i64) -> Result<ClosingView, AppError> {
    use store::{clock::now_local, repo};
    let (_, db, host) = crate::api::manage_sessions::managed_session(&id.to_string()).await?;
    let now = now_local();
    let today = now.date();
    let minutes = repo::minutes::get(&db, host.session_id).await?;
    let (recorded_afterwards, sign_in_sheet) =
        repo::recorded::evidence(&db, host.session_id).await?;
    Ok(ClosingView {
        imported_from: store::ledger::imports::source_of(&db, host.session_id).await?,
        recorded_afterwards,
        sign_in_sheet,
        card: repo::sessions::card(&db, host.session_id)
            .await?
            .as_shown(now),
        has_minutes: minutes.is_some(),
        minutes: minutes.unwrap_or_default(),
        attendance: repo::minutes::attendance(&db, host.session_id).await?,
        outcomes: repo::outcomes::of_session(&db, host.session_id, today).await?,
        problems: repo::problems::of_session(&db, host.session_id).await?,
        reviews: repo::reviews::of_session(&db, host.session_id).await?,
        ratings: repo::reviews::ratings(&db, host.session_id).await?,
        attachments: repo::minutes::attachments(&db, host.session_id).await?,
        history: repo::outcomes::history(&db, host.session_id).await?,
        members: repo::minutes::members_attended(&db, host.session_id).await?,
        departments: repo::departments::names_above(&db, &host.area_path).await?,
        today,
    })
}
