//! zh-CN first, English second. Every text is a key of [`T`] that carries both languages side by
//! side, so a missing translation is a compile error rather than a blank on a resident's phone.

mod audit_fields;
mod dates;
mod field_errors;
mod figures;
mod labels;
mod lang;
mod texts;

pub use audit_fields::{audit_field, audit_value};
pub use dates::{fmt_date, fmt_datetime, fmt_datetime_short, fmt_period, fmt_time};
pub use figures::{details as figures_details, rate_text, summary as figures_summary};
pub use labels::Label;
pub use lang::{use_lang, Lang};
pub use texts::T;

/// A message about one line of a typed list: "第3行：缺少姓名", "Line 3: No name".
/// An error named by its field, for a list of a form's errors: "协商要点：请填写此项".
pub fn of_field(label: &str, text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{label}：{text}"),
        Lang::En => format!("{label}: {text}"),
    }
}

pub fn on_line(line: usize, text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{line}行：{text}"),
        Lang::En => format!("Line {line}: {text}"),
    }
}
