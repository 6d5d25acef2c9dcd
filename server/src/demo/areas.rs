use sqlx::SqliteConnection;

use app::domain::AreaLevel;
use store::repo::{areas, StoreError};

use super::{gen::Gen, words, Plan};

/// A generated area, as the later steps need it.
#[derive(Debug, Clone)]
pub struct AreaRec {
    pub id: i64,
    pub level: AreaLevel,
    pub name: String,
    pub city: usize,
    /// Index of the district within all districts, for districts and below.
    pub district: Option<usize>,
}

pub async fn generate(
    tx: &mut SqliteConnection,
    g: &mut Gen,
    plan: &Plan,
) -> Result<Vec<AreaRec>, StoreError> {
    let mut out = Vec::new();
    let mut district_index = 0;
    for c in 0..plan.cities {
        let city_name = words::CITY_NAMES[c % words::CITY_NAMES.len()].to_owned();
        let city_code = format!("32{:02}", 70 + c);
        let city = insert(
            tx,
            None,
            "",
            AreaLevel::City,
            &format!("{city_code}00000000"),
            &city_name,
        )
        .await?;
        out.push(AreaRec {
            id: city.0,
            level: AreaLevel::City,
            name: city_name,
            city: c,
            district: None,
        });
        for d in 0..plan.districts_per_city {
            let name = words::DISTRICT_NAMES[d % words::DISTRICT_NAMES.len()].to_owned();
            let code = format!("{city_code}{:02}", d + 1);
            let district = insert(
                tx,
                Some(city.0),
                &city.1,
                AreaLevel::District,
                &format!("{code}000000"),
                &name,
            )
            .await?;
            out.push(AreaRec {
                id: district.0,
                level: AreaLevel::District,
                name,
                city: c,
                district: Some(district_index),
            });
            let mut used = std::collections::HashSet::new();
            for t in 0..plan.townships_per_district {
                let mut base = g.place_name();
                while !used.insert(base.clone()) {
                    base = g.place_name();
                }
                let name = format!("{base}{}", if g.chance(0.5) { "街道" } else { "镇" });
                let tcode = format!("{code}{:03}", t + 1);
                let township = insert(
                    tx,
                    Some(district.0),
                    &district.1,
                    AreaLevel::Township,
                    &format!("{tcode}000"),
                    &name,
                )
                .await?;
                out.push(AreaRec {
                    id: township.0,
                    level: AreaLevel::Township,
                    name: name.clone(),
                    city: c,
                    district: Some(district_index),
                });
                let villages = plan.min_villages_per_township + g.range(0, 3) as usize;
                let mut vused = std::collections::HashSet::new();
                for v in 0..villages {
                    let mut base = g.place_name();
                    while !vused.insert(base.clone()) {
                        base = g.place_name();
                    }
                    let suffix = if name.ends_with("街道") {
                        "社区"
                    } else {
                        "村"
                    };
                    let vname = format!("{base}{suffix}");
                    let vcode = format!("{tcode}{:03}", v + 1);
                    let village = insert(
                        tx,
                        Some(township.0),
                        &township.1,
                        AreaLevel::Village,
                        &vcode,
                        &vname,
                    )
                    .await?;
                    out.push(AreaRec {
                        id: village.0,
                        level: AreaLevel::Village,
                        name: vname,
                        city: c,
                        district: Some(district_index),
                    });
                }
            }
            district_index += 1;
        }
    }
    Ok(out)
}

/// Inserts an area and returns its id and path.
async fn insert(
    tx: &mut SqliteConnection,
    parent: Option<i64>,
    parent_path: &str,
    level: AreaLevel,
    code: &str,
    name: &str,
) -> Result<(i64, String), StoreError> {
    let parent = parent.map(|id| (id, parent_path));
    areas::insert_in(tx, parent, level, Some(code), name, "2022-01-01 00:00:00").await
}
