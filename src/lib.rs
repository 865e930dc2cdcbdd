//! # The solid-state battery explainer
//!
//! An embeddable, interactive explainer of where solid-state batteries stand:
//! a timeline of what shipped and what is only announced, energy densities,
//! manufacturing hurdles and technology readiness — every figure with its source.
//!
//! - [`model`]: the dataset, its validation and queries (pure Rust).
//! - [`state`]: the reader's state and its transitions (pure Rust).
//! - [`charts`]: scales, scenes and layouts (pure) for our SVG charts.
//! - [`takeaway`]: the sentence above each view (pure).
//! - [`views`]: each view, the controls and the share bar as documents
//!   (pure), and the one renderer that draws documents into the DOM.
//! - [`screen`]: the whole screen as one document, region by region (pure).
//! - [`app`]: the Leptos component that draws the screen; `events` (wasm
//!   only): where a reader's click, key and input go.
//! - `embed` (wasm only): the `<ssb-explainer>` custom element's Rust side.
//!
//! From another Leptos app, use [`SolidStateExplainer`] (see `examples/leptos_app.rs`).
#![warn(missing_docs)]

pub mod app;
pub mod charts;
pub mod context;
pub mod export;
#[cfg(not(target_arch = "wasm32"))]
pub mod fallback;
pub mod model;
pub mod screen;
pub mod state;
pub mod takeaway;
pub mod views;

pub use app::SolidStateExplainer;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod events;
