//! Timeline: a lane per chemistry, a named mark per milestone shaped by its
//! status, a "now" line at the end of the chosen year, and a card beside the
//! selected mark. The layout is [`crate::charts::timeline`]; the drawing is
//! the shared [`SceneChart`]. A year step only restyles existing marks.

use super::common::{
    card_article, card_spot, cell, col, item_button, kept_view_top, panel_mode, row_head,
    selected_card_doc, status_mark_doc, table_doc, CardView, PanelMode,
};
use super::doc::{doc_of, Doc, DocView};
use super::scene::SceneChart;
use crate::charts::doc::{el, El};
use crate::charts::timeline::timeline_scene;
use crate::context::ExplainerContext;
use crate::model::query::{self, Standing};
use crate::model::{ChemistryId, Dataset};
use crate::state::View;
use leptos::prelude::*;
use std::sync::Arc;

/// The view's dek.
const DEK: &str = "Filled marks happened by the end of the chosen year; dashed marks are later or only planned. Select a mark for details and sources.";

/// The timeline view. Mounted once with the others; the chart and the table
/// are each built on their first showing and then kept (hidden while another
/// view or mode is up), so a toggle or a year step updates what exists.
#[component]
pub fn TimelineView() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let mode = panel_mode(ctx, View::Timeline);
    let built = move |m: PanelMode| {
        Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || mode.get() == m)
    };
    let (chart_built, table_built) = (built(PanelMode::Chart), built(PanelMode::Table));
    let top = kept_view_top(ctx, mode, View::Timeline, DEK, true);
    view! {
        <div class="ssb-view" hidden=move || mode.get() == PanelMode::Hidden>
            <DocView doc=top/>
            <div hidden=move || mode.get() != PanelMode::Chart>
                {move || chart_built.get().then(|| view! { <TimelineChart shown=Signal::derive(move || mode.get() == PanelMode::Chart)/> })}
            </div>
            <div hidden=move || mode.get() != PanelMode::Table>
                {move || table_built.get().then(|| view! { <TimelineTable shown=Signal::derive(move || mode.get() == PanelMode::Table)/> })}
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
    // The card beside its mark, following the mark when the layout changes.
    let card = Memo::new(move |_| -> Doc {
        let id = selected.get().filter(|_| shown.get());
        let at = id
            .as_ref()
            .and_then(|id| scene.with(|s| s.mark(id).map(|k| (k.x, k.y, s.width, s.height))));
        let (Some(id), Some(at)) = (id, at) else {
            return Doc::default();
        };
        let data = ctx.data.get();
        let card = data.milestones.iter().find(|m| m.id == id);
        doc_of(card.map(|m| card_spot(at, card_article(&data, m, ctx.year.get()))))
    });
    view! {
        <div class=move || if card.with(|c| c.is_empty()) { "ssb-chart ssb-tl" } else { "ssb-chart ssb-tl has-card" }>
            <SceneChart scene=scene year=year selected=selected label=label
                on_select=Callback::new(move |id: String| ctx.select(&id))
                on_expand=Callback::new(move |key: &'static str| {
                    if let Some(c) = ChemistryId::from_slug(key) {
                        expanded.update(|e| e.push(c));
                    }
                })/>
            <CardView doc=card/>
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
    let doc = Memo::new(move |_| -> Doc {
        let table = timeline_table_doc(&ctx.data.get(), ctx.year.get(), &ctx.chemistries.get());
        doc_of([table])
    });
    let card = Memo::new(move |_| -> Doc {
        let id = ctx.selected.get().filter(|_| shown.get());
        selected_card_doc(&ctx.data.get(), id.as_deref(), ctx.year.get())
    });
    view! { <DocView doc=doc/> <CardView doc=card/> }
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
