use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};
use sqlx::SqliteConnection;

use app::domain::AreaLevel;
use store::repo::StoreError;

use super::{areas::AreaRec, gen::Gen, Plan};

#[derive(Debug, Clone)]
pub struct PlatformRec {
    pub id: i64,
    pub area_id: i64,
    pub area_name: String,
    pub type_code: &'static str,
    pub established: NaiveDate,
    pub deactivated: Option<NaiveDate>,
    pub city: usize,
    pub district: Option<usize>,
}

/// Which types are common, and at which levels they stand.
const TYPES: &[(u32, &str, &[AreaLevel])] = &[
    (
        46,
        "consultation_room",
        &[AreaLevel::Township, AreaLevel::Village],
    ),
    (20, "livelihood_hall", &[AreaLevel::Village]),
    (
        12,
        "member_studio",
        &[AreaLevel::District, AreaLevel::Township],
    ),
    (
        4,
        "member_lounge",
        &[AreaLevel::District, AreaLevel::Township],
    ),
    (3, "sector_forum", &[AreaLevel::District]),
    (
        3,
        "sector_room",
        &[AreaLevel::District, AreaLevel::Township],
    ),
    (
        7,
        "opinion_point",
        &[AreaLevel::Township, AreaLevel::Village],
    ),
    (3, "practice_center", &[AreaLevel::District]),
    (2, "online_room", &[AreaLevel::District]),
];

fn platform_name(g: &mut Gen, type_code: &str, area: &str) -> String {
    match type_code {
        "consultation_room" => format!("{area}协商议事室"),
        "livelihood_hall" => format!("{area}民生议事堂"),
        "member_studio" => format!("{}委员工作室（{area}）", g.person_name()),
        "member_lounge" => format!("{area}委员会客厅"),
        "sector_forum" => format!("{area}界别同心汇"),
        "sector_room" => format!("{area}界别活动室"),
        "opinion_point" => format!("{area}社情民意联系点"),
        "practice_center" => format!("{area}协商民主实践中心"),
        _ => format!("{area}线上议事室"),
    }
}

pub async fn generate(
    tx: &mut SqliteConnection,
    g: &mut Gen,
    plan: &Plan,
    areas: &[AreaRec],
    now: NaiveDateTime,
) -> Result<Vec<PlatformRec>, StoreError> {
    let weights: Vec<(u32, usize)> = TYPES
        .iter()
        .enumerate()
        .map(|(i, (w, ..))| (*w, i))
        .collect();
    let first_year = now.year() - plan.years - 1;
    let mut out = Vec::new();
    for city in 0..plan.cities {
        let in_city: Vec<usize> = (0..areas.len())
            .filter(|&i| areas[i].city == city)
            .collect();
        let mut names = std::collections::HashSet::new();
        while out.iter().filter(|p: &&PlatformRec| p.city == city).count() < plan.platforms_per_city
        {
            let (_, type_code, levels) = TYPES[g.weighted(&weights)];
            let candidates: Vec<usize> = in_city
                .iter()
                .copied()
                .filter(|&i| levels.contains(&areas[i].level))
                .collect();
            let area = *g.pick(&candidates);
            let name = platform_name(g, type_code, &areas[area].name);
            if !names.insert(name.clone()) {
                continue;
            }
            let established = NaiveDate::from_ymd_opt(first_year, 1, 1).expect("valid date")
                + TimeDelta::days(g.range(0, i64::from(plan.years + 1) * 365 - 60));
            let established = established.min(now.date() - TimeDelta::days(30));
            let deactivated = g
                .chance(0.03)
                .then(|| established + TimeDelta::days(g.range(90, 500)))
                .filter(|d| *d < now.date());
            let brand = g.chance(0.3).then(|| {
                (*g.pick(&["有事好商量", "板凳会", "院坝议事", "民情直通车", "议事坊"])).to_owned()
            });
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO platforms (name, brand_name, type_code, area_id, convener, address, status,
                     star_rating, established_on, deactivated_on, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(&name)
            .bind(brand)
            .bind(type_code)
            .bind(areas[area].id)
            .bind(g.person_name())
            .bind(format!("{}{}号", areas[area].name, g.range(1, 300)))
            .bind(if deactivated.is_some() { "inactive" } else { "active" })
            .bind(g.chance(0.4).then(|| g.range(3, 5)))
            .bind(established.to_string())
            .bind(deactivated.map(|d| d.to_string()))
            .bind(format!("{established} 09:00:00"))
            .fetch_one(&mut *tx)
            .await?;
            out.push(PlatformRec {
                id,
                area_id: areas[area].id,
                area_name: areas[area].name.clone(),
                type_code,
                established,
                deactivated,
                city,
                district: areas[area].district,
            });
        }
    }
    Ok(out)
}
