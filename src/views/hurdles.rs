//! Manufacturing hurdles: a matrix of hurdles × chemistries with severity, the
//! selected hurdle's hard numbers, the dry-room requirements side by side, and
//! the price history of liquid Li-ion.

use super::common::{
    cell, col, conflicts_doc, figure_cited, figure_sources, nothing_selected_doc, row_head,
    sources_line, swatch, table_doc, table_doc_classed, view_top_doc,
};
use crate::charts::doc::{el, El};
use crate::model::{ChemistryId, Dataset, Figure, Hurdle};
use crate::state::View;

pub use crate::model::severity_of;

/// The view's dek.
const DEK: &str = "Each hurdle, how hard it hits each chemistry as we read the sources, and the numbers behind it. Select a hurdle to see them.";

/// What the hurdles view shows: the matrix (and, on phones, its list form),
/// the selected hurdle (the first when none is) and the cost history.
pub fn hurdles_doc(
    data: &Dataset,
    chems: &[ChemistryId],
    selected: Option<&str>,
    as_table: bool,
    takeaway: &str,
) -> Vec<El> {
    let mut out = view_top_doc(View::Hurdles, DEK, takeaway);
    if chems.is_empty() {
        out.push(nothing_selected_doc());
        return out;
    }
    let selected = selected
        .and_then(|id| data.hurdles.iter().find(|h| h.id == id))
        .or_else(|| data.hurdles.first());
    out.push(el("p").class("ssb-sr").text(format!(
        "Manufacturing hurdles: {} hurdles rated for {} chemistries.",
        data.hurdles.len(),
        chems.len()
    )));
    let on = selected.map(|h| h.id.as_str());
    if !as_table {
        out.push(hurdle_list(data, chems, on));
    }
    out.push(matrix(data, chems, on, as_table));
    out.extend(selected.map(|h| detail(data, h)));
    out.push(cost_history(data));
    out
}

/// A hurdle's name as a button that selects it.
fn hurdle_button(h: &Hurdle, on: bool) -> El {
    el("button")
        .attr("type", "button")
        .class("ssb-linkish")
        .attr("aria-pressed", if on { "true" } else { "false" })
        .attr("data-select", h.id.clone())
        .text(h.name.clone())
}

/// On narrow screens (CSS container query) this list replaces the matrix in
/// chart mode.
fn hurdle_list(data: &Dataset, chems: &[ChemistryId], selected: Option<&str>) -> El {
    el("ul")
        .class("ssb-hurdle-list")
        .attr("aria-label", "Hurdles by chemistry")
        .kids(data.hurdles.iter().map(|h| {
            let on = selected == Some(h.id.as_str());
            el("li")
                .key(h.id.clone())
                .class(if on {
                    "ssb-hurdle-list__item is-selected"
                } else {
                    "ssb-hurdle-list__item"
                })
                .kid(hurdle_button(h, on))
                .kid(
                    el("span")
                        .class("ssb-hurdle-list__sev")
                        .kids(chems.iter().map(|c| {
                            let (sev, _) = severity_of(h, *c);
                            el("span")
                                .class(format!(
                                    "ssb-sev ssb-sev--{} ssb-c--{}",
                                    sev.slug(),
                                    c.slug()
                                ))
                                .kid(dot())
                                .text(format!("{}: {}", c.name(), sev.label()))
                        })),
                )
        }))
}

fn dot() -> El {
    el("span").class("ssb-sev__dot").attr("aria-hidden", "true")
}

fn matrix(data: &Dataset, chems: &[ChemistryId], selected: Option<&str>, as_table: bool) -> El {
    let head = [col("Hurdle")].into_iter().chain(
        chems
            .iter()
            .map(|c| col_chem(*c, "").kid(swatch()).text(c.name())),
    );
    let rows = data.hurdles.iter().map(|h| {
        let on = selected == Some(h.id.as_str());
        el("tr")
            .key(h.id.clone())
            .class(if on { "is-selected" } else { "" })
            .kid(row_head().kid(hurdle_button(h, on)))
            .kids(chems.iter().map(|c| {
                let (sev, basis) = severity_of(h, *c);
                el("td")
                    .class(format!("ssb-sev ssb-sev--{}", sev.slug()))
                    .attr("title", basis.unwrap_or("").to_string())
                    .kid(dot())
                    .text(sev.label())
                    .kid(
                        basis
                            .filter(|_| as_table)
                            .map(|b| el("span").class("ssb-small ssb-block").text(b.to_string())),
                    )
            }))
    });
    table_doc_classed(
        if as_table {
            "ssb-table-wrap"
        } else {
            "ssb-table-wrap ssb-matrix-wrap"
        },
        if as_table {
            "ssb-table ssb-matrix is-plain"
        } else {
            "ssb-table ssb-matrix"
        },
        "Table of hurdle severity by chemistry",
        "Severity of each hurdle by chemistry (our reading of the sources)",
        head,
        rows,
    )
}

/// A column header in a chemistry's colour.
fn col_chem(c: ChemistryId, extra: &str) -> El {
    el("th")
        .attr("scope", "col")
        .class(format!("{extra}ssb-c--{}", c.slug()))
}

fn detail(data: &Dataset, h: &Hurdle) -> El {
    let (params, cols, rest) = comparison_of(h);
    let mut card = el("section")
        .class("ssb-card")
        .attr("aria-label", format!("Hurdle: {}", h.name))
        .key(h.id.clone())
        .kid(el("h3").class("ssb-card__title").text(h.name.clone()))
        .kid(el("p").text(h.summary.clone()));
    if !params.is_empty() {
        let shown: Vec<&Figure> = h
            .figures
            .iter()
            .filter(|f| {
                f.chemistry.is_some() && f.label.as_ref().is_some_and(|l| params.contains(l))
            })
            .collect();
        let from = figure_sources(data, &shown);
        card = card
            .kid(comparison_table(h, params, cols))
            .kid((!from.is_empty()).then(|| {
                el("p")
                    .class("ssb-source")
                    .text(format!("Figures in the table: {}", from.join("; ")))
            }));
    }
    card.kid((!rest.is_empty()).then(|| {
        el("ul").class("ssb-figures").kids(rest.iter().map(|f| {
            let mut li = el("li");
            if let Some(c) = f.chemistry {
                li = li.text(format!("{}: ", c.name()));
            }
            li.text(figure_cited(data, f))
        }))
    }))
    .kid(el("ul").class("ssb-basis").kids(h.severity.iter().map(|r| {
        el("li")
            .kid(el("strong").text(format!("{} — {}: ", r.chemistry.name(), r.severity.label())))
            .text(r.basis.clone())
    })))
    .kid(
        el("p")
            .class("ssb-source")
            .text(sources_line(data, &h.sources)),
    )
    .kid(conflicts_doc(data, &h.id, false))
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
    crate::model::order::sort(&mut chems);
    let rest = h
        .figures
        .iter()
        .filter(|f| {
            !(f.chemistry.is_some() && f.label.as_ref().is_some_and(|l| params.contains(l)))
        })
        .collect();
    (params, chems, rest)
}

fn comparison_table(h: &Hurdle, params: Vec<String>, cols: Vec<ChemistryId>) -> El {
    let caption = format!("{}: requirements side by side", h.name);
    let head = [col("Parameter")].into_iter().chain(cols.iter().map(|c| {
        col_chem(*c, "ssb-num ")
            .kid(swatch())
            .text(if *c == ChemistryId::Liquid {
                "Conventional Li-ion"
            } else {
                c.name()
            })
    }));
    let rows = params.into_iter().map(|p| {
        let cells = cols.iter().map(|c| {
            let v = h
                .figures
                .iter()
                .find(|f| f.label.as_deref() == Some(p.as_str()) && f.chemistry == Some(*c))
                .map(|f| f.value_label())
                .unwrap_or_else(|| "not given".into());
            cell(v).class("ssb-num")
        });
        el("tr")
            .kid(row_head().text(p.clone()))
            .kids(cells.collect::<Vec<_>>())
    });
    table_doc(format!("Table: {caption}"), caption, head, rows)
}

fn cost_history(data: &Dataset) -> El {
    let head = [
        col("When"),
        col("What"),
        col("Figure").class("ssb-num"),
        col("Source"),
    ];
    let rows = data.cost_history.iter().map(|c| {
        let mut what = row_head().text(c.figure.label.clone().unwrap_or_default());
        if let Some(x) = &c.figure.context {
            what = what.text(format!(" ({x})"));
        }
        el("tr")
            .kid(cell(c.date.label()))
            .kid(what)
            .kid(cell(c.figure.value_label()).class("ssb-num"))
            .kid(cell(crate::model::text::citations_text(data, &c.sources)).class("ssb-small"))
    });
    table_doc(
        "Table of cost history",
        "Cost: what liquid Li-ion went through, and where solid-state starts",
        head,
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pressed(d: &El) -> Vec<String> {
        d.find_all("button")
            .into_iter()
            .filter(|b| b.get("aria-pressed") == Some("true"))
            .map(|b| b.get("data-select").unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn the_selected_hurdle_is_pressed_in_the_list_and_the_matrix_and_detailed() {
        let data = Dataset::built_in();
        let first = data.hurdles[0].id.clone();
        let other = data.hurdles[1].id.clone();
        let d = el("div").kids(hurdles_doc(&data, &ChemistryId::ALL, None, false, ""));
        assert_eq!(pressed(&d), vec![first.clone(), first.clone()]);
        let d = el("div").kids(hurdles_doc(
            &data,
            &ChemistryId::ALL,
            Some(&other),
            false,
            "",
        ));
        assert_eq!(pressed(&d), vec![other.clone(), other.clone()]);
        let card = d.with_class("ssb-card");
        assert_eq!(card.len(), 1);
        assert_eq!(card[0].key.as_deref(), Some(other.as_str()));
    }

    #[test]
    fn table_mode_drops_the_list_and_shows_each_basis_in_its_cell() {
        let data = Dataset::built_in();
        let d = el("div").kids(hurdles_doc(&data, &[ChemistryId::Sulfide], None, true, ""));
        assert!(d.with_class("ssb-hurdle-list").is_empty());
        let matrix = d.with_class("ssb-matrix");
        assert_eq!(
            matrix[0].get("class"),
            Some("ssb-table ssb-matrix is-plain")
        );
        let h = &data.hurdles[0];
        let (sev, basis) = severity_of(h, ChemistryId::Sulfide);
        let row = &matrix[0].find_all("tr")[1];
        let cell = row.find_all("td")[0];
        assert!(cell.text_content().starts_with(sev.label()));
        if let Some(b) = basis {
            assert!(cell.text_content().ends_with(b));
        }
        // One column per chosen chemistry.
        assert_eq!(row.find_all("td").len(), 1);
    }
}
