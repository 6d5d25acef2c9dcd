//! How the fixed enumerations read, in the words users know.

use super::Lang;
use crate::domain::{
    Adoption, AreaLevel, Conversion, HandlingStatus, Light, MemberLevel, OutcomeForm,
    PlatformStatus, RegistrationRole, RegistrationState, ResultClass, ReviewerKind, Satisfaction,
    SessionFormat, SessionKind, SessionStatus, TopicChannel, TopicSource, TopicStatus,
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
            Self::Held => ("待记录成果", "Outcomes to record"),
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

impl Label for TopicSource {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::PartyGovernment => ("党政点题", "Set by the Party and government"),
            Self::Member => ("委员荐题", "Put forward by a member"),
            Self::Resident => ("群众出题", "Raised by residents"),
            Self::Department => ("部门提出", "Raised by a department"),
            Self::Transfer => ("平台转入", "Passed on by another platform"),
        }
    }
}

impl Label for TopicChannel {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::QrCode => ("扫码提交", "QR code"),
            Self::Web => ("网上提交", "Online"),
            Self::Meeting => ("会上提出", "At a meeting"),
            Self::Hotline => ("热线电话", "Hotline"),
            Self::Letter => ("来信", "Letter"),
            Self::Other => ("其他", "Other"),
        }
    }
}

impl Label for TopicStatus {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Pending => ("待审核", "Awaiting review"),
            Self::Accepted => ("已立项", "Accepted"),
            Self::Merged => ("已合并", "Merged"),
            Self::Declined => ("不予立项", "Declined"),
            Self::Consulted => ("已协商", "Consulted on"),
        }
    }
}

impl Label for OutcomeForm {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Consensus => ("共识意见", "Consensus opinion"),
            Self::Report => ("协商报告", "Consultation report"),
            Self::Motion => ("建议案", "Formal proposal"),
            Self::ToProposal => ("转提案", "Turned into a CPPCC proposal"),
            Self::ToOpinion => ("转社情民意", "Passed on as public opinion"),
        }
    }
}

impl Label for HandlingStatus {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Submitted => ("已报送", "Submitted"),
            Self::Assigned => ("已交办", "Assigned"),
            Self::InProgress => ("办理中", "In progress"),
            Self::Completed => ("已办结", "Completed"),
        }
    }
}

impl Label for ResultClass {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::A => ("A 已解决或基本解决", "A Solved or mostly solved"),
            Self::B => ("B 正在解决", "B Being solved"),
            Self::C => ("C 列入计划逐步解决", "C Planned, to be solved step by step"),
            Self::D => (
                "D 因条件限制留作参考并已解释",
                "D Kept for reference, with an explanation",
            ),
        }
    }
}

impl Label for Adoption {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Adopted => ("采纳", "Adopted"),
            Self::PartlyAdopted => ("部分采纳", "Partly adopted"),
            Self::NotAdopted => ("未采纳", "Not adopted"),
        }
    }
}

impl Label for Conversion {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Decision => ("纳入决策", "Into a decision"),
            Self::LivelihoodProject => ("民生实事项目", "Livelihood project"),
            Self::LeaderInstruction => ("领导批示", "Leader's instruction"),
            Self::Proposal => ("转提案", "CPPCC proposal"),
        }
    }
}

impl Label for ReviewerKind {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Resident => ("群众", "Residents"),
            Self::Member => ("委员", "Members"),
            Self::ThirdParty => ("第三方", "Third party"),
        }
    }
}

impl Label for Satisfaction {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Satisfied => ("满意", "Satisfied"),
            Self::BasicallySatisfied => ("基本满意", "Mostly satisfied"),
            Self::Unsatisfied => ("不满意", "Not satisfied"),
        }
    }
}

impl Label for Light {
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::Green => ("正常", "On track"),
            Self::Yellow => ("临近期限", "Due soon"),
            Self::Red => ("已超期", "Overdue"),
            Self::Done => ("已办结", "Completed"),
        }
    }
}
