//! 导入台账: download the template, upload a ledger, see every problem in it next to its sheet,
//! row and column, and import it whole.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::ledger::{
        load_ledger_imports, load_ledger_preview, ImportLedger, LedgerImportRow, LedgerPreview,
        UploadLedger,
    },
    components::{page_id, Hidden, LoadedForm, PostForm, Submit},
    forms::FormState,
    i18n::{fmt_datetime, use_lang, T},
    views::ledger::LedgerCounts,
};

fn path<S: leptos::server_fn::ServerFn>() -> &'static str {
    S::PATH
}

/// The template, the upload form and the imports done.
#[component]
pub fn ImportPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_ledger_imports());
    view! { <LoadedForm data=data render=|v, state| view! { <Import done=v state=state/> }/> }
}

#[component]
fn Import(done: Vec<LedgerImportRow>, state: FormState) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=T::LedgerTitle.tr(lang)/>
        <p><a href="/manage">{T::Manage.tr(lang)}</a></p>
        <h1>{T::LedgerTitle.tr(lang)}</h1>
        <p>{T::LedgerIntro.tr(lang)}</p>
        <p><a class="button secondary" href="/manage/import/template.xlsx" download="">{T::LedgerTemplate.tr(lang)}</a></p>
        <UploadForm state=state/>
        <h2>{T::LedgerPastImports.tr(lang)}</h2>
        {if done.is_empty() {
            view! { <p>{T::LedgerNoImports.tr(lang)}</p> }.into_any()
        } else {
            view! {
                <ul class="imports">
                    {done.into_iter().map(|d| view! {
                        <li>
                            <a href=format!("/manage/import/{}", d.id)>{d.file_name}</a>
                            " · " {fmt_datetime(d.imported_at, lang)}
                            " · " <CountsLine counts=d.counts/>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn UploadForm(state: FormState) -> impl IntoView {
    let lang = use_lang();
    let error = state.error_from(path::<UploadLedger>(), "file");
    view! {
        <PostForm action={path::<UploadLedger>()} state=state multipart=true>
            <div class="field" class:has-error=error.is_some()>
                <label for="field-file">{T::LedgerFile.tr(lang)}</label>
                <p class="hint">{T::LedgerFileHint.tr(lang)}</p>
                {error.map(|e| view! { <p class="field-error">{e.tr(lang)}</p> })}
                <input type="file" id="field-file" name="file" required=true
                    accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"/>
            </div>
            <Submit label=T::LedgerUploadButton/>
        </PostForm>
    }
}

/// What an import writes, in one line.
#[component]
fn CountsLine(counts: LedgerCounts) -> impl IntoView {
    let lang = use_lang();
    let mut parts = vec![
        format!("{} {}", counts.sessions, T::LedgerCountSessions.tr(lang)),
        format!(
            "{} {}",
            counts.attendance,
            T::LedgerCountAttendance.tr(lang)
        ),
        format!(
            "{} {}",
            counts.suggestions,
            T::LedgerCountSuggestions.tr(lang)
        ),
        format!("{} {}", counts.problems, T::LedgerCountProblems.tr(lang)),
    ];
    if counts.skipped > 0 {
        parts.push(format!(
            "{} {}",
            counts.skipped,
            T::LedgerCountSkipped.tr(lang)
        ));
    }
    parts.join(" · ")
}

/// One upload's check: its problems, or what importing it writes and the button to do it.
#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let id = page_id();
    let data = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => load_ledger_preview(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! { <LoadedForm data=data render=|v, state| view! { <Preview view=v state=state/> }/> }
}

#[component]
fn Preview(view: LedgerPreview, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let refused = (state.source == path::<ImportLedger>())
        .then(|| state.error("_form"))
        .flatten();
    let body = match (view.imported_at, view.problems.is_empty()) {
        (Some(at), _) => view! {
            <p class="notice">{T::LedgerImportedAt.tr(lang)} " " {fmt_datetime(at, lang)}</p>
            <p><CountsLine counts=view.counts/></p>
            {(!view.sessions.is_empty()).then(|| view! {
                <h2>{T::LedgerImportedSessions.tr(lang)}</h2>
                <p class="hint">{T::LedgerImportedSessionsHint.tr(lang)}</p>
                <ul class="imports">
                    {view.sessions.into_iter().map(|(id, title, at)| view! {
                        <li><a href=format!("/manage/sessions/{id}/closing")>{title}</a> " · " {fmt_datetime(at, lang)}</li>
                    }).collect_view()}
                </ul>
            })}
        }
        .into_any(),
        (None, false) => {
            let more = view.more_problems;
            view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <p>{T::LedgerProblemsFound.tr(lang)}</p>
                </div>
                <div class="scroll">
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{T::LedgerSheetColumn.tr(lang)}</th>
                            <th scope="col" class="num">{T::LedgerRowColumn.tr(lang)}</th>
                            <th scope="col">{T::LedgerColumnColumn.tr(lang)}</th>
                            <th scope="col">{T::LedgerValueColumn.tr(lang)}</th>
                            <th scope="col">{T::LedgerProblemColumn.tr(lang)}</th>
                        </tr></thead>
                        <tbody>
                            {view.problems.into_iter().map(|p| view! {
                                <tr>
                                    <td>{p.sheet.name()}</td>
                                    <td class="num">{p.row}</td>
                                    <td>{p.column}</td>
                                    <td>{p.value}</td>
                                    <td>{p.message.tr(lang)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(more > 0).then(|| view! { <p>{T::LedgerMoreProblems.tr(lang)} " (" {more} ")"</p> })}
                <h2>{T::LedgerAnother.tr(lang)}</h2>
                <UploadForm state=state.clone()/>
            }
            .into_any()
        }
        (None, true) => view! {
            <p>{T::LedgerReady.tr(lang)}</p>
            <p class="counts"><strong><CountsLine counts=view.counts/></strong></p>
            <PostForm action={path::<ImportLedger>()} state=state.clone()>
                <Hidden name="id" value=view.id.to_string()/>
                <Submit label=T::LedgerImportButton/>
            </PostForm>
        }
        .into_any(),
    };
    view! {
        <Title text=format!("{} · {}", T::LedgerPreviewTitle.tr(lang), view.file_name)/>
        <p><a href="/manage/import">{T::LedgerTitle.tr(lang)}</a></p>
        <h1>{T::LedgerPreviewTitle.tr(lang)}</h1>
        <p class="lead">{view.file_name.clone()}</p>
        {refused.map(|e| view! { <p class="notice error" role="alert">{e.tr(lang)}</p> })}
        {body}
        <p class="hint">{T::LedgerFileHash.tr(lang)} " " <code>{view.sha256}</code></p>
    }
}
