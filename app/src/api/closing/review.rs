use leptos::prelude::*;

use crate::error::AppError;

/// Records a follow-up visit (回头看): when, who went, and what they found, optionally about
/// one suggestion.
#[server(endpoint = "closing/add-review")]
pub async fn add_review(
    #[server(default)] id: String,
    #[server(default)] reviewed_on: String,
    #[server(default)] reviewer_kind: String,
    #[server(default)] findings: String,
    #[server(default)] review_outcome: String,
) -> Result<(), AppError> {
    use crate::domain::{RequiredText, ReviewerKind};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::{clock::now_local, repo};

    let keep = [
        ("reviewed_on", reviewed_on.as_str()),
        ("reviewer_kind", reviewer_kind.as_str()),
        ("findings", findings.as_str()),
        ("review_outcome", review_outcome.as_str()),
    ];
    let result = async {
        let (me, db, card) = super::held_session(&id).await?;
        let now = now_local();
        let mut errors = FieldErrors::default();
        let on = super::past_date(&mut errors, "reviewed_on", &reviewed_on, now.date(), true);
        if on.is_some_and(|d| d < card.starts_at.date()) {
            errors.add("reviewed_on", T::ReviewBeforeSession);
        }
        let kind = errors.check(
            "reviewer_kind",
            ReviewerKind::from_code(&reviewer_kind).ok_or(()),
            |_| T::ChooseOne,
        );
        let findings = errors.check("findings", RequiredText::parse(&findings, 2000), T::from);
        let outcomes = repo::outcomes::of_session(&db, card.id, now.date()).await?;
        let outcome =
            super::outcome_choice(&mut errors, "review_outcome", &review_outcome, &outcomes);
        let (Some(on), Some(kind), Some(findings), Some(outcome), true) =
            (on, kind, findings, outcome, errors.is_empty())
        else {
            return Err(errors.into());
        };
        let review = repo::reviews::NewReview {
            reviewed_on: on,
            reviewer_kind: kind,
            findings: findings.into_inner(),
            outcome_id: outcome,
        };
        repo::reviews::add(&db, me.user_id, card.id, &review, now).await?;
        Ok(Done::with_notice(
            format!("/manage/sessions/{}/closing#reviews", card.id),
            T::ReviewAdded,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
