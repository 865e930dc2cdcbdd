//! The data behind each view as a table model — the rows the view's table
//! shows, with their sources — and that model as a CSV file (RFC 4180, UTF-8
//! without a byte-order mark, no cell a spreadsheet would run as a formula).

use crate::model::query::{self, Standing};
use crate::model::{format_number, ChemistryId, Citation, Dataset, Figure};
use crate::state::View;

/// A table: a caption, column headers and rows of plain text.
#[derive(Clone, Debug, PartialEq)]
pub struct TableModel {
    /// What the table shows ("Milestones as of the end of 2026, in date order").
    pub caption: String,
    /// The column headers, units included.
    pub columns: Vec<String>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

fn cites(data: &Dataset, c: &[Citation]) -> String {
    crate::model::text::citations_text(data, c)
}

fn disputed(data: &Dataset, id: &str) -> String {
    if data.conflicts_about(id).next().is_some() {
        "yes".into()
    } else {
        String::new()
    }
}

fn number(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_default()
}

/// The rows of a view's main table for `year` and `chemistries`, as the view
/// shows them (the Hurdles view's severity matrix, the Readiness view's TRL
/// assessments), each with its sources.
pub fn view_table(data: &Dataset, view: View, year: i32, chems: &[ChemistryId]) -> TableModel {
    let s = |v: &str| v.to_string();
    match view {
        View::Timeline => TableModel {
            caption: format!("Milestones as of the end of {year}, in date order"),
            columns: vec![
                s("Date"),
                s("Company"),
                s("Product"),
                s("Chemistry"),
                s("Status"),
                format!("As of {year}"),
                s("Sources disagree"),
                s("Sources"),
            ],
            rows: query::milestones(data, chems)
                .into_iter()
                .map(|m| {
                    let expected = query::standing(m, year) == Standing::Expected;
                    vec![
                        m.date.label(),
                        m.company.clone(),
                        m.product.clone(),
                        s(m.chemistry.name()),
                        s(m.status.label()),
                        s(if expected { "Expected" } else { "Happened" }),
                        disputed(data, &m.id),
                        cites(data, &m.sources),
                    ]
                })
                .collect(),
        },
        View::Energy => {
            let figure_row = |f: &Figure| {
                [
                    f.value_label(),
                    format_number(f.value),
                    number(f.value_max),
                    f.unit.clone(),
                ]
            };
            let mut rows: Vec<Vec<String>> = query::energy_bars(data, year, chems)
                .iter()
                .map(|b| {
                    let m = b.milestone;
                    let mut row = vec![m.product.clone(), m.company.clone(), s(m.chemistry.name())];
                    row.extend(figure_row(b.figure));
                    row.push(b.level_text());
                    row.push(s(b.claim.label()));
                    row.push(m.date.label());
                    row.push(disputed(data, &m.id));
                    row.push(cites(data, &m.sources));
                    row
                })
                .collect();
            rows.extend(data.references.iter().map(|r| {
                let mut row = vec![
                    format!("Reference: {}", r.label),
                    String::new(),
                    String::new(),
                ];
                row.extend(figure_row(&r.figure));
                row.push(s(r.figure.level.map(|l| l.label()).unwrap_or("")));
                row.push(s(r.figure.claim.map(|c| c.label()).unwrap_or("")));
                row.push(String::new());
                row.push(disputed(data, &r.id));
                row.push(cites(data, &r.sources));
                row
            }));
            TableModel {
                caption: format!(
                    "Energy density figures known by the end of {year}, highest first"
                ),
                columns: vec![
                    s("Product"),
                    s("Company"),
                    s("Chemistry"),
                    s("Energy density"),
                    s("Value"),
                    s("Value (upper end of a range)"),
                    s("Unit"),
                    s("Level"),
                    s("Status of the figure"),
                    s("Date"),
                    s("Sources disagree"),
                    s("Sources"),
                ],
                rows,
            }
        }
        View::Hurdles => {
            let mut columns = vec![s("Hurdle")];
            for c in chems {
                columns.push(format!("Severity: {}", c.name()));
                columns.push(format!("Why: {}", c.name()));
            }
            columns.push(s("Sources"));
            TableModel {
                caption: s("Severity of each hurdle by chemistry (our reading of the sources)"),
                columns,
                rows: data
                    .hurdles
                    .iter()
                    .map(|h| {
                        let mut row = vec![h.name.clone()];
                        for c in chems {
                            let (sev, basis) = crate::model::severity_of(h, *c);
                            row.push(s(sev.label()));
                            row.push(s(basis.unwrap_or("")));
                        }
                        row.push(cites(data, &h.sources));
                        row
                    })
                    .collect(),
            }
        }
        View::Readiness => TableModel {
            caption: format!("TRL assessments holding by the end of {year}"),
            columns: vec![
                s("Subject"),
                s("Chemistry"),
                s("TRL"),
                s("TRL (low)"),
                s("TRL (high)"),
                s("As of"),
                s("Why"),
                s("Sources disagree"),
                s("Sources"),
            ],
            rows: query::readiness(data, year, chems)
                .into_iter()
                .map(|t| {
                    vec![
                        t.subject.clone(),
                        s(t.chemistry.map(|c| c.name()).unwrap_or("Basic research")),
                        crate::model::text::trl_range(t),
                        t.trl_min.to_string(),
                        t.trl_max.to_string(),
                        t.as_of.label(),
                        t.basis.clone(),
                        disputed(data, &t.id),
                        cites(data, &t.sources),
                    ]
                })
                .collect(),
        },
    }
}

/// A cell as CSV text: quoted when it holds a comma, a quote or a line break
/// (quotes doubled), and prefixed with `'` when a spreadsheet would read it as
/// a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return).
pub fn csv_cell(v: &str) -> String {
    let safe = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// The table as CSV: one header row, then the rows; lines end in CRLF.
pub fn to_csv(t: &TableModel) -> String {
    let mut out = String::new();
    for row in std::iter::once(&t.columns).chain(t.rows.iter()) {
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(csv: &str) -> Vec<Vec<String>> {
        // A small RFC 4180 reader, so the tests read what a spreadsheet reads.
        let mut rows = vec![];
        let (mut row, mut cell, mut quoted, mut chars) =
            (vec![], String::new(), false, csv.chars().peekable());
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\r') => {}
                (false, '\n') => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => cell.push(c),
            }
        }
        rows
    }

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(
                csv_cell(bad).trim_start_matches('"').starts_with('\''),
                "{bad:?}"
            );
        }
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn every_view_has_a_header_row_and_rows_as_wide_with_sources() {
        let data = Dataset::built_in();
        for view in View::ALL {
            let t = view_table(&data, view, 2026, &ChemistryId::ALL);
            assert!(!t.rows.is_empty(), "{view:?}");
            assert_eq!(
                t.columns.last().map(String::as_str),
                Some("Sources"),
                "{view:?}"
            );
            for r in &t.rows {
                assert_eq!(r.len(), t.columns.len(), "{view:?}: {r:?}");
            }
            let csv = to_csv(&t);
            assert!(!csv.starts_with('\u{feff}'));
            let back = parse(&csv);
            assert_eq!(back[0], t.columns);
            assert_eq!(&back[1..], &t.rows[..], "{view:?}");
        }
    }

    #[test]
    fn the_rows_follow_the_year_and_the_chemistries() {
        let data = Dataset::built_in();
        let all = view_table(&data, View::Timeline, 2026, &ChemistryId::ALL);
        assert_eq!(
            all.rows.len(),
            query::milestones(&data, &ChemistryId::ALL).len()
        );
        let mg4 = all
            .rows
            .iter()
            .find(|r| r[2].contains("MG4"))
            .expect("the MG4 row");
        assert_eq!(mg4[5], "Happened");
        let early = view_table(&data, View::Timeline, 2024, &ChemistryId::ALL);
        let mg4 = early
            .rows
            .iter()
            .find(|r| r[2].contains("MG4"))
            .expect("the MG4 row");
        assert_eq!(mg4[5], "Expected");
        let sulfide = view_table(&data, View::Energy, 2026, &[ChemistryId::Sulfide]);
        let bars = query::energy_bars(&data, 2026, &[ChemistryId::Sulfide]).len();
        assert_eq!(sulfide.rows.len(), bars + data.references.len());
        assert!(sulfide.columns.contains(&"Unit".to_string()));
        let h = view_table(&data, View::Hurdles, 2026, &[ChemistryId::Oxide]);
        assert_eq!(
            h.columns,
            ["Hurdle", "Severity: Oxide", "Why: Oxide", "Sources"]
        );
        let r26 = view_table(&data, View::Readiness, 2026, &ChemistryId::ALL)
            .rows
            .len();
        let r24 = view_table(&data, View::Readiness, 2024, &ChemistryId::ALL)
            .rows
            .len();
        assert!(r24 <= r26);
    }
}
