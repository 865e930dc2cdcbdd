//! Prepares the built-in dataset for the crate: the same JSON without the
//! whitespace that makes the source file readable (native tools and tests read
//! it), and the dataset baked into compact bytes (`model::bake`), which is what
//! the widget ships and reads at start-up.
//!
//! The dataset's types and readers are the crate's own `src/model`, compiled
//! into this script as well, so the bytes are written by the same code that
//! reads them. A file that does not read stops the build with its JSON path.

#[allow(dead_code, unused_imports)]
#[path = "src/model/mod.rs"]
mod model;

use std::{env, fs, path::Path};

const DATASET: &str = "src/data/solid-state-batteries.json";

/// Drops whitespace outside strings; everything else is copied byte for byte.
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    out
}

fn main() {
    println!("cargo::rerun-if-changed={DATASET}");
    println!("cargo::rerun-if-changed=src/model");
    // Tells the crate that the built-in dataset below exists (this script,
    // compiling the same model, is built without it).
    println!("cargo::rustc-cfg=ssb_built_in");
    let text = fs::read_to_string(DATASET).expect("read the built-in dataset");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).to_path_buf();
    let minified = minify(&text);
    let data = match model::Dataset::parse_json(&minified) {
        Ok(d) => d,
        Err(e) => panic!("{DATASET} does not read: {e}"),
    };
    fs::write(out.join("built-in.json"), &minified).expect("write the minified dataset");
    fs::write(out.join("built-in.bin"), data.bake()).expect("write the baked dataset");
}
