//! After the meeting (形成成果 → 督办 → 回头看): minutes with attendance counted from the
//! check-ins, one record per suggestion with its handling, the problems resolved, and follow-up
//! visits. Every change is kept in the audit log.

mod area_audit;
mod attach;
mod audit;
mod minutes;
mod outcome_add;
mod outcome_update;
mod overdue;
mod problems;
mod review;
mod view;

pub use crate::views::closing::{
    Attachment, Attendance, Change, MinutesText, OutcomeRow, ProblemRow, RatingTally, ReviewRow,
};
pub use area_audit::load_area_audit;
pub use attach::{AttachFile, AttachSignInSheet};
pub use audit::load_session_audit;
pub use minutes::SaveMinutes;
pub use outcome_add::AddOutcome;
pub use outcome_update::UpdateOutcome;
pub use overdue::{load_overdue, OverdueOutcome};
pub use problems::{AddProblem, ResolveProblem};
pub use review::AddReview;
pub use view::{load_closing, ClosingView};

#[cfg(feature = "ssr")]
use chrono::NaiveDate;

/// Splits a typed list of departments (、，, or new lines) into names, without blanks or repeats.
pub fn split_departments(input: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in input.split(['、', '，', ',', '\n', ';', '；']) {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.chars().take(100).collect());
        }
    }
    out
}

/// The session named by a form's `id`, once it is checked that the principal runs it and that
/// it has taken place: only a held session has minutes, suggestions and problems to record.
#[cfg(feature = "ssr")]
pub(crate) async fn held_session(
    id: &str,
) -> Result<
    (
        store::auth::Principal,
        store::db::Db,
        crate::api::sessions::SessionCard,
    ),
    crate::web::forms::Refusal,
> {
    use crate::domain::SessionStatus;
    let (me, db, host) = crate::api::manage_sessions::changeable_session(id).await?;
    let card = store::repo::sessions::card(&db, host.session_id).await?;
    if !card.started || matches!(card.status, SessionStatus::Draft | SessionStatus::Cancelled) {
        let mut errors = crate::web::forms::FieldErrors::default();
        errors.add(
            crate::web::forms::FORM_FIELD,
            crate::i18n::T::SessionNotHeldYet,
        );
        return Err(errors.into());
    }
    Ok((me, db, card))
}

/// Parses an optional date field: `Some(None)` when blank, `None` (with the field's error)
/// when it is not a date.
#[cfg(feature = "ssr")]
pub(crate) fn optional_date(
    errors: &mut crate::web::forms::FieldErrors,
    field: &str,
    input: &str,
) -> Option<Option<NaiveDate>> {
    if input.trim().is_empty() {
        return Some(None);
    }
    errors
        .check(field, crate::domain::parse_local_date(input), |_| {
            crate::i18n::T::DateMalformed
        })
        .map(Some)
}

/// Parses an optional date field that cannot lie in the future.
#[cfg(feature = "ssr")]
pub(crate) fn past_date(
    errors: &mut crate::web::forms::FieldErrors,
    field: &str,
    input: &str,
    today: NaiveDate,
    required: bool,
) -> Option<NaiveDate> {
    use crate::domain::{parse_local_date, DateTimeError};
    use crate::i18n::T;
    match parse_local_date(input) {
        Ok(d) if d > today => {
            errors.add(field, T::DateInFuture);
            None
        }
        Ok(d) => Some(d),
        Err(DateTimeError::Empty) if !required => None,
        Err(DateTimeError::Empty) => {
            errors.add(field, T::Required);
            None
        }
        Err(DateTimeError::Malformed) => {
            errors.add(field, T::DateMalformed);
            None
        }
    }
}

/// An optional choice of one of the session's suggestions: `Some(None)` when none is chosen,
/// `None` (with the field's error) when the choice is not one of them.
#[cfg(feature = "ssr")]
pub(crate) fn outcome_choice(
    errors: &mut crate::web::forms::FieldErrors,
    field: &str,
    input: &str,
    outcomes: &[OutcomeRow],
) -> Option<Option<i64>> {
    match input.trim() {
        "" => Some(None),
        o => errors
            .check(
                field,
                o.parse::<i64>()
                    .ok()
                    .filter(|id| outcomes.iter().any(|x| x.id == *id))
                    .ok_or(()),
                |_| crate::i18n::T::ChooseOne,
            )
            .map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departments_split_on_chinese_and_latin_separators() {
        assert_eq!(
            split_departments("区住建局、街道办，区城管局, 街道办\n"),
            ["区住建局", "街道办", "区城管局"]
        );
        assert!(split_departments(" 、 ").is_empty());
    }
}
