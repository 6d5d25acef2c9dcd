//! A backup taken while sign-ups arrive is a whole, consistent database; restoring it brings
//! back exactly what it held and keeps what it replaced.

use crate::common;

use std::{path::Path, sync::Arc};

use chrono::TimeDelta;
use common::TestApp;
use server::backup;
use store::clock::now_local;

async fn count(path: &Path, sql: &str) -> i64 {
    let db = store::db::Db::open(path, 1).await.unwrap();
    let n = sqlx::query_scalar(sql).fetch_one(&db.read).await.unwrap();
    db.close().await;
    n
}

/// Each sign-up queues its confirmation in the same transaction: a copy holding one without the
/// other would be torn.
const TORN: &str = "SELECT count(*) FROM registrations r
    WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.registration_id = r.id)";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_load_is_whole_and_restores_exactly() {
    let app = Arc::new(TestApp::spawn().await);
    let session = app.session(10_000, 5).await;
    let folder = app.site_root().join("backups");
    std::fs::create_dir_all(app.state.settings.uploads_dir.join("ab")).unwrap();
    std::fs::write(app.state.settings.uploads_dir.join("ab/abcdef"), b"photo").unwrap();

    // Sign-ups keep arriving while the copy is made.
    let load = {
        let app = app.clone();
        tokio::spawn(async move {
            let b = app.browser();
            for i in 0..300 {
                let ok = b.sign_up(session, "居民", &format!("137{i:08}")).await;
                assert!(ok.status.is_redirection());
            }
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    let before = app.scalar("SELECT count(*) FROM registrations").await;
    let done = backup::backup(
        &app.state.db,
        &app.state.settings.uploads_dir,
        &folder,
        now_local(),
    )
    .await
    .unwrap();
    load.await.unwrap();
    let after = app.scalar("SELECT count(*) FROM registrations").await;
    assert_eq!(after, 300);

    let copied = count(&done.database, "SELECT count(*) FROM registrations").await;
    assert!(
        before <= copied && copied <= after,
        "{before} ≤ {copied} ≤ {after}"
    );
    assert_eq!(count(&done.database, TORN).await, 0);
    assert_eq!(done.files_copied, 1);
    assert_eq!(
        std::fs::read(folder.join("uploads/ab/abcdef")).unwrap(),
        b"photo"
    );
    // A second backup copies only files it lacks.
    let again = backup::backup(
        &app.state.db,
        &app.state.settings.uploads_dir,
        &folder,
        now_local() + TimeDelta::seconds(1),
    )
    .await
    .unwrap();
    assert_eq!(again.files_copied, 0);

    // Restore into a stopped deployment: a copy of the live database standing in for it.
    let live = app.site_root().join("stopped.db");
    let snapshot = backup::backup(
        &app.state.db,
        &app.state.settings.uploads_dir,
        &app.site_root().join("snap"),
        now_local(),
    )
    .await
    .unwrap();
    std::fs::copy(&snapshot.database, &live).unwrap();
    let kept = backup::restore(&done.database, &live, now_local())
        .await
        .unwrap();
    assert_eq!(
        count(&live, "SELECT count(*) FROM registrations").await,
        copied
    );
    assert_eq!(
        count(&kept, "SELECT count(*) FROM registrations").await,
        300
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_refuses_a_running_server_and_anything_but_a_backup() {
    let app = TestApp::spawn().await;
    let dir = app.site_root();
    let live = dir.join("live.db");
    let good = backup::backup(
        &app.state.db,
        &dir.join("none"),
        &dir.join("b"),
        now_local(),
    )
    .await
    .unwrap();
    std::fs::copy(&good.database, &live).unwrap();
    let original = std::fs::read(&live).unwrap();

    let not_sqlite = dir.join("notes.db");
    std::fs::write(&not_sqlite, "这不是数据库").unwrap();
    let other_sqlite = dir.join("other.db");
    {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&other_sqlite)
            .create_if_missing(true);
        let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
        sqlx::query("CREATE TABLE t (x)")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    }
    let mut truncated = std::fs::read(&good.database).unwrap();
    truncated.truncate(truncated.len() / 2);
    let half = dir.join("half.db");
    std::fs::write(&half, truncated).unwrap();
    for bad in [&not_sqlite, &other_sqlite, &half, &dir.join("missing.db")] {
        let refused = backup::restore(bad, &live, now_local()).await;
        assert!(
            matches!(refused, Err(backup::BackupError::NotABackup { .. })),
            "{bad:?}: {refused:?}"
        );
        assert_eq!(std::fs::read(&live).unwrap(), original, "{bad:?}");
    }

    let serving = backup::lock_for_serving(&live).unwrap();
    let refused = backup::restore(&good.database, &live, now_local()).await;
    assert!(matches!(refused, Err(backup::BackupError::InUse(_))));
    drop(serving);
    backup::restore(&good.database, &live, now_local())
        .await
        .unwrap();
}
