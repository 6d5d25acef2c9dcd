//! Pieces every page uses: the frame, form fields that keep what was typed, and the views for
//! loading and errors.

mod fields;
mod island_scripts;
mod layout;
mod loaded;
mod records;

pub use fields::{
    submitted, CheckboxGroup, FormCount, Hidden, Notice, PostForm, RadioGroup, SelectField, Submit,
    TextArea, TextField,
};
pub use island_scripts::IslandScripts;
pub use layout::{Breadcrumbs, Layout};
pub use loaded::{page_code, page_id, Loaded, LoadedForm};
pub use records::{OutcomeFacts, ProblemFacts, RatingLine, ReviewCards};
