//! Readiness: the TRL 1–9 ladder with its three stages and the "valley of death",
//! the assessments that hold by the chosen year, pilot-line capacities, and the
//! naming line between semi-solid and all-solid.

use super::common::{
    citation_text, figure_cited, sources_line, takeaway_now, ChartKey, ConflictList,
    NothingSelected, Takeaway, ViewHeader,
};
use crate::app::ExplainerContext;
use crate::charts::{pct, LinearScale};
use crate::model::query;
use crate::model::{ChemistryId, Dataset, Outlook, PolicyKind, ProductionLine, TrlAssessment};
use crate::state::View;
use leptos::prelude::*;
use std::sync::Arc;

pub use crate::charts::readiness::TRL_STAGES;

/// The scale of the ladder: TRL 1 starts at 0%, TRL 9 ends at 100%.
fn trl_scale() -> LinearScale {
    LinearScale::new(0.5, 9.5)
}

/// One-line summary for screen readers.
pub fn readiness_summary(items: &[&TrlAssessment], year: i32) -> String {
    let highest = items.iter().map(|t| t.trl_max).max();
    match highest {
        None => format!("Readiness as of {year}: no assessment for the chosen chemistries."),
        Some(h) => format!(
            "Readiness as of {year}: {} assessments; the highest reaches TRL {h}; none has reached the commercial stage (TRL 8–9).",
            items.len()
        ),
    }
}

/// The heading of lines no source dates (never counted as existing by a year).
const UNDATED_TITLE: &str = "Lines the sources list with no date given";

/// The readiness view.
#[component]
pub fn ReadinessView() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let state = ctx.state;
    // Mounted once with the others; renders only while its tab is selected, so
    // switching tabs never creates and drops nested reactive effects.
    let header = move || {
        view! {
            <ViewHeader
                title=View::Readiness.title().to_string()
                dek="Technology readiness levels run from 1 (principle observed) to 9 (proven in full commercial use). No all-solid battery has reached the commercial stage.".to_string()/>
                <Takeaway text=takeaway_now(ctx)/>
                <ChartKey/>
        }
    };
    view! {
        {move || {
            let s = state.get();
            if s.view != View::Readiness {
                return ().into_any();
            }
            let data = ctx.data.get();
            if s.chemistries.is_empty() {
                return view! { {header()} <NothingSelected/> }.into_any();
            }
            let items = query::readiness(&data, s.year, &s.chemistries);
            let summary = readiness_summary(&items, s.year);
            let lines = query::production_lines(&data, s.year, &s.chemistries);
            let undated = query::undated_lines(&data, &s.chemistries);
            let lines_title = format!("Production and pilot lines by the end of {}", s.year);
            let outlook = query::outlook(&data, &s.chemistries);
            let ladder = if s.as_table {
                trl_table(&data, &items, s.year).into_any()
            } else {
                trl_chart(&data, &items, &summary).into_any()
            };
            view! {
                {header()}
                <p class="ssb-sr">{summary}</p>
                {ladder}
                {if s.as_table { lines_table(&data, &lines, lines_title.clone()).into_any() } else { lines_list(&data, &lines, lines_title.clone()).into_any() }}
                {(!undated.is_empty()).then(|| if s.as_table {
                    lines_table(&data, &undated, UNDATED_TITLE.to_string()).into_any()
                } else {
                    lines_list(&data, &undated, UNDATED_TITLE.to_string()).into_any()
                })}
                {routes(&data, &s.chemistries, s.as_table)}
                {if s.as_table { outlook_table(&data, &outlook).into_any() } else { outlook_list(&data, &outlook).into_any() }}
                {naming(&data)}
            }.into_any()
        }}
    }
}

fn lines_table(data: &Dataset, lines: &[&ProductionLine], title: String) -> impl IntoView {
    view! {
                <div class="ssb-table-wrap" tabindex="0" role="region" aria-label=format!("Table: {title}")>
                    <table class="ssb-table">
                        <caption>{title.clone()}</caption>
                        <thead><tr><th scope="col">"Company"</th><th scope="col">"Chemistry"</th><th scope="col">"Stage"</th>
                            <th scope="col">"Capacity and yield"</th><th scope="col">"Notes"</th></tr></thead>
                        <tbody>
                            {lines.iter().map(|l| view! {
                                <tr>
                                    <th scope="row">{l.company.clone()}{l.location.clone().map(|x| view! { <span class="ssb-small ssb-block">{x}</span> })}</th>
                                    <td>{l.chemistry.name()}</td>
                                    <td>{format!("{}, {}", l.status.label(), query::line_date_label(l))}</td>
                                    <td class="ssb-num">{if l.figures.is_empty() { "not given".to_string() } else {
                                        l.figures.iter().map(|f| figure_cited(data, f)).collect::<Vec<_>>().join("; ") }}</td>
                                    <td class="ssb-small">{l.note.clone()}" "{sources_line(data, &l.sources)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
    }
}

fn lines_list(data: &Arc<Dataset>, lines: &[&ProductionLine], title: String) -> impl IntoView {
    view! {
        <section class="ssb-lines" aria-label=title.clone()>
            <h3 class="ssb-subtitle">{title.clone()}</h3>
            {if lines.is_empty() {
                view! { <p class="ssb-empty">"No line for these chemistries by this year."</p> }.into_any()
            } else {
                view! {
                    <ul class="ssb-lines__list">
                        {lines.iter().map(|l| view! {
                            <li class=format!("ssb-lines__item ssb-c--{}", l.chemistry.slug())>
                                <p class="ssb-lines__head">
                                    <span class="ssb-chip__swatch" aria-hidden="true"></span>
                                    <strong>{l.company.clone()}</strong>
                                    {format!(" · {} · {}, {}{}", l.chemistry.name(), l.status.label(),
                                        query::line_date_label(l),
                                        l.location.as_ref().map(|x| format!(" · {x}")).unwrap_or_default())}
                                </p>
                                <p class="ssb-lines__fig">{if l.figures.is_empty() { "Capacity not given".to_string() } else {
                                    l.figures.iter().map(|f| figure_cited(data, f)).collect::<Vec<_>>().join("; ") }}</p>
                                <p class="ssb-small">{l.note.clone()}" "{sources_line(data, &l.sources)}</p>
                                <ConflictList data=data.clone() id=l.id.clone() collapsed=true/>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn trl_chart(data: &Arc<Dataset>, items: &[&TrlAssessment], summary: &str) -> impl IntoView {
    let scale = trl_scale();
    let stage_bands = TRL_STAGES.iter().enumerate().map(|(i, (_, lo, hi))| {
        let x0 = scale.percent(*lo as f64 - 0.5);
        let x1 = scale.percent(*hi as f64 + 0.5);
        view! { <rect class=format!("ssb-stage ssb-stage--{i}") x=pct(x0) width=pct(x1 - x0) y="0" height="100%"/> }
    }).collect_view();
    let levels = (1..=9)
        .map(|l| {
            view! {
                <text x=scale.pct(l as f64) y="14" text-anchor="middle">{l}</text>
            }
        })
        .collect_view();
    let rows = items.iter().map(|t| {
        let x0 = scale.percent(t.trl_min as f64 - 0.45);
        let x1 = scale.percent(t.trl_max as f64 + 0.45);
        let chem = t.chemistry.map(|c| c.slug()).unwrap_or("research");
        let trl = if t.trl_min == t.trl_max { format!("TRL {}", t.trl_min) } else { format!("TRL {}–{}", t.trl_min, t.trl_max) };
        let disputed = data.conflicts_about(&t.id).next().is_some();
        view! {
            <li class=format!("ssb-bar ssb-c--{chem}")>
                <span class="ssb-bar__label">
                    <span class="ssb-bar__name">{t.subject.clone()}</span>
                    {disputed.then(|| view! { <span class="ssb-flag" title="Sources disagree">"!"</span><span class="ssb-sr">" (sources disagree)"</span> })}
                    <span class="ssb-bar__meta">{format!(" {} · as of {} · {}", trl, t.as_of.label(), t.chemistry.map(|c| c.name()).unwrap_or("basic research"))}</span>
                </span>
                <svg class="ssb-bar__svg" width="100%" height="22" aria-hidden="true">
                    <rect class="ssb-bar__rect is-shown" x=pct(x0) width=pct(x1 - x0) y="4" height="14" rx="7"/>
                </svg>
                <span class="ssb-small ssb-block">{t.basis.clone()}" ("{t.sources.iter().map(|c| citation_text(data, c)).collect::<Vec<_>>().join("; ")}")"</span>
                <ConflictList data=data.clone() id=t.id.clone() collapsed=true/>
            </li>
        }
    }).collect_view();
    view! {
        <div class="ssb-chart ssb-trl" role="group" aria-label=summary.to_string()>
            <ol class="ssb-stages" aria-label="Stages">
                {TRL_STAGES.iter().enumerate().map(|(i, (name, lo, hi))| view! {
                    <li class=format!("ssb-stages__item ssb-stage--{i}")><strong>{format!("TRL {lo}–{hi}")}</strong>" "{*name}</li>
                }).collect_view()}
            </ol>
            <svg class="ssb-svg ssb-axis" width="100%" height="18" aria-hidden="true">{levels}</svg>
            <div class="ssb-energy__plot">
                <svg class="ssb-energy__refs" width="100%" height="100%" aria-hidden="true">{stage_bands}</svg>
                {if items.is_empty() {
                    view! { <p class="ssb-empty">"No TRL assessment for these chemistries by this year."</p> }.into_any()
                } else {
                    view! { <ul class="ssb-bars">{rows}</ul> }.into_any()
                }}
            </div>
            <p class="ssb-source">"Stages and placements: How Far (2025), 01 and 03."</p>
        </div>
    }
}

fn trl_table(data: &Dataset, items: &[&TrlAssessment], year: i32) -> impl IntoView {
    view! {
        <div class="ssb-table-wrap" tabindex="0" role="region" aria-label="Table of TRL assessments">
            <table class="ssb-table">
                <caption>{format!("TRL assessments holding by the end of {year}")}</caption>
                <thead><tr><th scope="col">"Subject"</th><th scope="col">"Chemistry"</th><th scope="col" class="ssb-num">"TRL"</th>
                    <th scope="col">"As of"</th><th scope="col">"Why"</th><th scope="col">"Source"</th></tr></thead>
                <tbody>
                    {items.iter().map(|t| view! {
                        <tr>
                            <th scope="row">{t.subject.clone()}</th>
                            <td>{t.chemistry.map(|c| c.name()).unwrap_or("Basic research")}</td>
                            <td class="ssb-num">{crate::model::text::trl_range(t)}</td>
                            <td>{t.as_of.label()}</td>
                            <td>{t.basis.clone()}</td>
                            <td class="ssb-small">{t.sources.iter().map(|c| citation_text(data, c)).collect::<Vec<_>>().join("; ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The electrolyte routes the reader chose: what each is, the electrolytes the
/// documents name, how warm it runs, how ready it is, who works on it.
fn routes(data: &Dataset, chemistries: &[ChemistryId], as_table: bool) -> impl IntoView {
    let rows: Vec<_> = data
        .chemistries
        .iter()
        .filter(|c| chemistries.contains(&c.id))
        .map(|c| {
            (
                c.id,
                if c.electrolytes.is_empty() {
                    "not named".to_string()
                } else {
                    c.electrolytes.join(", ")
                },
                c.operating_temperature
                    .as_ref()
                    .map(|t| figure_cited(data, t))
                    .unwrap_or_else(|| "not given".to_string()),
                c.readiness.clone(),
                c.key_players.join(", "),
                sources_line(data, &c.sources),
            )
        })
        .collect();
    let caption = "The routes: electrolytes, temperature, readiness and who works on them";
    if as_table {
        view! {
            <div class="ssb-table-wrap" tabindex="0" role="region" aria-label=format!("Table: {caption}")>
                <table class="ssb-table">
                    <caption>{caption}</caption>
                    <thead><tr><th scope="col">"Route"</th><th scope="col">"Electrolytes named"</th><th scope="col">"Operating temperature"</th>
                        <th scope="col">"Readiness"</th><th scope="col">"Companies named"</th><th scope="col">"Sources"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(id, el, temp, ready, players, src)| view! {
                            <tr><th scope="row">{id.name()}</th><td>{el}</td><td>{temp}</td><td>{ready}</td><td>{players}</td><td class="ssb-small">{src}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    } else {
        view! {
            <section class="ssb-lines" aria-label=caption>
                <h3 class="ssb-subtitle">"The routes"</h3>
                <ul class="ssb-lines__list">
                    {rows.into_iter().map(|(id, el, temp, ready, players, src)| view! {
                        <li class=format!("ssb-lines__item ssb-c--{}", id.slug())>
                            <p class="ssb-lines__head"><span class="ssb-chip__swatch" aria-hidden="true"></span>
                                <strong>{id.name()}</strong>{format!(" · {ready}")}</p>
                            <p class="ssb-small">{format!("Electrolytes named: {el}. Operating temperature: {temp}.")}</p>
                            <p class="ssb-small">{format!("Companies named: {players}. {src}")}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    }
}

/// "2026–2028 · Forecast · Process Engineering (advice to process engineers)".
pub fn outlook_heading(o: &Outlook) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &o.period {
        parts.push(p.label());
    }
    parts.push(o.kind.label().to_string());
    parts.push(o.by.clone());
    parts.join(" · ")
}

fn outlook_list(data: &Arc<Dataset>, items: &[&Outlook]) -> impl IntoView {
    let shared = data.clone();
    view! {
        <section class="ssb-outlook" aria-label="What comes next, and who says so">
            <h3 class="ssb-subtitle">"What comes next, and who says so"</h3>
            <ul class="ssb-lines__list">
                {items.iter().map(|o| {
                    let disputed = data.conflicts_about(&o.id).next().is_some();
                    view! {
                        <li class=format!("ssb-lines__item ssb-c--{}", o.chemistry.map(|c| c.slug()).unwrap_or("research"))>
                            <p class="ssb-lines__head"><strong>{outlook_heading(o)}</strong>
                                {disputed.then(|| view! { " "<span class="ssb-flag" title="Sources disagree">"!"</span><span class="ssb-sr">" (sources disagree)"</span> })}</p>
                            <p>{o.text.clone()}</p>
                            {(!o.figures.is_empty()).then(|| view! {
                                <p class="ssb-lines__fig">{o.figures.iter().map(|f| figure_cited(data, f)).collect::<Vec<_>>().join("; ")}</p>
                            })}
                            <p class="ssb-small">{sources_line(data, &o.sources)}</p>
                            <ConflictList data=shared.clone() id=o.id.clone() collapsed=true/>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

fn outlook_table(data: &Dataset, items: &[&Outlook]) -> impl IntoView {
    view! {
        <div class="ssb-table-wrap" tabindex="0" role="region" aria-label="Table of what comes next">
            <table class="ssb-table">
                <caption>"What comes next, and who says so"</caption>
                <thead><tr><th scope="col">"Period"</th><th scope="col">"Kind"</th><th scope="col">"Who says it"</th>
                    <th scope="col">"What"</th><th scope="col">"Sources"</th></tr></thead>
                <tbody>
                    {items.iter().map(|o| view! {
                        <tr>
                            <td>{o.period.as_ref().map(|p| p.label()).unwrap_or_else(|| "no period given".to_string())}</td>
                            <td>{o.kind.label()}</td>
                            <th scope="row">{o.by.clone()}</th>
                            <td>{o.text.clone()}{o.figures.iter().map(|f| format!(" {}.", figure_cited(data, f))).collect::<String>()}
                                {data.conflicts_about(&o.id).next().is_some().then_some(" Sources disagree (see the chart view).")}</td>
                            <td class="ssb-small">{sources_line(data, &o.sources)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn naming(data: &Dataset) -> impl IntoView {
    let semi = data.chemistry(ChemistryId::SemiSolid).cloned();
    let items: Vec<_> = data
        .policy
        .iter()
        .filter(|p| matches!(p.kind, PolicyKind::Naming | PolicyKind::Standard))
        .cloned()
        .collect();
    view! {
        <section class="ssb-card ssb-naming" aria-label="Semi-solid versus all-solid">
            <h3 class="ssb-card__title">"Semi-solid is not all-solid"</h3>
            {semi.map(|c| view! {
                <p>{format!("Semi-solid cells ({}) keep part of the liquid electrolyte. {}.", c.also_called.join(", "), c.problems.join(". "))}</p>
            })}
            <ul>
                {items.into_iter().map(|p| view! {
                    <li><strong>{p.title.clone()}</strong>{p.date.as_ref().map(|d| format!(" ({})", d.label()))}": "{p.text.clone()}
                        {p.by.clone().map(|b| format!(" By: {b}."))}
                        " "<span class="ssb-small">{format!("({})", p.sources.iter().map(|c| citation_text(data, c)).collect::<Vec<_>>().join("; "))}</span></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
