use leptos::prelude::*;

use crate::error::AppError;

/// Checks the code typed against this browser's look-up. A wrong code counts against the
/// look-up (five, then it is spent) and against the address, like a mistyped registration code.
#[server(endpoint = "lookup/prove")]
pub async fn prove_lookup_code(#[server(default)] code: String) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::code_guard::CodeGuard;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use crate::web::lookup_cookie;
    use store::{
        clock::now_local,
        repo::lookups::{self, Proof},
    };

    let result = async {
        let guard = CodeGuard::new()?;
        let mut errors = FieldErrors::default();
        let code = code.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            errors.add("code", T::LookupCodeMalformed);
            return Err(errors.into());
        }
        let Some(token) = lookup_cookie::current() else {
            errors.add(FORM_FIELD, T::LookupCodeSpent);
            return Err(errors.into());
        };
        match lookups::prove(&guard.state().db, &token, code, now_local()).await? {
            Proof::Proven => Ok(Done::to("/find#lookup")),
            Proof::Wrong { .. } => {
                let _ = guard.miss();
                errors.add("code", T::LookupCodeWrong);
                Err(errors.into())
            }
            Proof::Spent => {
                let _ = guard.miss();
                errors.add(FORM_FIELD, T::LookupCodeSpent);
                Err(errors.into())
            }
        }
    }
    .await;
    FormPost::new("/find", &[]).finish(result)
}
