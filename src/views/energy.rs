//! Energy density: a bar per figure known by the chosen year, coloured by
//! chemistry, each labelled with its level (cell/module/pack/unstated) and claim
//! status, against today's liquid Li-ion band and the expectations beyond it.

use super::common::hidden_unless;
use super::common::{
    backdrop_svg, bar_rect, bar_svg, cell, col, item_button, kept_view, row_head,
    selected_card_doc, table_doc, KeptHead, PanelMode,
};
use super::frame::{Cache, Frame, Same};
use super::timeline::disputed_flag;
use crate::charts::doc::{el, El, Node};
use crate::charts::{
    pct, reference_label_width_pct, stack_intervals, value_label_side, zero_based_ticks, LabelSide,
    LinearScale,
};
use crate::model::query::{
    all_energy_bars, energy_bar_shown, energy_bars, energy_domain_max, energy_summary, EnergyBar,
};
use crate::model::text::citations_text;
use crate::model::{format_number, ChemistryId, Dataset};
use crate::state::View;
use std::sync::Arc;

/// The view's dek.
const DEK: &str = "Watt-hours per kilogram as the sources give them. Solid bars are in shipped products or demonstrated; outlined bars are company claims. Cell, module and pack figures are marked and not directly comparable.";

/// What decides which bars are shown.
type ShownKey = (Same<Dataset>, i32, Vec<ChemistryId>);

/// What the chart is drawn from: its fixed parts, which bars are shown (for
/// a year and chemistries) and the selection.
type ChartKey = (Same<EnergyFixed>, Same<Shown>, Option<String>);

/// Which of [`all_energy_bars`] are shown, and the sentence that sums them
/// up for screen readers (both worked out from one pass over the bars).
#[derive(Debug)]
struct Shown {
    bars: Vec<bool>,
    summary: String,
}

/// The energy view's part of the screen, and what it keeps between
/// drawings. The chart is built on its first showing and then kept (hidden
/// while another view or the table is up, and brought up to date when shown
/// again); every figure has its bar, and a toggle or a year step only shows
/// and hides bars.
#[derive(Default)]
pub struct EnergyPanel {
    head: KeptHead,
    /// The parts only the dataset decides.
    fixed: Cache<Same<Dataset>, Arc<EnergyFixed>>,
    /// Which of [`all_energy_bars`] are shown.
    shown: Cache<ShownKey, Arc<Shown>>,
    chart: Cache<ChartKey, Arc<Vec<Node>>>,
    table: Cache<ShownKey, Arc<Vec<Node>>>,
}

impl EnergyPanel {
    /// The view as of `f`, with `takeaway` under its title.
    pub fn draw(&mut self, f: &Frame, takeaway: &str) -> El {
        let mode = PanelMode::of(f.state, View::Energy);
        let mut view = kept_view(&mut self.head, View::Energy, DEK, mode, takeaway);
        if mode == PanelMode::Table {
            let table = self.table.get(
                (f.data_key(), f.state.year, f.state.chemistries.clone()),
                |(data, year, chems)| {
                    let bars = energy_bars(&data.0, *year, chems);
                    Arc::new(vec![
                        Node::Shared(Arc::new(
                            el("p")
                                .class("ssb-sr")
                                .key("table-summary")
                                .text(energy_summary(&bars, *year)),
                        )),
                        Node::Shared(Arc::new(energy_table(&data.0, &bars, *year).key("table"))),
                    ])
                },
            );
            view.kids.extend(table.iter().cloned());
        } else {
            // The table is drawn only in table mode; nothing of it is kept.
            self.table = Cache::default();
        }
        // Hidden, the chart stays as last drawn until it is shown again.
        let chart = if mode == PanelMode::Chart {
            Some(self.chart(f))
        } else {
            self.chart.last().cloned()
        };
        let mut wrap = hidden_unless(el("div").key("chart"), mode == PanelMode::Chart);
        wrap.kids
            .extend(chart.iter().flat_map(|c| c.iter().cloned()));
        let card = matches!(mode, PanelMode::Chart | PanelMode::Table)
            .then(|| {
                let id = f.state.selected.as_deref()?;
                let shown = self.shown(f);
                let fixed = self.fixed(f);
                let visible = fixed
                    .bars
                    .iter()
                    .zip(shown.bars.iter())
                    .any(|(b, s)| *s && b.id == id);
                visible.then(|| selected_card_doc(f.data, Some(id), f.state.year))?
            })
            .flatten();
        view.kid(wrap).kid(card)
    }

    fn shown(&mut self, f: &Frame) -> Arc<Shown> {
        self.shown.get(
            (f.data_key(), f.state.year, f.state.chemistries.clone()),
            |(data, year, chems)| {
                let all = all_energy_bars(&data.0);
                let bars: Vec<bool> = all
                    .iter()
                    .map(|b| energy_bar_shown(b, *year, chems))
                    .collect();
                let visible: Vec<EnergyBar> = all
                    .into_iter()
                    .zip(&bars)
                    .filter_map(|(b, s)| s.then_some(b))
                    .collect();
                let summary = energy_summary(&visible, *year);
                Arc::new(Shown { bars, summary })
            },
        )
    }

    fn fixed(&mut self, f: &Frame) -> Arc<EnergyFixed> {
        self.fixed
            .get(f.data_key(), |data| Arc::new(energy_fixed(&data.0)))
    }

    /// The chart's nodes: the summary for screen readers and the bars.
    fn chart(&mut self, f: &Frame) -> Arc<Vec<Node>> {
        let fixed = self.fixed(f);
        let shown = self.shown(f);
        let key = (Same(fixed), Same(shown), f.state.selected.clone());
        let summary_id = f.id("energy-summary");
        self.chart.get(key, |(fixed, shown, selected)| {
            Arc::new(
                energy_chart_doc(
                    &fixed.0,
                    &shown.0.bars,
                    selected.as_deref(),
                    &shown.0.summary,
                    &summary_id,
                )
                .into_iter()
                .map(|e| Node::Shared(Arc::new(e)))
                .collect(),
            )
        })
    }
}

/// The chart as a document: `parts` are the bars' fixed parts
/// ([`bar_parts`]), `shown` says which of [`all_energy_bars`] are
/// visible, `selected` which is pressed; `summary` (with the id
/// `summary_id`) names the chart for screen readers.
pub fn energy_chart_doc(
    fixed: &EnergyFixed,
    shown: &[bool],
    selected: Option<&str>,
    summary: &str,
    summary_id: &str,
) -> Vec<El> {
    let rows = fixed
        .bars
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let hidden = !shown.get(i).copied().unwrap_or(false);
            if selected == Some(p.id.as_str()) {
                Node::El(bar_row(p, hidden, true))
            } else {
                Node::Shared(p.rows[hidden as usize].clone())
            }
        })
        .collect::<Vec<_>>();
    let empty = (!shown.contains(&true)).then(|| {
        el("p")
            .class("ssb-empty")
            .key("empty")
            .text("No energy-density figure for these chemistries by this year.")
    });
    let mut chart = el("div")
        .class("ssb-chart ssb-energy")
        .attr("role", "group")
        .attr("aria-labelledby", summary_id.to_string());
    for h in &fixed.heads {
        chart = chart.shared(h);
    }
    let plot = el("div")
        .class("ssb-energy__plot")
        .shared(&fixed.backdrop)
        .kid(empty)
        .kid({
            let mut list = el("ul").class("ssb-bars").key("bars");
            list.kids = rows;
            list
        });
    chart = chart.kid(plot);
    for b in &fixed.below {
        chart = chart.shared(b);
    }
    vec![
        el("p")
            .class("ssb-sr")
            .attr("id", summary_id.to_string())
            .text(summary.to_string()),
        chart,
    ]
}

/// The parts of the energy chart that only the dataset decides: every bar's
/// label and drawing, the reference levels' labels and lines, the axis, the
/// key and the note. Built once per dataset; a toggle or a year step builds
/// only the bars' shells around them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnergyFixed {
    /// Every bar's fixed parts, in [`all_energy_bars`] order.
    pub bars: Vec<BarParts>,
    /// The reference labels above the plot (phone and wide layouts).
    pub heads: Vec<Arc<El>>,
    /// The reference lines and bands behind the bars.
    pub backdrop: Arc<El>,
    /// The axis, the key to the reference levels and the note, below the plot.
    pub below: Vec<Arc<El>>,
}

/// The fixed parts of the energy chart for a dataset.
pub fn energy_fixed(data: &Dataset) -> EnergyFixed {
    let ticks = zero_based_ticks(energy_domain_max(data), 4);
    let scale = LinearScale::new(0.0, *ticks.last().unwrap_or(&800.0));
    let below = [
            el("svg")
                .class("ssb-svg ssb-axis")
                .attr("width", "100%")
                .attr("height", "16")
                .attr("aria-hidden", "true")
                .kids(axis(&ticks, scale)),
            el("ul")
                .class("ssb-refkey")
                .attr("aria-label", "Reference levels")
                .kids(reference_key(data)),
            el("p").class("ssb-note").text("Bars start at zero. “level?” means the source does not say whether a figure is for a cell, module or pack; “cell or module?” that the sources say both."),
    ];
    EnergyFixed {
        bars: all_energy_bars(data)
            .iter()
            .map(|b| bar_fixed(b, scale))
            .collect(),
        heads: reference_heads(data, scale)
            .into_iter()
            .map(Arc::new)
            .collect(),
        backdrop: Arc::new(backdrop_svg(reference_lines(data, scale))),
        below: below.into_iter().map(Arc::new).collect(),
    }
}

/// Labels of the reference levels above the plot, stacked so they never touch:
/// one layout for phones (about 320 px) and one for wide charts; CSS shows one.
fn reference_heads(data: &Dataset, scale: LinearScale) -> [El; 2] {
    let refs = &data.references;
    let header = |assumed_px: f64, class: &'static str| {
        let placed: Vec<(f64, bool, (f64, f64))> = refs
            .iter()
            .map(|r| {
                let x = scale.percent(r.figure.value);
                let right = x > 60.0;
                let w = reference_label_width_pct(&r.figure.value_label(), assumed_px);
                (x, right, if right { (x - w, x) } else { (x, x + w) })
            })
            .collect();
        let order = crate::model::order::sorted_order(placed.len(), &|a, b| {
            placed[a].2 .0.total_cmp(&placed[b].2 .0)
        });
        let intervals: Vec<(f64, f64)> = order.iter().map(|i| placed[*i].2).collect();
        let (rows_sorted, nrows) = stack_intervals(&intervals, 1.5);
        let mut rows = vec![0; placed.len()];
        for (k, i) in order.iter().enumerate() {
            rows[*i] = rows_sorted[k];
        }
        let labels = refs
            .iter()
            .zip(placed.iter().zip(rows))
            .map(|(r, ((x, right, _), row))| {
                el("text")
                    .class("ssb-ref-label")
                    .attr("x", pct(*x))
                    .attr("y", (12 + row as i32 * 15).to_string())
                    .attr("dx", if *right { "-3" } else { "3" })
                    .attr("text-anchor", if *right { "end" } else { "start" })
                    .text(r.figure.value_label())
            });
        el("svg")
            .class(format!("ssb-svg ssb-energy__head {class}"))
            .attr("width", "100%")
            .attr("height", (6 + nrows as i32 * 15).to_string())
            .attr("aria-hidden", "true")
            .kids(labels)
    };
    [
        header(320.0, "ssb-narrow-only"),
        header(900.0, "ssb-wide-only"),
    ]
}

/// Lines and bands of the reference levels behind the bars.
fn reference_lines(data: &Dataset, scale: LinearScale) -> impl Iterator<Item = El> + '_ {
    data.references.iter().map(move |r| {
        let f = &r.figure;
        match f.value_max {
            Some(max) => el("rect")
                .class("ssb-ref ssb-ref--band")
                .attr("x", scale.pct(f.value))
                .attr("width", pct(scale.percent(max) - scale.percent(f.value)))
                .attr("y", "0")
                .attr("height", "100%"),
            None => el("line")
                .class("ssb-ref")
                .attr("x1", scale.pct(f.value))
                .attr("x2", scale.pct(f.value))
                .attr("y1", "0")
                .attr("y2", "100%"),
        }
    })
}

/// The key to the reference levels, with their sources.
fn reference_key(data: &Dataset) -> impl Iterator<Item = El> + '_ {
    data.references.iter().map(move |r| {
        el("li")
            .kid(
                el("span")
                    .class(if r.figure.value_max.is_some() {
                        "ssb-key ssb-key--band"
                    } else {
                        "ssb-key ssb-key--line"
                    })
                    .attr("aria-hidden", "true"),
            )
            .text(format!("{}: {}", r.figure.value_label(), r.label))
            .kid(
                el("span")
                    .class("ssb-small")
                    .text(format!(" ({})", citations_text(data, &r.sources))),
            )
    })
}

/// The x axis: every other tick is dropped on phones so labels never touch.
fn axis(ticks: &[f64], scale: LinearScale) -> Vec<El> {
    ticks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let last = i + 1 == ticks.len();
            let label = if last {
                format!("{} Wh/kg", format_number(*t))
            } else {
                format_number(*t)
            };
            let minor = !last && i % 2 == 1;
            el("text")
                .class(if minor { "ssb-tick--minor" } else { "" })
                .attr("x", scale.pct(*t))
                .attr("y", "12")
                .attr(
                    "text-anchor",
                    if i == 0 {
                        "start"
                    } else if last {
                        "end"
                    } else {
                        "middle"
                    },
                )
                .text(label)
        })
        .collect()
}

/// The parts of a bar that never change with the reader's state: the label
/// (product, company, chemistry, claim status, and the words for screen
/// readers) and the drawn bar with its value. Built once per dataset and
/// shared by every document after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarParts {
    /// The milestone's id.
    pub id: String,
    /// `ssb-bar ssb-c--…`.
    pub class: String,
    /// The label.
    pub label: Arc<El>,
    /// The SVG strip.
    pub svg: Arc<El>,
    /// The whole row, shown and hidden, unselected: what a toggle or a year
    /// step draws for all bars but the selected one, shared so the renderer
    /// skips every bar that did not change at once.
    pub rows: [Arc<El>; 2],
}

fn bar_fixed(b: &EnergyBar, scale: LinearScale) -> BarParts {
    let m = b.milestone;
    let end = scale.percent(b.figure.upper());
    let start = b.figure.value_max.map(|_| scale.percent(b.figure.value));
    let inside = value_label_side(end) == LabelSide::Inside;
    let claim_class = if b.claim.is_shown() {
        "is-shown"
    } else {
        "is-claim"
    };
    let words = format!(
        ": {}, {}, {}{}",
        m.date.label(),
        b.figure.value_label(),
        b.level_text(),
        if b.disputed { ", sources disagree" } else { "" }
    );
    let label = el("span")
        .class("ssb-bar__label")
        .kid(el("span").class("ssb-bar__name").text(m.product.clone()))
        .kid(el("span").class("ssb-bar__meta").text(format!(
            " {} · {} · {}",
            m.company,
            m.chemistry.name(),
            b.claim.label()
        )))
        .kid(b.disputed.then(|| {
            el("span")
                .class("ssb-flag")
                .attr("aria-hidden", "true")
                .text("!")
        }))
        .kid(el("span").class("ssb-sr").text(words));
    let svg = bar_svg()
        .kid(start.map(|s| bar_rect("ssb-bar__range", pct(s), pct(end - s))))
        .kid(bar_rect(
            format!("ssb-bar__rect {claim_class}"),
            "0",
            pct(end),
        ))
        .kid(
            el("text")
                .class(if inside {
                    "ssb-bar__value is-inside"
                } else {
                    "ssb-bar__value"
                })
                .attr("x", pct(end))
                .attr("dx", if inside { "-4" } else { "4" })
                .attr("y", "15")
                .attr("text-anchor", if inside { "end" } else { "start" })
                .text(format!("{} · {}", b.figure.value_label(), b.level_note())),
        );
    let mut parts = BarParts {
        id: m.id.clone(),
        class: format!("ssb-bar ssb-c--{}", m.chemistry.slug()),
        label: Arc::new(label),
        svg: Arc::new(svg),
        rows: [Arc::new(el("li")), Arc::new(el("li"))],
    };
    parts.rows = [false, true].map(|hidden| Arc::new(bar_row(&parts, hidden, false)));
    parts
}

/// One bar: a button that selects its milestone, around its fixed parts;
/// only `hidden` and `aria-pressed` follow the state.
fn bar_row(p: &BarParts, hidden: bool, selected: bool) -> El {
    let mut li = el("li").key(p.id.clone()).class(p.class.clone());
    if hidden {
        li = li.attr("hidden", "");
    }
    li.kid(
        el("button")
            .attr("type", "button")
            .class("ssb-bar__button")
            .attr("aria-pressed", if selected { "true" } else { "false" })
            .attr("data-item", p.id.clone())
            .attr("data-toggle", p.id.clone())
            .shared(&p.label)
            .shared(&p.svg),
    )
}

/// The figures known by `year` as a table, highest first, with the reference
/// levels after them; a product's name is a button that opens its card.
pub fn energy_table(data: &Dataset, bars: &[EnergyBar], year: i32) -> El {
    let head = [
        col("Product"),
        col("Chemistry"),
        col("Energy density").class("ssb-num"),
        col("Level"),
        col("Status of the figure"),
        col("Date"),
        col("Sources"),
    ];
    let cites = |c: &[crate::model::Citation]| citations_text(data, c);
    let rows = bars.iter().map(|b| {
        let m = b.milestone;
        el("tr")
            .key(m.id.clone())
            .kid(
                row_head()
                    .kid(item_button(&m.id, format!("{} ({})", m.product, m.company)))
                    .kid(b.disputed.then(disputed_flag)),
            )
            .kid(cell(m.chemistry.name()))
            .kid(cell(b.figure.value_label()).class("ssb-num"))
            .kid(cell(b.level_text()))
            .kid(cell(b.claim.label()))
            .kid(cell(m.date.label()))
            .kid(cell(cites(&m.sources)).class("ssb-small"))
    });
    let refs = data.references.iter().map(|r| {
        el("tr")
            .class("ssb-table__ref")
            .kid(row_head().text(format!("Reference: {}", r.label)))
            .kid(cell("—"))
            .kid(cell(r.figure.value_label()).class("ssb-num"))
            .kid(cell(r.figure.level.map(|l| l.label()).unwrap_or("—")))
            .kid(cell(r.figure.claim.map(|c| c.label()).unwrap_or("—")))
            .kid(cell("—"))
            .kid(cell(cites(&r.sources)).class("ssb-small"))
    });
    table_doc(
        "Table of energy density figures",
        format!("Energy density figures known by the end of {year}, highest first"),
        head,
        rows.chain(refs),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::doc::Node;
    use crate::model::ChemistryId;

    #[test]
    fn the_empty_note_coming_and_going_keeps_the_bar_list() {
        use crate::charts::doc::pair_children;
        let data = Dataset::built_in();
        let fixed = energy_fixed(&data);
        let n = fixed.bars.len();
        let plot = |shown: &[bool]| {
            let chart = el("div").kids(energy_chart_doc(&fixed, shown, None, "", "x"));
            chart.with_class("ssb-energy__plot")[0].clone()
        };
        let (some, none) = (plot(&vec![true; n]), plot(&vec![false; n]));
        assert!(none.with_class("ssb-empty").len() == 1);
        // The list pairs with the list (kept), the note is new.
        let pairs = pair_children(&some.kids, &none.kids);
        let list = none
            .kids
            .iter()
            .position(|k| k.as_el().is_some_and(|e| e.tag == "ul"));
        let old_list = some
            .kids
            .iter()
            .position(|k| k.as_el().is_some_and(|e| e.tag == "ul"));
        assert_eq!(pairs[list.unwrap()], old_list);
    }

    #[test]
    fn a_toggle_changes_only_which_bars_are_hidden_and_shares_the_rest() {
        let data = Dataset::built_in();
        let fixed = energy_fixed(&data);
        let shown = |chems: &[ChemistryId]| -> Vec<bool> {
            all_energy_bars(&data)
                .iter()
                .map(|b| energy_bar_shown(b, 2026, chems))
                .collect()
        };
        let (all, oxide) = (shown(&ChemistryId::ALL), shown(&[ChemistryId::Oxide]));
        assert_ne!(all, oxide);
        let doc = |s: &[bool]| el("div").kids(energy_chart_doc(&fixed, s, None, "", "x"));
        let (a, b) = (doc(&all), doc(&oxide));
        let (bars_a, bars_b) = (a.with_class("ssb-bar"), b.with_class("ssb-bar"));
        assert_eq!(bars_a.len(), fixed.bars.len());
        for (i, (x, y)) in bars_a.iter().zip(&bars_b).enumerate() {
            assert_eq!(x.key, y.key);
            assert_eq!(x.get("hidden").is_none(), all[i]);
            assert_eq!(y.get("hidden").is_none(), oxide[i]);
            // The label and the drawing are the very same shared parts.
            let (Node::El(bx), Node::El(by)) = (&x.kids[0], &y.kids[0]) else {
                panic!("a button")
            };
            for (p, q) in bx.kids.iter().zip(&by.kids) {
                match (p, q) {
                    (Node::Shared(p), Node::Shared(q)) => assert!(Arc::ptr_eq(p, q)),
                    _ => panic!("unshared bar part"),
                }
            }
        }
        // What a reader reads in a bar comes through the shared parts.
        let mg4 = bars_a
            .iter()
            .find(|b| b.key.as_deref() == Some("mg4-anxin"))
            .expect("the MG4 bar");
        assert!(mg4.text_content().contains("MG4 Anxin Edition"));
    }
}
