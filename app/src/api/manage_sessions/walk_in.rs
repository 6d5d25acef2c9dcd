use leptos::prelude::*;

use crate::error::AppError;

/// Records someone who came without signing up (现场登记): name and role, mobile optional.
#[server(endpoint = "manage-sessions/walk-in")]
pub async fn add_walk_in(
    #[server(default)] id: String,
    #[server(default)] walk_in_name: String,
    #[server(default)] walk_in_role: String,
    #[server(default)] walk_in_mobile: String,
) -> Result<(), AppError> {
    use crate::domain::{Mobile, PersonName, RegistrationRole, SessionStatus};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use store::clock::now_local;
    use store::repo::organizing::{self, CheckIn};

    let keep = [
        ("walk_in_name", walk_in_name.as_str()),
        ("walk_in_role", walk_in_role.as_str()),
        ("walk_in_mobile", walk_in_mobile.as_str()),
    ];
    let result = async {
        let (me, db, host) = super::changeable_session(&id).await?;
        let mut errors = FieldErrors::default();
        if !matches!(host.status, SessionStatus::Published | SessionStatus::Held) {
            errors.add(crate::web::forms::FORM_FIELD, T::SessionNotEditable);
        }
        let name = errors.check("walk_in_name", PersonName::parse(&walk_in_name), |_| {
            T::Required
        });
        let role =
            RegistrationRole::from_code(&walk_in_role).filter(|r| *r != RegistrationRole::Member);
        if role.is_none() {
            errors.add("walk_in_role", T::ChooseOne);
        }
        let mobile = match walk_in_mobile.trim() {
            "" => Some(None),
            m => errors
                .check("walk_in_mobile", Mobile::parse(m), |_| T::MobileMalformed)
                .map(Some),
        };
        let (Some(name), Some(role), Some(mobile)) = (name, role, mobile) else {
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let done = match organizing::walk_in(
            &db,
            me.user_id,
            host.session_id,
            &name,
            role,
            mobile.as_ref(),
            now_local(),
        )
        .await?
        {
            CheckIn::AlreadyIn { name } => (T::AlreadyCheckedIn, name, true),
            CheckIn::CheckedIn { name } => (T::WalkInRecorded, name, false),
            CheckIn::NoSeat { name } => (T::NoSeatFor, name, true),
            CheckIn::NotYetOpen | CheckIn::UnknownCode => {
                errors.add(FORM_FIELD, T::CheckInNotYetOpen);
                return Err(errors.into());
            }
            CheckIn::Closed => {
                errors.add(FORM_FIELD, T::CheckInClosed);
                return Err(errors.into());
            }
        };
        let (notice, name, warning) = done;
        let done = Done::with_notice(
            format!("/manage/sessions/{}#check-in", host.session_id),
            notice,
        )
        .about(name);
        Ok(if warning { done.warning() } else { done })
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
