//! Every text message the product sends a resident, in one place: what each says, in each
//! language, with times written one way (2026年11月21日（周六）14:30). Storage queues a `Message`
//! value (`backend::repo::outbox::queue`); it never writes a message's text itself.

use chrono::NaiveDateTime;

use crate::{
    domain::code_enum::code_enum,
    i18n::{fmt_datetime, Lang},
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

/// A message owed to one person, with what its text needs.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        }
    }

    /// The values a provider's approved template is filled with, by name: `title`, `time`
    /// (2026年11月21日（周六）14:30), `place`, `code`, `reason`.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let when = |t: &NaiveDateTime| fmt_datetime(*t, Lang::Zh);
        match self {
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
        }
    }

    /// The text, as the person's phone shows it.
    pub fn body(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }

    fn zh(&self) -> String {
        let when = |t: &NaiveDateTime| fmt_datetime(*t, Lang::Zh);
        match self {
            Self::Confirmation {
                title,
                starts_at,
                place,
                code,
            } => format!(
                "【议事通】您已报名“{title}”，{}，地点：{place}。报名码 {code}。",
                when(starts_at)
            ),
            Self::Waitlisted { title, code } => format!(
                "【议事通】“{title}”名额已满，您已进入候补名单，有空位时将通知您。报名码 {code}。"
            ),
            Self::Promoted { title, code } => {
                format!("【议事通】“{title}”有空位，您已由候补转为正式报名。报名码 {code}。")
            }
            Self::Reminder {
                title,
                starts_at,
                place,
            } => format!(
                "【议事通】提醒：您报名的“{title}”将于 {} 在 {place} 举行，请凭报名码签到。",
                when(starts_at)
            ),
            Self::Changed {
                title,
                starts_at,
                place,
            } => format!(
                "【议事通】您报名的“{title}”有变更：时间 {}，地点 {place}。如不能参加，请打开报名链接取消。",
                when(starts_at)
            ),
            Self::Postponed {
                title,
                starts_at,
                reason,
            } => format!(
                "【议事通】您报名的“{title}”改期至 {}。原因：{reason}。如不能参加，请打开报名链接取消。",
                when(starts_at)
            ),
            Self::Cancelled { title, reason } => {
                format!("【议事通】很抱歉，“{title}”已取消。原因：{reason}。")
            }
        }
    }

    fn en(&self) -> String {
        let when = |t: &NaiveDateTime| fmt_datetime(*t, Lang::En);
        match self {
            Self::Confirmation {
                title,
                starts_at,
                place,
                code,
            } => format!(
                "[Yishitong] You are signed up for \"{title}\", {}, at {place}. Code {code}.",
                when(starts_at)
            ),
            Self::Waitlisted { title, code } => format!(
                "[Yishitong] \"{title}\" is full; you are on the waiting list and will be told when a place frees up. Code {code}."
            ),
            Self::Promoted { title, code } => format!(
                "[Yishitong] A place came free in \"{title}\": you are now signed up. Code {code}."
            ),
            Self::Reminder {
                title,
                starts_at,
                place,
            } => format!(
                "[Yishitong] Reminder: \"{title}\" is on {} at {place}. Show your code at the door.",
                when(starts_at)
            ),
            Self::Changed {
                title,
                starts_at,
                place,
            } => format!(
                "[Yishitong] \"{title}\" has changed: {} at {place}. If you cannot come, cancel from your sign-up link.",
                when(starts_at)
            ),
            Self::Postponed {
                title,
                starts_at,
                reason,
            } => format!(
                "[Yishitong] \"{title}\" moves to {}. Reason: {reason}. If you cannot come, cancel from your sign-up link.",
                when(starts_at)
            ),
            Self::Cancelled { title, reason } => {
                format!("[Yishitong] We are sorry: \"{title}\" is cancelled. Reason: {reason}.")
            }
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

    #[test]
    fn every_time_is_written_as_people_there_read_it() {
        let sent = Message::Confirmation {
            title: "加装电梯协商".into(),
            starts_at: at(),
            place: "社区议事厅".into(),
            code: "AB23CD45".into(),
        };
        assert_eq!(
            sent.body(Lang::Zh),
            "【议事通】您已报名“加装电梯协商”，2026年11月21日（周六）14:30，地点：社区议事厅。报名码 AB23CD45。"
        );
        assert!(sent.body(Lang::En).contains("Sat 21 Nov 2026, 14:30"));
        for m in [
            Message::Reminder {
                title: "t".into(),
                starts_at: at(),
                place: "p".into(),
            },
            Message::Changed {
                title: "t".into(),
                starts_at: at(),
                place: "p".into(),
            },
            Message::Postponed {
                title: "t".into(),
                starts_at: at(),
                reason: "r".into(),
            },
        ] {
            assert!(
                m.body(Lang::Zh).contains("2026年11月21日（周六）14:30"),
                "{m:?}"
            );
            assert!(!m.body(Lang::Zh).contains("2026-11-21"), "{m:?}");
        }
    }

    #[test]
    fn each_message_has_its_stored_kind() {
        let postponed = Message::Postponed {
            title: "t".into(),
            starts_at: at(),
            reason: "r".into(),
        };
        assert_eq!(postponed.kind(), MessageKind::Changed);
        let cancelled = Message::Cancelled {
            title: "t".into(),
            reason: "r".into(),
        };
        assert_eq!(cancelled.kind().code(), "cancelled");
        assert_eq!(
            MessageKind::from_code("waitlisted"),
            Some(MessageKind::Waitlisted)
        );
    }
}
