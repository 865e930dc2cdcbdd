//! A scene as a self-contained SVG file: every colour, font and stroke is a
//! presentation attribute (no stylesheet, no script, nothing fetched), with a
//! title, the reader's state and a source line. Text from the data is escaped
//! into text nodes and attribute values; it never becomes markup.

pub use crate::charts::doc::escape;
use crate::charts::scene::{marker_half_path, marker_path, wrap_words, Anchor, Mark, Scene, Text};
use crate::model::Status;

/// The colours and font of the theme on screen, read from the widget's CSS.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    /// Page background.
    pub bg: String,
    /// Text.
    pub fg: String,
    /// Secondary text.
    pub muted: String,
    /// Grid lines.
    pub rule: String,
    /// Lane and panel backgrounds.
    pub panel: String,
    /// Links and buttons.
    pub accent: String,
    /// The font stack.
    pub font: String,
    /// The three TRL stages' background tints.
    pub stages: [String; 3],
    /// Each chemistry's colour, by slug (`sulfide`), and `research`.
    pub chemistries: Vec<(String, String)>,
}

impl Default for Palette {
    /// The light theme's defaults (what the CSS uses when a page sets nothing).
    fn default() -> Self {
        let c = |s: &str, v: &str| (s.to_string(), v.to_string());
        Palette {
            bg: "#ffffff".into(),
            fg: "#1b1f24".into(),
            muted: "#555d68".into(),
            rule: "#d5d9df".into(),
            panel: "#f4f6f8".into(),
            accent: "#0b57d0".into(),
            font: "system-ui, sans-serif".into(),
            stages: [
                "rgba(11, 87, 208, 0.06)".into(),
                "rgba(179, 38, 30, 0.07)".into(),
                "rgba(10, 125, 90, 0.08)".into(),
            ],
            chemistries: vec![
                c("liquid", "#5f6b7a"),
                c("semi-solid", "#b35900"),
                c("sulfide", "#0b6fb0"),
                c("oxide", "#0a7d5a"),
                c("polymer", "#b0357f"),
                c("all-solid", "#6b4fbb"),
                c("research", "#555d68"),
            ],
        }
    }
}

impl Palette {
    /// The palette from the values of [`super::PALETTE_PROPERTIES`], in that
    /// order; a value left empty (or missing) keeps the light theme's.
    pub fn from_properties(values: &[String]) -> Palette {
        let mut p = Palette::default();
        let [s1, s2, s3] = &mut p.stages;
        let fixed = [
            &mut p.bg,
            &mut p.fg,
            &mut p.muted,
            &mut p.rule,
            &mut p.panel,
            &mut p.accent,
            &mut p.font,
            s1,
            s2,
            s3,
        ];
        let slots = fixed
            .into_iter()
            .chain(p.chemistries.iter_mut().map(|(_, v)| v));
        for (slot, value) in slots.zip(values) {
            let value = value.trim();
            if !value.is_empty() {
                *slot = value.to_string();
            }
        }
        p
    }

    /// The colour of the chemistry named by an `ssb-c--…` class in `class`.
    fn chemistry(&self, class: &str) -> &str {
        class
            .split(' ')
            .find_map(|c| c.strip_prefix("ssb-c--"))
            .and_then(|slug| self.chemistries.iter().find(|(s, _)| s == slug))
            .map(|(_, v)| v.as_str())
            .unwrap_or(&self.fg)
    }
}

/// What the file says around the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// The chart's title.
    pub title: String,
    /// The reader's state: "As of the end of 2026 · Sulfide, Oxide".
    pub state: String,
    /// Where the figures come from.
    pub source: String,
}

struct Out<'a> {
    s: String,
    p: &'a Palette,
}

impl Out<'_> {
    fn text(&mut self, t: &Text, fill: &str, extra: &str) {
        let size = if extra.contains("font-size") {
            ""
        } else {
            " font-size=\"12\""
        };
        self.s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" fill=\"{}\"{size}{extra}>{}</text>",
            t.x,
            t.y,
            t.anchor.svg(),
            escape(fill),
            escape(&t.text)
        ));
    }

    fn scene_text(&mut self, t: &Text) {
        let p = self.p;
        let (fill, extra) = match t.class {
            c if c.contains("lane-label") => (
                p.fg.clone(),
                " font-weight=\"700\" font-size=\"13\"".to_string(),
            ),
            c if c.contains("lane-empty") => {
                (p.muted.clone(), " font-style=\"italic\"".to_string())
            }
            c if c.contains("more") => (p.accent.clone(), " font-weight=\"700\"".to_string()),
            c if c.contains("value") => (p.fg.clone(), String::new()),
            c if c.contains("bar__name") => (
                p.fg.clone(),
                " font-weight=\"600\" font-size=\"13\"".to_string(),
            ),
            c if c.contains("stage-label") => (p.fg.clone(), String::new()),
            _ => (p.muted.clone(), String::new()),
        };
        self.text(t, &fill, &extra);
    }

    fn mark(&mut self, m: &Mark, year: i32, selected: Option<&str>) {
        let p = self.p;
        let colour = escape(p.chemistry(&m.class));
        let happened = m.happened_in(year);
        if let Some((a, b)) = m.span {
            self.s.push_str(&format!(
                "<rect x=\"{a}\" y=\"{}\" width=\"{}\" height=\"16\" rx=\"8\" fill=\"{colour}\" fill-opacity=\"0.18\"/>",
                m.y - 8,
                b - a
            ));
        }
        let hollow = !happened
            || matches!(
                m.status,
                Status::Samples | Status::PilotLine | Status::Announced | Status::Target
            );
        let dashed = !happened || !m.status.is_realized();
        self.s.push_str(&format!(
            "<g transform=\"translate({},{})\"><path d=\"{}\" fill=\"{}\" stroke=\"{colour}\" stroke-width=\"2\"{}/>",
            m.x,
            m.y,
            marker_path(m.status),
            if hollow { escape(&p.bg) } else { colour.clone() },
            if dashed { " stroke-dasharray=\"3 2\"" } else { "" }
        ));
        if let (Some(d), true) = (marker_half_path(m.status), happened) {
            self.s
                .push_str(&format!("<path d=\"{d}\" fill=\"{colour}\"/>"));
        }
        if selected == Some(&*m.id) {
            self.s.push_str(&format!(
                "<circle r=\"11\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
                escape(&p.fg)
            ));
        }
        if m.disputed {
            self.s.push_str(&format!(
                "<circle cx=\"8\" cy=\"-8\" r=\"5.5\" fill=\"#b3261e\"/><text x=\"8\" y=\"-5\" text-anchor=\"middle\" font-size=\"9\" font-weight=\"700\" fill=\"{}\">!</text>",
                escape(&p.bg)
            ));
        }
        self.s.push_str("</g>");
        if let Some(t) = &m.label {
            let halo = format!(
                " paint-order=\"stroke\" stroke=\"{}\" stroke-width=\"3\" stroke-linejoin=\"round\"{}",
                escape(&p.bg),
                if happened { " font-weight=\"600\"" } else { "" }
            );
            let fill = if happened {
                p.fg.clone()
            } else {
                p.muted.clone()
            };
            self.text(t, &fill, &halo);
        }
    }
}

/// The chart `scene` as of `year` (with `selected` ringed) as an SVG file.
pub fn scene_svg(
    scene: &Scene,
    year: i32,
    selected: Option<&str>,
    p: &Palette,
    h: &Heading,
) -> String {
    let width = scene.width.max(320);
    let title = wrap_words(&h.title, width - 8, 150);
    let state = wrap_words(&h.state, width - 8, 110);
    let source_lines = wrap_words(&h.source, width - 8, 100);
    let top = 12 + title.len() as i32 * 22 + state.len() as i32 * 18 + 8;
    let height = top + scene.height + 14 + source_lines.len() as i32 * 16 + 6;
    let mut o = Out {
        s: String::new(),
        p,
    };
    o.s.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{}\" role=\"img\" aria-labelledby=\"ssb-title\"><title id=\"ssb-title\">{}</title>",
        escape(&p.font),
        escape(&h.title)
    ));
    o.s.push_str(&format!(
        "<rect width=\"{width}\" height=\"{height}\" fill=\"{}\"/>",
        escape(&p.bg)
    ));
    let line = |y: i32, text: &str| Text {
        x: 4,
        y,
        text: text.to_string(),
        anchor: Anchor::Start,
        class: "",
        width: 0,
    };
    let mut y = 10;
    for t in &title {
        y += 22;
        o.text(
            &line(y - 4, t),
            &p.fg,
            " font-size=\"17\" font-weight=\"700\"",
        );
    }
    for t in &state {
        y += 18;
        o.text(&line(y - 2, t), &p.muted, " font-size=\"13\"");
    }
    o.s.push_str(&format!("<g transform=\"translate(0,{top})\">"));
    for r in &scene.rects {
        let (fill, extra) = match r.class.as_str() {
            c if c.contains("ref--band") => (p.muted.clone(), " fill-opacity=\"0.16\"".to_string()),
            c if c.contains("bar__range") => (
                p.chemistry(c).to_string(),
                " fill-opacity=\"0.25\"".to_string(),
            ),
            c if c.contains("is-claim") => (
                p.bg.clone(),
                format!(" stroke=\"{}\" stroke-width=\"2\"", escape(p.chemistry(c))),
            ),
            c if c.contains("bar__rect") => (p.chemistry(c).to_string(), String::new()),
            c if c.contains("stage--") => {
                let i = c
                    .rsplit("stage--")
                    .next()
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(0);
                (p.stages[i.min(2)].clone(), String::new())
            }
            _ => (p.panel.clone(), String::new()),
        };
        o.s.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{extra}/>",
            r.x,
            r.y,
            r.w,
            r.h,
            escape(&fill)
        ));
    }
    for r in &scene.rules {
        let dash = if r.class.contains("ssb-ref") {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        let colour = if r.class.contains("ssb-ref") {
            &p.muted
        } else {
            &p.rule
        };
        o.s.push_str(&format!(
            "<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"1\"{dash}/>",
            r.x,
            r.y1,
            r.y2,
            escape(colour)
        ));
    }
    for t in &scene.texts {
        o.scene_text(t);
    }
    if let Some(rule) = &scene.year_rule {
        let x = rule.x(year);
        let right = x > scene.width * 4 / 5;
        o.s.push_str(&format!(
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>",
            rule.y1,
            rule.y2,
            escape(&p.fg)
        ));
        let label = Text {
            x: if right { x - 4 } else { x + 4 },
            y: rule.label_y,
            text: format!("End of {year}"),
            anchor: if right { Anchor::End } else { Anchor::Start },
            class: "",
            width: 0,
        };
        o.text(&label, &p.fg, " font-weight=\"700\"");
    }
    for m in &scene.marks {
        o.mark(m, year, selected);
    }
    for e in &scene.expanders {
        o.scene_text(&e.text);
    }
    o.s.push_str("</g>");
    for (i, line) in source_lines.iter().enumerate() {
        let t = Text {
            x: 4,
            y: top + scene.height + 18 + i as i32 * 16,
            text: line.clone(),
            anchor: Anchor::Start,
            class: "",
            width: 0,
        };
        o.text(&t, &p.muted, "");
    }
    o.s.push_str("</svg>\n");
    o.s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::timeline::timeline_scene;
    use crate::model::{ChemistryId, Dataset};

    fn heading() -> Heading {
        Heading {
            title: "What shipped".into(),
            state: "As of the end of 2026".into(),
            source: "Sources: How Far (2025); Industry analysis (2025)".into(),
        }
    }

    #[test]
    fn a_timeline_file_has_its_title_state_source_and_every_mark() {
        let data = Dataset::built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 900, &[]);
        let svg = scene_svg(
            &scene,
            2026,
            Some("mg4-anxin"),
            &Palette::default(),
            &heading(),
        );
        assert!(svg.starts_with("<?xml"));
        assert!(svg.contains("<title id=\"ssb-title\">What shipped</title>"));
        assert!(svg.contains(">As of the end of 2026</text>"));
        assert!(svg.contains(">Sources: How Far (2025); Industry analysis (2025)</text>"));
        assert!(svg.contains(">End of 2026</text>"));
        assert!(svg.matches("<path d=").count() >= scene.marks.len());
        assert!(!svg.contains("class=") && !svg.contains("<style") && !svg.contains("<script"));
        // No element repeats an attribute (an XML parser would reject the file).
        for tag in svg.split('<').skip(1) {
            let head = tag.split('>').next().unwrap_or("");
            let mut names: Vec<&str> = head
                .split(' ')
                .skip(1)
                .filter_map(|a| a.split_once('=').map(|(n, _)| n))
                .collect();
            let all = names.len();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), all, "repeated attribute in <{head}>");
        }
        // A ring marks the selected item.
        assert_eq!(svg.matches("<circle r=\"11\"").count(), 1);
    }

    #[test]
    fn data_strings_stay_text() {
        let mut data = Dataset::built_in();
        for m in &mut data.milestones {
            m.product = "<script>alert(1)</script>\" onload=\"x".into();
            m.company = "<b>&amp;</b>".into();
        }
        let scene = timeline_scene(&data, &ChemistryId::ALL, 900, &[]);
        let mut h = heading();
        h.title = "<svg onload=alert(1)>".into();
        let svg = scene_svg(&scene, 2026, None, &Palette::default(), &h);
        assert!(!svg.contains("<script") && !svg.contains("<b>") && !svg.contains("<svg onload"));
        assert!(svg.contains("&lt;script&gt;") || svg.contains("&lt;b&gt;"));
        // Every `<` left opens one of our own elements.
        for tag in svg.split('<').skip(1) {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '?' || *c == '/')
                .collect();
            assert!(
                [
                    "?xml", "svg", "/svg", "title", "/title", "rect", "text", "/text", "g", "/g",
                    "path", "line", "circle"
                ]
                .contains(&name.as_str()),
                "unexpected element {name:?}"
            );
        }
        let p = Palette {
            fg: "red\"/><script>".into(),
            ..Palette::default()
        };
        assert!(!scene_svg(&scene, 2026, None, &p, &heading()).contains("<script"));
    }

    #[test]
    fn long_lines_wrap_inside_the_width() {
        use crate::charts::scene::text_width;
        let lines = wrap_words(&"word ".repeat(100), 320, 100);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| text_width(l) <= 320));
        let data = Dataset::built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 320, &[]);
        let mut h = heading();
        h.state =
            "As of the end of 2026 \u{b7} Semi-solid, Sulfide, Oxide, Polymer, All-solid".into();
        let svg = scene_svg(&scene, 2026, None, &Palette::default(), &h);
        let state_lines = svg.matches("fill=\"#555d68\" font-size=\"13\"").count();
        assert!(
            state_lines >= 2,
            "the state line wraps on a phone: {state_lines}"
        );
    }
}
