//! The approved templates the Chinese providers send (`YST_SMS_TEMPLATES`): for each kind of
//! message, the provider's template code and the names of the values it is filled with, in its
//! order: `confirmation=SMS_1:title,time,place,code;reminder=SMS_2:title,time,place`.

use std::collections::HashMap;

use app::messages::MessageKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub code: String,
    /// The values' names, in the template's order (`title`, `time`, `place`, `code`, `reason`).
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates(HashMap<MessageKind, Template>);

/// Why a template list could not be read: the part that is wrong.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("YST_SMS_TEMPLATES: cannot read {0:?} (write kind=CODE:name,name;…)")]
pub struct TemplatesError(pub String);

impl Templates {
    pub fn parse(text: &str) -> Result<Self, TemplatesError> {
        let mut all = HashMap::new();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let wrong = || TemplatesError(part.to_owned());
            let (kind, rest) = part.split_once('=').ok_or_else(wrong)?;
            let kind = MessageKind::from_code(kind.trim()).ok_or_else(wrong)?;
            let (code, names) = rest.split_once(':').unwrap_or((rest, ""));
            let code = code.trim();
            if code.is_empty() {
                return Err(wrong());
            }
            let names = names
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect();
            all.insert(
                kind,
                Template {
                    code: code.to_owned(),
                    names,
                },
            );
        }
        Ok(Self(all))
    }

    pub fn of(&self, kind: MessageKind) -> Option<&Template> {
        self.0.get(&kind)
    }
}

impl Template {
    /// The template's values from a message's named values (a JSON object), in order; a name
    /// the message does not have is empty.
    pub fn values(&self, params: &str) -> Vec<(String, String)> {
        let params: serde_json::Value = serde_json::from_str(params).unwrap_or_default();
        self.names
            .iter()
            .map(|n| {
                let v = params.get(n).and_then(|v| v.as_str()).unwrap_or_default();
                (n.clone(), v.to_owned())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_list_reads_and_fills() {
        let t =
            Templates::parse(" confirmation=SMS_1:title, time ,code ; cancelled=SMS_9 ").unwrap();
        let c = t.of(MessageKind::Confirmation).unwrap();
        assert_eq!(c.code, "SMS_1");
        assert_eq!(
            c.values(r#"{"title": "议事", "code": "AB12CD34", "place": "x"}"#),
            [
                ("title".to_owned(), "议事".to_owned()),
                ("time".to_owned(), String::new()),
                ("code".to_owned(), "AB12CD34".to_owned()),
            ]
        );
        assert!(t.of(MessageKind::Cancelled).unwrap().names.is_empty());
        assert!(t.of(MessageKind::Reminder).is_none());
        assert!(Templates::parse("greeting=SMS_1").is_err());
        assert!(Templates::parse("reminder=:title").is_err());
    }
}
