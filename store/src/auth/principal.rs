use crate::{db::Db, StoreError};
use model::domain::MemberLevel;

/// An area subtree a staff account oversees, by its materialised path ('/1/7/').
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaScope {
    pub area_id: i64,
    pub path: String,
}

/// A signed-in account and everything it may see and change. Every server function asks this,
/// on the server, before it reads or writes anything that is not public.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub is_admin: bool,
    pub staff_scopes: Vec<AreaScope>,
    pub organizer_of: Vec<i64>,
    pub member_level: Option<MemberLevel>,
}

/// One row of `user_roles` with its area's path.
#[derive(sqlx::FromRow)]
struct GrantRow {
    role: String,
    area_id: Option<i64>,
    area_path: Option<String>,
    platform_id: Option<i64>,
}

impl Principal {
    pub async fn load(db: &Db, user_id: i64) -> Result<Option<Self>, StoreError> {
        let Some((username, display_name)) = sqlx::query_as::<_, (String, String)>(
            "SELECT username, display_name FROM users WHERE id = ? AND active = 1",
        )
        .bind(user_id)
        .fetch_optional(&db.read)
        .await?
        else {
            return Ok(None);
        };
        let grants: Vec<GrantRow> = sqlx::query_as(
            "SELECT r.role, r.area_id, a.path AS area_path, r.platform_id FROM user_roles r
             LEFT JOIN areas a ON a.id = r.area_id WHERE r.user_id = ?",
        )
        .bind(user_id)
        .fetch_all(&db.read)
        .await?;
        let member_level: Option<(String,)> =
            sqlx::query_as("SELECT level FROM member_profiles WHERE user_id = ?")
                .bind(user_id)
                .fetch_optional(&db.read)
                .await?;
        let mut p = Self {
            user_id,
            username,
            display_name,
            is_admin: false,
            staff_scopes: Vec::new(),
            organizer_of: Vec::new(),
            member_level: member_level.and_then(|(l,)| MemberLevel::from_code(&l)),
        };
        for g in grants {
            match (g.role.as_str(), g.area_id, g.area_path, g.platform_id) {
                ("admin", ..) => p.is_admin = true,
                ("staff", Some(area_id), Some(path), _) => {
                    p.staff_scopes.push(AreaScope { area_id, path })
                }
                ("organizer", _, _, Some(id)) => p.organizer_of.push(id),
                _ => {}
            }
        }
        Ok(Some(p))
    }

    /// The area paths whose records this principal oversees as staff ("/" for an
    /// administrator: everything).
    pub fn area_paths(&self) -> Vec<String> {
        if self.is_admin {
            vec!["/".to_owned()]
        } else {
            self.staff_scopes.iter().map(|s| s.path.clone()).collect()
        }
    }

    pub fn is_staff(&self) -> bool {
        self.is_admin || !self.staff_scopes.is_empty()
    }

    pub fn is_organizer(&self) -> bool {
        !self.organizer_of.is_empty()
    }

    /// May see the records of an area (its own scope or anything below it).
    pub fn covers_area(&self, area_path: &str) -> bool {
        self.is_admin
            || self
                .staff_scopes
                .iter()
                .any(|s| area_path.starts_with(&s.path))
    }

    /// May create, rename or deactivate this area: it lies strictly below one of the scopes.
    /// Staff do not redraw the boundary of the area they were given.
    pub fn manages_area(&self, area_path: &str) -> bool {
        self.is_admin
            || self
                .staff_scopes
                .iter()
                .any(|s| area_path.starts_with(&s.path) && area_path != s.path)
    }

    /// May edit a platform's details: staff over its area, or one of its organizers.
    /// A resident's mobile number as this principal may see it: in full for the organizers of
    /// the platform it was given to (they call people about it), masked for everyone else.
    pub fn sees_number(&self, platform_id: i64, number: Option<&str>) -> Option<String> {
        if self.organizer_of.contains(&platform_id) {
            number.map(str::to_owned)
        } else {
            number.map(model::domain::mask_mobile)
        }
    }

    pub fn edits_platform(&self, platform_id: i64, area_path: &str) -> bool {
        self.covers_area(area_path) || self.organizer_of.contains(&platform_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(path: &str) -> Principal {
        Principal {
            user_id: 1,
            username: "s".into(),
            display_name: "s".into(),
            is_admin: false,
            staff_scopes: vec![AreaScope {
                area_id: 2,
                path: path.into(),
            }],
            organizer_of: vec![],
            member_level: None,
        }
    }

    #[test]
    fn district_staff_see_their_subtree_only() {
        let p = staff("/1/2/");
        assert!(p.covers_area("/1/2/"));
        assert!(p.covers_area("/1/2/30/"));
        assert!(!p.covers_area("/1/3/"));
        assert!(!p.covers_area("/1/"));
        // '/1/2/' must not match '/1/20/' by prefix.
        assert!(!p.covers_area("/1/20/"));
        assert!(p.manages_area("/1/2/30/"));
        assert!(!p.manages_area("/1/2/"));
    }

    #[test]
    fn organizers_edit_their_platform_only() {
        let mut p = staff("/9/");
        p.staff_scopes.clear();
        p.organizer_of = vec![7];
        assert!(p.edits_platform(7, "/1/2/"));
        assert!(!p.edits_platform(8, "/1/2/"));
        assert!(!p.is_staff());
    }
}
