use leptos::prelude::*;

use crate::error::AppError;

/// Signs in. The answer never tells whether the account exists: an unknown name costs the same
/// hash verification as a wrong password and gets the same message, and repeated failures from
/// one address lock any name, existing or not, for that address, for a growing while. One
/// network address gets only so many attempts.
#[server(endpoint = "auth/login")]
pub async fn login(
    #[server(default)] username: String,
    #[server(default)] password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use crate::web::state;
    use http::{header, HeaderValue};
    use leptos_axum::ResponseOptions;
    use store::auth::{cookie, sessions, verify_password};
    use store::{clock::now_local, repo};

    /// A valid argon2id hash of a random string, verified when the account does not exist.
    const DUMMY_HASH: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3lJ1Sz3ZPxVfDBj+PQ1sVwXsNjHRrl0uCQ3k0bvGWIw";

    let keep = [("username", username.as_str())];
    let result = async {
        let state = state()?;
        let mut errors = FieldErrors::default();
        if username.trim().is_empty() {
            errors.add("username", T::Required);
        }
        if password.is_empty() {
            errors.add("password", T::Required);
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let address = crate::web::request::client_address(&state.settings);
        if !state.limits.sign_in_from(address) {
            errors.add(FORM_FIELD, T::TooManySignIns);
            return Err(errors.into());
        }
        let now = now_local();
        // Locks are per name and address: a stranger's guesses do not lock the owner out.
        let from = address.map(|a| a.to_string()).unwrap_or_default();
        if repo::login_failures::is_locked(&state.db, &username, &from, now).await? {
            errors.add(FORM_FIELD, T::LoginLocked);
            return Err(errors.into());
        }
        let found = repo::users::find_login(&state.db, &username).await?;
        let (user_id, hash) = found.clone().unwrap_or((0, DUMMY_HASH.to_owned()));
        if !verify_password(hash, password.clone()).await || found.is_none() {
            let locked = repo::login_failures::record(&state.db, &username, &from, now).await?;
            errors.add(
                FORM_FIELD,
                if locked {
                    T::LoginLocked
                } else {
                    T::LoginFailed
                },
            );
            return Err(errors.into());
        }
        repo::login_failures::clear(&state.db, &username, &from).await?;
        // A fresh token at every login: a token planted before login is worthless after it.
        if let Some(old) = crate::web::request::cookie_token() {
            sessions::delete(&state.db, &old).await?;
        }
        let token = sessions::create(&state.db, user_id, state.settings.login_hours).await?;
        let set_cookie = cookie::set_session(&token, &state.settings);
        if let (Some(opts), Ok(value)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(&set_cookie),
        ) {
            opts.append_header(header::SET_COOKIE, value);
        }
        let to = crate::url::safe_local_path(&next)
            .unwrap_or("/manage")
            .to_owned();
        Ok(Done::to(to))
    }
    .await;
    FormPost::new("/login", &keep).finish(result)
}
