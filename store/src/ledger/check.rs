//! A ledger's rows checked against the deployment, every problem reported at once with its sheet,
//! row and column. Everything the check needs is read beforehand into a [`Context`], so the check
//! itself is a plain function of the file and that context.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use super::cells::{Sheet, Workbook};
use model::{
    domain::{
        Adoption, Conversion, MemberLevel, Mobile, PersonName, PersonNameError, RegistrationRole,
        RequiredText, Seats, SessionFormat, SessionKind, TimeRange, TimeRangeError,
    },
    i18n::{Label, Lang, T},
    views::{
        ledger::{LedgerCounts, LedgerProblem, LedgerSheet},
        organizing::SessionFields,
    },
};

pub const NO: &str = "活动编号";
pub const PLATFORM: &str = "议事平台";
pub const TITLE: &str = "活动名称";
pub const KIND: &str = "活动类型";
pub const FORMAT: &str = "形式";
pub const LOCAL_NAME: &str = "本地叫法";
pub const PLACE: &str = "地点";
pub const START: &str = "开始时间";
pub const END: &str = "结束时间";
pub const NAME: &str = "姓名";
pub const ROLE: &str = "身份";
pub const MOBILE: &str = "手机号";
pub const SUGGESTION: &str = "意见建议";
pub const PROPOSER: &str = "提出委员";
pub const DEPARTMENT: &str = "牵头部门";
pub const ADOPTION: &str = "采纳情况";
pub const CONVERSION: &str = "成果转化";
pub const PROBLEM: &str = "问题";
pub const RESOLVED_ON: &str = "解决日期";
pub const RESOLUTION: &str = "解决情况";

/// The most problems listed; the rest are counted.
pub const PROBLEMS_LISTED: usize = 500;
/// Attendance counted by role, per cell: a session's seats are at most this many.
const COUNT_MAX: u32 = Seats::MAX;

/// The roles counted in the 活动台账 sheet, each with its column: members are named, in the
/// 参会人员 sheet, since they count by their level.
pub fn count_columns() -> Vec<(RegistrationRole, String)> {
    RegistrationRole::ALL
        .iter()
        .filter(|r| **r != RegistrationRole::Member)
        .map(|r| (*r, format!("{}人数", r.label(Lang::Zh))))
        .collect()
}

/// The columns of each sheet, in the template's order; the required ones first.
pub fn columns(sheet: LedgerSheet) -> Vec<String> {
    let fixed: &[&str] = match sheet {
        LedgerSheet::Sessions => &[
            NO, PLATFORM, TITLE, KIND, FORMAT, LOCAL_NAME, PLACE, START, END,
        ],
        LedgerSheet::People => &[NO, NAME, ROLE, MOBILE],
        LedgerSheet::Suggestions => &[NO, SUGGESTION, PROPOSER, DEPARTMENT, ADOPTION, CONVERSION],
        LedgerSheet::Problems => &[NO, PROBLEM, RESOLVED_ON, RESOLUTION],
    };
    let mut all: Vec<String> = fixed.iter().map(|c| (*c).to_owned()).collect();
    if sheet == LedgerSheet::Sessions {
        all.extend(count_columns().into_iter().map(|(_, c)| c));
    }
    all
}

/// The columns a sheet must have.
fn required(sheet: LedgerSheet) -> &'static [&'static str] {
    match sheet {
        LedgerSheet::Sessions => &[NO, PLATFORM, TITLE, KIND, PLACE, START],
        LedgerSheet::People => &[NO, NAME],
        LedgerSheet::Suggestions => &[NO, SUGGESTION],
        LedgerSheet::Problems => &[NO, PROBLEM],
    }
}

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
struct Found<'a> {
    sheet: LedgerSheet,
    into: &'a mut Checked,
}

impl Found<'_> {
    fn add(&mut self, row: u32, column: &str, value: &str, message: T) {
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
struct Row<'a> {
    sheet: &'a Sheet,
    number: u32,
    cells: &'a [String],
}

impl<'a> Row<'a> {
    fn get(&self, heading: &str) -> &'a str {
        self.sheet
            .column(heading)
            .and_then(|i| self.cells.get(i))
            .map_or("", |s| s.trim())
    }
}

fn rows(sheet: &Sheet) -> impl Iterator<Item = Row<'_>> {
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

/// Which session a row of another sheet belongs to: `None` (with the problem noted) when the
/// number is not in the 活动台账, `Some(None)` when it is but that row was skipped or wrong.
fn session_of(
    row: &Row<'_>,
    by_no: &HashMap<String, Option<usize>>,
    found: &mut Found<'_>,
) -> Option<Option<usize>> {
    let no = row.get(NO);
    match by_no.get(no) {
        Some(i) => Some(*i),
        None => {
            let message = if no.is_empty() {
                T::Required
            } else {
                T::LedgerUnknownNo
            };
            found.add(row.number, NO, no, message);
            None
        }
    }
}

fn people_rows(
    sheet: &Sheet,
    by_no: &HashMap<String, Option<usize>>,
    members: &MemberIndex<'_>,
    sessions: &mut [NewSession],
    out: &mut Checked,
) {
    let mut found = Found {
        sheet: LedgerSheet::People,
        into: out,
    };
    let mut numbers: HashSet<(usize, String)> = HashSet::new();
    for row in rows(sheet) {
        let n = row.number;
        let session = session_of(&row, by_no, &mut found);
        let name = match PersonName::parse(row.get(NAME)) {
            Ok(name) => Some(name),
            Err(e) => {
                let message = match e {
                    PersonNameError::Empty => T::Required,
                    PersonNameError::TooLong => T::TooLong,
                    PersonNameError::Unprintable => T::NameUnprintable,
                };
                found.add(n, NAME, row.get(NAME), message);
                None
            }
        };
        let role = match row.get(ROLE) {
            "" => Some(RegistrationRole::Resident),
            typed => {
                let r = choose(RegistrationRole::ALL, RegistrationRole::code, typed)
                    .or_else(|| (typed == "委员").then_some(RegistrationRole::Member));
                if r.is_none() {
                    found.add(n, ROLE, typed, T::LedgerUnknownChoice);
                }
                r
            }
        };
        let member = match (role, &name) {
            (Some(RegistrationRole::Member), Some(name)) => match members.find(name.as_str()) {
                Ok(m) => Some(Some(m)),
                Err(message) => {
                    found.add(n, NAME, name.as_str(), message);
                    None
                }
            },
            _ => Some(None),
        };
        let mobile = match row.get(MOBILE) {
            "" => Some(None),
            typed => match Mobile::parse(typed) {
                Ok(m) => Some(Some(m.as_str().to_owned())),
                Err(_) => {
                    found.add(n, MOBILE, typed, T::MobileMalformed);
                    None
                }
            },
        };
        let (Some(Some(i)), Some(name), Some(role), Some(member), Some(mobile)) =
            (session, name, role, member, mobile)
        else {
            continue;
        };
        if let Some(m) = &mobile {
            if !numbers.insert((i, m.clone())) {
                found.add(n, MOBILE, m, T::LedgerDuplicateMobile);
                continue;
            }
        }
        sessions[i].people.push(NewPerson {
            name: name.as_str().to_owned(),
            role,
            mobile,
            member: member.map(|m| (m.id, m.level)),
        });
    }
}

fn suggestion_rows(
    sheet: &Sheet,
    by_no: &HashMap<String, Option<usize>>,
    members: &MemberIndex<'_>,
    sessions: &mut [NewSession],
    out: &mut Checked,
) {
    let mut found = Found {
        sheet: LedgerSheet::Suggestions,
        into: out,
    };
    for row in rows(sheet) {
        let n = row.number;
        let session = session_of(&row, by_no, &mut found);
        let text_ = text(&mut found, n, SUGGESTION, row.get(SUGGESTION), 2000, true).flatten();
        let proposer = match row.get(PROPOSER) {
            "" => Some(None),
            typed => match members.find(typed) {
                Ok(m) => Some(Some(m.id)),
                Err(message) => {
                    found.add(n, PROPOSER, typed, message);
                    None
                }
            },
        };
        let department = text(&mut found, n, DEPARTMENT, row.get(DEPARTMENT), 64, false);
        let adoption = optional_choice(&mut found, &row, ADOPTION, Adoption::ALL, Adoption::code);
        let conversion = optional_choice(
            &mut found,
            &row,
            CONVERSION,
            Conversion::ALL,
            Conversion::code,
        );
        let (
            Some(Some(i)),
            Some(text),
            Some(proposer),
            Some(lead_department),
            Some(adoption),
            Some(conversion),
        ) = (session, text_, proposer, department, adoption, conversion)
        else {
            continue;
        };
        sessions[i].suggestions.push(NewSuggestion {
            text,
            proposer,
            lead_department,
            adoption,
            conversion,
        });
    }
}

fn problem_rows(
    sheet: &Sheet,
    by_no: &HashMap<String, Option<usize>>,
    cx: &Context,
    sessions: &mut [NewSession],
    out: &mut Checked,
) {
    let mut found = Found {
        sheet: LedgerSheet::Problems,
        into: out,
    };
    for row in rows(sheet) {
        let n = row.number;
        let session = session_of(&row, by_no, &mut found);
        let description = text(&mut found, n, PROBLEM, row.get(PROBLEM), 1000, true).flatten();
        let resolution = text(&mut found, n, RESOLUTION, row.get(RESOLUTION), 1000, false);
        let held_on = session
            .flatten()
            .map(|i| sessions[i].fields.time.start().date());
        let resolved_on = match row.get(RESOLVED_ON) {
            "" => Some(None),
            typed => match ledger_time(typed) {
                Some((t, _)) if t.date() > cx.now.date() => {
                    found.add(n, RESOLVED_ON, typed, T::LedgerInFuture);
                    None
                }
                Some((t, _)) if held_on.is_some_and(|h| t.date() < h) => {
                    found.add(n, RESOLVED_ON, typed, T::LedgerResolvedBeforeSession);
                    None
                }
                Some((t, _)) => Some(Some(t.date())),
                None => {
                    found.add(n, RESOLVED_ON, typed, T::LedgerNotATime);
                    None
                }
            },
        };
        if matches!(resolved_on, Some(Some(_))) && matches!(resolution, Some(None)) {
            found.add(n, RESOLUTION, "", T::LedgerResolutionRequired);
            continue;
        }
        let (Some(Some(i)), Some(description), Some(resolution), Some(resolved_on)) =
            (session, description, resolution, resolved_on)
        else {
            continue;
        };
        sessions[i].problems.push(NewProblem {
            description,
            resolved_on,
            resolution,
        });
    }
}

/// A text cell: `Some(None)` when empty and optional; `None` when refused (noted).
fn text(
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

fn optional_choice<L: Label>(
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
struct PlatformIndex<'a> {
    by_name: HashMap<&'a str, Vec<&'a PlatformRef>>,
    by_id: HashMap<i64, &'a PlatformRef>,
}

impl<'a> PlatformIndex<'a> {
    fn new(all: &'a [PlatformRef]) -> Self {
        let mut by_name: HashMap<&str, Vec<&PlatformRef>> = HashMap::new();
        for p in all {
            by_name.entry(p.name.trim()).or_default().push(p);
        }
        Self {
            by_name,
            by_id: all.iter().map(|p| (p.id, p)).collect(),
        }
    }

    fn find(&self, typed: &str) -> Result<&'a PlatformRef, T> {
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
struct MemberIndex<'a> {
    by_name: HashMap<&'a str, Vec<&'a MemberRef>>,
    by_username: HashMap<&'a str, &'a MemberRef>,
}

impl<'a> MemberIndex<'a> {
    fn new(all: &'a [MemberRef]) -> Self {
        let mut by_name: HashMap<&str, Vec<&MemberRef>> = HashMap::new();
        for m in all {
            by_name.entry(m.name.as_str()).or_default().push(m);
        }
        Self {
            by_name,
            by_username: all.iter().map(|m| (m.username.as_str(), m)).collect(),
        }
    }

    fn find(&self, typed: &str) -> Result<&'a MemberRef, T> {
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
