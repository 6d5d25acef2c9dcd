//! The figures staff choose to make public (公开数据): aggregates of an area's year, as
//! published. Anyone may read them; only staff over the area publish or withdraw them.

use leptos::prelude::*;

use crate::error::AppError;

pub use crate::views::published::PublishedFigures;

/// Every published set of figures, for the public page.
#[server(endpoint = "published/list")]
pub async fn load_published() -> Result<Vec<PublishedFigures>, AppError> {
    let db = crate::web::state()?.db;
    Ok(store::repo::published::all(&db).await?)
}

/// What staff are asked to confirm before publishing: the area's name, for staff over it.
#[server(endpoint = "published/confirm")]
pub async fn load_publish_confirm(area: Option<i64>) -> Result<String, AppError> {
    use crate::api::tallies::{resolve, TallyParams};
    let params = TallyParams {
        area,
        ..TallyParams::default()
    };
    let (_, _, names) = resolve(&params).await?;
    Ok(names.area.name)
}

/// Publishes an area's figures for a whole year as they stand now (or again, replacing them).
#[server(endpoint = "published/publish")]
pub async fn publish_figures(
    #[server(default)] area: String,
    #[server(default)] year: String,
) -> Result<(), AppError> {
    change(area, year, true).await
}

/// Takes an area's year off the public page.
#[server(endpoint = "published/withdraw")]
pub async fn withdraw_figures(
    #[server(default)] area: String,
    #[server(default)] year: String,
) -> Result<(), AppError> {
    change(area, year, false).await
}

#[cfg(feature = "ssr")]
async fn change(area: String, year: String, publish: bool) -> Result<(), AppError> {
    use crate::api::tallies::{resolve, TallyParams};
    use crate::domain::Period;
    use crate::i18n::T;
    use crate::web::{
        forms::{Done, FormPost},
        require_principal,
    };
    use store::{
        clock::now_local,
        repo::{published, tallies},
    };

    let area_id = crate::api::parse_id(&area).ok();
    let year_n: Option<i32> = year.trim().parse().ok();
    let back = format!(
        "/manage/tallies?year={}&area={}",
        year_n.unwrap_or_default(),
        area_id.unwrap_or_default()
    );
    let result = async {
        let (Some(area_id), Some(period)) = (area_id, year_n.and_then(Period::year)) else {
            return Err(AppError::NotFound.into());
        };
        let params = TallyParams {
            area: Some(area_id),
            ..TallyParams::default()
        };
        let me = require_principal().await?;
        let (db, scope, _) = resolve(&params).await?;
        let year = chrono::Datelike::year(&period.from());
        if publish {
            let now = now_local();
            let figures = tallies::figures(&db, &scope, period, now).await?;
            published::publish(&db, me.user_id, area_id, year, &figures, now).await?;
        } else {
            published::withdraw(&db, me.user_id, area_id, year).await?;
        }
        Ok(Done {
            to: back.clone(),
            notice: Some(if publish {
                T::FiguresPublished
            } else {
                T::FiguresWithdrawn
            }),
            secret: None,
            ..Done::default()
        })
    }
    .await;
    FormPost::new(&back, &[]).finish(result)
}
