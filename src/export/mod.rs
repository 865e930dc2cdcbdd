//! What a reader can take away: the data of a view as CSV and its chart as a
//! self-contained SVG (the PNG is drawn from that SVG in the browser), built
//! from the same table and scene models the view renders. Pure: the files are
//! strings, tested natively; `views::share` hands them to the browser.

pub mod csv;
pub mod svg;

use crate::charts::scene::Scene;
use crate::model::text::sources_summary;
use crate::model::{query, ChemistryId, Dataset};
use crate::state::{ReaderState, View};
use svg::Heading;

/// What a view offers to download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Download {
    /// The table's rows as CSV.
    Csv,
    /// The chart as an SVG file.
    Svg,
    /// The chart as a PNG at twice its size.
    Png,
}

impl Download {
    /// The menu item's text.
    pub fn label(self) -> &'static str {
        match self {
            Download::Csv => "Data (CSV)",
            Download::Svg => "Chart (SVG)",
            Download::Png => "Chart (PNG)",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Download::Csv => "csv",
            Download::Svg => "svg",
            Download::Png => "png",
        }
    }
}

/// What `view` offers: every view its data; views drawn as a chart the chart too
/// (the hurdles matrix is a table, so it is data only).
pub fn downloads(view: View) -> &'static [Download] {
    match view {
        View::Hurdles => &[Download::Csv],
        _ => &[Download::Csv, Download::Svg, Download::Png],
    }
}

/// The file name of a download: `ssb-energy-2026.csv`.
pub fn file_name(view: View, year: i32, extension: &str) -> String {
    format!("ssb-{}-{year}.{extension}", view.slug())
}

/// The state line of a downloaded chart: "As of the end of 2026 · Sulfide, Oxide".
pub fn state_line(year: i32, chems: &[ChemistryId]) -> String {
    let which = if chems.len() == ChemistryId::ALL.len() {
        "all chemistries".to_string()
    } else if chems.is_empty() {
        "no chemistry chosen".to_string()
    } else {
        chems
            .iter()
            .map(|c| c.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("As of the end of {year} \u{b7} {which}")
}

/// The chart the reader sees in `s.view` as a scene, with its title, state
/// and sources: the same layout function the view draws with. `None` for a
/// view without a chart.
pub fn chart(
    data: &Dataset,
    s: &ReaderState,
    width: i32,
    expanded: &[ChemistryId],
) -> Option<(Scene, Heading)> {
    let (scene, cites): (Scene, Vec<_>) = match s.view {
        View::Timeline => (
            crate::charts::timeline::timeline_scene(data, &s.chemistries, width, expanded),
            query::milestones(data, &s.chemistries)
                .into_iter()
                .flat_map(|m| m.sources.iter())
                .collect(),
        ),
        View::Energy => (
            crate::charts::energy::energy_scene(data, s.year, &s.chemistries, width),
            query::energy_bars(data, s.year, &s.chemistries)
                .iter()
                .flat_map(|b| b.milestone.sources.iter())
                .chain(data.references.iter().flat_map(|r| r.sources.iter()))
                .collect(),
        ),
        View::Readiness => (
            crate::charts::readiness::readiness_scene(data, s.year, &s.chemistries, width),
            query::readiness(data, s.year, &s.chemistries)
                .into_iter()
                .flat_map(|t| t.sources.iter())
                .collect(),
        ),
        View::Hurdles => return None,
    };
    let summary = sources_summary(data, cites);
    let summary = if summary.is_empty() {
        "none for this selection".to_string()
    } else {
        summary
    };
    Some((
        scene,
        Heading {
            title: s.view.title().to_string(),
            state: state_line(s.year, &s.chemistries),
            source: format!("Sources: {summary}. Chart: the solid-state battery explainer."),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_view_and_year() {
        assert_eq!(file_name(View::Energy, 2026, "csv"), "ssb-energy-2026.csv");
    }

    #[test]
    fn every_chart_names_its_view_state_and_sources() {
        let data = Dataset::built_in();
        for view in View::ALL {
            let s = ReaderState {
                view,
                chemistries: vec![ChemistryId::Sulfide, ChemistryId::Oxide],
                ..ReaderState::default()
            };
            let Some((scene, h)) = chart(&data, &s, 640, &[]) else {
                assert_eq!(downloads(view), &[Download::Csv]);
                continue;
            };
            assert!(downloads(view).contains(&Download::Svg));
            assert_eq!(h.title, view.title());
            assert_eq!(h.state, "As of the end of 2026 \u{b7} Sulfide, Oxide");
            assert!(
                h.source.starts_with("Sources: ") && h.source.contains("(20"),
                "{view:?}: {}",
                h.source
            );
            assert!(scene.height > 0 && scene.width == 640, "{view:?}");
        }
    }
}
