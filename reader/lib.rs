//! The `data-src` reader: a second, small wasm that `<ssb-explainer>` loads
//! only when a widget has a `data-src`. It reads the fetched text with the
//! crate's JSON reader, checks it with the validator, and bakes it
//! (`model::bake`) for the widget, which then needs neither; the built-in
//! dataset ships baked. It compiles the crate's `src/model` as it is, so the
//! checks and messages are the ones `cargo test` covers.

#[allow(dead_code, unused_imports)]
#[path = "../src/model/mod.rs"]
mod model;

use wasm_bindgen::prelude::*;

/// Reads and checks a dataset's text: its baked bytes for the widget's
/// `dataBaked`, or (thrown) the sentence that says what is wrong, to follow
/// the file's URL in the widget's message.
#[wasm_bindgen]
pub fn read(text: &str) -> Result<Vec<u8>, String> {
    model::Dataset::read_for_widget(text)
}
