use leptos::prelude::*;

use crate::error::AppError;

/// Records one suggestion (意见建议) of a held session, with its lead and helping departments
/// and a deadline; the proposer, when named, is a member who was checked in.
#[server(endpoint = "closing/add-outcome")]
pub async fn add_outcome(
    #[server(default)] id: String,
    #[server(default)] text: String,
    #[server(default)] form: String,
    #[server(default)] proposer: String,
    #[server(default)] lead_department: String,
    #[server(default)] helpers: String,
    #[server(default)] deadline: String,
) -> Result<(), AppError> {
    use crate::domain::{OutcomeForm, RequiredText};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::{clock::now_local, repo};

    let keep = [
        ("text", text.as_str()),
        ("form", form.as_str()),
        ("proposer", proposer.as_str()),
        ("lead_department", lead_department.as_str()),
        ("helpers", helpers.as_str()),
        ("deadline", deadline.as_str()),
    ];
    let result = async {
        let (me, db, card) = super::held_session(&id).await?;
        let mut errors = FieldErrors::default();
        let text = errors.check("text", RequiredText::parse(&text, 2000), T::from);
        let form = errors.check("form", OutcomeForm::from_code(&form).ok_or(()), |_| {
            T::ChooseOne
        });
        let lead = errors.check(
            "lead_department",
            RequiredText::parse_optional(&lead_department, 100),
            T::from,
        );
        let deadline = super::optional_date(&mut errors, "deadline", &deadline);
        let members = repo::minutes::members_attended(&db, card.id).await?;
        let proposer = match proposer.trim() {
            "" => Some(None),
            p => {
                let known = p
                    .parse::<i64>()
                    .ok()
                    .filter(|id| members.iter().any(|(m, _)| m == id));
                errors
                    .check("proposer", known.ok_or(()), |_| T::ChooseOne)
                    .map(Some)
            }
        };
        let (Some(text), Some(form), Some(lead), Some(deadline), Some(proposer)) =
            (text, form, lead, deadline, proposer)
        else {
            return Err(errors.into());
        };
        let outcome = repo::outcomes::NewOutcome {
            text: text.into_inner(),
            form,
            proposer_user_id: proposer,
            lead_department: lead.map(|l| l.into_inner()),
            helpers: super::split_departments(&helpers),
            deadline,
        };
        let now = now_local();
        repo::outcomes::add(&db, me.user_id, card.id, &outcome, now).await?;
        let to = format!("/manage/sessions/{}/closing#outcomes", card.id);
        // A deadline already past is kept (a ledger written up late records what was set), but
        // said out loud: it is overdue from the start.
        Ok(match deadline {
            Some(d) if d < now.date() => {
                Done::with_notice(to, T::OutcomeAddedDeadlinePassed).warning()
            }
            _ => Done::with_notice(to, T::OutcomeAdded),
        })
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
