//! The four views. Each reads [`crate::context::ExplainerContext`] and derives what
//! it shows with the pure queries in [`crate::model::query`]; none writes to
//! another view's state.

pub mod common;
pub mod controls;
pub mod doc;
pub mod energy;
pub mod hurdles;
pub mod readiness;
pub mod scene;
pub mod share;
pub mod timeline;
