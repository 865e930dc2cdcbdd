//! Native tests of the dataset: the built-in file is valid and holds the facts a
//! reviewer would look for; every validation rule reports its path and what
//! would be right; random and mutated input never panics.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use ssb_explainer::model::{
    ChemistryId, Dataset, Level, LoadError, Quantity, Status, BUILT_IN_JSON,
};

fn built_in_value() -> Value {
    serde_json::from_str(BUILT_IN_JSON).unwrap()
}

#[test]
fn the_embedded_dataset_is_the_published_file_without_whitespace() {
    let published: Value =
        serde_json::from_str(include_str!("../src/data/solid-state-batteries.json")).unwrap();
    assert_eq!(built_in_value(), published);
    assert!(BUILT_IN_JSON.len() < include_str!("../src/data/solid-state-batteries.json").len());
}

/// Loads a mutated copy of the built-in dataset and returns the problems as text.
fn problems_after(mutate: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut v = built_in_value();
    mutate(&mut v);
    match Dataset::from_json(&v.to_string()) {
        Ok(_) => vec![],
        Err(LoadError::Invalid(ps)) => ps.iter().map(|p| p.to_string()).collect(),
        Err(e) => vec![e.to_string()],
    }
}

fn assert_problem(problems: &[String], path: &str, fragment: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(path) && p.contains(fragment)),
        "expected a problem at {path} containing {fragment:?}; got {problems:#?}"
    );
}

#[test]
fn the_built_in_dataset_is_valid() {
    // The widget does not validate its own data at start-up; this test does.
    let d = Dataset::built_in();
    let problems = ssb_explainer::model::validate(&d);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(d.sources.len(), 5);
    assert_eq!(d.chemistries.len(), ChemistryId::ALL.len());
}

#[test]
fn key_facts_are_there_with_their_figures_and_sources() {
    let d = Dataset::built_in();
    let m = |id: &str| {
        d.milestones
            .iter()
            .find(|m| m.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let fig = |id: &str, q: Quantity| {
        m(id)
            .figures
            .iter()
            .find(|f| f.quantity == q)
            .unwrap()
            .clone()
    };

    let mg4 = m("mg4-anxin");
    assert_eq!(mg4.date.label(), "Dec 2025");
    assert_eq!(mg4.status, Status::Shipped);
    assert_eq!(fig("mg4-anxin", Quantity::PackEnergy).value, 53.95);
    assert_eq!(fig("mg4-anxin", Quantity::Range).value, 530.0);
    assert_eq!(
        fig("mg4-anxin", Quantity::Range).context.as_deref(),
        Some("CLTC test cycle")
    );
    let e = fig("mg4-anxin", Quantity::EnergyDensity);
    assert_eq!((e.value, e.level), (400.0, Some(Level::Unstated)));

    assert_eq!(fig("im-l6", Quantity::PackEnergy).value, 130.0);
    assert_eq!(fig("nio-150kwh", Quantity::EnergyDensity).value, 360.0);
    assert_eq!(
        fig("dongfeng-rollout", Quantity::EnergyDensity).level,
        Some(Level::Pack)
    );
    assert_eq!(fig("factorial-77ah", Quantity::EnergyDensity).value, 375.0);
    assert_eq!(fig("mercedes-eqs-drive", Quantity::Range).value, 1205.0);
    assert_eq!(fig("gotion-jinshi", Quantity::Yield).value, 90.0);
    assert_eq!(m("honda-demo-line").date.label(), "Jan 2025");
    assert_eq!(m("nissan-target").date.label(), "FY2028–2029");
    assert_eq!(m("qs-qse5-2025").date.label(), "Q3 2025");

    let trl = |id: &str| {
        d.readiness
            .iter()
            .find(|t| t.id == id)
            .map(|t| (t.trl_min, t.trl_max))
            .unwrap()
    };
    assert_eq!(trl("trl-gotion"), (7, 7));
    assert_eq!(trl("trl-quantumscape"), (5, 6));
    assert_eq!(trl("trl-chery"), (4, 5));
    assert_eq!(trl("trl-cas"), (2, 3));

    let dry = d.hurdles.iter().find(|h| h.id == "dry-room").unwrap();
    let dew = |c| {
        dry.figures
            .iter()
            .find(|f| f.label.as_deref() == Some("Dew point") && f.chemistry == Some(c))
            .unwrap()
            .value_label()
    };
    assert_eq!(dew(ChemistryId::Liquid), "−40°C");
    assert_eq!(dew(ChemistryId::Sulfide), "−70 to −60°C");
    assert_eq!(dew(ChemistryId::Oxide), "−50°C");
    let cost = &d.cost_history[0];
    assert_eq!(
        (cost.date.label(), cost.figure.value),
        ("1991".to_string(), 7500.0)
    );

    // Disagreements are data, with each side's source.
    let conflict = |id: &str| {
        d.conflicts
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(conflict("c-quantumscape-date").claims.len(), 3);
    assert!(conflict("c-toyota-window")
        .claims
        .iter()
        .any(|c| c.says.contains("FY2028")));
    assert!(conflict("c-prologium-status")
        .about
        .contains(&"line-prologium".to_string()));
    assert!(d.conflicts_about("mg4-anxin").count() >= 2);
}

#[test]
fn every_item_cites_an_existing_source() {
    // Validation enforces it; this checks the rule is actually exercised.
    let ps = problems_after(|v| v["milestones"][0]["sources"] = json!([]));
    assert_problem(&ps, "$.milestones[0].sources", "no source");
    let ps = problems_after(|v| v["hurdles"][2]["sources"][0]["source"] = json!("blog"));
    assert_problem(
        &ps,
        "$.hurdles[2].sources[0].source",
        "unknown source \"blog\"; known sources: tipping-point",
    );
}

#[test]
fn validation_rules_each_report_path_and_remedy() {
    let ps = problems_after(|v| v["milestones"][3]["id"] = v["milestones"][2]["id"].clone());
    assert_problem(&ps, "$.milestones[3].id", "duplicate id");

    let ps = problems_after(|v| v["readiness"][0]["trl_max"] = json!(10));
    assert_problem(&ps, "$.readiness[0].trl_max", "expected 1–9");
    let ps = problems_after(|v| {
        v["readiness"][1]["trl_min"] = json!(6);
        v["readiness"][1]["trl_max"] = json!(4);
    });
    assert_problem(&ps, "$.readiness[1].trl_max", "below trl_min");

    let ps = problems_after(|v| {
        v["milestones"][0]["date"] = json!({"value": "2025-12", "precision": "quarter"})
    });
    assert_problem(&ps, "$.milestones[0].date.value", "expected YYYY-Qn");
    let ps = problems_after(|v| {
        v["milestones"][0]["date"] = json!({"value": "1850", "precision": "year"})
    });
    assert_problem(&ps, "$.milestones[0].date.value", "expected 1900–2100");

    let ps = problems_after(|v| v["milestones"][2]["figures"][0]["value"] = json!(-3));
    assert_problem(&ps, "$.milestones[2].figures[0].value", "must be positive");
    let ps = problems_after(|v| v["milestones"][2]["figures"][1]["value"] = json!(4000));
    assert_problem(
        &ps,
        "$.milestones[2].figures[1].value",
        "implausible; expected 50–1000 Wh/kg",
    );
    let ps = problems_after(|v| {
        v["milestones"][2]["figures"][1]
            .as_object_mut()
            .unwrap()
            .remove("level")
            .map(|_| ())
            .unwrap()
    });
    assert_problem(&ps, "$.milestones[2].figures[1].level", "needs its level");
    let ps = problems_after(|v| v["milestones"][2]["figures"][1]["unit"] = json!("Wh/l"));
    assert_problem(&ps, "$.milestones[2].figures[1].unit", "unknown unit");
    let ps = problems_after(|v| v["milestones"][2]["figures"][0]["value_max"] = json!(1));
    assert_problem(
        &ps,
        "$.milestones[2].figures[0].value_max",
        "must be greater",
    );

    let ps = problems_after(|v| v["conflicts"][0]["about"][0] = json!("no-such-item"));
    assert_problem(
        &ps,
        "$.conflicts[0].about[0]",
        "unknown id \"no-such-item\"",
    );
    let ps = problems_after(|v| v["schema_version"] = json!(2));
    assert_problem(&ps, "$.schema_version", "this build reads 1");
    let ps = problems_after(|v| {
        v["chemistries"].as_array_mut().unwrap().pop();
    });
    assert_problem(&ps, "$.chemistries", "missing chemistry \"all-solid\"");
}

#[test]
fn bad_enums_and_shapes_name_the_path_and_the_allowed_values() {
    let ps = problems_after(|v| v["milestones"][4]["status"] = json!("rumoured"));
    assert_problem(
        &ps,
        "at $.milestones[4].status",
        "expected one of `shipped`, `pilot_line`",
    );
    let ps = problems_after(|v| v["milestones"][0]["chemistry"] = json!("lead-acid"));
    assert_problem(
        &ps,
        "at $.milestones[0].chemistry",
        "unknown variant `lead-acid`",
    );
    let ps = problems_after(|v| v["hurdles"] = json!({}));
    assert_problem(&ps, "at $.hurdles", "expected a sequence");
    match Dataset::from_json("{ not json") {
        Err(LoadError::Parse { path, .. }) => assert_eq!(path, "$"),
        other => panic!("{other:?}"),
    }
    let big = " ".repeat(ssb_explainer::model::MAX_DATASET_BYTES + 1);
    assert!(matches!(
        Dataset::from_json(&big),
        Err(LoadError::TooLarge { .. })
    ));
}

/// The position of the item with this id in a top-level array of the JSON.
fn index_of(v: &Value, list: &str, id: &str) -> usize {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .position(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("{list}: {id}"))
}

#[test]
fn the_content_review_holds() {
    let d = Dataset::built_in();
    let m = |id: &str| d.milestones.iter().find(|m| m.id == id).unwrap();
    // The cost hurdle says what Tipping Point says: parity by 2030 if yields improve.
    let cost = d.hurdles.iter().find(|h| h.id == "cost-and-yield").unwrap();
    let all_solid = cost
        .severity
        .iter()
        .find(|r| r.chemistry == ChemistryId::AllSolid)
        .unwrap();
    assert!(
        all_solid.basis.contains("by 2030 if yields improve"),
        "{}",
        all_solid.basis
    );
    assert!(!all_solid.basis.contains("not before 2030"));
    // Rhino S: disputed between cell and module, not filed as a cell figure.
    let rhino = m("chery-rhino-s")
        .figures
        .iter()
        .find(|f| f.quantity == Quantity::EnergyDensity)
        .unwrap();
    assert_eq!(
        (rhino.level, rhino.disputed_level),
        (Some(Level::Cell), Some(Level::Module))
    );
    // QuantumScape sits where the sources put it: all-solid, route not stated.
    for id in ["qs-b-samples-2024", "qs-qse5-2025", "qs-munich-motorcycle"] {
        assert_eq!(m(id).chemistry, ChemistryId::AllSolid, "{id}");
    }
    let oxide = d.chemistry(ChemistryId::Oxide).unwrap();
    assert!(!oxide.key_players.iter().any(|p| p.contains("QuantumScape")));
    // Lines the sources give no start for are listed as of a list's date.
    for id in [
        "line-toyota-teiho",
        "line-quantumscape",
        "line-catl",
        "line-byd",
        "line-nissan",
        "line-bluesolutions",
    ] {
        let l = d.production_lines.iter().find(|l| l.id == id).unwrap();
        assert!(l.since.is_none() && l.listed_as_of.is_some(), "{id}");
        assert!(ssb_explainer::model::query::line_date_label(l).starts_with("listed as of"));
    }
    // Every item that cites several documents gives each figure its own source.
    for h in &d.hurdles {
        let docs: std::collections::HashSet<_> = h.sources.iter().map(|c| &c.source).collect();
        if docs.len() > 1 {
            assert!(h.figures.iter().all(|f| f.source.is_some()), "{}", h.id);
        }
    }
    let layer = d
        .hurdles
        .iter()
        .find(|h| h.id == "electrolyte-layer")
        .unwrap();
    let sintering = |label: &str| {
        layer
            .figures
            .iter()
            .find(|f| f.label.as_deref() == Some(label))
            .and_then(|f| f.source.as_ref())
            .map(|c| c.source.as_str())
    };
    assert_eq!(
        sintering("LLZO sintering (tape casting)"),
        Some("process-engineering")
    );
    assert_eq!(sintering("Oxide sintering"), Some("how-far"));
    // Disagreements: at least twenty, each with two or more sides.
    assert!(d.conflicts.len() >= 20, "{}", d.conflicts.len());
    let chery = d.conflicts.iter().find(|c| c.id == "c-chery-trl").unwrap();
    assert!(chery.claims.iter().any(|c| c.says.contains("TRL 6")));
    assert!(chery.claims.iter().any(|c| c.says.contains("TRL 7/8")));
    let sulfide = d
        .conflicts
        .iter()
        .find(|c| c.id == "c-sulfide-readiness")
        .unwrap();
    let sides: std::collections::HashSet<_> =
        sulfide.claims.iter().map(|c| &c.source.source).collect();
    assert_eq!(sides.len(), 2, "two documents disagree");
    // The outlook: both periods of the process-engineering article, the TRL
    // scale's origin, the decade of "2–3 years away", dry-electrode processing.
    let outlook = |id: &str| {
        d.outlook
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(
        outlook("o-dry-electrode").period.as_ref().unwrap().label(),
        "2026–2028"
    );
    assert_eq!(
        outlook("o-cost-decides").period.as_ref().unwrap().label(),
        "2028–2032"
    );
    assert!(outlook("o-trl-origin").text.contains("NASA in the 1970s"));
    assert!(outlook("o-two-three-years").text.contains("2–3 years away"));
    // Forecasts are attributed, and no longer drawn as company milestones.
    assert!(outlook("o-luxury-2027-2029")
        .by
        .starts_with("Tipping Point"));
    assert!(d
        .milestones
        .iter()
        .all(|m| !m.company.contains("industry outlook")));
    // Naming and standards say who made them.
    assert!(d
        .policy
        .iter()
        .filter(|p| p.kind == ssb_explainer::model::PolicyKind::Naming)
        .all(|p| p.by.is_some()));
    // The polymer route names its electrolyte.
    assert_eq!(
        d.chemistry(ChemistryId::Polymer).unwrap().electrolytes,
        ["PEO-LiTFSI"]
    );
}

#[test]
fn figures_of_multi_source_items_need_their_own_source() {
    let v = built_in_value();
    let h = index_of(&v, "hurdles", "dry-room");
    let ps = problems_after(|v| {
        v["hurdles"][h]["figures"][0]
            .as_object_mut()
            .unwrap()
            .remove("source");
    });
    assert_problem(
        &ps,
        &format!("$.hurdles[{h}].figures[0].source"),
        "this item cites 3 documents; say which one gives this figure",
    );
    let ps = problems_after(|v| v["hurdles"][h]["figures"][0]["source"]["source"] = json!("blog"));
    assert_problem(
        &ps,
        &format!("$.hurdles[{h}].figures[0].source.source"),
        "unknown source \"blog\"",
    );
    let m = index_of(&v, "milestones", "mg4-anxin");
    let ps =
        problems_after(|v| v["milestones"][m]["figures"][0]["disputed_level"] = json!("module"));
    assert_problem(
        &ps,
        &format!("$.milestones[{m}].figures[0].disputed_level"),
        "belongs to an energy-density figure",
    );
    let ps = problems_after(|v| v["outlook"][0]["by"] = json!(" "));
    assert_problem(&ps, "$.outlook[0].by", "empty text");
    let ps = problems_after(|v| v["outlook"][0]["kind"] = json!("prophecy"));
    assert_problem(
        &ps,
        "at $.outlook[0].kind",
        "expected one of `forecast`, `watch`, `background`",
    );
    let ps = problems_after(|v| v["conflicts"][0]["about"][0] = json!("o-watch"));
    assert!(
        ps.is_empty(),
        "a conflict may point at an outlook item: {ps:?}"
    );
}

#[test]
fn an_overlong_text_is_refused_with_its_path_and_the_limit() {
    let limit = ssb_explainer::model::MAX_TEXT_BYTES;
    let ps = problems_after(|v| v["milestones"][2]["summary"] = json!("w".repeat(limit + 1)));
    assert_problem(
        &ps,
        "at $.milestones[2].summary",
        &format!("a text of {} bytes; the limit is {limit} bytes", limit + 1),
    );
    // A text at the limit is fine.
    let ps = problems_after(|v| v["milestones"][2]["summary"] = json!("w".repeat(limit)));
    assert!(ps.is_empty(), "{ps:?}");
}

/// Replaces one JSON value, chosen by `pick`, with `replacement`.
fn mutate(v: &mut Value, pick: &mut u64, replacement: &Value) -> bool {
    if *pick == 0 {
        *v = replacement.clone();
        return true;
    }
    *pick -= 1;
    match v {
        Value::Array(items) => items.iter_mut().any(|i| mutate(i, pick, replacement)),
        Value::Object(map) => map.values_mut().any(|i| mutate(i, pick, replacement)),
        _ => false,
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"value": "2025-Q9", "precision": "quarter"})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_text_never_panics(s in ".{0,400}") {
        let _ = Dataset::from_json(&s);
    }

    #[test]
    fn mutated_datasets_never_panic(pick in 0u64..4000, replacement in any_json()) {
        let mut v = built_in_value();
        let mut p = pick;
        mutate(&mut v, &mut p, &replacement);
        let _ = Dataset::from_json(&v.to_string());
    }
}

/// A JSON value as `model::json` reads it, for comparing with serde_json.
fn tree(v: &Value) -> ssb_explainer::model::json::Json {
    use ssb_explainer::model::json::Json;
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Json::Int(i),
            None => Json::Float(n.as_f64().unwrap()),
        },
        Value::String(s) => Json::Str(s.clone()),
        Value::Array(a) => Json::Arr(a.iter().map(tree).collect()),
        Value::Object(o) => Json::Obj(o.iter().map(|(k, v)| (k.clone(), tree(v))).collect()),
    }
}

#[test]
fn the_json_reader_reads_the_dataset_as_serde_json_does() {
    let text = std::fs::read_to_string("src/data/solid-state-batteries.json").unwrap();
    let ours = Dataset::from_json(&text).unwrap();
    let theirs: Dataset = serde_json::from_str(&text).unwrap();
    assert_eq!(ours, theirs);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_json_reader_agrees_with_serde_json(pick in 0u64..4000, replacement in any_json()) {
        let mut v = built_in_value();
        let mut p = pick;
        mutate(&mut v, &mut p, &replacement);
        let text = serde_json::to_string_pretty(&v).unwrap();
        let ours = ssb_explainer::model::json::parse(&text).unwrap();
        // serde_json writes floats so that they read back exactly.
        prop_assert_eq!(ours, tree(&v));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// The hand-written readers and serde's derives accept the same mutated
    /// datasets, read them the same, and name the same problem.
    #[test]
    fn the_readers_agree_with_serde(pick in 0u64..4000, replacement in any_json()) {
        let mut v = built_in_value();
        let mut p = pick;
        mutate(&mut v, &mut p, &replacement);
        let text = v.to_string();
        let ours = Dataset::parse_json(&text);
        let theirs = serde_json::from_str::<Dataset>(&text);
        match (ours, theirs) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(LoadError::Parse { message, .. }), Err(e)) => {
                let serde = e.to_string();
                let serde = serde.split(" at line ").next().unwrap_or("");
                // serde_json words a few shape errors its own way ("expected
                // value" for an enum given an array) and reads a struct from an
                // array ("invalid length 0"), which a dataset never is; the
                // rest (floats aside: it prints them shorter; and an enum given
                // an object, which it reads as a tagged variant) must match.
                let quirk = serde == "expected value" || serde.starts_with("invalid length") || serde.contains("floating point") || message.contains("naming a variant");
                if !quirk {
                    prop_assert_eq!(message.as_str(), serde);
                }
            }
            (a, b) => prop_assert!(false, "ours {:?}, serde {:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever a mutated dataset reads as, the widget gets back exactly
    /// that from its baked bytes (the reader's path for `data-src`).
    #[test]
    fn a_read_dataset_unbakes_to_itself(pick in 0u64..4000, replacement in any_json()) {
        let mut v = built_in_value();
        let mut p = pick;
        mutate(&mut v, &mut p, &replacement);
        if let Ok(d) = Dataset::parse_json(&v.to_string()) {
            prop_assert_eq!(Dataset::unbake(&d.bake()), Some(d));
        }
    }
}
