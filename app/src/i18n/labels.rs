//! How the fixed enumerations read, in the words users know.

use super::Lang;
use crate::domain::{
    AreaLevel, MemberLevel, PlatformStatus, RegistrationRole, RegistrationState, SessionFormat,
    SessionKind, SessionStatus,
};

pub trait Label: Copy {
    /// (zh-CN, English)
    fn pair(self) -> (&'static str, &'static str);

    fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = self.pair();
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl Label for AreaLevel {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::City => ("市", "City"),
            Self::District => ("区县", "District / county"),
            Self::Township => ("镇街园区", "Township / street"),
            Self::Village => ("村社区", "Village / community"),
        }
    }
}

impl Label for PlatformStatus {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Active => ("运行中", "Active"),
            Self::Inactive => ("已停用", "Inactive"),
        }
    }
}

impl Label for MemberLevel {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::National => ("全国政协委员", "National member"),
            Self::Provincial => ("省政协委员", "Provincial member"),
            Self::City => ("市政协委员", "City member"),
            Self::County => ("县（区）政协委员", "County member"),
        }
    }
}

impl Label for SessionKind {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Council => ("协商议事会/专题协商", "Consultation meeting"),
            Self::Livelihood => ("民生议事", "Livelihood consultation"),
            Self::Sector => ("界别协商", "Sector consultation"),
            Self::Proposal => ("提案办理协商", "Proposal-handling consultation"),
            Self::Counterpart => ("对口协商", "Counterpart consultation"),
            Self::PolicyBriefing => ("政策宣讲", "Policy briefing"),
            Self::TechService => ("技术服务", "Technical service"),
            Self::Listening => ("民情恳谈", "Listening session"),
            Self::Inspection => ("调研视察", "Inspection visit"),
            Self::Volunteer => ("志愿服务", "Volunteer service"),
        }
    }
}

impl Label for SessionFormat {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Onsite => ("现场", "On site"),
            Self::Online => ("线上", "Online"),
            Self::Hybrid => ("线上线下结合", "On site and online"),
        }
    }
}

impl Label for SessionStatus {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Draft => ("草稿", "Draft"),
            Self::Published => ("已发布", "Published"),
            Self::Held => ("已举行", "Held"),
            Self::Concluded => ("已形成成果", "Outcomes recorded"),
            Self::Closed => ("已办结", "Closed"),
            Self::Reviewed => ("已回头看", "Followed up"),
            Self::Cancelled => ("已取消", "Cancelled"),
        }
    }
}

impl Label for RegistrationRole {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Resident => ("居民", "Resident"),
            Self::Stakeholder => ("利益相关方", "Stakeholder"),
            Self::Member => ("政协委员", "CPPCC member"),
            Self::DepartmentHead => ("部门负责人", "Department head"),
            Self::Expert => ("专家", "Expert"),
            Self::NpcDeputy => ("人大代表", "People's congress deputy"),
            Self::VillageCadre => ("村居干部", "Village cadre"),
            Self::Enterprise => ("企业代表", "Enterprise representative"),
            Self::Host => ("主持人", "Chair"),
            Self::Recorder => ("记录人", "Recorder"),
        }
    }
}

impl Label for RegistrationState {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Registered => ("已报名", "Registered"),
            Self::Waitlisted => ("候补中", "On the waiting list"),
            Self::Cancelled => ("已取消", "Cancelled"),
            Self::Attended => ("已签到", "Attended"),
            Self::Absent => ("缺席", "Absent"),
            Self::Leave => ("请假", "On leave"),
        }
    }
}
