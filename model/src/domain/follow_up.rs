//! The enumerations of the loop after the meeting: topics, outcomes, follow-ups and ratings.
//! Their codes match the schema's CHECK constraints.

use chrono::NaiveDate;

use super::code_enum::code_enum;

code_enum!(
    /// 议题来源.
    TopicSource {
        PartyGovernment = "party_government",
        Member = "member",
        Resident = "resident",
        Department = "department",
        Transfer = "transfer",
    }
);

code_enum!(
    /// How a topic reached the platform.
    TopicChannel {
        QrCode = "qr_code",
        Web = "web",
        Meeting = "meeting",
        Hotline = "hotline",
        Letter = "letter",
        Other = "other",
    }
);

code_enum!(
    /// 待审核 → 已立项 / 已合并 / 不予立项 → 已协商.
    TopicStatus {
        Pending = "pending",
        Accepted = "accepted",
        Merged = "merged",
        Declined = "declined",
        Consulted = "consulted",
    }
);

code_enum!(
    /// 成果形式.
    OutcomeForm {
        Consensus = "consensus",
        Report = "report",
        Motion = "motion",
        ToProposal = "to_proposal",
        ToOpinion = "to_opinion",
    }
);

code_enum!(
    /// 办理状态.
    HandlingStatus {
        Submitted = "submitted",
        Assigned = "assigned",
        InProgress = "in_progress",
        Completed = "completed",
    }
);

code_enum!(
    /// 办理结果: A 已解决或基本解决, B 正在解决, C 列入计划逐步解决, D 留作参考并已解释.
    ResultClass { A = "A", B = "B", C = "C", D = "D" }
);

code_enum!(
    /// 采纳情况.
    Adoption { Adopted = "adopted", PartlyAdopted = "partly_adopted", NotAdopted = "not_adopted" }
);

code_enum!(
    /// 成果转化.
    Conversion {
        Decision = "decision",
        LivelihoodProject = "livelihood_project",
        LeaderInstruction = "leader_instruction",
        Proposal = "proposal",
    }
);

code_enum!(
    /// Who went back to look (回头看).
    ReviewerKind { Resident = "resident", Member = "member", ThirdParty = "third_party" }
);

code_enum!(
    /// 满意 / 基本满意 / 不满意.
    Satisfaction {
        Satisfied = "satisfied",
        BasicallySatisfied = "basically_satisfied",
        Unsatisfied = "unsatisfied",
    }
);

code_enum!(
    /// 督办 light of an outcome by its deadline.
    Light { Green = "green", Yellow = "yellow", Red = "red", Done = "done" }
);

/// Days before a deadline from which an open outcome shows yellow.
pub const YELLOW_DAYS: i64 = 7;

impl Light {
    /// Completed outcomes are done; an open one is red past its deadline, yellow within
    /// `YELLOW_DAYS` of it, green otherwise (and green without a deadline).
    pub fn of(status: HandlingStatus, deadline: Option<NaiveDate>, today: NaiveDate) -> Self {
        if status == HandlingStatus::Completed {
            return Self::Done;
        }
        match deadline {
            Some(d) if d < today => Self::Red,
            Some(d) if (d - today).num_days() <= YELLOW_DAYS => Self::Yellow,
            _ => Self::Green,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn lights_follow_the_deadline() {
        let open = HandlingStatus::InProgress;
        assert_eq!(Light::of(open, None, day(20)), Light::Green);
        assert_eq!(Light::of(open, Some(day(28)), day(20)), Light::Green);
        assert_eq!(Light::of(open, Some(day(27)), day(20)), Light::Yellow);
        assert_eq!(Light::of(open, Some(day(20)), day(20)), Light::Yellow);
        assert_eq!(Light::of(open, Some(day(19)), day(20)), Light::Red);
        assert_eq!(
            Light::of(HandlingStatus::Completed, Some(day(1)), day(20)),
            Light::Done
        );
    }

    #[test]
    fn result_classes_are_the_four_letters() {
        let codes: Vec<_> = ResultClass::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes, ["A", "B", "C", "D"]);
    }
}
