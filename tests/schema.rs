//! The published JSON Schema (`dist/solid-state-batteries.schema.json`) and the
//! widget's own validator agree: the shipped dataset passes both, and each bad
//! input a data editor is likely to make fails both.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use ssb_explainer::model::Dataset;

const SCHEMA: &str = include_str!("../src/data/solid-state-batteries.schema.json");
const DATASET: &str = include_str!("../src/data/solid-state-batteries.json");

fn schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
}

fn dataset() -> Value {
    serde_json::from_str(DATASET).unwrap()
}

/// What the schema says about a dataset (empty when it passes).
fn schema_errors(v: &Value) -> Vec<String> {
    schema()
        .iter_errors(v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_shipped_dataset_passes_the_schema_and_the_validator() {
    let v = dataset();
    assert_eq!(
        v["$schema"], "solid-state-batteries.schema.json",
        "editors find the schema"
    );
    assert_eq!(schema_errors(&v), Vec::<String>::new());
    assert!(Dataset::from_json(DATASET).is_ok());
}

/// A named change that makes the dataset wrong.
type BadInput = (&'static str, Box<dyn Fn(&mut Value)>);

#[test]
fn bad_inputs_fail_the_schema_and_the_validator() {
    let cases: Vec<BadInput> = vec![
        (
            "an unknown status",
            Box::new(|v| v["milestones"][0]["status"] = json!("rumoured")),
        ),
        (
            "a missing sources list",
            Box::new(|v| {
                v["milestones"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("sources");
            }),
        ),
        (
            "an empty sources list",
            Box::new(|v| v["hurdles"][0]["sources"] = json!([])),
        ),
        (
            "a date that does not match its precision",
            Box::new(|v| {
                v["milestones"][0]["date"] = json!({"value": "2025-12", "precision": "quarter"})
            }),
        ),
        (
            "a fiscal year written as a year",
            Box::new(|v| {
                v["milestones"][0]["date"] = json!({"value": "2028", "precision": "fiscal_year"})
            }),
        ),
        (
            "an unknown unit",
            Box::new(|v| v["milestones"][2]["figures"][0]["unit"] = json!("Wh/l")),
        ),
        (
            "an energy density without its level",
            Box::new(|v| {
                let i = v["milestones"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .position(|m| m["id"] == "mg4-anxin")
                    .unwrap();
                v["milestones"][i]["figures"][2]
                    .as_object_mut()
                    .unwrap()
                    .remove("level");
            }),
        ),
        (
            "an unknown field",
            Box::new(|v| v["milestones"][0]["rumour"] = json!(true)),
        ),
        (
            "a TRL of 10",
            Box::new(|v| v["readiness"][0]["trl_max"] = json!(10)),
        ),
        (
            "an unknown chemistry",
            Box::new(|v| v["milestones"][0]["chemistry"] = json!("lead-acid")),
        ),
        (
            "a text longer than 4,096 bytes",
            Box::new(|v| v["milestones"][0]["summary"] = json!("w".repeat(5000))),
        ),
    ];
    for (name, mutate) in cases {
        let mut v = dataset();
        mutate(&mut v);
        assert!(!schema_errors(&v).is_empty(), "the schema accepts {name}");
        assert!(
            Dataset::from_json(&v.to_string()).is_err(),
            "the validator accepts {name}"
        );
    }
}
