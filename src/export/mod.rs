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

/// The CSS custom properties a chart file takes its colours and font from,
/// in the order [`Order`] carries their values ([`svg::Palette::from_properties`]).
pub const PALETTE_PROPERTIES: [&str; 17] = [
    "--bg",
    "--fg",
    "--muted",
    "--rule",
    "--panel",
    "--accent",
    "--font",
    "--stage-1",
    "--stage-2",
    "--stage-3",
    "--c-liquid",
    "--c-semi-solid",
    "--c-sulfide",
    "--c-oxide",
    "--c-polymer",
    "--c-all-solid",
    "--c-research",
];

/// A reader's download, with everything the file depends on: the state shown,
/// the chart's width, the lanes the reader expanded and the theme's values of
/// [`PALETTE_PROPERTIES`] (empty where the page set none).
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    /// What to build.
    pub download: Download,
    /// The view, year, chemistries and selection shown.
    pub state: ReaderState,
    /// The chart's width in pixels, as drawn on screen.
    pub width: i32,
    /// The timeline lanes the reader expanded ("+3 more").
    pub expanded: Vec<ChemistryId>,
    /// The theme's colours and font, in the order of [`PALETTE_PROPERTIES`].
    pub palette: Vec<String>,
}

/// A built download.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    /// The file name (`ssb-energy-2026.csv`); for a PNG, the PNG's name.
    pub name: String,
    /// The file's text (for a PNG, the SVG the PNG is drawn from).
    pub text: String,
    /// What the status line says once the file is saved (for a PNG, the
    /// widget says it after drawing).
    pub done: String,
}

impl Order {
    /// The order as a list of strings, to hand to the download module (the
    /// second wasm, `reader/`), which reads it back with [`Order::from_fields`].
    pub fn to_fields(&self) -> Vec<String> {
        let mut fields = vec![
            self.download.extension().to_string(),
            self.state.view.slug().to_string(),
            self.state.year.to_string(),
            self.state.chemistries_attr(),
            self.state.selected.clone().unwrap_or_default(),
            self.width.to_string(),
            crate::state::chemistries_value(&self.expanded),
        ];
        fields.extend(self.palette.iter().cloned());
        fields
    }

    /// Reads what [`Order::to_fields`] wrote; `None` when a field is missing
    /// or not what it should be.
    pub fn from_fields(fields: &[String]) -> Option<Order> {
        let [download, view, year, chems, selected, width, expanded, palette @ ..] = fields else {
            return None;
        };
        let download = [Download::Csv, Download::Svg, Download::Png]
            .into_iter()
            .find(|d| d.extension() == download)?;
        let mut state = ReaderState {
            view: crate::state::parse_view(Some(view)).ok()?,
            chemistries: crate::state::parse_chemistries(Some(chems)).ok()?,
            selected: (!selected.is_empty()).then(|| selected.clone()),
            ..ReaderState::default()
        };
        state.set_year(crate::state::parse_year(Some(year)).ok()?);
        Some(Order {
            download,
            state,
            width: width.parse().ok()?,
            expanded: crate::state::parse_chemistries(Some(expanded)).ok()?,
            palette: palette.to_vec(),
        })
    }
}

/// Builds the file a reader asked for from `data`: the view's table as CSV,
/// or its chart as a self-contained SVG (what a PNG is drawn from). `Err` is
/// what the status line says instead (a view without a chart).
pub fn build_file(data: &Dataset, order: &Order) -> Result<File, String> {
    let s = &order.state;
    let name = file_name(s.view, s.year, order.download.extension());
    if order.download == Download::Csv {
        let table = csv::view_table(data, s.view, s.year, &s.chemistries);
        return Ok(File {
            done: format!("Downloaded {name}: {} rows.", table.rows.len()),
            text: csv::to_csv(&table),
            name,
        });
    }
    let Some((scene, heading)) = chart(data, s, order.width.max(320), &order.expanded) else {
        return Err("This view has no chart to download; its data is in the CSV.".into());
    };
    let palette = svg::Palette::from_properties(&order.palette);
    let text = svg::scene_svg(&scene, s.year, s.selected.as_deref(), &palette, &heading);
    let done = match order.download {
        Download::Svg => format!("Downloaded {name}."),
        _ => String::new(),
    };
    Ok(File { name, text, done })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(download: Download, view: View) -> Order {
        Order {
            download,
            state: ReaderState {
                view,
                year: 2025,
                chemistries: vec![ChemistryId::Sulfide, ChemistryId::Oxide],
                selected: Some("mg4-anxin".into()),
                ..ReaderState::default()
            },
            width: 480,
            expanded: vec![ChemistryId::AllSolid],
            palette: vec!["#000000".into(), String::new(), "#777777".into()],
        }
    }

    #[test]
    fn an_order_reads_back_as_written() {
        for d in [Download::Csv, Download::Svg, Download::Png] {
            for view in View::ALL {
                let o = order(d, view);
                assert_eq!(Order::from_fields(&o.to_fields()), Some(o));
            }
        }
        let mut none = order(Download::Csv, View::Energy);
        none.state.chemistries.clear();
        none.state.selected = None;
        none.expanded.clear();
        none.palette.clear();
        assert_eq!(Order::from_fields(&none.to_fields()), Some(none));
    }

    #[test]
    fn a_broken_order_is_refused() {
        let fields = order(Download::Svg, View::Energy).to_fields();
        assert_eq!(Order::from_fields(&fields[..6]), None, "a field missing");
        for (i, bad) in [
            (0, "exe"),
            (1, "map"),
            (2, "1999"),
            (3, "lead-acid"),
            (5, "wide"),
        ] {
            let mut f = fields.clone();
            f[i] = bad.to_string();
            assert_eq!(Order::from_fields(&f), None, "field {i} = {bad}");
        }
    }

    #[test]
    fn a_built_file_is_the_views_table_or_chart() {
        let data = Dataset::built_in();
        let csv_file = build_file(&data, &order(Download::Csv, View::Energy)).unwrap();
        assert_eq!(csv_file.name, "ssb-energy-2025.csv");
        let table = csv::view_table(
            &data,
            View::Energy,
            2025,
            &[ChemistryId::Sulfide, ChemistryId::Oxide],
        );
        assert_eq!(csv_file.text, csv::to_csv(&table));
        let rows = table.rows.len();
        assert_eq!(
            csv_file.done,
            format!("Downloaded ssb-energy-2025.csv: {rows} rows.")
        );

        let svg_file = build_file(&data, &order(Download::Svg, View::Timeline)).unwrap();
        assert_eq!(svg_file.done, "Downloaded ssb-timeline-2025.svg.");
        assert!(
            svg_file.text.contains("width=\"480\""),
            "drawn at the reader's width"
        );
        assert!(
            svg_file.text.contains("fill=\"#000000\""),
            "the page's background"
        );
        assert!(svg_file.text.contains("As of the end of 2025"));

        let png = build_file(&data, &order(Download::Png, View::Readiness)).unwrap();
        assert_eq!(png.name, "ssb-readiness-2025.png");
        assert!(png.text.starts_with("<?xml") && png.done.is_empty());

        assert_eq!(
            build_file(&data, &order(Download::Svg, View::Hurdles)),
            Err("This view has no chart to download; its data is in the CSV.".into())
        );
    }

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
