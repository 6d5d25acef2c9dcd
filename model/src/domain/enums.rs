//! The fixed enumerations of domain.md. Their codes match the schema's CHECK constraints.

use super::code_enum::code_enum;

code_enum!(
    /// 行政区划 level.
    AreaLevel { City = "city", District = "district", Township = "township", Village = "village" }
);

impl AreaLevel {
    /// The level an area's children have; villages have none.
    pub fn child(self) -> Option<Self> {
        match self {
            Self::City => Some(Self::District),
            Self::District => Some(Self::Township),
            Self::Township => Some(Self::Village),
            Self::Village => None,
        }
    }
}

code_enum!(PlatformStatus { Active = "active", Inactive = "inactive" });

code_enum!(
    /// 委员 level.
    MemberLevel { National = "national", Provincial = "provincial", City = "city", County = "county" }
);

code_enum!(
    /// 活动类型. The first five count as consultation (协商议事), the rest as service activities.
    SessionKind {
        Council = "council",
        Livelihood = "livelihood",
        Sector = "sector",
        Proposal = "proposal",
        Counterpart = "counterpart",
        PolicyBriefing = "policy_briefing",
        TechService = "tech_service",
        Listening = "listening",
        Inspection = "inspection",
        Volunteer = "volunteer",
    }
);

impl SessionKind {
    /// Consultation sessions and service activities are never counted together.
    pub fn is_consultation(self) -> bool {
        matches!(
            self,
            Self::Council | Self::Livelihood | Self::Sector | Self::Proposal | Self::Counterpart
        )
    }
}

code_enum!(SessionFormat { Onsite = "onsite", Online = "online", Hybrid = "hybrid" });

code_enum!(SessionStatus {
    Draft = "draft",
    Published = "published",
    Held = "held",
    Concluded = "concluded",
    Closed = "closed",
    Reviewed = "reviewed",
    Cancelled = "cancelled",
});

code_enum!(
    /// The role someone signs up or attends in.
    RegistrationRole {
        Resident = "resident",
        Stakeholder = "stakeholder",
        Member = "member",
        DepartmentHead = "department_head",
        Expert = "expert",
        NpcDeputy = "npc_deputy",
        VillageCadre = "village_cadre",
        Enterprise = "enterprise",
        Host = "host",
        Recorder = "recorder",
    }
);

code_enum!(RegistrationState {
    Registered = "registered",
    Waitlisted = "waitlisted",
    Cancelled = "cancelled",
    Attended = "attended",
    Absent = "absent",
    Leave = "leave",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in SessionKind::ALL {
            assert_eq!(SessionKind::from_code(k.code()), Some(*k));
        }
        for r in RegistrationRole::ALL {
            assert_eq!(RegistrationRole::from_code(r.code()), Some(*r));
        }
        assert_eq!(AreaLevel::from_code("province"), None);
    }

    #[test]
    fn five_kinds_are_consultation_and_five_are_service() {
        let consultation = SessionKind::ALL
            .iter()
            .filter(|k| k.is_consultation())
            .count();
        assert_eq!(consultation, 5);
        assert_eq!(SessionKind::ALL.len() - consultation, 5);
    }

    #[test]
    fn area_levels_descend() {
        assert_eq!(AreaLevel::City.child(), Some(AreaLevel::District));
        assert_eq!(AreaLevel::Village.child(), None);
    }
}
