//! A member's record (委员履职档案): the sessions they took part in, in which role, and the
//! suggestions they made.

mod record;

pub use record::{load_member_record, MemberRecord, MemberSuggestion, Participation};
