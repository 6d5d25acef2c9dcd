use leptos::prelude::*;

use crate::error::AppError;

/// Records a concrete problem raised at a held session, optionally linked to one of its
/// suggestions. It counts as raised on the session's day.
#[server(endpoint = "closing/add-problem")]
pub async fn add_problem(
    #[server(default)] id: String,
    #[server(default)] description: String,
    #[server(default)] problem_outcome: String,
) -> Result<(), AppError> {
    use crate::domain::RequiredText;
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::{clock::now_local, repo};

    let keep = [
        ("description", description.as_str()),
        ("problem_outcome", problem_outcome.as_str()),
    ];
    let result = async {
        let (me, db, card) = super::held_session(&id).await?;
        let mut errors = FieldErrors::default();
        let description = errors.check(
            "description",
            RequiredText::parse(&description, 1000),
            T::from,
        );
        let outcomes = repo::outcomes::of_session(&db, card.id, now_local().date()).await?;
        let outcome =
            super::outcome_choice(&mut errors, "problem_outcome", &problem_outcome, &outcomes);
        let (Some(description), Some(outcome)) = (description, outcome) else {
            return Err(errors.into());
        };
        repo::problems::add(
            &db,
            me.user_id,
            card.id,
            description.as_str(),
            outcome,
            now_local(),
        )
        .await?;
        Ok(Done::with_notice(
            format!("/manage/sessions/{}/closing#problems", card.id),
            T::ProblemAdded,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}

/// Marks a problem resolved, with the date and the evidence that it was.
#[server(endpoint = "closing/resolve-problem")]
pub async fn resolve_problem(
    #[server(default)] id: String,
    #[server(default)] row: String,
    #[server(default)] resolved_on: String,
    #[server(default)] evidence: String,
) -> Result<(), AppError> {
    use crate::domain::RequiredText;
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::repo::problems::Resolve;
    use store::{clock::now_local, repo};

    let keep = [
        ("row", row.as_str()),
        ("resolved_on", resolved_on.as_str()),
        ("evidence", evidence.as_str()),
    ];
    let result = async {
        let (me, db, card) = super::held_session(&id).await?;
        let problem_id = crate::api::parse_id(&row)?;
        let now = now_local();
        let mut errors = FieldErrors::default();
        let on = super::past_date(&mut errors, "resolved_on", &resolved_on, now.date(), true);
        let evidence = errors.check("evidence", RequiredText::parse(&evidence, 1000), T::from);
        let (Some(on), Some(evidence)) = (on, evidence) else {
            return Err(errors.into());
        };
        match repo::problems::resolve(
            &db,
            me.user_id,
            card.id,
            problem_id,
            on,
            evidence.as_str(),
            now,
        )
        .await?
        {
            Resolve::Done => {}
            Resolve::Unknown => return Err(AppError::NotFound.into()),
            Resolve::BeforeRaised => {
                errors.add("resolved_on", T::ResolvedBeforeRaised);
                return Err(errors.into());
            }
        }
        Ok(Done::with_notice(
            format!("/manage/sessions/{}/closing#problem-{problem_id}", card.id),
            T::ProblemResolved,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
