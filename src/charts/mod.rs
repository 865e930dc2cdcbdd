//! Scales, ticks and layouts for our SVG charts — pure functions with tests.
//!
//! Horizontal positions are percentages of the chart's width, so the SVG
//! stretches to any container without scaling its text; vertical positions are
//! pixels. Nothing here knows about Leptos or the DOM.

/// A linear map from a data domain to percentages (0–100) of the chart width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    /// Data value at the left edge.
    pub min: f64,
    /// Data value at the right edge.
    pub max: f64,
}

impl LinearScale {
    /// A scale from `min` to `max` (which must differ).
    pub fn new(min: f64, max: f64) -> Self {
        debug_assert!(max > min);
        LinearScale { min, max }
    }

    /// A value's position in percent, clamped to 0–100.
    pub fn percent(&self, v: f64) -> f64 {
        ((v - self.min) / (self.max - self.min) * 100.0).clamp(0.0, 100.0)
    }

    /// [`LinearScale::percent`] as an SVG length: `"42.5%"`.
    pub fn pct(&self, v: f64) -> String {
        pct(self.percent(v))
    }
}

/// Formats a percentage as an SVG length with at most two decimals.
pub fn pct(p: f64) -> String {
    let r = (p * 100.0).round() / 100.0;
    format!("{r}%")
}

/// A "nice" step (1, 2 or 5 × 10ⁿ) so that about `count` ticks cover `0..=max`.
pub fn nice_step(max: f64, count: usize) -> f64 {
    let raw = max / count.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Ticks from zero to a nice maximum that covers `max`. Bars start at zero.
pub fn zero_based_ticks(max: f64, count: usize) -> Vec<f64> {
    if max <= 0.0 || !max.is_finite() {
        return vec![0.0];
    }
    let step = nice_step(max, count);
    let n = (max / step).ceil() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// Assigns items covering `[start, end]` (any unit; a point has `start == end`)
/// to rows so that two items in one row are at least `min_gap` apart; returns
/// each item's row and the row count. Items should come in ascending `start`.
pub fn stack_intervals(items: &[(f64, f64)], min_gap: f64) -> (Vec<usize>, usize) {
    let mut row_end: Vec<f64> = Vec::new();
    let rows = items
        .iter()
        .map(|&(start, end)| {
            if let Some(r) = row_end.iter().position(|&last| start - last >= min_gap) {
                row_end[r] = end;
                r
            } else {
                row_end.push(end);
                row_end.len() - 1
            }
        })
        .collect();
    (rows, row_end.len().max(1))
}

/// Where a bar's value label goes: after the bar, or inside its end when the bar
/// is so long that the label would run off the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelSide {
    /// Right of the bar's end.
    Outside,
    /// Inside the bar, right-aligned.
    Inside,
}

/// The width of a 12 px label, in percent of a chart `chart_px` wide (an
/// estimate on the generous side: 6.8 px a character).
pub fn reference_label_width_pct(text: &str, chart_px: f64) -> f64 {
    text.chars().count() as f64 * 6.8 / chart_px * 100.0
}

/// Chooses [`LabelSide`] for a bar ending at `percent` of the width: a value
/// label (about 130 px) fits after the bar on a 320 px phone up to 55%.
pub fn value_label_side(percent: f64) -> LabelSide {
    if percent > 55.0 {
        LabelSide::Inside
    } else {
        LabelSide::Outside
    }
}

/// The years the timeline spans: one before the slider's first year (for
/// context) to one after its last.
pub const TIMELINE_YEARS: (i32, i32) = (2023, 2031);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_maps_and_clamps() {
        let s = LinearScale::new(0.0, 800.0);
        assert_eq!(s.percent(400.0), 50.0);
        assert_eq!(s.percent(-5.0), 0.0);
        assert_eq!(s.percent(900.0), 100.0);
        assert_eq!(s.pct(200.0), "25%");
        assert_eq!(pct(33.3333), "33.33%");
    }

    #[test]
    fn ticks_start_at_zero_and_cover_the_maximum() {
        assert_eq!(
            zero_based_ticks(700.0, 4),
            vec![0.0, 200.0, 400.0, 600.0, 800.0]
        );
        assert_eq!(zero_based_ticks(9.0, 3), vec![0.0, 5.0, 10.0]);
        assert_eq!(zero_based_ticks(0.0, 4), vec![0.0]);
        let t = zero_based_ticks(1205.0, 5);
        assert_eq!(t[0], 0.0);
        assert!(*t.last().unwrap() >= 1205.0);
    }

    #[test]
    fn close_items_are_stacked_apart() {
        let (rows, n) = stack_intervals(
            &[
                (2024.0, 2024.0),
                (2024.2, 2024.2),
                (2024.3, 2024.3),
                (2025.0, 2025.0),
            ],
            0.5,
        );
        assert_eq!(rows, vec![0, 1, 2, 0]);
        assert_eq!(n, 3);
        let (rows, n) = stack_intervals(&[], 0.5);
        assert!(rows.is_empty());
        assert_eq!(n, 1);
    }

    #[test]
    fn long_bars_take_their_label_inside() {
        assert_eq!(value_label_side(95.0), LabelSide::Inside);
        assert_eq!(value_label_side(60.0), LabelSide::Inside);
        assert_eq!(value_label_side(30.0), LabelSide::Outside);
        // "500 Wh/kg · level?" after a 55% bar still ends inside a 320 px chart.
        let end = 55.0 + reference_label_width_pct("500 Wh/kg · level?", 320.0) + 4.0 / 3.2;
        assert!(end <= 100.0, "{end}");
    }
}

/// Where one milestone sits on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineMark {
    /// Index into the milestone list given to [`timeline_lanes`].
    pub index: usize,
    /// Marker position in percent of the width.
    pub x: f64,
    /// For dates that cover more than a few months: the covered span, in percent.
    pub span: Option<(f64, f64)>,
    /// Row within the lane (marks that would touch are stacked).
    pub row: usize,
}

/// One chemistry's lane.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineLane {
    /// Which chemistry.
    pub chemistry: crate::model::ChemistryId,
    /// Its marks.
    pub marks: Vec<TimelineMark>,
    /// How many rows the marks need.
    pub rows: usize,
}

/// A milestone's index, marker position and covered interval, in years.
type PlacedMark = (usize, f64, Option<(f64, f64)>);

/// Lays out milestones (in date order) in lanes for the given chemistries, in
/// the order given. Marks closer than `min_gap_years` stack into rows.
pub fn timeline_lanes(
    milestones: &[&crate::model::Milestone],
    chemistries: &[crate::model::ChemistryId],
    min_gap_years: f64,
) -> Vec<TimelineLane> {
    let scale = LinearScale::new(TIMELINE_YEARS.0 as f64, TIMELINE_YEARS.1 as f64);
    chemistries
        .iter()
        .map(|&chemistry| {
            // (index, marker position, covered interval in years)
            let mut items: Vec<PlacedMark> = milestones
                .iter()
                .enumerate()
                .filter(|(_, m)| m.chemistry == chemistry)
                .filter_map(|(i, m)| {
                    let s = m.date.span()?;
                    let long = s.end - s.start > 0.34;
                    let at = if long {
                        s.start
                    } else {
                        (s.start + s.end) / 2.0
                    };
                    Some((i, at, long.then_some((s.start, s.end))))
                })
                .collect();
            items.sort_by(|a, b| a.1.total_cmp(&b.1));
            let intervals: Vec<(f64, f64)> = items
                .iter()
                .map(|&(_, at, span)| span.unwrap_or((at, at)))
                .collect();
            let (rows, count) = stack_intervals(&intervals, min_gap_years);
            let marks = items
                .iter()
                .zip(rows)
                .map(|(&(index, at, span), row)| TimelineMark {
                    index,
                    x: scale.percent(at),
                    span: span.map(|(a, b)| (scale.percent(a), scale.percent(b))),
                    row,
                })
                .collect();
            TimelineLane {
                chemistry,
                marks,
                rows: count,
            }
        })
        .collect()
}

#[cfg(test)]
mod timeline_tests {
    use super::*;
    use crate::model::{query, ChemistryId, Dataset};

    #[test]
    fn lanes_follow_chemistries_and_marks_never_touch() {
        let data = Dataset::built_in();
        let ms = query::milestones(&data, &ChemistryId::ALL);
        let lanes = timeline_lanes(&ms, &[ChemistryId::SemiSolid, ChemistryId::Oxide], 0.45);
        assert_eq!(lanes.len(), 2);
        assert_eq!(lanes[0].chemistry, ChemistryId::SemiSolid);
        let gap = 0.45 / 8.0 * 100.0 - 1e-9; // 0.45 years of an 8-year axis, in percent
        for lane in &lanes {
            for a in &lane.marks {
                for b in &lane.marks {
                    if a.index != b.index && a.row == b.row {
                        let (a0, a1) = a.span.unwrap_or((a.x, a.x));
                        let (b0, b1) = b.span.unwrap_or((b.x, b.x));
                        assert!(b0 - a1 >= gap || a0 - b1 >= gap, "{a:?} touches {b:?}");
                    }
                }
            }
        }
        // A month-precise milestone is a point; a range has a span.
        let mg4 = ms.iter().position(|m| m.id == "mg4-anxin").unwrap();
        let mark = lanes[0].marks.iter().find(|m| m.index == mg4).unwrap();
        assert!(mark.span.is_none());
        assert!(mark.x > scale_of(2025.9) && mark.x < scale_of(2026.0));
    }

    fn scale_of(y: f64) -> f64 {
        LinearScale::new(TIMELINE_YEARS.0 as f64, TIMELINE_YEARS.1 as f64).percent(y)
    }
}
