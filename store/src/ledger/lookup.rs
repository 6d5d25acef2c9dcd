//! Finding what a cell names: a platform, a member, a choice by its label, a date as ledgers
//! write it.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::check::{MemberRef, PlatformRef};
use model::i18n::{Label, T};

/// A value by its Chinese or English label, either half of a label like "协商议事会/专题协商", or
/// its code.
pub fn choose<L: Label>(all: &[L], code: fn(L) -> &'static str, typed: &str) -> Option<L> {
    let typed = typed.trim();
    all.iter().copied().find(|v| {
        let (zh, en) = v.pair();
        typed == zh
            || typed.eq_ignore_ascii_case(en)
            || typed == code(*v)
            || zh.split('/').any(|part| part == typed)
    })
}

/// A date and time as ledgers write them: `2026-03-05 14:30`, `2026/3/5 14:30`, `2026.3.5`,
/// `2026年3月5日 14:30`; the flag says whether a time was given.
pub fn ledger_time(typed: &str) -> Option<(NaiveDateTime, bool)> {
    let s: String = typed
        .trim()
        .replace(['/', '.', '年', '月'], "-")
        .replace(['日', 'T'], " ");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for f in ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(&s, f) {
            return plausible(t).then_some((t, true));
        }
    }
    let d = NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()?;
    let t = d.and_time(NaiveTime::MIN);
    plausible(t).then_some((t, false))
}

fn plausible(t: NaiveDateTime) -> bool {
    (2000..=2100).contains(&chrono::Datelike::year(&t))
}

/// Platforms by name (several may share one) and by number.
pub(super) struct PlatformIndex<'a> {
    by_name: HashMap<&'a str, Vec<&'a PlatformRef>>,
    by_id: HashMap<i64, &'a PlatformRef>,
}

impl<'a> PlatformIndex<'a> {
    pub(super) fn new(all: &'a [PlatformRef]) -> Self {
        let mut by_name: HashMap<&str, Vec<&PlatformRef>> = HashMap::new();
        for p in all {
            by_name.entry(p.name.trim()).or_default().push(p);
        }
        Self {
            by_name,
            by_id: all.iter().map(|p| (p.id, p)).collect(),
        }
    }

    pub(super) fn find(&self, typed: &str) -> Result<&'a PlatformRef, T> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Err(T::Required);
        }
        if let Some(p) = typed.parse::<i64>().ok().and_then(|id| self.by_id.get(&id)) {
            return Ok(p);
        }
        match self.by_name.get(typed).map(Vec::as_slice) {
            Some([one]) => Ok(one),
            Some(_) => Err(T::LedgerAmbiguousPlatform),
            None => Err(T::LedgerUnknownPlatform),
        }
    }
}

/// Member accounts by name and by username.
pub(super) struct MemberIndex<'a> {
    by_name: HashMap<&'a str, Vec<&'a MemberRef>>,
    by_username: HashMap<&'a str, &'a MemberRef>,
}

impl<'a> MemberIndex<'a> {
    pub(super) fn new(all: &'a [MemberRef]) -> Self {
        let mut by_name: HashMap<&str, Vec<&MemberRef>> = HashMap::new();
        for m in all {
            by_name.entry(m.name.as_str()).or_default().push(m);
        }
        Self {
            by_name,
            by_username: all.iter().map(|m| (m.username.as_str(), m)).collect(),
        }
    }

    pub(super) fn find(&self, typed: &str) -> Result<&'a MemberRef, T> {
        if let Some(m) = self.by_username.get(typed) {
            return Ok(m);
        }
        match self.by_name.get(typed).map(Vec::as_slice) {
            Some([one]) => Ok(one),
            Some(_) => Err(T::RosterMemberAmbiguous),
            None => Err(T::RosterMemberUnknown),
        }
    }
}
