use leptos::prelude::*;

use crate::error::AppError;

pub use crate::views::members::MemberChoice;

/// The longest name search taken: a name is a few characters.
#[cfg(feature = "ssr")]
const TYPED_MAX: usize = 32;

/// The member accounts whose name contains `q`, for the organizer to check one in at session
/// `id`; nothing for an empty search.
#[server(endpoint = "manage-sessions/members-found")]
pub async fn find_members(id: i64, q: String) -> Result<Vec<MemberChoice>, AppError> {
    let (_, db, host) = super::managed_session(&id.to_string()).await?;
    let typed: String = q.trim().chars().take(TYPED_MAX).collect();
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    Ok(store::repo::member_attendance::search(&db, &typed, host.session_id).await?)
}

/// Checks in a member chosen from the member list — at the door, or afterwards from the sign-in
/// sheet — whether or not they signed up; `back` is the page the form was on.
#[server(endpoint = "manage-sessions/member-check-in")]
pub async fn check_in_member(
    #[server(default)] id: String,
    #[server(default)] member: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    use crate::domain::SessionStatus;
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use store::{
        clock::now_local,
        repo::member_attendance::{self, MemberCheckIn},
    };

    let keep = [("member", member.as_str())];
    let result = async {
        let (me, db, host) = super::changeable_session(&id).await?;
        let mut errors = FieldErrors::default();
        if matches!(host.status, SessionStatus::Draft | SessionStatus::Cancelled) {
            errors.add(FORM_FIELD, T::MemberCheckInNotHeld);
            return Err(errors.into());
        }
        let member = crate::api::parse_id(&member)?;
        let now = now_local();
        let notice =
            match member_attendance::check_in(&db, me.user_id, host.session_id, member, now).await?
            {
                MemberCheckIn::CheckedIn => T::MemberCheckedIn,
                MemberCheckIn::AlreadyIn => T::AlreadyCheckedIn,
                MemberCheckIn::TooEarly => {
                    errors.add(FORM_FIELD, T::MemberCheckInTooEarly);
                    return Err(errors.into());
                }
                MemberCheckIn::NotAMember => return Err(AppError::NotFound.into()),
            };
        let to = match back.as_str() {
            // Back to the list on 成果与跟踪's members screen, for the next member.
            "closing" => format!(
                "/manage/sessions/{}/closing?task=members#members",
                host.session_id
            ),
            _ => format!("/manage/sessions/{}#members", host.session_id),
        };
        Ok(Done::with_notice(to, notice))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
