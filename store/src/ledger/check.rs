//! A ledger's rows checked against the deployment, every problem reported at once with its sheet,
//! row and column. Everything the check needs is read beforehand into a [`Context`], so the check
//! itself is a plain function of the file and that context.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use super::{
    cells::{Sheet, Workbook},
    columns::*,
    lookup::{choose, ledger_time, MemberIndex, PlatformIndex},
    sheets::{people_rows, problem_rows, suggestion_rows},
};
use model::{
    domain::{
        Adoption, Conversion, MemberLevel, RegistrationRole, RequiredText, Seats, SessionFormat,
        SessionKind, TimeRange, TimeRangeError,
    },
    i18n::{Label, T},
    views::{
        ledger::{LedgerCounts, LedgerProblem, LedgerSheet},
        organizing::SessionFields,
    },
};

/// The most problems listed; the rest are counted.
pub const PROBLEMS_LISTED: usize = 500;
/// Attendance counted by role, per cell: a session's seats are at most this many.
const COUNT_MAX: u32 = Seats::MAX;

/// A platform the importer may write to.
#[derive(Debug, Clone)]
pub struct PlatformRef {
    pub id: i64,
    pub name: String,
    pub area_path: String,
}

/// An active member account, found by its name or username.
#[derive(Debug, Clone)]
pub struct MemberRef {
    pub id: i64,
    pub name: String,
    pub username: String,
    pub level: MemberLevel,
}

/// What the check compares the file with.
#[derive(Debug, Default)]
pub struct Context {
    pub platforms: Vec<PlatformRef>,
    pub members: Vec<MemberRef>,
    /// Closed years: (area path, year).
    pub closed: Vec<(String, i32)>,
    /// Ledger numbers imported already: (platform, number).
    pub imported: HashSet<(i64, String)>,
    pub now: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    pub name: String,
    pub role: RegistrationRole,
    pub mobile: Option<String>,
    pub member: Option<(i64, MemberLevel)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSuggestion {
    pub text: String,
    pub proposer: Option<i64>,
    pub lead_department: Option<String>,
    pub adoption: Option<Adoption>,
    pub conversion: Option<Conversion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProblem {
    pub description: String,
    pub resolved_on: Option<NaiveDate>,
    pub resolution: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewSession {
    pub platform_id: i64,
    pub ledger_no: String,
    pub fields: SessionFields,
    pub people: Vec<NewPerson>,
    pub suggestions: Vec<NewSuggestion>,
    pub problems: Vec<NewProblem>,
}

/// The result: the sessions to write if nothing is wrong.
#[derive(Debug, Default)]
pub struct Checked {
    pub sessions: Vec<NewSession>,
    pub problems: Vec<LedgerProblem>,
    pub more_problems: usize,
    pub counts: LedgerCounts,
}

impl Checked {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Problems as they are found.
pub(super) struct Found<'a> {
    pub(super) sheet: LedgerSheet,
    pub(super) into: &'a mut Checked,
}

impl Found<'_> {
    pub(super) fn add(&mut self, row: u32, column: &str, value: &str, message: T) {
        if self.into.problems.len() >= PROBLEMS_LISTED {
            self.into.more_problems += 1;
            return;
        }
        self.into.problems.push(LedgerProblem {
            sheet: self.sheet,
            row,
            column: column.to_owned(),
            value: value.chars().take(80).collect(),
            message,
        });
    }
}

/// One row's cells by heading.
pub(super) struct Row<'a> {
    pub(super) sheet: &'a Sheet,
    pub(super) number: u32,
    pub(super) cells: &'a [String],
}

impl<'a> Row<'a> {
    pub(super) fn get(&self, heading: &str) -> &'a str {
        self.sheet
            .column(heading)
            .and_then(|i| self.cells.get(i))
            .map_or("", |s| s.trim())
    }
}

pub(super) fn rows(sheet: &Sheet) -> impl Iterator<Item = Row<'_>> {
    sheet.rows.iter().map(move |(number, cells)| Row {
        sheet,
        number: *number,
        cells,
    })
}

pub fn check(book: &Workbook, cx: &Context) -> Checked {
    let mut out = Checked::default();
    let empty = Sheet::default();
    let sheet = |kind| book.sheets.get(&kind).unwrap_or(&empty);
    for kind in LedgerSheet::ALL {
        let present = book.sheets.get(&kind);
        let mut found = Found {
            sheet: kind,
            into: &mut out,
        };
        match present {
            None if kind == LedgerSheet::Sessions => found.add(1, "", "", T::LedgerNoSessionsSheet),
            None => {}
            Some(s) if s.rows.is_empty() && kind == LedgerSheet::Sessions => {
                found.add(1, "", "", T::LedgerNoRows)
            }
            Some(s) => {
                for heading in required(kind) {
                    if s.column(heading).is_none() {
                        found.add(1, heading, "", T::LedgerMissingColumn);
                    }
                }
            }
        }
    }
    if !out.is_clean() {
        return out;
    }
    let platforms = PlatformIndex::new(&cx.platforms);
    let members = MemberIndex::new(&cx.members);
    let mut sessions: Vec<NewSession> = Vec::new();
    let mut by_no: HashMap<String, Option<usize>> = HashMap::new();
    let mut counted: HashMap<usize, (u32, u32)> = HashMap::new();
    {
        let mut found = Found {
            sheet: LedgerSheet::Sessions,
            into: &mut out,
        };
        for row in rows(sheet(LedgerSheet::Sessions)) {
            let no = row.get(NO);
            let parsed = session_row(&row, cx, &platforms, &mut found);
            if no.is_empty() {
                continue;
            }
            if by_no.contains_key(no) {
                found.add(row.number, NO, no, T::LedgerDuplicateNo);
                continue;
            }
            match parsed {
                Some((s, _)) if cx.imported.contains(&(s.platform_id, s.ledger_no.clone())) => {
                    found.into.counts.skipped += 1;
                    by_no.insert(no.to_owned(), None);
                }
                Some((s, count)) => {
                    counted.insert(sessions.len(), (row.number, count));
                    by_no.insert(no.to_owned(), Some(sessions.len()));
                    sessions.push(s);
                }
                None => {
                    by_no.insert(no.to_owned(), None);
                }
            }
        }
    }
    people_rows(
        sheet(LedgerSheet::People),
        &by_no,
        &members,
        &mut sessions,
        &mut out,
    );
    suggestion_rows(
        sheet(LedgerSheet::Suggestions),
        &by_no,
        &members,
        &mut sessions,
        &mut out,
    );
    problem_rows(
        sheet(LedgerSheet::Problems),
        &by_no,
        cx,
        &mut sessions,
        &mut out,
    );
    // A session whose people are named has no counts too: they would be counted twice.
    let mut found = Found {
        sheet: LedgerSheet::Sessions,
        into: &mut out,
    };
    for (i, (row, count)) in &counted {
        let s = &mut sessions[*i];
        if *count > 0 && s.people.iter().any(|p| p.name != UNNAMED) {
            found.add(*row, NO, &s.ledger_no, T::LedgerCountsAndNames);
        }
        let seats = u32::try_from(s.people.len().max(1)).unwrap_or(COUNT_MAX);
        match Seats::new(seats) {
            Ok(seats) => s.fields.seats = seats,
            Err(_) => found.add(*row, NO, &s.ledger_no, T::LedgerTooManyPeople),
        }
    }
    out.counts.sessions = sessions.len();
    out.counts.attendance = sessions.iter().map(|s| s.people.len()).sum();
    out.counts.suggestions = sessions.iter().map(|s| s.suggestions.len()).sum();
    out.counts.problems = sessions.iter().map(|s| s.problems.len()).sum();
    if out.is_clean() {
        out.sessions = sessions;
    }
    out
}

/// The name written for someone a ledger counts but does not name.
pub const UNNAMED: &str = "（台账未列姓名）";

/// One 活动台账 row: the session, with one unnamed person per count; and how many it counted.
fn session_row(
    row: &Row<'_>,
    cx: &Context,
    platforms: &PlatformIndex<'_>,
    found: &mut Found<'_>,
) -> Option<(NewSession, u32)> {
    let n = row.number;
    let no = row.get(NO);
    let ledger_no = text(found, n, NO, no, 32, true).map(|t| t.unwrap_or_default());
    let platform = match platforms.find(row.get(PLATFORM)) {
        Ok(p) => Some(p),
        Err(message) => {
            found.add(n, PLATFORM, row.get(PLATFORM), message);
            None
        }
    };
    let title = text(found, n, TITLE, row.get(TITLE), 64, true).flatten();
    let kind = choose(SessionKind::ALL, SessionKind::code, row.get(KIND));
    if kind.is_none() {
        let message = if row.get(KIND).is_empty() {
            T::Required
        } else {
            T::LedgerUnknownChoice
        };
        found.add(n, KIND, row.get(KIND), message);
    }
    let format = match row.get(FORMAT) {
        "" => Some(SessionFormat::Onsite),
        typed => {
            let f = choose(SessionFormat::ALL, SessionFormat::code, typed);
            if f.is_none() {
                found.add(n, FORMAT, typed, T::LedgerUnknownChoice);
            }
            f
        }
    };
    let local = text(found, n, LOCAL_NAME, row.get(LOCAL_NAME), 16, false);
    let place = text(found, n, PLACE, row.get(PLACE), 128, true).flatten();
    let start = match ledger_time(row.get(START)) {
        Some((t, _)) if t > cx.now => {
            found.add(n, START, row.get(START), T::LedgerInFuture);
            None
        }
        Some((t, has_time)) => Some(if has_time {
            t
        } else {
            t.date().and_time(DEFAULT_START)
        }),
        None => {
            let message = if row.get(START).is_empty() {
                T::Required
            } else {
                T::LedgerNotATime
            };
            found.add(n, START, row.get(START), message);
            None
        }
    };
    let end = match row.get(END) {
        "" => start.map(|s| s + TimeDelta::hours(2)),
        typed => match (ledger_time(typed), start) {
            (Some((e, true)), _) => Some(e),
            // A time alone ("16:30") or a date alone: on the start's day.
            (Some((e, false)), Some(s)) => Some(s.date().and_time(e.time().max(s.time()))),
            (None, Some(s)) => match NaiveTime::parse_from_str(typed, "%H:%M") {
                Ok(t) => Some(s.date().and_time(t)),
                Err(_) => {
                    found.add(n, END, typed, T::LedgerNotATime);
                    None
                }
            },
            _ => None,
        },
    };
    let time = match (start, end) {
        (Some(s), Some(e)) => match TimeRange::new(s, e) {
            Ok(t) => Some(t),
            Err(e) => {
                let message = match e {
                    TimeRangeError::EndNotAfterStart => T::EndBeforeStart,
                    TimeRangeError::TooLong => T::SessionTooLong,
                };
                found.add(n, END, row.get(END), message);
                None
            }
        },
        _ => None,
    };
    if let (Some(t), Some(p)) = (time, platform) {
        let year = chrono::Datelike::year(&t.start());
        if cx
            .closed
            .iter()
            .any(|(path, y)| *y == year && p.area_path.starts_with(path.as_str()))
        {
            found.add(n, START, row.get(START), T::YearClosed);
        }
    }
    let mut people = Vec::new();
    let mut counted = 0u32;
    for (role, column) in count_columns() {
        let typed = row.get(&column);
        if typed.is_empty() {
            continue;
        }
        match typed.parse::<u32>().ok().filter(|c| *c <= COUNT_MAX) {
            Some(c) => {
                counted += c;
                people.extend((0..c).map(|_| NewPerson {
                    name: UNNAMED.to_owned(),
                    role,
                    mobile: None,
                    member: None,
                }));
            }
            None => found.add(n, &column, typed, T::LedgerNotACount),
        }
    }
    if counted > COUNT_MAX {
        found.add(n, NO, no, T::LedgerTooManyPeople);
        return None;
    }
    let fields = SessionFields {
        title: title?,
        summary: String::new(),
        kind: kind?,
        format: format?,
        format_local_name: local?,
        place: place?,
        time: time?,
        seats: Seats::new(1).ok()?,
        signup_deadline: time?.start(),
        invited: Vec::new(),
        checkin_lead_minutes: 0,
        coorganizers: Vec::new(),
    };
    Some((
        NewSession {
            platform_id: platform?.id,
            ledger_no: ledger_no?,
            fields,
            people,
            suggestions: Vec::new(),
            problems: Vec::new(),
        },
        counted,
    ))
}

/// A session given only its date starts at nine.
const DEFAULT_START: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// A text cell: `Some(None)` when empty and optional; `None` when refused (noted).
pub(super) fn text(
    found: &mut Found<'_>,
    row: u32,
    column: &str,
    typed: &str,
    max: usize,
    required: bool,
) -> Option<Option<String>> {
    let parsed = if required {
        RequiredText::parse(typed, max).map(Some)
    } else {
        RequiredText::parse_optional(typed, max)
    };
    match parsed {
        Ok(t) => Some(t.map(RequiredText::into_inner)),
        Err(e) => {
            found.add(row, column, typed, T::from(e));
            None
        }
    }
}

pub(super) fn optional_choice<L: Label>(
    found: &mut Found<'_>,
    row: &Row<'_>,
    column: &str,
    all: &[L],
    code: fn(L) -> &'static str,
) -> Option<Option<L>> {
    match row.get(column) {
        "" => Some(None),
        typed => match choose(all, code, typed) {
            Some(v) => Some(Some(v)),
            None => {
                found.add(row.number, column, typed, T::LedgerUnknownChoice);
                None
            }
        },
    }
}
