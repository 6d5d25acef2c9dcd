use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use leptos::prelude::*;

use crate::{
    forms::{FormState, ERROR_SUMMARY},
    i18n::{of_field, on_line, use_lang, T},
};

/// The state one form shows: the page's flash state if this form was the one posted, and the
/// labels its fields gave themselves, so the error summary names each field it lists.
#[derive(Clone, Default)]
struct ThisForm(FormState, Labels, Prefix);

/// What the ids of a form's fields start with: nothing in a page's first form, `f2-` in its
/// second, and so on, so that two forms with a field of the same name keep their ids apart.
#[derive(Clone, Default)]
struct Prefix(Arc<str>);

/// Numbers the forms of the page being rendered (provided once per page by the shell), by action
/// and row: a page may be rendered in more than one pass, and each pass must give a form the same
/// ids.
#[derive(Clone, Default)]
pub struct FormCount(Arc<Mutex<HashMap<String, Prefix>>>);

impl FormCount {
    fn prefix(&self, action: &str, row: Option<&str>) -> Prefix {
        let Ok(mut forms) = self.0.lock() else {
            return Prefix::default();
        };
        let n = forms.len();
        forms
            .entry(format!("{action}#{}", row.unwrap_or("")))
            .or_insert_with(|| match n {
                0 => Prefix::default(),
                n => Prefix(Arc::from(format!("f{}-", n + 1))),
            })
            .clone()
    }
}

/// The id of a part (`field`, `hint`, `error`, `lines`) of the field `name` of the enclosing form.
fn dom_id(part: &str, name: &str) -> String {
    let prefix = use_context::<ThisForm>().unwrap_or_default().2;
    format!("{}{part}-{name}", prefix.0)
}

#[derive(Clone, Default)]
struct Labels(Arc<Mutex<BTreeMap<&'static str, T>>>);

impl Labels {
    fn of(&self, name: &str) -> Option<T> {
        self.0.lock().ok()?.get(name).copied()
    }
}

/// A field of the enclosing form says what it is called.
fn register_label(name: &'static str, label: T) {
    if let Some(ThisForm(_, labels, _)) = use_context::<ThisForm>() {
        if let Ok(mut map) = labels.0.lock() {
            map.insert(name, label);
        }
    }
}

fn field_state(name: &str, default: String) -> (String, Option<T>) {
    let (value, error) = submitted(name);
    (value.unwrap_or(default), error)
}

/// The errors of single lines of a field (`name.3`), by line number.
fn line_errors(name: &str) -> Vec<(usize, T)> {
    let form = use_context::<ThisForm>().unwrap_or_default().0;
    let mut lines: Vec<(usize, T)> = form
        .errors
        .iter()
        .filter_map(|(k, t)| {
            let line = k.strip_prefix(name)?.strip_prefix('.')?.parse().ok()?;
            Some((line, *t))
        })
        .collect();
    lines.sort_by_key(|(n, _)| *n);
    lines
}

/// What the enclosing form last posted for a field, and its error, for fields built by hand.
pub fn submitted(name: &str) -> (Option<String>, Option<T>) {
    let form = use_context::<ThisForm>().unwrap_or_default().0;
    (form.value(name), form.error(name))
}

/// A plain HTML form posting to a server function, so it works without JavaScript. Shows the
/// errors of the last post at the top (each linking to its field) and hands the typed values
/// back to its fields.
///
/// A page that repeats one form per row names the row (`row`); its server function keeps the
/// row's key as the value `row`, so that only the row that was posted shows its errors.
#[component]
pub fn PostForm(
    action: &'static str,
    state: FormState,
    #[prop(optional, into)] row: Option<String>,
    /// The form sends a file (`multipart/form-data`).
    #[prop(optional)]
    multipart: bool,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let mine = if state.source == action
        && row
            .as_ref()
            .is_none_or(|r| state.value("row").as_ref() == Some(r))
    {
        state
    } else {
        FormState::default()
    };
    let summary: Vec<(String, T)> = mine.errors.iter().map(|(k, v)| (k.clone(), *v)).collect();
    let has_errors = !summary.is_empty();
    let labels = Labels::default();
    let prefix = use_context::<FormCount>()
        .map(|count| count.prefix(action, row.as_deref()))
        .unwrap_or_default();
    provide_context(ThisForm(mine, labels.clone(), prefix.clone()));
    // The fields first, so that each has said what it is called before the summary names it.
    let fields = children();
    view! {
        // `novalidate`: the server's own messages, in the reader's language and next to their
        // fields, instead of the browser's fading bubble in the browser's language.
        <form method="post" action=action class="form" novalidate=true enctype=multipart.then_some("multipart/form-data")>
            {(!summary.is_empty()).then(|| view! {
                // A refused post lands here (`#error-summary`); only the refused form has one.
                <div class="error-summary" id=ERROR_SUMMARY role="alert" tabindex="-1">
                    <h2>{T::ErrorSummaryTitle.tr(lang)}</h2>
                    <ul>
                        {summary.into_iter().map(|(field, text)| {
                            // `roster.3` is line 3 of the field `roster`.
                            let (name, line) = match field.split_once('.') {
                                Some((name, line)) => (name.to_owned(), line.parse().ok()),
                                None => (field, None),
                            };
                            let href = format!("#{}field-{name}", prefix.0);
                            let text = match line {
                                Some(n) => on_line(n, text.tr(lang), lang),
                                None => text.tr(lang).to_owned(),
                            };
                            let text = match labels.of(&name) {
                                Some(label) => of_field(label.tr(lang), &text, lang),
                                None => text,
                            };
                            view! { <li><a href=href>{text}</a></li> }
                        }).collect_view()}
                    </ul>
                </div>
            })}
            // Where the summary's link to a form-level error leads; only a form with errors has one.
            {has_errors.then(|| view! { <span id=format!("{}field-_form", prefix.0)></span> })}
            {fields}
        </form>
    }
}

fn label_view(
    name: &'static str,
    label: T,
    optional: bool,
    hint: Option<T>,
    error: Option<T>,
) -> impl IntoView {
    let lang = use_lang();
    register_label(name, label);
    view! {
        <label for=dom_id("field", name)>
            {label.tr(lang)}
            {optional.then(|| view! { <span class="optional">{T::Optional.tr(lang)}</span> })}
        </label>
        {hint.map(|h| view! { <p class="hint" id=dom_id("hint", name)>{h.tr(lang)}</p> })}
        {error.map(|e| view! { <p class="field-error" id=dom_id("error", name)>{e.tr(lang)}</p> })}
    }
}

fn described_by(name: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [
        hint.then(|| dom_id("hint", name)),
        error.then(|| dom_id("error", name)),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A single-line input.
#[component]
pub fn TextField(
    name: &'static str,
    label: T,
    #[prop(optional, into)] default: String,
    #[prop(optional)] hint: Option<T>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] optional: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// The id of a `<datalist>` of suggested values.
    #[prop(optional)]
    list: Option<&'static str>,
    /// Takes the focus when the page loads (the desk's code box, after each check-in).
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let (value, error) = field_state(name, default);
    // Passwords are never sent back into the page.
    let value = (kind != "password").then_some(value);
    view! {
        <div class="field" class:has-error=error.is_some()>
            {label_view(name, label, optional, hint, error)}
            <input
                type=kind
                id=dom_id("field", name)
                name=name
                value=value
                required=!optional
                autocomplete=autocomplete
                inputmode=inputmode
                list=list
                autofocus=autofocus
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described_by(name, hint.is_some(), error.is_some())
            />
        </div>
    }
}

/// A multi-line input. Errors of single lines (`name.3`, from a list typed one item per line)
/// are listed under its label with their line numbers.
#[component]
pub fn TextArea(
    name: &'static str,
    label: T,
    #[prop(optional, into)] default: String,
    #[prop(optional)] hint: Option<T>,
    #[prop(optional)] optional: bool,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let lang = use_lang();
    let (value, error) = field_state(name, default);
    let lines = line_errors(name);
    let invalid = error.is_some() || !lines.is_empty();
    let described = [
        described_by(name, hint.is_some(), error.is_some()),
        (!lines.is_empty()).then(|| dom_id("lines", name)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="field" class:has-error=invalid>
            {label_view(name, label, optional, hint, error)}
            {(!lines.is_empty()).then(|| view! {
                <ul class="field-error" id=dom_id("lines", name)>
                    {lines.into_iter().map(|(n, t)| view! { <li>{on_line(n, t.tr(lang), lang)}</li> }).collect_view()}
                </ul>
            })}
            <textarea
                id=dom_id("field", name)
                name=name
                rows=rows.to_string()
                required=!optional
                aria-invalid=invalid.then_some("true")
                aria-describedby=(!described.is_empty()).then_some(described)
            // Leptos writes a textarea's text unescaped (it escapes no raw-text element's
            // children), so typed `</textarea>` would end the element: escape it here.
            >{html_escape::encode_text(&value).into_owned()}</textarea>
        </div>
    }
}

/// A choice among `options` (value, text).
#[component]
pub fn SelectField(
    name: &'static str,
    label: T,
    options: Vec<(String, String)>,
    #[prop(optional, into)] default: String,
    #[prop(optional)] hint: Option<T>,
    /// Not every form needs this choice (it depends on another field).
    #[prop(optional)]
    optional: bool,
) -> impl IntoView {
    let lang = use_lang();
    let (value, error) = field_state(name, default);
    view! {
        <div class="field" class:has-error=error.is_some()>
            {label_view(name, label, optional, hint, error)}
            <select
                id=dom_id("field", name)
                name=name
                required=!optional
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described_by(name, hint.is_some(), error.is_some())
            >
                <option value="" selected=value.is_empty()>{T::ChooseOne.tr(lang)}</option>
                {options.into_iter().map(|(v, text)| {
                    let selected = v == value;
                    view! { <option value=v selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Any number of choices among `options` (value, text). The form posts `name[]` once per ticked
/// box; a refused post keeps them as one comma-joined value under `name`.
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    label: T,
    options: Vec<(String, String)>,
    #[prop(optional)] default: Vec<String>,
    #[prop(optional)] hint: Option<T>,
) -> impl IntoView {
    let lang = use_lang();
    let (kept, error) = submitted(name);
    let ticked: Vec<String> = match kept {
        Some(joined) => joined.split(',').map(str::to_owned).collect(),
        None => default,
    };
    view! {
        <fieldset class="field checkboxes" class:has-error=error.is_some() id=dom_id("field", name)>
            <legend>{label.tr(lang)}</legend>
            {hint.map(|h| view! { <p class="hint">{h.tr(lang)}</p> })}
            {error.map(|e| view! { <p class="field-error">{e.tr(lang)}</p> })}
            {options.into_iter().map(|(value, text)| {
                let checked = ticked.contains(&value);
                view! {
                    <label class="checkbox">
                        <input type="checkbox" name=format!("{name}[]") value=value checked=checked/>
                        " " {text}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// One choice among `options` (value, text), as radio buttons: every choice visible at once,
/// for short lists where a select would hide them.
#[component]
pub fn RadioGroup(
    name: &'static str,
    label: T,
    options: Vec<(String, String)>,
    #[prop(optional, into)] default: String,
) -> impl IntoView {
    let lang = use_lang();
    let (kept, error) = submitted(name);
    let chosen = kept.unwrap_or(default);
    register_label(name, label);
    view! {
        <fieldset class="field radios" class:has-error=error.is_some() id=dom_id("field", name)>
            <legend>{label.tr(lang)}</legend>
            {error.map(|e| view! { <p class="field-error">{e.tr(lang)}</p> })}
            {options.into_iter().map(|(value, text)| {
                let checked = value == chosen;
                view! {
                    <label class="checkbox">
                        <input type="radio" name=name value=value checked=checked/>
                        " " {text}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn Hidden(name: &'static str, #[prop(into)] value: String) -> impl IntoView {
    view! { <input type="hidden" name=name value=value/> }
}

#[component]
pub fn Submit(label: T, #[prop(optional)] secondary: bool) -> impl IntoView {
    let lang = use_lang();
    view! { <button type="submit" class="button" class:secondary=secondary>{label.tr(lang)}</button> }
}

/// The notice of a successful post, or why a post was refused, at the top of the page it led to.
/// A refused form's errors are listed at the form; on a staff page, which runs long, a banner at
/// the top also says nothing was saved and leads down to them.
#[component]
pub fn Notice(state: FormState, #[prop(optional)] banner: bool) -> impl IntoView {
    let lang = use_lang();
    let refused = banner && !state.errors.is_empty();
    view! {
        {refused.then(|| view! {
            <p class="notice error" role="alert">
                <a href=format!("#{ERROR_SUMMARY}")>{T::NotSavedSeeBelow.tr(lang)}</a>
            </p>
        })}
        {state.notice.map(|n| view! {
            <p class="notice" class:warning=state.warning role="status">
                {state.subject.map(|s| view! { <strong>{s}</strong> " " })}
                {n.tr(lang)}
            </p>
        })}
        {state.alert.map(|a| view! { <p class="notice error" role="alert">{a.tr(lang)}</p> })}
        {state.secret.map(|(user, password)| view! {
            <p class="notice secret">
                {user} " · " {T::OneTimePassword.tr(lang)} " " <code>{password}</code>
            </p>
        })}
    }
}
