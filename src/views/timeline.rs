//! Timeline: a lane per chemistry, a marker per milestone shaped by its status,
//! a "now" line at the end of the chosen year, and a card for the selected one.

use super::common::{
    citation_text, marker_half_path, marker_path, MilestoneCard, NothingSelected, StatusLegend,
    StatusMark, ViewHeader,
};
use crate::app::ExplainerContext;
use crate::charts::{pct, timeline_lanes, LinearScale, TIMELINE_YEARS};
use crate::model::query::{self, Standing};
use crate::model::Milestone;
use crate::state::View;
use leptos::prelude::*;

const AXIS_H: f64 = 26.0;
const LANE_LABEL_H: f64 = 20.0;
const ROW_H: f64 = 22.0;
const LANE_GAP: f64 = 8.0;
/// Marks closer than this (in years) stack, so they stay apart at 320 px.
const MIN_GAP_YEARS: f64 = 0.45;

/// The timeline view.
#[component]
pub fn TimelineView() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let state = ctx.state;
    // Mounted once with the others; renders only while its tab is selected, so
    // switching tabs never creates and drops nested reactive effects.
    let header = move || {
        view! {
            <ViewHeader
                title="What shipped, and what is only announced".to_string()
                dek="Filled marks happened by the end of the chosen year; dashed marks are later or only planned. Select a mark for details and sources.".to_string()/>
        }
    };
    view! {
        {move || {
            let s = state.get();
            if s.view != View::Timeline {
                return ().into_any();
            }
            let data = ctx.data.get();
            if s.chemistries.is_empty() {
                return view! { {header()} <NothingSelected/> }.into_any();
            }
            let ms: Vec<Milestone> = query::milestones(&data, &s.chemistries).into_iter().cloned().collect();
            let selected = s.selected.as_ref().and_then(|id| ms.iter().find(|m| &m.id == id).cloned());
            let happened = ms.iter().filter(|m| query::standing(m, s.year) == Standing::Happened).count();
            let summary = format!(
                "Timeline as of the end of {}: {} milestones for the chosen chemistries, {} of them had happened, {} are later or only planned.",
                s.year, ms.len(), happened, ms.len() - happened
            );
            let body = if s.as_table {
                view! { <TimelineTable milestones=ms.clone() year=s.year/> }.into_any()
            } else {
                view! { <TimelineChart milestones=ms.clone() year=s.year selected=s.selected.clone() summary=summary.clone()/> }.into_any()
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

/// The SVG chart.
#[component]
fn TimelineChart(
    /// Milestones in date order.
    milestones: Vec<Milestone>,
    /// The chosen year.
    year: i32,
    /// The selected milestone id.
    selected: Option<String>,
    /// Text alternative.
    summary: String,
) -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let state = ctx.state;
    let data = ctx.data.get_untracked();
    let chems = state.with_untracked(|s| s.chemistries.clone());
    let refs: Vec<&Milestone> = milestones.iter().collect();
    let lanes = timeline_lanes(&refs, &chems, MIN_GAP_YEARS);
    let scale = LinearScale::new(TIMELINE_YEARS.0 as f64, TIMELINE_YEARS.1 as f64);

    let mut y = AXIS_H;
    let mut lane_views = Vec::new();
    for lane in lanes {
        let top = y;
        let height = LANE_LABEL_H + lane.rows as f64 * ROW_H;
        y += height + LANE_GAP;
        let c = lane.chemistry;
        let empty = lane.marks.is_empty();
        let marks = lane.marks.into_iter().map(|mark| {
            let m = milestones[mark.index].clone();
            let expected = query::standing(&m, year) == Standing::Expected;
            let disputed = data.conflicts_about(&m.id).next().is_some();
            let is_selected = selected.as_deref() == Some(m.id.as_str());
            let cy = top + LANE_LABEL_H + mark.row as f64 * ROW_H + ROW_H / 2.0;
            let label = format!(
                "{}, {}: {} ({}){}{}",
                m.company,
                m.product,
                m.status.label(),
                m.date.label(),
                if expected { ", expected as of the chosen year" } else { "" },
                if disputed { ", sources disagree" } else { "" }
            );
            let id = m.id.clone();
            let id_key = m.id.clone();
            let class = format!(
                "ssb-tl__mark ssb-mark--{}{}{}",
                m.status.slug(),
                if expected { " is-expected" } else { "" },
                if is_selected { " is-selected" } else { "" }
            );
            view! {
                <g class="ssb-tl__item">
                    {mark.span.map(|(a, b)| view! {
                        <rect class="ssb-tl__span" x=pct(a) width=pct(b - a) y=cy - 3.0 height="6" rx="3"
                            aria-hidden="true"/>
                    })}
                    <svg x=pct(mark.x) y=cy width="1" height="1" overflow="visible" class=class
                        role="button" tabindex="0" aria-label=label.clone() data-item=m.id.clone()
                        aria-pressed=is_selected.to_string()
                        on:click=move |_| ctx.select(&id)
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" || ev.key() == " " {
                                ev.prevent_default();
                                ctx.select(&id_key);
                            }
                        }>
                        <title>{label.clone()}</title>
                        <circle class="ssb-tl__hit" r="12"/>
                        <path d=marker_path(m.status, 6.0)/>
                        {marker_half_path(m.status, 6.0).map(|d| view! { <path class="ssb-half" d=d/> })}
                        {disputed.then(|| view! {
                            <g class="ssb-flag-mark" aria-hidden="true">
                                <circle cx="8" cy="-8" r="5.5"/>
                                <text x="8" y="-8" dy="0.35em" text-anchor="middle">"!"</text>
                            </g>
                        })}
                    </svg>
                </g>
            }
        }).collect_view();
        lane_views.push(view! {
            <g class=format!("ssb-tl__lane ssb-c--{}", c.slug())>
                <rect class="ssb-tl__lane-bg" x="0" width="100%" y=top height=height/>
                <text class="ssb-tl__lane-label" x="4" y=top + 14.0>{c.name()}</text>
                {empty.then(|| view! {
                    <text class="ssb-tl__lane-empty" x="4" y=top + LANE_LABEL_H + 14.0>
                        "No dated milestone in the sources."
                    </text>
                })}
                {marks}
            </g>
        });
    }
    let total_h = y;
    let now_x = scale.pct((year + 1) as f64);
    let now_right = scale.percent((year + 1) as f64) > 80.0;
    let ticks = (TIMELINE_YEARS.0..TIMELINE_YEARS.1)
        .map(|yr| {
            let minor = yr % 2 == 1;
            view! {
                <g class=if minor { "ssb-tick ssb-tick--minor" } else { "ssb-tick" }>
                    <line x1=scale.pct(yr as f64) x2=scale.pct(yr as f64) y1="18" y2=total_h/>
                    <text x=scale.pct(yr as f64 + 0.5) y="13" text-anchor="middle">{yr}</text>
                </g>
            }
        })
        .collect_view();

    view! {
        <div class="ssb-chart ssb-tl">
            <StatusLegend/>
            <svg class="ssb-svg" width="100%" height=total_h role="group"
                aria-label=summary>
                <g aria-hidden="true">{ticks}</g>
                {lane_views}
                <g class="ssb-now" aria-hidden="true">
                    <line x1=now_x.clone() x2=now_x.clone() y1="18" y2=total_h/>
                    <text x=now_x y="24" dx=if now_right { "-4" } else { "4" }
                        text-anchor=if now_right { "end" } else { "start" }>{format!("End of {year}")}</text>
                </g>
            </svg>
        </div>
    }
}

/// The table alternative.
#[component]
fn TimelineTable(
    /// Milestones in date order.
    milestones: Vec<Milestone>,
    /// The chosen year.
    year: i32,
) -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let data = ctx.data.get_untracked();
    view! {
        <div class="ssb-table-wrap" tabindex="0" role="region" aria-label="Table, scrolls sideways on narrow screens">
            <table class="ssb-table">
                <caption>{format!("Milestones as of the end of {year}, in date order")}</caption>
                <thead><tr>
                    <th scope="col">"Date"</th><th scope="col">"Company and product"</th>
                    <th scope="col">"Chemistry"</th><th scope="col">"Status"</th>
                    <th scope="col">"As of " {year}</th><th scope="col">"Sources"</th>
                </tr></thead>
                <tbody>
                    {milestones.into_iter().map(|m| {
                        let expected = query::standing(&m, year) == Standing::Expected;
                        let disputed = data.conflicts_about(&m.id).next().is_some();
                        let id = m.id.clone();
                        let cites: Vec<String> = m.sources.iter().map(|c| citation_text(&data, c)).collect();
                        view! {
                            <tr>
                                <td>{m.date.label()}</td>
                                <th scope="row">
                                    <button type="button" class="ssb-linkish" on:click=move |_| ctx.select(&id)>
                                        {format!("{}: {}", m.company, m.product)}
                                    </button>
                                    {disputed.then(|| view! { <span class="ssb-flag" title="Sources disagree">"!"<span class="ssb-sr">" sources disagree"</span></span> })}
                                </th>
                                <td>{m.chemistry.name()}</td>
                                <td><StatusMark status=m.status expected=expected/>{m.status.label()}</td>
                                <td>{if expected { "Expected" } else { "Happened" }}</td>
                                <td class="ssb-small">{cites.join("; ")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
