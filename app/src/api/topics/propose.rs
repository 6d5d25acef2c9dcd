// One argument per form field, as the plain HTML form posts them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Category;
use crate::error::AppError;

/// The form for proposing a topic at a platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposeForm {
    pub platform_id: i64,
    pub platform_name: String,
    pub categories: Vec<Category>,
    /// A signed-in member proposes as a member (委员荐题).
    pub as_member: bool,
    /// Organizers and staff of the platform record topics from other channels, with the source.
    pub recording: bool,
}

#[server(endpoint = "topics/propose-form")]
pub async fn load_propose_form(platform: i64) -> Result<ProposeForm, AppError> {
    use crate::web::{request_principal, state};
    use store::repo;
    let db = state()?.db;
    let p = repo::topics::platform(&db, platform).await?;
    let me = request_principal().await?;
    Ok(ProposeForm {
        platform_id: platform,
        platform_name: p.name,
        categories: repo::topics::categories(&db).await?,
        as_member: me.as_ref().is_some_and(|m| m.member_level.is_some()),
        recording: me.is_some_and(|m| m.edits_platform(platform, &p.area_path)),
    })
}

/// Proposes a topic. Residents need no account; a mobile number is optional and, when given,
/// needs consent and is used only to reply. The answer is the topic's own page, by its code.
/// One address (and one number) may propose only so many topics in a while.
#[server(endpoint = "topics/propose")]
pub async fn propose_topic(
    #[server(default)] platform_id: String,
    #[server(default)] title: String,
    #[server(default)] description: String,
    #[server(default)] category: String,
    #[server(default)] proposer_name: String,
    #[server(default)] proposer_mobile: String,
    #[server(default)] consent: String,
    #[server(default)] via: String,
    #[server(default)] source: String,
    #[server(default)] channel: String,
) -> Result<(), AppError> {
    use crate::domain::{Mobile, MobileError, RequiredText, TopicChannel, TopicSource};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use crate::web::{request_principal, state};
    use store::clock::now_local;
    use store::repo::topics::{self, NewTopic};

    let keep = [
        ("title", title.as_str()),
        ("description", description.as_str()),
        ("category", category.as_str()),
        ("proposer_name", proposer_name.as_str()),
        ("proposer_mobile", proposer_mobile.as_str()),
        ("consent", consent.as_str()),
        ("source", source.as_str()),
        ("channel", channel.as_str()),
    ];
    let result = async {
        let platform_id = crate::api::parse_id(&platform_id)?;
        let db = state()?.db;
        let platform = topics::platform(&db, platform_id).await?;
        let me = request_principal().await?;
        let recording = me
            .as_ref()
            .is_some_and(|m| m.edits_platform(platform_id, &platform.area_path));
        let mut errors = FieldErrors::default();
        let title = errors.check("title", RequiredText::parse_line(&title, 60), T::from);
        let description = errors.check(
            "description",
            RequiredText::parse(&description, 2000),
            T::from,
        );
        let categories = topics::categories(&db).await?;
        let category = errors.check(
            "category",
            categories
                .iter()
                .find(|c| c.code == category)
                .map(|c| c.code.clone())
                .ok_or(()),
            |_| T::ChooseOne,
        );
        let name = errors.check(
            "proposer_name",
            RequiredText::parse_optional(&proposer_name, 40),
            T::from,
        );
        let mobile = match Mobile::parse(&proposer_mobile) {
            Ok(m) => Some(Some(m)),
            Err(MobileError::Empty) => Some(None),
            Err(MobileError::Malformed) => {
                errors.add("proposer_mobile", T::MobileMalformed);
                None
            }
        };
        if mobile.as_ref().is_some_and(Option::is_some) && consent != "yes" {
            errors.add("consent", T::ConsentRequired);
        }
        // Who proposes decides the source, except when an organizer records another channel's.
        let (source, channel) = if recording {
            (
                errors.check("source", TopicSource::from_code(&source).ok_or(()), |_| {
                    T::ChooseOne
                }),
                errors.check(
                    "channel",
                    TopicChannel::from_code(&channel).ok_or(()),
                    |_| T::ChooseOne,
                ),
            )
        } else {
            let source = if me.as_ref().is_some_and(|m| m.member_level.is_some()) {
                TopicSource::Member
            } else {
                TopicSource::Resident
            };
            let channel = if via == "qr" {
                TopicChannel::QrCode
            } else {
                TopicChannel::Web
            };
            (Some(source), Some(channel))
        };
        let (
            Some(title),
            Some(description),
            Some(category),
            Some(name),
            Some(mobile),
            Some(source),
            Some(channel),
            true,
        ) = (
            title,
            description,
            category,
            name,
            mobile,
            source,
            channel,
            errors.is_empty(),
        )
        else {
            return Err(errors.into());
        };
        // Counted once the form is valid: a mistake costs no attempt. Organizers recording
        // topics from meetings and letters are not counted.
        if !recording {
            let app = state()?;
            let address = crate::web::request::client_address(&app.settings);
            let number = mobile.as_ref().map(|m| m.as_str());
            if !app.limits.proposal_from(address, number) {
                errors.add(FORM_FIELD, T::TooManyAttempts);
                return Err(errors.into());
            }
        }
        let topic = NewTopic {
            platform_id,
            title: title.into_inner(),
            description: description.into_inner(),
            category,
            source,
            channel,
            proposer_name: name
                .map(RequiredText::into_inner)
                .or_else(|| me.as_ref().map(|m| m.display_name.clone())),
            proposer_mobile: mobile.map(|m| m.as_str().to_owned()),
            proposer_user_id: me.as_ref().map(|m| m.user_id),
        };
        let code = topics::create(&db, &topic, now_local()).await?;
        Ok(Done::with_notice(
            format!("/t/{}", code.as_str()),
            T::TopicSubmitted,
        ))
    }
    .await;
    FormPost::new("/", &keep).finish(result)
}
