//! After the meeting: an overview of attendance from the check-ins, the minutes, one record per
//! suggestion with its handling light, the problems resolved, follow-up visits and ratings, each
//! with the link to its task; each task (the minutes, a suggestion, a problem, a visit, an upload,
//! members at the table) is a screen of its own with one form, so a post never throws away what
//! was typed into another form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::member_picker::{MemberPicker, PickerOn};
use crate::{
    api::closing::{
        load_closing, AddOutcome, AddProblem, AddReview, AttachFile, AttachSignInSheet, Change,
        ClosingView, MinutesText, OutcomeRow, ProblemRow, ResolveProblem, SaveMinutes,
        UpdateOutcome,
    },
    components::{
        page_id, Hidden, LoadedForm, OutcomeFacts, PostForm, ProblemFacts, RatingLine, ReviewCards,
        SelectField, Submit, TextArea, TextField,
    },
    domain::{Adoption, Conversion, HandlingStatus, OutcomeForm, ResultClass, ReviewerKind},
    forms::FormState,
    i18n::{fmt_datetime, use_lang, Label, T},
};

#[component]
pub fn ClosingPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        load_closing(id.ok_or(crate::error::AppError::NotFound)?).await
    });
    view! { <LoadedForm data=data render=|v, state| view! { <Closing view=v state=state/> }/> }
}

fn options<V: Label + Copy>(all: &[V], code: fn(V) -> &'static str) -> Vec<(String, String)> {
    let lang = use_lang();
    all.iter()
        .map(|v| (code(*v).to_owned(), v.label(lang).to_owned()))
        .collect()
}

fn server_path<S: leptos::server_fn::ServerFn>() -> &'static str {
    S::PATH
}

/// What the page shows: the overview of everything recorded, which has no form, or one task's
/// form alone (GOV.UK's one thing per page), so that nothing typed into one form is lost by
/// sending another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Task {
    Overview,
    Minutes,
    SignInSheet,
    Files,
    Members,
    AddOutcome,
    Outcome(i64),
    AddProblem,
    Problem(i64),
    AddReview,
}

impl Task {
    /// The task of the form whose refused post came back here (wherever it was sent from), else
    /// the one the address names (`?task=`, `?outcome=`, `?problem=`, a member search).
    fn chosen(query: &leptos_router::params::ParamsMap, state: &FormState) -> Self {
        let row = || state.value("row").and_then(|v| v.parse().ok());
        let posted = match state.source.as_str() {
            "" => None,
            s if s == server_path::<SaveMinutes>() => Some(Self::Minutes),
            s if s == server_path::<AttachSignInSheet>() => Some(Self::SignInSheet),
            s if s == server_path::<AttachFile>() => Some(Self::Files),
            s if s == server_path::<AddOutcome>() => Some(Self::AddOutcome),
            s if s == server_path::<UpdateOutcome>() => row().map(Self::Outcome),
            s if s == server_path::<AddProblem>() => Some(Self::AddProblem),
            s if s == server_path::<ResolveProblem>() => row().map(Self::Problem),
            s if s == server_path::<AddReview>() => Some(Self::AddReview),
            _ => None,
        };
        let id = |key: &str| query.get(key).and_then(|v| v.parse().ok());
        let named = || match query.get("task").as_deref() {
            Some("minutes") => Self::Minutes,
            Some("sheet") => Self::SignInSheet,
            Some("files") => Self::Files,
            Some("members") => Self::Members,
            Some("outcome") => Self::AddOutcome,
            Some("problem") => Self::AddProblem,
            Some("review") => Self::AddReview,
            _ if query.get("member_q").is_some() => Self::Members,
            _ => id("outcome")
                .map(Self::Outcome)
                .or_else(|| id("problem").map(Self::Problem))
                .unwrap_or(Self::Overview),
        };
        posted.unwrap_or_else(named)
    }

    /// The link that opens this task from the overview.
    fn href(self) -> String {
        match self {
            Self::Overview => "?".to_owned(),
            Self::Minutes => "?task=minutes#minutes".to_owned(),
            Self::SignInSheet => "?task=sheet#evidence".to_owned(),
            Self::Files => "?task=files#files".to_owned(),
            Self::Members => "?task=members#members".to_owned(),
            Self::AddOutcome => "?task=outcome#outcomes".to_owned(),
            Self::Outcome(id) => format!("?outcome={id}#outcome-{id}"),
            Self::AddProblem => "?task=problem#problems".to_owned(),
            Self::Problem(id) => format!("?problem={id}#problem-{id}"),
            Self::AddReview => "?task=review#reviews".to_owned(),
        }
    }
}

/// A link that opens a task, shaped as a button: the next thing to do.
#[component]
fn TaskLink(task: Task, label: T, #[prop(optional)] primary: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="task-link">
            <a class="button" class:secondary=!primary href=task.href()>{label.tr(lang)}</a>
        </p>
    }
}

#[component]
fn Closing(view: ClosingView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let task = Task::chosen(&query.read_untracked(), &state);
    let card = view.card.clone();
    let held = card.started
        && !matches!(
            card.status,
            crate::domain::SessionStatus::Draft | crate::domain::SessionStatus::Cancelled
        );
    let overview = format!("/manage/sessions/{}/closing", card.id);
    view! {
        <Title text=format!("{} · {}", T::ClosingTitle.tr(lang), card.title)/>
        <p><a href=format!("/manage/sessions/{}", card.id)>{card.title.clone()}</a></p>
        {if !held {
            // A refused post for a session not held yet lands here with its message.
            view! {
                <h1>{T::ClosingTitle.tr(lang)}</h1>
                {state.error("_form").map(|e| view! { <p class="notice error" role="alert">{e.tr(lang)}</p> })}
                <p class="notice warning">{T::SessionNotHeldYet.tr(lang)}</p>
            }.into_any()
        } else if task == Task::Overview {
            view! { <Overview view=view/> }.into_any()
        } else {
            view! {
                <p><a href=overview>{T::BackToClosing.tr(lang)}</a></p>
                <TaskForm task=task view=view state=state/>
            }.into_any()
        }}
    }
}

/// Everything recorded after the session, each part with the link to its task.
#[component]
fn Overview(view: ClosingView) -> impl IntoView {
    let lang = use_lang();
    let card = view.card.clone();
    let outcome_count = view.outcomes.len();
    view! {
        <h1>{T::ClosingTitle.tr(lang)}</h1>
        <p class="status-line"><strong>{card.status.label(lang)}</strong> " · " {fmt_datetime(card.starts_at, lang)}</p>
        <p class="actions">
            <a href=format!("/sessions/{}/results", card.id)>{T::ResultsTitle.tr(lang)}</a>
            <a href=format!("/manage/sessions/{}/audit", card.id)>{T::AuditTitle.tr(lang)}</a>
        </p>
        {view.recorded_afterwards.then(|| view! {
            <section id="evidence" class="notice">
                <p><span class="chip">{T::RecordedAfterwards.tr(lang)}</span></p>
                <h2>{T::SignInSheetPhoto.tr(lang)}</h2>
                {match view.sign_in_sheet.clone() {
                    Some(key) => view! {
                        <p><a href=format!("/files/{key}")>{T::ViewSignInSheetPhoto.tr(lang)}</a></p>
                    }.into_any(),
                    None => view! {
                        <p>{T::SignInSheetPhotoMissing.tr(lang)}</p>
                        <TaskLink task=Task::SignInSheet label=T::UploadSignInSheet/>
                    }.into_any(),
                }}
            </section>
        })}
        {view.imported_from.clone().map(|(file, at, sha)| view! {
            <p class="notice"><span class="chip">{T::ImportedChip.tr(lang)}</span> " "
                {file} " · " {fmt_datetime(at, lang)} " · SHA-256 " <code>{sha.chars().take(12).collect::<String>()}</code></p>
        })}
        <AttendanceBox view=view.clone()/>
        <section id="minutes">
            <h2>{T::MinutesTitle.tr(lang)}</h2>
            {if view.has_minutes {
                view! {
                    <MinutesRead minutes=view.minutes.clone()/>
                    <TaskLink task=Task::Minutes label=T::EditMinutes/>
                }.into_any()
            } else {
                view! {
                    <p class="muted">{T::NoMinutesYet.tr(lang)}</p>
                    <TaskLink task=Task::Minutes label=T::WriteMinutes primary=true/>
                }.into_any()
            }}
        </section>
        <section id="files">
            <h2>{T::FilesTitle.tr(lang)}</h2>
            <FileList view=view.clone()/>
            <TaskLink task=Task::Files label=T::UploadFiles/>
        </section>
        <section id="outcomes">
            <h2>{format!("{}（{outcome_count}）", T::OutcomesTitle.tr(lang))}</h2>
            <OutcomeList outcomes=view.outcomes.clone() history=view.history.clone()/>
            <TaskLink task=Task::AddOutcome label=T::AddOutcome/>
        </section>
        <section id="problems">
            <h2>{format!("{}（{}）", T::ProblemsTitle.tr(lang), view.problems.len())}</h2>
            <ProblemList problems=view.problems.clone() history=view.history.clone()/>
            <TaskLink task=Task::AddProblem label=T::AddProblem/>
        </section>
        <section id="reviews">
            <h2>{format!("{}（{}）", T::ReviewsTitle.tr(lang), view.reviews.len())}</h2>
            <ReviewCards reviews=view.reviews.clone()/>
            <TaskLink task=Task::AddReview label=T::AddReview/>
        </section>
    }
}

/// The minutes as recorded, read-only.
#[component]
fn MinutesRead(minutes: MinutesText) -> impl IntoView {
    let lang = use_lang();
    let m = minutes;
    let part = |label: T, text: String| {
        (!text.trim().is_empty()).then(|| {
            view! {
                <h3>{label.tr(lang)}</h3>
                <p class="prose">{text}</p>
            }
        })
    };
    let vote = (!m.vote_subject.trim().is_empty()).then(|| {
        view! {
            <h3>{T::VoteSubject.tr(lang)}</h3>
            <p>{m.vote_subject.clone()} " · "
                {T::VotesFor.tr(lang)} " " {m.votes_for.clone()} " · "
                {T::VotesAgainst.tr(lang)} " " {m.votes_against.clone()} " · "
                {T::VotesAbstain.tr(lang)} " " {m.votes_abstain.clone()}</p>
        }
    });
    view! {
        {part(T::Agenda, m.agenda.clone())}
        {part(T::KeyPoints, m.key_points.clone())}
        {part(T::Consensus, m.consensus.clone())}
        {part(T::Disagreements, m.disagreements.clone())}
        {vote}
    }
}

/// One task's form, alone on the screen, under the heading of what it does.
#[component]
fn TaskForm(task: Task, view: ClosingView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let id = view.card.id.to_string();
    let outcome_links: Vec<(String, String)> = view
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.to_string(), format!("{}. {}", i + 1, short(&o.text))))
        .collect();
    // The lead-department fields suggest the area's departments (typing another name is
    // allowed: a ledger may name one not on the list).
    let departments = || {
        view! {
            <datalist id="departments">
                {view.departments.iter().map(|d| view! { <option value=d.clone()></option> }).collect_view()}
            </datalist>
        }
    };
    let heading = |text: T, anchor: &'static str| view! { <h1 id=anchor>{text.tr(lang)}</h1> };
    match task {
        Task::Overview => ().into_any(),
        Task::Minutes => view! {
            {heading(T::MinutesTitle, "minutes")}
            <MinutesForm id=id minutes=view.minutes state=state/>
        }
        .into_any(),
        Task::SignInSheet => view! {
            {heading(T::SignInSheetPhoto, "evidence")}
            <UploadForm action={server_path::<AttachSignInSheet>()} id=id label=T::SignInSheetPhoto
                hint=T::SignInSheetPhotoHint camera=true state=state/>
        }
        .into_any(),
        Task::Files => view! {
            {heading(T::UploadFiles, "files")}
            <FileList view=view.clone()/>
            <UploadForm action={server_path::<AttachFile>()} id=id label=T::FileField state=state/>
        }
        .into_any(),
        Task::Members => view! {
            <MemberPicker id=view.card.id on=PickerOn::Closing state=state/>
        }
        .into_any(),
        Task::AddOutcome => view! {
            {heading(T::AddOutcome, "outcomes")}
            {departments()}
            <AddOutcomeForm id=id members=view.members.clone() state=state/>
        }
        .into_any(),
        Task::Outcome(row) => match view.outcomes.iter().find(|o| o.id == row) {
            Some(o) => view! {
                {heading(T::UpdateOutcomeTitle, "outcomes")}
                <div class="card" id=format!("outcome-{row}")><OutcomeFacts outcome=o.clone()/></div>
                {departments()}
                <HandlingForm id=id outcome=o.clone() state=state/>
            }
            .into_any(),
            None => view! { <p class="notice warning">{T::NotFoundText.tr(lang)}</p> }.into_any(),
        },
        Task::AddProblem => view! {
            {heading(T::AddProblem, "problems")}
            <PostForm action={server_path::<AddProblem>()} state=state>
                <Hidden name="id" value=id/>
                <TextArea name="description" label=T::ProblemDescription/>
                <SelectField name="problem_outcome" label=T::LinkedOutcome options=outcome_links optional=true/>
                <Submit label=T::AddProblem/>
            </PostForm>
        }
        .into_any(),
        Task::Problem(row) => match view.problems.iter().find(|p| p.id == row && p.resolved_on.is_none()) {
            Some(p) => view! {
                {heading(T::ResolveProblem, "problems")}
                <div class="card" id=format!("problem-{row}")><ProblemFacts problem=p.clone()/></div>
                <PostForm action={server_path::<ResolveProblem>()} state=state row=row.to_string()>
                    <Hidden name="id" value=id/>
                    <Hidden name="row" value=row.to_string()/>
                    <TextField name="resolved_on" label=T::ResolvedOn kind="date" default=view.today.to_string()/>
                    <TextArea name="evidence" label=T::Evidence hint=T::EvidenceHint/>
                    <Submit label=T::ResolveProblem/>
                </PostForm>
            }
            .into_any(),
            None => view! { <p class="notice warning">{T::NotFoundText.tr(lang)}</p> }.into_any(),
        },
        Task::AddReview => view! {
            {heading(T::AddReview, "reviews")}
            <PostForm action={server_path::<AddReview>()} state=state>
                <Hidden name="id" value=id/>
                <TextField name="reviewed_on" label=T::ReviewedOn kind="date" default=view.today.to_string()/>
                <SelectField name="reviewer_kind" label=T::ReviewerKindLabel options=options(ReviewerKind::ALL, ReviewerKind::code)/>
                <TextArea name="findings" label=T::Findings/>
                <SelectField name="review_outcome" label=T::LinkedOutcome options=outcome_links optional=true/>
                <Submit label=T::AddReview/>
            </PostForm>
        }
        .into_any(),
    }
}

/// The first words of a long text, for a choice list.
fn short(text: &str) -> String {
    let mut s: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        s.push('…');
    }
    s
}

#[component]
fn AttendanceBox(view: ClosingView) -> impl IntoView {
    let lang = use_lang();
    let a = view.attendance;
    view! {
        <section id="attendance">
            <h2>{T::AttendanceTitle.tr(lang)}</h2>
            <p class="counts">
                {T::AttendedTotal.tr(lang)} " " <strong>{a.total}</strong>
                " · " {T::WalkIns.tr(lang)} " " {a.walk_ins}
            </p>
            <p class="chips">
                {a.by_role.into_iter().map(|(role, n)| view! { <span class="chip">{role.label(lang)} " " {n}</span> }).collect_view()}
            </p>
            <TaskLink task=Task::Members label=T::RecordMembers/>
            <h3>{T::RatingsTitle.tr(lang)}</h3>
            <RatingLine tally=view.ratings/>
        </section>
    }
}

#[component]
fn MinutesForm(id: String, minutes: MinutesText, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let m = minutes;
    view! {
        <PostForm action={server_path::<SaveMinutes>()} state=state>
            <Hidden name="id" value=id/>
            <TextArea name="agenda" label=T::Agenda default=m.agenda/>
            <TextArea name="key_points" label=T::KeyPoints default=m.key_points/>
            <TextArea name="consensus" label=T::Consensus optional=true default=m.consensus/>
            <TextArea name="disagreements" label=T::Disagreements optional=true default=m.disagreements/>
            <fieldset class="field">
                <legend>{T::VoteTitle.tr(lang)}</legend>
                <TextField name="vote_subject" label=T::VoteSubject optional=true default=m.vote_subject/>
                <div class="filters">
                    <TextField name="votes_for" label=T::VotesFor inputmode="numeric" optional=true default=m.votes_for/>
                    <TextField name="votes_against" label=T::VotesAgainst inputmode="numeric" optional=true default=m.votes_against/>
                    <TextField name="votes_abstain" label=T::VotesAbstain inputmode="numeric" optional=true default=m.votes_abstain/>
                </div>
            </fieldset>
            <Submit label=T::SaveMinutes/>
        </PostForm>
    }
}

#[component]
fn OutcomeList(outcomes: Vec<OutcomeRow>, history: Vec<Change>) -> impl IntoView {
    let lang = use_lang();
    if outcomes.is_empty() {
        return view! { <p class="muted">{T::NoOutcomes.tr(lang)}</p> }.into_any();
    }
    view! {
        <ol class="cards">
            {outcomes.into_iter().map(|o| view! {
                <li class="card" id=format!("outcome-{}", o.id)>
                    <OutcomeFacts outcome=o.clone()/>
                    <History changes=history.clone() entity="outcome" id=o.id/>
                    <p><a href=Task::Outcome(o.id).href()>{T::UpdateOutcomeTitle.tr(lang)}</a></p>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn HandlingForm(id: String, outcome: OutcomeRow, state: FormState) -> impl IntoView {
    let o = outcome;
    let code = |v: Option<&'static str>| v.unwrap_or_default().to_owned();
    view! {
        <PostForm action={server_path::<UpdateOutcome>()} state=state row=o.id.to_string()>
            <Hidden name="id" value=id/>
            <Hidden name="row" value=o.id.to_string()/>
            <SelectField name="handling_status" label=T::HandlingStatusLabel options=options(HandlingStatus::ALL, HandlingStatus::code) default=o.handling_status.code()/>
            <SelectField name="result_class" label=T::ResultClassLabel options=options(ResultClass::ALL, ResultClass::code) optional=true default=code(o.result_class.map(ResultClass::code))/>
            <SelectField name="adoption" label=T::AdoptionLabel options=options(Adoption::ALL, Adoption::code) optional=true default=code(o.adoption.map(Adoption::code))/>
            <SelectField name="conversion" label=T::ConversionLabel options=options(Conversion::ALL, Conversion::code) optional=true default=code(o.conversion.map(Conversion::code))/>
            <TextField name="lead_department" label=T::LeadDepartment optional=true list="departments" default=o.lead_department.clone().unwrap_or_default()/>
            <TextField name="helpers" label=T::HelperDepartments hint=T::HelpersHint optional=true default=o.helpers.join("、")/>
            <TextField name="deadline" label=T::Deadline kind="date" optional=true default=o.deadline.map(|d| d.to_string()).unwrap_or_default()/>
            <TextField name="feedback_on" label=T::FeedbackOn kind="date" optional=true default=o.feedback_on.map(|d| d.to_string()).unwrap_or_default()/>
            <Submit label=T::UpdateOutcome/>
        </PostForm>
    }
}

#[component]
fn AddOutcomeForm(id: String, members: Vec<(i64, String)>, state: FormState) -> impl IntoView {
    let members: Vec<(String, String)> = members
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let has_members = !members.is_empty();
    view! {
        <PostForm action={server_path::<AddOutcome>()} state=state>
            <Hidden name="id" value=id/>
            <TextArea name="text" label=T::OutcomeText/>
            <SelectField name="form" label=T::OutcomeFormLabel options=options(OutcomeForm::ALL, OutcomeForm::code) default="consensus"/>
            {has_members.then(|| view! {
                <SelectField name="proposer" label=T::Proposer options=members.clone() optional=true hint=T::NoProposer/>
            })}
            <TextField name="lead_department" label=T::LeadDepartment optional=true list="departments"/>
            <TextField name="helpers" label=T::HelperDepartments hint=T::HelpersHint optional=true/>
            <TextField name="deadline" label=T::Deadline kind="date" optional=true/>
            <Submit label=T::AddOutcome/>
        </PostForm>
    }
}

#[component]
fn ProblemList(problems: Vec<ProblemRow>, history: Vec<Change>) -> impl IntoView {
    let lang = use_lang();
    if problems.is_empty() {
        return view! { <p class="muted">{T::NoProblems.tr(lang)}</p> }.into_any();
    }
    view! {
        <ol class="cards">
            {problems.into_iter().map(|p| {
                let link = p.resolved_on.is_none().then(|| view! {
                    <p><a href=Task::Problem(p.id).href()>{T::ResolveProblem.tr(lang)}</a></p>
                });
                view! {
                    <li class="card" id=format!("problem-{}", p.id)>
                        <ProblemFacts problem=p.clone()/>
                        <History changes=history.clone() entity="problem" id=p.id/>
                        {link}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// Photos and files of the session.
#[component]
fn FileList(view: ClosingView) -> impl IntoView {
    let lang = use_lang();
    if view.attachments.is_empty() {
        return view! { <p class="muted">{T::NoFiles.tr(lang)}</p> }.into_any();
    }
    view! {
        <ul class="files">
            {view.attachments.into_iter().map(|a| {
                let href = format!("/files/{}", a.storage_key);
                let size = format!("{:.1} MB", a.size_bytes as f64 / 1_048_576.0);
                if a.kind == "photo" {
                    view! { <li><a href=href.clone()><img src=href.clone() alt=a.file_name.clone() loading="lazy" width="160"/></a></li> }.into_any()
                } else {
                    view! { <li><a href=href>{a.file_name}</a> " · " {size}</li> }.into_any()
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The upload of a photo or a PDF (a plain multipart form) to `action`: the session's files, or
/// the paper sign-in sheet of a session recorded afterwards (`camera`: a phone offers its camera
/// first).
#[component]
fn UploadForm(
    action: &'static str,
    id: String,
    label: T,
    #[prop(optional)] hint: Option<T>,
    #[prop(optional)] camera: bool,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    let error = state.error_from(action, "file");
    view! {
        <PostForm action=action state=state multipart=true>
            <Hidden name="id" value=id/>
            <div class="field" class:has-error=error.is_some()>
                <label for="field-file">{label.tr(lang)}</label>
                {hint.map(|h| view! { <p class="hint">{h.tr(lang)}</p> })}
                {error.map(|e| view! { <p class="field-error" id="error-file">{e.tr(lang)}</p> })}
                <input type="file" id="field-file" name="file" accept="image/jpeg,image/png,application/pdf"
                    capture=camera.then_some("environment")/>
            </div>
            <Submit label=T::UploadButton/>
        </PostForm>
    }
}

/// Who changed a record and when (from the audit log), folded away.
#[component]
fn History(changes: Vec<Change>, entity: &'static str, id: i64) -> impl IntoView {
    let lang = use_lang();
    let mine: Vec<Change> = changes
        .into_iter()
        .filter(|c| c.entity == entity && c.entity_id == id)
        .collect();
    (!mine.is_empty()).then(|| {
        view! {
            <details class="history">
                <summary>{format!("{}（{}）", T::ChangeHistory.tr(lang), mine.len())}</summary>
                <ul>
                    {mine.into_iter().map(|c| {
                        let what = if c.action == "create" { T::Created } else { T::Changed };
                        view! {
                            <li>{fmt_datetime(c.at, lang)} " · " {c.who.unwrap_or_default()} " · " {what.tr(lang)}</li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        }
    })
}
