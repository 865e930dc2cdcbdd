//! The four views and the parts around them (controls, share bar, cards,
//! tables), each a pure function from a [`frame::Frame`] of the reader's
//! state to a document that the one renderer ([`doc`]) draws; none writes to
//! another view's state. What a click on them does is in `crate::events`.

pub mod common;
pub mod controls;
pub mod data;
pub mod doc;
pub mod energy;
pub mod frame;
pub mod hurdles;
pub mod readiness;
pub mod share;
pub mod timeline;
