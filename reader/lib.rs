//! The explainer's on-demand module: a second, small wasm that
//! `<ssb-explainer>` loads only when a reader needs it, so the widget's own
//! wasm carries neither of its two jobs.
//!
//! - [`read`], for a `data-src`: reads the fetched text with the crate's JSON
//!   reader, checks it with the validator, and bakes it (`model::bake`) for the
//!   widget, which then needs neither; the built-in dataset ships baked.
//! - [`write_download`], for the Download menu: builds the CSV or the chart's
//!   SVG (a PNG is drawn from it by the widget) with the crate's `export`.
//!
//! It compiles the crate's `src/model`, `src/state`, `src/charts` and
//! `src/export` as they are, so the checks, messages, layouts and files are
//! the ones `cargo test` covers.

#[allow(dead_code, unused_imports)]
#[path = "../src/model/mod.rs"]
mod model;

#[allow(dead_code, unused_imports)]
#[path = "../src/state.rs"]
mod state;

#[allow(dead_code, unused_imports)]
#[path = "../src/charts/mod.rs"]
mod charts;

#[allow(dead_code, unused_imports)]
#[path = "../src/export/mod.rs"]
mod export;

use wasm_bindgen::prelude::*;

/// Reads and checks a dataset's text: its baked bytes for the widget's
/// `dataBaked`, or (thrown) the sentence that says what is wrong, to follow
/// the file's URL in the widget's message.
#[wasm_bindgen]
pub fn read(text: &str) -> Result<Vec<u8>, String> {
    model::Dataset::read_for_widget(text)
}

/// Builds a download from the dataset on screen (`baked`, as the widget holds
/// it) and the order's fields (`export::Order::to_fields`): `[name, text,
/// done]` (see `export::File`), or (thrown) what the status line says instead.
#[wasm_bindgen(js_name = writeDownload)]
pub fn write_download(baked: &[u8], order: Vec<String>) -> Result<Vec<String>, String> {
    let data = model::Dataset::unbake(baked).ok_or("could not be built: its data did not read.")?;
    let order = export::Order::from_fields(&order)
        .ok_or("could not be built: the request did not read.")?;
    let file = export::build_file(&data, &order)?;
    Ok(vec![file.name, file.text, file.done])
}
