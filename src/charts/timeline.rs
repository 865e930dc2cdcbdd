//! The timeline's layout: a lane per chemistry, a mark per milestone at its
//! date, and a direct label (the company) beside every mark that has room.
//!
//! Placement is greedy and deterministic. Milestones that happened (shipped,
//! pilot lines, samples, demonstrations) are placed first, then plans; each
//! takes the first row of its lane where its mark, span and label fit without
//! touching another. A label that would leave the chart goes to the left of
//! its mark. A lane has at most [`max_rows`] rows until the reader expands it;
//! what still does not fit is drawn without a label, or counted in the lane's
//! "+N more" button.

use super::scene::{text_width, Anchor, Band, Expander, Mark, Rect, Rule, Scene, Text, YearRule};
use crate::model::order::sorted_order;
use crate::model::{query, ChemistryId, Dataset, Milestone};
use crate::state::{FIRST_YEAR, LAST_YEAR};
use std::sync::Arc;

/// The years the axis spans: one before the slider's first year (for context)
/// to one after its last.
pub const YEARS: (i32, i32) = (2023, 2031);

const PAD: i32 = 6;
const AXIS_H: i32 = 40;
const LANE_HEAD_H: i32 = 22;
const ROW_H: i32 = 24;
const LANE_GAP: i32 = 8;
/// Half a mark's width, its "!" flag included.
const MARK_R: i32 = 8;
/// Space between a mark and its label, and between neighbours in a row.
const GAP: i32 = 8;
/// A date range longer than this (in years) is drawn as a span from its start.
const LONG_SPAN_YEARS: f64 = 0.34;

/// How many rows a lane gets before its marks lose labels or go to "+N more":
/// enough at desktop widths for every label of the built-in data; on a phone,
/// few enough that the timeline stays about a screen tall.
pub fn max_rows(width: i32) -> usize {
    if width < 560 {
        7
    } else {
        14
    }
}

/// Pixels from the left for a fractional year, on a chart `width` wide.
pub fn x_of(year: f64, width: i32) -> i32 {
    let inner = (width - 2 * PAD).max(1) as f64;
    let t = (year - YEARS.0 as f64) / (YEARS.1 - YEARS.0) as f64;
    PAD + (t.clamp(0.0, 1.0) * inner).round() as i32
}

/// One milestone before placement.
struct Item<'a> {
    m: &'a Milestone,
    x: i32,
    span: Option<(i32, i32)>,
    start: f64,
}

/// A row's occupied intervals, in pixels.
#[derive(Default)]
struct Row(Vec<(i32, i32)>);

impl Row {
    fn fits(&self, (a, b): (i32, i32)) -> bool {
        self.0.iter().all(|&(c, d)| b + GAP <= c || d + GAP <= a)
    }
}

/// Where an item went: its row and whether its label is right or left of it.
enum Placed {
    Labelled(usize, Anchor),
    Bare(usize),
    Hidden,
}

/// The timeline scene for the chosen chemistries at `width` pixels. Lanes in
/// `expanded` are not limited to [`max_rows`].
pub fn timeline_scene(
    data: &Dataset,
    chemistries: &[ChemistryId],
    width: i32,
    expanded: &[ChemistryId],
) -> Scene {
    let lanes: Vec<Arc<Scene>> = chemistries
        .iter()
        .map(|&chem| Arc::new(lane_scene(data, chem, width, expanded.contains(&chem))))
        .collect();
    stack(&lanes, width)
}

/// One chemistry's lane at `width` pixels, laid out with its top at 0 (its
/// height is the scene's): the background, the lane's name (and a note when
/// it is empty), the marks and the "+N more" button. A lane depends on
/// nothing but its own milestones, so a chemistry toggled on or off leaves
/// the other lanes as they are; `expanded` lifts the [`max_rows`] limit.
#[inline(never)]
pub fn lane_scene(data: &Dataset, chem: ChemistryId, width: i32, expanded: bool) -> Scene {
    let width = width.max(240);
    let mut scene = Scene {
        width,
        ..Scene::default()
    };
    let cap = if expanded {
        usize::MAX
    } else {
        max_rows(width)
    };
    let milestones = query::milestones(data, &[chem]);
    let items = lane_items(&milestones, chem, width);
    let (placed, rows) = place(&items, width, cap);
    let height = LANE_HEAD_H + rows.max(1) as i32 * ROW_H;
    scene.height = height;
    scene.rects.push(Rect {
        x: 0,
        y: 0,
        w: width,
        h: height,
        class: format!("ssb-tl__lane-bg ssb-c--{}", chem.slug()),
    });
    scene.texts.push(Text {
        x: PAD - 2,
        y: 15,
        text: chem.name().to_string(),
        anchor: Anchor::Start,
        class: "ssb-tl__lane-label",
        width: text_width(chem.name()) + 10,
    });
    if items.is_empty() {
        let text = "No dated milestone in the sources.";
        scene.texts.push(Text {
            x: PAD - 2,
            y: LANE_HEAD_H + 16,
            text: text.to_string(),
            anchor: Anchor::Start,
            class: "ssb-tl__lane-empty",
            width: text_width(text),
        });
    }
    let hidden = placed
        .iter()
        .filter(|p| matches!(p, Placed::Hidden))
        .count();
    if hidden > 0 {
        let text = format!("+{hidden} more");
        scene.expanders.push(Expander {
            key: chem.slug(),
            name: format!(
                "Show {hidden} more {} milestone{}",
                chem.name(),
                if hidden == 1 { "" } else { "s" }
            ),
            text: Text {
                x: width - PAD,
                y: 15,
                width: text_width(&text),
                text,
                anchor: Anchor::End,
                class: "ssb-tl__more",
            },
        });
    }
    for (item, placed) in items.iter().zip(&placed) {
        let (row, label) = match placed {
            Placed::Labelled(row, anchor) => (*row, Some(*anchor)),
            Placed::Bare(row) => (*row, None),
            Placed::Hidden => continue,
        };
        let cy = LANE_HEAD_H + row as i32 * ROW_H + ROW_H / 2;
        scene.marks.push(mark(data, item, cy, label));
    }
    scene
}

/// The timeline of `lanes` (each from [`lane_scene`] at the same `width`),
/// one under the other below the axis: the grid, the year names and the
/// "now" line, with every lane's content moved to where its lane sits. The
/// scene keeps the lanes as its bands, for the renderer to reuse what each
/// lane drew before.
#[inline(never)]
pub fn stack(lanes: &[Arc<Scene>], width: i32) -> Scene {
    let width = width.max(240);
    let mut scene = Scene {
        width,
        ..Scene::default()
    };
    let mut y = AXIS_H;
    for lane in lanes {
        for r in &lane.rects {
            let mut r = r.clone();
            r.y += y;
            scene.rects.push(r);
        }
        for t in &lane.texts {
            let mut t = t.clone();
            t.y += y;
            scene.texts.push(t);
        }
        for e in &lane.expanders {
            let mut e = e.clone();
            e.text.y += y;
            scene.expanders.push(e);
        }
        for m in &lane.marks {
            let mut m = m.clone();
            m.y += y;
            if let Some(label) = &mut m.label {
                label.y += y;
            }
            scene.marks.push(m);
        }
        scene.bands.push(Band {
            top: y,
            scene: lane.clone(),
        });
        y += lane.height + LANE_GAP;
    }
    scene.height = y - LANE_GAP + 2;
    scene.rules = (YEARS.0..=YEARS.1)
        .map(|yr| Rule {
            x: x_of(yr as f64, width),
            y1: 18,
            y2: scene.height,
            class: if yr % 2 == 1 {
                "ssb-tick ssb-tick--minor"
            } else {
                "ssb-tick"
            },
        })
        .collect();
    // Year names sit between their grid lines; on a phone every other one.
    let every = if width < 560 { 2 } else { 1 };
    let axis = (YEARS.0..YEARS.1)
        .filter(|yr| (yr - YEARS.0) % every == 0)
        .map(|yr| Text {
            x: (x_of(yr as f64, width) + x_of(yr as f64 + 1.0, width)) / 2,
            y: 13,
            text: yr.to_string(),
            anchor: Anchor::Middle,
            class: "ssb-tl__year",
            width: 32,
        });
    scene.texts.splice(0..0, axis);
    scene.year_rule = Some(YearRule {
        positions: (FIRST_YEAR..=LAST_YEAR)
            .map(|yr| (yr, x_of((yr + 1) as f64, width)))
            .collect(),
        y1: 18,
        y2: scene.height,
        label_y: 32,
    });
    scene
}

/// The milestones of one lane with their positions, in time order.
fn lane_items<'a>(milestones: &[&'a Milestone], chem: ChemistryId, width: i32) -> Vec<Item<'a>> {
    milestones
        .iter()
        .filter(|m| m.chemistry == chem)
        .filter_map(|m| {
            let s = m.date.span()?;
            let long = s.end - s.start > LONG_SPAN_YEARS;
            let at = if long {
                s.start
            } else {
                (s.start + s.end) / 2.0
            };
            Some(Item {
                m,
                x: x_of(at, width),
                span: long.then(|| (x_of(s.start, width), x_of(s.end, width))),
                start: s.start,
            })
        })
        .collect()
}

/// Places a lane's items in rows (at most `cap`); returns where each went and
/// the number of rows used.
fn place(items: &[Item], width: i32, cap: usize) -> (Vec<Placed>, usize) {
    let order = sorted_order(items.len(), &|a, b| {
        let (ma, mb) = (items[a].m, items[b].m);
        (!ma.status.is_realized())
            .cmp(&!mb.status.is_realized())
            .then(items[a].start.total_cmp(&items[b].start))
            .then(ma.id.cmp(&mb.id))
    });
    let mut rows: Vec<Row> = Vec::new();
    let mut placed: Vec<Placed> = (0..items.len()).map(|_| Placed::Hidden).collect();
    for i in order {
        let item = &items[i];
        let bare = bare_extent(item);
        let w = text_width(&item.m.company);
        let right = (bare.0, bare.1.max(item.x + MARK_R + GAP + w));
        let left = (item.x - MARK_R - GAP - w, bare.1);
        let mut tries: Vec<((i32, i32), Option<Anchor>)> = Vec::new();
        if right.1 <= width - PAD {
            tries.push((right, Some(Anchor::Start)));
        }
        if left.0 >= 0 {
            tries.push((left, Some(Anchor::End)));
        }
        tries.push((bare, None));
        // What happened always gets its name, in a row of its own if need be;
        // plans share the lane's rows up to `cap`.
        let limit = if item.m.status.is_realized() {
            usize::MAX
        } else {
            cap
        };
        let spot = tries.iter().find_map(|&(extent, anchor)| {
            let limit = if anchor.is_some() {
                limit
            } else {
                cap.max(rows.len())
            };
            (0..limit.min(rows.len() + 1))
                .find(|&r| rows.get(r).is_none_or(|row| row.fits(extent)))
                .map(|r| (r, extent, anchor))
        });
        if let Some((r, extent, anchor)) = spot {
            if r == rows.len() {
                rows.push(Row::default());
            }
            rows[r].0.push(extent);
            placed[i] = match anchor {
                Some(a) => Placed::Labelled(r, a),
                None => Placed::Bare(r),
            };
        }
    }
    let used = rows.iter().filter(|r| !r.0.is_empty()).count();
    (placed, used)
}

/// The pixels a mark and its span take without a label.
fn bare_extent(item: &Item) -> (i32, i32) {
    let (a, b) = item.span.unwrap_or((item.x, item.x));
    (a.min(item.x) - MARK_R, b.max(item.x) + MARK_R)
}

/// The scene mark for a placed milestone.
fn mark(data: &Dataset, item: &Item, cy: i32, label: Option<Anchor>) -> Mark {
    let m = item.m;
    let disputed = data.conflicts_about(&m.id).next().is_some();
    let label = label.map(|anchor| {
        let x = match anchor {
            Anchor::End => item.x - MARK_R - GAP,
            _ => item.x + MARK_R + GAP,
        };
        Text {
            x,
            y: cy + 4,
            text: m.company.clone(),
            anchor,
            class: "ssb-tl__label",
            width: text_width(&m.company),
        }
    });
    Mark {
        id: m.id.as_str().into(),
        x: item.x,
        y: cy,
        status: m.status,
        class: format!(
            "ssb-tl__mark ssb-c--{} ssb-mark--{}",
            m.chemistry.slug(),
            m.status.slug()
        )
        .into(),
        name: format!(
            "{}, {}: {} ({}){}",
            m.company,
            m.product,
            m.status.label(),
            m.date.label(),
            if disputed { ", sources disagree" } else { "" }
        )
        .into(),
        happened_from: m
            .status
            .is_realized()
            .then(|| m.date.first_year())
            .flatten(),
        disputed,
        label,
        span: item.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::query::Standing;

    fn built_in() -> Dataset {
        Dataset::built_in()
    }

    fn overlaps(a: (i32, i32, i32, i32), b: (i32, i32, i32, i32)) -> bool {
        a.0 < b.1 && b.0 < a.1 && a.2 < b.3 && b.2 < a.3
    }

    /// Every text's box as (left, right, top, bottom), 12 px type.
    fn boxes(scene: &Scene) -> Vec<(i32, i32, i32, i32, String)> {
        scene
            .all_texts()
            .map(|t| {
                let (l, r) = t.extent();
                (l, r, t.y - 11, t.y + 3, t.text.clone())
            })
            .collect()
    }

    #[test]
    fn no_label_overlaps_another_or_leaves_the_chart_at_any_width() {
        let data = built_in();
        for width in (320..=1200).step_by(20) {
            let scene = timeline_scene(&data, &ChemistryId::ALL, width, &[]);
            let b = boxes(&scene);
            for (i, a) in b.iter().enumerate() {
                assert!(
                    a.0 >= 0 && a.1 <= width,
                    "{width}px: {a:?} leaves the chart"
                );
                for c in &b[i + 1..] {
                    assert!(
                        !overlaps((a.0, a.1, a.2, a.3), (c.0, c.1, c.2, c.3)),
                        "{width}px: {a:?} overlaps {c:?}"
                    );
                }
            }
            // No label sits on another mark either.
            for m in &scene.marks {
                for t in scene.marks.iter().filter_map(|o| o.label.as_ref()) {
                    let (l, r) = t.extent();
                    assert!(
                        !overlaps(
                            (l, r, t.y - 11, t.y + 3),
                            (m.x - 7, m.x + 7, m.y - 7, m.y + 7)
                        ),
                        "{width}px: {} covers {}",
                        t.text,
                        m.id
                    );
                }
            }
        }
    }

    #[test]
    fn at_desktop_width_the_chart_names_every_company() {
        let data = built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 1076, &[]);
        assert_eq!(scene.marks.len(), data.milestones.len());
        assert!(scene.expanders.is_empty());
        let named: Vec<&str> = scene
            .marks
            .iter()
            .filter_map(|m| m.label.as_ref().map(|l| l.text.as_str()))
            .collect();
        for m in &data.milestones {
            assert!(
                named.contains(&m.company.as_str()),
                "{} is not named",
                m.company
            );
        }
    }

    #[test]
    fn on_a_phone_every_milestone_that_happened_is_named() {
        let data = built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 336, &[]);
        for m in data.milestones.iter().filter(|m| m.status.is_realized()) {
            let mark = scene
                .mark(&m.id)
                .unwrap_or_else(|| panic!("{} is missing", m.id));
            assert!(mark.label.is_some(), "{} has no label", m.id);
        }
        // Hidden marks are counted in the lane's "+N more", and expanding shows them.
        let shown = scene.marks.len();
        let more: usize = scene
            .expanders
            .iter()
            .map(|e| {
                e.text
                    .text
                    .trim_start_matches('+')
                    .split(' ')
                    .next()
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()
            })
            .sum();
        assert_eq!(shown + more, data.milestones.len());
        let all = timeline_scene(&data, &ChemistryId::ALL, 336, &ChemistryId::ALL);
        assert_eq!(all.marks.len(), data.milestones.len());
        assert!(all.expanders.is_empty());
    }

    #[test]
    fn marks_are_drawn_as_happened_exactly_when_the_query_says_so() {
        let data = built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 1076, &[]);
        for year in FIRST_YEAR..=LAST_YEAR {
            for mark in &scene.marks {
                let m = data.milestones.iter().find(|m| *m.id == *mark.id).unwrap();
                assert_eq!(
                    mark.happened_in(year),
                    query::standing(m, year) == Standing::Happened,
                    "{} in {year}",
                    m.id
                );
            }
        }
    }

    #[test]
    fn marks_sit_at_their_dates_and_lanes_follow_the_chemistries() {
        let data = built_in();
        let w = 1000;
        let scene = timeline_scene(&data, &[ChemistryId::SemiSolid, ChemistryId::Oxide], w, &[]);
        let mg4 = scene.mark("mg4-anxin").unwrap();
        assert!(mg4.span.is_none());
        assert!(mg4.x > x_of(2025.9, w) && mg4.x < x_of(2026.0, w));
        let ranged = scene.mark("stellantis-semi-solid").unwrap();
        assert_eq!(ranged.span, Some((x_of(2024.0, w), x_of(2026.0, w))));
        assert!(scene.marks.iter().all(|m| !m.class.contains("sulfide")));
        let oxide = scene.mark("prologium-factory").unwrap();
        assert!(oxide.y > mg4.y, "the oxide lane comes after semi-solid");
    }

    #[test]
    fn the_now_label_row_is_clear_of_the_year_names() {
        let data = built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 360, &[]);
        let rule = scene.year_rule.as_ref().unwrap();
        let year_bottom = scene
            .texts
            .iter()
            .filter(|t| t.class == "ssb-tl__year")
            .map(|t| t.y + 3)
            .max()
            .unwrap();
        assert!(rule.label_y - 11 > year_bottom);
        assert!(rule.label_y + 3 < AXIS_H, "and above the first lane");
        assert_eq!(rule.x(2030), x_of(2031.0, 360));
    }

    #[test]
    fn an_empty_lane_says_so() {
        let data = built_in();
        let scene = timeline_scene(&data, &[ChemistryId::Liquid], 800, &[]);
        assert!(scene.marks.is_empty());
        assert!(scene.texts.iter().any(|t| t.class == "ssb-tl__lane-empty"));
    }
}
