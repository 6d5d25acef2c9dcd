//! Where each figure's records are, written once: the count, every breakdown and the list of
//! records behind a number all read the same `FROM … WHERE …`, so a number and its list cannot
//! disagree.
//!
//! Every statement binds the same seven parameters: ?1 area path, ?2 platform type, ?3 platform,
//! ?4 first day, ?5 the day after the last, ?6 now, ?7 a dimension's value (or NULL). A
//! statement that needs fewer still names the others (`?6 IS NOT NULL`), because SQLite refuses
//! a binding its statement does not use.
//!
//! A count reads only the counted rows: each carries its tally keys (area path, platform type,
//! platform, and whether its session counts — migration 7), so a figure is one range of one
//! covering index. Lists, and splits by something only the session knows, join the rest.

use model::domain::{Dimension, Drill};

/// A platform's area on a day: where it stood before its first move after that day.
pub(super) fn platform_area(day: &str) -> String {
    format!(
        "coalesce((SELECT m.from_area_id FROM platform_moves m WHERE m.platform_id = p.id AND m.moved_on >= {day}
                   ORDER BY m.moved_on, m.id LIMIT 1), p.area_id)"
    )
}

/// A platform `p`'s type at the start of the day after the period (?5), from its history
/// (migration 13): the value before its first change on or after that day, else today's.
const PLATFORM_TYPE_AT_END: &str =
    "coalesce((SELECT c.from_type FROM platform_changes c WHERE c.platform_id = p.id
    AND c.changed_on >= ?5 ORDER BY c.changed_on, c.id LIMIT 1), p.type_code)";

/// Whether a platform `p` was active at the start of `day`, from its history as above.
pub(super) fn platform_active_on(day: &str) -> String {
    format!(
        "coalesce((SELECT c.from_status FROM platform_changes c WHERE c.platform_id = p.id
            AND c.changed_on >= {day} ORDER BY c.changed_on, c.id LIMIT 1), p.status) = 'active'"
    )
}

/// Sessions as `s`, nothing joined: the per-session sums read only these rows.
pub const SESSIONS: &str = "sessions s";
/// A session's host platform `p` and the area `a` it was held in, for listed records.
const SESSION_NAMES: &str =
    "JOIN platforms p ON p.id = s.host_platform_id JOIN areas a ON a.id = s.area_id";
/// Held within the period: started by now, neither a draft nor cancelled.
const HELD: &str = "s.status NOT IN ('draft', 'cancelled') AND s.starts_at >= ?4 AND s.starts_at < ?5 AND s.starts_at <= ?6";
pub const CONSULTATION_KINDS: &str =
    "('council', 'livelihood', 'sector', 'proposal', 'counterpart')";
const SESSION_LINK: &str = "'/manage/sessions/' || s.id || '/closing'";

/// The columns a row's scope is read from: its area path, platform type and platform.
#[derive(Clone, Copy)]
struct Keys {
    path: &'static str,
    platform_type: &'static str,
    platform: &'static str,
}

/// The keys sessions carry, and the rows counted through their session.
const SESSION_KEYS: Keys = Keys {
    path: "s.area_path",
    platform_type: "s.platform_type",
    platform: "s.host_platform_id",
};

impl Keys {
    /// Within the scope: a subtree is a range of paths — they hold only digits and '/', so '~'
    /// sorts after every path under the prefix — and optionally one platform type or platform.
    fn in_scope(self) -> String {
        let Keys {
            path,
            platform_type,
            platform,
        } = self;
        format!(
            "{path} >= ?1 AND {path} < ?1 || '~' AND (?2 IS NULL OR {platform_type} = ?2) AND (?3 IS NULL OR {platform} = ?3)"
        )
    }
}

/// One figure's records.
pub struct Source {
    /// The rows counted, from `FROM` up to `WHERE`: only what the definition reads.
    rows: String,
    /// The join that brings the session `s` to rows that do not hold it (problems, reviews).
    session: Option<&'static str>,
    /// Joins that name a listed record's platform `p` and area `a`.
    names: String,
    keys: Keys,
    /// The figure's definition, scope and period included.
    pub filter: String,
    /// The day a record falls on (months and quarters, and the order of lists).
    pub date: &'static str,
    /// Columns of a listed record: where it is, its title, its platform and a detail.
    pub link: String,
    pub title: &'static str,
    pub detail: &'static str,
    /// Whether a listed record belongs to a session recorded afterwards (补录).
    pub marked: &'static str,
    /// For a figure of held sessions' rows: the session column that keeps their count (see
    /// migration 5) and the sessions' filter, so that a count, whole or split by something of
    /// the session's own, is one pass over sessions instead of over millions of rows.
    pub per_session: Option<(String, String)>,
}

/// Whether a dimension is the session's own (the same for all of a session's rows).
pub fn on_session(dimension: Dimension) -> bool {
    use Dimension as D;
    matches!(
        dimension,
        D::Area | D::PlatformType | D::Kind | D::Format | D::Month | D::Quarter
    )
}

impl Source {
    pub fn of(drill: Drill) -> Self {
        use Drill as D;
        let session = |rows: String, filter: String, link: String, detail| Source {
            rows,
            session: None,
            names: SESSION_NAMES.to_owned(),
            keys: SESSION_KEYS,
            filter: format!("{} AND {filter}", SESSION_KEYS.in_scope()),
            date: "s.starts_at",
            link,
            title: "s.title",
            detail,
            marked: "s.recorded_afterwards",
            per_session: None,
        };
        // Problems and reviews: dated by themselves, counted while their session counts.
        let of_session = |table: &str, filter: String, date, link: String, detail| {
            let keys = Keys {
                path: "x.area_path",
                platform_type: "x.platform_type",
                platform: "x.platform_id",
            };
            Source {
                rows: format!("{table} x"),
                session: Some("JOIN sessions s ON s.id = x.session_id"),
                names: SESSION_NAMES.to_owned(),
                keys,
                filter: format!(
                    "{} AND x.counted = 1 AND ?6 IS NOT NULL AND {filter}",
                    keys.in_scope()
                ),
                date,
                link,
                title: "s.title",
                detail,
                marked: "s.recorded_afterwards",
                per_session: None,
            }
        };
        let held =
            |column: String| Some((column, format!("{} AND {HELD}", SESSION_KEYS.in_scope())));
        match drill {
            D::Consultations | D::Services => {
                let not = if drill == D::Services { "NOT" } else { "" };
                Source {
                    // A session counts itself: 1 where it is of the kind, so every split by
                    // the session's own dimensions is the same one pass as the visits'.
                    per_session: held(format!("(s.kind {not} IN {CONSULTATION_KINDS})")),
                    ..session(
                        SESSIONS.to_owned(),
                        format!("{HELD} AND s.kind {not} IN {CONSULTATION_KINDS}"),
                        SESSION_LINK.to_owned(),
                        "NULL",
                    )
                }
            }
            D::ResidentVisits | D::MemberVisits => Source {
                per_session: held(
                    if drill == D::MemberVisits {
                        "s.member_visits"
                    } else {
                        "s.resident_visits"
                    }
                    .to_owned(),
                ),
                ..session(
                    format!(
                        "{SESSIONS} JOIN registrations r ON r.session_id = s.id
                         LEFT JOIN member_profiles mp ON mp.user_id = r.member_user_id"
                    ),
                    format!(
                        "{HELD} AND r.state = 'attended' AND r.role {} 'member'",
                        if drill == D::MemberVisits { "=" } else { "<>" }
                    ),
                    SESSION_LINK.to_owned(),
                    "r.name",
                )
            },
            D::Suggestions | D::SuggestionsAdopted => Source {
                per_session: held(
                    if drill == D::SuggestionsAdopted {
                        "s.suggestions_adopted"
                    } else {
                        "s.suggestions"
                    }
                    .to_owned(),
                ),
                ..session(
                    format!("{SESSIONS} JOIN outcomes x ON x.session_id = s.id"),
                    if drill == D::SuggestionsAdopted {
                        format!("{HELD} AND x.adoption IN ('adopted', 'partly_adopted')")
                    } else {
                        HELD.to_owned()
                    },
                    format!("{SESSION_LINK} || '#outcome-' || x.id"),
                    "x.text",
                )
            },
            D::ProblemsResolved => of_session(
                "problems",
                "x.resolved_on >= ?4 AND x.resolved_on < ?5".to_owned(),
                "x.resolved_on",
                format!("{SESSION_LINK} || '#problem-' || x.id"),
                "x.description || '：' || x.evidence",
            ),
            D::ProblemsRaised | D::ProblemsRaisedResolved => of_session(
                "problems",
                format!(
                    "x.raised_on >= ?4 AND x.raised_on < ?5{}",
                    if drill == D::ProblemsRaisedResolved {
                        " AND x.resolved_on IS NOT NULL"
                    } else {
                        ""
                    }
                ),
                "x.raised_on",
                format!("{SESSION_LINK} || '#problem-' || x.id"),
                "x.description",
            ),
            D::Ratings | D::RatingsSatisfied => Source {
                per_session: held(
                    if drill == D::RatingsSatisfied {
                        "s.ratings_satisfied"
                    } else {
                        "s.ratings"
                    }
                    .to_owned(),
                ),
                ..session(
                    format!(
                        "{SESSIONS} JOIN registrations r ON r.session_id = s.id
                         JOIN ratings g ON g.registration_id = r.id"
                    ),
                    if drill == D::RatingsSatisfied {
                        format!("{HELD} AND g.satisfaction IN ('satisfied', 'basically_satisfied')")
                    } else {
                        HELD.to_owned()
                    },
                    SESSION_LINK.to_owned(),
                    "g.comment",
                )
            },
            D::Reviews => of_session(
                "reviews",
                "x.reviewed_on >= ?4 AND x.reviewed_on < ?5".to_owned(),
                "x.reviewed_on",
                format!("{SESSION_LINK} || '#reviews'"),
                "x.findings",
            ),
            D::Topics | D::TopicsTakenUp => {
                let keys = Keys {
                    path: "t.area_path",
                    platform_type: "t.platform_type",
                    platform: "t.platform_id",
                };
                Source {
                    rows: "topics t".to_owned(),
                    session: None,
                    names: "JOIN platforms p ON p.id = t.platform_id JOIN areas a ON a.path = t.area_path"
                        .to_owned(),
                    keys,
                    filter: format!(
                        "{} AND t.submitted_at >= ?4 AND t.submitted_at < ?5 AND ?6 IS NOT NULL{}",
                        keys.in_scope(),
                        if drill == D::TopicsTakenUp {
                            " AND t.status IN ('accepted', 'consulted')"
                        } else {
                            ""
                        }
                    ),
                    date: "t.submitted_at",
                    link: "'/manage/topics/' || t.id".to_owned(),
                    title: "t.title",
                    detail: "NULL",
                    marked: "0",
                    per_session: None,
                }
            }
            D::PlatformsActive | D::PlatformsNew => {
                // Platforms are few: where each stood at the period's end, as what and whether
                // active, is looked up in its history.
                let keys = Keys {
                    path: "a.path",
                    platform_type: PLATFORM_TYPE_AT_END,
                    platform: "p.id",
                };
                let active_at_end = platform_active_on("?5");
                // Only a platform standing in the scope now, or moved away from it, can have
                // stood in it at the period's end: checked first, so the history is looked up
                // for the scope's platforms and not for every platform of the province.
                let may_be_in_scope = "(p.area_id IN (SELECT id FROM areas WHERE path >= ?1 AND path < ?1 || '~')
                    OR p.id IN (SELECT m.platform_id FROM platform_moves m JOIN areas f ON f.id = m.from_area_id
                                WHERE f.path >= ?1 AND f.path < ?1 || '~'))";
                Source {
                    rows: format!("platforms p JOIN areas a ON a.id = {}", platform_area("?5")),
                    session: None,
                    names: String::new(),
                    keys,
                    filter: format!(
                        "{may_be_in_scope} AND {} AND ?6 IS NOT NULL AND {}",
                        keys.in_scope(),
                        if drill == D::PlatformsNew {
                            "p.established_on >= ?4 AND p.established_on < ?5".to_owned()
                        } else {
                            format!("?4 IS NOT NULL AND p.established_on < ?5 AND {active_at_end}")
                        }
                    ),
                    date: "p.established_on",
                    link: "'/manage/platforms/' || p.id".to_owned(),
                    title: "p.name",
                    detail: "p.address",
                    marked: "0",
                    per_session: None,
                }
            }
        }
    }

    /// The tables to count from, split by `dimension` or not: the rows alone, with their
    /// session when the split is by something only the session knows.
    pub fn from(&self, dimension: Option<Dimension>) -> String {
        match (self.session, dimension) {
            (Some(join), Some(Dimension::Kind | Dimension::Format)) => {
                format!("{} {join}", self.rows)
            }
            _ => self.rows.clone(),
        }
    }

    /// The tables to list records from: the rows, their session, platform and area.
    pub fn listed(&self) -> String {
        format!(
            "{} {} {}",
            self.rows,
            self.session.unwrap_or_default(),
            self.names
        )
    }

    /// The value a record has in a dimension, as text. The area is the next level below the
    /// scope's area (its path), or the scope's own path for a record held at that level itself.
    pub fn value(&self, dimension: Dimension) -> String {
        let month = format!("strftime('%m', {})", self.date);
        let path = self.keys.path;
        match dimension {
            Dimension::Area => {
                format!(
                    "substr({path}, 1, length(?1) + instr(substr({path}, length(?1) + 1), '/'))"
                )
            }
            Dimension::PlatformType => self.keys.platform_type.into(),
            Dimension::Kind => "s.kind".into(),
            Dimension::Format => "s.format".into(),
            Dimension::Month => format!("strftime('%Y-%m', {})", self.date),
            Dimension::Quarter => format!(
                "strftime('%Y', {}) || '-Q' || ((CAST({month} AS INTEGER) + 2) / 3)",
                self.date
            ),
            Dimension::TopicCategory => "t.category_code".into(),
            Dimension::TopicSource => "t.source".into(),
            Dimension::MemberLevel => "r.member_level".into(),
            Dimension::Sector => "coalesce(mp.sector, '')".into(),
            Dimension::ResultClass => "coalesce(x.result_class, '')".into(),
            Dimension::Conversion => "coalesce(x.conversion, '')".into(),
        }
    }

    /// The held sessions' filter of a per-session figure, narrowed like [`Self::filter_by`].
    pub fn per_session_filter(&self, dimension: Option<Dimension>) -> String {
        let filter = self.per_session.as_ref().map_or("0", |(_, f)| f.as_str());
        match dimension {
            Some(d) => format!("{filter} AND {} = ?7", self.value(d)),
            None => format!("{filter} AND ?7 IS NULL"),
        }
    }

    /// The figure's definition, narrowed to one value of a dimension when ?7 is bound.
    pub fn filter_by(&self, dimension: Option<Dimension>) -> String {
        match dimension {
            Some(d) => format!("{} AND {} = ?7", self.filter, self.value(d)),
            None => format!("{} AND ?7 IS NULL", self.filter),
        }
    }
}
