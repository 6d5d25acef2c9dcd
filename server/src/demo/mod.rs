//! A deterministic generator of realistic demo data: the same seed, plan and reference date
//! always give the same database. `Size::City` is the demo city (≈6 districts, 60 townships,
//! 400 villages, 300 platforms, two years of sessions); `Size::Province` is the benchmark
//! province (13 such cities, larger, 100,000+ sessions and 2,000,000+ sign-ups).

mod areas;
mod gen;
mod people;
mod platforms;
mod sessions;
mod showcase;
mod words;

use chrono::NaiveDateTime;

use store::{db::Db, repo::StoreError};

pub use people::DemoLogin;

/// The preset sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Size {
    City,
    Province,
}

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub cities: usize,
    pub districts_per_city: usize,
    pub townships_per_district: usize,
    /// Villages per township vary from this to `+ 3`.
    pub min_villages_per_township: usize,
    pub platforms_per_city: usize,
    pub years: i32,
    /// Consultation sessions per active platform per year.
    pub consultations_per_platform_year: f64,
    /// Service activities per active platform per year.
    pub services_per_platform_year: f64,
    pub members_per_city: usize,
}

impl Size {
    pub fn plan(self) -> Plan {
        match self {
            Self::City => Plan {
                cities: 1,
                districts_per_city: 6,
                townships_per_district: 10,
                min_villages_per_township: 5,
                platforms_per_city: 300,
                years: 2,
                consultations_per_platform_year: 1.0,
                services_per_platform_year: 0.55,
                members_per_city: 120,
            },
            Self::Province => Plan {
                cities: 13,
                districts_per_city: 8,
                townships_per_district: 12,
                min_villages_per_township: 6,
                platforms_per_city: 2000,
                years: 2,
                consultations_per_platform_year: 1.5,
                services_per_platform_year: 0.7,
                members_per_city: 400,
            },
        }
    }
}

/// True when the database holds no areas yet (a fresh install).
pub async fn is_empty(db: &Db) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM areas")
        .fetch_one(&db.read)
        .await?;
    Ok(n == 0)
}

/// Fills an empty database, all in one transaction, and returns the demo logins.
pub async fn generate(
    db: &Db,
    plan: Plan,
    seed: u64,
    now: NaiveDateTime,
) -> Result<Vec<DemoLogin>, StoreError> {
    let mut g = gen::Gen::new(seed);
    let mut tx = db.write.begin().await?;
    let areas = areas::generate(&mut tx, &mut g, &plan).await?;
    let platforms = platforms::generate(&mut tx, &mut g, &plan, &areas, now).await?;
    let people = people::generate(&mut tx, &mut g, &plan, &areas, &platforms).await?;
    sessions::generate(&mut tx, &mut g, &plan, &platforms, &people, now).await?;
    showcase::generate(&mut tx, people.organized, now).await?;
    departments(&mut tx, now).await?;
    tx.commit().await?;
    // Fresh bulk data: give the planner its statistics now rather than at the first hourly pass.
    sqlx::query("ANALYZE").execute(&db.write).await?;
    Ok(people.logins)
}

/// Each district's departments, the ones suggestions name, with a contact each (numbers of
/// the 139 0xxx range, which no real line uses here).
async fn departments(
    tx: &mut sqlx::SqliteConnection,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let names: Vec<&str> = words::DEPARTMENTS
        .iter()
        .copied()
        .filter(|d| !d.ends_with("办事处") && !d.ends_with("政府"))
        .collect();
    sqlx::query(
        "INSERT INTO departments (area_id, name, contact_name, contact_mobile, created_at, updated_at)
         SELECT a.id, d.value, '联络员' || (d.key + 1), printf('1390%03d%04d', a.id % 1000, d.key), ?2, ?2
         FROM areas a, json_each(?1) d WHERE a.level = 'district'",
    )
    .bind(serde_json::to_string(&names).map_err(|e| StoreError::Conflict(e.to_string()))?)
    .bind(store::clock::db_time(now))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub fn print_logins(logins: &[DemoLogin]) {
    println!("演示账号 (demo logins):");
    for l in logins {
        println!("  {:<10} {:<22} {}", l.username, l.password, l.role);
    }
}
