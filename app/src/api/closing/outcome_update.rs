// One argument per form field, as the plain HTML form posts them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Changes a suggestion's handling (交办, 办理, 办结) and what came of it. Completing it needs
/// its result class; the deadline and departments can be corrected on the way.
#[server(endpoint = "closing/update-outcome")]
pub async fn update_outcome(
    #[server(default)] id: String,
    #[server(default)] row: String,
    #[server(default)] lead_department: String,
    #[server(default)] helpers: String,
    #[server(default)] deadline: String,
    #[server(default)] handling_status: String,
    #[server(default)] result_class: String,
    #[server(default)] adoption: String,
    #[server(default)] conversion: String,
    #[server(default)] feedback_on: String,
) -> Result<(), AppError> {
    use crate::domain::{Adoption, Conversion, HandlingStatus, RequiredText, ResultClass};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::{clock::now_local, repo};

    let keep = [
        ("row", row.as_str()),
        ("lead_department", lead_department.as_str()),
        ("helpers", helpers.as_str()),
        ("deadline", deadline.as_str()),
        ("handling_status", handling_status.as_str()),
        ("result_class", result_class.as_str()),
        ("adoption", adoption.as_str()),
        ("conversion", conversion.as_str()),
        ("feedback_on", feedback_on.as_str()),
    ];
    let result = async {
        let (me, db, card) = super::held_session(&id).await?;
        let outcome_id = crate::api::parse_id(&row)?;
        let now = now_local();
        let mut errors = FieldErrors::default();
        // An optional choice: blank is "not yet", anything else must be one of the codes.
        fn choice<V>(
            errors: &mut FieldErrors,
            field: &str,
            input: &str,
            parse: fn(&str) -> Option<V>,
        ) -> Option<Option<V>> {
            if input.is_empty() {
                return Some(None);
            }
            errors
                .check(field, parse(input).ok_or(()), |_| T::ChooseOne)
                .map(Some)
        }
        let status = errors.check(
            "handling_status",
            HandlingStatus::from_code(&handling_status).ok_or(()),
            |_| T::ChooseOne,
        );
        let class = choice(
            &mut errors,
            "result_class",
            &result_class,
            ResultClass::from_code,
        );
        let adoption = choice(&mut errors, "adoption", &adoption, Adoption::from_code);
        let conversion = choice(
            &mut errors,
            "conversion",
            &conversion,
            Conversion::from_code,
        );
        let lead = errors.check(
            "lead_department",
            RequiredText::parse_optional(&lead_department, 100),
            |_| T::TooLong,
        );
        let deadline = super::optional_date(&mut errors, "deadline", &deadline);
        let feedback_on = if feedback_on.trim().is_empty() {
            Some(None)
        } else {
            super::past_date(&mut errors, "feedback_on", &feedback_on, now.date(), true).map(Some)
        };
        if status == Some(HandlingStatus::Completed) && class == Some(None) {
            errors.add("result_class", T::CompletedNeedsResult);
        }
        let (
            Some(status),
            Some(class),
            Some(adoption),
            Some(conversion),
            Some(lead),
            Some(deadline),
            Some(feedback_on),
        ) = (
            status,
            class,
            adoption,
            conversion,
            lead,
            deadline,
            feedback_on,
        )
        else {
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let handling = repo::outcomes::Handling {
            lead_department: lead.map(|l| l.into_inner()),
            helpers: super::split_departments(&helpers),
            deadline,
            handling_status: status,
            result_class: class,
            adoption,
            conversion,
            feedback_on,
        };
        repo::outcomes::update(&db, me.user_id, card.id, outcome_id, &handling, now)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Done::with_notice(
            format!("/manage/sessions/{}/closing#outcome-{outcome_id}", card.id),
            T::OutcomeUpdated,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
