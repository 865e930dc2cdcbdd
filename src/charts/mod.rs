//! Scales, ticks and layouts for our SVG charts — pure functions with tests.
//!
//! [`scene`] is a chart as data; [`timeline`] lays out the timeline as a scene.
//!
//! Horizontal positions are percentages of the chart's width, so the SVG
//! stretches to any container without scaling its text; vertical positions are
//! pixels. Nothing here knows about Leptos or the DOM.

pub mod doc;
pub mod energy;
pub mod readiness;
pub mod scene;
pub mod timeline;

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

    /// A value's position in whole pixels between `left` and `right`.
    pub fn px(&self, v: f64, left: i32, right: i32) -> i32 {
        left + ((right - left) as f64 * self.percent(v) / 100.0).round() as i32
    }

    /// [`LinearScale::percent`] as an SVG length: `"42.5%"`.
    pub fn pct(&self, v: f64) -> String {
        pct(self.percent(v))
    }
}

/// Formats a percentage as an SVG length with at most two decimals (from
/// integer hundredths: no float formatting code in the wasm).
pub fn pct(p: f64) -> String {
    let h = (p * 100.0).round() as i64;
    let (sign, h) = if h < 0 { ("-", -h) } else { ("", h) };
    let (whole, frac) = (h / 100, h % 100);
    match frac {
        0 => format!("{sign}{whole}%"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}%", f / 10),
        f => format!("{sign}{whole}.{f:02}%"),
    }
}

/// A "nice" step (1, 2 or 5 × 10ⁿ) so that about `count` ticks cover `0..=max`.
pub fn nice_step(max: f64, count: usize) -> f64 {
    let raw = max / count.max(1) as f64;
    let mag = power_of_ten_at_or_below(raw);
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

/// The power of ten at or below `x` (for `x > 0`), found in steps of ten
/// rather than with `powf` and `log10`, whose code (1.9 KB) the wasm then
/// does not carry. Below 1 it is `1 / 10ⁿ`, so it is as exact as `10⁻ⁿ` can be.
fn power_of_ten_at_or_below(x: f64) -> f64 {
    let mut p = 1.0;
    if x >= 1.0 {
        while p * 10.0 <= x {
            p *= 10.0;
        }
        p
    } else {
        // Compared with 1 / 10ⁿ as written (10⁻ⁿ rounded once), so 0.001
        // is its own power; for a zero `x` it ends at 1 / ∞ = 0.
        while x < 1.0 / p {
            p *= 10.0;
        }
        1.0 / p
    }
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
        assert_eq!(pct(12.5), "12.5%");
        assert_eq!(pct(0.05), "0.05%");
        assert_eq!(pct(100.0), "100%");
        assert_eq!(pct(-2.5), "-2.5%");
    }

    #[test]
    fn ticks_start_at_zero_and_cover_the_maximum() {
        assert_eq!(
            zero_based_ticks(700.0, 4),
            vec![0.0, 200.0, 400.0, 600.0, 800.0]
        );
        assert_eq!(zero_based_ticks(9.0, 3), vec![0.0, 5.0, 10.0]);
        // Powers of ten at and around their edges, small and large.
        for (x, p) in [
            (1.0, 1.0),
            (9.99, 1.0),
            (10.0, 10.0),
            (0.5, 0.1),
            (0.1, 0.1),
            (0.099, 0.01),
            (123_456.0, 100_000.0),
            (1e22, 1e22),
        ] {
            assert_eq!(power_of_ten_at_or_below(x), p, "{x}");
        }
        assert_eq!(nice_step(0.003, 1), 0.005);
        assert_eq!(power_of_ten_at_or_below(0.0), 0.0);
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
