use leptos::prelude::*;
use server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// Adds a photo (JPEG, PNG) or a file (PDF) of at most 10 MB to a held session's record. The
/// type is read from the file's bytes; the file is stored under a random name.
#[server(endpoint = "closing/attach", input = MultipartFormData)]
pub async fn attach_file(data: MultipartData) -> Result<(), AppError> {
    attach(data, false).await
}

/// Keeps the photo (or PDF) of a session's paper sign-in sheet as the evidence of a session
/// recorded afterwards. It holds residents' names and numbers, so it is kept as a file that only
/// the platform's people may open, never as a public photo.
#[server(endpoint = "closing/sign-in-sheet", input = MultipartFormData)]
pub async fn attach_sign_in_sheet(data: MultipartData) -> Result<(), AppError> {
    attach(data, true).await
}

#[cfg(feature = "ssr")]
async fn attach(data: MultipartData, sign_in_sheet: bool) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use crate::web::state;
    use store::uploads::{self, UploadError};
    use store::{clock::now_local, repo};

    let result = async {
        let read = crate::web::multipart::read_multipart(data).await?;
        let id = read.fields.get("id").cloned().unwrap_or_default();
        let (me, db, card) = super::held_session(&id).await?;
        let mut errors = FieldErrors::default();
        let Some((name, bytes)) = read.file else {
            errors.add("file", T::ChooseFile);
            return Err(errors.into());
        };
        let kind = match uploads::check(&bytes) {
            Ok(kind) => kind,
            Err(e) => {
                errors.add(
                    "file",
                    match e {
                        UploadError::Empty => T::ChooseFile,
                        UploadError::TooLarge => T::FileTooLarge,
                        UploadError::WrongType => T::FileWrongType,
                    },
                );
                return Err(errors.into());
            }
        };
        let settings = state()?.settings;
        if !uploads::fits_quota(&db, settings.upload_quota_bytes, bytes.len(), false).await? {
            errors.add("file", T::UploadQuotaReached);
            return Err(errors.into());
        }
        let key = uploads::keep(&settings.uploads_dir, &bytes).await?;
        let attachment = repo::minutes::NewAttachment {
            kind: if sign_in_sheet { "file" } else { kind.kind() },
            sign_in_sheet,
            file_name: name,
            content_type: kind.content_type(),
            size_bytes: bytes.len(),
            storage_key: key.clone(),
        };
        let recorded =
            repo::minutes::attach(&db, me.user_id, card.id, &attachment, now_local()).await;
        if recorded.is_err() {
            uploads::discard(&settings.uploads_dir, &key).await;
        }
        recorded?;
        Ok(if sign_in_sheet {
            Done::with_notice(
                format!("/manage/sessions/{}/closing#evidence", card.id),
                T::SignInSheetPhotoKept,
            )
        } else {
            Done::with_notice(
                format!("/manage/sessions/{}/closing#files", card.id),
                T::FileAttached,
            )
        })
    }
    .await;
    FormPost::new("/manage/sessions", &[]).finish(result)
}
