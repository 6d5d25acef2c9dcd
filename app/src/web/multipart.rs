//! Reading a multipart form (a photo or file with its fields) without holding more than the
//! upload limit.

use store::uploads::{display_name, MAX_BYTES};

use crate::error::AppError;

/// A multipart form read to the end: its text fields, and the file part named `file` if one
/// was chosen (its name and bytes, cut at one byte past the limit so that an oversized file
/// is refused without being held whole).
pub struct ReadForm {
    pub fields: std::collections::HashMap<String, String>,
    pub file: Option<(String, Vec<u8>)>,
}

/// Why a multipart body could not be read: it is not well-formed.
#[derive(Debug, thiserror::Error)]
#[error("the form could not be read")]
pub struct Malformed;

/// Text fields beyond this are cut: no form here has longer ones.
const MAX_FIELD_BYTES: usize = 64 * 1024;

pub async fn read_form(form: &mut multer::Multipart<'static>) -> Result<ReadForm, Malformed> {
    let mut fields = std::collections::HashMap::new();
    let mut file = None;
    while let Some(mut field) = form.next_field().await.map_err(|_| Malformed)? {
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = name == "file" && field.file_name().is_some();
        let file_name = field.file_name().map(display_name).unwrap_or_default();
        let limit = if is_file {
            MAX_BYTES + 1
        } else {
            MAX_FIELD_BYTES
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| Malformed)? {
            let room = limit.saturating_sub(bytes.len());
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if bytes.len() >= limit {
                break;
            }
        }
        if is_file {
            // A form sent with no file chosen still has an empty part.
            if !(bytes.is_empty() && file_name == "file") {
                file = Some((file_name, bytes));
            }
        } else {
            fields.insert(name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok(ReadForm { fields, file })
}

/// Reads a server function's multipart body; a body that is not a well-formed form is the
/// client's mistake.
pub async fn read_multipart(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<ReadForm, AppError> {
    let mut form = data
        .into_inner()
        .ok_or_else(|| AppError::BadRequest("multipart".into()))?;
    read_form(&mut form)
        .await
        .map_err(|e| AppError::BadRequest(e.to_string()))
}
