use std::{
    path::Path,
    str::FromStr,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use super::readers::Readers;

/// The embedded store: one SQLite file in WAL mode, read by many connections and written by one.
///
/// SQLite allows one writer at a time. Funnelling every write through a single pooled connection
/// makes writers queue in-process instead of failing with `SQLITE_BUSY`, and lets a transaction
/// read-then-write (count the seats, then insert) without a lock upgrade that could deadlock.
#[derive(Clone, Debug)]
pub struct Db {
    pub read: Readers,
    pub write: SqlitePool,
    /// Counts the times the write connection was handed back: after every write, so a copy of
    /// something read from the database is current while this has not moved (see
    /// [`Db::changes`]).
    changes: Arc<AtomicU64>,
}

#[derive(Debug, thiserror::Error)]
pub enum DbOpenError {
    #[error("cannot open database {path}: {source}")]
    Open { path: String, source: sqlx::Error },
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Db {
    pub async fn open(path: &Path, readers: u32) -> Result<Self, DbOpenError> {
        let open_err = |source| DbOpenError::Open {
            path: path.display().to_string(),
            source,
        };
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(open_err)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: an acknowledged sign-up survives a power cut, not only a process crash.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // 8 MB per connection: a province year's figures read one index range each and
            // took 112 ms with it against 107 ms with 16 MB; memory is the scarcer of the two.
            .pragma("cache_size", "-8000")
            .pragma("temp_store", "memory")
            // What retention erases (numbers) and whatever is deleted is overwritten with zeros
            // in the file, not left readable in freed space until the page is reused.
            .pragma("secure_delete", "on");
        // A pool's default health check before each acquire is a round trip to the
        // connection's thread; an embedded file has no link to break, so it is skipped.
        let changes = Arc::new(AtomicU64::new(0));
        let counted = changes.clone();
        let write = SqlitePoolOptions::new()
            .test_before_acquire(false)
            .max_connections(1)
            // The connection comes back once its transaction has committed (or rolled back), so
            // the count moves only after a change can be read.
            .after_release(move |_, _| {
                counted.fetch_add(1, Ordering::Release);
                Box::pin(async { Ok(true) })
            })
            .connect_with(options.clone())
            .await
            .map_err(open_err)?;
        sqlx::migrate!("../migrations").run(&write).await?;
        let read = Readers::open(&options.read_only(true), readers)
            .await
            .map_err(open_err)?;
        Ok(Self {
            read,
            write,
            changes,
        })
    }

    /// A number that moves after every write. Read it before reading the database and again
    /// later: if it has not moved, nothing written since can be missing from what was read.
    pub fn changes(&self) -> u64 {
        self.changes.load(Ordering::Acquire)
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}
