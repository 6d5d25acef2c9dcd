//! A session's editable fields, parsed once for creating and changing.

use chrono::NaiveDateTime;

use crate::web::forms::FieldErrors;
use crate::{
    domain::{
        parse_local_datetime, DateTimeError, RegistrationRole, RequiredText, Seats, SeatsError,
        SessionFormat, SessionKind, TimeRange, TimeRangeError,
    },
    i18n::T,
    views::organizing::SessionFields,
};

/// What the form sent, as typed, in the order of the form.
pub struct RawSessionFields<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub kind: &'a str,
    pub format: &'a str,
    pub format_local_name: &'a str,
    pub place: &'a str,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
    pub seats: &'a str,
    pub signup_deadline: &'a str,
    pub checkin_lead: &'a str,
    /// The invited roles' codes, joined by commas (the form sends one value per ticked box).
    pub invited: &'a str,
    /// The co-hosting platforms' ids, joined by commas.
    pub coorganizers: &'a str,
}

impl RawSessionFields<'_> {
    pub fn keep(&self) -> [(&str, &str); 13] {
        [
            ("title", self.title),
            ("summary", self.summary),
            ("kind", self.kind),
            ("format", self.format),
            ("format_local_name", self.format_local_name),
            ("place", self.place),
            ("starts_at", self.starts_at),
            ("ends_at", self.ends_at),
            ("seats", self.seats),
            ("signup_deadline", self.signup_deadline),
            ("checkin_lead", self.checkin_lead),
            ("invited", self.invited),
            ("coorganizers", self.coorganizers),
        ]
    }

    /// The co-hosts ticked, each one of `allowed` (the platforms the form offered).
    fn coorganizers(&self, allowed: &[i64], errors: &mut FieldErrors) -> Vec<i64> {
        let mut chosen = Vec::new();
        for typed in self.coorganizers.split(',').filter(|c| !c.is_empty()) {
            match typed.parse::<i64>().ok().filter(|id| allowed.contains(id)) {
                Some(id) if !chosen.contains(&id) => chosen.push(id),
                Some(_) => {}
                None => errors.add("coorganizers", T::ChooseOne),
            }
        }
        chosen
    }

    /// Parses the fields every session has, planned or recorded afterwards: the time on its
    /// own (so its own checks run whatever else is wrong), and all of them.
    fn basics(&self, errors: &mut FieldErrors) -> (Option<TimeRange>, Option<Basics>) {
        let title = errors.check("title", RequiredText::parse_line(self.title, 64), T::from);
        let summary = errors.check(
            "summary",
            RequiredText::parse_optional(self.summary, 2000),
            T::from,
        );
        let local = errors.check(
            "format_local_name",
            RequiredText::parse_line_optional(self.format_local_name, 16),
            T::from,
        );
        let place = errors.check("place", RequiredText::parse_line(self.place, 128), T::from);
        let kind = SessionKind::from_code(self.kind);
        if kind.is_none() {
            errors.add("kind", T::ChooseOne);
        }
        let format = SessionFormat::from_code(self.format);
        if format.is_none() {
            errors.add("format", T::ChooseOne);
        }
        let start = errors.check("starts_at", parse_local_datetime(self.starts_at), when);
        let end = errors.check("ends_at", parse_local_datetime(self.ends_at), when);
        let time = match (start, end) {
            (Some(s), Some(e)) => errors.check("ends_at", TimeRange::new(s, e), |e| match e {
                TimeRangeError::EndNotAfterStart => T::EndBeforeStart,
                TimeRangeError::TooLong => T::SessionTooLong,
            }),
            _ => None,
        };
        let all = (|| {
            Some(Basics {
                title: title?.into_inner(),
                summary: summary?.map(|s| s.into_inner()).unwrap_or_default(),
                kind: kind?,
                format: format?,
                format_local_name: local?.map(|s| s.into_inner()),
                place: place?.into_inner(),
                time: time?,
            })
        })();
        (time, all)
    }

    /// Parses every field of a planned session, collecting every error; `now` refuses times in
    /// the past, and co-hosts must be among `cohosts`.
    pub fn parse(
        &self,
        now: NaiveDateTime,
        cohosts: &[i64],
        errors: &mut FieldErrors,
    ) -> Option<SessionFields> {
        let coorganizers = self.coorganizers(cohosts, errors);
        let (time, basics) = self.basics(errors);
        if time.is_some_and(|t| t.start() <= now) {
            errors.add("starts_at", T::StartInPast);
        }
        let seats = errors.check("seats", Seats::parse(self.seats), |e| match e {
            SeatsError::NotANumber => T::SeatsNotANumber,
            SeatsError::OutOfRange => T::SeatsRange,
        });
        let deadline = errors.check(
            "signup_deadline",
            parse_local_datetime(self.signup_deadline),
            when,
        );
        if let (Some(d), Some(t)) = (deadline, time) {
            if d > t.start() {
                errors.add("signup_deadline", T::DeadlineAfterStart);
            }
        }
        // Unsent, check-in opens half an hour before (the form always sends a choice).
        let lead = match self.checkin_lead.trim() {
            "" => Some(30),
            typed => typed
                .parse::<i64>()
                .ok()
                .filter(|m| crate::domain::CHECKIN_LEADS.contains(m)),
        };
        if lead.is_none() {
            errors.add("checkin_lead", T::ChooseOne);
        }
        let mut invited = Vec::new();
        for code in self.invited.split(',').filter(|c| !c.is_empty()) {
            match RegistrationRole::from_code(code) {
                Some(role) if !invited.contains(&role) => invited.push(role),
                Some(_) => {}
                None => errors.add("invited", T::ChooseOne),
            }
        }
        let b = basics?;
        Some(SessionFields {
            title: b.title,
            summary: b.summary,
            kind: b.kind,
            format: b.format,
            format_local_name: b.format_local_name,
            place: b.place,
            time: b.time,
            seats: seats?,
            signup_deadline: deadline?,
            invited,
            checkin_lead_minutes: lead?,
            coorganizers,
        })
        .filter(|_| errors.is_empty())
    }

    /// Parses a session recorded afterwards, attended by `people`: it must have started by
    /// `now`; sign-up and check-in do not apply (its seats are the people who came).
    pub fn parse_held(
        &self,
        now: NaiveDateTime,
        people: usize,
        cohosts: &[i64],
        errors: &mut FieldErrors,
    ) -> Option<SessionFields> {
        let coorganizers = self.coorganizers(cohosts, errors);
        let (time, basics) = self.basics(errors);
        if time.is_some_and(|t| t.start() > now) {
            errors.add("starts_at", T::HeldMustBePast);
        }
        let seats = Seats::new(u32::try_from(people.max(1)).unwrap_or(Seats::MAX)).ok()?;
        let b = basics?;
        Some(SessionFields {
            signup_deadline: b.time.start(),
            title: b.title,
            summary: b.summary,
            kind: b.kind,
            format: b.format,
            format_local_name: b.format_local_name,
            place: b.place,
            time: b.time,
            seats,
            invited: Vec::new(),
            checkin_lead_minutes: 0,
            coorganizers,
        })
        .filter(|_| errors.is_empty())
    }
}

/// The fields every session has.
struct Basics {
    title: String,
    summary: String,
    kind: SessionKind,
    format: SessionFormat,
    format_local_name: Option<String>,
    place: String,
    time: TimeRange,
}

fn when(e: DateTimeError) -> T {
    match e {
        DateTimeError::Empty => T::Required,
        DateTimeError::Malformed => T::DateTimeMalformed,
    }
}
