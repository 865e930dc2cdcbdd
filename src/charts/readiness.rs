//! The readiness ladder as a scene: TRL 1–9 across, the three stages behind,
//! a bar per assessment holding by the year. The download draws this scene.

use super::scene::{text, wrap_words, Anchor, Rect, Scene};
use super::LinearScale;
use crate::model::query;
use crate::model::text::trl_range;
use crate::model::{ChemistryId, Dataset};

/// The three stages of the TRL scale as the industry analysis describes them.
pub const TRL_STAGES: [(&str, u8, u8); 3] = [
    ("Science: verifying principles", 1, 3),
    (
        "Engineering: prototypes and pilot lines \u{2014} the \u{201c}valley of death\u{201d}",
        4,
        7,
    ),
    ("Commercial: production and deployment", 8, 9),
];

/// Lays out the ladder `width` pixels wide for `year` and `chems`.
pub fn readiness_scene(data: &Dataset, year: i32, chems: &[ChemistryId], width: i32) -> Scene {
    let (left, right) = (4, width - 4);
    let scale = LinearScale::new(0.5, 9.5);
    let x_of = |v: f64| scale.px(v, left, right);
    let mut scene = Scene {
        width,
        ..Scene::default()
    };
    let mut y = 14;
    for (name, lo, hi) in TRL_STAGES {
        let label = format!("TRL {lo}\u{2013}{hi}: {name}");
        for line in wrap_words(&label, right - left, 100) {
            scene
                .texts
                .push(text(left, y, line, Anchor::Start, "ssb-stage-label"));
            y += 16;
        }
    }
    let levels_y = y + 6;
    for l in 1..=9 {
        scene.texts.push(text(
            x_of(l as f64),
            levels_y,
            l.to_string(),
            Anchor::Middle,
            "ssb-tick",
        ));
    }
    let top = levels_y + 8;
    let items = query::readiness(data, year, chems);
    let row = 44;
    let bottom = top + items.len().max(1) as i32 * row;
    for (i, (_, lo, hi)) in TRL_STAGES.iter().enumerate() {
        let (a, b) = (x_of(*lo as f64 - 0.5), x_of(*hi as f64 + 0.5));
        scene.rects.push(Rect {
            x: a,
            y: top,
            w: b - a,
            h: bottom - top,
            class: format!("ssb-stage ssb-stage--{i}"),
        });
    }
    if items.is_empty() {
        scene.texts.push(text(
            left + 4,
            top + 24,
            "No TRL assessment for these chemistries by this year.".into(),
            Anchor::Start,
            "ssb-tl__lane-empty",
        ));
    }
    for (i, t) in items.iter().enumerate() {
        let y = top + i as i32 * row;
        let chem = t.chemistry.map(|c| c.slug()).unwrap_or("research");
        scene.texts.push(text(
            left + 4,
            y + 15,
            t.subject.clone(),
            Anchor::Start,
            "ssb-bar__name",
        ));
        let disputed = data.conflicts_about(&t.id).next().is_some();
        let meta = format!(
            "TRL {} \u{b7} as of {} \u{b7} {}{}",
            trl_range(t),
            t.as_of.label(),
            t.chemistry.map(|c| c.name()).unwrap_or("basic research"),
            if disputed {
                " \u{b7} sources disagree"
            } else {
                ""
            }
        );
        scene
            .texts
            .push(text(left + 4, y + 29, meta, Anchor::Start, "ssb-bar__meta"));
        let (a, b) = (x_of(t.trl_min as f64 - 0.45), x_of(t.trl_max as f64 + 0.45));
        scene.rects.push(Rect {
            x: a,
            y: y + 33,
            w: b - a,
            h: 8,
            class: format!("ssb-bar__rect ssb-c--{chem} is-shown"),
        });
    }
    scene.height = bottom + 8;
    scene
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_per_assessment_holding_by_the_year() {
        let data = Dataset::built_in();
        for year in [2024, 2026, 2030] {
            let s = readiness_scene(&data, year, &ChemistryId::ALL, 640);
            let bars = s
                .rects
                .iter()
                .filter(|r| r.class.starts_with("ssb-bar__rect"))
                .count();
            assert_eq!(bars, query::readiness(&data, year, &ChemistryId::ALL).len());
            assert!(s.rects.iter().all(|r| r.x >= 0 && r.x + r.w <= 640));
            let phone = readiness_scene(&data, year, &ChemistryId::ALL, 320);
            for t in phone.texts.iter().filter(|t| t.class == "ssb-stage-label") {
                assert!(t.extent().1 <= 320, "{t:?}");
            }
        }
        for c in ChemistryId::ALL {
            let s = readiness_scene(&data, 2024, &[c], 320);
            let empty = query::readiness(&data, 2024, &[c]).is_empty();
            assert_eq!(
                s.texts.iter().any(|t| t.text.starts_with("No TRL")),
                empty,
                "{c:?}"
            );
        }
    }
}
