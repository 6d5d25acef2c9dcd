//! Figures a staff member made public.

use crate::domain::Figures;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedFigures {
    pub area_id: i64,
    pub area_name: String,
    pub year: i32,
    pub figures: Figures,
    pub published_at: NaiveDateTime,
}
