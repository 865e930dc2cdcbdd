//! The questions the views ask of the dataset, "as of the end of a year" and for
//! a set of chemistries. Pure functions: the same inputs give the same answer,
//! natively and in the browser.

use super::{
    ChemistryId, ClaimStatus, Dataset, Figure, Level, LineStatus, Milestone, Outlook, OutlookKind,
    ProductionLine, Quantity, TrlAssessment,
};

/// Whether a milestone is drawn solid (it had happened by the end of the year) or
/// hollow (announced, targeted, or dated later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Happened by the end of the chosen year.
    Happened,
    /// Only announced, targeted, or later than the chosen year.
    Expected,
}

/// The standing of a milestone as of the end of `year`.
pub fn standing(m: &Milestone, year: i32) -> Standing {
    if m.status.is_realized() && m.date.started_by_end_of(year) {
        Standing::Happened
    } else {
        Standing::Expected
    }
}

/// Milestones of the chosen chemistries, in date order.
pub fn milestones<'a>(data: &'a Dataset, chemistries: &[ChemistryId]) -> Vec<&'a Milestone> {
    let mut out: Vec<&Milestone> = data
        .milestones
        .iter()
        .filter(|m| chemistries.contains(&m.chemistry))
        .collect();
    by_date(&mut out);
    out
}

/// Puts milestones in date order (by when each starts; undated last; ties by
/// id): the order of [`milestones`], for a few picked out of the dataset
/// without sorting all of them.
pub fn by_date(milestones: &mut [&Milestone]) {
    super::order::sort_by(milestones, |a, b| {
        let (sa, sb) = (a.date.span(), b.date.span());
        let ka = sa.map(|s| s.start).unwrap_or(f64::MAX);
        let kb = sb.map(|s| s.start).unwrap_or(f64::MAX);
        ka.total_cmp(&kb).then_with(|| a.id.cmp(&b.id))
    });
}

/// One bar of the energy-density chart.
#[derive(Clone, Debug, PartialEq)]
pub struct EnergyBar<'a> {
    /// The milestone the figure belongs to.
    pub milestone: &'a Milestone,
    /// The energy-density figure.
    pub figure: &'a Figure,
    /// Cell, module, pack or unstated.
    pub level: Level,
    /// Claim, demonstration or product.
    pub claim: ClaimStatus,
    /// Whether any source disagrees about this milestone.
    pub disputed: bool,
}

impl EnergyBar<'_> {
    /// The figure's level in words, both sides when the sources differ:
    /// "cell", "cell or module? (sources differ)".
    pub fn level_text(&self) -> String {
        match self.figure.disputed_level {
            Some(other) => self.level.disputed_label(other),
            None => self.level.label().to_string(),
        }
    }

    /// The level as the short note beside a bar: "cell", "level?", "cell or module?".
    pub fn level_note(&self) -> String {
        match (self.level, self.figure.disputed_level) {
            (level, Some(other)) => format!("{} or {}?", level.label(), other.label()),
            (Level::Unstated, None) => "level?".to_string(),
            (level, None) => level.label().to_string(),
        }
    }
}

/// Every energy-density figure in the dataset, highest first (ties by milestone
/// id, then figure order). Any selection of them keeps this order.
pub fn all_energy_bars(data: &Dataset) -> Vec<EnergyBar<'_>> {
    let mut bars = energy_bars_in_file_order(data, |_| true);
    // A stable sort: figures of one milestone keep their order in the file.
    super::order::sort_by(&mut bars, |a, b| {
        b.figure
            .upper()
            .total_cmp(&a.figure.upper())
            .then_with(|| a.milestone.id.cmp(&b.milestone.id))
    });
    bars
}

/// The energy-density figures of the milestones `keep` keeps, in the order
/// of the file (not sorted).
fn energy_bars_in_file_order<'a>(
    data: &'a Dataset,
    keep: impl Fn(&Milestone) -> bool,
) -> Vec<EnergyBar<'a>> {
    // Every id a conflict is about, gathered once rather than every
    // conflict searched again for each figure.
    let disputed: Vec<&str> = data
        .conflicts
        .iter()
        .flat_map(|c| c.about.iter().map(String::as_str))
        .collect();
    let mut bars: Vec<EnergyBar> = Vec::new();
    for m in data.milestones.iter().filter(|m| keep(m)) {
        for f in &m.figures {
            if f.quantity == Quantity::EnergyDensity {
                bars.push(EnergyBar {
                    milestone: m,
                    figure: f,
                    level: f.level.unwrap_or(Level::Unstated),
                    claim: f.claim.unwrap_or(ClaimStatus::Claimed),
                    disputed: disputed.contains(&m.id.as_str()),
                });
            }
        }
    }
    bars
}

/// Whether a bar is on the chart: its chemistry is chosen and its milestone's
/// date has begun by the end of `year`.
pub fn energy_bar_shown(bar: &EnergyBar, year: i32, chemistries: &[ChemistryId]) -> bool {
    chemistries.contains(&bar.milestone.chemistry) && bar.milestone.date.started_by_end_of(year)
}

/// The figures of [`energy_bars`] in the order of the file, for a caller
/// that only looks for the highest (no sort).
pub fn energy_bars_unsorted<'a>(
    data: &'a Dataset,
    year: i32,
    chemistries: &[ChemistryId],
) -> Vec<EnergyBar<'a>> {
    energy_bars_in_file_order(data, |m| {
        chemistries.contains(&m.chemistry) && m.date.started_by_end_of(year)
    })
}

/// Energy-density figures known by the end of `year` for the chosen chemistries,
/// highest first. A figure is known once its milestone's date has begun; claims
/// stay marked as claims.
pub fn energy_bars<'a>(
    data: &'a Dataset,
    year: i32,
    chemistries: &[ChemistryId],
) -> Vec<EnergyBar<'a>> {
    all_energy_bars(data)
        .into_iter()
        .filter(|b| energy_bar_shown(b, year, chemistries))
        .collect()
}

/// The TRL assessments that hold by the end of `year` for the chosen chemistries
/// (assessments that span all routes are always shown), lowest TRL first.
pub fn readiness<'a>(
    data: &'a Dataset,
    year: i32,
    chemistries: &[ChemistryId],
) -> Vec<&'a TrlAssessment> {
    let mut out: Vec<&TrlAssessment> = data
        .readiness
        .iter()
        .filter(|t| t.chemistry.is_none_or(|c| chemistries.contains(&c)))
        .filter(|t| t.as_of.started_by_end_of(year))
        .collect();
    super::order::sort_by(&mut out, |a, b| {
        (a.trl_min, a.trl_max, &a.id).cmp(&(b.trl_min, b.trl_max, &b.id))
    });
    out
}

/// Production lines of the chosen chemistries that existed by the end of `year`
/// (lines without a start date are shown from the year their source reports
/// them; lines with no date at all are never counted, see [`undated_lines`]).
pub fn production_lines<'a>(
    data: &'a Dataset,
    year: i32,
    chemistries: &[ChemistryId],
) -> Vec<&'a ProductionLine> {
    data.production_lines
        .iter()
        .filter(|l| chemistries.contains(&l.chemistry))
        .filter(|l| {
            // A start where a source gives one, else the date of the list it is in.
            l.since
                .as_ref()
                .or(l.listed_as_of.as_ref())
                .is_some_and(|d| d.started_by_end_of(year))
        })
        .collect()
}

/// Lines of the chosen chemistries that no source dates at all: listed as
/// "no date given", never as existing by a year.
pub fn undated_lines<'a>(
    data: &'a Dataset,
    chemistries: &[ChemistryId],
) -> Vec<&'a ProductionLine> {
    data.production_lines
        .iter()
        .filter(|l| chemistries.contains(&l.chemistry))
        .filter(|l| l.since.is_none() && l.listed_as_of.is_none())
        .collect()
}

/// How a line's date reads: "since 2023", "listed as of 2026 (no start date
/// given)", or "no date given".
pub fn line_date_label(l: &ProductionLine) -> String {
    match (&l.since, &l.listed_as_of) {
        (Some(d), _) if l.status == LineStatus::Planned => format!("by {}", d.label()),
        (Some(d), _) => format!("since {}", d.label()),
        (None, Some(d)) => format!("listed as of {} (no start date given)", d.label()),
        (None, None) => "no date given".to_string(),
    }
}

/// The forecasts, things to watch and background for these chemistries
/// (items about solid-state in general always count): background first, then
/// by the start of the period they name.
pub fn outlook<'a>(data: &'a Dataset, chemistries: &[ChemistryId]) -> Vec<&'a Outlook> {
    let mut items: Vec<&Outlook> = data
        .outlook
        .iter()
        .filter(|o| o.chemistry.is_none_or(|c| chemistries.contains(&c)))
        .collect();
    let key = |o: &Outlook| {
        (
            o.kind != OutlookKind::Background,
            o.period
                .as_ref()
                .and_then(|p| p.first_year())
                .unwrap_or(i32::MAX),
        )
    };
    super::order::sort_by(&mut items, |a, b| key(a).cmp(&key(b)));
    items
}

/// The highest energy density in the dataset, bars and reference levels alike:
/// the top of the scale. It does not depend on the reader's choices, so bars keep
/// their length while chemistries and years change.
pub fn energy_domain_max(data: &Dataset) -> f64 {
    all_energy_bars(data)
        .iter()
        .map(|b| b.figure.upper())
        .chain(data.references.iter().map(|r| r.figure.upper()))
        .fold(0.0, f64::max)
}

/// A one-sentence summary of the energy chart for screen readers.
pub fn energy_summary(bars: &[EnergyBar], year: i32) -> String {
    match bars.first() {
        None => format!("Energy density as of {year}: no figures for the chosen chemistries."),
        Some(top) => format!(
            "Energy density as of {year}: {} figure{}; highest {} ({}, {}, {}).",
            bars.len(),
            if bars.len() == 1 { "" } else { "s" },
            top.figure.value_label(),
            top.milestone.product,
            top.level.label(),
            top.claim.label()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ChemistryId::*;

    fn data() -> Dataset {
        Dataset::built_in()
    }

    #[test]
    fn a_line_without_any_date_is_never_counted_as_existing_by_a_year() {
        let mut d = data();
        let l = d
            .production_lines
            .iter_mut()
            .find(|l| l.id == "line-bluesolutions")
            .unwrap();
        l.listed_as_of = None;
        l.since = None;
        for year in 2024..=2030 {
            assert!(production_lines(&d, year, &ChemistryId::ALL)
                .iter()
                .all(|l| l.id != "line-bluesolutions"));
        }
        let undated = undated_lines(&d, &ChemistryId::ALL);
        assert_eq!(undated.len(), 1);
        assert_eq!(line_date_label(undated[0]), "no date given");
        assert!(undated_lines(&data(), &ChemistryId::ALL).is_empty());
    }

    #[test]
    fn every_selection_of_bars_keeps_the_order_of_all_bars_and_the_scale() {
        // The chart draws all bars once and only hides some, so any selection
        // must be the full list with bars left out, never reordered.
        let d = data();
        let key = |b: &EnergyBar| b.figure as *const Figure;
        let all: Vec<*const Figure> = all_energy_bars(&d).iter().map(key).collect();
        let max = energy_domain_max(&d);
        for year in 2020..=2032 {
            for mask in 0..(1u32 << ChemistryId::ALL.len()) {
                let chems: Vec<ChemistryId> = ChemistryId::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, c)| *c)
                    .collect();
                let shown: Vec<*const Figure> =
                    energy_bars(&d, year, &chems).iter().map(key).collect();
                let mut rest = all.iter();
                assert!(
                    shown.iter().all(|i| rest.any(|a| a == i)),
                    "{year} {chems:?}"
                );
                assert!(energy_bars(&d, year, &chems)
                    .iter()
                    .all(|b| b.figure.upper() <= max));
            }
        }
        // A bar is shown only for its chemistry and once its date has begun.
        let mg4 = all_energy_bars(&d)
            .into_iter()
            .find(|b| b.milestone.id == "mg4-anxin")
            .unwrap();
        assert!(!energy_bar_shown(&mg4, 2024, &ChemistryId::ALL));
        assert!(energy_bar_shown(&mg4, 2025, &[SemiSolid]));
        assert!(!energy_bar_shown(&mg4, 2026, &[Sulfide, Oxide]));
    }

    #[test]
    fn mg4_is_expected_in_2024_and_happened_in_2026() {
        let d = data();
        let mg4 = d.milestones.iter().find(|m| m.id == "mg4-anxin").unwrap();
        assert_eq!(standing(mg4, 2024), Standing::Expected);
        assert_eq!(standing(mg4, 2025), Standing::Happened);
        assert_eq!(standing(mg4, 2026), Standing::Happened);
    }

    #[test]
    fn energy_bars_follow_the_year_and_the_chemistries() {
        let d = data();
        let ids = |year, chems: &[ChemistryId]| -> Vec<String> {
            energy_bars(&d, year, chems)
                .iter()
                .map(|b| b.milestone.id.clone())
                .collect()
        };
        assert!(!ids(2024, &ChemistryId::ALL).contains(&"mg4-anxin".to_string()));
        assert!(ids(2026, &ChemistryId::ALL).contains(&"mg4-anxin".to_string()));
        assert!(!ids(2026, &[Sulfide, Oxide]).contains(&"mg4-anxin".to_string()));
        // Highest first, and every bar has a level and claim status from its figure.
        let bars = energy_bars(&d, 2030, &ChemistryId::ALL);
        assert!(bars
            .windows(2)
            .all(|w| w[0].figure.upper() >= w[1].figure.upper()));
        assert!(bars.len() > bars.iter().filter(|b| b.level == Level::Cell).count());
    }

    #[test]
    fn a_line_listed_as_of_a_year_is_not_shown_before_it_and_never_as_a_start() {
        let d = data();
        let ids = |year| -> Vec<&str> {
            production_lines(&d, year, &ChemistryId::ALL)
                .iter()
                .map(|l| l.id.as_str())
                .collect()
        };
        assert!(!ids(2025).contains(&"line-toyota-teiho"));
        assert!(ids(2026).contains(&"line-toyota-teiho"));
        assert!(
            ids(2024).contains(&"line-samsung"),
            "a line with a start since 2023"
        );
        let teiho = d
            .production_lines
            .iter()
            .find(|l| l.id == "line-toyota-teiho")
            .unwrap();
        assert_eq!(
            line_date_label(teiho),
            "listed as of 2026 (no start date given)"
        );
        let samsung = d
            .production_lines
            .iter()
            .find(|l| l.id == "line-samsung")
            .unwrap();
        assert_eq!(line_date_label(samsung), "since 2023");
        let sunwoda = d
            .production_lines
            .iter()
            .find(|l| l.id == "line-sunwoda")
            .unwrap();
        assert!(line_date_label(sunwoda).starts_with("by "));
    }

    #[test]
    fn the_outlook_puts_background_first_then_periods_in_order() {
        let d = data();
        let items = outlook(&d, &ChemistryId::ALL);
        assert_eq!(items.len(), d.outlook.len());
        let first_forecast = items
            .iter()
            .position(|o| o.kind != OutlookKind::Background)
            .unwrap();
        assert!(items[..first_forecast]
            .iter()
            .all(|o| o.kind == OutlookKind::Background));
        let years: Vec<i32> = items[first_forecast..]
            .iter()
            .map(|o| {
                o.period
                    .as_ref()
                    .and_then(|p| p.first_year())
                    .unwrap_or(i32::MAX)
            })
            .collect();
        assert!(years.windows(2).all(|w| w[0] <= w[1]), "{years:?}");
    }

    #[test]
    fn targets_are_never_drawn_as_happened() {
        let d = data();
        for m in d.milestones.iter().filter(|m| !m.status.is_realized()) {
            assert_eq!(standing(m, 2030), Standing::Expected, "{}", m.id);
        }
    }

    #[test]
    fn readiness_grows_with_the_year() {
        let d = data();
        let a = readiness(&d, 2024, &ChemistryId::ALL).len();
        let b = readiness(&d, 2026, &ChemistryId::ALL).len();
        assert!(b > a, "{a} then {b}");
        assert!(readiness(&d, 2026, &[Polymer])
            .iter()
            .all(|t| t.chemistry.is_none_or(|c| c == Polymer)));
    }

    #[test]
    fn summary_names_the_highest_figure() {
        let d = data();
        let bars = energy_bars(&d, 2026, &[SemiSolid]);
        let s = energy_summary(&bars, 2026);
        assert!(s.starts_with("Energy density as of 2026"), "{s}");
        assert!(s.contains("Wh/kg"), "{s}");
        assert_eq!(
            energy_summary(&[], 2024),
            "Energy density as of 2024: no figures for the chosen chemistries."
        );
    }
}
