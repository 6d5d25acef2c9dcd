//! Areas as pages list them.

use crate::domain::AreaLevel;
use serde::{Deserialize, Serialize};

/// An area as lists and breadcrumbs show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AreaSummary {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub level: AreaLevel,
    pub code: Option<String>,
    pub name: String,
    pub path: String,
    pub active: bool,
}

/// A child area with how many active platforms stand anywhere in its subtree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AreaWithCount {
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub area: AreaSummary,
    pub platforms: i64,
}

/// A department of an area that suggestions are handed to, with the contact told when one it
/// leads passes its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub contact_name: Option<String>,
    pub contact_mobile: Option<String>,
    pub active: bool,
}
