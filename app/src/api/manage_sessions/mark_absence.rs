use leptos::prelude::*;

use crate::error::AppError;

/// Marks someone who holds a place as absent (缺席) or on leave (请假, with a reason). Someone
/// already checked in stays checked in.
#[server(endpoint = "manage-sessions/mark-absence")]
pub async fn mark_absence(
    #[server(default)] id: String,
    #[server(default)] code: String,
    #[server(default)] absence: String,
    #[server(default)] leave_reason: String,
) -> Result<(), AppError> {
    use crate::domain::{RegistrationCode, RequiredText, SessionStatus};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::clock::now_local;
    use store::repo::organizing::{self, Absence, Marked};

    let keep = [
        ("row", code.as_str()),
        ("absence", absence.as_str()),
        ("leave_reason", leave_reason.as_str()),
    ];
    let result = async {
        let (me, db, host) = super::changeable_session(&id).await?;
        let mut errors = FieldErrors::default();
        if !matches!(host.status, SessionStatus::Published | SessionStatus::Held) {
            errors.add(crate::web::forms::FORM_FIELD, T::SessionNotEditable);
        }
        let code = errors.check("code", RegistrationCode::parse(&code), |_| T::CodeMalformed);
        let absence = match absence.as_str() {
            "absent" => Some(Absence::Absent),
            "leave" => errors
                .check(
                    "leave_reason",
                    RequiredText::parse(&leave_reason, 200),
                    |_| T::LeaveNeedsReason,
                )
                .map(|r| Absence::Leave(r.into_inner())),
            _ => {
                errors.add("absence", T::ChooseOne);
                None
            }
        };
        let (Some(code), Some(absence)) = (code.filter(|_| errors.is_empty()), absence) else {
            return Err(errors.into());
        };
        match organizing::mark_absence(
            &db,
            me.user_id,
            host.session_id,
            &code,
            &absence,
            now_local(),
        )
        .await?
        {
            Marked::Done => {}
            Marked::CheckedIn => {
                errors.add("absence", T::AlreadyInNotAbsent);
                return Err(errors.into());
            }
            Marked::NoSeat => {
                errors.add("absence", T::CodeHasNoSeat);
                return Err(errors.into());
            }
        }
        Ok(Done::with_notice(
            format!("/manage/sessions/{}#people", host.session_id),
            T::AbsenceRecorded,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
