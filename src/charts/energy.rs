//! The energy-density chart as a scene: a bar per figure known by the year,
//! highest first, on the dataset's fixed zero-based scale, with the reference
//! levels behind the bars. The download draws this scene.

use super::scene::{text, text_width, wrap_words, Anchor, Rect, Rule, Scene};
use super::{stack_intervals, value_label_side, zero_based_ticks, LabelSide, LinearScale};
use crate::model::query::{energy_bars, energy_domain_max};
use crate::model::{format_number, ChemistryId, Dataset};

/// The height of one bar row: a name line above a 14 px bar.
const ROW: i32 = 40;

/// Lays out the energy chart `width` pixels wide for `year` and `chems`.
pub fn energy_scene(data: &Dataset, year: i32, chems: &[ChemistryId], width: i32) -> Scene {
    let (left, right) = (4, width - 4);
    let ticks = zero_based_ticks(energy_domain_max(data), 4);
    let scale = LinearScale::new(0.0, *ticks.last().unwrap_or(&800.0));
    let x_of = |v: f64| scale.px(v, left, right);
    let mut scene = Scene {
        width,
        ..Scene::default()
    };
    // Reference labels over the plot, stacked so none touches another.
    let refs: Vec<(i32, bool, String)> = data
        .references
        .iter()
        .map(|r| {
            let x = x_of(r.figure.value);
            (x, x > width * 3 / 5, r.figure.value_label())
        })
        .collect();
    let spans: Vec<(f64, f64)> = refs
        .iter()
        .map(|(x, end, t)| {
            let w = text_width(t);
            if *end {
                ((x - w) as f64, *x as f64)
            } else {
                (*x as f64, (x + w) as f64)
            }
        })
        .collect();
    let order =
        crate::model::order::sorted_order(spans.len(), &|a, b| spans[a].0.total_cmp(&spans[b].0));
    let sorted: Vec<(f64, f64)> = order.iter().map(|i| spans[*i]).collect();
    let (rows_sorted, nrows) = stack_intervals(&sorted, 6.0);
    let mut rows = vec![0; spans.len()];
    for (k, i) in order.iter().enumerate() {
        rows[*i] = rows_sorted[k];
    }
    for ((x, end, t), row) in refs.iter().zip(rows) {
        let (x, anchor) = if *end {
            (x - 3, Anchor::End)
        } else {
            (x + 3, Anchor::Start)
        };
        scene.texts.push(text(
            x,
            12 + row as i32 * 15,
            t.clone(),
            anchor,
            "ssb-ref-label",
        ));
    }
    let top = 6 + nrows as i32 * 15;
    let bars = energy_bars(data, year, chems);
    let meta_of = |b: &crate::model::query::EnergyBar| {
        let m = b.milestone;
        let disputed = if b.disputed {
            " \u{b7} sources disagree"
        } else {
            ""
        };
        let meta = format!(
            "{} \u{b7} {} \u{b7} {}{disputed}",
            m.company,
            m.chemistry.name(),
            b.claim.label()
        );
        // The name is 13 px bold: about 13/12 of the 12 px estimate.
        let names = wrap_words(&m.product, right - left, 108);
        let name_w = text_width(&m.product) * 13 / 12 + 8;
        let beside = names.len() == 1 && left + name_w + text_width(&meta) < right;
        let metas = if beside {
            vec![meta]
        } else {
            wrap_words(&meta, right - left, 100)
        };
        (names, metas, name_w, beside)
    };
    // Where the name and its details do not fit on one line, the details (and
    // a long name) take as many lines as they need.
    let layouts: Vec<_> = bars.iter().map(meta_of).collect();
    let heights: Vec<i32> = layouts
        .iter()
        .map(|(names, metas, _, beside)| {
            if *beside {
                ROW
            } else {
                ROW + 16 * (names.len() + metas.len() - 1) as i32
            }
        })
        .collect();
    let plot_bottom = top + heights.iter().sum::<i32>().max(ROW);
    for r in &data.references {
        match r.figure.value_max {
            Some(max) => scene.rects.push(Rect {
                x: x_of(r.figure.value),
                y: top,
                w: x_of(max) - x_of(r.figure.value),
                h: plot_bottom - top,
                class: "ssb-ref--band".into(),
            }),
            None => scene.rules.push(Rule {
                x: x_of(r.figure.value),
                y1: top,
                y2: plot_bottom,
                class: "ssb-ref",
            }),
        }
    }
    if bars.is_empty() {
        scene.texts.push(text(
            left,
            top + 24,
            "No energy-density figure for these chemistries by this year.".into(),
            Anchor::Start,
            "ssb-tl__lane-empty",
        ));
    }
    let mut y = top;
    for ((b, h), (names, metas, name_w, beside)) in bars.iter().zip(&heights).zip(layouts) {
        let m = b.milestone;
        let chem = m.chemistry.slug();
        let mut line_y = y + 13;
        for name in names {
            scene
                .texts
                .push(text(left, line_y, name, Anchor::Start, "ssb-bar__name"));
            line_y += 16;
        }
        if beside {
            line_y = y + 13;
        }
        for meta in metas {
            let x = if beside { left + name_w } else { left };
            scene
                .texts
                .push(text(x, line_y, meta, Anchor::Start, "ssb-bar__meta"));
            line_y += 16;
        }
        let row_y = y;
        y += h;
        let y = row_y + h - ROW;
        let end = x_of(b.figure.upper());
        if b.figure.value_max.is_some() {
            let start = x_of(b.figure.value);
            scene.rects.push(Rect {
                x: start,
                y: y + 18,
                w: end - start,
                h: 14,
                class: format!("ssb-bar__range ssb-c--{chem}"),
            });
        }
        let claim = if b.claim.is_shown() {
            "is-shown"
        } else {
            "is-claim"
        };
        scene.rects.push(Rect {
            x: left,
            y: y + 18,
            w: end - left,
            h: 14,
            class: format!("ssb-bar__rect ssb-c--{chem} {claim}"),
        });
        let value = format!("{} \u{b7} {}", b.figure.value_label(), b.level_note());
        let pct = scale.percent(b.figure.upper());
        let t = match value_label_side(pct) {
            LabelSide::Inside if claim == "is-shown" => text(
                end - 4,
                y + 29,
                value,
                Anchor::End,
                "ssb-bar__value is-inside",
            ),
            LabelSide::Inside => text(end - 4, y + 29, value, Anchor::End, "ssb-bar__value"),
            LabelSide::Outside => text(end + 4, y + 29, value, Anchor::Start, "ssb-bar__value"),
        };
        scene.texts.push(t);
    }
    // The axis, with the unit on the last tick.
    let axis_y = plot_bottom + 16;
    for (i, t) in ticks.iter().enumerate() {
        let last = i + 1 == ticks.len();
        let label = if last {
            format!("{} Wh/kg", format_number(*t))
        } else {
            format_number(*t)
        };
        let anchor = if i == 0 {
            Anchor::Start
        } else if last {
            Anchor::End
        } else {
            Anchor::Middle
        };
        if width < 560 && !last && i % 2 == 1 {
            continue;
        }
        scene
            .texts
            .push(text(x_of(*t), axis_y, label, anchor, "ssb-tick"));
    }
    let mut y = axis_y + 22;
    for r in &data.references {
        let key = format!("{}: {}", r.figure.value_label(), r.label);
        scene
            .texts
            .push(text(left, y, key, Anchor::Start, "ssb-ref-label"));
        y += 16;
    }
    let note = "Bars start at zero. Cell, module and pack figures are not directly comparable.";
    for line in wrap_words(note, right - left, 100) {
        scene
            .texts
            .push(text(left, y + 4, line, Anchor::Start, "ssb-note"));
        y += 16;
    }
    scene.height = y + 10;
    scene
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_per_figure_known_by_the_year_inside_the_width() {
        let data = Dataset::built_in();
        for width in [320, 640, 1000] {
            let s = energy_scene(&data, 2026, &ChemistryId::ALL, width);
            let bars = energy_bars(&data, 2026, &ChemistryId::ALL);
            let drawn = s
                .rects
                .iter()
                .filter(|r| r.class.starts_with("ssb-bar__rect"))
                .count();
            assert_eq!(drawn, bars.len(), "{width}");
            for r in &s.rects {
                assert!(r.x >= 0 && r.x + r.w <= width, "{width}: {r:?}");
            }
            for t in &s.texts {
                assert!(t.y <= s.height, "{t:?}");
                if t.anchor == Anchor::Start && t.class != "ssb-bar__value" {
                    assert!(t.extent().1 <= width, "{width}: {t:?}");
                }
            }
            // Every bar keeps its company and claim, beside its name or below it.
            let lines = |class: &str| {
                s.texts
                    .iter()
                    .filter(|t| t.class == class)
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let products: Vec<&str> = bars.iter().map(|b| b.milestone.product.as_str()).collect();
            assert_eq!(lines("ssb-bar__name"), products.join(" "), "{width}");
            let details = lines("ssb-bar__meta");
            for b in &bars {
                assert!(
                    details.contains(&b.milestone.company),
                    "{width}: {}",
                    b.milestone.company
                );
            }
        }
        let none = energy_scene(&data, 2026, &[], 640);
        assert!(none
            .texts
            .iter()
            .any(|t| t.text.starts_with("No energy-density figure")));
    }
}
