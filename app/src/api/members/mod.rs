//! A member's record (委员履职档案): the sessions they took part in, in which role, and the
//! suggestions they made; and every member's totals for staff.

mod record;
mod totals;

pub use record::{load_member_record, MemberRecord, MemberSuggestion, Participation};
pub use totals::{load_member_totals, MemberTotals, MemberTotalsView};
