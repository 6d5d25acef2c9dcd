//! Feedback to the public (反馈): what a session decided and what became of it, and the
//! participants' ratings by registration code.

mod rate;
mod view;

pub use rate::RateSession;
pub use view::{load_results, ResultsView};
