//! The roster of a session recorded afterwards, typed or pasted from the paper sign-in sheet or
//! a spreadsheet: one person per line, their name, then optionally their role (居民, 委员, 专家 …)
//! and mobile number, separated by spaces, commas or tabs. A line without a role is a resident.

use crate::{
    domain::{Mobile, PersonName, PersonNameError, RegistrationRole},
    i18n::{Label, Lang, T},
};

/// The most people one roster may list.
pub const MAX_PEOPLE: usize = 2000;

/// One line of the roster, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterLine {
    /// Its line number, from 1, as the form shows it.
    pub line: usize,
    pub name: PersonName,
    pub role: RegistrationRole,
    pub mobile: Option<Mobile>,
}

/// A roster read: the people of its good lines, and what is wrong with the others (by line
/// number), so every mistake can be shown at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    pub people: Vec<RosterLine>,
    pub wrong: Vec<(usize, T)>,
}

/// What is wrong with a roster as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterError {
    Empty,
    TooMany,
}

/// Names people write for a role besides its label (群众 for 居民, 委员 for 政协委员 …).
fn role_named(word: &str) -> Option<RegistrationRole> {
    use RegistrationRole as R;
    let alias = match word {
        "群众" | "村民" | "社区居民" => Some(R::Resident),
        "委员" => Some(R::Member),
        "村干部" | "社区干部" => Some(R::VillageCadre),
        "记录员" => Some(R::Recorder),
        "代表" => Some(R::NpcDeputy),
        _ => None,
    };
    alias.or_else(|| {
        R::ALL
            .iter()
            .copied()
            .find(|r| r.label(Lang::Zh) == word || r.label(Lang::En).eq_ignore_ascii_case(word))
    })
}

fn looks_like_number(word: &str) -> bool {
    word.len() >= 7
        && word
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'+')
}

/// Reads one non-blank line: its words that are a role or a number, and the rest as the name
/// (so "John Smith" stays one name).
fn read_line(text: &str) -> Result<(PersonName, RegistrationRole, Option<Mobile>), T> {
    let mut role = None;
    let mut mobile = None;
    let mut name = Vec::new();
    let words = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
        .filter(|w| !w.is_empty());
    for word in words {
        // The country code, written apart from the number.
        if word == "+86" {
            continue;
        }
        if let Some(r) = role_named(word) {
            if role.replace(r).is_some() {
                return Err(T::RosterTwoRoles);
            }
        } else if looks_like_number(word) {
            let digits: String = word.chars().filter(char::is_ascii_digit).collect();
            let digits = digits
                .strip_prefix("86")
                .filter(|d| d.len() == 11)
                .unwrap_or(&digits);
            let parsed = Mobile::parse(digits).map_err(|_| T::MobileMalformed)?;
            if mobile.replace(parsed).is_some() {
                return Err(T::RosterTwoNumbers);
            }
        } else {
            name.push(word);
        }
    }
    let name = PersonName::parse(&name.join(" ")).map_err(|e| match e {
        PersonNameError::Empty => T::RosterNoName,
        PersonNameError::TooLong => T::TooLong,
        PersonNameError::Unprintable => T::NameUnprintable,
    })?;
    Ok((name, role.unwrap_or(RegistrationRole::Resident), mobile))
}

/// Reads a roster, reporting every line that is wrong (blank lines are skipped). One number
/// may stand on one line only: it is one person's.
pub fn parse(text: &str) -> Result<Roster, RosterError> {
    let mut people = Vec::new();
    let mut wrong = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if people.len() + wrong.len() >= MAX_PEOPLE {
            return Err(RosterError::TooMany);
        }
        match read_line(line) {
            Ok((name, role, mobile)) => {
                let repeated = mobile.as_ref().is_some_and(|m| {
                    people
                        .iter()
                        .any(|p: &RosterLine| p.mobile.as_ref() == Some(m))
                });
                if repeated {
                    wrong.push((i + 1, T::RosterNumberRepeated));
                } else {
                    people.push(RosterLine {
                        line: i + 1,
                        name,
                        role,
                        mobile,
                    });
                }
            }
            Err(e) => wrong.push((i + 1, e)),
        }
    }
    if people.is_empty() && wrong.is_empty() {
        return Err(RosterError::Empty);
    }
    Ok(Roster { people, wrong })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_roles_and_numbers_in_any_order() {
        let roster = parse(
            "张建国 13800138000\n\n李秀英，委员\n王 芳\t专家\t+86 139-0013-9000\nJohn Smith, Resident\n",
        )
        .unwrap();
        assert!(roster.wrong.is_empty());
        let read: Vec<(usize, &str, RegistrationRole, Option<&str>)> = roster
            .people
            .iter()
            .map(|p| {
                (
                    p.line,
                    p.name.as_str(),
                    p.role,
                    p.mobile.as_ref().map(|m| m.as_str()),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (1, "张建国", RegistrationRole::Resident, Some("13800138000")),
                (3, "李秀英", RegistrationRole::Member, None),
                (4, "王 芳", RegistrationRole::Expert, Some("13900139000")),
                (5, "John Smith", RegistrationRole::Resident, None),
            ]
        );
    }

    #[test]
    fn every_wrong_line_is_named() {
        let read =
            parse("居民\n张三 12345678901\n李四 居民 专家\n王五 13800138000\n赵六 13800138000")
                .unwrap();
        assert_eq!(
            read.wrong,
            [
                (1, T::RosterNoName),
                (2, T::MobileMalformed),
                (3, T::RosterTwoRoles),
                (5, T::RosterNumberRepeated),
            ]
        );
        assert_eq!(read.people.len(), 1);
        assert_eq!(read.people[0].line, 4);
        assert_eq!(parse(" \n\t\n"), Err(RosterError::Empty));
        assert_eq!(
            parse(&"张三\n".repeat(MAX_PEOPLE + 1)),
            Err(RosterError::TooMany)
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,400}|([\\p{Han}]{1,4}[ ,，\t](委员|居民|专家)?[ ]?(1[3-9][0-9]{9})?\n){0,20}") {
            if let Ok(read) = parse(&text) {
                let lines = read.people.len() + read.wrong.len();
                proptest::prop_assert!(lines > 0 && lines <= MAX_PEOPLE);
                for p in &read.people {
                    proptest::prop_assert!(!p.name.as_str().trim().is_empty());
                    proptest::prop_assert!(!read.wrong.iter().any(|(n, _)| *n == p.line));
                }
            }
        }
    }
}
