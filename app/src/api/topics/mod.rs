//! Topic collection (议题征集): anyone proposes from a platform's page, without an account, and
//! follows it by its code; organizers accept (and attach to a session), merge or decline with a
//! reply the proposer sees.

mod photo;
mod propose;
mod review;
mod views;

pub use crate::views::topics::{Category, TopicFacts, TopicSession};
pub use photo::AttachTopicPhoto;
pub use propose::{load_propose_form, ProposeForm, ProposeTopic};
pub use review::ReviewTopic;
pub use views::{
    load_manage_topic, load_manage_topics, load_topic_receipt, ManageTopic, TopicReceipt, TopicRow,
};
