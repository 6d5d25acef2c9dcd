//! The breakdowns of domain.md: each a dimension and the figures split by it, with a row per
//! value (named in both languages) whose numbers open their records.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::{
    db::Db,
    repo::{self, tallies, StoreError},
};
use model::domain::Drill;
use model::domain::{
    Conversion, Dimension, MemberLevel, Period, ResultClass, SessionFormat, SessionKind,
    TopicSource,
};
use model::i18n::{Label, Lang};
use model::views::{
    areas::AreaSummary,
    platforms::PlatformType,
    tallies::{Breakdown, BreakdownRow, ScopeNames},
    topics::Category,
};

/// Which figures each breakdown splits, in the order reports use.
fn columns(dimension: Dimension) -> Vec<Drill> {
    use Dimension as D;
    use Drill::*;
    match dimension {
        D::Area => vec![
            Consultations,
            Services,
            ResidentVisits,
            MemberVisits,
            Suggestions,
            ProblemsResolved,
            PlatformsActive,
        ],
        D::PlatformType => vec![
            PlatformsActive,
            PlatformsNew,
            Consultations,
            Services,
            ResidentVisits,
            Suggestions,
            ProblemsResolved,
        ],
        D::Kind => vec![Consultations, Services, ResidentVisits, Suggestions],
        D::Format => vec![Consultations, Services, ResidentVisits],
        D::Month | D::Quarter => vec![
            Consultations,
            Services,
            ResidentVisits,
            Suggestions,
            ProblemsResolved,
        ],
        D::TopicCategory | D::TopicSource => vec![Topics, TopicsTakenUp],
        D::MemberLevel | D::Sector => vec![MemberVisits],
        D::ResultClass => vec![Suggestions, SuggestionsAdopted],
        D::Conversion => vec![Suggestions],
    }
}

/// Every breakdown of a scope's period. The dimensions are read at once, each on a read
/// connection of its own; a dimension of the session's own reads all its per-session figures in
/// one pass; quarters are added up from the months, which count the same records.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn breakdowns(
    db: &Db,
    scope: &tallies::Scope,
    names: &ScopeNames,
    period: Period,
    now: NaiveDateTime,
) -> Result<Vec<Breakdown>, StoreError> {
    use futures_util::FutureExt;
    let namer = Namer::load(db, &names.area).await?;
    let paired = |d: &Dimension| READ_TOGETHER.iter().any(|(a, b)| a == d || b == d);
    let single = Dimension::ALL
        .iter()
        .filter(|d| **d != Dimension::Quarter && !paired(d))
        .map(|&d| {
            counts_of(db, d, scope, period, now)
                .map(|r| r.map(|counted| vec![counted]))
                .boxed()
        });
    let pairs = READ_TOGETHER
        .iter()
        .map(|&pair| counts_of_pair(db, pair, scope, period, now).boxed());
    let mut counted: Vec<(Dimension, BTreeMap<String, Vec<i64>>)> =
        futures_util::future::try_join_all(single.chain(pairs))
            .await?
            .into_iter()
            .flatten()
            .collect();
    if let Some((_, months)) = counted.iter().find(|(d, _)| *d == Dimension::Month) {
        let mut quarters = zero_rows(Dimension::Quarter, period);
        for (month, counts) in months {
            let row = quarters
                .entry(quarter_of(month))
                .or_insert_with(|| vec![0; counts.len()]);
            for (sum, n) in row.iter_mut().zip(counts) {
                *sum += n;
            }
        }
        counted.push((Dimension::Quarter, quarters));
    }
    let mut out = Vec::with_capacity(counted.len());
    for d in Dimension::ALL {
        let Some(i) = counted.iter().position(|(c, _)| c == d) else {
            continue;
        };
        let (dimension, rows) = counted.swap_remove(i);
        out.push(Breakdown {
            dimension,
            columns: columns(dimension),
            rows: rows
                .into_iter()
                .map(|(key, counts)| BreakdownRow {
                    name: namer.name(dimension, &key),
                    area_id: namer.area_id(dimension, &key),
                    key,
                    counts,
                })
                .collect(),
        });
    }
    Ok(out)
}

/// "2026-03" → "2026-Q1".
fn quarter_of(month: &str) -> String {
    let (year, m) = month.split_once('-').unwrap_or((month, "1"));
    let m: u32 = m.parse().unwrap_or(1);
    format!("{year}-Q{}", m.div_ceil(3))
}

/// Every month (quarter) of the period gets a row, so a quiet month reads as 0.
fn zero_rows(dimension: Dimension, period: Period) -> BTreeMap<String, Vec<i64>> {
    let width = columns(dimension).len();
    calendar_keys(dimension, period)
        .into_iter()
        .map(|k| (k, vec![0; width]))
        .collect()
}

/// One dimension's rows: each value with its count per column.
async fn counts_of(
    db: &Db,
    dimension: Dimension,
    scope: &tallies::Scope,
    period: Period,
    now: NaiveDateTime,
) -> Result<(Dimension, BTreeMap<String, Vec<i64>>), StoreError> {
    let columns = columns(dimension);
    let mut rows = zero_rows(dimension, period);
    let (kept, others): (Vec<usize>, Vec<usize>) = (0..columns.len()).partition(|&c| {
        super::sources::on_session(dimension) && tallies::kept_per_session(columns[c])
    });
    if !kept.is_empty() {
        let drills: Vec<Drill> = kept.iter().map(|&c| columns[c]).collect();
        for (key, counts) in
            tallies::breakdown_held(db, &drills, dimension, scope, period, now).await?
        {
            let row = rows.entry(key).or_insert_with(|| vec![0; columns.len()]);
            for (&c, n) in kept.iter().zip(counts) {
                row[c] = n;
            }
        }
    }
    for c in others {
        for (key, n) in tallies::breakdown(db, columns[c], dimension, scope, period, now).await? {
            rows.entry(key).or_insert_with(|| vec![0; columns.len()])[c] = n;
        }
    }
    Ok((dimension, rows))
}

/// Dimensions of the same rows, read in one pass: the first one's columns are a figure and
/// perhaps a narrower one of the same rows, the second one's a part of them.
const READ_TOGETHER: [(Dimension, Dimension); 3] = [
    (Dimension::TopicCategory, Dimension::TopicSource),
    (Dimension::ResultClass, Dimension::Conversion),
    (Dimension::MemberLevel, Dimension::Sector),
];

/// Two dimensions' rows from one pass over their records.
async fn counts_of_pair(
    db: &Db,
    (first, second): (Dimension, Dimension),
    scope: &tallies::Scope,
    period: Period,
    now: NaiveDateTime,
) -> Result<Vec<(Dimension, BTreeMap<String, Vec<i64>>)>, StoreError> {
    let whole = columns(first)[0];
    let part = columns(first).get(1).copied();
    let pairs =
        tallies::breakdown_pair(db, whole, part, [first, second], scope, period, now).await?;
    let mut out = Vec::with_capacity(2);
    for (i, dimension) in [first, second].into_iter().enumerate() {
        let columns = columns(dimension);
        let mut rows = zero_rows(dimension, period);
        for (a, b, n, k) in &pairs {
            let key = if i == 0 { a } else { b };
            let row = rows
                .entry(key.clone())
                .or_insert_with(|| vec![0; columns.len()]);
            for (cell, drill) in row.iter_mut().zip(&columns) {
                *cell += if *drill == whole { *n } else { *k };
            }
        }
        out.push((dimension, rows));
    }
    Ok(out)
}

/// How one value of a dimension reads: (zh, en).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn name_of(
    db: &Db,
    names: &ScopeNames,
    dimension: Dimension,
    key: &str,
) -> Result<(String, String), StoreError> {
    Ok(Namer::load(db, &names.area).await?.name(dimension, key))
}

/// The months ('2026-03') or quarters ('2026-Q1') a period touches, at most three years'.
fn calendar_keys(dimension: Dimension, period: Period) -> Vec<String> {
    use chrono::Datelike;
    let first = period.from().year() * 12 + period.from().month0() as i32;
    let last = period.to().year() * 12 + period.to().month0() as i32;
    if last - first >= 36 {
        return Vec::new();
    }
    let months = (first..=last).map(|m| (m / 12, m % 12 + 1));
    match dimension {
        Dimension::Month => months.map(|(y, m)| format!("{y}-{m:02}")).collect(),
        Dimension::Quarter => {
            let mut keys: Vec<String> = months
                .map(|(y, m)| format!("{y}-Q{}", (m + 2) / 3))
                .collect();
            keys.dedup();
            keys
        }
        _ => Vec::new(),
    }
}

/// Names of the values a breakdown's rows carry.
struct Namer {
    area: AreaSummary,
    children: Vec<AreaSummary>,
    types: Vec<PlatformType>,
    categories: Vec<Category>,
}

impl Namer {
    async fn load(db: &Db, area: &AreaSummary) -> Result<Self, StoreError> {
        Ok(Self {
            area: area.clone(),
            children: repo::areas::children(db, area).await?,
            types: repo::platforms::types(db).await?,
            categories: repo::topics::categories(db).await?,
        })
    }

    fn area_id(&self, dimension: Dimension, key: &str) -> Option<i64> {
        (dimension == Dimension::Area)
            .then(|| self.children.iter().find(|a| a.path == key).map(|a| a.id))
            .flatten()
    }

    fn name(&self, dimension: Dimension, key: &str) -> (String, String) {
        fn label<L: Label>(l: Option<L>, key: &str) -> (String, String) {
            match l {
                Some(l) => (l.label(Lang::Zh).to_owned(), l.label(Lang::En).to_owned()),
                None => (key.to_owned(), key.to_owned()),
            }
        }
        let named = |found: Option<(&str, &str)>| match found {
            Some((zh, en)) => (zh.to_owned(), en.to_owned()),
            None => (key.to_owned(), key.to_owned()),
        };
        let or_unset = |zh: &str, en: &str| {
            if key.is_empty() {
                (zh.to_owned(), en.to_owned())
            } else {
                (key.to_owned(), key.to_owned())
            }
        };
        match dimension {
            Dimension::Area => match self.children.iter().find(|a| a.path == key) {
                Some(a) => (a.name.clone(), a.name.clone()),
                None => (
                    format!("{}（本级）", self.area.name),
                    format!("{} (itself)", self.area.name),
                ),
            },
            Dimension::PlatformType => named(
                self.types
                    .iter()
                    .find(|t| t.code == key)
                    .map(|t| (t.name(Lang::Zh), t.name(Lang::En))),
            ),
            Dimension::TopicCategory => named(
                self.categories
                    .iter()
                    .find(|c| c.code == key)
                    .map(|c| (c.name(Lang::Zh), c.name(Lang::En))),
            ),
            Dimension::Kind => label(SessionKind::from_code(key), key),
            Dimension::Format => label(SessionFormat::from_code(key), key),
            Dimension::TopicSource => label(TopicSource::from_code(key), key),
            Dimension::MemberLevel => label(MemberLevel::from_code(key), key),
            Dimension::ResultClass => match ResultClass::from_code(key) {
                Some(c) => label(Some(c), key),
                None => or_unset("未评定", "Not classed"),
            },
            Dimension::Conversion => match Conversion::from_code(key) {
                Some(c) => label(Some(c), key),
                None => or_unset("未转化", "Not converted"),
            },
            Dimension::Sector => or_unset("未填界别", "No sector"),
            // '2026-03' and '2026-Q1'.
            Dimension::Month => match key.split_once('-') {
                Some((y, m)) => (
                    format!("{y}年{}月", m.trim_start_matches('0')),
                    format!("{y}-{m}"),
                ),
                None => (key.to_owned(), key.to_owned()),
            },
            Dimension::Quarter => match key.split_once("-Q") {
                Some((y, q)) => (format!("{y}年第{q}季度"), format!("{y} Q{q}")),
                None => (key.to_owned(), key.to_owned()),
            },
        }
    }
}
