//! What the database keeps copies of — per-session counts (migration 5), tally keys
//! (migration 7, with the platform's type as it was on the day, migration 13), seats taken
//! (migration 8) and whether a session's numbers are erased (migration 9) — as statements that count the rows whose copy differs from its source.
//! Each must answer 0 after any sequence of writes.

pub const CHECKS: [(&str, &str); 9] = [
    (
        "numbers erased",
        "SELECT count(*) FROM sessions s WHERE s.numbers_erased_at IS NOT NULL AND (
           EXISTS (SELECT 1 FROM registrations r WHERE r.session_id = s.id AND r.mobile IS NOT NULL AND r.member_user_id IS NULL)
           OR EXISTS (SELECT 1 FROM messages m WHERE m.session_id = s.id AND m.recipient IS NOT NULL))",
    ),
    (
        "seats taken",
        "SELECT count(*) FROM sessions s WHERE s.seats_taken <> (SELECT count(*) FROM registrations r
           WHERE r.session_id = s.id AND r.walk_in = 0 AND r.state IN ('registered', 'attended', 'absent', 'leave'))",
    ),
    (
        "attendance counts",
        "SELECT count(*) FROM sessions s WHERE
           s.resident_visits <> (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.state = 'attended' AND r.role <> 'member')
           OR s.member_visits <> (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.state = 'attended' AND r.role = 'member')",
    ),
    (
        "suggestion counts",
        "SELECT count(*) FROM sessions s WHERE
           s.suggestions <> (SELECT count(*) FROM outcomes x WHERE x.session_id = s.id)
           OR s.suggestions_adopted <> (SELECT count(*) FROM outcomes x WHERE x.session_id = s.id AND x.adoption IN ('adopted', 'partly_adopted'))",
    ),
    (
        "rating counts",
        "SELECT count(*) FROM sessions s WHERE s.ratings <>
           (SELECT count(*) FROM ratings g JOIN registrations r ON r.id = g.registration_id WHERE r.session_id = s.id)",
    ),
    (
        "session keys",
        "SELECT count(*) FROM sessions s JOIN areas a ON a.id = s.area_id JOIN platforms p ON p.id = s.host_platform_id
         WHERE s.area_path <> a.path OR s.platform_type <> coalesce((SELECT c.from_type FROM platform_changes c
              WHERE c.platform_id = p.id AND c.changed_on >= date(s.starts_at)
              ORDER BY c.changed_on, c.id LIMIT 1), p.type_code)",
    ),
    (
        "problem keys",
        "SELECT count(*) FROM problems x JOIN sessions s ON s.id = x.session_id
         WHERE x.counted <> (s.status NOT IN ('draft', 'cancelled')) OR x.area_path <> s.area_path
            OR x.platform_type <> s.platform_type OR x.platform_id <> s.host_platform_id",
    ),
    (
        "review keys",
        "SELECT count(*) FROM reviews x JOIN sessions s ON s.id = x.session_id
         WHERE x.counted <> (s.status NOT IN ('draft', 'cancelled')) OR x.area_path <> s.area_path
            OR x.platform_type <> s.platform_type OR x.platform_id <> s.host_platform_id",
    ),
    (
        "topic keys",
        "SELECT count(*) FROM topics t JOIN platforms p ON p.id = t.platform_id
         JOIN areas a ON a.id = coalesce((SELECT m.from_area_id FROM platform_moves m
              WHERE m.platform_id = p.id AND m.moved_on >= date(t.submitted_at)
              ORDER BY m.moved_on, m.id LIMIT 1), p.area_id)
         WHERE t.area_path <> a.path OR t.platform_type <> coalesce((SELECT c.from_type FROM platform_changes c
              WHERE c.platform_id = p.id AND c.changed_on >= date(t.submitted_at)
              ORDER BY c.changed_on, c.id LIMIT 1), p.type_code)",
    ),
];

/// The checks that fail on `db`, with how many rows differ.
pub async fn drifted(db: &store::readers::Readers) -> Vec<(&'static str, i64)> {
    let mut failed = Vec::new();
    for (what, sql) in CHECKS {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(db).await.unwrap();
        if n != 0 {
            failed.push((what, n));
        }
    }
    failed
}
