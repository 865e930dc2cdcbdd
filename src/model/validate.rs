//! Checks a parsed [`Dataset`] and reports every problem with its JSON path and
//! what would be right. Serde has already checked shapes and enum values; this
//! checks what types cannot: references, uniqueness, ranges and dates.

use super::{ChemistryId, Level};
use super::{Citation, Dataset, Figure, FuzzyDate, Quantity, KNOWN_UNITS, SCHEMA_VERSION};
use std::collections::HashSet;

/// One thing wrong with a dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// JSON path, e.g. `$.milestones[3].date.value`.
    pub path: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A number in a problem message: plain digits (no grouping), written
/// without float formatting code.
fn num(v: f64) -> String {
    super::format_number(v)
        .replace(['\u{202F}'], "")
        .replace('\u{2212}', "-")
}

/// Lowest and highest energy density (Wh/kg) the validator accepts as plausible.
pub const PLAUSIBLE_WH_PER_KG: (f64, f64) = (50.0, 1000.0);

/// Years a date may fall in.
pub const PLAUSIBLE_YEARS: (i32, i32) = (1900, 2100);

struct Checker<'a> {
    data: &'a Dataset,
    source_ids: HashSet<&'a str>,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn citations(&mut self, path: &str, citations: &[Citation]) {
        if citations.is_empty() {
            self.push(
                format!("{path}.sources"),
                "no source: every item needs at least one citation {\"source\": \"<source id>\"}",
            );
        }
        for (i, c) in citations.iter().enumerate() {
            self.citation(&format!("{path}.sources[{i}]"), c);
        }
    }

    fn citation(&mut self, path: &str, c: &Citation) {
        if !self.source_ids.contains(c.source.as_str()) {
            let known: Vec<&str> = self.data.sources.iter().map(|s| s.id.as_str()).collect();
            self.push(
                format!("{path}.source"),
                format!(
                    "unknown source \"{}\"; known sources: {}",
                    c.source,
                    known.join(", ")
                ),
            );
        }
    }

    fn text(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(path, "empty text; write what the source says");
        }
    }

    fn date(&mut self, path: &str, d: &FuzzyDate) {
        match d.span() {
            None => self.push(
                format!("{path}.value"),
                format!(
                    "\"{}\" does not match precision \"{}\"; expected {}",
                    d.value,
                    d.precision.name(),
                    d.precision.expected_format()
                ),
            ),
            Some(span) => {
                let (lo, hi) = PLAUSIBLE_YEARS;
                if span.start < lo as f64 || span.end > (hi + 1) as f64 {
                    self.push(
                        format!("{path}.value"),
                        format!("year out of range; expected {lo}–{hi}"),
                    );
                }
            }
        }
    }

    fn figure(&mut self, path: &str, f: &Figure) {
        if !f.value.is_finite() || f.value_max.is_some_and(|m| !m.is_finite()) {
            self.push(format!("{path}.value"), "not a finite number");
            return;
        }
        if !KNOWN_UNITS.contains(&f.unit.as_str()) {
            self.push(
                format!("{path}.unit"),
                format!(
                    "unknown unit \"{}\"; expected one of {}",
                    f.unit,
                    KNOWN_UNITS.join(", ")
                ),
            );
        }
        let signed = f.quantity == Quantity::Temperature;
        if !signed && f.value <= 0.0 {
            self.push(
                format!("{path}.value"),
                format!(
                    "{} must be positive (only temperatures may be zero or negative)",
                    num(f.value)
                ),
            );
        }
        if let Some(max) = f.value_max {
            if max <= f.value {
                self.push(
                    format!("{path}.value_max"),
                    format!(
                        "range end {} must be greater than its start {}",
                        num(max),
                        num(f.value)
                    ),
                );
            }
        }
        let expect_unit = match f.quantity {
            Quantity::EnergyDensity => Some("Wh/kg"),
            Quantity::PackEnergy => Some("kWh"),
            Quantity::CellCapacity => Some("Ah"),
            Quantity::Range => Some("km"),
            Quantity::Yield => Some("%"),
            Quantity::Temperature => Some("°C"),
            _ => None,
        };
        if let Some(unit) = expect_unit {
            if f.unit != unit {
                self.push(
                    format!("{path}.unit"),
                    format!(
                        "\"{}\" does not fit this quantity; expected \"{unit}\"",
                        f.unit
                    ),
                );
            }
        }
        if f.quantity == Quantity::EnergyDensity {
            let (lo, hi) = PLAUSIBLE_WH_PER_KG;
            if f.value < lo || f.upper() > hi {
                self.push(
                    format!("{path}.value"),
                    format!(
                        "{} Wh/kg is implausible; expected {}–{} Wh/kg",
                        num(f.upper()),
                        num(lo),
                        num(hi)
                    ),
                );
            }
            if f.level.is_none() {
                self.push(
                    format!("{path}.level"),
                    "energy density needs its level: \"cell\", \"module\", \"pack\" or \"unstated\"",
                );
            }
            if f.claim.is_none() {
                self.push(
                    format!("{path}.claim"),
                    "energy density needs its claim status: \"claimed\", \"demonstrated\", \"in_product\" or \"expected\"",
                );
            }
        } else if f.level.is_some_and(|l| l != Level::Unstated)
            && f.quantity != Quantity::PackEnergy
        {
            self.push(
                format!("{path}.level"),
                "a level belongs to energy-density figures only",
            );
        }
        if f.quantity == Quantity::Yield && f.upper() > 100.0 {
            self.push(format!("{path}.value"), "a yield cannot exceed 100 %");
        }
        if let Some(other) = f.disputed_level {
            if f.quantity != Quantity::EnergyDensity || f.level == Some(other) {
                self.push(
                    format!("{path}.disputed_level"),
                    "a disputed level belongs to an energy-density figure and must differ from its level",
                );
            }
        }
        if let Some(c) = &f.source {
            self.citation(&format!("{path}.source"), c);
        }
    }

    /// The figures of an item that cites `cites`: where it cites more than one
    /// document, every figure must say which one it comes from.
    fn figures(&mut self, path: &str, figures: &[Figure], cites: &[Citation]) {
        let documents: HashSet<&str> = cites.iter().map(|c| c.source.as_str()).collect();
        for (i, f) in figures.iter().enumerate() {
            let fp = format!("{path}.figures[{i}]");
            self.figure(&fp, f);
            if documents.len() > 1 && f.source.is_none() {
                self.push(
                    format!("{fp}.source"),
                    format!(
                        "this item cites {} documents; say which one gives this figure: \"source\": {{\"source\": \"<source id>\", \"section\": \"…\"}}",
                        documents.len()
                    ),
                );
            }
        }
    }
}

/// Checks a dataset and returns every problem found (empty when valid).
pub fn validate(data: &Dataset) -> Vec<Problem> {
    let mut c = Checker {
        data,
        source_ids: data.sources.iter().map(|s| s.id.as_str()).collect(),
        problems: Vec::new(),
    };

    if data.schema_version != SCHEMA_VERSION {
        c.push(
            "$.schema_version",
            format!(
                "version {} is not supported; this build reads {SCHEMA_VERSION}",
                data.schema_version
            ),
        );
    }
    c.text("$.title", &data.title);
    c.date("$.updated", &data.updated);
    if data.sources.is_empty() {
        c.push("$.sources", "no sources; every dataset needs at least one");
    }

    // Ids are unique across the whole dataset, so conflicts can point at anything.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut all_ids: Vec<(String, &str)> = Vec::new();
    for (i, s) in data.sources.iter().enumerate() {
        all_ids.push((format!("$.sources[{i}].id"), &s.id));
    }
    for (i, m) in data.milestones.iter().enumerate() {
        all_ids.push((format!("$.milestones[{i}].id"), &m.id));
    }
    for (i, t) in data.readiness.iter().enumerate() {
        all_ids.push((format!("$.readiness[{i}].id"), &t.id));
    }
    for (i, l) in data.production_lines.iter().enumerate() {
        all_ids.push((format!("$.production_lines[{i}].id"), &l.id));
    }
    for (i, h) in data.hurdles.iter().enumerate() {
        all_ids.push((format!("$.hurdles[{i}].id"), &h.id));
    }
    for (i, r) in data.references.iter().enumerate() {
        all_ids.push((format!("$.references[{i}].id"), &r.id));
    }
    for (i, p) in data.policy.iter().enumerate() {
        all_ids.push((format!("$.policy[{i}].id"), &p.id));
    }
    for (i, o) in data.outlook.iter().enumerate() {
        all_ids.push((format!("$.outlook[{i}].id"), &o.id));
    }
    for (i, k) in data.conflicts.iter().enumerate() {
        all_ids.push((format!("$.conflicts[{i}].id"), &k.id));
    }
    for (path, id) in &all_ids {
        if id.trim().is_empty() {
            c.push(path.clone(), "empty id");
        } else if !seen.insert(id) {
            c.push(
                path.clone(),
                format!("duplicate id \"{id}\"; ids must be unique across the dataset"),
            );
        }
    }

    for (i, s) in data.sources.iter().enumerate() {
        let p = format!("$.sources[{i}]");
        c.text(&format!("{p}.title"), &s.title);
        c.date(&format!("{p}.published"), &s.published);
    }

    let mut chem_seen = HashSet::new();
    for (i, ch) in data.chemistries.iter().enumerate() {
        let p = format!("$.chemistries[{i}]");
        if !chem_seen.insert(ch.id) {
            c.push(
                format!("{p}.id"),
                format!("chemistry \"{}\" is described twice", ch.id.slug()),
            );
        }
        if let Some(t) = &ch.operating_temperature {
            c.figure(&format!("{p}.operating_temperature"), t);
        }
        c.citations(&p, &ch.sources);
    }
    for id in ChemistryId::ALL {
        if !chem_seen.contains(&id) {
            c.push(
                "$.chemistries",
                format!(
                    "missing chemistry \"{}\"; all six must be described",
                    id.slug()
                ),
            );
        }
    }

    for (i, m) in data.milestones.iter().enumerate() {
        let p = format!("$.milestones[{i}]");
        c.text(&format!("{p}.company"), &m.company);
        c.text(&format!("{p}.summary"), &m.summary);
        c.date(&format!("{p}.date"), &m.date);
        c.figures(&p, &m.figures, &m.sources);
        c.citations(&p, &m.sources);
    }

    for (i, t) in data.readiness.iter().enumerate() {
        let p = format!("$.readiness[{i}]");
        for (field, v) in [("trl_min", t.trl_min), ("trl_max", t.trl_max)] {
            if !(1..=9).contains(&v) {
                c.push(
                    format!("{p}.{field}"),
                    format!("TRL {v} is out of range; expected 1–9"),
                );
            }
        }
        if t.trl_min > t.trl_max {
            c.push(
                format!("{p}.trl_max"),
                format!("trl_max {} is below trl_min {}", t.trl_max, t.trl_min),
            );
        }
        c.date(&format!("{p}.as_of"), &t.as_of);
        c.citations(&p, &t.sources);
    }

    for (i, l) in data.production_lines.iter().enumerate() {
        let p = format!("$.production_lines[{i}]");
        if let Some(d) = &l.since {
            c.date(&format!("{p}.since"), d);
        }
        if let Some(d) = &l.listed_as_of {
            c.date(&format!("{p}.listed_as_of"), d);
        }
        c.figures(&p, &l.figures, &l.sources);
        c.citations(&p, &l.sources);
    }

    for (i, h) in data.hurdles.iter().enumerate() {
        let p = format!("$.hurdles[{i}]");
        c.text(&format!("{p}.name"), &h.name);
        let mut rated = HashSet::new();
        for (j, r) in h.severity.iter().enumerate() {
            if !rated.insert(r.chemistry) {
                c.push(
                    format!("{p}.severity[{j}].chemistry"),
                    format!("\"{}\" is rated twice for this hurdle", r.chemistry.slug()),
                );
            }
        }
        c.figures(&p, &h.figures, &h.sources);
        c.citations(&p, &h.sources);
    }

    for (i, r) in data.references.iter().enumerate() {
        let p = format!("$.references[{i}]");
        c.figure(&format!("{p}.figure"), &r.figure);
        if r.figure.quantity != Quantity::EnergyDensity {
            c.push(
                format!("{p}.figure.quantity"),
                "reference levels must be \"energy_density\"",
            );
        }
        c.citations(&p, &r.sources);
    }

    for (i, k) in data.cost_history.iter().enumerate() {
        let p = format!("$.cost_history[{i}]");
        c.date(&format!("{p}.date"), &k.date);
        c.figure(&format!("{p}.figure"), &k.figure);
        c.citations(&p, &k.sources);
    }

    for (i, k) in data.policy.iter().enumerate() {
        let p = format!("$.policy[{i}]");
        if let Some(d) = &k.date {
            c.date(&format!("{p}.date"), d);
        }
        if let Some(by) = &k.by {
            c.text(&format!("{p}.by"), by);
        }
        c.figures(&p, &k.figures, &k.sources);
        c.citations(&p, &k.sources);
    }

    for (i, o) in data.outlook.iter().enumerate() {
        let p = format!("$.outlook[{i}]");
        c.text(&format!("{p}.by"), &o.by);
        c.text(&format!("{p}.text"), &o.text);
        if let Some(d) = &o.period {
            c.date(&format!("{p}.period"), d);
        }
        c.figures(&p, &o.figures, &o.sources);
        c.citations(&p, &o.sources);
    }

    let ids: HashSet<&str> = all_ids.iter().map(|(_, id)| *id).collect();
    for (i, k) in data.conflicts.iter().enumerate() {
        let p = format!("$.conflicts[{i}]");
        c.text(&format!("{p}.topic"), &k.topic);
        if k.claims.is_empty() {
            c.push(
                format!("{p}.claims"),
                "a conflict needs the claims of each side",
            );
        }
        for (j, a) in k.about.iter().enumerate() {
            if !ids.contains(a.as_str()) {
                c.push(
                    format!("{p}.about[{j}]"),
                    format!("unknown id \"{a}\"; point at a milestone, line, assessment, hurdle, policy or outlook item"),
                );
            }
        }
        for (j, claim) in k.claims.iter().enumerate() {
            c.text(&format!("{p}.claims[{j}].says"), &claim.says);
            c.citation(&format!("{p}.claims[{j}].source"), &claim.source);
        }
    }

    c.problems
}
