//! The sheets that hang off the 活动台账 by its 活动编号: people, suggestions and problems.

use std::collections::{HashMap, HashSet};

use super::{
    cells::Sheet,
    check::{
        optional_choice, rows, text, Checked, Context, Found, NewPerson, NewProblem, NewSession,
        NewSuggestion, Row,
    },
    columns::*,
    lookup::{choose, ledger_time, MemberIndex},
};
use model::{
    domain::{Adoption, Conversion, Mobile, PersonName, PersonNameError, RegistrationRole},
    i18n::T,
    views::ledger::LedgerSheet,
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

pub(super) fn people_rows(
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

pub(super) fn suggestion_rows(
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

pub(super) fn problem_rows(
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
