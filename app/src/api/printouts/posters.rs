use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{api::sessions::SessionCard, error::AppError};

/// An A4 poster: a session's (to sign up) or a platform's (to see its sessions and propose topics).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Poster {
    /// The session, for a session poster.
    pub session: Option<SessionCard>,
    pub platform_name: String,
    pub address: Option<String>,
    pub area_name: String,
    /// The address the QR code holds, printed under it for those who type it.
    pub link: String,
    pub qr_svg: String,
}

/// Public: a published (or past) session's poster; drafts are not found.
#[server(endpoint = "printouts/session-poster")]
pub async fn load_session_poster(id: i64) -> Result<Poster, AppError> {
    use crate::web::state;
    use store::{qr, repo};
    let db = state()?.db;
    let public = repo::sessions::public(&db, id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    let platform = repo::platforms::get(&db, public.card.platform_id).await?;
    let link = crate::web::public_link::public_link(&format!("/sessions/{id}"));
    Ok(Poster {
        qr_svg: qr::svg(&link, 320),
        link,
        platform_name: platform.name,
        address: platform.address,
        area_name: public.card.area_name.clone(),
        session: Some(public.card),
    })
}

/// Public: an active platform's poster.
#[server(endpoint = "printouts/platform-poster")]
pub async fn load_platform_poster(id: i64) -> Result<Poster, AppError> {
    use crate::domain::PlatformStatus;
    use crate::web::state;
    use store::{qr, repo};
    let db = state()?.db;
    let platform = repo::platforms::get(&db, id).await?;
    if platform.status != PlatformStatus::Active {
        return Err(AppError::NotFound);
    }
    let link = crate::web::public_link::public_link(&format!("/platforms/{id}?via=qr"));
    Ok(Poster {
        session: None,
        qr_svg: qr::svg(&link, 320),
        link,
        platform_name: platform.name,
        address: platform.address,
        area_name: platform.area_name,
    })
}
