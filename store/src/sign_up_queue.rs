//! Group commit for sign-ups. Every commit waits for the disk (`synchronous=FULL`: an
//! acknowledged sign-up survives a power cut), and one disk flush per sign-up caps a whole
//! city's sign-up evening at a few hundred a second. Sign-ups are handed to one task instead,
//! which takes whatever has queued up (up to `BATCH`), decides and writes them together in one
//! transaction (`repo::sign_ups`: in arrival order, each seeing the ones before it, so seats
//! are counted exactly as one by one), commits once, and only then answers each of them.

use chrono::NaiveDateTime;
use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};

use super::repo::{
    registrations::{SignUpRequest, SignUpResult},
    sign_ups::{sign_up_all, Decision},
    StoreError,
};

/// Sign-ups per transaction at most; a batch this size commits in a few milliseconds.
const BATCH: usize = 128;
/// Sign-ups waiting beyond this make the next caller wait for room (back-pressure).
const QUEUE: usize = 4096;

struct Job {
    request: SignUpRequest,
    now: NaiveDateTime,
    answer: oneshot::Sender<SignUpResult>,
}

/// The way into the sign-up task; cheap to clone.
#[derive(Clone, Debug)]
pub struct SignUpQueue {
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("session", &self.request.session_id)
            .finish()
    }
}

/// The other end of the queue: the work that writes what is queued. Nothing is written until
/// the serving binary runs it (`run`); commands that do not serve never start it.
pub struct SignUpWriter {
    queued: mpsc::Receiver<Job>,
}

impl SignUpQueue {
    /// A queue and the writer that empties it.
    pub fn new() -> (Self, SignUpWriter) {
        let (jobs, queued) = mpsc::channel(QUEUE);
        (Self { jobs }, SignUpWriter { queued })
    }

    /// Queues a sign-up and waits until it is committed (or refused, or failed).
    pub async fn submit(&self, request: SignUpRequest, now: NaiveDateTime) -> SignUpResult {
        let (answer, answered) = oneshot::channel();
        let job = Job {
            request,
            now,
            answer,
        };
        if self.jobs.send(job).await.is_err() {
            return Err(stopped());
        }
        answered.await.unwrap_or_else(|_| Err(stopped()))
    }
}

fn stopped() -> StoreError {
    StoreError::Database(sqlx::Error::PoolClosed)
}

impl SignUpWriter {
    /// Writes sign-ups through `write` (the single write connection) as they are queued, until
    /// every handle of the queue is gone.
    pub async fn run(mut self, write: SqlitePool) {
        let mut batch = Vec::with_capacity(BATCH);
        while self.queued.recv_many(&mut batch, BATCH).await > 0 {
            let jobs = std::mem::take(&mut batch);
            let results = commit(&write, &jobs).await;
            for (job, result) in jobs.into_iter().zip(results) {
                // The caller may have gone (a closed connection); the sign-up stands all the same.
                let _ = job.answer.send(result);
            }
        }
    }
}

/// Commits the jobs in one transaction. Should the store fail it, each job is tried again on
/// its own, so that one sign-up the store refuses fails alone, not the ones it arrived with.
/// None of them was acknowledged before its commit.
async fn commit(write: &SqlitePool, jobs: &[Job]) -> Vec<SignUpResult> {
    match commit_together(write, jobs).await {
        Ok(decisions) => decisions.into_iter().map(Ok).collect(),
        Err(e) if jobs.len() > 1 => {
            tracing::warn!(error = %e, sign_ups = jobs.len(), "sign-up batch; trying each alone");
            let mut results = Vec::with_capacity(jobs.len());
            for job in jobs {
                match commit_together(write, std::slice::from_ref(job)).await {
                    Ok(decided) => results.extend(decided.into_iter().map(Ok)),
                    Err(e) => results.push(Err(e)),
                }
            }
            results
        }
        Err(e) => vec![Err(e)],
    }
}

async fn commit_together(write: &SqlitePool, jobs: &[Job]) -> Result<Vec<Decision>, StoreError> {
    let mut tx = write.begin().await?;
    let requests: Vec<_> = jobs.iter().map(|j| (&j.request, j.now)).collect();
    let decisions = sign_up_all(&mut tx, &requests).await?;
    tx.commit().await?;
    Ok(decisions)
}
