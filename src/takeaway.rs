//! The takeaway: one sentence above each view, written from the reader's state
//! (year and chemistries) with the numbers that matter, so a reader learns what
//! the chart says before clicking anything. Pure functions.

use crate::model::query::{self, Standing};
use crate::model::{ChemistryId, ClaimStatus, Dataset, LineStatus, Severity, Status};
use crate::state::View;

/// The takeaway for `view` as of the end of `year` for these chemistries.
pub fn takeaway(data: &Dataset, view: View, year: i32, chemistries: &[ChemistryId]) -> String {
    if chemistries.is_empty() {
        return "No chemistry is selected, so there is nothing to sum up.".to_string();
    }
    match view {
        View::Timeline => timeline(data, year, chemistries),
        View::Energy => energy(data, year, chemistries),
        View::Hurdles => hurdles(data, chemistries),
        View::Readiness => readiness(data, year, chemistries),
    }
}

/// "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A chemistry's name inside a sentence.
fn lower_name(c: ChemistryId) -> &'static str {
    match c {
        ChemistryId::Liquid => "liquid Li-ion",
        ChemistryId::SemiSolid => "semi-solid",
        ChemistryId::Sulfide => "sulfide",
        ChemistryId::Oxide => "oxide",
        ChemistryId::Polymer => "polymer",
        ChemistryId::AllSolid => "all-solid (route not stated)",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn timeline(data: &Dataset, year: i32, chemistries: &[ChemistryId]) -> String {
    // Only the shipped products are named, in date order: the counts need
    // no order, so only those few are sorted.
    let ms = data
        .milestones
        .iter()
        .filter(|m| chemistries.contains(&m.chemistry));
    let (mut shown, mut happened) = (0, 0);
    let mut shipped = Vec::new();
    for m in ms {
        shown += 1;
        if query::standing(m, year) == Standing::Happened {
            happened += 1;
            if m.status == Status::Shipped {
                shipped.push(m);
            }
        }
    }
    query::by_date(&mut shipped);
    let mut kinds: Vec<ChemistryId> = shipped.iter().map(|m| m.chemistry).collect();
    kinds.dedup();
    let shipped_part = match shipped.len() {
        0 => "no product with these chemistries had shipped".to_string(),
        n => {
            let mut companies: Vec<String> = shipped.iter().map(|m| m.company.clone()).collect();
            companies.dedup();
            let all = match kinds.as_slice() {
                [one] if n > 1 => format!(", all {}", lower_name(*one)),
                [one] => format!(", {}", lower_name(*one)),
                _ => String::new(),
            };
            format!(
                "{} had shipped ({}{all})",
                plural(n, "product", "products"),
                and_list(&companies)
            )
        }
    };
    let other = happened - shipped.len();
    let later = shown - happened;
    format!(
        "By the end of {year}, {shipped_part}; {} had happened, and {} of the {} shown {} still plans or later.",
        plural(other, "pilot line, sample or demonstration", "pilot lines, samples and demonstrations"),
        later,
        shown,
        if later == 1 { "was" } else { "were" }
    )
}

fn energy(data: &Dataset, year: i32, chemistries: &[ChemistryId]) -> String {
    let bars = query::energy_bars_unsorted(data, year, chemistries);
    if bars.is_empty() {
        return format!("By the end of {year}, the sources give no energy-density figure for these chemistries.");
    }
    let best = |claims: &[ClaimStatus]| {
        bars.iter()
            .filter(|b| claims.contains(&b.claim))
            // Of equal figures, the one [`query::energy_bars`] lists last
            // (ordered by milestone id, then by the file's order).
            .max_by(|a, b| {
                a.figure
                    .upper()
                    .total_cmp(&b.figure.upper())
                    .then_with(|| a.milestone.id.cmp(&b.milestone.id))
            })
            .map(|b| {
                let level = b.level_text();
                format!(
                    "{} ({}, {level})",
                    b.figure.value_label(),
                    b.milestone.company
                )
            })
    };
    let mut parts = Vec::new();
    if let Some(p) = best(&[ClaimStatus::InProduct]) {
        parts.push(format!("the highest figure in a shipped product is {p}"));
    } else {
        parts.push("no shipped product has a figure yet".to_string());
    }
    if let Some(d) = best(&[ClaimStatus::Demonstrated]) {
        parts.push(format!("the highest demonstrated is {d}"));
    }
    if let Some(c) = best(&[ClaimStatus::Claimed, ClaimStatus::Expected]) {
        parts.push(format!("the highest only claimed or expected is {c}"));
    }
    format!("By the end of {year}, {}.", and_list(&parts))
}

fn hurdles(data: &Dataset, chemistries: &[ChemistryId]) -> String {
    let severe = |c: ChemistryId| {
        data.hurdles
            .iter()
            .filter(|h| {
                h.severity
                    .iter()
                    .any(|r| r.chemistry == c && r.severity == Severity::Severe)
            })
            .count()
    };
    let most = chemistries.iter().map(|&c| severe(c)).max().unwrap_or(0);
    let worst: Vec<String> = chemistries
        .iter()
        .filter(|&&c| most > 0 && severe(c) == most)
        .map(|c| c.name().to_string())
        .collect();
    let any_severe = data
        .hurdles
        .iter()
        .filter(|h| {
            h.severity
                .iter()
                .any(|r| chemistries.contains(&r.chemistry) && r.severity == Severity::Severe)
        })
        .count();
    if worst.is_empty() {
        return format!(
            "None of the {} is rated severe for the chosen chemistries.",
            plural(data.hurdles.len(), "hurdle", "hurdles")
        );
    }
    format!(
        "Of {}, {} severe for at least one chosen chemistry; {} the most severe ratings ({most}{}).",
        plural(data.hurdles.len(), "hurdle", "hurdles"),
        if any_severe == 1 {
            "1 is".to_string()
        } else {
            format!("{any_severe} are")
        },
        if worst.len() == 1 {
            format!("{} has", worst[0])
        } else {
            format!("{} have", and_list(&worst))
        },
        if worst.len() == 1 { "" } else { " each" }
    )
}

fn readiness(data: &Dataset, year: i32, chemistries: &[ChemistryId]) -> String {
    let items = query::readiness(data, year, chemistries);
    let lines = query::production_lines(data, year, chemistries);
    let running = lines
        .iter()
        .filter(|l| l.status != LineStatus::Planned)
        .count();
    let lines_part = format!(
        "{} listed as running",
        plural(running, "production line is", "production lines are")
    );
    match items.iter().max_by_key(|t| (t.trl_max, t.trl_min)) {
        None => format!(
            "By the end of {year}, no readiness assessment covers these chemistries; {lines_part}."
        ),
        Some(top) => {
            let level = if top.trl_min == top.trl_max {
                format!("TRL {}", top.trl_max)
            } else {
                format!("TRL {}–{}", top.trl_min, top.trl_max)
            };
            format!(
                "By the end of {year}, the most advanced assessment is {level} ({}), short of the commercial stage (TRL 8–9); {lines_part}.",
                top.subject
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Dataset {
        Dataset::built_in()
    }

    #[test]
    fn the_timeline_takeaway_counts_what_had_happened_by_the_year() {
        let d = data();
        let t24 = takeaway(&d, View::Timeline, 2024, &ChemistryId::ALL);
        let t30 = takeaway(&d, View::Timeline, 2030, &ChemistryId::ALL);
        assert_ne!(t24, t30);
        assert!(t24.starts_with("By the end of 2024, 2 products had shipped (IM Motors (SAIC) and Nio, all semi-solid)"), "{t24}");
        assert!(t30.contains("3 products had shipped"), "{t30}");
        assert!(t30.contains("of the 34 shown"), "{t30}");
        let solid = takeaway(&d, View::Timeline, 2030, &[ChemistryId::Sulfide]);
        assert!(
            solid.contains("no product with these chemistries had shipped"),
            "{solid}"
        );
    }

    #[test]
    fn the_energy_takeaway_separates_products_demonstrations_and_claims() {
        let d = data();
        let t = takeaway(&d, View::Energy, 2026, &ChemistryId::ALL);
        assert!(t.contains("shipped product is"), "{t}");
        assert!(t.contains("demonstrated is"), "{t}");
        assert!(t.contains("Wh/kg"), "{t}");
        // A figure whose level the sources dispute says so here too.
        assert!(t.contains("(Chery, cell or module?"), "{t}");
    }

    #[test]
    fn the_readiness_takeaway_names_the_highest_level() {
        let d = data();
        let t = takeaway(&d, View::Readiness, 2026, &ChemistryId::ALL);
        assert!(t.contains("TRL 7 (Gotion"), "{t}");
        let early = takeaway(&d, View::Readiness, 2024, &ChemistryId::ALL);
        assert_ne!(t, early);
    }

    #[test]
    fn the_hurdles_takeaway_counts_severe_ratings() {
        let d = data();
        let t = takeaway(&d, View::Hurdles, 2026, &ChemistryId::ALL);
        assert!(t.starts_with("Of "), "{t}");
        assert!(t.contains("most severe ratings"), "{t}");
        // A tie names every chemistry in it.
        assert!(
            t.contains(
                "Oxide and All-solid, route not stated have the most severe ratings (4 each)"
            ),
            "{t}"
        );
        let sulfide = takeaway(&d, View::Hurdles, 2026, &[ChemistryId::Sulfide]);
        assert!(
            sulfide.contains("Sulfide has the most severe ratings (3)"),
            "{sulfide}"
        );
    }

    #[test]
    fn no_chemistry_says_so() {
        assert!(takeaway(&data(), View::Energy, 2026, &[]).starts_with("No chemistry"));
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }
}
