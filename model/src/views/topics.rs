//! Topics as their pages and lists show them.

use crate::domain::{TopicChannel, TopicSource, TopicStatus};
use crate::i18n::Lang;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A topic category (议题分类), configurable in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Category {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

impl Category {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }
}

/// A topic as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TopicFacts {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub category_zh: String,
    pub category_en: String,
    pub source: TopicSource,
    pub channel: TopicChannel,
    pub status: TopicStatus,
    pub reply: Option<String>,
    pub submitted_at: NaiveDateTime,
    pub platform_id: i64,
    pub platform_name: String,
    /// The topic this one was merged into: (id, title).
    pub merged_into_id: Option<i64>,
    pub merged_into_title: Option<String>,
}

impl TopicFacts {
    pub fn category(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.category_zh,
            Lang::En => &self.category_en,
        }
    }
}

/// A session a topic was taken up at: (id, title, start).
pub type TopicSession = (i64, String, NaiveDateTime);

/// One line of the organizers' topic list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TopicRow {
    pub id: i64,
    pub title: String,
    pub platform_name: String,
    pub source: TopicSource,
    pub status: TopicStatus,
    pub submitted_at: NaiveDateTime,
}
