// One argument per form field, as the plain HTML form posts them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Creates a draft (no `id`) at `platform_id`, or changes a session. Changing the time or place
/// of a published session tells everyone signed up.
#[server(endpoint = "manage-sessions/save")]
pub async fn save_session(
    #[server(default)] id: String,
    #[server(default)] platform_id: String,
    #[server(default)] title: String,
    #[server(default)] summary: String,
    #[server(default)] kind: String,
    #[server(default)] format: String,
    #[server(default)] format_local_name: String,
    #[server(default)] place: String,
    #[server(default)] starts_at: String,
    #[server(default)] ends_at: String,
    #[server(default)] seats: String,
    #[server(default)] signup_deadline: String,
    #[server(default)] checkin_lead: String,
    /// One value per ticked role box (`invited[]` in the form); none means anyone may sign up.
    #[server(default)]
    invited: Vec<String>,
    /// One value per ticked co-host box (`coorganizers[]`).
    #[server(default)]
    coorganizers: Vec<String>,
) -> Result<(), AppError> {
    use super::fields::RawSessionFields;
    use crate::domain::SessionStatus;
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use crate::web::{require_principal, state};
    use store::{clock::now_local, repo};

    let invited = invited.join(",");
    let coorganizers = coorganizers.join(",");
    let raw = RawSessionFields {
        title: &title,
        summary: &summary,
        kind: &kind,
        format: &format,
        format_local_name: &format_local_name,
        place: &place,
        starts_at: &starts_at,
        ends_at: &ends_at,
        seats: &seats,
        signup_deadline: &signup_deadline,
        checkin_lead: &checkin_lead,
        invited: &invited,
        coorganizers: &coorganizers,
    };
    let keep = raw.keep();
    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let now = now_local();
        let mut errors = FieldErrors::default();
        let existing = match id.trim() {
            "" => None,
            some => Some(repo::organizing::host(&db, crate::api::parse_id(some)?).await?),
        };
        match &existing {
            Some(host) if !me.edits_platform(host.platform_id, &host.area_path) => {
                return Err(AppError::Forbidden.into())
            }
            Some(host)
                if matches!(host.status, SessionStatus::Cancelled)
                    || !matches!(host.status, SessionStatus::Draft | SessionStatus::Published) =>
            {
                errors.add(crate::web::forms::FORM_FIELD, T::SessionNotEditable);
                return Err(errors.into());
            }
            Some(host) => {
                crate::api::manage_sessions::refuse_if_closed(&db, host.session_id).await?
            }
            None => {}
        }
        // A new session is hosted by the platform the form names, if the principal may use it.
        let (host_platform, session) = match &existing {
            Some(host) => (host.platform_id, Some(host.session_id)),
            None => {
                let platform =
                    repo::platforms::get(&db, crate::api::parse_id(&platform_id)?).await?;
                if !me.edits_platform(platform.id, &platform.area_path) {
                    return Err(AppError::Forbidden.into());
                }
                (platform.id, None)
            }
        };
        let cohosts = cohost_ids(&db, host_platform, session).await?;
        let Some(fields) = raw.parse(now, &cohosts, &mut errors) else {
            return Err(errors.into());
        };
        let saved = match existing {
            Some(host) => {
                repo::organizing::update(&db, me.user_id, host.session_id, &fields, now).await?;
                host.session_id
            }
            None => repo::organizing::create(&db, me.user_id, host_platform, &fields, now).await?,
        };
        Ok(Done::with_notice(
            format!("/manage/sessions/{saved}"),
            T::Saved,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}

/// The ids of the platforms the form may name as co-hosts.
#[cfg(feature = "ssr")]
pub(super) async fn cohost_ids(
    db: &store::db::Db,
    host_platform: i64,
    session: Option<i64>,
) -> Result<Vec<i64>, store::repo::StoreError> {
    Ok(store::repo::cohosts::choices(db, host_platform, session)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect())
}
