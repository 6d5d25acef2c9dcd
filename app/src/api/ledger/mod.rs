//! 台账导入: upload a ledger, preview every problem in it, import it whole.

mod import;
mod preview;
mod upload;

pub use import::ImportLedger;
pub use preview::{load_ledger_imports, load_ledger_preview, LedgerImportRow, LedgerPreview};
pub use upload::UploadLedger;

/// Only those who run or oversee platforms import ledgers.
#[cfg(feature = "ssr")]
pub(crate) async fn importer() -> Result<store::auth::Principal, crate::error::AppError> {
    let me = crate::web::require_principal().await?;
    if !me.is_staff() && !me.is_organizer() {
        return Err(crate::error::AppError::Forbidden);
    }
    Ok(me)
}
