//! 查询我的报名: a resident finds their registrations again — those made on this phone at once,
//! any number's after proving it with a one-time code sent to it.

mod forget;
mod prove;
mod send;
mod view;

pub use forget::ForgetLookup;
pub use prove::ProveLookupCode;
pub use send::SendLookupCode;
pub use view::{load_lookup, LookupView};
