//! Platforms as pages list and show them, and a platform's fields as a form saves them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{domain::PlatformStatus, i18n::Lang};

/// A platform type (built-in or added by a county), named in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PlatformType {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

impl PlatformType {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }
}

/// A platform as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PlatformCard {
    pub id: i64,
    pub name: String,
    pub brand_name: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub kind: PlatformType,
    pub area_name: String,
    pub address: Option<String>,
    pub status: PlatformStatus,
}

/// Everything about one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PlatformDetail {
    pub id: i64,
    pub name: String,
    pub brand_name: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub kind: PlatformType,
    pub area_id: i64,
    pub area_name: String,
    pub area_path: String,
    pub convener: Option<String>,
    pub address: Option<String>,
    pub description: Option<String>,
    pub status: PlatformStatus,
    pub star_rating: Option<i64>,
    pub established_on: String,
}

/// One move of a platform to another area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PlatformMove {
    pub moved_on: String,
    pub from_area: String,
    pub to_area: String,
    pub reason: Option<String>,
}

/// A platform's fields, checked.
#[derive(Debug, Clone)]
pub struct PlatformFields {
    pub name: String,
    pub brand_name: Option<String>,
    pub type_code: String,
    pub convener: Option<String>,
    pub address: Option<String>,
    pub description: Option<String>,
    pub established_on: NaiveDate,
    pub star_rating: Option<i64>,
}
