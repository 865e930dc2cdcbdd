//! Embeds the built-in dataset without the whitespace that makes the source
//! file readable: same JSON, fewer bytes in the wasm.

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
    let text = fs::read_to_string(DATASET).expect("read the built-in dataset");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("built-in.json");
    fs::write(out, minify(&text)).expect("write the minified dataset");
}
