//! Photos and files kept with a session's minutes or a topic. The type is read from the file's
//! first bytes, never from its name or the browser's claim; the file is stored under a random
//! key (no part of the uploaded name reaches the file system), written to a temporary name and
//! renamed, so a half-written file is never served.

use std::path::{Path, PathBuf};

use super::auth::random_token;

/// The largest upload kept (the schema allows the same).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// What an upload turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Jpeg,
    Png,
    Pdf,
}

impl FileType {
    /// Recognises a file by its signature.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else {
            None
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Pdf => "application/pdf",
        }
    }

    /// `photo` or `file`, as the attachments table keeps it.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Jpeg | Self::Png => "photo",
            Self::Pdf => "file",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than 10 MB")]
    TooLarge,
    #[error("only JPEG and PNG photos and PDF files are accepted")]
    WrongType,
}

/// Checks an upload's size and type.
pub fn check(bytes: &[u8]) -> Result<FileType, UploadError> {
    if bytes.is_empty() {
        Err(UploadError::Empty)
    } else if bytes.len() > MAX_BYTES {
        Err(UploadError::TooLarge)
    } else {
        FileType::sniff(bytes).ok_or(UploadError::WrongType)
    }
}

/// A display name for an uploaded file: the last path segment, without control characters,
/// at most 100 characters; the storage never uses it.
pub fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).take(100).collect();
    if clean.trim().is_empty() {
        "file".to_owned()
    } else {
        clean
    }
}

/// Where a stored file lives: two levels of folders by the key's first characters.
pub fn path_of(dir: &Path, key: &str) -> PathBuf {
    dir.join(&key[..2]).join(key)
}

/// Writes the bytes under a fresh random key and returns the key.
pub async fn store(dir: &Path, bytes: &[u8]) -> std::io::Result<String> {
    let key = random_token();
    let path = path_of(dir, &key);
    if let Some(parent) = path.parent() {
        tokio::fs::create_dir_all(parent).await?;
    }
    let partial = path.with_extension("part");
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, &path).await?;
    Ok(key)
}

/// Whether `size` more bytes fit the deployment's upload quota (`YST_UPLOAD_QUOTA_MB`). Uploads
/// without an account (topic photos) may fill a quarter of it at most, so the public can never
/// leave the organizers without room for their minutes' photos.
pub async fn fits_quota(
    db: &super::db::Db,
    quota: u64,
    size: usize,
    anonymous: bool,
) -> Result<bool, super::repo::StoreError> {
    let (all, by_anyone) = super::repo::minutes::stored_bytes(db).await?;
    let size = u64::try_from(size).unwrap_or(u64::MAX);
    let fits = |used: u64, room: u64| used.saturating_add(size) <= room;
    Ok(fits(all, quota) && (!anonymous || fits(by_anyone, quota / 4)))
}

/// Removes a stored file that no record will name (its record was refused); one already gone
/// is no error. A failure is logged: the hourly sweep removes the file later.
pub async fn discard(dir: &Path, key: &str) {
    if let Err(e) = tokio::fs::remove_file(path_of(dir, key)).await {
        if e.kind() != std::io::ErrorKind::NotFound {
            tracing::warn!(error = %e, "removing an unrecorded upload");
        }
    }
}

/// Removes stored files that no attachment names and that are older than `min_age`: uploads
/// whose record was never written (a refused or interrupted post) and photos of declined topics,
/// whose record is deleted. Younger files are spared, as an upload writes its file before its
/// record. Returns how many files were removed.
pub async fn sweep_unrecorded(
    dir: &Path,
    recorded: &std::collections::HashSet<String>,
    min_age: std::time::Duration,
) -> std::io::Result<u64> {
    let mut removed = 0;
    let Ok(mut folders) = tokio::fs::read_dir(dir).await else {
        return Ok(0);
    };
    while let Some(folder) = folders.next_entry().await? {
        if !folder.file_type().await?.is_dir() {
            continue;
        }
        let mut files = tokio::fs::read_dir(folder.path()).await?;
        while let Some(file) = files.next_entry().await? {
            let name = file.file_name().to_string_lossy().into_owned();
            let base = name.strip_suffix(".part").unwrap_or(&name);
            let age = file
                .metadata()
                .await?
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .unwrap_or_default();
            if age >= min_age && (name.ends_with(".part") || !recorded.contains(base)) {
                tokio::fs::remove_file(file.path()).await?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Stores checked bytes; a failure to write is the server's, logged, and reported as such.
pub async fn keep(dir: &Path, bytes: &[u8]) -> Result<String, model::error::AppError> {
    store(dir, bytes).await.map_err(|e| {
        tracing::error!(error = %e, "storing an upload");
        model::error::AppError::Unexpected
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes_not_the_name() {
        assert_eq!(check(b"\xFF\xD8\xFF\xE0rest"), Ok(FileType::Jpeg));
        assert_eq!(check(b"\x89PNG\r\n\x1a\nrest"), Ok(FileType::Png));
        assert_eq!(check(b"%PDF-1.7"), Ok(FileType::Pdf));
        assert_eq!(check(b"<svg onload=alert(1)>"), Err(UploadError::WrongType));
        assert_eq!(check(b"MZ\x90\x00"), Err(UploadError::WrongType));
        assert_eq!(check(b""), Err(UploadError::Empty));
        let big = vec![0xFFu8; MAX_BYTES + 1];
        assert_eq!(check(&big), Err(UploadError::TooLarge));
    }

    #[test]
    fn display_names_are_tamed() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\照片\\现场.jpg"), "现场.jpg");
        assert_eq!(display_name("a\u{0}b\nc.png"), "abc.png");
        assert_eq!(display_name(""), "file");
    }

    proptest::proptest! {
        #[test]
        fn only_recognised_signatures_are_accepted(
            head in proptest::sample::select(vec![
                b"\xFF\xD8\xFF".to_vec(),
                b"\x89PNG\r\n\x1a\n".to_vec(),
                b"%PDF-".to_vec(),
                b"<svg".to_vec(),
                Vec::new(),
            ]),
            tail in proptest::collection::vec(proptest::num::u8::ANY, 0..64),
            name in "\\PC{0,120}|.{0,120}",
        ) {
            let bytes = [head.clone(), tail].concat();
            match check(&bytes) {
                Ok(kind) => proptest::prop_assert_eq!(FileType::sniff(&head), Some(kind)),
                Err(_) => proptest::prop_assert!(FileType::sniff(&bytes).is_none()),
            }
            let shown = display_name(&name);
            proptest::prop_assert!(!shown.is_empty() && !shown.contains(['/', '\\']));
            proptest::prop_assert!(!shown.chars().any(char::is_control));
        }
    }
}
