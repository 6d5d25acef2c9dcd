//! Ending a form post the post/redirect/get way: forward on success, back with what was typed
//! and what was wrong on failure.

use std::collections::BTreeMap;

use http::header;

use super::request::header_value;
use crate::{
    error::AppError,
    forms::{FormState, ERROR_SUMMARY, FLASH_PARAM},
    i18n::T,
};

/// Field errors collected while parsing a form, each keyed by the field's name.
#[derive(Debug, Default)]
pub struct FieldErrors(BTreeMap<String, T>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, error: T) {
        self.0.entry(field.to_owned()).or_insert(error);
    }

    /// Keeps a parsed value, or records the field's error and keeps nothing.
    pub fn check<V, E>(
        &mut self,
        field: &str,
        result: Result<V, E>,
        to_text: impl FnOnce(E) -> T,
    ) -> Option<V> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, to_text(e));
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

pub use crate::forms::FORM_FIELD;

/// Where a successful post goes, and the notice shown there.
#[derive(Default)]
pub struct Done {
    pub to: String,
    pub notice: Option<T>,
    /// A username and its one-time password, shown once on the next page.
    pub secret: Option<(String, String)>,
    /// Whom the notice is about, shown before it: "周建国 签到成功".
    pub subject: Option<String>,
    /// Done, but not as asked (someone already checked in): the notice is shown as a warning.
    pub warning: bool,
}

impl Done {
    /// Goes to `to`, saying nothing.
    pub fn to(to: impl Into<String>) -> Self {
        Self {
            to: to.into(),
            ..Self::default()
        }
    }

    /// Goes to `to` and shows `notice` there.
    pub fn with_notice(to: impl Into<String>, notice: T) -> Self {
        Self {
            to: to.into(),
            notice: Some(notice),
            ..Self::default()
        }
    }

    /// Names whom the notice is about.
    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Shows the notice as a warning.
    pub fn warning(mut self) -> Self {
        self.warning = true;
        self
    }
}

/// Why a post was refused.
pub enum Refusal {
    Fields(FieldErrors),
    App(AppError),
}

impl From<FieldErrors> for Refusal {
    fn from(e: FieldErrors) -> Self {
        Self::Fields(e)
    }
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

impl From<store::repo::StoreError> for Refusal {
    fn from(e: store::repo::StoreError) -> Self {
        Self::App(e.into())
    }
}

/// One form post: the page to fall back to and the typed values worth keeping (never passwords).
pub struct FormPost<'a> {
    fallback: &'a str,
    keep: &'a [(&'a str, &'a str)],
    /// A refused post lands on its form's list of errors (`#error-summary`), wherever the form
    /// sits on the page.
    to_errors: bool,
}

impl<'a> FormPost<'a> {
    pub fn new(fallback: &'a str, keep: &'a [(&'a str, &'a str)]) -> Self {
        Self {
            fallback,
            keep,
            to_errors: true,
        }
    }

    /// A refused post lands at the top of its page instead, for a form whose field takes the
    /// focus itself (the desk's code box): a page opened at a fragment skips `autofocus`.
    pub fn keeping_focus(self) -> Self {
        Self {
            to_errors: false,
            ..self
        }
    }

    /// Ends the post: forward on success; otherwise back to the form with what was typed, the
    /// errors next to their fields, or — when the login lapsed — via the login page and back.
    pub fn finish(self, result: Result<Done, Refusal>) -> Result<(), AppError> {
        let errors = match result {
            Ok(done) => {
                let state = FormState {
                    notice: done.notice,
                    secret: done.secret,
                    subject: done.subject,
                    warning: done.warning,
                    ..FormState::default()
                };
                let target = if state == FormState::default() {
                    done.to
                } else {
                    with_flash(&done.to, &super::state()?.flash.put(state))
                };
                leptos_axum::redirect(&target);
                return Ok(());
            }
            Err(Refusal::Fields(errors)) => errors,
            Err(Refusal::App(AppError::Unauthenticated)) => {
                let token = super::state()?
                    .flash
                    .put(self.state(FieldErrors::default()));
                let back = with_flash(&self.page(), &token);
                leptos_axum::redirect(&format!(
                    "/login?next={}",
                    crate::url::encode_component(&back)
                ));
                return Ok(());
            }
            Err(Refusal::App(e)) => {
                let alert = match e {
                    AppError::Forbidden => T::NotAllowed,
                    AppError::NotFound => T::NotFoundText,
                    AppError::BadRequest(_) => T::BadInput,
                    AppError::TooManyRequests => T::TooManyAttempts,
                    AppError::Unauthenticated | AppError::Unexpected => T::TryAgain,
                };
                let state = FormState {
                    alert: Some(alert),
                    ..self.state(FieldErrors::default())
                };
                let token = super::state()?.flash.put(state);
                leptos_axum::redirect(&with_flash(&self.page(), &token));
                return Ok(());
            }
        };
        let token = super::state()?.flash.put(self.state(errors));
        let page = if self.to_errors {
            format!("{}#{ERROR_SUMMARY}", self.page())
        } else {
            self.page()
        };
        leptos_axum::redirect(&with_flash(&page, &token));
        Ok(())
    }

    /// What is kept of a refused post. Each refusal from an address is counted: past what a
    /// household or a village's shared phone needs, nothing typed is kept (an alert says why),
    /// so one address cannot fill the server's memory with refused forms.
    fn state(&self, errors: FieldErrors) -> FormState {
        let source = super::request::request_path().unwrap_or_default();
        let counted = super::state().is_ok_and(|s| {
            s.limits
                .refusal_from(super::request::client_address(&s.settings))
        });
        if !counted {
            return FormState {
                source,
                alert: Some(T::TooManyAttempts),
                ..FormState::default()
            };
        }
        FormState {
            source,
            values: self
                .keep
                .iter()
                .map(|(k, v)| ((*k).to_owned(), kept(k, v)))
                .collect(),
            errors: errors.0,
            ..FormState::default()
        }
    }

    fn page(&self) -> String {
        referring_page().unwrap_or_else(|| self.fallback.to_owned())
    }
}

/// The most of a field that a refused post keeps: the longest its form accepts. Free texts
/// (minutes, descriptions, findings) accept up to 5,000 characters; every other field — names,
/// titles, numbers, dates, choices — at most 200; a roster, its own limit. A longer entry is
/// refused as too long anyway.
fn kept_max_chars(field: &str) -> usize {
    match field {
        "roster" => crate::domain::ROSTER_MAX_CHARS,
        "key_points" | "consensus" | "disagreements" => 5000,
        "description" | "summary" | "agenda" | "text" | "findings" => 2000,
        "reply" | "evidence" => 1000,
        "comment" => 500,
        _ => 200,
    }
}

fn kept(field: &str, value: &str) -> String {
    let max = kept_max_chars(field);
    match value.char_indices().nth(max) {
        Some((cut, _)) => value[..cut].to_owned(),
        None => value.to_owned(),
    }
}

/// Redirects to `to`, showing `notice` there.
pub fn forward(to: &str, notice: Option<T>) -> Result<(), AppError> {
    let target = match notice {
        Some(n) => with_flash(to, &super::state()?.flash.put(FormState::notice(n))),
        None => to.to_owned(),
    };
    leptos_axum::redirect(&target);
    Ok(())
}

/// The same-site path and query of the page that posted, from the Referer header.
fn referring_page() -> Option<String> {
    let referer = header_value(header::REFERER)?;
    let host = header_value(header::HOST)?;
    local_path(&referer, &host)
}

fn local_path(referer: &str, host: &str) -> Option<String> {
    let rest = referer.split_once("://")?.1;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    (authority == host)
        .then(|| crate::url::safe_local_path(path))
        .flatten()
        .map(str::to_owned)
}

/// `page` with `f=token` as its only flash parameter.
fn with_flash(page: &str, token: &str) -> String {
    let (page, fragment) = page
        .split_once('#')
        .map_or((page, String::new()), |(p, f)| (p, format!("#{f}")));
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with(&format!("{FLASH_PARAM}=")))
        .collect();
    let flash = format!("{FLASH_PARAM}={token}");
    pairs.push(&flash);
    format!("{path}?{}{fragment}", pairs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_host_paths_are_followed_back() {
        assert_eq!(
            local_path("http://a.cn/x?y=1", "a.cn").as_deref(),
            Some("/x?y=1")
        );
        assert_eq!(local_path("http://a.cn", "a.cn"), None);
        assert_eq!(local_path("http://evil.cn/x", "a.cn"), None);
        assert_eq!(local_path("http://a.cn//evil.cn/x", "a.cn"), None);
        assert_eq!(local_path("garbage", "a.cn"), None);
    }

    #[test]
    fn a_kept_field_is_cut_at_its_own_maximum() {
        assert_eq!(kept("name", &"张".repeat(10_000)).chars().count(), 200);
        assert_eq!(
            kept("key_points", &"张".repeat(10_000)).chars().count(),
            5000
        );
        assert_eq!(kept("comment", "好"), "好");
    }

    #[test]
    fn the_flash_parameter_replaces_an_old_one() {
        assert_eq!(with_flash("/p", "t"), "/p?f=t");
        assert_eq!(with_flash("/p?a=1&f=old", "t"), "/p?a=1&f=t");
        assert_eq!(with_flash("/p#check-in", "t"), "/p?f=t#check-in");
    }
}
