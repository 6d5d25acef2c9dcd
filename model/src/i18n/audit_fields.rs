//! How a change log entry's fields read: the stored names and codes (`state: attended`) as
//! the people reading the log say them (状态：已签到).

use super::{Label, Lang};
use crate::domain::{
    Adoption, Conversion, HandlingStatus, RegistrationRole, RegistrationState, SessionFormat,
    SessionKind,
};

/// A logged field's name in the reader's language; the stored name when it has none.
pub fn audit_field(key: &str, lang: Lang) -> String {
    let pair = match key {
        "state" => ("状态", "State"),
        "method" => ("方式", "Method"),
        "role" => ("身份", "Role"),
        "reason" => ("原因", "Reason"),
        "session_id" => ("活动编号", "Session"),
        "attended" => ("到会人数", "Attended"),
        "recorded_afterwards" => ("补录", "Recorded afterwards"),
        "fields.title" => ("活动名称", "Title"),
        "fields.kind" => ("活动类型", "Kind"),
        "fields.format" => ("形式", "Format"),
        "fields.place" => ("地点", "Place"),
        "fields.time.start" => ("开始时间", "Starts"),
        "fields.time.end" => ("结束时间", "Ends"),
        "fields.seats" => ("名额", "Seats"),
        "fields.coorganizers" => ("协办平台", "Co-hosts"),
        "text" => ("内容", "Text"),
        "handling_status" => ("办理状态", "Handling"),
        "adoption" => ("采纳情况", "Adoption"),
        "conversion" => ("成果转化", "Became"),
        _ => return key.to_owned(),
    };
    match lang {
        Lang::Zh => pair.0,
        Lang::En => pair.1,
    }
    .to_owned()
}

/// A logged value in the reader's language when it is one of the codes the log stores; as
/// stored otherwise.
pub fn audit_value(key: &str, value: &str, lang: Lang) -> String {
    fn label<L: Label>(found: Option<L>, lang: Lang) -> Option<String> {
        found.map(|l| l.label(lang).to_owned())
    }
    let named = match key.rsplit('.').next().unwrap_or(key) {
        "state" => label(RegistrationState::from_code(value), lang),
        "role" => label(RegistrationRole::from_code(value), lang),
        "kind" => label(SessionKind::from_code(value), lang),
        "format" => label(SessionFormat::from_code(value), lang),
        "handling_status" => label(HandlingStatus::from_code(value), lang),
        "adoption" => label(Adoption::from_code(value), lang),
        "conversion" => label(Conversion::from_code(value), lang),
        _ => None,
    };
    named.unwrap_or_else(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_words_and_the_rest_as_stored() {
        assert_eq!(audit_field("state", Lang::Zh), "状态");
        assert_eq!(audit_value("state", "attended", Lang::Zh), "已签到");
        assert_eq!(
            audit_value("fields.kind", "council", Lang::En),
            SessionKind::Council.label(Lang::En)
        );
        assert_eq!(audit_field("something.new", Lang::Zh), "something.new");
        assert_eq!(audit_value("state", "<b>", Lang::Zh), "<b>");
    }
}
