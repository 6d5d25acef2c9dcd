//! Backups of a live deployment and putting one back.
//!
//! A backup is `VACUUM INTO`: SQLite writes a compact copy of the database as one read
//! transaction sees it, so the copy is consistent while sign-ups keep arriving (the online
//! backup API would give the same; sqlx does not expose it). The uploaded files are copied
//! beside it; they are written once under random names and never changed, so a file already
//! in the backup folder is skipped.
//!
//! Restoring replaces the database file and needs the server stopped: `serve` holds a lock on
//! `<database>.lock` for as long as it runs, and `restore` refuses while it is held.

use std::{
    fs::{self, File},
    path::{Path, PathBuf},
    str::FromStr,
};

use chrono::NaiveDateTime;
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode},
    ConnectOptions, Connection, SqliteConnection,
};

use store::db::Db;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Database(#[from] sqlx::Error),
    #[error("{path} is not a usable backup: {why}")]
    NotABackup { path: String, why: String },
    #[error("the server is running on {0}: stop it before restoring")]
    InUse(String),
    #[error("{0}")]
    Open(#[from] store::db::DbOpenError),
}

/// What a backup wrote.
#[derive(Debug)]
pub struct Backup {
    pub database: PathBuf,
    pub files_copied: u64,
}

/// Held by a running server: a restore must not swap the file under it.
pub struct ServeLock {
    _file: File,
}

/// Takes the serving lock of a database, or says the database is already served.
pub fn lock_for_serving(database: &Path) -> Result<ServeLock, BackupError> {
    if let Some(folder) = database.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(folder)?;
    }
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(database))?;
    match file.try_lock() {
        Ok(()) => Ok(ServeLock { _file: file }),
        Err(_) => Err(BackupError::InUse(database.display().to_string())),
    }
}

fn lock_path(database: &Path) -> PathBuf {
    with_suffix(database, ".lock")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Copies the live database and the uploaded files into `folder`, the database as
/// `yishitong-YYYYMMDD-HHMMSS.db`.
pub async fn backup(
    db: &Db,
    uploads: &Path,
    folder: &Path,
    now: NaiveDateTime,
) -> Result<Backup, BackupError> {
    fs::create_dir_all(folder)?;
    let database = folder.join(format!("yishitong-{}.db", now.format("%Y%m%d-%H%M%S")));
    if database.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} already exists", database.display()),
        )
        .into());
    }
    sqlx::query("VACUUM INTO ?")
        .bind(database.display().to_string())
        .execute(&db.read)
        .await?;
    check(&database).await?;
    let files_copied = copy_new_files(uploads, &folder.join("uploads"))?;
    Ok(Backup {
        database,
        files_copied,
    })
}

/// Puts a backup in place of the database at `database`, after checking it, and keeps what was
/// there as `<database>.before-restore-YYYYMMDD-HHMMSS`. Returns that kept copy's path.
pub async fn restore(
    from: &Path,
    database: &Path,
    now: NaiveDateTime,
) -> Result<PathBuf, BackupError> {
    let _lock = lock_for_serving(database)?;
    check(from).await?;
    let kept = with_suffix(
        database,
        &format!(".before-restore-{}", now.format("%Y%m%d-%H%M%S")),
    );
    if database.exists() {
        // Through SQLite, not a file copy: the current file may still have committed pages in
        // its write-ahead log (after a crash), which opening it folds back in.
        let mut current = connect(database, false).await?;
        sqlx::query("VACUUM INTO ?")
            .bind(kept.display().to_string())
            .execute(&mut current)
            .await?;
        current.close().await?;
    }
    // Copied next to the database and renamed over it, so the swap is all or nothing.
    let incoming = with_suffix(database, ".restoring");
    fs::copy(from, &incoming)?;
    for stale in ["-wal", "-shm"] {
        let path = with_suffix(database, stale);
        if path.exists() {
            fs::remove_file(path)?;
        }
    }
    fs::rename(&incoming, database)?;
    // A backup from an earlier version is brought up to this one's schema now.
    Db::open(database, 1).await?.close().await;
    Ok(kept)
}

/// A backup must be a whole SQLite database of this application.
async fn check(path: &Path) -> Result<(), BackupError> {
    let not_a_backup = |why: String| BackupError::NotABackup {
        path: path.display().to_string(),
        why,
    };
    let mut conn = connect(path, true)
        .await
        .map_err(|e| not_a_backup(e.to_string()))?;
    let verdict: Result<String, sqlx::Error> = sqlx::query_scalar("PRAGMA integrity_check(1)")
        .fetch_one(&mut conn)
        .await;
    match verdict {
        Ok(v) if v == "ok" => {}
        Ok(v) => return Err(not_a_backup(v)),
        Err(e) => return Err(not_a_backup(e.to_string())),
    }
    let migrated: Result<i64, sqlx::Error> =
        sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(&mut conn)
            .await;
    match migrated {
        Ok(n) if n > 0 => {}
        _ => return Err(not_a_backup("no 议事通 schema in it".to_owned())),
    }
    conn.close().await?;
    Ok(())
}

async fn connect(path: &Path, read_only: bool) -> Result<SqliteConnection, sqlx::Error> {
    let options = SqliteConnectOptions::from_str("sqlite://")?
        .filename(path)
        .read_only(read_only)
        .create_if_missing(false);
    let options = if read_only {
        options
    } else {
        options.journal_mode(SqliteJournalMode::Wal)
    };
    options.connect().await
}

/// Copies every file under `from` that `to` lacks, keeping the folder layout.
fn copy_new_files(from: &Path, to: &Path) -> std::io::Result<u64> {
    if !from.is_dir() {
        return Ok(0);
    }
    let mut copied = 0;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copied += copy_new_files(&entry.path(), &target)?;
        } else if !target.exists() {
            fs::create_dir_all(to)?;
            fs::copy(entry.path(), &target)?;
            copied += 1;
        }
    }
    Ok(copied)
}
