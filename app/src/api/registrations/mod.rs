//! A registration's own page (reached by its code), and cancelling it.

mod cancel;
mod view;

pub use cancel::CancelRegistration;
pub use view::{load_registration, RegistrationView};
