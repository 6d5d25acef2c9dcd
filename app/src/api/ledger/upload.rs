use leptos::prelude::*;
use server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// Keeps an uploaded ledger (XLSX or CSV) for its preview, which lists every problem in it.
#[server(endpoint = "ledger/upload", input = MultipartFormData)]
pub async fn upload_ledger(data: MultipartData) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::{clock::now_local, ledger};

    let result = async {
        let read = crate::web::multipart::read_multipart(data).await?;
        let me = super::importer().await?;
        let mut errors = FieldErrors::default();
        let Some((name, bytes)) = read.file.filter(|(_, b)| !b.is_empty()) else {
            errors.add("file", T::ChooseFile);
            return Err(errors.into());
        };
        if bytes.len() > ledger::cells::MAX_BYTES {
            errors.add("file", T::LedgerFileTooLarge);
            return Err(errors.into());
        }
        let db = crate::web::state()?.db;
        let id = ledger::imports::upload(&db, me.user_id, &name, &bytes, now_local()).await?;
        Ok(Done::with_notice(
            format!("/manage/import/{id}"),
            T::LedgerUploaded,
        ))
    }
    .await;
    FormPost::new("/manage/import", &[]).finish(result)
}
