//! Readiness: the TRL 1–9 ladder with its three stages and the "valley of death",
//! the assessments that hold by the chosen year, pilot-line capacities, and the
//! naming line between semi-solid and all-solid.
//!
//! The whole view is a document ([`readiness_doc`], a pure function of the
//! data and the reader's state) drawn by the shared [`DocView`].

use super::common::{
    bar_rect, bar_svg, cell, col, conflicts_doc, figure_cited, flag_doc, nothing_selected_doc,
    plot_doc, row_head, sources_line, swatch, table_doc, view_top_doc,
};
use crate::charts::doc::{el, El};
use crate::charts::{pct, LinearScale};
use crate::model::query;
use crate::model::{ChemistryId, Dataset, Outlook, PolicyKind, ProductionLine, TrlAssessment};
use crate::state::View;

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

/// The view's dek.
const DEK: &str = "Technology readiness levels run from 1 (principle observed) to 9 (proven in full commercial use). No all-solid battery has reached the commercial stage.";

/// What the readiness view shows as of `year` for `chemistries`, as a chart
/// (lists and the ladder) or as tables.
pub fn readiness_doc(
    data: &Dataset,
    year: i32,
    chemistries: &[ChemistryId],
    as_table: bool,
    takeaway: &str,
) -> Vec<El> {
    let mut out = view_top_doc(View::Readiness, DEK, takeaway);
    if chemistries.is_empty() {
        out.push(nothing_selected_doc());
        return out;
    }
    let items = query::readiness(data, year, chemistries);
    let summary = readiness_summary(&items, year);
    let lines = query::production_lines(data, year, chemistries);
    let undated = query::undated_lines(data, chemistries);
    let lines_title = format!("Production and pilot lines by the end of {year}");
    let outlook = query::outlook(data, chemistries);
    out.push(el("p").class("ssb-sr").text(summary.clone()));
    let lines_of = |lines: &[&ProductionLine], title: String| {
        if as_table {
            lines_table(data, lines, title)
        } else {
            lines_list(data, lines, title)
        }
    };
    if as_table {
        out.push(trl_table(data, &items, year));
    } else {
        out.push(trl_chart(data, &items, &summary));
    }
    out.push(lines_of(&lines, lines_title));
    if !undated.is_empty() {
        out.push(lines_of(&undated, UNDATED_TITLE.to_string()));
    }
    out.push(routes(data, chemistries, as_table));
    out.push(if as_table {
        outlook_table(data, &outlook)
    } else {
        outlook_list(data, &outlook)
    });
    out.push(naming(data));
    out
}

/// A line's capacity and yield figures, each with its source.
fn line_figures(data: &Dataset, l: &ProductionLine, none: &str) -> String {
    if l.figures.is_empty() {
        none.to_string()
    } else {
        joined(l.figures.iter().map(|f| figure_cited(data, f)))
    }
}

/// Texts joined with "; ".
fn joined(parts: impl Iterator<Item = String>) -> String {
    parts.collect::<Vec<_>>().join("; ")
}

/// Citations joined with "; ".
fn cites(data: &Dataset, sources: &[crate::model::Citation]) -> String {
    crate::model::text::citations_text(data, sources)
}

fn lines_table(data: &Dataset, lines: &[&ProductionLine], title: String) -> El {
    let head = [
        "Company",
        "Chemistry",
        "Stage",
        "Capacity and yield",
        "Notes",
    ]
    .map(col);
    let rows = lines.iter().map(|l| {
        el("tr")
            .kid(
                row_head().text(l.company.clone()).kid(
                    l.location
                        .as_ref()
                        .map(|x| el("span").class("ssb-small ssb-block").text(x.clone())),
                ),
            )
            .kid(cell(l.chemistry.name()))
            .kid(cell(format!(
                "{}, {}",
                l.status.label(),
                query::line_date_label(l)
            )))
            .kid(cell(line_figures(data, l, "not given")).class("ssb-num"))
            .kid(
                cell(l.note.clone())
                    .class("ssb-small")
                    .text(" ")
                    .text(sources_line(data, &l.sources)),
            )
    });
    table_doc(format!("Table: {title}"), title, head, rows)
}

fn lines_list(data: &Dataset, lines: &[&ProductionLine], title: String) -> El {
    let section = el("section")
        .class("ssb-lines")
        .attr("aria-label", title.clone())
        .kid(el("h3").class("ssb-subtitle").text(title));
    if lines.is_empty() {
        return section.kid(
            el("p")
                .class("ssb-empty")
                .text("No line for these chemistries by this year."),
        );
    }
    section.kid(
        el("ul")
            .class("ssb-lines__list")
            .kids(lines.iter().map(|l| {
                el("li")
                    .key(l.id.clone())
                    .class(format!("ssb-lines__item ssb-c--{}", l.chemistry.slug()))
                    .kid(
                        el("p")
                            .class("ssb-lines__head")
                            .kid(swatch())
                            .kid(el("strong").text(l.company.clone()))
                            .text(format!(
                                " · {} · {}, {}{}",
                                l.chemistry.name(),
                                l.status.label(),
                                query::line_date_label(l),
                                l.location
                                    .as_ref()
                                    .map(|x| format!(" · {x}"))
                                    .unwrap_or_default()
                            )),
                    )
                    .kid(el("p").class("ssb-lines__fig").text(line_figures(
                        data,
                        l,
                        "Capacity not given",
                    )))
                    .kid(
                        el("p")
                            .class("ssb-small")
                            .text(l.note.clone())
                            .text(" ")
                            .text(sources_line(data, &l.sources)),
                    )
                    .kid(conflicts_doc(data, &l.id, true))
            })),
    )
}

fn trl_chart(data: &Dataset, items: &[&TrlAssessment], summary: &str) -> El {
    let scale = trl_scale();
    let stage_bands = TRL_STAGES.iter().enumerate().map(|(i, (_, lo, hi))| {
        let x0 = scale.percent(*lo as f64 - 0.5);
        let x1 = scale.percent(*hi as f64 + 0.5);
        el("rect")
            .class(format!("ssb-stage ssb-stage--{i}"))
            .attr("x", pct(x0))
            .attr("width", pct(x1 - x0))
            .attr("y", "0")
            .attr("height", "100%")
    });
    let levels = (1..=9).map(|l| {
        el("text")
            .attr("x", scale.pct(l as f64))
            .attr("y", "14")
            .attr("text-anchor", "middle")
            .text(l.to_string())
    });
    let rows = items.iter().map(|t| {
        let x0 = scale.percent(t.trl_min as f64 - 0.45);
        let x1 = scale.percent(t.trl_max as f64 + 0.45);
        let chem = t.chemistry.map(|c| c.slug()).unwrap_or("research");
        let disputed = data.conflicts_about(&t.id).next().is_some();
        el("li")
            .key(t.id.clone())
            .class(format!("ssb-bar ssb-c--{chem}"))
            .kid(
                el("span")
                    .class("ssb-bar__label")
                    .kid(el("span").class("ssb-bar__name").text(t.subject.clone()))
                    .kids(disputed.then(flag_doc).into_iter().flatten())
                    .kid(el("span").class("ssb-bar__meta").text(format!(
                        " TRL {} · as of {} · {}",
                        crate::model::text::trl_range(t),
                        t.as_of.label(),
                        t.chemistry.map(|c| c.name()).unwrap_or("basic research")
                    ))),
            )
            .kid(
                bar_svg()
                    .kid(bar_rect("ssb-bar__rect is-shown", pct(x0), pct(x1 - x0)).attr("rx", "7")),
            )
            .kid(
                el("span")
                    .class("ssb-small ssb-block")
                    .text(t.basis.clone())
                    .text(format!(" ({})", cites(data, &t.sources))),
            )
            .kid(conflicts_doc(data, &t.id, true))
    });
    let bars = if items.is_empty() {
        el("p")
            .class("ssb-empty")
            .text("No TRL assessment for these chemistries by this year.")
    } else {
        el("ul").class("ssb-bars").kids(rows)
    };
    el("div")
        .class("ssb-chart ssb-trl")
        .attr("role", "group")
        .attr("aria-label", summary.to_string())
        .kid(
            el("ol")
                .class("ssb-stages")
                .attr("aria-label", "Stages")
                .kids(TRL_STAGES.iter().enumerate().map(|(i, (name, lo, hi))| {
                    el("li")
                        .class(format!("ssb-stages__item ssb-stage--{i}"))
                        .kid(el("strong").text(format!("TRL {lo}–{hi}")))
                        .text(" ")
                        .text(*name)
                })),
        )
        .kid(
            el("svg")
                .class("ssb-svg ssb-axis")
                .attr("width", "100%")
                .attr("height", "18")
                .attr("aria-hidden", "true")
                .kids(levels),
        )
        .kid(plot_doc(stage_bands, [bars]))
        .kid(
            el("p")
                .class("ssb-source")
                .text("Stages and placements: How Far (2025), 01 and 03."),
        )
}

fn trl_table(data: &Dataset, items: &[&TrlAssessment], year: i32) -> El {
    let head = [
        col("Subject"),
        col("Chemistry"),
        col("TRL").class("ssb-num"),
        col("As of"),
        col("Why"),
        col("Source"),
    ];
    let rows = items.iter().map(|t| {
        el("tr")
            .kid(row_head().text(t.subject.clone()))
            .kid(cell(
                t.chemistry.map(|c| c.name()).unwrap_or("Basic research"),
            ))
            .kid(cell(crate::model::text::trl_range(t)).class("ssb-num"))
            .kid(cell(t.as_of.label()))
            .kid(cell(t.basis.clone()))
            .kid(cell(cites(data, &t.sources)).class("ssb-small"))
    });
    table_doc(
        "Table of TRL assessments",
        format!("TRL assessments holding by the end of {year}"),
        head,
        rows,
    )
}

/// The electrolyte routes the reader chose: what each is, the electrolytes the
/// documents name, how warm it runs, how ready it is, who works on it.
fn routes(data: &Dataset, chemistries: &[ChemistryId], as_table: bool) -> El {
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
        let head = [
            "Route",
            "Electrolytes named",
            "Operating temperature",
            "Readiness",
            "Companies named",
            "Sources",
        ]
        .map(col);
        let rows = rows
            .into_iter()
            .map(|(id, el_named, temp, ready, players, src)| {
                el("tr")
                    .kid(row_head().text(id.name()))
                    .kid(cell(el_named))
                    .kid(cell(temp))
                    .kid(cell(ready))
                    .kid(cell(players))
                    .kid(cell(src).class("ssb-small"))
            });
        table_doc(format!("Table: {caption}"), caption, head, rows)
    } else {
        el("section")
            .class("ssb-lines")
            .attr("aria-label", caption)
            .kid(el("h3").class("ssb-subtitle").text("The routes"))
            .kid(
                el("ul").class("ssb-lines__list").kids(rows.into_iter().map(
                    |(id, el_named, temp, ready, players, src)| {
                        el("li")
                            .key(id.slug())
                            .class(format!("ssb-lines__item ssb-c--{}", id.slug()))
                            .kid(
                                el("p")
                                    .class("ssb-lines__head")
                                    .kid(swatch())
                                    .kid(el("strong").text(id.name()))
                                    .text(format!(" · {ready}")),
                            )
                            .kid(el("p").class("ssb-small").text(format!(
                                "Electrolytes named: {el_named}. Operating temperature: {temp}."
                            )))
                            .kid(
                                el("p")
                                    .class("ssb-small")
                                    .text(format!("Companies named: {players}. {src}")),
                            )
                    },
                )),
            )
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

/// The outlook's title, in both forms.
const OUTLOOK_TITLE: &str = "What comes next, and who says so";

fn outlook_list(data: &Dataset, items: &[&Outlook]) -> El {
    el("section")
        .class("ssb-outlook")
        .attr("aria-label", OUTLOOK_TITLE)
        .kid(el("h3").class("ssb-subtitle").text(OUTLOOK_TITLE))
        .kid(
            el("ul")
                .class("ssb-lines__list")
                .kids(items.iter().map(|o| {
                    let disputed = data.conflicts_about(&o.id).next().is_some();
                    let mut head = el("p")
                        .class("ssb-lines__head")
                        .kid(el("strong").text(outlook_heading(o)));
                    if disputed {
                        head = head.text(" ").kids(flag_doc());
                    }
                    el("li")
                        .key(o.id.clone())
                        .class(format!(
                            "ssb-lines__item ssb-c--{}",
                            o.chemistry.map(|c| c.slug()).unwrap_or("research")
                        ))
                        .kid(head)
                        .kid(el("p").text(o.text.clone()))
                        .kid((!o.figures.is_empty()).then(|| {
                            el("p")
                                .class("ssb-lines__fig")
                                .text(joined(o.figures.iter().map(|f| figure_cited(data, f))))
                        }))
                        .kid(
                            el("p")
                                .class("ssb-small")
                                .text(sources_line(data, &o.sources)),
                        )
                        .kid(conflicts_doc(data, &o.id, true))
                })),
        )
}

fn outlook_table(data: &Dataset, items: &[&Outlook]) -> El {
    let head = ["Period", "Kind", "Who says it", "What", "Sources"].map(col);
    let rows = items.iter().map(|o| {
        let mut what = o.text.clone();
        for f in &o.figures {
            what.push_str(&format!(" {}.", figure_cited(data, f)));
        }
        if data.conflicts_about(&o.id).next().is_some() {
            what.push_str(" Sources disagree (see the chart view).");
        }
        el("tr")
            .kid(cell(
                o.period
                    .as_ref()
                    .map(|p| p.label())
                    .unwrap_or_else(|| "no period given".to_string()),
            ))
            .kid(cell(o.kind.label()))
            .kid(row_head().text(o.by.clone()))
            .kid(cell(what))
            .kid(cell(sources_line(data, &o.sources)).class("ssb-small"))
    });
    table_doc("Table of what comes next", OUTLOOK_TITLE, head, rows)
}

fn naming(data: &Dataset) -> El {
    let semi = data.chemistry(ChemistryId::SemiSolid);
    let items = data
        .policy
        .iter()
        .filter(|p| matches!(p.kind, PolicyKind::Naming | PolicyKind::Standard));
    el("section")
        .class("ssb-card ssb-naming")
        .attr("aria-label", "Semi-solid versus all-solid")
        .kid(
            el("h3")
                .class("ssb-card__title")
                .text("Semi-solid is not all-solid"),
        )
        .kid(semi.map(|c| {
            el("p").text(format!(
                "Semi-solid cells ({}) keep part of the liquid electrolyte. {}.",
                c.also_called.join(", "),
                c.problems.join(". ")
            ))
        }))
        .kid(el("ul").kids(items.map(|p| {
            let mut li = el("li").kid(el("strong").text(p.title.clone()));
            if let Some(d) = &p.date {
                li = li.text(format!(" ({})", d.label()));
            }
            li = li.text(": ").text(p.text.clone());
            if let Some(b) = &p.by {
                li = li.text(format!(" By: {b}."));
            }
            li.text(" ").kid(
                el("span")
                    .class("ssb-small")
                    .text(format!("({})", cites(data, &p.sources))),
            )
        })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(year: i32, chems: &[ChemistryId], as_table: bool) -> El {
        el("div").kids(readiness_doc(
            &Dataset::built_in(),
            year,
            chems,
            as_table,
            "T.",
        ))
    }

    #[test]
    fn the_ladder_has_a_bar_per_assessment_holding_by_the_year() {
        let data = Dataset::built_in();
        for year in [2020, 2024, 2026] {
            let d = doc(year, &ChemistryId::ALL, false);
            let want = query::readiness(&data, year, &ChemistryId::ALL);
            let bars = d.with_class("ssb-trl")[0].with_class("ssb-bar");
            assert_eq!(bars.len(), want.len(), "{year}");
            for (b, t) in bars.iter().zip(&want) {
                assert_eq!(b.key.as_deref(), Some(t.id.as_str()));
                assert!(b.text_content().contains(&t.subject));
            }
        }
    }

    #[test]
    fn disputed_assessments_carry_the_flag_and_a_closed_disclosure() {
        let data = Dataset::built_in();
        let d = doc(2026, &ChemistryId::ALL, false);
        let disputed: Vec<_> = query::readiness(&data, 2026, &ChemistryId::ALL)
            .into_iter()
            .filter(|t| data.conflicts_about(&t.id).next().is_some())
            .collect();
        assert!(!disputed.is_empty());
        for t in disputed {
            let bar = d
                .with_class("ssb-bar")
                .into_iter()
                .find(|b| b.key.as_deref() == Some(t.id.as_str()))
                .expect("a bar");
            let label = bar.with_class("ssb-bar__label")[0];
            assert_eq!(label.with_class("ssb-flag").len(), 1, "{}", t.id);
            let details = bar.find_all("details");
            assert!(!details.is_empty());
            assert!(details.iter().all(|x| x.get("open").is_none()));
        }
    }

    #[test]
    fn tables_replace_the_ladder_and_lists_in_table_mode() {
        let d = doc(2026, &ChemistryId::ALL, true);
        assert!(d.with_class("ssb-trl").is_empty());
        assert!(d.with_class("ssb-lines").is_empty());
        let captions: Vec<String> = d
            .find_all("caption")
            .iter()
            .map(|c| c.text_content())
            .collect();
        assert!(captions.contains(&"TRL assessments holding by the end of 2026".to_string()));
        assert!(captions.contains(&OUTLOOK_TITLE.to_string()));
        assert!(captions
            .iter()
            .any(|c| c.starts_with("Production and pilot lines")));
    }

    #[test]
    fn no_chemistry_says_so_under_the_heading() {
        let d = doc(2026, &[], false);
        assert_eq!(
            d.with_class("ssb-title")[0].text_content(),
            View::Readiness.title()
        );
        assert!(d.with_class("ssb-empty")[0]
            .text_content()
            .contains("No chemistry"));
        assert!(d.with_class("ssb-trl").is_empty());
    }
}
