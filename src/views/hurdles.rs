//! Manufacturing hurdles: a matrix of hurdles × chemistries with severity, the
//! selected hurdle's hard numbers, the dry-room requirements side by side, and
//! the price history of liquid Li-ion.

use super::common::{
    citation_text, figure_cited, figure_sources, sources_line, takeaway_now, ChartKey,
    ConflictList, NothingSelected, Takeaway, ViewHeader,
};
use crate::app::ExplainerContext;
use crate::model::{ChemistryId, Dataset, Figure, Hurdle};
use crate::state::View;
use leptos::prelude::*;

pub use crate::model::severity_of;

/// The hurdles view.
#[component]
pub fn HurdlesView() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let state = ctx.state;
    // Mounted once with the others; renders only while its tab is selected, so
    // switching tabs never creates and drops nested reactive effects.
    let header = move || {
        view! {
            <ViewHeader
                title=View::Hurdles.title().to_string()
                dek="Each hurdle, how hard it hits each chemistry as we read the sources, and the numbers behind it. Select a hurdle to see them.".to_string()/>
                <Takeaway text=takeaway_now(ctx)/>
                <ChartKey/>
        }
    };
    view! {
        {move || {
            let s = state.get();
            if s.view != View::Hurdles {
                return ().into_any();
            }
            let data = ctx.data.get();
            if s.chemistries.is_empty() {
                return view! { {header()} <NothingSelected/> }.into_any();
            }
            let selected = s.selected.as_ref()
                .and_then(|id| data.hurdles.iter().find(|h| &h.id == id))
                .or_else(|| data.hurdles.first())
                .cloned();
            view! {
                {header()}
                <p class="ssb-sr">{format!("Manufacturing hurdles: {} hurdles rated for {} chemistries.", data.hurdles.len(), s.chemistries.len())}</p>
                {matrix(&data, &s.chemistries, selected.as_ref().map(|h| h.id.as_str()), s.as_table)}
                {selected.map(|h| detail(&data, &h))}
                {cost_history(&data)}
            }.into_any()
        }}
    }
}

fn matrix(
    data: &Dataset,
    chems: &[ChemistryId],
    selected: Option<&str>,
    as_table: bool,
) -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    // On narrow screens (CSS container query) a list replaces the matrix in chart mode.
    let list = (!as_table).then(|| view! {
        <ul class="ssb-hurdle-list" aria-label="Hurdles by chemistry">
            {data.hurdles.iter().map(|h| {
                let id = h.id.clone();
                let on = selected == Some(h.id.as_str());
                view! {
                    <li class=if on { "ssb-hurdle-list__item is-selected" } else { "ssb-hurdle-list__item" }>
                        <button type="button" class="ssb-linkish" aria-pressed=on.to_string()
                            on:click=move |_| ctx.select_only(&id)>
                            {h.name.clone()}
                        </button>
                        <span class="ssb-hurdle-list__sev">
                            {chems.iter().map(|c| {
                                let (sev, _) = severity_of(h, *c);
                                view! {
                                    <span class=format!("ssb-sev ssb-sev--{} ssb-c--{}", sev.slug(), c.slug())>
                                        <span class="ssb-sev__dot" aria-hidden="true"></span>
                                        {format!("{}: {}", c.name(), sev.label())}
                                    </span>
                                }
                            }).collect_view()}
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    });
    view! {
        {list}
        <div class=if as_table { "ssb-table-wrap" } else { "ssb-table-wrap ssb-matrix-wrap" }
            tabindex="0" role="region" aria-label="Table of hurdle severity by chemistry">
            <table class=if as_table { "ssb-table ssb-matrix is-plain" } else { "ssb-table ssb-matrix" }>
                <caption>"Severity of each hurdle by chemistry (our reading of the sources)"</caption>
                <thead><tr>
                    <th scope="col">"Hurdle"</th>
                    {chems.iter().map(|c| view! {
                        <th scope="col" class=format!("ssb-c--{}", c.slug())>
                            <span class="ssb-chip__swatch" aria-hidden="true"></span>{c.name()}</th>
                    }).collect_view()}
                </tr></thead>
                <tbody>
                    {data.hurdles.iter().map(|h| {
                        let id = h.id.clone();
                        let on = selected == Some(h.id.as_str());
                        view! {
                            <tr class=if on { "is-selected" } else { "" }>
                                <th scope="row">
                                    <button type="button" class="ssb-linkish" aria-pressed=on.to_string()
                                        on:click=move |_| ctx.select_only(&id)>
                                        {h.name.clone()}
                                    </button>
                                </th>
                                {chems.iter().map(|c| {
                                    let (sev, basis) = severity_of(h, *c);
                                    view! {
                                        <td class=format!("ssb-sev ssb-sev--{}", sev.slug()) title=basis.unwrap_or("").to_string()>
                                            <span class="ssb-sev__dot" aria-hidden="true"></span>
                                            {sev.label()}
                                            {(as_table && basis.is_some()).then(|| view! { <span class="ssb-small ssb-block">{basis.unwrap_or("").to_string()}</span> })}
                                        </td>
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn detail(data: &Dataset, h: &Hurdle) -> impl IntoView {
    let (params, cols, rest) = comparison_of(h);
    view! {
        <section class="ssb-card" aria-label=format!("Hurdle: {}", h.name)>
            <h3 class="ssb-card__title">{h.name.clone()}</h3>
            <p>{h.summary.clone()}</p>
            {(!params.is_empty()).then(|| {
                let shown: Vec<&Figure> = h.figures.iter().filter(|f| f.chemistry.is_some() && f.label.as_ref().is_some_and(|l| params.contains(l))).collect();
                let from = figure_sources(data, &shown);
                view! {
                    {comparison_table(h, params, cols)}
                    {(!from.is_empty()).then(|| view! { <p class="ssb-source">{format!("Figures in the table: {}", from.join("; "))}</p> })}
                }
            })}
            {(!rest.is_empty()).then(|| view! {
                <ul class="ssb-figures">
                    {rest.iter().map(|f| view! {
                        <li>{f.chemistry.map(|c| format!("{}: ", c.name()))}{figure_cited(data, f)}</li>
                    }).collect_view()}
                </ul>
            })}
            <ul class="ssb-basis">
                {h.severity.iter().map(|r| view! {
                    <li><strong>{format!("{} — {}: ", r.chemistry.name(), r.severity.label())}</strong>{r.basis.clone()}</li>
                }).collect_view()}
            </ul>
            <p class="ssb-source">{sources_line(data, &h.sources)}</p>
            <ConflictList data=std::sync::Arc::new(data.clone()) id=h.id.clone()/>
        </section>
    }
}

/// Splits a hurdle's figures into a comparison (parameters given for two or
/// more chemistries: the dry-room table) and the rest.
pub fn comparison_of(h: &Hurdle) -> (Vec<String>, Vec<ChemistryId>, Vec<&Figure>) {
    let mut params: Vec<String> = Vec::new();
    let mut chems: Vec<ChemistryId> = Vec::new();
    for f in &h.figures {
        if let (Some(label), Some(c)) = (&f.label, f.chemistry) {
            let shared = h
                .figures
                .iter()
                .filter(|g| g.label.as_ref() == Some(label) && g.chemistry.is_some())
                .count()
                >= 2;
            if shared {
                if !params.contains(label) {
                    params.push(label.clone());
                }
                if !chems.contains(&c) {
                    chems.push(c);
                }
            }
        }
    }
    chems.sort();
    let rest = h
        .figures
        .iter()
        .filter(|f| {
            !(f.chemistry.is_some() && f.label.as_ref().is_some_and(|l| params.contains(l)))
        })
        .collect();
    (params, chems, rest)
}

fn comparison_table(h: &Hurdle, params: Vec<String>, cols: Vec<ChemistryId>) -> impl IntoView {
    let caption = format!("{}: requirements side by side", h.name);
    let region = format!("Table: {caption}");
    view! {
        <div class="ssb-table-wrap" tabindex="0" role="region" aria-label=region>
            <table class="ssb-table">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Parameter"</th>
                    {cols.iter().map(|c| view! {
                        <th scope="col" class=format!("ssb-num ssb-c--{}", c.slug())>
                            <span class="ssb-chip__swatch" aria-hidden="true"></span>
                            {if *c == ChemistryId::Liquid { "Conventional Li-ion" } else { c.name() }}</th>
                    }).collect_view()}
                </tr></thead>
                <tbody>
                    {params.into_iter().map(|p| view! {
                        <tr><th scope="row">{p.clone()}</th>
                            {cols.iter().map(|c| {
                                let v = h.figures.iter().find(|f| f.label.as_deref() == Some(p.as_str()) && f.chemistry == Some(*c))
                                    .map(|f| f.value_label()).unwrap_or_else(|| "not given".into());
                                view! { <td class="ssb-num">{v}</td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn cost_history(data: &Dataset) -> impl IntoView {
    view! {
        <div class="ssb-table-wrap" tabindex="0" role="region" aria-label="Table of cost history">
            <table class="ssb-table">
                <caption>"Cost: what liquid Li-ion went through, and where solid-state starts"</caption>
                <thead><tr><th scope="col">"When"</th><th scope="col">"What"</th><th scope="col" class="ssb-num">"Figure"</th><th scope="col">"Source"</th></tr></thead>
                <tbody>
                    {data.cost_history.iter().map(|c| view! {
                        <tr>
                            <td>{c.date.label()}</td>
                            <th scope="row">{c.figure.label.clone().unwrap_or_default()}{c.figure.context.clone().map(|x| format!(" ({x})"))}</th>
                            <td class="ssb-num">{c.figure.value_label()}</td>
                            <td class="ssb-small">{c.sources.iter().map(|s| citation_text(data, s)).collect::<Vec<_>>().join("; ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
