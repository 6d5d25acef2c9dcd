use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    api::{
        closing::{Attachment, OutcomeRow, ProblemRow, RatingTally, ReviewRow},
        sessions::SessionCard,
    },
    error::AppError,
};

/// A session's public results page. Disagreements and who proposed what stay with the
/// organizers; the decisions, their handling and the problems resolved are public.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    pub card: SessionCard,
    /// None until the minutes are recorded.
    pub key_points: Option<String>,
    pub consensus: String,
    pub attended: i64,
    pub outcomes: Vec<OutcomeRow>,
    pub problems: Vec<ProblemRow>,
    pub reviews: Vec<ReviewRow>,
    pub ratings: RatingTally,
    /// Photos of the session; its other files stay with the organizers.
    pub photos: Vec<Attachment>,
}

#[server(endpoint = "results/view")]
pub async fn load_results(id: i64) -> Result<ResultsView, AppError> {
    use crate::domain::SessionStatus;
    use crate::web::state;
    use store::{clock::now_local, repo};
    let db = state()?.db;
    let card = repo::sessions::card(&db, id).await?;
    if card.status == SessionStatus::Draft {
        return Err(AppError::NotFound);
    }
    let minutes = repo::minutes::get(&db, id).await?;
    let minutes_recorded = store::repo::reviews::has_outcome(card.status);
    let mut outcomes = repo::outcomes::of_session(&db, id, now_local().date()).await?;
    for o in &mut outcomes {
        o.proposer_name = None;
    }
    Ok(ResultsView {
        key_points: minutes.as_ref().map(|m| m.key_points.clone()),
        consensus: minutes.map(|m| m.consensus).unwrap_or_default(),
        attended: repo::minutes::attendance(&db, id).await?.total,
        outcomes,
        problems: repo::problems::of_session(&db, id).await?,
        reviews: repo::reviews::of_session(&db, id).await?,
        ratings: repo::reviews::ratings(&db, id).await?,
        photos: if minutes_recorded {
            repo::minutes::attachments(&db, id)
                .await?
                .into_iter()
                .filter(|a| a.kind == "photo")
                .collect()
        } else {
            Vec::new()
        },
        card,
    })
}
