//! Closing a year (年度关闭): once the annual report is filed, staff close the year for their
//! area, and nothing dated in it may be recorded or changed there; a correction reopens it with
//! a reason. Both are audited.

use leptos::prelude::*;

use crate::error::AppError;

/// Closes a year that has ended for an area the staff member covers.
#[server(endpoint = "closed-years/close")]
pub async fn close_year(
    #[server(default)] area: String,
    #[server(default)] year: String,
) -> Result<(), AppError> {
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use chrono::Datelike;
    use store::{clock::now_local, repo::recorded};

    let back = back(&area, &year);
    let result = async {
        let (me, db, names, year) = scope(&area, &year).await?;
        let now = now_local();
        if year >= now.year() {
            let mut errors = FieldErrors::default();
            errors.add(FORM_FIELD, T::YearNotClosable);
            return Err(errors.into());
        }
        recorded::close_year(&db, me.user_id, &names.area, year, now).await?;
        Ok(Done::with_notice(back.clone(), T::YearClosedNotice))
    }
    .await;
    FormPost::new(&back, &[]).finish(result)
}

/// Reopens a year closed at this area, saying why.
#[server(endpoint = "closed-years/reopen")]
pub async fn reopen_year(
    #[server(default)] area: String,
    #[server(default)] year: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::domain::RequiredText;
    use crate::i18n::T;
    use crate::web::forms::{Done, FieldErrors, FormPost, FORM_FIELD};
    use store::repo::recorded;

    let back = back(&area, &year);
    let keep = [("reason", reason.as_str())];
    let result = async {
        let (me, db, names, year) = scope(&area, &year).await?;
        let mut errors = FieldErrors::default();
        let Some(reason) = errors.check("reason", RequiredText::parse(&reason, 500), T::from)
        else {
            return Err(errors.into());
        };
        if !recorded::reopen_year(&db, me.user_id, &names.area, year, reason.as_str()).await? {
            errors.add(FORM_FIELD, T::YearNotClosedHere);
            return Err(errors.into());
        }
        Ok(Done::with_notice(back.clone(), T::YearReopenedNotice))
    }
    .await;
    FormPost::new(&back, &keep).finish(result)
}

/// The figures page of the area's year, where both forms are.
#[cfg(feature = "ssr")]
fn back(area: &str, year: &str) -> String {
    let n = |s: &str| s.trim().parse::<i64>().unwrap_or_default();
    format!("/manage/tallies?year={}&area={}", n(year), n(area))
}

/// The staff member, and the area and year they may close: staff over the area only.
#[cfg(feature = "ssr")]
async fn scope(
    area: &str,
    year: &str,
) -> Result<
    (
        store::auth::Principal,
        store::db::Db,
        crate::views::tallies::ScopeNames,
        i32,
    ),
    AppError,
> {
    use crate::views::tallies::TallyParams;
    let area = crate::api::parse_id(area)?;
    let year: i32 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or(AppError::NotFound)?;
    let me = crate::web::require_principal().await?;
    let db = crate::web::state()?.db;
    let params = TallyParams {
        area: Some(area),
        ..TallyParams::default()
    };
    let (_, names) = store::repo::tallies::resolve_for(&db, &me, &params).await?;
    Ok((me, db, names, year))
}
