//! Energy density: a bar per figure known by the chosen year, coloured by
//! chemistry, each labelled with its level (cell/module/pack/unstated) and claim
//! status, against today's liquid Li-ion band and the expectations beyond it.

use super::common::{citation_text, MilestoneCard, NothingSelected, ViewHeader};
use crate::app::ExplainerContext;
use crate::charts::{
    pct, reference_label_width_pct, stack_intervals, value_label_side, zero_based_ticks, LabelSide,
    LinearScale,
};
use crate::model::query::{energy_bars, energy_domain_max, energy_summary, EnergyBar};
use crate::model::{format_number, Dataset, Level};
use crate::state::View;
use leptos::prelude::*;

/// The energy-density view.
#[component]
pub fn EnergyView() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let state = ctx.state;
    // Mounted once with the others; renders only while its tab is selected, so
    // switching tabs never creates and drops nested reactive effects.
    let header = move || {
        view! {
            <ViewHeader
                title="Energy density: claims, samples and products".to_string()
                dek="Watt-hours per kilogram as the sources give them. Solid bars are in shipped products or demonstrated; outlined bars are company claims. Cell, module and pack figures are marked and not directly comparable.".to_string()/>
        }
    };
    view! {
        {move || {
            let s = state.get();
            if s.view != View::Energy {
                return ().into_any();
            }
            let data = ctx.data.get();
            if s.chemistries.is_empty() {
                return view! { {header()} <NothingSelected/> }.into_any();
            }
            let bars = energy_bars(&data, s.year, &s.chemistries);
            let summary = energy_summary(&bars, s.year);
            let selected = s.selected.as_ref().and_then(|id| bars.iter().find(|b| &b.milestone.id == id)).map(|b| b.milestone.clone());
            let body = if s.as_table {
                energy_table(&data, &bars, s.year).into_any()
            } else {
                energy_chart(&data, &bars, s.selected.as_deref(), &summary).into_any()
            };
            view! {
                {header()}
                <p class="ssb-sr">{summary}</p>
                {body}
                {selected.map(|m| view! { <MilestoneCard data=data.clone() milestone=m year=s.year/> })}
            }.into_any()
        }}
    }
}

fn energy_chart(
    data: &Dataset,
    bars: &[EnergyBar],
    selected: Option<&str>,
    summary: &str,
) -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let ticks = zero_based_ticks(energy_domain_max(data, bars), 4);
    let scale = LinearScale::new(0.0, *ticks.last().unwrap_or(&800.0));
    // Reference labels sit on their lines, stacked so they never touch: one
    // layout for phones (about 320 px) and one for wide charts; CSS shows one.
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
                    <text class="ssb-ref-label" x=pct(*x) y=12.0 + row as f64 * 15.0 dx=if *right { "-3" } else { "3" }
                        text-anchor=if *right { "end" } else { "start" }>{r.figure.value_label()}</text>
                }
            })
            .collect_view();
        view! {
            <svg class=format!("ssb-svg ssb-energy__head {class}") width="100%" height=6.0 + nrows as f64 * 15.0 aria-hidden="true">{labels}</svg>
        }
    };
    let head_narrow = header(320.0, "ssb-narrow-only");
    let head_wide = header(900.0, "ssb-wide-only");

    let ref_lines = refs.iter().map(|r| {
        let f = &r.figure;
        match f.value_max {
            Some(max) => view! {
                <rect class="ssb-ref ssb-ref--band" x=scale.pct(f.value) width=pct(scale.percent(max) - scale.percent(f.value)) y="0" height="100%"/>
            }.into_any(),
            None => view! {
                <line class="ssb-ref" x1=scale.pct(f.value) x2=scale.pct(f.value) y1="0" y2="100%"/>
            }.into_any(),
        }
    }).collect_view();
    let key = refs.iter().map(|r| view! {
        <li><span class=if r.figure.value_max.is_some() { "ssb-key ssb-key--band" } else { "ssb-key ssb-key--line" } aria-hidden="true"></span>
            {format!("{}: {}", r.figure.value_label(), r.label)}
            <span class="ssb-small">{format!(" ({})", r.sources.iter().map(|c| citation_text(data, c)).collect::<Vec<_>>().join("; "))}</span>
        </li>
    }).collect_view();

    let rows_view = bars.iter().map(|b| {
        let m = b.milestone;
        let end = scale.percent(b.figure.upper());
        let start = b.figure.value_max.map(|_| scale.percent(b.figure.value));
        let side = value_label_side(end);
        let id = m.id.clone();
        let is_selected = selected == Some(m.id.as_str());
        let claim_class = if b.claim.is_shown() { "is-shown" } else { "is-claim" };
        let level_note = match b.level {
            Level::Cell => "cell",
            Level::Module => "module",
            Level::Pack => "pack",
            Level::Unstated => "level?",
        };
        let value_text = format!("{} · {}", b.figure.value_label(), level_note);
        let label = format!(
            ": {}, {}, {}{}",
            m.date.label(), b.figure.value_label(), b.level.label(),
            if b.disputed { ", sources disagree" } else { "" }
        );
        view! {
            <li class=format!("ssb-bar ssb-c--{}{}", m.chemistry.slug(), if is_selected { " is-selected" } else { "" })>
                <button type="button" class="ssb-bar__button" aria-pressed=is_selected.to_string() data-item=m.id.clone()
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
    }).collect_view();

    let axis = ticks.iter().enumerate().map(|(i, t)| {
        let last = i + 1 == ticks.len();
        let label = if last { format!("{} Wh/kg", format_number(*t)) } else { format_number(*t) };
        // Every other tick is dropped on phones so labels never touch.
        let minor = !last && i % 2 == 1;
        view! {
            <text class=if minor { "ssb-tick--minor" } else { "" } x=scale.pct(*t) y="12"
                text-anchor=if i == 0 { "start" } else if last { "end" } else { "middle" }>{label}</text>
        }
    }).collect_view();

    view! {
        <div class="ssb-chart ssb-energy" role="group" aria-label=summary.to_string()>
            {head_narrow}
            {head_wide}
            <div class="ssb-energy__plot">
                <svg class="ssb-energy__refs" width="100%" height="100%" aria-hidden="true">{ref_lines}</svg>
                {if bars.is_empty() {
                    view! { <p class="ssb-empty">"No energy-density figure for these chemistries by this year."</p> }.into_any()
                } else {
                    view! { <ul class="ssb-bars">{rows_view}</ul> }.into_any()
                }}
            </div>
            <svg class="ssb-svg ssb-axis" width="100%" height="16" aria-hidden="true">{axis}</svg>
            <ul class="ssb-refkey" aria-label="Reference levels">{key}</ul>
            <p class="ssb-note">"Bars start at zero. “level?” means the source does not say whether a figure is for a cell, module or pack."</p>
        </div>
    }
}

fn energy_table(data: &Dataset, bars: &[EnergyBar], year: i32) -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    view! {
        <div class="ssb-table-wrap" tabindex="0" role="region" aria-label="Table, scrolls sideways on narrow screens">
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
                                <td>{b.level.label()}</td>
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
