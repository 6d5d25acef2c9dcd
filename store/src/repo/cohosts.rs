//! The platforms that co-host (协办) a session. A session counts once, at its host: nothing in
//! the tallies reads this table.

use super::StoreError;
use crate::db::Db;

/// The platforms a session hosted at `host` may name as co-hosts: the city's and districts'
/// platforms (party studios, committees, departments), and those of the host's own township, with
/// the ones `session` names already even if they closed since. Without that bound the list would be
/// every platform of the city.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn choices(
    db: &Db,
    host: i64,
    session: Option<i64>,
) -> Result<Vec<(i64, String)>, StoreError> {
    let host_path: String = sqlx::query_scalar(
        "SELECT a.path FROM platforms p JOIN areas a ON a.id = p.area_id WHERE p.id = ?",
    )
    .bind(host)
    .fetch_one(&db.read)
    .await?;
    let (city, township) = prefixes(&host_path);
    Ok(sqlx::query_as(
        "SELECT p.id, p.name || ' · ' || a.name FROM platforms p JOIN areas a ON a.id = p.area_id
         WHERE p.id <> ?1 AND (
             (p.status = 'active' AND a.path >= ?2 AND a.path < ?2 || '~'
                AND (a.level IN ('city', 'district') OR (?3 IS NOT NULL AND a.path >= ?3 AND a.path < ?3 || '~')))
             OR p.id IN (SELECT platform_id FROM session_coorganizers WHERE session_id = ?4))
         ORDER BY a.path, p.name",
    )
    .bind(host)
    .bind(city)
    .bind(township)
    .bind(session)
    .fetch_all(&db.read)
    .await?)
}

/// The city's path and, below district level, the township's: `/1/7/42/99/` gives `/1/` and
/// `/1/7/42/`.
fn prefixes(path: &str) -> (String, Option<String>) {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let prefix = |n: usize| format!("/{}/", parts[..n].join("/"));
    let city = prefix(parts.len().min(1));
    let township = (parts.len() >= 3).then(|| prefix(3));
    (city, township)
}

/// The co-hosts' ids, for the edit form.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn of_session(db: &Db, session: i64) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT platform_id FROM session_coorganizers WHERE session_id = ? ORDER BY platform_id",
    )
    .bind(session)
    .fetch_all(&db.read)
    .await?)
}

/// Replaces a session's co-hosts, inside the caller's transaction.
pub(crate) async fn write(
    conn: &mut sqlx::SqliteConnection,
    session: i64,
    platforms: &[i64],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM session_coorganizers WHERE session_id = ?")
        .bind(session)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO session_coorganizers (session_id, platform_id)
         SELECT ?1, value FROM json_each(?2)",
    )
    .bind(session)
    .bind(super::json_list(&platforms)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::prefixes;

    #[test]
    fn the_city_and_the_township_are_read_from_the_path() {
        assert_eq!(prefixes("/1/"), ("/1/".into(), None));
        assert_eq!(prefixes("/1/7/"), ("/1/".into(), None));
        assert_eq!(
            prefixes("/1/7/42/"),
            ("/1/".into(), Some("/1/7/42/".into()))
        );
        assert_eq!(
            prefixes("/1/7/42/99/"),
            ("/1/".into(), Some("/1/7/42/".into()))
        );
    }
}
