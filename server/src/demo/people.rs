use sqlx::SqliteConnection;

use app::domain::{AreaLevel, MemberLevel};
use store::{
    auth::hash_password,
    repo::{
        users::{self, Grant},
        StoreError,
    },
};

use super::{areas::AreaRec, gen::Gen, platforms::PlatformRec, words, Plan};

/// A demo account to print at start-up.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub username: &'static str,
    pub password: String,
    pub role: String,
}

#[derive(Debug, Clone)]
pub struct MemberRec {
    pub user_id: i64,
    pub level: MemberLevel,
    pub city: usize,
}

pub struct People {
    pub logins: Vec<DemoLogin>,
    pub members: Vec<MemberRec>,
    /// The platform the demo organizer runs.
    pub organized: i64,
}

/// The password of every demo account: `YST_DEMO_PASSWORD`, or a fixed phrase printed at
/// start-up. Demo data is for trying the product, never for a real deployment.
fn demo_password() -> String {
    std::env::var("YST_DEMO_PASSWORD").unwrap_or_else(|_| "demo-yishitong".to_owned())
}

pub async fn generate(
    tx: &mut SqliteConnection,
    g: &mut Gen,
    plan: &Plan,
    areas: &[AreaRec],
    platforms: &[PlatformRec],
) -> Result<People, StoreError> {
    let password = demo_password();
    let hash = hash_password(password.clone())
        .await
        .expect("the demo password is long enough");
    let city = areas
        .iter()
        .find(|a| a.level == AreaLevel::City)
        .expect("a city was generated");
    let district = areas
        .iter()
        .find(|a| a.level == AreaLevel::District)
        .expect("a district was generated");
    let organized = platforms
        .iter()
        .find(|p| {
            p.district == district.district
                && p.type_code == "consultation_room"
                && p.deactivated.is_none()
        })
        .or_else(|| platforms.first())
        .expect("platforms were generated");
    let accounts: [(&'static str, String, Vec<Grant>, String); 4] = [
        (
            "city",
            format!("{}政协办公室", city.name),
            vec![Grant::Admin, Grant::Staff { area_id: city.id }],
            format!("市级工作人员 · {}", city.name),
        ),
        (
            "district",
            format!("{}政协办公室", district.name),
            vec![Grant::Staff {
                area_id: district.id,
            }],
            format!("区级工作人员 · {}", district.name),
        ),
        (
            "organizer",
            g.person_name(),
            vec![Grant::Organizer {
                platform_id: organized.id,
            }],
            format!("召集人 · {}", organized.area_name),
        ),
        ("member", g.person_name(), vec![], "市政协委员".to_owned()),
    ];
    let mut logins = Vec::new();
    let mut members = Vec::new();
    for (username, display, grants, role) in accounts {
        let id = users::create_in(tx, username, &display, &hash, &grants).await?;
        if username == "member" {
            insert_member(tx, id, MemberLevel::City, words::SECTORS[5], city.id).await?;
            members.push(MemberRec {
                user_id: id,
                level: MemberLevel::City,
                city: 0,
            });
        }
        logins.push(DemoLogin {
            username,
            password: password.clone(),
            role,
        });
    }
    // The other members take part in sessions but cannot sign in: their hash matches nothing.
    // County-level members are at home in one of their city's districts, the others in the city:
    // the staff there manage their accounts.
    for c in 0..plan.cities {
        let city_id = areas
            .iter()
            .find(|a| a.level == AreaLevel::City && a.city == c)
            .map_or(city.id, |a| a.id);
        let districts: Vec<i64> = areas
            .iter()
            .filter(|a| a.level == AreaLevel::District && a.city == c)
            .map(|a| a.id)
            .collect();
        for i in 0..plan.members_per_city {
            let level = g.weighted(&[
                (2, MemberLevel::National),
                (8, MemberLevel::Provincial),
                (30, MemberLevel::City),
                (60, MemberLevel::County),
            ]);
            let username = format!("m{c:02}{i:04}");
            let id = users::create_in(tx, &username, &g.person_name(), "!", &[]).await?;
            let home = match level {
                MemberLevel::County if !districts.is_empty() => districts[i % districts.len()],
                _ => city_id,
            };
            insert_member(tx, id, level, g.pick::<&str>(words::SECTORS), home).await?;
            members.push(MemberRec {
                user_id: id,
                level,
                city: c,
            });
        }
    }
    Ok(People {
        logins,
        members,
        organized: organized.id,
    })
}

async fn insert_member(
    tx: &mut SqliteConnection,
    user_id: i64,
    level: MemberLevel,
    sector: &str,
    home_area: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO member_profiles (user_id, level, sector, area_id) VALUES (?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(level)
    .bind(sector)
    .bind(home_area)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
