// One argument per form field, as the plain HTML form posts them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Records a session that was held without being planned here (补录), with the people on its
/// sign-in sheet as attended; then its minutes and outcomes are written as for any session.
#[server(endpoint = "manage-sessions/record-held")]
pub async fn record_held_session(
    #[server(default)] platform_id: String,
    #[server(default)] title: String,
    #[server(default)] summary: String,
    #[server(default)] kind: String,
    #[server(default)] format: String,
    #[server(default)] format_local_name: String,
    #[server(default)] place: String,
    #[server(default)] starts_at: String,
    #[server(default)] ends_at: String,
    #[server(default)] roster: String,
    /// One value per ticked co-host box (`coorganizers[]`).
    #[server(default)]
    coorganizers: Vec<String>,
) -> Result<(), AppError> {
    use chrono::Datelike;

    use super::{
        fields::RawSessionFields,
        roster::{self, RosterError},
    };
    use crate::domain::{RegistrationRole, ROSTER_MAX_CHARS};
    use crate::i18n::T;
    use crate::views::organizing::RosterPerson;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use crate::web::{require_principal, state};
    use store::{clock::now_local, repo};

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
        seats: "",
        signup_deadline: "",
        checkin_lead: "",
        invited: "",
        coorganizers: &coorganizers,
    };
    let mut keep = raw.keep()[..8].to_vec();
    keep.extend([
        ("coorganizers", coorganizers.as_str()),
        ("roster", roster.as_str()),
        ("platform_id", platform_id.as_str()),
    ]);
    let result = async {
        let me = require_principal().await?;
        let db = state()?.db;
        let platform = repo::platforms::get(&db, crate::api::parse_id(&platform_id)?).await?;
        if !me.edits_platform(platform.id, &platform.area_path) {
            return Err(AppError::Forbidden.into());
        }
        let now = now_local();
        let mut errors = FieldErrors::default();
        let lines = if roster.chars().count() > ROSTER_MAX_CHARS {
            errors.add("roster", T::RosterTooMany);
            Vec::new()
        } else {
            match roster::parse(&roster) {
                Ok(read) => {
                    for (line, error) in read.wrong {
                        errors.add(&format!("roster.{line}"), error);
                    }
                    read.people
                }
                Err(e) => {
                    errors.add(
                        "roster",
                        match e {
                            RosterError::Empty => T::RosterEmpty,
                            RosterError::TooMany => T::RosterTooMany,
                        },
                    );
                    Vec::new()
                }
            }
        };
        let mut people = Vec::with_capacity(lines.len());
        for line in lines {
            let member_user_id = if line.role == RegistrationRole::Member {
                match repo::recorded::members_named(&db, line.name.as_str()).await?[..] {
                    [one] => Some(one),
                    [] => {
                        errors.add(&format!("roster.{}", line.line), T::RosterMemberUnknown);
                        None
                    }
                    _ => {
                        errors.add(&format!("roster.{}", line.line), T::RosterMemberAmbiguous);
                        None
                    }
                }
            } else {
                None
            };
            people.push(RosterPerson {
                name: line.name,
                role: line.role,
                mobile: line.mobile,
                member_user_id,
            });
        }
        let cohosts = super::save::cohost_ids(&db, platform.id, None).await?;
        let fields = raw.parse_held(now, people.len(), &cohosts, &mut errors);
        if let Some(f) = &fields {
            let year = f.time.start().year();
            if repo::recorded::year_closed(&db, &platform.area_path, year).await? {
                errors.add("starts_at", T::YearClosed);
            }
        }
        let Some(fields) = fields.filter(|_| errors.is_empty()) else {
            return Err(errors.into());
        };
        let id = repo::recorded::record_held(&db, me.user_id, platform.id, &fields, &people, now)
            .await?;
        Ok(Done::with_notice(
            format!("/manage/sessions/{id}/closing"),
            T::RecordHeldSaved,
        ))
    }
    .await;
    FormPost::new("/manage/sessions", &keep).finish(result)
}
