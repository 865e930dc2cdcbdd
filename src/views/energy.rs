//! Energy density: a bar per figure known by the chosen year, coloured by
//! chemistry, each labelled with its level (cell/module/pack/unstated) and claim
//! status, against today's liquid Li-ion band and the expectations beyond it.

use super::common::{
    citation_text, takeaway_signal, ChartKey, MilestoneCard, NothingSelected, Takeaway, ViewHeader,
};
use crate::app::ExplainerContext;
use crate::charts::{
    pct, reference_label_width_pct, stack_intervals, value_label_side, zero_based_ticks, LabelSide,
    LinearScale,
};
use crate::model::query::{
    all_energy_bars, energy_bar_shown, energy_bars, energy_domain_max, energy_summary, EnergyBar,
};
use crate::model::{format_number, Dataset};
use crate::state::View;
use leptos::prelude::*;

/// The energy-density view.
#[component]
pub fn EnergyView() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let state = ctx.state;
    // Mounted once with the others. The memos live as long as the view, and the
    // chart is built on its first showing and then kept (hidden while another view
    // or the table is up), so switching views never creates and drops reactive
    // nodes; the chart updates in place.
    let mode = Memo::new(move |_| {
        state.with(
            |s| match (s.view == View::Energy, s.chemistries.is_empty(), s.as_table) {
                (false, _, _) => Mode::Hidden,
                (true, true, _) => Mode::NothingSelected,
                (true, false, true) => Mode::Table,
                (true, false, false) => Mode::Chart,
            },
        )
    });
    let live = EnergyState::new(ctx);
    // Turns true on the chart's first showing and stays true.
    let chart_built = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || mode.get() == Mode::Chart
    });
    view! {
        <div class="ssb-view" hidden=move || mode.get() == Mode::Hidden>
            <ViewHeader
                title=View::Energy.title().to_string()
                dek="Watt-hours per kilogram as the sources give them. Solid bars are in shipped products or demonstrated; outlined bars are company claims. Cell, module and pack figures are marked and not directly comparable.".to_string()/>
            <Takeaway text=takeaway_signal(ctx)/>
            <ChartKey/>
            {move || (mode.get() == Mode::NothingSelected).then(|| view! { <NothingSelected/> })}
            {move || {
                if mode.get() != Mode::Table {
                    return None;
                }
                let (data, s) = (ctx.data.get(), state.get());
                let bars = energy_bars(&data, s.year, &s.chemistries);
                Some(view! {
                    <p class="ssb-sr">{energy_summary(&bars, s.year)}</p>
                    {energy_table(&data, &bars, s.year)}
                })
            }}
            <div hidden=move || mode.get() != Mode::Chart>
                {move || chart_built.get().then(|| energy_chart(ctx, live))}
            </div>
            {selected_card(ctx, live, mode)}
        </div>
    }
}

/// What the energy view shows.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Hidden,
    NothingSelected,
    Chart,
    Table,
}

/// The parts of the state the energy chart follows, each recomputed only when
/// what it depends on changes.
#[derive(Clone, Copy)]
struct EnergyState {
    /// Which bars are shown, in [`all_energy_bars`] order.
    shown: Memo<Vec<bool>>,
    /// The selected milestone id.
    selected: Memo<Option<String>>,
}

impl EnergyState {
    fn new(ctx: ExplainerContext) -> Self {
        let state = ctx.state;
        let selected = Memo::new(move |_| state.with(|s| s.selected.clone()));
        let shown = Memo::new(move |_| {
            let data = ctx.data.get();
            state.with(|s| {
                all_energy_bars(&data)
                    .iter()
                    .map(|b| energy_bar_shown(b, s.year, &s.chemistries))
                    .collect()
            })
        });
        EnergyState { shown, selected }
    }

    /// The shown bars, highest first.
    fn visible(self, data: &Dataset) -> Vec<EnergyBar<'_>> {
        self.shown.with(|shown| {
            all_energy_bars(data)
                .into_iter()
                .zip(shown.iter())
                .filter(|(_, s)| **s)
                .map(|(b, _)| b)
                .collect()
        })
    }
}

/// The card of the selected bar, while that bar is on the chart or in the table.
fn selected_card(ctx: ExplainerContext, live: EnergyState, mode: Memo<Mode>) -> impl IntoView {
    move || {
        if !matches!(mode.get(), Mode::Chart | Mode::Table) {
            return None;
        }
        let id = live.selected.get()?;
        let data = ctx.data.get();
        let year = ctx.state.with(|s| s.year);
        let bar = live
            .visible(&data)
            .into_iter()
            .find(|b| b.milestone.id == id)?;
        let m = bar.milestone.clone();
        Some(view! { <MilestoneCard data=data.clone() milestone=m year=year/> })
    }
}

/// The bar chart: every energy-density figure is drawn once per dataset, in
/// the same highest-first order any selection keeps, and a toggle or a year step
/// only shows and hides bars. The scale is the dataset's, so bars never change
/// length while the reader explores.
fn energy_chart(ctx: ExplainerContext, live: EnergyState) -> impl IntoView {
    let EnergyState { shown, selected } = live;
    let state = ctx.state;
    let summary = move || {
        let data = ctx.data.get();
        energy_summary(&live.visible(&data), state.with(|s| s.year))
    };
    move || {
        let data = ctx.data.get();
        let ticks = zero_based_ticks(energy_domain_max(&data), 4);
        let scale = LinearScale::new(0.0, *ticks.last().unwrap_or(&800.0));
        let rows = all_energy_bars(&data)
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let hidden = move || shown.with(|s| !s.get(i).copied().unwrap_or(false));
                bar_row(b, scale, hidden, selected, ctx)
            })
            .collect_view();
        // The summary is written once and names the chart for screen readers.
        let summary_id = ctx.id("energy-summary");
        view! {
            <p class="ssb-sr" id=summary_id.clone()>{summary}</p>
            <div class="ssb-chart ssb-energy" role="group" aria-labelledby=summary_id>
                {reference_heads(&data, scale)}
                <div class="ssb-energy__plot">
                    <svg class="ssb-energy__refs" width="100%" height="100%" aria-hidden="true">{reference_lines(&data, scale)}</svg>
                    {move || shown.with(|s| !s.contains(&true)).then(|| view! {
                        <p class="ssb-empty">"No energy-density figure for these chemistries by this year."</p>
                    })}
                    <ul class="ssb-bars">{rows}</ul>
                </div>
                <svg class="ssb-svg ssb-axis" width="100%" height="16" aria-hidden="true">{axis(&ticks, scale)}</svg>
                <ul class="ssb-refkey" aria-label="Reference levels">{reference_key(&data)}</ul>
                <p class="ssb-note">"Bars start at zero. “level?” means the source does not say whether a figure is for a cell, module or pack; “cell or module?” that the sources say both."</p>
            </div>
        }
    }
}

/// Labels of the reference levels above the plot, stacked so they never touch:
/// one layout for phones (about 320 px) and one for wide charts; CSS shows one.
fn reference_heads(data: &Dataset, scale: LinearScale) -> impl IntoView {
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
        let mut order: Vec<usize> = (0..placed.len()).collect();
        order.sort_by(|a, b| placed[*a].2 .0.total_cmp(&placed[*b].2 .0));
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
                view! {
                    <text class="ssb-ref-label" x=pct(*x) y=12 + row as i32 * 15 dx=if *right { "-3" } else { "3" }
                        text-anchor=if *right { "end" } else { "start" }>{r.figure.value_label()}</text>
                }
            })
            .collect_view();
        view! {
            <svg class=format!("ssb-svg ssb-energy__head {class}") width="100%" height=6 + nrows as i32 * 15 aria-hidden="true">{labels}</svg>
        }
    };
    (
        header(320.0, "ssb-narrow-only"),
        header(900.0, "ssb-wide-only"),
    )
}

/// Lines and bands of the reference levels behind the bars.
fn reference_lines(data: &Dataset, scale: LinearScale) -> impl IntoView {
    data.references.iter().map(|r| {
        let f = &r.figure;
        match f.value_max {
            Some(max) => view! {
                <rect class="ssb-ref ssb-ref--band" x=scale.pct(f.value) width=pct(scale.percent(max) - scale.percent(f.value)) y="0" height="100%"/>
            }.into_any(),
            None => view! {
                <line class="ssb-ref" x1=scale.pct(f.value) x2=scale.pct(f.value) y1="0" y2="100%"/>
            }.into_any(),
        }
    }).collect_view()
}

/// The key to the reference levels, with their sources.
fn reference_key(data: &Dataset) -> impl IntoView {
    data.references.iter().map(|r| view! {
        <li><span class=if r.figure.value_max.is_some() { "ssb-key ssb-key--band" } else { "ssb-key ssb-key--line" } aria-hidden="true"></span>
            {format!("{}: {}", r.figure.value_label(), r.label)}
            <span class="ssb-small">{format!(" ({})", r.sources.iter().map(|c| citation_text(data, c)).collect::<Vec<_>>().join("; "))}</span>
        </li>
    }).collect_view()
}

/// The x axis: every other tick is dropped on phones so labels never touch.
fn axis(ticks: &[f64], scale: LinearScale) -> impl IntoView {
    ticks.iter().enumerate().map(|(i, t)| {
        let last = i + 1 == ticks.len();
        let label = if last { format!("{} Wh/kg", format_number(*t)) } else { format_number(*t) };
        let minor = !last && i % 2 == 1;
        view! {
            <text class=if minor { "ssb-tick--minor" } else { "" } x=scale.pct(*t) y="12"
                text-anchor=if i == 0 { "start" } else if last { "end" } else { "middle" }>{label}</text>
        }
    }).collect_view()
}

/// One bar: a button that selects its milestone, with the product, company,
/// chemistry and claim status, and the value at the bar's end.
fn bar_row(
    b: &EnergyBar,
    scale: LinearScale,
    hidden: impl Fn() -> bool + Send + Sync + 'static,
    selected: Memo<Option<String>>,
    ctx: ExplainerContext,
) -> impl IntoView {
    let m = b.milestone;
    let end = scale.percent(b.figure.upper());
    let start = b.figure.value_max.map(|_| scale.percent(b.figure.value));
    let side = value_label_side(end);
    let id = m.id.clone();
    // The selected bar is styled from its aria-pressed state: one effect per bar.
    let is_selected = {
        let id = m.id.clone();
        move || selected.with(|s| s.as_deref() == Some(id.as_str()))
    };
    let claim_class = if b.claim.is_shown() {
        "is-shown"
    } else {
        "is-claim"
    };
    let value_text = format!("{} · {}", b.figure.value_label(), b.level_note());
    let label = format!(
        ": {}, {}, {}{}",
        m.date.label(),
        b.figure.value_label(),
        b.level_text(),
        if b.disputed { ", sources disagree" } else { "" }
    );
    let base_class = format!("ssb-bar ssb-c--{}", m.chemistry.slug());
    view! {
        <li class=base_class hidden=hidden>
            <button type="button" class="ssb-bar__button" aria-pressed=move || is_selected().to_string() data-item=m.id.clone()
                on:click=move |_| ctx.select(&id)>
                <span class="ssb-bar__label">
                    <span class="ssb-bar__name">{m.product.clone()}</span>
                    <span class="ssb-bar__meta">{format!(" {} · {} · {}", m.company, m.chemistry.name(), b.claim.label())}</span>
                    {b.disputed.then(|| view! { <span class="ssb-flag" aria-hidden="true">"!"</span> })}
                    <span class="ssb-sr">{label}</span>
                </span>
                <svg class="ssb-bar__svg" width="100%" height="22" aria-hidden="true">
                    {start.map(|s| view! { <rect class="ssb-bar__range" x=pct(s) width=pct(end - s) y="4" height="14"/> })}
                    <rect class=format!("ssb-bar__rect {claim_class}") x="0" width=pct(end) y="4" height="14"/>
                    <text class=if side == LabelSide::Inside { "ssb-bar__value is-inside" } else { "ssb-bar__value" }
                        x=pct(end) dx=if side == LabelSide::Inside { "-4" } else { "4" } y="15"
                        text-anchor=if side == LabelSide::Inside { "end" } else { "start" }>{value_text}</text>
                </svg>
            </button>
        </li>
    }
}

fn energy_table(data: &Dataset, bars: &[EnergyBar], year: i32) -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    view! {
        <div class="ssb-table-wrap" tabindex="0" role="region" aria-label="Table of energy density figures">
            <table class="ssb-table">
                <caption>{format!("Energy density figures known by the end of {year}, highest first")}</caption>
                <thead><tr>
                    <th scope="col">"Product"</th><th scope="col">"Chemistry"</th>
                    <th scope="col" class="ssb-num">"Energy density"</th><th scope="col">"Level"</th>
                    <th scope="col">"Status of the figure"</th><th scope="col">"Date"</th><th scope="col">"Sources"</th>
                </tr></thead>
                <tbody>
                    {bars.iter().map(|b| {
                        let m = b.milestone;
                        let id = m.id.clone();
                        view! {
                            <tr>
                                <th scope="row"><button type="button" class="ssb-linkish" on:click=move |_| ctx.select(&id)>
                                    {format!("{} ({})", m.product, m.company)}</button>
                                    {b.disputed.then(|| view! { <span class="ssb-flag" title="Sources disagree">"!"<span class="ssb-sr">" sources disagree"</span></span> })}
                                </th>
                                <td>{m.chemistry.name()}</td>
                                <td class="ssb-num">{b.figure.value_label()}</td>
                                <td>{b.level_text()}</td>
                                <td>{b.claim.label()}</td>
                                <td>{m.date.label()}</td>
                                <td class="ssb-small">{m.sources.iter().map(|c| citation_text(data, c)).collect::<Vec<_>>().join("; ")}</td>
                            </tr>
                        }
                    }).collect_view()}
                    {data.references.iter().map(|r| view! {
                        <tr class="ssb-table__ref">
                            <th scope="row">{format!("Reference: {}", r.label)}</th>
                            <td>"—"</td>
                            <td class="ssb-num">{r.figure.value_label()}</td>
                            <td>{r.figure.level.map(|l| l.label()).unwrap_or("—")}</td>
                            <td>{r.figure.claim.map(|c| c.label()).unwrap_or("—")}</td>
                            <td>"—"</td>
                            <td class="ssb-small">{r.sources.iter().map(|c| citation_text(data, c)).collect::<Vec<_>>().join("; ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
