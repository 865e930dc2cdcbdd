//! A chart as data: marks, text, rectangles and rules in pixels, which one
//! generic SVG renderer draws (`views::scene`). Layout functions build a
//! [`Scene`] from the dataset and the reader's state; tests read it natively.
//!
//! Coordinates are whole pixels (`i32`): nothing in the browser formats a float.

use crate::model::Status;

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
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// The item's id in the dataset (`data-item`).
    pub id: String,
    /// Centre, pixels from the left.
    pub x: i32,
    /// Centre, pixels from the top.
    pub y: i32,
    /// Which shape: the status carries it, so colour is never the only cue.
    pub status: Status,
    /// CSS classes that do not change with the year (chemistry, status).
    pub class: String,
    /// The accessible name: company, product, status, date, "sources disagree".
    pub name: String,
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
}

impl Scene {
    /// The mark with this id.
    pub fn mark(&self, id: &str) -> Option<&Mark> {
        self.marks.iter().find(|m| m.id == id)
    }

    /// Every visible text: axis and lane texts, direct labels and expanders.
    pub fn all_texts(&self) -> impl Iterator<Item = &Text> {
        self.texts
            .iter()
            .chain(self.marks.iter().filter_map(|m| m.label.as_ref()))
            .chain(self.expanders.iter().map(|e| &e.text))
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
}
