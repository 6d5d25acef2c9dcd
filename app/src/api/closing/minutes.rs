// One argument per form field, as the plain HTML form posts them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Records the minutes of a held session. Attendance is not typed: it is counted from the
/// check-ins, and a vote cannot tally more people than were checked in.
#[server(endpoint = "closing/minutes")]
pub async fn save_minutes(
    #[server(default)] id: String,
    #[server(default)] agenda: String,
    #[server(default)] key_points: String,
    #[server(default)] consensus: String,
    #[server(default)] disagreements: String,
    #[server(default)] vote_subject: String,
    #[server(default)] votes_for: String,
    #[server(default)] votes_against: String,
    #[server(default)] votes_abstain: String,
) -> Result<(), AppError> {
    use crate::domain::{RequiredText, Vote, VoteError};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::{clock::now_local, repo};

    let keep = [
        ("agenda", agenda.as_str()),
        ("key_points", key_points.as_str()),
        ("consensus", consensus.as_str()),
        ("disagreements", disagreements.as_str()),
        ("vote_subject", vote_subject.as_str()),
        ("votes_for", votes_for.as_str()),
        ("votes_against", votes_against.as_str()),
        ("votes_abstain", votes_abstain.as_str()),
    ];
    let result = async {
        let (me, db, card) = super::held_session(&id).await?;
        let attended = repo::minutes::attendance(&db, card.id).await?.total;
        let mut errors = FieldErrors::default();
        let agenda = errors.check("agenda", RequiredText::parse(&agenda, 2000), T::from);
        let key_points = errors.check(
            "key_points",
            RequiredText::parse(&key_points, 5000),
            T::from,
        );
        let consensus = errors.check(
            "consensus",
            RequiredText::parse_optional(&consensus, 5000),
            T::from,
        );
        let disagreements = errors.check(
            "disagreements",
            RequiredText::parse_optional(&disagreements, 5000),
            T::from,
        );
        let vote = Vote::parse(
            &vote_subject,
            &votes_for,
            &votes_against,
            &votes_abstain,
            u32::try_from(attended).unwrap_or(u32::MAX),
        );
        let vote = match vote {
            Ok(v) => Some(v),
            Err(e) => {
                let (field, text) = match e {
                    VoteError::NoSubject => ("vote_subject", T::VoteNoSubject),
                    VoteError::SubjectTooLong => ("vote_subject", T::TooLong),
                    VoteError::Tally => ("votes_for", T::VoteTally),
                    VoteError::MoreThanAttended => ("votes_for", T::VoteTooMany),
                };
                errors.add(field, text);
                None
            }
        };
        let (Some(agenda), Some(key_points), Some(consensus), Some(disagreements), Some(vote)) =
            (agenda, key_points, consensus, disagreements, vote)
        else {
            return Err(errors.into());
        };
        let minutes = repo::minutes::Minutes {
            agenda: agenda.into_inner(),
            key_points: key_points.into_inner(),
            consensus: consensus.map(|c| c.into_inner()).unwrap_or_default(),
            disagreements: disagreements.map(|d| d.into_inner()).unwrap_or_default(),
            vote,
        };
        repo::minutes::save(&db, me.user_id, card.id, &minutes, now_local()).await?;
        Ok(Done::with_notice(
            format!("/manage/sessions/{}/closing#minutes", card.id),
            T::MinutesSaved,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
