//! Timeline: a lane per chemistry, a named mark per milestone shaped by its
//! status, a "now" line at the end of the chosen year, and a card beside the
//! selected mark. The layout is [`crate::charts::timeline`]; the marks are
//! drawn from it by [`crate::charts::scene::scene_doc`]. A year step only
//! restyles existing marks; a chemistry toggle moves them.

use super::common::{
    card_article, card_spot, cell, col, hidden_unless, item_button, kept_view, row_head,
    selected_card_doc, status_mark_doc, table_doc, KeptHead, PanelMode,
};
use super::frame::{Cache, Frame, Same};
use crate::charts::doc::{el, El, Node};
use crate::charts::scene::{key_move, scene_doc, scene_parts, KeyMove, Scene, SceneParts};
use crate::charts::timeline::{lane_scene, stack};
use crate::model::query::{self, Standing};
use crate::model::{ChemistryId, Dataset};
use crate::state::View;
use std::sync::Arc;

/// The view's dek.
const DEK: &str = "Filled marks happened by the end of the chosen year; dashed marks are later or only planned. Select a mark for details and sources.";

/// What the timeline's scene is laid out from.
type SceneKey = (Same<Dataset>, Vec<ChemistryId>, i32, Vec<ChemistryId>);

/// What a lane is laid out from: the dataset, its chemistry, the width and
/// whether the reader expanded it.
type LaneKey = (Same<Dataset>, ChemistryId, i32, bool);

/// What the chart's `<svg>` is drawn from: the scene, the year, the
/// selection and the tab stop.
type MarksKey = (Same<Scene>, i32, Option<String>, Option<String>);

/// The timeline's part of the screen, and what it keeps between drawings.
/// The chart and the table are each built on their first showing and then
/// kept (hidden while another view or mode is up, and following the state),
/// so a toggle or a year step updates what exists.
#[derive(Default)]
pub struct TimelinePanel {
    head: KeptHead,
    scene: Cache<SceneKey, Arc<Scene>>,
    /// Each chemistry's lane as last laid out (one per chemistry): a toggle
    /// lays out no lane that was laid out before.
    lanes: Vec<(LaneKey, Arc<Scene>)>,
    /// The scene's parts that do not change with the year, and the scene
    /// they are for.
    parts: Option<(Same<Scene>, Arc<SceneParts>)>,
    svg: Cache<MarksKey, Arc<El>>,
    /// The width and the tallest scene drawn at it: the `<svg>` keeps that
    /// height and its frame shows the current scene's (see [`Self::chart`]).
    tallest: (i32, i32),
    table: Cache<(Same<Dataset>, i32, Vec<ChemistryId>), Arc<El>>,
    /// The chart as drawn when it was hidden: a hidden part is not drawn
    /// again while the reader works in another view or the table, and is
    /// brought up to date when it is shown.
    hidden_chart: Option<Arc<El>>,
}

impl TimelinePanel {
    /// The view as of `f`, with `takeaway` under its title.
    pub fn draw(&mut self, f: &Frame, takeaway: &str) -> El {
        let mode = PanelMode::of(f.state, View::Timeline);
        let view = kept_view(&mut self.head, View::Timeline, DEK, mode, takeaway);
        let chart = if mode == PanelMode::Chart {
            self.hidden_chart = None;
            Some(Node::El(self.chart(f, true)))
        } else if self.svg.last().is_some() {
            if self.hidden_chart.is_none() {
                self.hidden_chart = Some(Arc::new(self.chart(f, false)));
            }
            self.hidden_chart.clone().map(Node::Shared)
        } else {
            None
        };
        let mut chart_wrap = hidden_unless(el("div").key("chart"), mode == PanelMode::Chart);
        chart_wrap.kids.extend(chart);
        let table = if mode == PanelMode::Table {
            self.table(f)
        } else {
            // The table is drawn only in table mode; nothing of it is kept.
            self.table = Cache::default();
            [None, None]
        };
        let mut table_wrap = hidden_unless(el("div").key("table"), mode == PanelMode::Table);
        table_wrap.kids.extend(table.into_iter().flatten());
        view.kid(chart_wrap).kid(table_wrap)
    }

    /// The scene for the frame (stacked again only when the data, the
    /// chemistries, the width or the expanded lanes change; a lane is laid
    /// out again only when its own inputs change).
    pub fn scene(&mut self, f: &Frame) -> Arc<Scene> {
        let key = (
            f.data_key(),
            f.state.chemistries.clone(),
            f.width,
            f.widget.expanded.clone(),
        );
        let TimelinePanel { scene, lanes, .. } = self;
        scene.get(key, |(data, chems, width, expanded)| {
            // Lanes of another dataset would keep it alive.
            lanes.retain(|(k, _)| k.0 == *data);
            let stacked: Vec<Arc<Scene>> = chems
                .iter()
                .map(|&chem| {
                    let key = (data.clone(), chem, *width, expanded.contains(&chem));
                    match lanes.iter_mut().find(|(k, _)| k.1 == chem) {
                        Some((k, lane)) if *k == key => lane.clone(),
                        found => {
                            let lane = Arc::new(lane_scene(&data.0, chem, *width, key.3));
                            match found {
                                Some(slot) => *slot = (key, lane.clone()),
                                None => lanes.push((key, lane.clone())),
                            }
                            lane
                        }
                    }
                })
                .collect();
            Arc::new(stack(&stacked, *width))
        })
    }

    /// The scene as last laid out.
    pub fn last_scene(&self) -> Option<Arc<Scene>> {
        self.scene.last().cloned()
    }

    /// The chart with the card of the selected milestone beside its mark
    /// (`shown`: the chart is the panel's content; hidden, it has no card).
    /// The `<svg>` is as tall as the tallest scene drawn at this width and a
    /// frame clips it to the scene's height: a toggle that takes lanes away
    /// or brings them back changes the frame's height, not the `<svg>`'s,
    /// which in Chromium sets off a garbage collection each time (measured
    /// in the README).
    fn chart(&mut self, f: &Frame, shown: bool) -> El {
        let frame = self.svg(f);
        let card = shown
            .then(|| {
                let id = f.state.selected.as_deref()?;
                let scene = self.scene.last()?;
                let at = scene
                    .mark(id)
                    .map(|k| (k.x, k.y, scene.width, scene.height))?;
                let m = f.data.milestones.iter().find(|m| m.id == id)?;
                Some(card_spot(at, card_article(f.data, m, f.state.year)))
            })
            .flatten();
        el("div")
            .class(if card.is_some() {
                "ssb-chart ssb-tl has-card"
            } else {
                "ssb-chart ssb-tl"
            })
            .kid(frame)
            .kid(card)
    }

    /// The chart's `<svg>` in its frame: its marks keep their elements by
    /// id, and a chemistry toggled off keeps its lane in the document,
    /// hidden, to come back in place.
    fn svg(&mut self, f: &Frame) -> El {
        let scene = self.scene(f);
        let tab_stop = [f.widget.active.as_deref(), f.state.selected.as_deref()]
            .into_iter()
            .flatten()
            .find(|id| scene.mark(id).is_some())
            .or_else(|| scene.marks.first().map(|m| &*m.id))
            .map(str::to_string);
        let key = (
            Same(scene.clone()),
            f.state.year,
            f.state.selected.clone(),
            tab_stop,
        );
        // Each scene takes over the drawings of the last one's unchanged marks.
        let parts = match &self.parts {
            Some((s, p)) if Arc::ptr_eq(&s.0, &scene) => p.clone(),
            last => {
                let p = Arc::new(scene_parts(&scene, last.as_ref().map(|(_, p)| &**p)));
                self.parts = Some((Same(scene.clone()), p.clone()));
                p
            }
        };
        let tallest = match self.tallest {
            (width, tallest) if width == scene.width => tallest.max(scene.height),
            _ => scene.height,
        };
        self.tallest = (scene.width, tallest);
        let svg = self.svg.get(key, |(scene, year, selected, tab_stop)| {
            let s = &scene.0;
            let label = chart_label(f.data, &f.state.chemistries, *year);
            let mut svg = el("svg")
                .class("ssb-svg")
                .attr("width", "100%")
                .attr("height", tallest.to_string())
                .attr("role", "group")
                .attr("aria-label", label)
                .keeping();
            svg.kids = scene_doc(s, &parts, *year, selected.as_deref(), tab_stop.as_deref());
            Arc::new(svg)
        });
        svg_frame(&svg, scene.height, tallest)
    }

    /// The table and the selected milestone's card.
    fn table(&mut self, f: &Frame) -> [Option<Node>; 2] {
        let table = self.table.get(
            (f.data_key(), f.state.year, f.state.chemistries.clone()),
            |(data, year, chems)| Arc::new(timeline_table_doc(&data.0, *year, chems)),
        );
        let card = selected_card_doc(f.data, f.state.selected.as_deref(), f.state.year);
        [Some(Node::Shared(table)), card.map(Node::El)]
    }
}

/// The frame that shows `height` pixels of the chart's `svg`, which is
/// `tallest` high. As tall as the `<svg>` (a first drawing), the frame needs
/// no height of its own, and the drawing stays one parse (no `style:`).
/// Kept out of line: inlined, it grew the release wasm by 1 KB brotli.
#[inline(never)]
fn svg_frame(svg: &Arc<El>, height: i32, tallest: i32) -> El {
    let frame = el("div").class("ssb-tl__frame");
    let frame = if height < tallest {
        frame.attr("style:height", format!("{height}px"))
    } else {
        frame
    };
    frame.shared(svg)
}

/// The chart's accessible name: what it shows, in words.
pub fn chart_label(data: &Dataset, chemistries: &[ChemistryId], year: i32) -> String {
    // Counted, not sorted: the order does not matter here.
    let (mut shown, mut happened) = (0, 0);
    for m in data
        .milestones
        .iter()
        .filter(|m| chemistries.contains(&m.chemistry))
    {
        shown += 1;
        happened += usize::from(query::standing(m, year) == Standing::Happened);
    }
    format!(
        "Timeline as of the end of {year}: {shown} milestones for the chosen chemistries, {happened} of them had happened, {} are later or only planned. Use the arrow keys to move between milestones.",
        shown - happened
    )
}

/// What a key pressed on the mark `from` does in `scene`: the mark to focus
/// (and to hold the tab stop), the mark to select, or the card to close.
pub fn mark_key(scene: &Scene, from: &str, key: &str) -> Option<KeyMove> {
    let i = scene.marks.iter().position(|m| &*m.id == from)?;
    key_move(&scene.marks, i, key)
}

/// The milestones for `chemistries` in date order as a table, each standing as
/// of `year`; a milestone's name is a button that opens its card.
pub fn timeline_table_doc(data: &Dataset, year: i32, chemistries: &[ChemistryId]) -> El {
    let head = [
        col("Date"),
        col("Company and product"),
        col("Chemistry"),
        col("Status"),
        el("th").attr("scope", "col").text(format!("As of {year}")),
        col("Sources"),
    ];
    let rows = query::milestones(data, chemistries).into_iter().map(|m| {
        let expected = query::standing(m, year) == Standing::Expected;
        let disputed = data.conflicts_about(&m.id).next().is_some();
        el("tr")
            .key(m.id.clone())
            .kid(cell(m.date.label()))
            .kid(
                row_head()
                    .kid(item_button(&m.id, format!("{}: {}", m.company, m.product)))
                    .kid(disputed.then(disputed_flag)),
            )
            .kid(cell(m.chemistry.name()))
            .kid(
                el("td")
                    .kid(status_mark_doc(m.status, expected))
                    .text(m.status.label()),
            )
            .kid(cell(if expected { "Expected" } else { "Happened" }))
            .kid(cell(crate::model::text::citations_text(data, &m.sources)).class("ssb-small"))
    });
    let caption = format!("Milestones as of the end of {year}, in date order");
    table_doc(caption.clone(), caption, head, rows)
}

/// The "!" of a table row the sources disagree about.
pub fn disputed_flag() -> El {
    el("span")
        .class("ssb-flag")
        .attr("title", "Sources disagree")
        .text("!")
        .kid(el("span").class("ssb-sr").text(" sources disagree"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_charts_name_counts_what_it_shows_as_of_the_year() {
        let data = Dataset::built_in();
        let chems = [ChemistryId::SemiSolid, ChemistryId::Sulfide];
        for year in [2024, 2027, 2030] {
            let ms = query::milestones(&data, &chems);
            let happened = ms
                .iter()
                .filter(|m| query::standing(m, year) == Standing::Happened)
                .count();
            let expected = format!(
                "Timeline as of the end of {year}: {} milestones for the chosen chemistries, {happened} of them had happened, {} are later or only planned.",
                ms.len(),
                ms.len() - happened
            );
            assert!(chart_label(&data, &chems, year).starts_with(&expected));
        }
        assert!(
            !chart_label(&data, &chems, 2027).contains(" 0 of them"),
            "some had happened by 2027"
        );
        assert!(chart_label(&data, &[], 2026).contains(": 0 milestones"));
    }
}
