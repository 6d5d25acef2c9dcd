//! Domain types that cannot hold invalid values. Each is parsed once, at the edge, from what a
//! person typed; past that point the rest of the code can rely on it.

mod area_code;
pub(crate) mod code_enum;
mod enums;
mod figures;
mod follow_up;
mod measures;
mod mobile;
mod month;
mod person_name;
mod registration_code;
mod request_key;
mod seats;
mod shanghai;
mod text;
mod time_range;
mod vote;

pub use area_code::{AreaCode, AreaCodeError};
pub use enums::{
    AreaLevel, MemberLevel, PlatformStatus, RegistrationRole, RegistrationState, SessionFormat,
    SessionKind, SessionStatus,
};
pub use figures::{Figures, Period, Rate};
pub use follow_up::{
    Adoption, Conversion, HandlingStatus, Light, OutcomeForm, ResultClass, ReviewerKind,
    Satisfaction, TopicChannel, TopicSource, TopicStatus, YELLOW_DAYS,
};
pub use measures::{Dimension, Drill, RecordKind};
pub use mobile::{mask as mask_mobile, Mobile, MobileError};
pub use month::Month;
pub use person_name::{PersonName, PersonNameError};
pub use registration_code::{RegistrationCode, RegistrationCodeError};
pub use request_key::{RequestKey, RequestKeyError};
pub use seats::{Seats, SeatsError};
pub use shanghai::{
    parse_local_date, parse_local_datetime, DateTimeError, SHANGHAI_OFFSET_SECONDS,
};
pub use text::{RequiredText, TextError};
pub use time_range::{TimeRange, TimeRangeError, CHECKIN_LEADS};
pub use vote::{Vote, VoteError};

/// The longest roster of a session recorded afterwards, in characters: 2,000 people of a name,
/// a role and a number each.
pub const ROSTER_MAX_CHARS: usize = 60_000;
