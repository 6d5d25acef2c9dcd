use leptos::prelude::*;

use crate::{
    error::AppError,
    views::{audit::AreaAudit, tallies::TallyParams},
};

/// Entries shown on one page.
#[cfg(feature = "ssr")]
const SHOWN: i64 = 300;

/// The latest changes about the sessions of a staff member's area (`params.area`, else their
/// own), optionally one person's.
#[server(endpoint = "closing/area-audit")]
pub async fn load_area_audit(
    params: TallyParams,
    user: Option<i64>,
) -> Result<AreaAudit, AppError> {
    use store::repo::audit_trail;
    let (db, scope, names) = crate::api::tallies::resolve(&params).await?;
    let mut entries = audit_trail::of_area(&db, &scope.area_path, user, SHOWN + 1).await?;
    let truncated = entries.len() > SHOWN as usize;
    entries.truncate(SHOWN as usize);
    let mut people: Vec<(i64, String)> = entries
        .iter()
        .filter_map(|(e, ..)| e.user_id.zip(e.who.clone()))
        .collect();
    people.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    people.dedup();
    Ok(AreaAudit {
        area_id: names.area.id,
        area_name: names.area.name,
        entries,
        people,
        user,
        truncated,
    })
}
