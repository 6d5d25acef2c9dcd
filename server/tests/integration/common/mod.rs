//! A typed helper around the real server: each test gets its own database in a temporary
//! folder, a server on port 0, and a browser-like client (cookies, form posts, no automatic
//! redirects so that each step can be checked).

use std::{net::SocketAddr, num::NonZeroU32, path::PathBuf, time::Duration};

use app::{
    domain::AreaLevel,
    web::{
        limits::{Rate, Rates},
        AppState,
    },
};
use store::{
    auth::hash_password,
    repo::{
        areas,
        users::{self, Grant},
    },
};
pub mod functions;
pub mod kept;

use reqwest::{header, redirect::Policy, Client, StatusCode};
use server::config::Config;

pub const PASSWORD: &str = "correct horse battery";
/// The demo accounts' password (the generator's default).
pub const DEMO_PASSWORD: &str = "demo-yishitong";

/// Ids of the small world every test starts from: one city, two districts (A and B), a
/// township in each, and a platform in each township.
/// The first bytes of a PNG: enough for an upload to be taken for a photo.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";

#[derive(Debug, Clone, Copy)]
pub struct World {
    pub city: i64,
    pub district_a: i64,
    pub district_b: i64,
    pub township_a: i64,
    pub township_b: i64,
    pub platform_a: i64,
    pub platform_b: i64,
}

/// No limit per network address: every test client shares one, and the race tests sign up
/// hundreds at once. Limits per number and per name stay.
pub fn open_by_address() -> Rates {
    let unlimited = Rate::new(NonZeroU32::MAX, Duration::from_nanos(1));
    Rates {
        sign_ups_per_address: unlimited,
        sign_ups_per_address_session: unlimited,
        sign_ins_per_address: unlimited,
        refusals_per_address: unlimited,
        code_misses_per_address: unlimited,
        proposals_per_address: unlimited,
        lookups_per_address: unlimited,
        ..Rates::default()
    }
}

/// The route list, generated once for the whole test binary (see `server::route_list`).
fn routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(server::route_list).clone()
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub world: World,
    dir: TempDir,
}

/// A temporary folder removed when dropped.
pub struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl TestApp {
    /// A server whose only sign-up limit is per number: every test client shares one address,
    /// and the race tests sign up hundreds at once.
    pub async fn spawn() -> Self {
        Self::spawn_with(open_by_address()).await
    }

    pub async fn spawn_with(rates: Rates) -> Self {
        Self::start(rates, false, |_| {}).await
    }

    /// A server whose configuration `adjust` changes (proxy, HTTPS, quotas) before it starts.
    pub async fn spawn_configured(adjust: impl FnOnce(&mut Config)) -> Self {
        Self::start(open_by_address(), false, adjust).await
    }

    /// A server on the demo city (no sign-up limit by address) instead of the small world; its
    /// `world` names the demo's city and first two districts, townships and platforms.
    pub async fn spawn_demo() -> Self {
        Self::start(open_by_address(), true, |_| {}).await
    }

    async fn start(rates: Rates, demo: bool, adjust: impl FnOnce(&mut Config)) -> Self {
        let dir = std::env::temp_dir().join(format!("yst-test-{}", store::auth::random_token()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut config = Config {
            public_url: Some("https://yst.example.cn".to_owned()),
            rates,
            ..Config::in_folder(&dir)
        };
        adjust(&mut config);
        let (state, sign_up_writer) = server::open_state(&config).await.expect("database opens");
        server::start_sign_ups(sign_up_writer, &state);
        let world = if demo {
            let now = store::clock::now_local();
            server::demo::generate(&state.db, server::demo::Size::City.plan(), 1, now)
                .await
                .expect("the demo city is generated");
            demo_world(&state).await
        } else {
            seed(&state).await
        };
        let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = server::router(state.clone(), routes());
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap()
        });
        Self {
            addr,
            state,
            world,
            dir: TempDir(dir),
        }
    }

    /// Moves a session `days` days into the past, as if it had been held.
    pub async fn hold(&self, session: i64, days: i64) {
        let shift = format!("'-{days} days'");
        self.exec(&format!(
            "UPDATE sessions SET starts_at = datetime(starts_at, {shift}), ends_at = datetime(ends_at, {shift}),
                 signup_deadline = datetime(signup_deadline, {shift}),
                 checkin_opens_at = datetime(checkin_opens_at, {shift}), checkin_closes_at = datetime(checkin_closes_at, {shift})
             WHERE id = {session}"
        ))
        .await;
    }

    /// Opens a session's check-in window now (an hour ago), its start still ahead.
    pub async fn open_check_in(&self, session: i64) {
        self.exec(&format!(
            "UPDATE sessions SET checkin_opens_at = datetime('now', '+8 hours', '-1 hour') WHERE id = {session}"
        ))
        .await;
    }

    /// Checks the holder of a registration code in, as the desk would.
    pub async fn check_in(&self, code: &str) {
        self.exec(&format!(
            "UPDATE registrations SET state = 'attended', checked_in_at = datetime('now'), checkin_method = 'code' WHERE code = '{code}'"
        ))
        .await;
    }

    /// The database file.
    pub fn database_path(&self) -> PathBuf {
        self.dir.0.join("yishitong.db")
    }

    /// The folder served as the built site.
    pub fn site_root(&self) -> PathBuf {
        self.dir.0.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A new browser: its own cookie jar.
    pub fn browser(&self) -> Browser {
        self.browser_with(header::HeaderMap::new())
    }

    /// A new browser at another network address, as a declared proxy reports it
    /// (`X-Forwarded-For`; the server must be behind a proxy for it to count).
    pub fn browser_at(&self, address: &str) -> Browser {
        let mut headers = header::HeaderMap::new();
        headers.insert("x-forwarded-for", address.parse().unwrap());
        self.browser_with(headers)
    }

    /// A new browser whose reader prefers English.
    pub fn browser_in_english(&self) -> Browser {
        let mut headers = header::HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9".parse().unwrap());
        self.browser_with(headers)
    }

    fn browser_with(&self, headers: header::HeaderMap) -> Browser {
        let client = Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            // A request the server never answers fails the test, naming the request, instead of
            // holding the whole run until CI's own limit.
            .timeout(std::time::Duration::from_secs(90))
            .default_headers(headers)
            .build()
            .unwrap();
        Browser {
            client,
            base: format!("http://{}", self.addr),
        }
    }

    pub async fn signed_in(&self, username: &str) -> Browser {
        self.signed_in_with(username, PASSWORD).await
    }

    pub async fn signed_in_with(&self, username: &str, password: &str) -> Browser {
        let b = self.browser();
        let res = b
            .post_form(
                "/login",
                "/api/auth/login",
                &[("username", username), ("password", password), ("next", "")],
            )
            .await;
        assert_eq!(
            res.location().as_deref(),
            Some("/manage"),
            "{username} signs in"
        );
        b
    }

    /// Adds a published session at platform A starting in `days` days (negative: in the past),
    /// with sign-up open until the day before, and returns its id.
    pub async fn session(&self, seats: i64, days: i64) -> i64 {
        let start = store::clock::now_local() + chrono::TimeDelta::days(days);
        let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
        sqlx::query_scalar(
            "INSERT INTO sessions (host_platform_id, area_id, title, kind, format, place, starts_at, ends_at, seats,
                 signup_deadline, checkin_opens_at, checkin_closes_at, status, created_at, updated_at)
             VALUES (?, ?, '老旧小区加装电梯协商', 'council', 'onsite', '社区议事厅', ?, ?, ?, ?, ?, ?, 'published', ?, ?)
             RETURNING id",
        )
        .bind(self.world.platform_a)
        .bind(self.world.township_a)
        .bind(fmt(start))
        .bind(fmt(start + chrono::TimeDelta::hours(2)))
        .bind(seats)
        .bind(fmt(start - chrono::TimeDelta::days(1)))
        .bind(fmt(start - chrono::TimeDelta::minutes(30)))
        .bind(fmt(start + chrono::TimeDelta::hours(2)))
        .bind(fmt(start - chrono::TimeDelta::days(10)))
        .bind(fmt(start - chrono::TimeDelta::days(10)))
        .fetch_one(&self.state.db.write)
        .await
        .unwrap()
    }

    /// Changes the data directly, to set up a case no form reaches quickly.
    pub async fn exec(&self, sql: &str) {
        sqlx::query(sql)
            .execute(&self.state.db.write)
            .await
            .unwrap();
    }

    pub async fn scalar(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.state.db.read)
            .await
            .unwrap()
    }

    pub async fn text(&self, sql: &str) -> Option<String> {
        sqlx::query_scalar(sql)
            .fetch_one(&self.state.db.read)
            .await
            .unwrap()
    }
}

#[derive(Clone)]
pub struct Browser {
    client: Client,
    base: String,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn location(&self) -> Option<String> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

impl Browser {
    pub async fn get(&self, path: &str) -> Answer {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .unwrap();
        answer(res).await
    }

    /// Reads a page as a browser that accepts gzip does, returning the still-compressed bytes
    /// (or the error that cut the body short).
    pub async fn get_gzip(&self, path: &str) -> Result<Vec<u8>, reqwest::Error> {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(header::ACCEPT_ENCODING, "gzip")
            .send()
            .await?;
        Ok(res.bytes().await?.to_vec())
    }

    /// Posts a form as a browser without JavaScript does, from the page `from`.
    pub async fn post_form(&self, from: &str, action: &str, fields: &[(&str, &str)]) -> Answer {
        let res = self
            .client
            .post(format!("{}{action}", self.base))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, format!("{}{from}", self.base))
            .header(header::ORIGIN, &self.base)
            .form(fields)
            .send()
            .await
            .unwrap();
        answer(res).await
    }

    /// Posts any body with the headers given and no others a browser would add.
    pub async fn post_raw(
        &self,
        action: &str,
        headers: &[(&str, &str)],
        body: impl Into<reqwest::Body>,
    ) -> Answer {
        self.try_post_raw(action, headers, body).await.unwrap()
    }

    /// As [`Self::post_raw`], with the client's error when the exchange broke off.
    pub async fn try_post_raw(
        &self,
        action: &str,
        headers: &[(&str, &str)],
        body: impl Into<reqwest::Body>,
    ) -> Result<Answer, reqwest::Error> {
        let mut req = self.client.post(format!("{}{action}", self.base));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        Ok(answer(req.body(body).send().await?).await)
    }

    /// The address pages of this server are reached at, as browsers name it in `Origin`.
    pub fn origin(&self) -> &str {
        &self.base
    }

    /// Posts a form with a file (`multipart/form-data`) as a browser without JavaScript does.
    pub async fn post_file(
        &self,
        from: &str,
        action: &str,
        fields: &[(&str, &str)],
        file: (&str, Vec<u8>),
    ) -> Answer {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(file.1).file_name(file.0.to_owned()),
        );
        let res = self
            .client
            .post(format!("{}{action}", self.base))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, format!("{}{from}", self.base))
            .header(header::ORIGIN, &self.base)
            .multipart(form)
            .send()
            .await
            .unwrap();
        answer(res).await
    }

    /// Signs up for a session as a resident does, with consent given.
    pub async fn sign_up(&self, session: i64, name: &str, mobile: &str) -> Answer {
        let id = session.to_string();
        self.post_form(
            &format!("/sessions/{id}"),
            "/api/sessions/sign-up",
            &[
                ("session_id", &id),
                ("name", name),
                ("mobile", mobile),
                ("consent", "yes"),
            ],
        )
        .await
    }

    /// Signs up and returns the registration's code, read from the page it lands on.
    pub async fn registration_code(&self, session: i64, name: &str, mobile: &str) -> String {
        let to = self
            .sign_up(session, name, mobile)
            .await
            .location()
            .unwrap();
        to.trim_start_matches("/r/")
            .split(['?', '#'])
            .next()
            .unwrap()
            .to_owned()
    }

    /// Posts a form and follows the redirect back, returning the page it lands on.
    pub async fn submit(&self, from: &str, action: &str, fields: &[(&str, &str)]) -> Answer {
        let res = self.post_form(from, action, fields).await;
        assert!(
            res.status.is_redirection(),
            "a form post answers with a redirect, got {}",
            res.status
        );
        self.get(&res.location().expect("a redirect has a location"))
            .await
    }
}

async fn answer(res: reqwest::Response) -> Answer {
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.text().await.unwrap();
    Answer {
        status,
        headers,
        body,
    }
}

async fn demo_world(state: &AppState) -> World {
    let ids = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_all(&state.db.read)
            .await
            .unwrap()
    };
    let city = ids("SELECT id FROM areas WHERE level = 'city' ORDER BY id").await;
    let districts = ids("SELECT id FROM areas WHERE level = 'district' ORDER BY id").await;
    let townships = ids("SELECT id FROM areas WHERE level = 'township' ORDER BY id").await;
    let platforms = ids("SELECT id FROM platforms ORDER BY id").await;
    World {
        city: city[0],
        district_a: districts[0],
        district_b: districts[1],
        township_a: townships[0],
        township_b: townships[1],
        platform_a: platforms[0],
        platform_b: platforms[1],
    }
}

async fn seed(state: &AppState) -> World {
    let db = &state.db;
    let insert = |parent: Option<i64>, level: AreaLevel, name: &'static str, code: &'static str| async move {
        let mut conn = db.write.acquire().await.unwrap();
        let parent_path: Option<String> = match parent {
            Some(p) => Some(
                sqlx::query_scalar("SELECT path FROM areas WHERE id = ?")
                    .bind(p)
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap(),
            ),
            None => None,
        };
        let parent = parent.zip(parent_path.as_deref());
        areas::insert_in(
            &mut conn,
            parent,
            level,
            Some(code),
            name,
            "2024-01-01 00:00:00",
        )
        .await
        .unwrap()
        .0
    };
    let city = insert(None, AreaLevel::City, "测试市", "329900000000").await;
    let district_a = insert(Some(city), AreaLevel::District, "甲区", "329901000000").await;
    let district_b = insert(Some(city), AreaLevel::District, "乙区", "329902000000").await;
    let township_a = insert(
        Some(district_a),
        AreaLevel::Township,
        "甲街道",
        "329901001000",
    )
    .await;
    let township_b = insert(
        Some(district_b),
        AreaLevel::Township,
        "乙镇",
        "329902001000",
    )
    .await;
    let platform = |area: i64, name: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO platforms (name, type_code, area_id, address, established_on, created_at)
             VALUES (?, 'consultation_room', ?, '幸福路1号', '2024-03-01', '2024-03-01 09:00:00') RETURNING id",
        )
        .bind(name)
        .bind(area)
        .fetch_one(&db.write)
        .await
        .unwrap()
    };
    let platform_a = platform(township_a, "甲街道协商议事室").await;
    let platform_b = platform(township_b, "乙镇协商议事室").await;
    let hash = hash_password(PASSWORD.to_owned()).await.unwrap();
    for (name, grants) in [
        ("city", vec![Grant::Staff { area_id: city }]),
        (
            "district_a",
            vec![Grant::Staff {
                area_id: district_a,
            }],
        ),
        (
            "organizer_a",
            vec![Grant::Organizer {
                platform_id: platform_a,
            }],
        ),
        (
            "organizer_b",
            vec![Grant::Organizer {
                platform_id: platform_b,
            }],
        ),
        ("member", vec![]),
    ] {
        users::create(db, name, name, &hash, &grants).await.unwrap();
    }
    sqlx::query(
        "INSERT INTO member_profiles (user_id, level, sector) SELECT id, 'city', '经济界' FROM users WHERE username = 'member'",
    )
    .execute(&db.write)
    .await
    .unwrap();
    World {
        city,
        district_a,
        district_b,
        township_a,
        township_b,
        platform_a,
        platform_b,
    }
}
