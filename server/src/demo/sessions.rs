//! Sessions with everything that follows from them: topics, sign-ups and attendance, minutes,
//! outcomes, problems, follow-up reviews and ratings, in the ratios real reports show
//! (domain.md): about 2–3 suggestions per consultation and 1.2–1.9 problems resolved.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use sqlx::SqliteConnection;

use app::domain::{RegistrationRole, RegistrationState, SessionFormat, SessionKind, SessionStatus};
use store::repo::StoreError;

use super::{gen::Gen, people::People, platforms::PlatformRec, words, Plan};

fn ts(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// One session to write.
struct Planned {
    platform: usize,
    kind: SessionKind,
    start: NaiveDateTime,
}

pub async fn generate(
    tx: &mut SqliteConnection,
    g: &mut Gen,
    plan: &Plan,
    platforms: &[PlatformRec],
    people: &People,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let horizon = now.date() + TimeDelta::days(30);
    let mut planned = Vec::new();
    for (i, p) in platforms.iter().enumerate() {
        for year in (now.year() - plan.years + 1)..=now.year() {
            let from = p
                .established
                .max(NaiveDate::from_ymd_opt(year, 1, 1).expect("valid date"));
            let to = p
                .deactivated
                .unwrap_or(horizon)
                .min(horizon)
                .min(NaiveDate::from_ymd_opt(year, 12, 31).expect("valid date"));
            if to <= from {
                continue;
            }
            let share = (to - from).num_days() as f64 / 365.0;
            let consultations = g.count(plan.consultations_per_platform_year * share);
            let services = g.count(plan.services_per_platform_year * share);
            for n in 0..consultations + services {
                let day = from + TimeDelta::days(g.range(0, (to - from).num_days()));
                let hour = *g.pick(&[9, 10, 14, 15, 19]);
                let kind = if n < consultations {
                    g.weighted(&[
                        (30, SessionKind::Council),
                        (40, SessionKind::Livelihood),
                        (10, SessionKind::Sector),
                        (10, SessionKind::Proposal),
                        (10, SessionKind::Counterpart),
                    ])
                } else {
                    g.weighted(&[
                        (30, SessionKind::PolicyBriefing),
                        (20, SessionKind::TechService),
                        (30, SessionKind::Listening),
                        (10, SessionKind::Inspection),
                        (10, SessionKind::Volunteer),
                    ])
                };
                let start = day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("valid time"));
                planned.push(Planned {
                    platform: i,
                    kind,
                    start,
                });
            }
        }
    }
    planned.sort_by_key(|s| s.start);
    for s in &planned {
        write_session(tx, g, platforms, people, s, now).await?;
    }
    write_loose_topics(tx, g, plan, platforms, now).await
}

fn status_for(
    g: &mut Gen,
    kind: SessionKind,
    start: NaiveDateTime,
    now: NaiveDateTime,
) -> SessionStatus {
    if start > now {
        return if g.chance(0.06) {
            SessionStatus::Draft
        } else {
            SessionStatus::Published
        };
    }
    if g.chance(0.03) {
        return SessionStatus::Cancelled;
    }
    if !kind.is_consultation() {
        return SessionStatus::Held;
    }
    match (now - start).num_days() {
        d if d < 14 => SessionStatus::Held,
        d if d < 60 => g.weighted(&[(60, SessionStatus::Concluded), (40, SessionStatus::Held)]),
        d if d < 120 => g.weighted(&[(50, SessionStatus::Concluded), (50, SessionStatus::Closed)]),
        _ => g.weighted(&[
            (20, SessionStatus::Concluded),
            (40, SessionStatus::Closed),
            (40, SessionStatus::Reviewed),
        ]),
    }
}

async fn write_session(
    tx: &mut SqliteConnection,
    g: &mut Gen,
    platforms: &[PlatformRec],
    people: &People,
    s: &Planned,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let p = &platforms[s.platform];
    let status = status_for(g, s.kind, s.start, now);
    let (title, category) = if s.kind.is_consultation() {
        let (t, c) = *g.pick(words::CONSULTATION_TITLES);
        (t.replace("{}", &p.area_name), c)
    } else {
        (
            g.pick(words::SERVICE_TITLES).replace("{}", &p.area_name),
            "other",
        )
    };
    let format = g.weighted(&[
        (80, SessionFormat::Onsite),
        (5, SessionFormat::Online),
        (15, SessionFormat::Hybrid),
    ]);
    let local_name = (format == SessionFormat::Onsite && g.chance(0.3))
        .then(|| *g.pick(&["院坝协商", "广场协商", "流动协商", "板凳会"]));
    let end = s.start + TimeDelta::minutes(g.range(90, 150));
    let seats = g.range(4, 12) * 5;
    let created = s.start - TimeDelta::days(g.range(7, 21));
    let deadline = (s.start.date() - TimeDelta::days(1))
        .and_hms_opt(18, 0, 0)
        .expect("valid time");
    let invited = g.chance(0.15);
    let session_id: i64 = sqlx::query_scalar(
        "INSERT INTO sessions (host_platform_id, area_id, title, summary, kind, format, format_local_name,
             place, starts_at, ends_at, seats, signup_deadline, checkin_opens_at, checkin_closes_at, audience,
             status, cancel_reason, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(p.id)
    .bind(p.area_id)
    .bind(&title)
    .bind(format!("围绕“{title}”听取群众意见，邀请相关部门现场回应。"))
    .bind(s.kind)
    .bind(format)
    .bind(local_name)
    .bind(format!("{}党群服务中心{}楼会议室", p.area_name, g.range(1, 3)))
    .bind(ts(s.start))
    .bind(ts(end))
    .bind(seats)
    .bind(ts(deadline))
    .bind(ts(s.start - TimeDelta::minutes(30)))
    .bind(ts(end))
    .bind(if invited { "invited_roles" } else { "public" })
    .bind(status)
    .bind((status == SessionStatus::Cancelled).then_some("因天气原因取消"))
    .bind(ts(created))
    .bind(ts(created))
    .fetch_one(&mut *tx)
    .await?;
    if invited {
        for role in ["resident", "stakeholder", "department_head"] {
            sqlx::query("INSERT INTO session_roles (session_id, role) VALUES (?, ?)")
                .bind(session_id)
                .bind(role)
                .execute(&mut *tx)
                .await?;
        }
    }
    if g.chance(0.1) {
        let other = &platforms[g.range(0, platforms.len() as i64 - 1) as usize];
        if other.id != p.id && other.city == p.city {
            sqlx::query("INSERT INTO session_coorganizers (session_id, platform_id) VALUES (?, ?)")
                .bind(session_id)
                .bind(other.id)
                .execute(&mut *tx)
                .await?;
        }
    }
    if s.kind.is_consultation() {
        let topic_status = if s.start > now || status == SessionStatus::Cancelled {
            "accepted"
        } else {
            "consulted"
        };
        let submitted = created - TimeDelta::days(g.range(5, 40));
        let topic_id = insert_topic(tx, g, p.id, &title, category, topic_status, submitted).await?;
        sqlx::query("INSERT INTO session_topics (session_id, topic_id) VALUES (?, ?)")
            .bind(session_id)
            .bind(topic_id)
            .execute(&mut *tx)
            .await?;
    }
    if status == SessionStatus::Draft {
        return Ok(());
    }
    let attended = write_registrations(tx, g, people, p, session_id, s, seats, status, now).await?;
    if matches!(
        status,
        SessionStatus::Concluded | SessionStatus::Closed | SessionStatus::Reviewed
    ) {
        write_results(tx, g, session_id, s, status, &attended, now).await?;
    }
    Ok(())
}

async fn insert_topic(
    tx: &mut SqliteConnection,
    g: &mut Gen,
    platform_id: i64,
    title: &str,
    category: &str,
    status: &str,
    submitted: NaiveDateTime,
) -> Result<i64, StoreError> {
    let source = g.weighted(&[
        (45, "resident"),
        (20, "party_government"),
        (20, "member"),
        (10, "department"),
        (5, "transfer"),
    ]);
    let channel = match source {
        "resident" => g.weighted(&[(60, "qr_code"), (30, "web"), (10, "letter")]),
        "transfer" => "hotline",
        _ => "meeting",
    };
    let reply =
        (status == "declined").then_some("该事项已由相关部门纳入日常工作处理，感谢您的建议。");
    Ok(sqlx::query_scalar(
        "INSERT INTO topics (platform_id, title, description, source, category_code, channel, proposer_name,
             status, reply, submitted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(platform_id)
    .bind(title.trim_end_matches("协商议事会").trim_end_matches("专题协商"))
    .bind("群众反映较多，希望通过协商推动解决。")
    .bind(source)
    .bind(category)
    .bind(channel)
    .bind(g.person_name())
    .bind(status)
    .bind(reply)
    .bind(ts(submitted))
    .fetch_one(&mut *tx)
    .await?)
}

#[allow(clippy::too_many_arguments)]
async fn write_registrations(
    tx: &mut SqliteConnection,
    g: &mut Gen,
    people: &People,
    p: &PlatformRec,
    session_id: i64,
    s: &Planned,
    seats: i64,
    status: SessionStatus,
    now: NaiveDateTime,
) -> Result<Vec<i64>, StoreError> {
    let held = s.start <= now && status != SessionStatus::Cancelled;
    let mut mobiles = HashSet::new();
    let mut attended = Vec::new();
    let taken = ((seats as f64) * (0.55 + 0.45 * g.unit())).round() as i64;
    let waiting = if taken >= seats && g.chance(0.3) {
        g.range(1, 5)
    } else {
        0
    };
    let members: Vec<_> = if s.kind.is_consultation() {
        let pool: Vec<_> = people.members.iter().filter(|m| m.city == p.city).collect();
        (0..g.range(1, 3)).map(|_| *g.pick(&pool)).collect()
    } else {
        Vec::new()
    };
    let mut used_members = HashSet::new();
    for n in 0..(taken + waiting) {
        let member = members
            .get(n as usize)
            .filter(|m| used_members.insert(m.user_id));
        let role = match member {
            Some(_) => RegistrationRole::Member,
            None => g.weighted(&[
                (70, RegistrationRole::Resident),
                (10, RegistrationRole::Stakeholder),
                (6, RegistrationRole::VillageCadre),
                (5, RegistrationRole::DepartmentHead),
                (3, RegistrationRole::Expert),
                (2, RegistrationRole::NpcDeputy),
                (4, RegistrationRole::Enterprise),
            ]),
        };
        let mobile = match member {
            Some(_) => None,
            None => loop {
                let m = g.mobile();
                if mobiles.insert(m.clone()) {
                    break Some(m);
                }
            },
        };
        let signed_up = s.start - TimeDelta::hours(g.range(20, 24 * 14));
        let state = if n >= taken {
            RegistrationState::Waitlisted
        } else if status == SessionStatus::Cancelled || !held {
            if g.chance(0.05) {
                RegistrationState::Cancelled
            } else {
                RegistrationState::Registered
            }
        } else {
            g.weighted(&[
                (85, RegistrationState::Attended),
                (10, RegistrationState::Absent),
                (5, RegistrationState::Leave),
            ])
        };
        let checked_in = (state == RegistrationState::Attended)
            .then(|| s.start - TimeDelta::minutes(g.range(0, 25)));
        let method = checked_in.map(|_| g.weighted(&[(70, "qr"), (20, "code"), (10, "hand")]));
        let id = insert_registration(
            tx,
            g,
            session_id,
            member.map(|m| (m.user_id, m.level.code())),
            role,
            mobile,
            state,
            checked_in,
            method,
            false,
            signed_up,
        )
        .await?;
        if state == RegistrationState::Attended {
            attended.push(id);
        }
    }
    if held {
        for _ in 0..g.range(0, 4) {
            let at = s.start + TimeDelta::minutes(g.range(0, 20));
            let mobile = g
                .chance(0.5)
                .then(|| g.mobile())
                .filter(|m| mobiles.insert(m.clone()));
            let id = insert_registration(
                tx,
                g,
                session_id,
                None,
                RegistrationRole::Resident,
                mobile,
                RegistrationState::Attended,
                Some(at),
                Some("walk_in"),
                true,
                at,
            )
            .await?;
            attended.push(id);
        }
    }
    Ok(attended)
}

#[allow(clippy::too_many_arguments)]
async fn insert_registration(
    tx: &mut SqliteConnection,
    g: &mut Gen,
    session_id: i64,
    member: Option<(i64, &str)>,
    role: RegistrationRole,
    mobile: Option<String>,
    state: RegistrationState,
    checked_in: Option<NaiveDateTime>,
    method: Option<&str>,
    walk_in: bool,
    created: NaiveDateTime,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO registrations (session_id, code, name, mobile, role, member_user_id, member_level, state,
             leave_reason, walk_in, checked_in_at, checkin_method, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(session_id)
    .bind(g.registration_code())
    .bind(g.person_name())
    .bind(mobile)
    .bind(role)
    .bind(member.map(|m| m.0))
    .bind(member.map(|m| m.1))
    .bind(state)
    .bind((state == RegistrationState::Leave).then_some("临时有事"))
    .bind(walk_in)
    .bind(checked_in.map(ts))
    .bind(method)
    .bind(ts(created))
    .bind(ts(checked_in.unwrap_or(created)))
    .fetch_one(&mut *tx)
    .await?)
}

/// Minutes, outcomes, problems, a follow-up review and ratings of a concluded consultation.
async fn write_results(
    tx: &mut SqliteConnection,
    g: &mut Gen,
    session_id: i64,
    s: &Planned,
    status: SessionStatus,
    attended: &[i64],
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let recorded = s.start + TimeDelta::days(g.range(1, 5));
    let vote = g.chance(0.2);
    sqlx::query(
        "INSERT INTO minutes (session_id, agenda, key_points, consensus, disagreements, vote_subject,
             votes_for, votes_against, votes_abstain, recorded_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(session_id)
    .bind("一、通报议题背景；二、群众代表发言；三、部门回应；四、委员建言；五、主持人总结")
    .bind("与会人员围绕议题充分发表意见，相关部门现场作出回应。")
    .bind("同意成立专项工作小组，分步推进问题解决。")
    .bind(if g.chance(0.4) { "资金分摊比例仍有不同意见，会后继续沟通。" } else { "" })
    .bind(vote.then_some("是否同意实施方案"))
    .bind(vote.then(|| g.range(12, 30)))
    .bind(vote.then(|| g.range(0, 4)))
    .bind(vote.then(|| g.range(0, 3)))
    .bind(ts(recorded))
    .bind(ts(recorded))
    .execute(&mut *tx)
    .await?;
    let finished = matches!(status, SessionStatus::Closed | SessionStatus::Reviewed);
    let mut outcome_ids = Vec::new();
    for _ in 0..g.range(1, 4) {
        let deadline = s.start.date() + TimeDelta::days(g.range(30, 90));
        let handling = if finished {
            "completed"
        } else {
            g.weighted(&[(50, "assigned"), (50, "in_progress")])
        };
        let result = finished.then(|| g.weighted(&[(70, "A"), (15, "B"), (10, "C"), (5, "D")]));
        let adoption = finished
            .then(|| g.weighted(&[(65, "adopted"), (25, "partly_adopted"), (10, "not_adopted")]));
        let conversion = (finished && g.chance(0.2)).then(|| {
            g.weighted(&[
                (30, "decision"),
                (40, "livelihood_project"),
                (15, "leader_instruction"),
                (15, "proposal"),
            ])
        });
        let feedback =
            finished.then(|| (s.start.date() + TimeDelta::days(g.range(20, 100))).min(now.date()));
        let id: i64 = sqlx::query_scalar(
            // Every other session's suggestion was put forward by a member who was there (decided
            // by the id, so the generator's random stream stays as it was).
            "INSERT INTO outcomes (session_id, text, form, lead_department, deadline, handling_status, result_class,
                 adoption, conversion, feedback_on, created_at, updated_at, proposer_user_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                 (SELECT member_user_id FROM registrations
                  WHERE session_id = ? AND ? % 2 = 0 AND state = 'attended' AND member_user_id IS NOT NULL
                  ORDER BY id LIMIT 1))
             RETURNING id",
        )
        .bind(session_id)
        .bind(*g.pick(words::SUGGESTIONS))
        .bind(g.weighted(&[(40, "consensus"), (10, "report"), (30, "motion"), (10, "to_proposal"), (10, "to_opinion")]))
        .bind(*g.pick(words::DEPARTMENTS))
        .bind(deadline.to_string())
        .bind(handling)
        .bind(result)
        .bind(adoption)
        .bind(conversion)
        .bind(feedback.map(|d| d.to_string()))
        .bind(ts(recorded))
        .bind(ts(recorded))
        .bind(session_id)
        .bind(session_id)
        .fetch_one(&mut *tx)
        .await?;
        if g.chance(0.4) {
            sqlx::query("INSERT INTO outcome_helpers (outcome_id, department) VALUES (?, ?)")
                .bind(id)
                .bind(*g.pick(words::DEPARTMENTS))
                .execute(&mut *tx)
                .await?;
        }
        outcome_ids.push(id);
    }
    for _ in 0..g.range(1, 3) {
        let raised = s.start.date();
        let resolved_on = (g.chance(if finished { 0.85 } else { 0.45 }))
            .then(|| raised + TimeDelta::days(g.range(7, 200)))
            .filter(|d| *d <= now.date());
        sqlx::query(
            "INSERT INTO problems (session_id, outcome_id, description, raised_on, resolved_on, evidence, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(session_id)
        .bind(*g.pick(&outcome_ids))
        .bind(*g.pick(words::PROBLEMS))
        .bind(raised.to_string())
        .bind(resolved_on.map(|d| d.to_string()))
        .bind(resolved_on.map(|_| "现场照片及群众签字确认单"))
        .bind(ts(recorded))
        .bind(ts(recorded))
        .execute(&mut *tx)
        .await?;
    }
    if status == SessionStatus::Reviewed {
        let on = (s.start.date() + TimeDelta::days(g.range(90, 180))).min(now.date());
        sqlx::query(
            "INSERT INTO reviews (session_id, reviewed_on, reviewer_kind, findings, created_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(session_id)
        .bind(on.to_string())
        .bind(g.weighted(&[(50, "resident"), (35, "member"), (15, "third_party")]))
        .bind("问题整改到位，群众反映良好。")
        .bind(format!("{on} 10:00:00"))
        .execute(&mut *tx)
        .await?;
    }
    for id in attended {
        if g.chance(0.3) {
            sqlx::query(
                "INSERT INTO ratings (registration_id, satisfaction, rated_at) VALUES (?, ?, ?)",
            )
            .bind(id)
            .bind(g.weighted(&[
                (80, "satisfied"),
                (16, "basically_satisfied"),
                (4, "unsatisfied"),
            ]))
            .bind(ts((s.start + TimeDelta::days(g.range(7, 60))).min(now)))
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}

/// Topics that did not (yet) become sessions: waiting for review, or declined with a reply.
async fn write_loose_topics(
    tx: &mut SqliteConnection,
    g: &mut Gen,
    plan: &Plan,
    platforms: &[PlatformRec],
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    for p in platforms.iter().filter(|p| p.deactivated.is_none()) {
        for _ in 0..g.count(0.5 * f64::from(plan.years)) {
            let (t, c) = *g.pick(words::CONSULTATION_TITLES);
            let submitted = now - TimeDelta::days(g.range(1, 365 * i64::from(plan.years)));
            let status = if (now - submitted).num_days() < 30 {
                "pending"
            } else {
                "declined"
            };
            insert_topic(
                tx,
                g,
                p.id,
                &t.replace("{}", &p.area_name),
                c,
                status,
                submitted,
            )
            .await?;
        }
    }
    Ok(())
}
