//! Maintainer's tool: checks a dataset file and prints every problem, or lists
//! the item ids a writer can give the `selected` attribute.
//!
//! ```text
//! cargo run --bin ssb-data -- check src/data/solid-state-batteries.json
//! cargo run --bin ssb-data -- list src/data/solid-state-batteries.json
//! ```
//! Exits 0 when the file is valid, 1 when it has problems, 2 on usage errors.

use ssb_explainer::model::{Dataset, LoadError};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [cmd, path] = args.as_slice() else {
        eprintln!("usage: ssb-data check FILE | ssb-data list FILE");
        return ExitCode::from(2);
    };
    if cmd != "check" && cmd != "list" {
        eprintln!("unknown command \"{cmd}\"; usage: ssb-data check FILE | ssb-data list FILE");
        return ExitCode::from(2);
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            return ExitCode::from(2);
        }
    };
    match Dataset::from_json(&text) {
        Ok(d) if cmd == "list" => {
            println!("id\tview\titem");
            for (id, view, label) in ssb_explainer::state::selectable_items(&d) {
                println!("{id}\t{}\t{label}", view.slug());
            }
            ExitCode::SUCCESS
        }
        Ok(d) => {
            println!(
                "{path}: valid — {} sources, {} milestones, {} TRL assessments, {} lines, {} hurdles, {} outlook items, {} conflicts",
                d.sources.len(),
                d.milestones.len(),
                d.readiness.len(),
                d.production_lines.len(),
                d.hurdles.len(),
                d.outlook.len(),
                d.conflicts.len()
            );
            ExitCode::SUCCESS
        }
        Err(LoadError::Invalid(problems)) => {
            for p in &problems {
                eprintln!("{path}: {p}");
            }
            eprintln!("{path}: {} problem(s)", problems.len());
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::from(1)
        }
    }
}
