//! Which figures a staff member may read: their scope, checked against what they cover.

use super::Scope;
use crate::{auth::Principal, db::Db, repo};
use model::error::AppError;
use model::views::tallies::{ScopeNames, TallyParams};

/// A staff member's scope: the area asked for if they cover it (else their own), and the
/// platform type or platform within it. A platform outside the area is refused as missing.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn resolve_for(
    db: &Db,
    me: &Principal,
    params: &TallyParams,
) -> Result<(Scope, ScopeNames), AppError> {
    if !me.is_staff() {
        return Err(AppError::Forbidden);
    }
    let area = match params.area {
        Some(id) => repo::areas::get(db, id).await?,
        None => match me.staff_scopes.first() {
            Some(scope) if !me.is_admin => repo::areas::get(db, scope.area_id).await?,
            _ => repo::areas::root(db).await?,
        },
    };
    if !me.covers_area(&area.path) {
        return Err(AppError::Forbidden);
    }
    let platform_type = match &params.platform_type {
        Some(code) => Some(
            repo::platforms::types(db)
                .await?
                .into_iter()
                .find(|t| &t.code == code)
                .map(|t| (t.name_zh, t.name_en))
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let platform = match params.platform {
        Some(id) => Some(
            sqlx::query_scalar::<_, String>(
                "SELECT p.name FROM platforms p JOIN areas a ON a.id = p.area_id
                 WHERE p.id = ? AND a.path LIKE ? || '%'",
            )
            .bind(id)
            .bind(&area.path)
            .fetch_optional(&db.read)
            .await
            .map_err(repo::StoreError::from)?
            .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let scope = Scope {
        area_path: area.path.clone(),
        platform_type: params.platform_type.clone(),
        platform_id: params.platform,
    };
    Ok((
        scope,
        ScopeNames {
            area,
            platform_type,
            platform,
        },
    ))
}
