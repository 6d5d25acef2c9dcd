use leptos::prelude::*;

use crate::error::AppError;

/// A participant rates what came of the session (满意 / 基本满意 / 不满意), once per
/// registration, with the code that is their key.
#[server(endpoint = "results/rate")]
pub async fn rate_session(
    #[server(default)] code: String,
    #[server(default)] satisfaction: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use crate::domain::{RequiredText, Satisfaction};
    use crate::i18n::T;
    use crate::web::code_guard::CodeGuard;
    use crate::web::forms::{Done, FieldErrors, FormPost};
    use store::clock::now_local;
    use store::repo::reviews::{self, Rated};

    let keep = [
        ("satisfaction", satisfaction.as_str()),
        ("comment", comment.as_str()),
    ];
    let result = async {
        let guard = CodeGuard::new()?;
        let code = guard.parse(&code)?;
        let mut errors = FieldErrors::default();
        let satisfaction = errors.check(
            "satisfaction",
            Satisfaction::from_code(&satisfaction).ok_or(()),
            |_| T::ChooseOne,
        );
        let comment = errors.check(
            "comment",
            RequiredText::parse_optional(&comment, 500),
            |_| T::TooLong,
        );
        let (Some(satisfaction), Some(comment)) = (satisfaction, comment) else {
            return Err(errors.into());
        };
        let db = guard.state().db.clone();
        let rated = reviews::rate(
            &db,
            &code,
            satisfaction,
            comment.as_ref().map(RequiredText::as_str),
            now_local(),
        )
        .await?;
        let refusal = match rated {
            Rated::Done => None,
            Rated::Already => Some(T::AlreadyRated),
            Rated::NotAttended => Some(T::RateNotAttended),
            Rated::NotYet => Some(T::RateNotYet),
            Rated::Unknown => return Err(guard.miss().into()),
        };
        if let Some(text) = refusal {
            errors.add("satisfaction", text);
            return Err(errors.into());
        }
        Ok(Done::with_notice(
            format!("/r/{}#rating", code.as_str()),
            T::RatingThanks,
        ))
    }
    .await;
    FormPost::new("/", &keep).finish(result)
}
