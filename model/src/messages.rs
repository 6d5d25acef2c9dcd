//! Every text message the product sends, in one place: what each says, in each language, with
//! times written as people there read them (11月21日（周六）14:30). Storage queues a `Message`
//! value (`store::repo::outbox::queue`) and keeps it; the text is written when the message is
//! sent, with the link the deployment is reached at, and made to fit one SMS segment where it can.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::{
    domain::code_enum::code_enum,
    i18n::{fmt_date, fmt_datetime_short, Lang},
};

code_enum!(
    /// What a message is about, as the outbox stores it (the schema's CHECK allows these).
    MessageKind {
        Confirmation = "confirmation",
        Waitlisted = "waitlisted",
        Promoted = "promoted",
        Reminder = "reminder",
        /// The time or place changed, including a move to another time.
        Changed = "changed",
        Cancelled = "cancelled",
        /// The one-time code of 查询我的报名.
        LookupCode = "lookup_code",
        /// A session's results are published: those who attended are told, and asked to rate.
        Results = "results",
        /// A suggestion passed its deadline unresolved: its lead department and the organizer.
        Overdue = "overdue",
    }
);

code_enum!(
    /// Where a message stands with its sender (the schema's CHECK allows these).
    DeliveryState {
        /// Not tried yet.
        Queued = "queued",
        Sent = "sent",
        /// Tried and failed; tried again after a pause.
        Failed = "failed",
        /// Failed too often, refused for good, or its number erased: never tried again.
        GivenUp = "given_up",
    }
);

// How each kind and state reads, here beside them: the texts module does not reach up into
// this one.
impl crate::i18n::Label for MessageKind {
    fn pair(self) -> (&'static str, &'static str) {
        use MessageKind as K;
        match self {
            K::Confirmation => ("报名确认", "Confirmation"),
            K::Waitlisted => ("候补通知", "Waiting list"),
            K::Promoted => ("候补转正", "Off the waiting list"),
            K::Reminder => ("活动提醒", "Reminder"),
            K::Changed => ("变更通知", "Change"),
            K::Cancelled => ("取消通知", "Cancellation"),
            K::LookupCode => ("查询验证码", "Look-up code"),
            K::Results => ("结果反馈", "Results"),
            K::Overdue => ("超期提醒", "Overdue notice"),
        }
    }
}

impl crate::i18n::Label for DeliveryState {
    fn pair(self) -> (&'static str, &'static str) {
        use DeliveryState as D;
        match self {
            D::Queued => ("排队中", "Waiting"),
            D::Sent => ("已发送", "Sent"),
            D::Failed => ("失败待重试", "Failed, will retry"),
            D::GivenUp => ("未能发送", "Not sent"),
        }
    }
}

/// A message owed to one person, with what its text needs. Kept with the queued message (as
/// JSON), so its text is written when it is sent, in the reader's language and with the link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Message {
    /// Signed up with a seat.
    Confirmation {
        title: String,
        starts_at: NaiveDateTime,
        place: String,
        code: String,
    },
    /// Signed up on the waiting list.
    Waitlisted { title: String, code: String },
    /// Moved from the waiting list to a seat.
    Promoted { title: String, code: String },
    /// The session starts within a day.
    Reminder {
        title: String,
        starts_at: NaiveDateTime,
        place: String,
    },
    /// The organizer changed the time or the place.
    Changed {
        title: String,
        starts_at: NaiveDateTime,
        place: String,
    },
    /// The organizer moved the session to another time, for a reason.
    Postponed {
        title: String,
        starts_at: NaiveDateTime,
        reason: String,
    },
    /// The organizer cancelled the session, for a reason.
    Cancelled { title: String, reason: String },
    /// The one-time code that proves a number (查询我的报名).
    LookupCode { code: String },
    /// The results of a session the person attended are published.
    Results { title: String },
    /// A suggestion of a session passed its deadline unresolved.
    Overdue {
        title: String,
        suggestion: String,
        deadline: NaiveDate,
    },
}

/// How many minutes a look-up code is accepted; its text says so.
pub const LOOKUP_CODE_MINUTES: i64 = 10;

/// The shortest a title, place, reason or suggestion is cut to when a text is made to fit one
/// segment: shorter, it would no longer say which session it is about.
const SHORTEST_FIELD: usize = 6;

/// How many segments a provider bills a text as: 70 characters in one when any is Chinese
/// (UCS-2), 67 each when longer; plain ASCII 160, then 153 each.
pub fn segments(text: &str) -> usize {
    let plain = text.chars().all(|c| c.is_ascii() && !c.is_ascii_control());
    let (one, each) = if plain { (160, 153) } else { (70, 67) };
    let units = if plain {
        text.len()
    } else {
        text.encode_utf16().count()
    };
    if units <= one {
        1
    } else {
        units.div_ceil(each)
    }
}

/// `text` cut to `most` characters, the last being "…".
fn cut(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(most.saturating_sub(1)).collect();
    short.push('…');
    short
}

impl Message {
    pub fn kind(&self) -> MessageKind {
        match self {
            Self::Confirmation { .. } => MessageKind::Confirmation,
            Self::Waitlisted { .. } => MessageKind::Waitlisted,
            Self::Promoted { .. } => MessageKind::Promoted,
            Self::Reminder { .. } => MessageKind::Reminder,
            Self::Changed { .. } | Self::Postponed { .. } => MessageKind::Changed,
            Self::Cancelled { .. } => MessageKind::Cancelled,
            Self::LookupCode { .. } => MessageKind::LookupCode,
            Self::Results { .. } => MessageKind::Results,
            Self::Overdue { .. } => MessageKind::Overdue,
        }
    }

    /// The values a provider's approved template is filled with, by name: `title`, `time`
    /// (11月21日（周六）14:30), `place`, `code`, `reason`, `suggestion`, `deadline`, and `link`
    /// when there is one.
    pub fn params(&self, lang: Lang, link: Option<&str>) -> Vec<(&'static str, String)> {
        let when = |t: &NaiveDateTime| fmt_datetime_short(*t, lang);
        let mut params = match self {
            Self::Confirmation {
                title,
                starts_at,
                place,
                code,
            } => vec![
                ("title", title.clone()),
                ("time", when(starts_at)),
                ("place", place.clone()),
                ("code", code.clone()),
            ],
            Self::Waitlisted { title, code } | Self::Promoted { title, code } => {
                vec![("title", title.clone()), ("code", code.clone())]
            }
            Self::Reminder {
                title,
                starts_at,
                place,
            }
            | Self::Changed {
                title,
                starts_at,
                place,
            } => vec![
                ("title", title.clone()),
                ("time", when(starts_at)),
                ("place", place.clone()),
            ],
            Self::Postponed {
                title,
                starts_at,
                reason,
            } => vec![
                ("title", title.clone()),
                ("time", when(starts_at)),
                ("reason", reason.clone()),
            ],
            Self::Cancelled { title, reason } => {
                vec![("title", title.clone()), ("reason", reason.clone())]
            }
            Self::LookupCode { code } => vec![("code", code.clone())],
            Self::Results { title } => vec![("title", title.clone())],
            Self::Overdue {
                title,
                suggestion,
                deadline,
            } => vec![
                ("title", title.clone()),
                ("suggestion", suggestion.clone()),
                ("deadline", fmt_date(*deadline, lang)),
            ],
        };
        if let Some(link) = link {
            params.push(("link", link.to_owned()));
        }
        params
    }

    /// The text as the person's phone shows it, ending with `link`. Where the whole text would
    /// take more than one segment, the free texts in it (title, place, reason, suggestion) are
    /// cut, each to no fewer than a few characters, and then the weekday is left out; the link
    /// and the facts are never cut, so a text that still cannot fit goes as several segments
    /// (see [`segments`]).
    pub fn text(&self, lang: Lang, link: Option<&str>) -> String {
        let longest = self
            .free_texts()
            .into_iter()
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(0)
            .max(SHORTEST_FIELD);
        [false, true]
            .into_iter()
            .flat_map(|brief| {
                (SHORTEST_FIELD..=longest)
                    .rev()
                    .map(move |most| (brief, most))
            })
            .map(|(brief, most)| self.written(lang, link, most, brief))
            .find(|t| segments(t) == 1)
            .unwrap_or_else(|| self.written(lang, link, SHORTEST_FIELD, true))
    }

    fn free_texts(&self) -> Vec<&str> {
        match self {
            Self::Confirmation { title, place, .. }
            | Self::Reminder { title, place, .. }
            | Self::Changed { title, place, .. } => vec![title, place],
            Self::Postponed { title, reason, .. } | Self::Cancelled { title, reason } => {
                vec![title, reason]
            }
            Self::Waitlisted { title, .. }
            | Self::Promoted { title, .. }
            | Self::Results { title } => vec![title],
            Self::Overdue { suggestion, .. } => vec![suggestion],
            Self::LookupCode { .. } => vec![],
        }
    }

    /// The text with every free text cut to `most` characters, and without the weekday when
    /// `brief`.
    fn written(&self, lang: Lang, link: Option<&str>, most: usize, brief: bool) -> String {
        let mut text = match lang {
            Lang::Zh => self.zh(link.is_some(), most, brief),
            Lang::En => self.en(link.is_some(), most, brief),
        };
        if let Some(link) = link {
            if lang == Lang::En {
                text.push(' ');
            }
            text.push_str(link);
        }
        text
    }

    fn zh(&self, linked: bool, most: usize, brief: bool) -> String {
        let c = |t: &str| cut(t, most);
        let when = |t: &NaiveDateTime| match brief {
            false => fmt_datetime_short(*t, Lang::Zh),
            true => t.format("%-m月%-d日%H:%M").to_string(),
        };
        // With a link, the registration code is in it (…/r/CODE): the text need not repeat it.
        let code = |code: &str| match linked {
            true => String::new(),
            false => format!("报名码{code}。"),
        };
        match self {
            Self::Confirmation {
                title,
                starts_at,
                place,
                code: k,
            } => format!(
                "【议事通】已报名“{}”，{}，{}。{}",
                c(title),
                when(starts_at),
                c(place),
                code(k)
            ),
            Self::Waitlisted { title, code: k } => format!(
                "【议事通】“{}”名额已满，您在候补名单中，有空位会通知您。{}",
                c(title),
                code(k)
            ),
            Self::Promoted { title, code: k } => format!(
                "【议事通】“{}”有空位了，您已由候补转为正式报名。{}",
                c(title),
                code(k)
            ),
            Self::Reminder {
                title,
                starts_at,
                place,
            } => format!(
                "【议事通】提醒：“{}”{}在{}举行。",
                c(title),
                when(starts_at),
                c(place)
            ),
            Self::Changed {
                title,
                starts_at,
                place,
            } => format!(
                "【议事通】“{}”有变更：{}，{}。",
                c(title),
                when(starts_at),
                c(place)
            ),
            Self::Postponed {
                title,
                starts_at,
                reason,
            } => format!(
                "【议事通】因{}，“{}”改期至{}。",
                c(reason),
                c(title),
                when(starts_at)
            ),
            Self::Cancelled { title, reason } => format!(
                "【议事通】很抱歉，“{}”已取消，原因：{}。",
                c(title),
                c(reason)
            ),
            Self::LookupCode { code } => format!(
                "【议事通】验证码{code}，用于查询您的报名，{LOOKUP_CODE_MINUTES}分钟内有效。如非本人操作，请忽略。"
            ),
            Self::Results { title } => format!(
                "【议事通】您参加的“{}”已公布协商结果，欢迎查看并评价。",
                c(title)
            ),
            Self::Overdue {
                suggestion,
                deadline,
                ..
            } => format!(
                "【议事通】意见建议“{}”已超期（{}），请办理并反馈。",
                c(suggestion),
                deadline.format("%-m月%-d日")
            ),
        }
    }

    fn en(&self, linked: bool, most: usize, brief: bool) -> String {
        let c = |t: &str| cut(t, most);
        let when = |t: &NaiveDateTime| match brief {
            false => fmt_datetime_short(*t, Lang::En),
            true => t.format("%-d %b, %H:%M").to_string(),
        };
        let code = |code: &str| match linked {
            true => String::new(),
            false => format!(" Code {code}."),
        };
        match self {
            Self::Confirmation {
                title,
                starts_at,
                place,
                code: k,
            } => format!(
                "[Yishitong] Signed up: \"{}\", {}, {}.{}",
                c(title),
                when(starts_at),
                c(place),
                code(k)
            ),
            Self::Waitlisted { title, code: k } => format!(
                "[Yishitong] \"{}\" is full; you are on the waiting list and will be told when a place frees up.{}",
                c(title),
                code(k)
            ),
            Self::Promoted { title, code: k } => format!(
                "[Yishitong] A place came free in \"{}\": you are now signed up.{}",
                c(title),
                code(k)
            ),
            Self::Reminder {
                title,
                starts_at,
                place,
            } => format!(
                "[Yishitong] Reminder: \"{}\" is on {} at {}.",
                c(title),
                when(starts_at),
                c(place)
            ),
            Self::Changed {
                title,
                starts_at,
                place,
            } => format!(
                "[Yishitong] \"{}\" has changed: {}, {}.",
                c(title),
                when(starts_at),
                c(place)
            ),
            Self::Postponed {
                title,
                starts_at,
                reason,
            } => format!(
                "[Yishitong] \"{}\" moves to {}. Reason: {}.",
                c(title),
                when(starts_at),
                c(reason)
            ),
            Self::Cancelled { title, reason } => format!(
                "[Yishitong] We are sorry: \"{}\" is cancelled. Reason: {}.",
                c(title),
                c(reason)
            ),
            Self::LookupCode { code } => format!(
                "[Yishitong] Your code is {code}, to look up your sign-ups; it works for {LOOKUP_CODE_MINUTES} minutes. If you did not ask for it, ignore this."
            ),
            Self::Results { title } => format!(
                "[Yishitong] The results of \"{}\", which you attended, are published. See them and tell us what you think.",
                c(title)
            ),
            Self::Overdue {
                suggestion,
                deadline,
                ..
            } => format!(
                "[Yishitong] The suggestion \"{}\" passed its deadline ({}). Please act on it and report back.",
                c(suggestion),
                deadline.format("%-d %b")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(14, 30, 0)
            .unwrap()
    }

    const LINK: &str = "https://yst.example.cn/r/AB23CD45";

    fn every_kind(title: &str, free: &str) -> Vec<Message> {
        let code = || "AB23CD45".to_owned();
        vec![
            Message::Confirmation {
                title: title.into(),
                starts_at: at(),
                place: free.into(),
                code: code(),
            },
            Message::Waitlisted {
                title: title.into(),
                code: code(),
            },
            Message::Promoted {
                title: title.into(),
                code: code(),
            },
            Message::Reminder {
                title: title.into(),
                starts_at: at(),
                place: free.into(),
            },
            Message::Changed {
                title: title.into(),
                starts_at: at(),
                place: free.into(),
            },
            Message::Postponed {
                title: title.into(),
                starts_at: at(),
                reason: free.into(),
            },
            Message::Cancelled {
                title: title.into(),
                reason: free.into(),
            },
            Message::LookupCode {
                code: "482913".into(),
            },
            Message::Results {
                title: title.into(),
            },
            Message::Overdue {
                title: title.into(),
                suggestion: free.into(),
                deadline: at().date(),
            },
        ]
    }

    /// A look-up code belongs to no registration, so it goes without a link.
    fn link_of(m: &Message) -> Option<&'static str> {
        (m.kind() != MessageKind::LookupCode).then_some(LINK)
    }

    #[test]
    fn every_time_is_written_as_people_there_read_it() {
        let sent = Message::Confirmation {
            title: "加装电梯协商".into(),
            starts_at: at(),
            place: "社区议事厅".into(),
            code: "AB23CD45".into(),
        };
        assert_eq!(
            sent.text(Lang::Zh, None),
            "【议事通】已报名“加装电梯协商”，11月21日（周六）14:30，社区议事厅。报名码AB23CD45。"
        );
        assert_eq!(
            sent.text(Lang::Zh, Some(LINK)),
            format!("【议事通】已报名“加装电梯协商”，11月21日14:30，社区议事厅。{LINK}")
        );
        let english = Message::Reminder {
            title: "Lift for block 3".into(),
            starts_at: at(),
            place: "Community hall".into(),
        };
        assert!(english.text(Lang::En, None).contains("Sat 21 Nov, 14:30"));
        for m in every_kind("t", "p") {
            assert!(!m.text(Lang::Zh, None).contains("2026-11-21"), "{m:?}");
        }
    }

    #[test]
    fn a_usual_message_with_its_link_is_one_segment_in_both_languages() {
        // An English reader's session may have a Chinese title: the text is then billed as
        // Chinese and may take two segments; with English names it takes one.
        let usual = [
            (Lang::Zh, "加装电梯协商", "社区议事厅"),
            (Lang::En, "Lift for block 3", "Community hall"),
        ];
        for (lang, title, free) in usual {
            for m in every_kind(title, free) {
                let text = m.text(lang, link_of(&m));
                if let Some(link) = link_of(&m) {
                    assert!(text.ends_with(link), "{text}");
                }
                assert_eq!(segments(&text), 1, "{text}");
            }
        }
    }

    #[test]
    fn long_free_texts_are_cut_to_fit_and_the_link_never_is() {
        let long = "关于老旧小区加装电梯资金分摊及低层住户补偿方案的专题协商议事会";
        for m in every_kind(long, long) {
            let text = m.text(Lang::Zh, link_of(&m));
            if let Some(link) = link_of(&m) {
                assert!(text.ends_with(link), "{text}");
            }
            assert_eq!(segments(&text), 1, "{text}");
        }
        // A link too long to leave room is sent whole, over several segments.
        let huge = format!("https://{}.example.cn/r/AB23CD45", "x".repeat(40));
        let m = Message::Results { title: long.into() };
        let text = m.text(Lang::Zh, Some(&huge));
        assert!(
            text.ends_with(&huge) && text.contains("“关于老旧小…”"),
            "{text}"
        );
        assert_eq!(segments(&text), 2);
    }

    #[test]
    fn segments_are_counted_as_providers_bill_them() {
        assert_eq!(segments(&"a".repeat(160)), 1);
        assert_eq!(segments(&"a".repeat(161)), 2);
        assert_eq!(segments(&"议".repeat(70)), 1);
        assert_eq!(segments(&"议".repeat(71)), 2);
        assert_eq!(segments(&"议".repeat(134)), 2);
        assert_eq!(segments(&"议".repeat(135)), 3);
    }

    #[test]
    fn each_message_has_its_stored_kind_and_keeps_as_json() {
        let postponed = Message::Postponed {
            title: "t".into(),
            starts_at: at(),
            reason: "r".into(),
        };
        assert_eq!(postponed.kind(), MessageKind::Changed);
        for m in every_kind("t", "p") {
            let kept = serde_json::to_string(&m).unwrap();
            assert_eq!(serde_json::from_str::<Message>(&kept).unwrap(), m);
        }
        assert_eq!(
            MessageKind::from_code("waitlisted"),
            Some(MessageKind::Waitlisted)
        );
    }
}
