//! A chart as data: marks, text, rectangles and rules in pixels, which one
//! generic SVG renderer draws (`views::scene`). Layout functions build a
//! [`Scene`] from the dataset and the reader's state; tests read it natively.
//!
//! Coordinates are whole pixels (`i32`): nothing in the browser formats a float.

use super::doc::{el, El, Node, Value};
use crate::model::Status;
use std::sync::Arc;

/// How a text is anchored at its `x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the left edge.
    Start,
    /// `x` is the centre.
    Middle,
    /// `x` is the right edge.
    End,
}

impl Anchor {
    /// The SVG `text-anchor` value.
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A text in the chart (axis labels, lane names, direct labels).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// Anchor point, pixels from the left.
    pub x: i32,
    /// Baseline, pixels from the top.
    pub y: i32,
    /// What it says.
    pub text: String,
    /// How it hangs on `x`.
    pub anchor: Anchor,
    /// CSS class.
    pub class: &'static str,
    /// The estimated width in pixels (for collision tests and placement).
    pub width: i32,
}

impl Text {
    /// The text's box as (left, right), from its anchor and estimated width.
    pub fn extent(&self) -> (i32, i32) {
        match self.anchor {
            Anchor::Start => (self.x, self.x + self.width),
            Anchor::Middle => (self.x - self.width / 2, self.x + self.width / 2),
            Anchor::End => (self.x - self.width, self.x),
        }
    }
}

/// A filled rectangle (lane backgrounds).
#[derive(Clone, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub w: i32,
    /// Height.
    pub h: i32,
    /// CSS class (the colour comes from it).
    pub class: String,
}

/// A straight line (grid lines).
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Horizontal position.
    pub x: i32,
    /// Top.
    pub y1: i32,
    /// Bottom.
    pub y2: i32,
    /// CSS class.
    pub class: &'static str,
}

/// One data item drawn as a shape, with its direct label and time span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The item's id in the dataset (`data-item`). This and the other texts
    /// are shared: a lane's marks are copied into every scene that stacks it.
    pub id: Arc<str>,
    /// Centre, pixels from the left.
    pub x: i32,
    /// Centre, pixels from the top.
    pub y: i32,
    /// Which shape: the status carries it, so colour is never the only cue.
    pub status: Status,
    /// CSS classes that do not change with the year (chemistry, status).
    pub class: Arc<str>,
    /// The accessible name: company, product, status, date, "sources disagree".
    pub name: Arc<str>,
    /// The first "as of" year in which it is drawn as happened; `None` if never.
    pub happened_from: Option<i32>,
    /// Whether the sources disagree about it (a "!" flag).
    pub disputed: bool,
    /// Its direct label, if there was room for one.
    pub label: Option<Text>,
    /// A time span drawn behind it, as (left, right).
    pub span: Option<(i32, i32)>,
}

impl Mark {
    /// Whether it is drawn as happened in `year`.
    pub fn happened_in(&self, year: i32) -> bool {
        self.happened_from.is_some_and(|from| year >= from)
    }
}

/// A button drawn in the chart: "+3 more" for a lane whose marks did not all fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Expander {
    /// What it expands (a lane's chemistry slug).
    pub key: &'static str,
    /// Its text.
    pub text: Text,
    /// Its accessible name.
    pub name: String,
}

/// A vertical line that follows the chosen year ("End of 2026").
#[derive(Clone, Debug, PartialEq)]
pub struct YearRule {
    /// The line's position for each year the slider offers.
    pub positions: Vec<(i32, i32)>,
    /// Top of the line.
    pub y1: i32,
    /// Bottom of the line.
    pub y2: i32,
    /// Baseline of its label.
    pub label_y: i32,
}

impl YearRule {
    /// Where the line stands for `year` (the last position if `year` is out of range).
    pub fn x(&self, year: i32) -> i32 {
        self.positions
            .iter()
            .find(|(y, _)| *y == year)
            .or(self.positions.last())
            .map(|(_, x)| *x)
            .unwrap_or(0)
    }
}

/// Everything a chart draws.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Width the layout was made for, in pixels.
    pub width: i32,
    /// Total height in pixels.
    pub height: i32,
    /// Backgrounds, drawn first.
    pub rects: Vec<Rect>,
    /// Grid lines.
    pub rules: Vec<Rule>,
    /// Axis and lane texts.
    pub texts: Vec<Text>,
    /// The data, in reading order (lane by lane, in time order).
    pub marks: Vec<Mark>,
    /// "+N more" buttons.
    pub expanders: Vec<Expander>,
    /// The "now" line.
    pub year_rule: Option<YearRule>,
    /// The scene's bands (the timeline's lanes), each its own scene with its
    /// top at 0: the same content as above, kept by band so that a renderer
    /// reuses what a band drew while it stays the same.
    pub bands: Vec<Band>,
}

/// A part of a scene laid out on its own (a timeline lane), and where it sits.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Pixels from the scene's top to the band's.
    pub top: i32,
    /// The band's content, its top at 0; its first rectangle is its
    /// background.
    pub scene: Arc<Scene>,
}

impl Scene {
    /// The mark with this id.
    pub fn mark(&self, id: &str) -> Option<&Mark> {
        self.marks.iter().find(|m| &*m.id == id)
    }

    /// Every visible text: axis and lane texts, direct labels and expanders.
    pub fn all_texts(&self) -> impl Iterator<Item = &Text> {
        self.texts
            .iter()
            .chain(self.marks.iter().filter_map(|m| m.label.as_ref()))
            .chain(self.expanders.iter().map(|e| &e.text))
    }
}

/// How a mark looks and reads in a given state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkLook {
    /// The mark's classes.
    pub class: String,
    /// Its accessible name.
    pub name: String,
    /// `"0"` for the chart's one tab stop, `"-1"` for the others.
    pub tabindex: &'static str,
    /// `aria-pressed`.
    pub pressed: &'static str,
    /// Drawn as later than the year or planned: its item's group carries
    /// `is-expected`, which restyles the shape and the label below it (one
    /// class written per mark on a year step).
    pub expected: bool,
}

/// The look of `m` as of `year`, with `selected` and the chart's tab stop.
pub fn mark_look(m: &Mark, year: i32, selected: Option<&str>, tab_stop: Option<&str>) -> MarkLook {
    let id = Some(&*m.id);
    look_of(m, m.happened_in(year), selected == id, tab_stop == id)
}

/// The look of `m`, drawn as happened or not, selected or not, holding the
/// tab stop or not.
fn look_of(m: &Mark, happened: bool, is_selected: bool, is_tab_stop: bool) -> MarkLook {
    let mut class = m.class.to_string();
    if is_selected {
        class.push_str(" is-selected");
    }
    let name = match (m.happened_from, happened) {
        (None, _) => format!("{}, a plan or target", m.name),
        (Some(_), false) => format!("{}, later than the chosen year", m.name),
        (Some(_), true) => m.name.to_string(),
    };
    MarkLook {
        class,
        name,
        tabindex: if is_tab_stop { "0" } else { "-1" },
        pressed: if is_selected { "true" } else { "false" },
        expected: !happened,
    }
}

/// What a scene draws that stays the same whatever the year, the selection
/// or the tab stop: built once per scene and shared by every document drawn
/// from it, so a year step builds and compares only what can change.
#[derive(Debug)]
pub struct SceneParts {
    /// Band backgrounds, grid lines and the axis texts.
    back: Arc<El>,
    /// The width the scene was laid out for.
    width: i32,
    /// The grid lines, the same while the width is.
    grid: Arc<El>,
    /// The texts outside every band (the year names), the same while the
    /// width is.
    axis: Arc<El>,
    /// Per band, in the scene's order: what it draws and where it sits. A
    /// band is one group: a band more or less above it moves the group, not
    /// every mark in it.
    bands: Vec<(Arc<BandParts>, Value)>,
    /// What bands that are not in the scene drew (one per key) and where
    /// they sat, for when they come back (a chemistry toggled off and on).
    /// They stay in the document, hidden, at their place in `order`.
    aside: Vec<(Arc<BandParts>, Value)>,
    /// The keys of the bands in the scene and aside, in the order their
    /// groups come in the document: the scene's order, with each band aside
    /// where it was. A band toggled off is hidden and shown again where it
    /// is, not taken out of the document and put back (which costs the
    /// browser far more for a group of marks than an attribute).
    order: Vec<String>,
    /// The "+N more" buttons.
    expanders: Vec<Node>,
}

/// What a band draws wherever it sits: the next scene takes it over whole
/// while the band is the same (a chemistry toggle leaves the other lanes as
/// they were).
#[derive(Debug)]
struct BandParts {
    /// The band it is drawn from (compared by identity).
    source: Arc<Scene>,
    /// What keys its groups: its background's class.
    key: String,
    /// Its background.
    background: Node,
    /// Its texts (a lane's name, its empty note).
    texts: Vec<Node>,
    /// Per mark, in the band's order: its drawing, and its keyed group where
    /// it sits drawn as happened and as later or planned (what a year step
    /// shows for every mark but the selected one and the tab stop, so the
    /// renderer skips each one that did not change at once).
    marks: Vec<(Arc<MarkParts>, [Arc<El>; 2])>,
}

/// A mark's drawing, wherever it sits: reused by the next scene for a mark
/// drawn the same (a chemistry toggle moves marks, it does not change them).
#[derive(Debug, PartialEq, Eq)]
struct MarkParts {
    /// The mark moved to 0,0 (span and label relative to its centre): what
    /// the drawing is made from, compared to reuse it.
    origin: Mark,
    /// The item's class (`ssb-tl__item` and its chemistry), drawn as
    /// happened and as later or planned (`is-expected`).
    class: [Value; 2],
    /// The time span behind it.
    span: Option<Node>,
    /// The hit area, the status shape and the "!" flag.
    shape: Vec<Node>,
    /// The mark drawn as happened, and as later or planned, neither selected
    /// nor holding the tab stop: what a year step shows for all but one or
    /// two marks, so it shares these instead of building them.
    happened: Arc<El>,
    expected: Arc<El>,
}

/// `m` with its centre at 0,0 and its span and label relative to it.
fn at_origin(m: &Mark) -> Mark {
    Mark {
        x: 0,
        y: 0,
        span: m.span.map(|(a, b)| (a - m.x, b - m.x)),
        label: m.label.as_ref().map(|t| Text {
            x: t.x - m.x,
            y: t.y - m.y,
            ..t.clone()
        }),
        ..m.clone()
    }
}

/// The drawing of a mark at the origin.
fn mark_parts(o: Mark) -> MarkParts {
    let shared = |e: El| Node::Shared(Arc::new(e));
    let chem = o
        .class
        .split(' ')
        .find(|c| c.starts_with("ssb-c--"))
        .unwrap_or("");
    let mut shape = vec![
        shared(el("circle").class("ssb-tl__hit").attr("r", "12")),
        shared(el("path").attr("d", marker_path(o.status))),
    ];
    if let Some(d) = marker_half_path(o.status) {
        shape.push(shared(el("path").class("ssb-half").attr("d", d)));
    }
    if o.disputed {
        shape.push(shared(
            el("g")
                .class("ssb-flag-mark")
                .attr("aria-hidden", "true")
                .kid(
                    el("circle")
                        .attr("cx", "8")
                        .attr("cy", "-8")
                        .attr("r", "5.5"),
                )
                .kid(
                    el("text")
                        .attr("x", "8")
                        .attr("y", "-5")
                        .attr("text-anchor", "middle")
                        .text("!"),
                ),
        ));
    }
    let span = o.span.map(|(a, b)| {
        shared(
            el("rect")
                .class("ssb-tl__span")
                .attr("x", a.to_string())
                .attr("width", (b - a).to_string())
                .attr("y", "-8")
                .attr("height", "16")
                .attr("rx", "8"),
        )
    });
    let drawing = |happened| {
        Arc::new(mark_drawing(
            &o,
            &span,
            &shape,
            look_of(&o, happened, false, false),
        ))
    };
    MarkParts {
        class: [
            format!("ssb-tl__item {chem}").into(),
            format!("ssb-tl__item {chem} is-expected").into(),
        ],
        happened: drawing(true),
        expected: drawing(false),
        span,
        shape,
        origin: o,
    }
}

fn text_el(t: &Text) -> El {
    el("text")
        .attr("x", t.x.to_string())
        .attr("y", t.y.to_string())
        .attr("text-anchor", t.anchor.svg())
        .text(t.text.clone())
}

/// The parts of `scene` that do not change with the reader's state, taking
/// over from `previous` (the last scene's) what each band that is the same
/// drew, and in a band that changed, the drawing of every mark drawn the
/// same. What lies outside the bands is the grid and the axis texts, which
/// a scene of the same width draws the same (as the timeline's do); the
/// bands' rectangles, texts and marks are drawn from the bands.
pub fn scene_parts(scene: &Scene, previous: Option<&SceneParts>) -> SceneParts {
    let translate = |y: i32| -> Value { format!("translate(0,{y})").into() };
    let known: Vec<&(Arc<BandParts>, Value)> = match previous {
        Some(p) => p.bands.iter().chain(&p.aside).collect(),
        None => Vec::new(),
    };
    let bands: Vec<(Arc<BandParts>, Value)> = scene
        .bands
        .iter()
        .map(|b| {
            let parts = match known.iter().find(|(p, _)| Arc::ptr_eq(&p.source, &b.scene)) {
                Some((same, _)) => same.clone(),
                None => {
                    let key = b
                        .scene
                        .rects
                        .first()
                        .map_or(String::new(), |r| r.class.clone());
                    let before = known.iter().find(|(p, _)| p.key == key).map(|(p, _)| &**p);
                    Arc::new(band_parts(&b.scene, key, before))
                }
            };
            (parts, translate(b.top))
        })
        .collect();
    let aside: Vec<(Arc<BandParts>, Value)> = known
        .into_iter()
        .filter(|(p, _)| bands.iter().all(|(b, _)| b.key != p.key))
        .cloned()
        .collect();
    let order = band_order(previous.map_or(&[][..], |p| &p.order), &bands, &aside);
    // The grid (one line per year) and the texts outside every band (the
    // year names) depend on the width only: a band more or less does not
    // touch them.
    let (grid, axis) = match previous {
        Some(p) if p.width == scene.width => (p.grid.clone(), p.axis.clone()),
        _ => {
            let in_band = |t: &Text| {
                scene
                    .bands
                    .iter()
                    .any(|b| t.y >= b.top && t.y < b.top + b.scene.height)
            };
            let grid = el("g").kids(scene.rules.iter().map(|r| {
                let x = r.x.to_string();
                el("line")
                    .class(r.class)
                    .attr("x1", x.clone())
                    .attr("x2", x)
                    .attr("y1", r.y1.to_string())
                    // To the bottom whatever the height.
                    .attr("y2", "100%")
            }));
            let axis = el("g").kids(
                scene
                    .texts
                    .iter()
                    .filter(|t| !in_band(t))
                    .map(|t| text_el(t).class(t.class)),
            );
            (Arc::new(grid), Arc::new(axis))
        }
    };
    // Each band's background, behind the grid lines (its name and marks
    // are in front, in its group of marks).
    let mut backgrounds = el("g").keeping();
    backgrounds
        .kids
        .extend(in_order(&order, &bands, &aside).map(|(p, at, shown)| {
            let mut lane = band_group(at, p.key.clone(), shown);
            lane.kids.push(p.background.clone());
            Node::El(lane)
        }));
    let back = el("g")
        .attr("aria-hidden", "true")
        .kid(backgrounds)
        .shared(&grid)
        .shared(&axis);
    let expanders = scene
        .expanders
        .iter()
        .map(|e| {
            Node::Shared(Arc::new(
                text_el(&e.text)
                    .class(e.text.class)
                    .attr("role", "button")
                    .attr("tabindex", "0")
                    .attr("data-expand", e.key)
                    .attr("aria-label", e.name.clone())
                    .key(e.key),
            ))
        })
        .collect();
    SceneParts {
        back: Arc::new(back),
        width: scene.width,
        grid,
        axis,
        bands,
        aside,
        order,
        expanders,
    }
}

/// The order of the bands' groups: `before`'s while it has every band and
/// keeps the scene's order (a toggle), else the scene's followed by the bands
/// aside (a first scene, a band no scene showed before: its lane moves in).
fn band_order(
    before: &[String],
    bands: &[(Arc<BandParts>, Value)],
    aside: &[(Arc<BandParts>, Value)],
) -> Vec<String> {
    let shown = before
        .iter()
        .filter(|k| bands.iter().any(|(p, _)| p.key == **k));
    if before.len() == bands.len() + aside.len() && shown.eq(bands.iter().map(|(p, _)| &p.key)) {
        before.to_vec()
    } else {
        bands
            .iter()
            .chain(aside)
            .map(|(p, _)| p.key.clone())
            .collect()
    }
}

/// The bands in `order`: each with where it sits and whether it is in the
/// scene (shown) or aside (hidden).
fn in_order<'a>(
    order: &'a [String],
    bands: &'a [(Arc<BandParts>, Value)],
    aside: &'a [(Arc<BandParts>, Value)],
) -> impl Iterator<Item = (&'a Arc<BandParts>, &'a Value, bool)> + 'a {
    order.iter().filter_map(move |k| {
        let find = |list: &'a [(Arc<BandParts>, Value)]| list.iter().find(|(p, _)| p.key == *k);
        find(bands)
            .map(|(p, at)| (p, at, true))
            .or_else(|| find(aside).map(|(p, at)| (p, at, false)))
    })
}

/// A band's group at `at`, keyed `key`: hidden (`display="none"`) unless
/// `shown`.
fn band_group(at: &Value, key: String, shown: bool) -> El {
    let g = el("g").attr("transform", at.clone()).key(key);
    if shown {
        g
    } else {
        g.attr("display", "none")
    }
}

/// What `band` draws (keyed `key`), taking over from `before` (what the
/// band with the same key drew last) the drawing of every mark drawn the
/// same.
fn band_parts(band: &Arc<Scene>, key: String, before: Option<&BandParts>) -> BandParts {
    let shared = |e: El| Node::Shared(Arc::new(e));
    let background = band.rects.first().map_or(Node::Text("".into()), |r| {
        shared(
            el("rect")
                .class(r.class.clone())
                .attr("x", r.x.to_string())
                .attr("y", r.y.to_string())
                .attr("width", r.w.to_string())
                .attr("height", r.h.to_string()),
        )
    });
    let texts = band
        .texts
        .iter()
        .map(|t| shared(text_el(t).class(t.class).attr("aria-hidden", "true")))
        .collect();
    let marks = band
        .marks
        .iter()
        .map(|m| {
            let o = at_origin(m);
            let reused = before.and_then(|p| {
                p.marks
                    .iter()
                    .find(|(q, _)| q.origin == o)
                    .map(|(q, _)| q.clone())
            });
            let parts = reused.unwrap_or_else(|| Arc::new(mark_parts(o)));
            let at: Value = format!("translate({},{})", m.x, m.y).into();
            let items = [(&parts.happened, 0), (&parts.expected, 1)].map(|(d, k)| {
                Arc::new(mark_item(
                    m,
                    parts.class[k].clone(),
                    &at,
                    Node::Shared(d.clone()),
                ))
            });
            (parts, items)
        })
        .collect();
    BandParts {
        source: band.clone(),
        key,
        background,
        texts,
        marks,
    }
}

/// A mark's drawing at the origin: its span, its shape as a button with its
/// look, and its label.
fn mark_drawing(o: &Mark, span: &Option<Node>, shape: &[Node], look: MarkLook) -> El {
    let mut button = el("g")
        .attr("role", "button")
        .attr("data-item", o.id.to_string())
        .class(look.class)
        .attr("aria-label", look.name)
        .attr("tabindex", look.tabindex)
        .attr("aria-pressed", look.pressed);
    button.kids.extend(shape.iter().cloned());
    let mut g = el("g");
    g.kids.extend(span.clone());
    g.kid(button).kid(o.label.as_ref().map(|t| {
        text_el(t)
            .class("ssb-tl__label")
            .attr("aria-hidden", "true")
    }))
}

/// A mark's keyed group (`class`) at its place in its band (`at`, a
/// transform), around its `drawing`.
fn mark_item(m: &Mark, class: Value, at: &Value, drawing: Node) -> El {
    let mut item = el("g")
        .class(class)
        .attr("transform", at.clone())
        .key(m.id.to_string());
    item.kids.push(drawing);
    item
}

/// What the chart's `<svg>` holds for `scene` (with its `parts`) as of
/// `year`, with `selected` and the chart's one tab stop: the background, the
/// "now" line, a group per band with a keyed group per mark (span, shape,
/// label) and the "+N more" buttons.
pub fn scene_doc(
    scene: &Scene,
    parts: &SceneParts,
    year: i32,
    selected: Option<&str>,
    tab_stop: Option<&str>,
) -> Vec<Node> {
    let mut out = vec![Node::Shared(parts.back.clone())];
    if let Some(r) = &scene.year_rule {
        let x = r.x(year);
        let xs = x.to_string();
        // The label goes left of the line near the right edge.
        let right = x > scene.width * 4 / 5;
        out.push(
            el("g")
                .class("ssb-now")
                .attr("aria-hidden", "true")
                .kid(
                    el("line")
                        .attr("y1", r.y1.to_string())
                        .attr("y2", "100%")
                        .attr("x1", xs.clone())
                        .attr("x2", xs),
                )
                .kid(
                    el("text")
                        .attr("y", r.label_y.to_string())
                        .attr("x", (if right { x - 4 } else { x + 4 }).to_string())
                        .attr("text-anchor", if right { "end" } else { "start" })
                        .text(format!("End of {year}")),
                )
                .into(),
        );
    }
    for (band, at, shown) in in_order(&parts.order, &parts.bands, &parts.aside) {
        let mut lane = band_group(at, format!("marks {}", band.key), shown);
        // Its name and empty note (hidden from assistive technology: the
        // chart's name and the marks say it), then its marks.
        lane.kids.extend(band.texts.iter().cloned());
        for (m, (p, items)) in band.source.marks.iter().zip(&band.marks) {
            let id = Some(&*m.id);
            let (happened, is_selected, is_tab_stop) = (
                m.happened_in(year),
                shown && selected == id,
                shown && tab_stop == id,
            );
            lane.kids.push(if is_selected || is_tab_stop {
                let look = look_of(m, happened, is_selected, is_tab_stop);
                let drawing = mark_drawing(&p.origin, &p.span, &p.shape, look);
                // Its group as shared, around this drawing.
                let mut item = El::clone(&items[!happened as usize]);
                item.kids = vec![drawing.into()];
                Node::El(item)
            } else {
                Node::Shared(items[!happened as usize].clone())
            });
        }
        out.push(lane.into());
    }
    out.extend(parts.expanders.iter().cloned());
    out
}

/// What a key press in the chart does, given the marks in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyMove {
    /// Focus the mark at this index.
    Focus(usize),
    /// Select the focused mark.
    Select,
    /// Close the selected item's card.
    Close,
}

/// The key handling of the roving tabindex, as a pure function: `key` pressed
/// on the mark at `from` among `marks` (reading order: lane by lane, in time).
/// Left and right step through the order; up and down go to the nearest mark
/// in time on the row above or below.
pub fn key_move(marks: &[Mark], from: usize, key: &str) -> Option<KeyMove> {
    let last = marks.len().checked_sub(1)?;
    let here = marks.get(from)?;
    let vertical = |down: bool| {
        let row_y = marks
            .iter()
            .map(|m| m.y)
            .filter(|&y| if down { y > here.y } else { y < here.y })
            .reduce(|a, b| if down { a.min(b) } else { a.max(b) })?;
        marks
            .iter()
            .enumerate()
            .filter(|(_, m)| m.y == row_y)
            .min_by_key(|(_, m)| (m.x - here.x).abs())
            .map(|(i, _)| KeyMove::Focus(i))
    };
    match key {
        "ArrowRight" => Some(KeyMove::Focus((from + 1).min(last))),
        "ArrowLeft" => Some(KeyMove::Focus(from.saturating_sub(1))),
        "ArrowDown" => vertical(true).or(Some(KeyMove::Focus(from))),
        "ArrowUp" => vertical(false).or(Some(KeyMove::Focus(from))),
        "Home" => Some(KeyMove::Focus(0)),
        "End" => Some(KeyMove::Focus(last)),
        "Enter" | " " => Some(KeyMove::Select),
        "Escape" => Some(KeyMove::Close),
        _ => None,
    }
}

/// The estimated width in pixels of `text` at the chart's 12 px label size:
/// generous (7.8 px a character: wide fonts in bold included) so estimates
/// never under-count what the browser draws.
pub fn text_width(text: &str) -> i32 {
    (text.chars().count() as i32 * 78 + 9) / 10
}

/// A text with its estimated width (see [`text_width`]).
pub fn text(x: i32, y: i32, text: String, anchor: Anchor, class: &'static str) -> Text {
    let width = text_width(&text);
    Text {
        x,
        y,
        text,
        anchor,
        class,
        width,
    }
}

/// Splits `text` into lines no wider than `max` pixels, for a font `scale`
/// percent of the 12 px label size (a word longer than a line gets its own).
pub fn wrap_words(text: &str, max: i32, scale: i32) -> Vec<String> {
    let fits = |t: &str| text_width(t) * scale / 100 <= max;
    let mut lines = vec![];
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line = word.to_string();
        } else if fits(&format!("{line} {word}")) {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The SVG path of a status marker (radius 6, centred on 0,0).
pub fn marker_path(status: Status) -> &'static str {
    match status {
        Status::Shipped | Status::Announced => "M-6,0a6,6 0 1,0 12,0a6,6 0 1,0 -12,0Z",
        Status::PilotLine => "M-6,-6h12v12h-12Z",
        Status::Samples => "M0,-6.9L6.6,5.1L-6.6,5.1Z",
        Status::Demonstration | Status::Target => "M0,-7.5L7.5,0L0,7.5L-7.5,0Z",
    }
}

/// The filled half of a pilot-line marker ("pilot = half"), if the status has one.
pub fn marker_half_path(status: Status) -> Option<&'static str> {
    (status == Status::PilotLine).then_some("M-6,-6h6v12h-6Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_extents_follow_the_anchor() {
        let mut t = Text {
            x: 100,
            y: 10,
            text: "Toyota".into(),
            anchor: Anchor::Start,
            class: "",
            width: text_width("Toyota"),
        };
        assert_eq!(t.width, 47);
        assert_eq!(t.extent(), (100, 147));
        t.anchor = Anchor::End;
        assert_eq!(t.extent(), (53, 100));
        t.anchor = Anchor::Middle;
        assert_eq!(t.extent(), (77, 123));
    }

    #[test]
    fn every_status_has_a_distinct_shape_and_only_pilot_lines_are_half_filled() {
        assert_ne!(marker_path(Status::Shipped), marker_path(Status::PilotLine));
        assert_ne!(
            marker_path(Status::Samples),
            marker_path(Status::Demonstration)
        );
        assert!(marker_half_path(Status::PilotLine).is_some());
        assert!(Status::ALL
            .iter()
            .filter(|s| **s != Status::PilotLine)
            .all(|s| marker_half_path(*s).is_none()));
    }

    #[test]
    fn the_year_rule_stands_at_its_year() {
        let r = YearRule {
            positions: vec![(2024, 10), (2025, 20)],
            y1: 0,
            y2: 5,
            label_y: 3,
        };
        assert_eq!(r.x(2025), 20);
        assert_eq!(r.x(2099), 20);
    }

    #[test]
    fn a_scene_document_has_a_keyed_named_button_per_mark_and_shares_what_the_year_does_not_change()
    {
        use crate::charts::timeline::timeline_scene;
        use crate::model::{ChemistryId, Dataset};
        let data = Dataset::built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 1000, &[]);
        let parts = scene_parts(&scene, None);
        let doc = scene_doc(&scene, &parts, 2024, Some("mg4-anxin"), Some("mg4-anxin"));
        let items = mark_items(&doc);
        assert_eq!(items.len(), scene.marks.len());
        for (item, m) in items.iter().zip(&scene.marks) {
            assert_eq!(item.key.as_deref(), Some(&*m.id));
            let button = &item
                .find_all("g")
                .into_iter()
                .find(|g| g.get("role") == Some("button"))
                .expect("a button");
            assert_eq!(button.get("data-item"), Some(&*m.id));
            let look = mark_look(m, 2024, Some("mg4-anxin"), Some("mg4-anxin"));
            assert_eq!(button.get("aria-label"), Some(look.name.as_str()));
            assert_eq!(button.get("class"), Some(look.class.as_str()));
            // Later or planned: its group says so, once for shape and label.
            let item_class = item.get("class").unwrap_or_default();
            assert_eq!(
                item_class.contains("is-expected"),
                look.expected,
                "{}",
                m.id
            );
            assert!(!item.find_all("path").is_empty(), "{} has a shape", m.id);
        }
        let selected = items
            .iter()
            .find(|i| i.key.as_deref() == Some("mg4-anxin"))
            .unwrap();
        assert!(selected.with_class("is-selected").len() == 1);
        assert_eq!(to_text(&doc[1]), "End of 2024");
        // A year step: the background is the same shared element, the
        // "now" line moves and says the new year, the marks stay.
        let later = scene_doc(&scene, &parts, 2030, None, None);
        assert_eq!(later.len(), doc.len());
        match (&doc[0], &later[0]) {
            (Node::Shared(a), Node::Shared(b)) => assert!(Arc::ptr_eq(a, b)),
            _ => panic!("the background is shared"),
        }
        assert_eq!(to_text(&later[1]), "End of 2030");
        let line_x = |d: &[Node]| {
            d[1].as_el().unwrap().find_all("line")[0]
                .get("x1")
                .unwrap()
                .to_string()
        };
        assert_ne!(line_x(&doc), line_x(&later));
        // Near the right edge the label hangs left of the line.
        let text = |d: &[Node]| {
            d[1].as_el().unwrap().find_all("text")[0]
                .get("text-anchor")
                .unwrap()
                .to_string()
        };
        assert_eq!(text(&later), "end");
        assert_eq!(text(&doc), "start");
    }

    #[test]
    fn a_lane_that_does_not_fit_gets_a_keyed_more_button() {
        use crate::charts::timeline::timeline_scene;
        use crate::model::{ChemistryId, Dataset};
        let data = Dataset::built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 320, &[]);
        assert!(
            !scene.expanders.is_empty(),
            "a phone-width layout folds a lane"
        );
        let doc = scene_doc(&scene, &scene_parts(&scene, None), 2026, None, None);
        let more: Vec<&El> = doc
            .iter()
            .filter_map(Node::as_el)
            .filter(|e| e.get("data-expand").is_some())
            .collect();
        assert_eq!(more.len(), scene.expanders.len());
        for (b, e) in more.iter().zip(&scene.expanders) {
            assert_eq!(b.key.as_deref(), Some(e.key));
            assert_eq!(b.get("aria-label"), Some(e.name.as_str()));
            assert_eq!(b.get("role"), Some("button"));
        }
    }

    #[test]
    fn a_lane_that_goes_moves_the_lanes_below_and_nothing_inside_them() {
        let (a, b) = with_and_without_semi_solid(1000);
        let doc = |s: &Scene| scene_doc(s, &scene_parts(s, None), 2026, None, None);
        let (da, db) = (doc(&a), doc(&b));
        let item = |d: &[Node], id: &str| {
            mark_items(d)
                .into_iter()
                .find(|e| e.key.as_deref() == Some(id))
                .cloned()
                .unwrap()
        };
        for m in &b.marks {
            assert_eq!(
                item(&da, &m.id),
                item(&db, &m.id),
                "{} is drawn the same in its lane",
                m.id
            );
        }
        let lanes = |d: &[Node]| -> Vec<(Option<String>, Option<String>)> {
            d.iter()
                .filter_map(Node::as_el)
                .filter(|e| e.key.as_deref().is_some_and(|k| k.starts_with("marks ")))
                .map(|e| (e.key.clone(), e.get("transform").map(str::to_string)))
                .collect()
        };
        let (la, lb) = (lanes(&da), lanes(&db));
        assert_eq!(la.len(), lb.len() + 1, "one lane less");
        let moved = lb.iter().filter(|l| !la.contains(l)).count();
        assert!(moved > 0, "the lanes below it move up");
    }

    #[test]
    fn a_new_scene_takes_over_what_every_lane_that_stayed_drew() {
        use crate::charts::timeline::{lane_scene, stack};
        use crate::model::{ChemistryId, Dataset};
        let data = Dataset::built_in();
        let lanes: Vec<Arc<Scene>> = ChemistryId::ALL
            .iter()
            .map(|&c| Arc::new(lane_scene(&data, c, 1000, false)))
            .collect();
        let without = |i: usize| -> Vec<Arc<Scene>> {
            lanes
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, l)| l.clone())
                .collect()
        };
        let semi = 1;
        assert_eq!(ChemistryId::ALL[semi], ChemistryId::SemiSolid);
        let (a, b) = (stack(&lanes, 1000), stack(&without(semi), 1000));
        let pa = scene_parts(&a, None);
        let pb = scene_parts(&b, Some(&pa));
        // Every lane that stayed is taken over whole, however far it moved.
        for (band, _) in &pb.bands {
            let old = pa.bands.iter().find(|(o, _)| o.key == band.key).unwrap();
            assert!(Arc::ptr_eq(&old.0, band), "{} is taken over", band.key);
        }
        assert!(
            pa.bands
                .iter()
                .zip(&pb.bands)
                .any(|((_, x), (_, y))| x != y),
            "lanes below moved"
        );
        // The lane toggled off is kept aside, and comes back as it was.
        assert_eq!(pb.aside.len(), 1);
        let pc = scene_parts(&a, Some(&pb));
        for ((x, _), (y, _)) in pa.bands.iter().zip(&pc.bands) {
            assert!(Arc::ptr_eq(x, y), "{} comes back as it was", x.key);
        }
        assert!(pc.aside.is_empty());
        // In the document, the lane toggled off stays where it was, hidden
        // (its background and its marks), and the others do not move in it:
        // toggled on again, the document is the first one.
        let groups = |doc: &[Node]| -> Vec<(String, bool)> {
            doc.iter()
                .filter_map(Node::as_el)
                .filter_map(|e| Some((e.key.clone()?, e.get("display") == Some("none"))))
                .collect()
        };
        let backs = |p: &SceneParts| groups(&p.back.kids[0].as_el().unwrap().kids);
        let (da, db) = (
            scene_doc(&a, &pa, 2026, None, None),
            scene_doc(&b, &pb, 2026, None, None),
        );
        let semi_key = &pa.bands[semi].0.key;
        assert_eq!(groups(&da).len(), lanes.len());
        assert!(groups(&da).iter().all(|(_, hidden)| !hidden));
        let keys = |g: Vec<(String, bool)>| g.into_iter().map(|(k, _)| k).collect::<Vec<_>>();
        assert_eq!(keys(groups(&db)), keys(groups(&da)), "no group moves");
        for (key, hidden) in groups(&db) {
            assert_eq!(hidden, key == format!("marks {semi_key}"), "{key}");
        }
        assert_eq!(keys(backs(&pb)), keys(backs(&pa)));
        for (key, hidden) in backs(&pb) {
            assert_eq!(hidden, key == *semi_key, "background {key}");
        }
        assert_eq!(scene_doc(&a, &pc, 2026, None, None), da, "back as it was");
        // A lane no scene showed before goes in its place in the scene's
        // order, not last.
        let first = scene_parts(&b, None);
        let all = scene_parts(&a, Some(&first));
        assert_eq!(
            all.order,
            pa.bands
                .iter()
                .map(|(p, _)| p.key.clone())
                .collect::<Vec<_>>()
        );
        // The grid and the year names stay the same elements.
        assert!(Arc::ptr_eq(&pa.grid, &pb.grid) && Arc::ptr_eq(&pa.axis, &pb.axis));
        // A lane laid out again (expanded, say) keeps the drawings of its
        // marks that are drawn the same, and draws anew what changed.
        let narrow = |chem, expanded| Arc::new(lane_scene(&data, chem, 320, expanded));
        let chem = *ChemistryId::ALL
            .iter()
            .find(|&&c| !narrow(c, false).expanders.is_empty())
            .expect("a lane folds on a phone");
        let (folded, open) = (narrow(chem, false), narrow(chem, true));
        let pf = scene_parts(&stack(std::slice::from_ref(&folded), 320), None);
        let po = scene_parts(&stack(std::slice::from_ref(&open), 320), Some(&pf));
        let drawing = |p: &SceneParts, id: &str| {
            let band = &p.bands[0].0;
            let i = band.source.marks.iter().position(|m| &*m.id == id)?;
            Some(band.marks[i].0.clone())
        };
        let (mut kept, mut new) = (0, 0);
        for m in &open.marks {
            match (drawing(&pf, &m.id), drawing(&po, &m.id)) {
                (Some(x), Some(y)) if Arc::ptr_eq(&x, &y) => kept += 1,
                _ => new += 1,
            }
        }
        assert!(!Arc::ptr_eq(&pf.bands[0].0, &po.bands[0].0));
        assert!(kept > 0 && new > 0, "kept {kept}, drawn anew {new}");
    }

    #[test]
    fn a_stacked_timeline_is_its_lanes_one_under_the_other() {
        use crate::charts::timeline::{lane_scene, timeline_scene};
        use crate::model::{ChemistryId, Dataset};
        let data = Dataset::built_in();
        let chems = [
            ChemistryId::Oxide,
            ChemistryId::SemiSolid,
            ChemistryId::Liquid,
        ];
        let scene = timeline_scene(&data, &chems, 700, &[ChemistryId::Oxide]);
        assert_eq!(scene.bands.len(), 3);
        for (band, &chem) in scene.bands.iter().zip(&chems) {
            let lane = lane_scene(&data, chem, 700, chem == ChemistryId::Oxide);
            assert_eq!(*band.scene, lane);
            for m in &lane.marks {
                let placed = scene.mark(&m.id).unwrap();
                assert_eq!((placed.x, placed.y), (m.x, m.y + band.top));
            }
        }
        let tops: Vec<i32> = scene.bands.iter().map(|b| b.top).collect();
        assert!(tops.windows(2).all(|w| w[0] < w[1]));
        let last = scene.bands.last().unwrap();
        assert!(scene.height >= last.top + last.scene.height);
    }

    /// The timeline at `width` with every chemistry, and without semi-solid.
    fn with_and_without_semi_solid(width: i32) -> (Scene, Scene) {
        use crate::charts::timeline::timeline_scene;
        use crate::model::{ChemistryId, Dataset};
        let data = Dataset::built_in();
        let all = ChemistryId::ALL.to_vec();
        let fewer: Vec<ChemistryId> = all
            .iter()
            .copied()
            .filter(|c| *c != ChemistryId::SemiSolid)
            .collect();
        (
            timeline_scene(&data, &all, width, &[]),
            timeline_scene(&data, &fewer, width, &[]),
        )
    }

    /// The marks' keyed groups, lane by lane.
    fn mark_items(doc: &[Node]) -> Vec<&El> {
        doc.iter()
            .filter_map(Node::as_el)
            .filter(|e| e.key.as_deref().is_some_and(|k| k.starts_with("marks ")))
            .flat_map(|lane| lane.kids.iter().filter_map(Node::as_el))
            .filter(|item| item.key.is_some())
            .collect()
    }

    fn to_text(n: &Node) -> String {
        n.as_el().map(El::text_content).unwrap_or_default()
    }

    #[test]
    fn arrows_walk_the_marks_enter_selects_escape_closes() {
        use crate::charts::timeline::timeline_scene;
        use crate::model::{ChemistryId, Dataset};
        let data = Dataset::built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 1000, &[]);
        let marks = &scene.marks;
        let n = marks.len();
        assert_eq!(key_move(marks, 0, "ArrowRight"), Some(KeyMove::Focus(1)));
        assert_eq!(
            key_move(marks, n - 1, "ArrowRight"),
            Some(KeyMove::Focus(n - 1))
        );
        assert_eq!(key_move(marks, 0, "ArrowLeft"), Some(KeyMove::Focus(0)));
        assert_eq!(key_move(marks, 5, "Home"), Some(KeyMove::Focus(0)));
        assert_eq!(key_move(marks, 5, "End"), Some(KeyMove::Focus(n - 1)));
        assert_eq!(key_move(marks, 5, "Enter"), Some(KeyMove::Select));
        assert_eq!(key_move(marks, 5, " "), Some(KeyMove::Select));
        assert_eq!(key_move(marks, 5, "Escape"), Some(KeyMove::Close));
        assert_eq!(key_move(marks, 5, "a"), None);
        let Some(KeyMove::Focus(j)) = key_move(marks, 0, "ArrowDown") else {
            panic!("down moves")
        };
        assert!(marks[j].y > marks[0].y);
        let Some(KeyMove::Focus(k)) = key_move(marks, j, "ArrowUp") else {
            panic!("up moves")
        };
        assert!(marks[k].y < marks[j].y);
    }

    #[test]
    fn a_mark_looks_and_reads_as_of_the_year() {
        use crate::charts::timeline::timeline_scene;
        use crate::model::{ChemistryId, Dataset};
        let data = Dataset::built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 1000, &[]);
        let mg4 = scene.mark("mg4-anxin").unwrap();
        let before = mark_look(mg4, 2024, None, None);
        assert!(before.name.ends_with("later than the chosen year"));
        assert!(before.expected);
        assert!(!before.class.contains("is-expected"));
        assert_eq!(before.tabindex, "-1");
        let after = mark_look(mg4, 2026, Some("mg4-anxin"), Some("mg4-anxin"));
        assert_eq!(*after.name, *mg4.name);
        assert!(!after.expected);
        assert!(after.class.contains("is-selected"));
        assert_eq!((after.tabindex, after.pressed), ("0", "true"));
        let plan = scene.mark("toyota-target").unwrap();
        assert!(mark_look(plan, 2030, None, None)
            .name
            .ends_with("a plan or target"));
    }

    #[test]
    fn every_lane_is_one_keyed_group_behind_the_marks_and_in_front() {
        use crate::charts::timeline::timeline_scene;
        use crate::model::{ChemistryId, Dataset};
        let data = Dataset::built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 1000, &[]);
        let parts = scene_parts(&scene, None);
        let group = |i: usize| parts.back.kids[i].as_el().unwrap();
        let backgrounds = group(0);
        assert!(backgrounds.keeps, "lanes come back");
        assert_eq!(backgrounds.kids.len(), scene.rects.len());
        // In front: one keyed group per lane, its name and empty note first
        // (hidden from assistive technology), then its marks.
        let doc = scene_doc(&scene, &parts, 2026, None, None);
        let lanes: Vec<&El> = doc
            .iter()
            .filter_map(Node::as_el)
            .filter(|e| e.key.as_deref().is_some_and(|k| k.starts_with("marks ")))
            .collect();
        assert_eq!(lanes.len(), scene.rects.len(), "one group per lane");
        let names: Vec<String> = lanes
            .iter()
            .map(|l| l.kids[0].as_el().unwrap().text_content())
            .collect();
        assert!(names[0].starts_with(ChemistryId::ALL[0].name()));
        assert!(lanes
            .iter()
            .flat_map(|l| &l.kids)
            .filter_map(Node::as_el)
            .any(|t| t.text_content().contains("No dated milestone")
                && t.get("aria-hidden") == Some("true")));
        assert_eq!(
            lanes[0].kids[0].as_el().unwrap().get("aria-hidden"),
            Some("true")
        );
        // The year names stay outside the lanes.
        assert!(group(2).text_content().contains("2024"));
    }
}
