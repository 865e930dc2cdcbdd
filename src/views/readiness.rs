//! Readiness: the TRL 1–9 ladder with its three stages and the "valley of death",
//! the assessments that hold by the chosen year, pilot-line capacities, and the
//! naming line between semi-solid and all-solid.

use super::common::{citation_text, figure_text, sources_line, NothingSelected, ViewHeader};
use crate::app::ExplainerContext;
use crate::charts::{pct, LinearScale};
use crate::model::query;
use crate::model::{ChemistryId, Dataset, PolicyKind, ProductionLine, TrlAssessment};
use crate::state::View;
use leptos::prelude::*;

/// The three stages of the TRL scale as the industry analysis describes them.
pub const TRL_STAGES: [(&str, u8, u8); 3] = [
    ("Science: verifying principles", 1, 3),
    (
        "Engineering: prototypes and pilot lines — the “valley of death”",
        4,
        7,
    ),
    ("Commercial: production and deployment", 8, 9),
];

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
                title="How close to mass production?".to_string()
                dek="Technology readiness levels run from 1 (principle observed) to 9 (proven in full commercial use). No all-solid battery has reached the commercial stage.".to_string()/>
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
            let ladder = if s.as_table {
                trl_table(&data, &items, s.year).into_any()
            } else {
                trl_chart(&data, &items, &summary).into_any()
            };
            view! {
                {header()}
                <p class="ssb-sr">{summary}</p>
                {ladder}
                {if s.as_table { lines_table(&data, &lines, s.year).into_any() } else { lines_list(&data, &lines, s.year).into_any() }}
                {naming(&data)}
            }.into_any()
        }}
    }
}

fn lines_table(data: &Dataset, lines: &[&ProductionLine], year: i32) -> impl IntoView {
    view! {
                <div class="ssb-table-wrap" tabindex="0" role="region" aria-label="Table, scrolls sideways on narrow screens">
                    <table class="ssb-table">
                        <caption>{format!("Production and pilot lines by the end of {}", year)}</caption>
                        <thead><tr><th scope="col">"Company"</th><th scope="col">"Chemistry"</th><th scope="col">"Stage"</th>
                            <th scope="col">"Capacity and yield"</th><th scope="col">"Notes"</th></tr></thead>
                        <tbody>
                            {lines.iter().map(|l| view! {
                                <tr>
                                    <th scope="row">{l.company.clone()}{l.location.clone().map(|x| view! { <span class="ssb-small ssb-block">{x}</span> })}</th>
                                    <td>{l.chemistry.name()}</td>
                                    <td>{l.status.label()}{l.since.as_ref().map(|d| format!(", {}", d.label()))}</td>
                                    <td class="ssb-num">{if l.figures.is_empty() { "not given".to_string() } else {
                                        l.figures.iter().map(figure_text).collect::<Vec<_>>().join("; ") }}</td>
                                    <td class="ssb-small">{l.note.clone()}" "{sources_line(data, &l.sources)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
    }
}

fn lines_list(data: &Dataset, lines: &[&ProductionLine], year: i32) -> impl IntoView {
    view! {
        <section class="ssb-lines" aria-label=format!("Production and pilot lines by the end of {year}")>
            <h3 class="ssb-subtitle">{format!("Production and pilot lines by the end of {year}")}</h3>
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
                                    {format!(" · {} · {}{}{}", l.chemistry.name(), l.status.label(),
                                        l.since.as_ref().map(|d| format!(", {}", d.label())).unwrap_or_default(),
                                        l.location.as_ref().map(|x| format!(" · {x}")).unwrap_or_default())}
                                </p>
                                <p class="ssb-lines__fig">{if l.figures.is_empty() { "Capacity not given".to_string() } else {
                                    l.figures.iter().map(figure_text).collect::<Vec<_>>().join("; ") }}</p>
                                <p class="ssb-small">{l.note.clone()}" "{sources_line(data, &l.sources)}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn trl_chart(data: &Dataset, items: &[&TrlAssessment], summary: &str) -> impl IntoView {
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
        view! {
            <li class=format!("ssb-bar ssb-c--{chem}")>
                <span class="ssb-bar__label">
                    <span class="ssb-bar__name">{t.subject.clone()}</span>
                    <span class="ssb-bar__meta">{format!(" {} · as of {} · {}", trl, t.as_of.label(), t.chemistry.map(|c| c.name()).unwrap_or("basic research"))}</span>
                </span>
                <svg class="ssb-bar__svg" width="100%" height="22" aria-hidden="true">
                    <rect class="ssb-bar__rect is-shown" x=pct(x0) width=pct(x1 - x0) y="4" height="14" rx="7"/>
                </svg>
                <span class="ssb-small ssb-block">{t.basis.clone()}" ("{t.sources.iter().map(|c| citation_text(data, c)).collect::<Vec<_>>().join("; ")}")"</span>
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
        <div class="ssb-table-wrap" tabindex="0" role="region" aria-label="Table, scrolls sideways on narrow screens">
            <table class="ssb-table">
                <caption>{format!("TRL assessments holding by the end of {year}")}</caption>
                <thead><tr><th scope="col">"Subject"</th><th scope="col">"Chemistry"</th><th scope="col" class="ssb-num">"TRL"</th>
                    <th scope="col">"As of"</th><th scope="col">"Why"</th><th scope="col">"Source"</th></tr></thead>
                <tbody>
                    {items.iter().map(|t| view! {
                        <tr>
                            <th scope="row">{t.subject.clone()}</th>
                            <td>{t.chemistry.map(|c| c.name()).unwrap_or("Basic research")}</td>
                            <td class="ssb-num">{if t.trl_min == t.trl_max { t.trl_min.to_string() } else { format!("{}–{}", t.trl_min, t.trl_max) }}</td>
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
                        " "<span class="ssb-small">{format!("({})", p.sources.iter().map(|c| citation_text(data, c)).collect::<Vec<_>>().join("; "))}</span></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
