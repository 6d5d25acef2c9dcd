use leptos::prelude::*;

use crate::error::AppError;

/// Reviews a topic: accept it (立项, optionally attaching it to one of the platform's sessions),
/// merge it into another open topic of the platform, or decline it with a reply the proposer
/// reads on the topic's page.
#[server(endpoint = "topics/review")]
pub async fn review_topic(
    #[server(default)] id: String,
    #[server(default)] decision: String,
    #[server(default)] session: String,
    #[server(default)] merge_into: String,
    #[server(default)] reply: String,
) -> Result<(), AppError> {
    use crate::domain::RequiredText;
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use crate::web::{require_principal, state};
    use store::clock::now_local;
    use store::repo::topics::{self, Decision, Reviewed};

    let keep = [
        ("decision", decision.as_str()),
        ("session", session.as_str()),
        ("merge_into", merge_into.as_str()),
        ("reply", reply.as_str()),
    ];
    let result = async {
        let topic_id = crate::api::parse_id(&id)?;
        let me = require_principal().await?;
        let db = state()?.db;
        let (platform_id, area_path) = topics::host(&db, topic_id).await?;
        if !me.edits_platform(platform_id, &area_path) {
            return Err(AppError::Forbidden.into());
        }
        let now = now_local();
        let mut errors = FieldErrors::default();
        let reply = errors.check("reply", RequiredText::parse_optional(&reply, 1000), |_| {
            T::TooLong
        });
        let decision = match decision.as_str() {
            "accept" => {
                let open = topics::open_sessions(&db, platform_id, now).await?;
                match session.trim() {
                    "" => Some(Decision::Accept(None)),
                    s => errors
                        .check(
                            "session",
                            s.parse::<i64>()
                                .ok()
                                .filter(|id| open.iter().any(|(o, _, _)| o == id))
                                .ok_or(()),
                            |_| T::ChooseOne,
                        )
                        .map(|s| Decision::Accept(Some(s))),
                }
            }
            "merge" => {
                let targets = topics::merge_targets(&db, platform_id, topic_id).await?;
                errors
                    .check(
                        "merge_into",
                        merge_into
                            .trim()
                            .parse::<i64>()
                            .ok()
                            .filter(|id| targets.iter().any(|(t, _)| t == id))
                            .ok_or(()),
                        |_| T::ChooseOne,
                    )
                    .map(Decision::Merge)
            }
            "decline" => {
                if reply.as_ref().is_some_and(Option::is_none) {
                    errors.add("reply", T::DeclineNeedsReply);
                }
                Some(Decision::Decline)
            }
            _ => {
                errors.add("decision", T::ChooseOne);
                None
            }
        };
        let (Some(decision), Some(reply), true) = (decision, reply, errors.is_empty()) else {
            return Err(errors.into());
        };
        let reply = reply.map(RequiredText::into_inner);
        match topics::review(&db, me.user_id, topic_id, &decision, reply.as_deref(), now).await? {
            Reviewed::Done => {}
            Reviewed::Closed => {
                errors.add("decision", T::TopicAlreadyClosed);
                return Err(errors.into());
            }
        }
        Ok(Done::with_notice(
            format!("/manage/topics/{topic_id}"),
            T::TopicReviewed,
        ))
    }
    .await;
    FormPost::new("/manage/topics", &keep).finish(result)
}
