//! Timeline: a lane per chemistry, a named mark per milestone shaped by its
//! status, a "now" line at the end of the chosen year, and a card beside the
//! selected mark. The layout is [`crate::charts::timeline`]; the drawing is
//! the shared [`SceneChart`]. A year step only restyles existing marks.

use super::common::{
    citation_text, takeaway_signal, CardSpot, ChartKey, MilestoneCard, NothingSelected, StatusMark,
    Takeaway, ViewHeader,
};
use super::scene::SceneChart;
use crate::app::ExplainerContext;
use crate::charts::timeline::timeline_scene;
use crate::model::query::{self, Standing};
use crate::model::ChemistryId;
use crate::state::View;
use leptos::prelude::*;
use std::sync::Arc;

/// What the timeline panel shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Another view is up.
    Hidden,
    /// No chemistry is chosen.
    NothingSelected,
    /// The chart.
    Chart,
    /// The table.
    Table,
}

/// The timeline view. Mounted once with the others; the chart and the table
/// are each built on their first showing and then kept (hidden while another
/// view or mode is up), so a toggle or a year step updates what exists.
#[component]
pub fn TimelineView() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let state = ctx.state;
    let mode = Memo::new(move |_| {
        state.with(|s| {
            match (
                s.view == View::Timeline,
                s.chemistries.is_empty(),
                s.as_table,
            ) {
                (false, _, _) => Mode::Hidden,
                (true, true, _) => Mode::NothingSelected,
                (true, false, false) => Mode::Chart,
                (true, false, true) => Mode::Table,
            }
        })
    });
    let built = move |m: Mode| {
        Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || mode.get() == m)
    };
    let (chart_built, table_built) = (built(Mode::Chart), built(Mode::Table));
    view! {
        <div class="ssb-view" hidden=move || mode.get() == Mode::Hidden>
            <ViewHeader
                title=View::Timeline.title().to_string()
                dek="Filled marks happened by the end of the chosen year; dashed marks are later or only planned. Select a mark for details and sources.".to_string()/>
            <Takeaway text=takeaway_signal(ctx)/>
            <ChartKey statuses=true/>
            {move || (mode.get() == Mode::NothingSelected).then(|| view! { <NothingSelected/> })}
            <div hidden=move || mode.get() != Mode::Chart>
                {move || chart_built.get().then(|| view! { <TimelineChart shown=Signal::derive(move || mode.get() == Mode::Chart)/> })}
            </div>
            <div hidden=move || mode.get() != Mode::Table>
                {move || table_built.get().then(|| view! { <TimelineTable shown=Signal::derive(move || mode.get() == Mode::Table)/> })}
            </div>
        </div>
    }
}

/// The chart with the card of the selected milestone beside its mark.
#[component]
fn TimelineChart(
    /// Whether the chart is the panel's content now (its card shows only then).
    shown: Signal<bool>,
) -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let (chems, year, selected) = (ctx.chemistries, ctx.year, ctx.selected);
    let expanded = ctx.expanded;
    let scene = Memo::new(move |_| {
        Arc::new(timeline_scene(
            &ctx.data.get(),
            &chems.get(),
            ctx.width.get(),
            &expanded.get(),
        ))
    });
    let label = Signal::derive(move || {
        let data = ctx.data.get();
        let ms = query::milestones(&data, &chems.get());
        let y = year.get();
        let happened = ms
            .iter()
            .filter(|m| query::standing(m, y) == Standing::Happened)
            .count();
        format!(
            "Timeline as of the end of {y}: {} milestones for the chosen chemistries, {happened} of them had happened, {} are later or only planned. Use the arrow keys to move between milestones.",
            ms.len(),
            ms.len() - happened
        )
    });
    let card_open = move || {
        selected.with(|id| {
            id.as_ref()
                .is_some_and(|id| scene.with(|s| s.mark(id).is_some()))
        })
    };
    let card = move || {
        let id = selected.get().filter(|_| shown.get())?;
        let year = ctx.year.get();
        let data = ctx.data.get();
        let m = data.milestones.iter().find(|m| m.id == id)?.clone();
        let at = scene.with_untracked(|s| s.mark(&id).map(|k| (k.x, k.y, s.width, s.height)))?;
        Some(view! {
            <CardSpot at=at>
                <MilestoneCard data=data.clone() milestone=m year=year/>
            </CardSpot>
        })
    };
    view! {
        <div class=move || if card_open() { "ssb-chart ssb-tl has-card" } else { "ssb-chart ssb-tl" }>
            <SceneChart scene=scene year=year selected=selected label=label
                on_select=Callback::new(move |id: String| ctx.select(&id))
                on_expand=Callback::new(move |key: &'static str| {
                    if let Some(c) = ChemistryId::from_slug(key) {
                        expanded.update(|e| e.push(c));
                    }
                })/>
            {card}
        </div>
    }
}

/// The table alternative.
#[component]
fn TimelineTable(
    /// Whether the table is the panel's content now (its card shows only then).
    shown: Signal<bool>,
) -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let rows = move || {
        let data = ctx.data.get();
        let (year, chems) = (ctx.year.get(), ctx.chemistries.get());
        let ms = query::milestones(&data, &chems);
        let body = ms
            .into_iter()
            .map(|m| {
                let expected = query::standing(m, year) == Standing::Expected;
                let disputed = data.conflicts_about(&m.id).next().is_some();
                let id = m.id.clone();
                let cites: Vec<String> = m.sources.iter().map(|c| citation_text(&data, c)).collect();
                view! {
                    <tr>
                        <td>{m.date.label()}</td>
                        <th scope="row">
                            <button type="button" class="ssb-linkish" data-item=m.id.clone()
                                on:click=move |_| ctx.select(&id)>
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
            })
            .collect_view();
        let caption = format!("Milestones as of the end of {year}, in date order");
        view! {
            <div class="ssb-table-wrap" tabindex="0" role="region" aria-label=caption.clone()>
                <table class="ssb-table">
                    <caption>{caption.clone()}</caption>
                    <thead><tr>
                        <th scope="col">"Date"</th><th scope="col">"Company and product"</th>
                        <th scope="col">"Chemistry"</th><th scope="col">"Status"</th>
                        <th scope="col">"As of " {year}</th><th scope="col">"Sources"</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
    };
    let card = move || {
        let id = ctx.selected.get().filter(|_| shown.get())?;
        let year = ctx.year.get();
        let data = ctx.data.get();
        let m = data.milestones.iter().find(|m| m.id == id)?.clone();
        Some(view! { <MilestoneCard data=data.clone() milestone=m year=year/> })
    };
    view! { {rows} {card} }
}
