//! Build-time renderer of the no-JavaScript fallback: prints the static HTML
//! that goes inside `<ssb-explainer>` (a summary and the energy-density table,
//! with sources), rendered natively from the same dataset and queries.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    print!("{}", ssb_explainer::fallback::render_fallback());
}

/// Nothing to do in a browser build.
#[cfg(target_arch = "wasm32")]
fn main() {}
