//! The read-only connections, handed out without sqlx's pool.
//!
//! Each SQLite connection lives on a thread of its own, so every command is a hand-off to that
//! thread and back. sqlx's pool adds a second one to every query: a connection given back is
//! pinged (a round trip to its thread) from a task spawned for the purpose, which guards network
//! databases against half-finished exchanges. Here a query's command and a later one queue on
//! the same thread in order, so a connection whose query was abandoned is safe to hand out as
//! it is. The session page, the page a whole city opens, is one statement: this halves its
//! trips to SQLite's thread.

use std::{
    ops::{Deref, DerefMut},
    sync::{Arc, Mutex, PoisonError},
};

use futures_util::{future::BoxFuture, stream::BoxStream, TryStreamExt};
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteQueryResult, SqliteRow, SqliteStatement, SqliteTypeInfo},
    ConnectOptions, Connection, Describe, Either, Execute, Executor, Sqlite, SqliteConnection,
};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A fixed set of read-only connections, opened at start. Cloning shares the set.
#[derive(Clone, Debug)]
pub struct Readers(Arc<Shared>);

#[derive(Debug)]
struct Shared {
    idle: Mutex<Vec<SqliteConnection>>,
    /// One permit per idle connection: waiting for a permit is waiting for a connection.
    free: Arc<Semaphore>,
    count: u32,
}

/// One connection, lent until dropped.
#[derive(Debug)]
pub struct Reader {
    conn: Option<SqliteConnection>,
    shared: Arc<Shared>,
    // Released after the connection is back (fields drop after `Drop::drop`).
    _permit: OwnedSemaphorePermit,
}

impl Readers {
    /// Opens `count` connections (at least one) with `options`.
    pub async fn open(options: &SqliteConnectOptions, count: u32) -> Result<Self, sqlx::Error> {
        let count = count.max(1);
        let mut idle = Vec::with_capacity(count as usize);
        for _ in 0..count {
            idle.push(options.connect().await?);
        }
        Ok(Self(Arc::new(Shared {
            idle: Mutex::new(idle),
            free: Arc::new(Semaphore::new(count as usize)),
            count,
        })))
    }

    /// Waits for a free connection.
    pub async fn acquire(&self) -> Result<Reader, sqlx::Error> {
        let permit = self
            .0
            .free
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let conn = self
            .0
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .ok_or(sqlx::Error::PoolClosed)?;
        Ok(Reader {
            conn: Some(conn),
            shared: self.0.clone(),
            _permit: permit,
        })
    }

    /// Waits until every connection is back, then closes them all; later acquires fail.
    pub async fn close(&self) {
        let Ok(all) = self.0.free.acquire_many(self.0.count).await else {
            return;
        };
        self.0.free.close();
        all.forget();
        let conns: Vec<SqliteConnection> =
            std::mem::take(&mut *self.0.idle.lock().unwrap_or_else(PoisonError::into_inner));
        for conn in conns {
            let _ = conn.close().await;
        }
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.shared
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(conn);
        }
    }
}

impl Deref for Reader {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        self.conn
            .as_ref()
            .expect("a lent connection is present until dropped")
    }
}

impl DerefMut for Reader {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.conn
            .as_mut()
            .expect("a lent connection is present until dropped")
    }
}

/// Queries run on `&db.read` as on a pool: each borrows a connection for its own length.
impl<'c> Executor<'c> for &'c Readers {
    type Database = Sqlite;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<SqliteQueryResult, SqliteRow>, sqlx::Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        Box::pin(async_stream::try_stream! {
            let mut conn = self.acquire().await?;
            let mut results = conn.fetch_many(query);
            while let Some(result) = results.try_next().await? {
                yield result;
            }
        })
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<SqliteRow>, sqlx::Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        Box::pin(async move { self.acquire().await?.fetch_optional(query).await })
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [SqliteTypeInfo],
    ) -> BoxFuture<'e, Result<SqliteStatement<'q>, sqlx::Error>>
    where
        'c: 'e,
    {
        Box::pin(async move { self.acquire().await?.prepare_with(sql, parameters).await })
    }

    fn describe<'e, 'q: 'e>(
        self,
        sql: &'q str,
    ) -> BoxFuture<'e, Result<Describe<Sqlite>, sqlx::Error>>
    where
        'c: 'e,
    {
        Box::pin(async move { self.acquire().await?.describe(sql).await })
    }
}

#[cfg(test)]
mod tests {
    use std::{str::FromStr, time::Duration};

    use futures_util::StreamExt;

    use super::*;

    /// A file with a thousand numbered rows, and two read-only connections to it.
    async fn readers(name: &str) -> (Readers, std::path::PathBuf) {
        let path =
            std::env::temp_dir().join(format!("yst-readers-{name}-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let options = SqliteConnectOptions::from_str("sqlite://")
            .unwrap()
            .filename(&path)
            .create_if_missing(true);
        let mut writer = options.connect().await.unwrap();
        sqlx::query(
            "CREATE TABLE n (v INTEGER);
             WITH RECURSIVE c(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM c WHERE v < 1000)
             INSERT INTO n SELECT v FROM c;",
        )
        .execute(&mut writer)
        .await
        .unwrap();
        writer.close().await.unwrap();
        let readers = Readers::open(&options.read_only(true), 2).await.unwrap();
        (readers, path)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn more_queries_than_connections_wait_their_turn() {
        let (readers, path) = readers("queue").await;
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..50_i64 {
            let readers = readers.clone();
            tasks.spawn(async move {
                let v: i64 = sqlx::query_scalar("SELECT v FROM n WHERE v = ?")
                    .bind(i + 1)
                    .fetch_one(&readers)
                    .await
                    .unwrap();
                assert_eq!(v, i + 1);
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.unwrap();
        }
        assert_eq!(readers.0.idle.lock().unwrap().len(), 2);
        readers.close().await;
        let _ = std::fs::remove_file(path);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_abandoned_query_leaves_its_connection_usable() {
        let (readers, path) = readers("abandoned").await;
        for _ in 0..20 {
            // Read a few rows of a long result, then drop the stream mid-way; and a query
            // cancelled before it answers.
            let mut rows =
                sqlx::query_scalar::<_, i64>("SELECT v FROM n ORDER BY v").fetch(&readers);
            assert_eq!(rows.next().await.unwrap().unwrap(), 1);
            drop(rows);
            let slow =
                sqlx::query_scalar::<_, i64>("SELECT count(*) FROM n a, n b").fetch_one(&readers);
            let _ = tokio::time::timeout(Duration::from_micros(1), slow).await;
        }
        // Every connection answers the next query with its own, complete result.
        for _ in 0..4 {
            let all: Vec<i64> = sqlx::query_scalar("SELECT v FROM n ORDER BY v")
                .fetch_all(&readers)
                .await
                .unwrap();
            assert_eq!(all, (1..=1000).collect::<Vec<_>>());
        }
        readers.close().await;
        assert!(matches!(
            readers.acquire().await,
            Err(sqlx::Error::PoolClosed)
        ));
        let _ = std::fs::remove_file(path);
    }
}
