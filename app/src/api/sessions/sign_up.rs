use leptos::prelude::*;

use crate::error::AppError;

/// A resident signs up with name and mobile number, no account. Signing up twice with the same
/// number returns the first registration to the browser (or member) that made it, and to anyone
/// else only a neutral refusal; a full session offers the waiting list.
#[server(endpoint = "sessions/sign-up")]
pub async fn sign_up(
    #[server(default)] session_id: String,
    #[server(default)] name: String,
    #[server(default)] mobile: String,
    #[server(default)] role: String,
    #[server(default)] consent: String,
) -> Result<(), AppError> {
    use crate::domain::{Mobile, MobileError, PersonName, PersonNameError, RegistrationRole};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use crate::web::{request_principal, state};
    use store::clock::now_local;
    use store::repo::registrations::{SignUpOutcome, SignUpRefusal, SignUpRequest};

    let keep = [
        ("name", name.as_str()),
        ("mobile", mobile.as_str()),
        ("role", role.as_str()),
        ("consent", consent.as_str()),
    ];
    let result = async {
        let session_id = crate::api::parse_id(&session_id)?;
        let mut errors = FieldErrors::default();
        let name = errors.check("name", PersonName::parse(&name), |e| match e {
            PersonNameError::Empty => T::Required,
            PersonNameError::TooLong => T::TooLong,
            PersonNameError::Unprintable => T::NameUnprintable,
        });
        let mobile = errors.check("mobile", Mobile::parse(&mobile), |e| match e {
            MobileError::Empty => T::Required,
            MobileError::Malformed => T::MobileMalformed,
        });
        if consent != "yes" {
            errors.add("consent", T::ConsentRequired);
        }
        let member = request_principal()
            .await?
            .and_then(|p| p.member_level.map(|l| (p.user_id, l)));
        let role = match (member, role.as_str()) {
            (Some(_), _) => RegistrationRole::Member,
            (None, "") => RegistrationRole::Resident,
            (None, code) => {
                match RegistrationRole::from_code(code).filter(|r| *r != RegistrationRole::Member) {
                    Some(r) => r,
                    None => {
                        errors.add("role", T::ChooseOne);
                        RegistrationRole::Resident
                    }
                }
            }
        };
        let (Some(name), Some(mobile)) = (name, mobile) else {
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let state = state()?;
        let request = SignUpRequest {
            session_id,
            name,
            mobile,
            role,
            member,
            device: Some(
                crate::web::device::current()
                    .unwrap_or_else(|| crate::web::device::issue(&state.settings)),
            ),
            lang: crate::web::request::request_lang(),
        };
        // Counted after the form is valid: a mistyped number costs no attempt.
        let address = crate::web::request::client_address(&state.settings);
        if !state.limits.sign_up_from(address, request.session_id)
            || !state.limits.sign_up_with(request.mobile.as_str())
        {
            errors.add(FORM_FIELD, T::TooManySignUps);
            return Err(errors.into());
        }
        // Sign-ups arriving together are committed together; this returns once it is durable.
        let refusal = match state.sign_ups.submit(request, now_local()).await? {
            Ok(outcome) => {
                // The confirmation goes now, while the resident still has the page open.
                state.outbox.nudge();
                let (code, notice) = match outcome {
                    SignUpOutcome::Registered(c) => (c, T::SignedUp),
                    SignUpOutcome::Waitlisted(c) => (c, T::Waitlisted),
                    SignUpOutcome::Existing(c) => (c, T::AlreadySignedUp),
                };
                return Ok(Done::with_notice(format!("/r/{code}"), notice));
            }
            Err(r) => r,
        };
        match refusal {
            SignUpRefusal::NoSuchSession => Err(AppError::NotFound.into()),
            SignUpRefusal::RoleNotInvited => {
                errors.add("role", T::RoleNotInvited);
                Err(errors.into())
            }
            SignUpRefusal::NumberTaken => {
                errors.add("mobile", T::NumberAlreadySignedUp);
                Err(errors.into())
            }
            other => {
                errors.add(
                    FORM_FIELD,
                    match other {
                        SignUpRefusal::Cancelled => T::SessionWasCancelled,
                        SignUpRefusal::DeadlinePassed => T::DeadlinePassed,
                        _ => T::SessionNotOpen,
                    },
                );
                Err(errors.into())
            }
        }
    }
    .await;
    FormPost::new("/sessions", &keep).finish(result)
}
