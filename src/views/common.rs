//! Pieces every view uses: citations, figures with their level and claim,
//! the milestone card, status marks, the source list and the view header.

use crate::charts::doc::{el, El, Node, Value};
use crate::charts::scene::{marker_half_path, marker_path};
use crate::model::{ChemistryId, Conflict, Dataset, Milestone, Status};
use crate::state::{ReaderState, View};
use std::sync::Arc;

pub use crate::model::text::{
    citation_text, figure_cited, figure_sources, figure_text, sources_line,
};

/// The mark a reader sees on the chart for a status (dashed when `expected`).
pub fn status_mark_doc(status: Status, expected: bool) -> El {
    let class = format!(
        "ssb-mark ssb-mark--{}{}",
        status.slug(),
        if expected { " is-expected" } else { "" }
    );
    el("svg")
        .class(class)
        .attr("width", "14")
        .attr("height", "14")
        .attr("viewBox", "-8 -8 16 16")
        .attr("aria-hidden", "true")
        .attr("focusable", "false")
        .kid(el("path").attr("d", marker_path(status)))
        .kid(marker_half_path(status).map(|d| el("path").class("ssb-half").attr("d", d)))
}

/// The "!" flag of an item the sources disagree about, with its words for
/// screen readers.
pub fn flag_doc() -> [El; 2] {
    [
        el("span")
            .class("ssb-flag")
            .attr("title", "Sources disagree")
            .text("!"),
        el("span").class("ssb-sr").text(" (sources disagree)"),
    ]
}

/// The key inside every view, shown with or without controls: status shapes
/// (where the view draws them), the chemistry colours, the "sources disagree"
/// flag and "level?".
pub fn chart_key_doc(statuses: bool) -> El {
    let mut shapes = Vec::new();
    if statuses {
        shapes.extend(
            Status::ALL
                .into_iter()
                .map(|s| el("li").kid(status_mark_doc(s, false)).text(s.label())),
        );
        shapes.push(
            el("li")
                .kid(status_mark_doc(Status::Shipped, true))
                .text("Dashed: later than the chosen year, or only planned"),
        );
    }
    el("ul")
        .class("ssb-legend ssb-chartkey")
        .attr("aria-label", "Key")
        .kids(shapes)
        .kids(ChemistryId::ALL.into_iter().map(|c| {
            el("li")
                .class(format!("ssb-c--{}", c.slug()))
                .kid(swatch())
                .text(c.name())
        }))
        .kid(
            el("li")
                .kid(
                    el("span")
                        .class("ssb-flag")
                        .attr("aria-hidden", "true")
                        .text("!"),
                )
                .text("Sources disagree"),
        )
        .kid(
            el("li")
                .kid(
                    el("span")
                        .class("ssb-chartkey__level")
                        .attr("aria-hidden", "true")
                        .text("level?"),
                )
                .text("Cell, module or pack not stated"),
        )
}

/// A chemistry's colour swatch (the colour comes from an `ssb-c--` class
/// around it).
pub fn swatch() -> El {
    el("span")
        .class("ssb-chip__swatch")
        .attr("aria-hidden", "true")
}

/// Holds `card` beside the mark at `at` (x, y, chart width and height in
/// pixels): below the mark in the upper half of a chart, above it in the lower
/// half of a tall chart, so it opens where the reader is looking; the full
/// width on a phone (the CSS). The card shares the chart's grid cell, so the
/// chart grows to hold it; only a tall chart opens cards upwards. The offsets
/// are `style:` attributes, which the renderer sets through CSSOM: a strict
/// Content-Security-Policy allows that, not a `style` attribute.
pub fn card_spot(at: (i32, i32, i32, i32), card: El) -> El {
    let (x, y, width, height) = at;
    let left = (x - 40).clamp(0, (width - 380).max(0));
    let above = height >= 520 && y > height / 2;
    let (top, bottom) = if above {
        ("auto".to_string(), format!("{}px", height - y + 18))
    } else {
        (format!("{}px", y + 18), "0px".to_string())
    };
    el("div")
        .class(if above {
            "ssb-spot is-above"
        } else {
            "ssb-spot"
        })
        .attr("style:margin-left", format!("{left}px"))
        .attr("style:margin-top", top)
        .attr("style:margin-bottom", bottom)
        .kid(card)
}

/// The disagreements about an item, each side with its source. In a card they
/// are shown open; beside a row of a list (`collapsed`) each is a disclosure
/// whose summary names the disagreement, so long lists stay scannable.
pub fn conflicts_doc(data: &Dataset, id: &str, collapsed: bool) -> Option<El> {
    let conflicts: Vec<&Conflict> = data.conflicts_about(id).collect();
    (!conflicts.is_empty()).then(|| {
        el("div")
            .class("ssb-conflicts")
            .kids(conflicts.into_iter().map(|k| {
                let body = conflict_body(data, k);
                if collapsed {
                    el("details")
                        .class("ssb-conflict-toggle")
                        .key(k.topic.clone())
                        .kid(
                            el("summary")
                                .kid(
                                    el("span")
                                        .class("ssb-flag")
                                        .attr("aria-hidden", "true")
                                        .text("!"),
                                )
                                .text(format!("Sources disagree: {}", k.topic)),
                        )
                        .kid(body)
                } else {
                    body
                }
            }))
    })
}

/// One disagreement: its kind and topic, every side with its source, and the note.
fn conflict_body(data: &Dataset, k: &Conflict) -> El {
    el("section")
        .class("ssb-conflict")
        .attr("aria-label", format!("Sources disagree: {}", k.topic))
        .kid(
            el("h4")
                .kid(
                    el("span")
                        .class("ssb-flag")
                        .attr("aria-hidden", "true")
                        .text("!"),
                )
                .text(format!("{} — {}", k.kind.label(), k.topic)),
        )
        .kid(el("ul").kids(k.claims.iter().map(|c| {
            el("li")
                .text(c.says.clone())
                .text(" ")
                .kid(el("cite").text(format!("({})", citation_text(data, &c.source))))
        })))
        .kid(
            k.note
                .as_ref()
                .map(|n| el("p").class("ssb-note").text(n.clone())),
        )
}

/// How a milestone stands in the card: "Had happened by the end of 2026."
pub fn card_standing(m: &Milestone, year: i32) -> String {
    match crate::model::query::standing(m, year) {
        crate::model::query::Standing::Happened => format!("Had happened by the end of {year}."),
        crate::model::query::Standing::Expected if m.status.is_realized() => {
            format!("Later than {year}: drawn as expected.")
        }
        crate::model::query::Standing::Expected => "A plan or target, not yet done.".to_string(),
    }
}

/// The card's content for a milestone as of `year`: who, what, when (at its
/// precision), figures with units, status, sources and disagreements.
pub fn card_doc(data: &Dataset, m: &Milestone, year: i32) -> Vec<El> {
    let expected =
        crate::model::query::standing(m, year) == crate::model::query::Standing::Expected;
    vec![
        el("header")
            .class("ssb-card__head")
            .kid(el("h3").class("ssb-card__title").text(m.product.clone()))
            .kid(
                el("button")
                    .attr("type", "button")
                    .class("ssb-button ssb-card__close")
                    .attr("aria-label", "Close details")
                    .attr("data-close", "")
                    .text("×"),
            ),
        el("p")
            .class("ssb-card__meta")
            .kid(swatch())
            .text(format!("{} · {} · ", m.company, m.chemistry.name()))
            .kid(el("time").text(m.date.label()))
            .text(format!(" (precision: {})", m.date.precision.label())),
    ]
    .into_iter()
    .chain(
        m.date_note
            .as_ref()
            .map(|n| el("p").class("ssb-note").text(n.clone())),
    )
    .chain([
        el("p")
            .class("ssb-card__status")
            .kid(status_mark_doc(m.status, expected))
            .kid(el("strong").text(m.status.label()))
            .text(" — ")
            .text(card_standing(m, year)),
        el("p").text(m.summary.clone()),
    ])
    .chain((!m.figures.is_empty()).then(|| {
        el("ul").class("ssb-figures").kids(
            m.figures
                .iter()
                .map(|f| el("li").text(figure_cited(data, f))),
        )
    }))
    .chain([el("p")
        .class("ssb-source")
        .text(sources_line(data, &m.sources))])
    .chain(conflicts_doc(data, &m.id, false))
    .collect()
}

/// A milestone's card as of `year` ([`card_doc`]) in its `<article>`, named
/// by company and product and keyed by the milestone: a year step patches it,
/// another selection replaces it.
pub fn card_article(data: &Dataset, m: &Milestone, year: i32) -> El {
    el("article")
        .class(format!("ssb-card ssb-c--{}", m.chemistry.slug()))
        .attr("aria-label", format!("{}: {}", m.company, m.product))
        .attr("tabindex", "-1")
        .attr("data-card", m.id.clone())
        .key(m.id.clone())
        .kids(card_doc(data, m, year))
}

/// The selected milestone's card ([`card_article`]); `None` when nothing is
/// selected, or the selection is not a milestone.
pub fn selected_card_doc(data: &Dataset, id: Option<&str>, year: i32) -> Option<El> {
    id.and_then(|id| data.milestones.iter().find(|m| m.id == id))
        .map(|m| card_article(data, m, year))
}

/// Escapes an id for use inside a quoted CSS attribute selector.
pub fn css_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A view's title and dek.
pub fn header_doc(view: View, dek: &str) -> El {
    el("header")
        .class("ssb-head")
        .kid(el("h2").class("ssb-title").text(view.title()))
        .kid(el("p").class("ssb-dek").text(dek.to_string()))
}

/// The top of a view drawn as a document: title, dek, takeaway and key.
pub fn view_top_doc(view: View, dek: &str, takeaway: &str) -> Vec<El> {
    view_top_with_key(view, dek, takeaway, false)
}

/// The top of a view: title, dek, takeaway and the key, with the status
/// shapes (`statuses`) where the view draws them.
pub fn view_top_with_key(view: View, dek: &str, takeaway: &str, statuses: bool) -> Vec<El> {
    vec![
        header_doc(view, dek),
        el("p").class("ssb-takeaway").text(takeaway.to_string()),
        chart_key_doc(statuses),
    ]
}

/// The top of a view that is kept while another is shown (timeline,
/// energy): the shared title and key (`header`, `key`, built once), the
/// takeaway, and the note that no chemistry is selected when none is.
/// Empty while the view is hidden, so it follows no other view's takeaway.
pub fn kept_top(mode: PanelMode, header: &Arc<El>, key: &Arc<El>, takeaway: &str) -> Vec<Node> {
    if mode == PanelMode::Hidden {
        return Vec::new();
    }
    let mut top = vec![
        Node::Shared(header.clone()),
        Node::El(el("p").class("ssb-takeaway").text(takeaway.to_string())),
        Node::Shared(key.clone()),
    ];
    if mode == PanelMode::NothingSelected {
        top.push(Node::El(nothing_selected_doc()));
    }
    top
}

/// A kept view's title and key, built on its first drawing and shared by
/// every drawing after it.
pub type KeptHead = Option<(Arc<El>, Arc<El>)>;

/// A kept view's wrapper (`hidden` while another view is up, keyed by the
/// view) with its top ([`kept_top`]); the key shows the status shapes where
/// the view draws them (the timeline).
pub fn kept_view(
    head: &mut KeptHead,
    view: View,
    dek: &str,
    mode: PanelMode,
    takeaway: &str,
) -> El {
    let (header, key) = head.get_or_insert_with(|| {
        (
            Arc::new(header_doc(view, dek)),
            Arc::new(chart_key_doc(view == View::Timeline)),
        )
    });
    let mut wrap = hidden_unless(
        el("div").class("ssb-view").key(view.slug()),
        mode != PanelMode::Hidden,
    );
    wrap.kids.extend(kept_top(mode, header, key, takeaway));
    wrap
}

/// `e`, with `hidden` unless it is `shown`.
pub fn hidden_unless(e: El, shown: bool) -> El {
    if shown {
        e
    } else {
        e.attr("hidden", "")
    }
}

/// Shown when no chemistry is selected.
pub fn nothing_selected_doc() -> El {
    el("p")
        .class("ssb-empty")
        .text("No chemistry is selected. Turn one on above to see its data.")
}

/// A scrollable, focusable table with its caption: `head` is the header row's
/// cells, `rows` the body rows.
pub fn table_doc(
    region: impl Into<String>,
    caption: impl Into<String>,
    head: impl IntoIterator<Item = El>,
    rows: impl IntoIterator<Item = El>,
) -> El {
    table_doc_classed("ssb-table-wrap", "ssb-table", region, caption, head, rows)
}

/// [`table_doc`] with other classes on the wrapper and the table.
pub fn table_doc_classed(
    wrap_class: &'static str,
    table_class: &'static str,
    region: impl Into<String>,
    caption: impl Into<String>,
    head: impl IntoIterator<Item = El>,
    rows: impl IntoIterator<Item = El>,
) -> El {
    el("div")
        .class(wrap_class)
        .attr("tabindex", "0")
        .attr("role", "region")
        .attr("aria-label", region.into())
        .kid(
            el("table")
                .class(table_class)
                .kid(el("caption").text(caption.into()))
                .kid(el("thead").kid(el("tr").kids(head)))
                .kid(el("tbody").kids(rows)),
        )
}

/// A column header with its text.
pub fn col(text: &'static str) -> El {
    el("th").attr("scope", "col").text(text)
}

/// A row header.
pub fn row_head() -> El {
    el("th").attr("scope", "row")
}

/// A cell with its text.
pub fn cell(text: impl Into<Value>) -> El {
    el("td").text(text)
}

/// A button naming an item that opens its card (or closes it when open), and
/// that focus returns to when the card closes.
pub fn item_button(id: &str, text: String) -> El {
    el("button")
        .attr("type", "button")
        .class("ssb-linkish")
        .attr("data-item", id.to_string())
        .attr("data-toggle", id.to_string())
        .text(text)
}

/// A chart's plot area: `backdrop` (reference lines, stage bands) drawn in an
/// SVG behind `body`.
pub fn plot_doc(backdrop: impl IntoIterator<Item = El>, body: impl IntoIterator<Item = El>) -> El {
    el("div")
        .class("ssb-energy__plot")
        .kid(backdrop_svg(backdrop))
        .kids(body)
}

/// The SVG behind a plot's bars.
pub fn backdrop_svg(kids: impl IntoIterator<Item = El>) -> El {
    el("svg")
        .class("ssb-energy__refs")
        .attr("width", "100%")
        .attr("height", "100%")
        .attr("aria-hidden", "true")
        .kids(kids)
}

/// The SVG strip a bar is drawn in, one row of a bar list.
pub fn bar_svg() -> El {
    el("svg")
        .class("ssb-bar__svg")
        .attr("width", "100%")
        .attr("height", "22")
        .attr("aria-hidden", "true")
}

/// A bar's rectangle in a [`bar_svg`]: `x` and `width` as the SVG writes them.
pub fn bar_rect(
    class: impl Into<crate::charts::doc::Value>,
    x: impl Into<crate::charts::doc::Value>,
    width: impl Into<crate::charts::doc::Value>,
) -> El {
    el("rect")
        .class(class)
        .attr("x", x)
        .attr("width", width)
        .attr("y", "4")
        .attr("height", "14")
}

/// What a kept view's panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelMode {
    /// Another view is up.
    Hidden,
    /// No chemistry is chosen.
    NothingSelected,
    /// The chart.
    Chart,
    /// The table.
    Table,
}

impl PanelMode {
    /// What `view`'s panel shows in state `s`: the view, the chemistries and
    /// the table switch decide.
    pub fn of(s: &ReaderState, view: View) -> PanelMode {
        match (s.view == view, s.chemistries.is_empty(), s.as_table) {
            (false, _, _) => PanelMode::Hidden,
            (true, true, _) => PanelMode::NothingSelected,
            (true, false, false) => PanelMode::Chart,
            (true, false, true) => PanelMode::Table,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_opens_below_its_mark_and_above_it_low_in_a_tall_chart() {
        let card = || el("article");
        let below = card_spot((500, 100, 1000, 600), card());
        assert_eq!(below.get("class"), Some("ssb-spot"));
        assert_eq!(below.get("style:margin-left"), Some("460px"));
        assert_eq!(below.get("style:margin-top"), Some("118px"));
        assert_eq!(below.get("style:margin-bottom"), Some("0px"));
        let above = card_spot((500, 500, 1000, 600), card());
        assert_eq!(above.get("class"), Some("ssb-spot is-above"));
        assert_eq!(above.get("style:margin-top"), Some("auto"));
        assert_eq!(above.get("style:margin-bottom"), Some("118px"));
        // A short chart never opens a card upwards, and a card stays inside.
        let short = card_spot((990, 300, 1000, 400), card());
        assert_eq!(short.get("class"), Some("ssb-spot"));
        assert_eq!(short.get("style:margin-left"), Some("620px"));
        assert_eq!(
            card_spot((10, 10, 320, 300), card()).get("style:margin-left"),
            Some("0px")
        );
    }

    #[test]
    fn the_offsets_reach_html_as_one_style_and_never_the_parser_path() {
        let spot = card_spot((500, 100, 1000, 600), el("article"));
        let html = crate::charts::doc::to_html(&[spot.clone().into()]);
        assert!(html.starts_with(
            "<div class=\"ssb-spot\" style=\"margin-left: 460px; margin-top: 118px; margin-bottom: 0px;\">"
        ), "{html}");
        let svg = el("g").attr("style:fill", "red").kid(el("rect"));
        assert_eq!(crate::charts::doc::svg_markup(&[svg.into()]), None);
    }

    #[test]
    fn a_kept_views_top_follows_its_mode_and_is_empty_while_hidden() {
        let header = Arc::new(header_doc(View::Timeline, "Dek."));
        let key = Arc::new(chart_key_doc(true));
        let texts = |d: &[Node]| {
            d.iter()
                .filter_map(|n| n.as_el())
                .map(El::text_content)
                .collect::<Vec<_>>()
        };
        let shown = kept_top(PanelMode::Chart, &header, &key, "The takeaway.");
        assert_eq!(texts(&shown)[0], format!("{}Dek.", View::Timeline.title()));
        assert_eq!(texts(&shown)[1], "The takeaway.");
        assert_eq!(shown.len(), 3, "title, takeaway, key");
        assert!(matches!(&shown[0], Node::Shared(h) if Arc::ptr_eq(h, &header)));
        let none = kept_top(PanelMode::NothingSelected, &header, &key, "");
        assert!(texts(&none)
            .last()
            .unwrap()
            .starts_with("No chemistry is selected"));
        assert!(kept_top(PanelMode::Hidden, &header, &key, "x").is_empty());
    }

    #[test]
    fn the_panel_mode_follows_view_chemistries_and_the_table_switch() {
        let mut s = ReaderState::default();
        assert_eq!(PanelMode::of(&s, View::Timeline), PanelMode::Chart);
        assert_eq!(PanelMode::of(&s, View::Energy), PanelMode::Hidden);
        s.as_table = true;
        assert_eq!(PanelMode::of(&s, View::Timeline), PanelMode::Table);
        s.chemistries.clear();
        assert_eq!(
            PanelMode::of(&s, View::Timeline),
            PanelMode::NothingSelected
        );
    }

    #[test]
    fn the_selected_milestones_card_is_named_keyed_and_closable() {
        let data = Dataset::built_in();
        let card = selected_card_doc(&data, Some("mg4-anxin"), 2026).unwrap();
        assert_eq!(card.tag, "article");
        assert_eq!(card.key.as_deref(), Some("mg4-anxin"));
        assert_eq!(card.get("data-card"), Some("mg4-anxin"));
        assert!(card.get("aria-label").unwrap().contains("MG4"));
        assert!(card
            .find_all("button")
            .iter()
            .any(|b| b.get("data-close").is_some()));
        assert!(selected_card_doc(&data, None, 2026).is_none());
        assert!(selected_card_doc(&data, Some("no-such-item"), 2026).is_none());
    }
}
