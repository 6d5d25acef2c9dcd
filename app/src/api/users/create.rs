use leptos::prelude::*;

use crate::error::AppError;

/// Creates an account of one kind — staff of an area, organizer of a platform, or member —
/// inside the creator's scope, and shows its one-time password once.
#[server(endpoint = "users/create")]
pub async fn create_user(
    #[server(default)] username: String,
    #[server(default)] display_name: String,
    #[server(default)] kind: String,
    #[server(default)] area_id: String,
    #[server(default)] platform_id: String,
    #[server(default)] member_level: String,
    #[server(default)] sector: String,
) -> Result<(), AppError> {
    use crate::domain::{MemberLevel, RequiredText};
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use crate::web::{require_principal, state};
    use store::repo::{self, accounts::NewGrant};

    let keep = [
        ("username", username.as_str()),
        ("display_name", display_name.as_str()),
        ("kind", kind.as_str()),
        ("area_id", area_id.as_str()),
        ("platform_id", platform_id.as_str()),
        ("member_level", member_level.as_str()),
        ("sector", sector.as_str()),
    ];
    let result = async {
        let me = require_principal().await?;
        if !me.is_staff() {
            return Err(AppError::Forbidden.into());
        }
        let db = state()?.db;
        let mut errors = FieldErrors::default();
        let login = username.trim();
        let valid_login = (3..=32).contains(&login.len())
            && login
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-');
        if !valid_login {
            errors.add("username", T::UsernameRule);
        }
        let name = errors.check(
            "display_name",
            RequiredText::parse_line(&display_name, 32),
            |_| T::Required,
        );
        let grant = match kind.as_str() {
            "staff" => match crate::api::parse_id(&area_id) {
                Ok(id) => {
                    let area = repo::areas::get(&db, id).await?;
                    if !me.covers_area(&area.path) {
                        return Err(AppError::Forbidden.into());
                    }
                    Some(NewGrant::Staff { area_id: id })
                }
                Err(_) => {
                    errors.add("area_id", T::ChooseOne);
                    None
                }
            },
            "organizer" => match crate::api::parse_id(&platform_id) {
                Ok(id) => {
                    let platform = repo::platforms::get(&db, id).await?;
                    if !me.covers_area(&platform.area_path) {
                        return Err(AppError::Forbidden.into());
                    }
                    Some(NewGrant::Organizer { platform_id: id })
                }
                Err(_) => {
                    errors.add("platform_id", T::ChooseOne);
                    None
                }
            },
            "member" => {
                let level = MemberLevel::from_code(&member_level);
                if level.is_none() {
                    errors.add("member_level", T::ChooseOne);
                }
                let sector =
                    errors.check("sector", RequiredText::parse(&sector, 32), |_| T::Required);
                // The home area decides which staff manage the account; only an administrator
                // may leave it to administrators.
                let area_id = match crate::api::parse_id(&area_id) {
                    Ok(id) => {
                        let area = repo::areas::get(&db, id).await?;
                        if !me.covers_area(&area.path) {
                            return Err(AppError::Forbidden.into());
                        }
                        Some(id)
                    }
                    Err(_) if me.is_admin => None,
                    Err(_) => {
                        errors.add("area_id", T::ChooseOne);
                        None
                    }
                };
                level.zip(sector).map(|(level, sector)| NewGrant::Member {
                    level,
                    sector: sector.into_inner(),
                    area_id,
                })
            }
            _ => {
                errors.add("kind", T::ChooseOne);
                None
            }
        };
        let (Some(name), Some(grant)) = (name, grant) else {
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        match repo::accounts::create(&db, me.user_id, login, name.as_str(), &grant).await {
            Ok(password) => Ok(Done {
                to: "/manage/users".into(),
                notice: Some(T::AccountCreated),
                secret: Some((login.to_owned(), password)),
                ..Done::default()
            }),
            Err(repo::StoreError::Conflict(_)) => {
                errors.add("username", T::UsernameTaken);
                Err(errors.into())
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    FormPost::new("/manage/users", &keep).finish(result)
}
