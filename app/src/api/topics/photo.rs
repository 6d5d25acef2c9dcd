use leptos::prelude::*;
use server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// The proposer adds a photo (JPEG or PNG, at most 10 MB) to their topic, with its code: a
/// second step, so the topic itself goes through on a slow network first. One photo a topic.
#[server(endpoint = "topics/photo", input = MultipartFormData)]
pub async fn attach_topic_photo(data: MultipartData) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::code_guard::CodeGuard;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use store::clock::now_local;
    use store::repo::topics::{self, PhotoAdded};
    use store::uploads::{self, FileType, UploadError};

    let result = async {
        let read = crate::web::multipart::read_multipart(data).await?;
        let code = read.fields.get("code").cloned().unwrap_or_default();
        let guard = CodeGuard::new()?;
        let code = guard.parse(&code)?;
        let app = guard.state().clone();
        let topic = guard.found(topics::by_code(&app.db, &code).await?)?;
        let mut errors = FieldErrors::default();
        // Refused before anything is stored; the insert checks again under the write lock.
        if topics::photo_key(&app.db, topic).await?.is_some() {
            errors.add("file", T::PhotoAlready);
            return Err(errors.into());
        }
        let Some((name, bytes)) = read.file else {
            errors.add("file", T::ChooseFile);
            return Err(errors.into());
        };
        let kind = match uploads::check(&bytes) {
            Ok(k @ (FileType::Jpeg | FileType::Png)) => k,
            Ok(FileType::Pdf) | Err(UploadError::WrongType) => {
                errors.add("file", T::PhotoOnly);
                return Err(errors.into());
            }
            Err(UploadError::Empty) => {
                errors.add("file", T::ChooseFile);
                return Err(errors.into());
            }
            Err(UploadError::TooLarge) => {
                errors.add("file", T::FileTooLarge);
                return Err(errors.into());
            }
        };
        // Photos from people without an account are counted against their address, as
        // proposals are, and may fill only their share of the upload quota.
        let address = crate::web::request::client_address(&app.settings);
        if !app.limits.proposal_from(address, None) {
            errors.add(FORM_FIELD, T::TooManyAttempts);
            return Err(errors.into());
        }
        let quota = app.settings.upload_quota_bytes;
        if !uploads::fits_quota(&app.db, quota, bytes.len(), true).await? {
            errors.add("file", T::UploadQuotaReached);
            return Err(errors.into());
        }
        let dir = &app.settings.uploads_dir;
        let key = uploads::keep(dir, &bytes).await?;
        let photo = store::repo::minutes::NewAttachment {
            sign_in_sheet: false,
            kind: kind.kind(),
            file_name: name,
            content_type: kind.content_type(),
            size_bytes: bytes.len(),
            storage_key: key.clone(),
        };
        let added = topics::add_photo(&app.db, topic, &photo, now_local()).await;
        if !matches!(added, Ok(PhotoAdded::Done)) {
            uploads::discard(dir, &key).await;
        }
        match added? {
            PhotoAdded::Done => Ok(Done::with_notice(
                format!("/t/{}", code.as_str()),
                T::FileAttached,
            )),
            PhotoAdded::Already => {
                errors.add("file", T::PhotoAlready);
                Err(errors.into())
            }
        }
    }
    .await;
    FormPost::new("/", &[]).finish(result)
}
