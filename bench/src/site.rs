//! The server under test, spoken to as a browser without JavaScript speaks to it.

use reqwest::{header, Client, StatusCode};

use crate::load::client;

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("request failed: {0}")]
    Http(#[from] reqwest::Error),
    #[error("{0}")]
    Unexpected(String),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the stand-in SMS gateway: {0}")]
    Gateway(#[from] std::io::Error),
}

/// The address of the server, shared by every request of the run.
#[derive(Clone)]
pub struct Site {
    base: String,
}

/// Links `href="/prefix…"` in a page, in order, without repeats.
fn links(html: &str, prefix: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let needle = format!("\"{prefix}");
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        let tail = &rest[at + 1..];
        let end = tail.find('"').unwrap_or(tail.len());
        let link = tail[..end].to_owned();
        if !found.contains(&link) {
            found.push(link);
        }
        rest = &tail[end..];
    }
    found
}

impl Site {
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The session pages linked from the upcoming-sessions list.
    pub async fn upcoming_session_pages(&self) -> Result<Vec<String>, SiteError> {
        let html = client()
            .get(self.url("/sessions"))
            .send()
            .await?
            .text()
            .await?;
        let pages: Vec<String> = links(&html, "/sessions/")
            .into_iter()
            .filter(|l| l["/sessions/".len()..].chars().all(|c| c.is_ascii_digit()))
            .map(|l| self.url(&l))
            .collect();
        if pages.is_empty() {
            return Err(SiteError::Unexpected(
                "the session list links no session".into(),
            ));
        }
        Ok(pages)
    }

    pub fn page(&self, path: &str) -> String {
        self.url(path)
    }

    pub async fn sign_in(&self, username: &str, password: &str) -> Result<Client, SiteError> {
        let c = client();
        let answer = c
            .post(self.url("/api/auth/login"))
            .header(header::ACCEPT, "text/html")
            .form(&[
                ("username", username),
                ("password", password),
                ("next", "/manage"),
            ])
            .send()
            .await?;
        match answer
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
        {
            Some("/manage") => Ok(c),
            other => Err(SiteError::Unexpected(format!(
                "signing in as {username} led to {other:?}; is the demo password set?"
            ))),
        }
    }

    /// The first platform the organizer may add sessions to.
    pub async fn organizer_platform(&self, organizer: &Client) -> Result<i64, SiteError> {
        let html = organizer
            .get(self.url("/manage/sessions"))
            .send()
            .await?
            .text()
            .await?;
        links(&html, "/manage/sessions/new?platform=")
            .first()
            .and_then(|l| l.rsplit('=').next()?.parse().ok())
            .ok_or_else(|| SiteError::Unexpected("the organizer has no platform".into()))
    }

    /// Creates and publishes a session starting in a week, open for sign-up until the day before.
    pub async fn publish_session(
        &self,
        organizer: &Client,
        platform: i64,
        title: &str,
        seats: u32,
    ) -> Result<i64, SiteError> {
        let day = chrono::Utc::now().date_naive() + chrono::TimeDelta::days(7);
        let starts = day.and_hms_opt(19, 0, 0).unwrap_or_default();
        self.publish_session_at(organizer, platform, title, seats, starts)
            .await
    }

    /// Creates and publishes a two-hour session starting at `starts` (Asia/Shanghai), open for
    /// sign-up until an hour before.
    pub async fn publish_session_at(
        &self,
        organizer: &Client,
        platform: i64,
        title: &str,
        seats: u32,
        starts: chrono::NaiveDateTime,
    ) -> Result<i64, SiteError> {
        let (platform, seats) = (platform.to_string(), seats.to_string());
        let at = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M").to_string();
        let fields = [
            ("platform_id", platform.as_str()),
            ("title", title),
            ("kind", "livelihood"),
            ("format", "onsite"),
            ("place", "社区议事厅"),
            ("starts_at", &at(starts)),
            ("ends_at", &at(starts + chrono::TimeDelta::hours(2))),
            ("seats", &seats),
            ("signup_deadline", &at(starts - chrono::TimeDelta::hours(1))),
        ];
        let saved = organizer
            .post(self.url("/api/manage-sessions/save"))
            .header(header::ACCEPT, "text/html")
            .form(&fields)
            .send()
            .await?;
        let id: i64 = saved
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .and_then(|l| l.strip_prefix("/manage/sessions/"))
            .and_then(|l| l.split(['?', '#']).next()?.parse().ok())
            .ok_or_else(|| SiteError::Unexpected(format!("saving “{title}” was refused")))?;
        let published = organizer
            .post(self.url("/api/manage-sessions/publish"))
            .header(header::ACCEPT, "text/html")
            .form(&[("id", id.to_string())])
            .send()
            .await?;
        if published.status() != StatusCode::SEE_OTHER && !published.status().is_redirection() {
            return Err(SiteError::Unexpected(format!(
                "publishing {id}: {}",
                published.status()
            )));
        }
        Ok(id)
    }

    /// Bytes on the wire (gzip) for a resident's first load of a session page: the HTML and
    /// every stylesheet, script and wasm file it names.
    pub async fn resident_page_weights(
        &self,
        page: &str,
    ) -> Result<Vec<(String, usize)>, SiteError> {
        let c = client();
        let fetch = |url: String| {
            let c = c.clone();
            async move {
                let body = c
                    .get(url)
                    .header(header::ACCEPT_ENCODING, "gzip")
                    .send()
                    .await?
                    .bytes()
                    .await?;
                Ok::<usize, reqwest::Error>(body.len())
            }
        };
        let html = c.get(page).send().await?.text().await?;
        let mut weights = vec![("HTML".to_owned(), fetch(page.to_owned()).await?)];
        for asset in links(&html, "/pkg/") {
            let size = fetch(self.url(&asset)).await?;
            weights.push((asset, size));
        }
        Ok(weights)
    }
}

/// The wall-clock time in Asia/Shanghai (UTC+8, no daylight saving), as the server reads times.
pub fn shanghai_now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc() + chrono::TimeDelta::hours(8)
}

/// Reads a page; success is a 200.
pub async fn get_page(client: Client, url: String) -> bool {
    get_status(client, url, StatusCode::OK).await
}

/// Reads a page; success is the status given, with the whole body.
pub async fn get_status(client: Client, url: String, expected: StatusCode) -> bool {
    match client.get(url).send().await {
        Ok(answer) => answer.status() == expected && answer.bytes().await.is_ok(),
        Err(_) => false,
    }
}

/// One resident signing up with a number of their own; success is the redirect to their
/// registration page. `series` keeps the numbers of different phases apart.
pub async fn sign_up(client: Client, base: String, session: i64, i: usize, series: u64) -> bool {
    let mobile = format!("1{}{:09}", 3 + series, i);
    let answer = client
        .post(format!("{base}/api/sessions/sign-up"))
        .header(header::ACCEPT, "text/html")
        .form(&[
            ("session_id", session.to_string().as_str()),
            ("name", "压测居民"),
            ("mobile", &mobile),
            ("consent", "yes"),
        ])
        .send()
        .await;
    match answer {
        Ok(a) => a
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .is_some_and(|l| l.starts_with("/r/")),
        Err(_) => false,
    }
}

/// How a session's registrations stand, read from the database file itself.
#[derive(Debug, Default)]
pub struct Counts {
    pub registered: i64,
    pub waiting: i64,
    /// Sessions anywhere in the database holding more places than seats (must be 0).
    pub oversold_sessions: i64,
}

pub async fn counts(database: &str, session: i64) -> Result<Counts, SiteError> {
    use sqlx::sqlite::SqliteConnectOptions;
    let options = SqliteConnectOptions::new()
        .filename(database)
        .read_only(true);
    let pool = sqlx::SqlitePool::connect_with(options).await?;
    let (registered, waiting): (i64, i64) = sqlx::query_as(
        "SELECT coalesce(sum(state = 'registered'), 0), coalesce(sum(state = 'waitlisted'), 0)
         FROM registrations WHERE session_id = ?",
    )
    .bind(session)
    .fetch_one(&pool)
    .await?;
    let oversold_sessions = sqlx::query_scalar(
        "SELECT count(*) FROM sessions s WHERE s.seats < (SELECT count(*) FROM registrations r
           WHERE r.session_id = s.id AND r.walk_in = 0 AND r.state IN ('registered', 'attended', 'absent', 'leave'))",
    )
    .fetch_one(&pool)
    .await?;
    pool.close().await;
    Ok(Counts {
        registered,
        waiting,
        oversold_sessions,
    })
}

/// The township of the soonest upcoming session: a township list residents would open.
pub async fn township_with_sessions(database: &str) -> Result<i64, SiteError> {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(database)
        .read_only(true);
    let pool = sqlx::SqlitePool::connect_with(options).await?;
    let now = shanghai_now().format("%Y-%m-%d %H:%M:%S").to_string();
    let township: i64 = sqlx::query_scalar(
        "SELECT CASE a.level WHEN 'village' THEN a.parent_id ELSE a.id END
         FROM sessions s JOIN areas a ON a.id = s.area_id
         WHERE s.status = 'published' AND s.starts_at > ? AND a.level IN ('township', 'village')
         ORDER BY s.starts_at LIMIT 1",
    )
    .bind(now)
    .fetch_one(&pool)
    .await?;
    pool.close().await;
    Ok(township)
}

/// The first city's id and the current year, read from the database (read-only).
pub async fn first_city_and_year(database: &str) -> Result<(i64, i32), SiteError> {
    use chrono::Datelike;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(database)
        .read_only(true);
    let pool = sqlx::SqlitePool::connect_with(options).await?;
    let city: i64 =
        sqlx::query_scalar("SELECT id FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await?;
    pool.close().await;
    Ok((
        city,
        (chrono::Utc::now() + chrono::TimeDelta::hours(8)).year(),
    ))
}
