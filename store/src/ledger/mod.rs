//! 台账导入: the ledgers rooms keep in Excel, read, checked row by row and written in one
//! transaction.

pub mod cells;
pub mod check;
pub mod columns;
pub mod imports;
mod lookup;
mod sheets;
pub mod template;

#[cfg(test)]
mod tests;
