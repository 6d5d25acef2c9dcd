use leptos::prelude::*;

use crate::error::AppError;

/// Imports a previewed ledger whole, or nothing of it.
#[server(endpoint = "ledger/import")]
pub async fn import_ledger(#[server(default)] id: String) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use store::{
        clock::now_local,
        ledger::imports::{self, Refused},
    };

    let result = async {
        let me = super::importer().await?;
        let id = crate::api::parse_id(&id)?;
        let db = crate::web::state()?.db;
        let mut errors = FieldErrors::default();
        match imports::import(&db, &me, id, now_local()).await? {
            Ok(_) => Ok(Done::with_notice(
                format!("/manage/import/{id}"),
                T::LedgerImported,
            )),
            Err(refused) => {
                errors.add(
                    FORM_FIELD,
                    match refused {
                        Refused::Problems => T::LedgerHasProblems,
                        Refused::ImportedBefore => T::LedgerImportedBefore,
                    },
                );
                Err(errors.into())
            }
        }
    }
    .await;
    FormPost::new("/manage/import", &[]).finish(result)
}
