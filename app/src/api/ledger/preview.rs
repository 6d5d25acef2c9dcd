use leptos::prelude::*;

use crate::error::AppError;

pub use crate::views::ledger::{LedgerImportRow, LedgerPreview};

/// An uploaded ledger's preview, to its uploader.
#[server(endpoint = "ledger/preview")]
pub async fn load_ledger_preview(id: i64) -> Result<LedgerPreview, AppError> {
    let me = super::importer().await?;
    let db = crate::web::state()?.db;
    Ok(store::ledger::imports::preview(&db, &me, id, store::clock::now_local()).await?)
}

/// The imports the signed-in person made.
#[server(endpoint = "ledger/list")]
pub async fn load_ledger_imports() -> Result<Vec<LedgerImportRow>, AppError> {
    let me = super::importer().await?;
    let db = crate::web::state()?.db;
    Ok(store::ledger::imports::done_by(&db, &me).await?)
}
