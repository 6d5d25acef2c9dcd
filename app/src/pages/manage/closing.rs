//! After the meeting, on one page: attendance from the check-ins, the minutes, one record per
//! suggestion with its handling light, the problems resolved, follow-up visits and ratings.
//! One suggestion or problem at a time is opened for editing (`?outcome=` / `?problem=`), so
//! every field on the page has its own name.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::member_picker::{MemberPicker, PickerOn};
use crate::{
    api::closing::{
        load_closing, AddOutcome, AddProblem, AddReview, AttachFile, AttachSignInSheet, Change,
        ClosingView, OutcomeRow, ProblemRow, ResolveProblem, SaveMinutes, UpdateOutcome,
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

#[component]
fn Closing(view: ClosingView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let pick = |key: &str, posted: &'static str| {
        let from_query = query.read_untracked().get(key).and_then(|v| v.parse().ok());
        // A refused post of a row form reopens that row.
        let from_post = (state.source == posted)
            .then(|| state.value("row").and_then(|v| v.parse().ok()))
            .flatten();
        from_post.or(from_query)
    };
    let editing_outcome: Option<i64> = pick("outcome", server_path::<UpdateOutcome>());
    let resolving: Option<i64> = pick("problem", server_path::<ResolveProblem>());
    let card = view.card.clone();
    let id = card.id.to_string();
    let held = card.started
        && !matches!(
            card.status,
            crate::domain::SessionStatus::Draft | crate::domain::SessionStatus::Cancelled
        );
    let outcome_links: Vec<(String, String)> = view
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.to_string(), format!("{}. {}", i + 1, short(&o.text))))
        .collect();
    view! {
        <Title text=format!("{} · {}", T::ClosingTitle.tr(lang), card.title)/>
        <p><a href=format!("/manage/sessions/{}", card.id)>{card.title.clone()}</a></p>
        <h1>{T::ClosingTitle.tr(lang)}</h1>
        <p class="status-line"><strong>{card.status.label(lang)}</strong> " · " {fmt_datetime(card.starts_at, lang)}</p>
        <p class="actions">
            <a href=format!("/sessions/{}/results", card.id)>{T::ResultsTitle.tr(lang)}</a>
            <a href=format!("/manage/sessions/{}/audit", card.id)>{T::AuditTitle.tr(lang)}</a>
        </p>
        {if held {
            let id_evidence = id.clone();
            let (id_minutes, id_files, id_outcomes, id_add, id_problems, id_reviews) =
                (id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id);
            view! {
                {view.recorded_afterwards.then(|| view! { <Evidence id=id_evidence view=view.clone() state=state.clone()/> })}
                {view.imported_from.clone().map(|(file, at, sha)| view! {
                    <p class="notice"><span class="chip">{T::ImportedChip.tr(lang)}</span> " "
                        {file} " · " {fmt_datetime(at, lang)} " · SHA-256 " <code>{sha.chars().take(12).collect::<String>()}</code></p>
                })}
                <AttendanceBox view=view.clone()/>
                // The lead-department fields suggest the area's departments (typing another
                // name is allowed: a ledger may name one not on the list).
                <datalist id="departments">
                    {view.departments.iter().map(|d| view! { <option value=d.clone()></option> }).collect_view()}
                </datalist>
                <MemberPicker id=card.id on=PickerOn::Closing state=state.clone()/>
                <section id="minutes">
                    <h2>{T::MinutesTitle.tr(lang)}</h2>
                    <MinutesForm id=id_minutes view=view.clone() state=state.clone()/>
                </section>
                <Files id=id_files view=view.clone() state=state.clone()/>
                <section id="outcomes">
                    <h2>{T::OutcomesTitle.tr(lang)}</h2>
                    <OutcomeList id=id_outcomes outcomes=view.outcomes.clone() history=view.history.clone() editing=editing_outcome state=state.clone()/>
                    {editing_outcome.is_none().then(|| view! {
                        <h3>{T::AddOutcome.tr(lang)}</h3>
                        <AddOutcomeForm id=id_add.clone() members=view.members.clone() state=state.clone()/>
                    })}
                </section>
                <ProblemsSection id=id_problems view=view.clone() resolving=resolving links=outcome_links.clone() state=state.clone()/>
                <ReviewsSection id=id_reviews view=view.clone() links=outcome_links state=state.clone()/>
            }.into_any()
        } else {
            // A refused post for a session not held yet lands here with its message.
            view! {
                {state.error("_form").map(|e| view! { <p class="notice error" role="alert">{e.tr(lang)}</p> })}
                <p class="notice warning">{T::SessionNotHeldYet.tr(lang)}</p>
            }.into_any()
        }}
    }
}

/// A session recorded afterwards: its mark, and the photo of its paper sign-in sheet (or the form
/// to upload it).
#[component]
fn Evidence(id: String, view: ClosingView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let error = state.error_from(server_path::<AttachSignInSheet>(), "file");
    view! {
        <section id="evidence" class="notice">
            <p><span class="chip">{T::RecordedAfterwards.tr(lang)}</span></p>
            <h2>{T::SignInSheetPhoto.tr(lang)}</h2>
            {match view.sign_in_sheet {
                Some(key) => view! {
                    <p><a href=format!("/files/{key}")>{T::ViewSignInSheetPhoto.tr(lang)}</a></p>
                }.into_any(),
                None => view! {
                    <p>{T::SignInSheetPhotoMissing.tr(lang)}</p>
                    <PostForm action={server_path::<AttachSignInSheet>()} state=state multipart=true>
                        <Hidden name="id" value=id/>
                        <div class="field" class:has-error=error.is_some()>
                            <label for="field-sheet">{T::SignInSheetPhoto.tr(lang)}</label>
                            <p class="hint">{T::SignInSheetPhotoHint.tr(lang)}</p>
                            {error.map(|e| view! { <p class="field-error">{e.tr(lang)}</p> })}
                            <input type="file" id="field-sheet" name="file" accept="image/jpeg,image/png,application/pdf" capture="environment" required=true/>
                        </div>
                        <Submit label=T::UploadButton/>
                    </PostForm>
                }.into_any(),
            }}
        </section>
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
            <h3>{T::RatingsTitle.tr(lang)}</h3>
            <RatingLine tally=view.ratings/>
        </section>
    }
}

#[component]
fn MinutesForm(id: String, view: ClosingView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let m = view.minutes;
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
fn OutcomeList(
    id: String,
    outcomes: Vec<OutcomeRow>,
    history: Vec<Change>,
    editing: Option<i64>,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    if outcomes.is_empty() {
        return view! { <p class="muted">{T::NoOutcomes.tr(lang)}</p> }.into_any();
    }
    view! {
        <ol class="cards">
            {outcomes.into_iter().map(|o| {
                let open = editing == Some(o.id);
                let edit = open.then(|| view! { <HandlingForm id=id.clone() outcome=o.clone() state=state.clone()/> });
                view! {
                    <li class="card" id=format!("outcome-{}", o.id)>
                        <OutcomeFacts outcome=o.clone()/>
                        <History changes=history.clone() entity="outcome" id=o.id/>
                        {edit}
                        {(!open).then(|| view! {
                            <p><a href=format!("?outcome={}#outcome-{}", o.id, o.id)>{T::UpdateOutcome.tr(lang)}</a></p>
                        })}
                    </li>
                }
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
            <Submit label=T::AddOutcome secondary=true/>
        </PostForm>
    }
}

#[component]
fn ProblemList(
    id: String,
    problems: Vec<ProblemRow>,
    history: Vec<Change>,
    resolving: Option<i64>,
    today: NaiveDate,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    if problems.is_empty() {
        return view! { <p class="muted">{T::NoProblems.tr(lang)}</p> }.into_any();
    }
    view! {
        <ol class="cards">
            {problems.into_iter().map(|p| {
                let form_id = id.clone();
                let form = (p.resolved_on.is_none() && resolving == Some(p.id)).then(|| view! {
                    <PostForm action={server_path::<ResolveProblem>()} state=state.clone() row=p.id.to_string()>
                        <Hidden name="id" value=form_id.clone()/>
                        <Hidden name="row" value=p.id.to_string()/>
                        <TextField name="resolved_on" label=T::ResolvedOn kind="date" default=today.to_string()/>
                        <TextArea name="evidence" label=T::Evidence hint=T::EvidenceHint/>
                        <Submit label=T::ResolveProblem/>
                    </PostForm>
                });
                let link = (p.resolved_on.is_none() && resolving != Some(p.id)).then(|| view! {
                    <p><a href=format!("?problem={}#problem-{}", p.id, p.id)>{T::ResolveProblem.tr(lang)}</a></p>
                });
                view! {
                    <li class="card" id=format!("problem-{}", p.id)>
                        <ProblemFacts problem=p.clone()/>
                        <History changes=history.clone() entity="problem" id=p.id/>
                        {form}
                        {link}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// Photos and files of the session, and the upload form (a plain multipart form).
#[component]
fn Files(id: String, view: ClosingView, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let error = state.error_from(server_path::<AttachFile>(), "file");
    view! {
        <section id="files">
            <h2>{T::FilesTitle.tr(lang)}</h2>
            {if view.attachments.is_empty() {
                view! { <p class="muted">{T::NoFiles.tr(lang)}</p> }.into_any()
            } else {
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
                }.into_any()
            }}
            <PostForm action={server_path::<AttachFile>()} state=state.clone() multipart=true>
                <Hidden name="id" value=id/>
                <div class="field" class:has-error=error.is_some()>
                    <label for="field-file">{T::FileField.tr(lang)}</label>
                    {error.map(|e| view! { <p class="field-error" id="error-file">{e.tr(lang)}</p> })}
                    <input type="file" id="field-file" name="file" accept="image/jpeg,image/png,application/pdf" required/>
                </div>
                <Submit label=T::UploadButton secondary=true/>
            </PostForm>
        </section>
    }
}

#[component]
fn ProblemsSection(
    id: String,
    view: ClosingView,
    resolving: Option<i64>,
    links: Vec<(String, String)>,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    let list_id = id.clone();
    view! {
        <section id="problems">
            <h2>{T::ProblemsTitle.tr(lang)}</h2>
            <ProblemList id=list_id problems=view.problems history=view.history resolving=resolving today=view.today state=state.clone()/>
            <h3>{T::AddProblem.tr(lang)}</h3>
            <PostForm action={server_path::<AddProblem>()} state=state>
                <Hidden name="id" value=id/>
                <TextArea name="description" label=T::ProblemDescription/>
                <SelectField name="problem_outcome" label=T::LinkedOutcome options=links optional=true/>
                <Submit label=T::AddProblem secondary=true/>
            </PostForm>
        </section>
    }
}

#[component]
fn ReviewsSection(
    id: String,
    view: ClosingView,
    links: Vec<(String, String)>,
    state: FormState,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section id="reviews">
            <h2>{T::ReviewsTitle.tr(lang)}</h2>
            <ReviewCards reviews=view.reviews/>
            <PostForm action={server_path::<AddReview>()} state=state>
                <Hidden name="id" value=id/>
                <TextField name="reviewed_on" label=T::ReviewedOn kind="date" default=view.today.to_string()/>
                <SelectField name="reviewer_kind" label=T::ReviewerKindLabel options=options(ReviewerKind::ALL, ReviewerKind::code)/>
                <TextArea name="findings" label=T::Findings/>
                <SelectField name="review_outcome" label=T::LinkedOutcome options=links optional=true/>
                <Submit label=T::AddReview secondary=true/>
            </PostForm>
        </section>
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
