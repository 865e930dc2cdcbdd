//! The one SVG renderer: draws any [`Scene`] and keeps it up to date.
//!
//! Leptos owns the `<svg>` element, its events and the reactive state; the
//! marks inside are plain DOM built from the scene (see `draw`). A new scene
//! (other chemistries, another width) reuses every mark whose id and place
//! did not change; a year step or a selection only rewrites the classes and
//! names of marks that already exist ([`mark_look`]). The chart is one tab
//! stop (roving tabindex): arrow keys move between marks, Home and End jump,
//! Enter and Space select, Escape closes the selected item's card.

use crate::charts::scene::{Mark, Scene};
use leptos::prelude::*;
use std::sync::Arc;

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
    /// Its label's classes.
    pub label_class: &'static str,
}

/// The look of `m` as of `year`, with `selected` and the chart's tab stop.
pub fn mark_look(m: &Mark, year: i32, selected: Option<&str>, tab_stop: Option<&str>) -> MarkLook {
    let happened = m.happened_in(year);
    let is_selected = selected == Some(m.id.as_str());
    let mut class = m.class.clone();
    if !happened {
        class.push_str(" is-expected");
    }
    if is_selected {
        class.push_str(" is-selected");
    }
    let name = match (m.happened_from, happened) {
        (None, _) => format!("{}, a plan or target", m.name),
        (Some(_), false) => format!("{}, later than the chosen year", m.name),
        (Some(_), true) => m.name.clone(),
    };
    MarkLook {
        class,
        name,
        tabindex: if tab_stop == Some(m.id.as_str()) {
            "0"
        } else {
            "-1"
        },
        pressed: if is_selected { "true" } else { "false" },
        label_class: if happened {
            "ssb-tl__label"
        } else {
            "ssb-tl__label is-expected"
        },
    }
}

/// Draws a scene. `on_select` gets a mark's id when the reader clicks it or
/// presses Enter on it (and the selected id again on Escape, which closes it);
/// `on_expand` gets an expander's key.
#[component]
pub fn SceneChart(
    /// The layout.
    scene: Memo<Arc<Scene>>,
    /// The "as of" year: marks not yet happened are drawn dashed.
    year: Memo<i32>,
    /// The selected item's id.
    selected: Memo<Option<String>>,
    /// The chart's accessible name (what it shows, in words).
    #[prop(into)]
    label: Signal<String>,
    /// A mark was chosen.
    on_select: Callback<String>,
    /// A "+N more" button was pressed.
    on_expand: Callback<&'static str>,
) -> impl IntoView {
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    // The mark that holds the chart's one tab stop.
    let active = RwSignal::new(None::<String>);
    let tab_stop = Memo::new(move |_| {
        scene.with(|s| {
            [active.get(), selected.get()]
                .into_iter()
                .flatten()
                .find(|id| s.mark(id).is_some())
                .or_else(|| s.marks.first().map(|m| m.id.clone()))
        })
    });
    #[cfg(target_arch = "wasm32")]
    draw::keep_drawn(svg_ref, scene, year, selected, tab_stop);
    // Outside a browser (server rendering) the marks are not drawn.
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (year, tab_stop);

    let expand = move |key: &str| {
        if let Some(e) =
            scene.with_untracked(|s| s.expanders.iter().find(|e| e.key == key).map(|e| e.key))
        {
            on_expand.run(e);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(key) = target_attr(&ev, "data-expand") {
            if ev.key() == "Enter" || ev.key() == " " {
                ev.prevent_default();
                expand(&key);
            }
            return;
        }
        let Some(from) = target_attr(&ev, "data-item") else {
            return;
        };
        let s = scene.get_untracked();
        let Some(i) = s.marks.iter().position(|m| m.id == from) else {
            return;
        };
        match key_move(&s.marks, i, &ev.key()) {
            Some(KeyMove::Focus(j)) => {
                ev.prevent_default();
                let id = s.marks[j].id.clone();
                active.set(Some(id.clone()));
                focus_item(svg_ref, &id);
            }
            Some(KeyMove::Select) => {
                ev.prevent_default();
                active.set(Some(from.clone()));
                on_select.run(from);
            }
            Some(KeyMove::Close) => {
                if let Some(id) = selected.get_untracked() {
                    on_select.run(id);
                }
            }
            None => {}
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(id) = target_attr(&ev, "data-item") {
            active.set(Some(id.clone()));
            on_select.run(id);
        } else if let Some(key) = target_attr(&ev, "data-expand") {
            expand(&key);
        }
    };
    view! {
        <svg node_ref=svg_ref class="ssb-svg" width="100%" height=move || scene.with(|s| s.height)
            role="group" aria-label=label on:click=on_click on:keydown=on_key></svg>
    }
}

/// Focuses the mark with this id.
fn focus_item(svg: NodeRef<leptos::svg::Svg>, id: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(svg) = svg.get_untracked() {
        use wasm_bindgen::JsCast;
        let sel = format!("[data-item=\"{}\"]", super::common::css_escape(id));
        if let Ok(Some(el)) = svg.query_selector(&sel) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (svg, id);
}

/// The `attr` of the event's target or its closest ancestor that has one.
pub(crate) fn target_attr(ev: &leptos::ev::Event, attr: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        el.closest(&format!("[{attr}]")).ok()??.get_attribute(attr)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (ev, attr);
        None
    }
}

/// The DOM side: builds the marks of a scene once and restyles them.
#[cfg(target_arch = "wasm32")]
mod draw {
    use super::{mark_look, Mark, MarkLook, Scene};
    use crate::charts::scene::{marker_half_path, marker_path, Text, YearRule};
    use leptos::prelude::*;
    use std::sync::Arc;
    use web_sys::{Document, Element};

    /// A drawn mark: its data and the elements that change with the state.
    struct Drawn {
        mark: Mark,
        item: Element,
        button: Element,
        span: Option<Element>,
        label: Option<Element>,
        /// What `restyle` last wrote, so it writes only what changed.
        look: Option<MarkLook>,
    }

    /// What is on screen: the marks by id and the "now" line.
    #[derive(Default)]
    struct OnScreen {
        marks: Vec<Drawn>,
        now: Option<(Element, Element)>,
        rule: Option<YearRule>,
        width: i32,
    }

    fn el(doc: &Document, tag: &str, attrs: &[(&str, &str)]) -> Element {
        let e = doc
            .create_element_ns(Some("http://www.w3.org/2000/svg"), tag)
            .expect("an SVG element");
        for (k, v) in attrs {
            let _ = e.set_attribute(k, v);
        }
        e
    }

    fn text(doc: &Document, t: &Text, extra: &[(&str, &str)]) -> Element {
        let (x, y) = (t.x.to_string(), t.y.to_string());
        let e = el(
            doc,
            "text",
            &[
                ("class", t.class),
                ("x", &x),
                ("y", &y),
                ("text-anchor", t.anchor.svg()),
            ],
        );
        for (k, v) in extra {
            let _ = e.set_attribute(k, v);
        }
        e.set_text_content(Some(&t.text));
        e
    }

    fn mark(doc: &Document, m: &Mark) -> Drawn {
        let chem = m
            .class
            .split(' ')
            .find(|c| c.starts_with("ssb-c--"))
            .unwrap_or("");
        let item = el(doc, "g", &[("class", &format!("ssb-tl__item {chem}"))]);
        let span = m.span.map(|(a, b)| {
            let r = el(
                doc,
                "rect",
                &[
                    ("class", "ssb-tl__span"),
                    ("x", &a.to_string()),
                    ("width", &(b - a).to_string()),
                    ("y", &(m.y - 8).to_string()),
                    ("height", "16"),
                    ("rx", "8"),
                ],
            );
            let _ = item.append_child(&r);
            r
        });
        let button = el(
            doc,
            "g",
            &[
                ("transform", &format!("translate({},{})", m.x, m.y)),
                ("role", "button"),
                ("data-item", &m.id),
            ],
        );
        let _ = button.append_child(&el(doc, "circle", &[("class", "ssb-tl__hit"), ("r", "12")]));
        let _ = button.append_child(&el(doc, "path", &[("d", marker_path(m.status))]));
        if let Some(d) = marker_half_path(m.status) {
            let _ = button.append_child(&el(doc, "path", &[("class", "ssb-half"), ("d", d)]));
        }
        if m.disputed {
            let flag = el(
                doc,
                "g",
                &[("class", "ssb-flag-mark"), ("aria-hidden", "true")],
            );
            let _ = flag.append_child(&el(
                doc,
                "circle",
                &[("cx", "8"), ("cy", "-8"), ("r", "5.5")],
            ));
            let bang = el(
                doc,
                "text",
                &[("x", "8"), ("y", "-5"), ("text-anchor", "middle")],
            );
            bang.set_text_content(Some("!"));
            let _ = flag.append_child(&bang);
            let _ = button.append_child(&flag);
        }
        let _ = item.append_child(&button);
        let label = m.label.as_ref().map(|t| {
            let l = text(doc, t, &[("aria-hidden", "true")]);
            let _ = item.append_child(&l);
            l
        });
        Drawn {
            mark: m.clone(),
            item,
            button,
            span,
            label,
            look: None,
        }
    }

    /// Whether a drawn mark can serve the new scene's mark, moved if need be:
    /// the same item drawn the same way, wherever it now sits.
    fn same_shape(a: &Mark, b: &Mark) -> bool {
        a.id == b.id
            && a.status == b.status
            && a.class == b.class
            && a.name == b.name
            && a.happened_from == b.happened_from
            && a.disputed == b.disputed
            && a.span.is_some() == b.span.is_some()
            && a.label.as_ref().map(|l| (&l.text, l.anchor))
                == b.label.as_ref().map(|l| (&l.text, l.anchor))
    }

    /// Moves a drawn mark (its shape, span and label) to where `m` sits.
    fn reposition(d: &mut Drawn, m: &Mark) {
        if (d.mark.x, d.mark.y) != (m.x, m.y) {
            let _ = d
                .button
                .set_attribute("transform", &format!("translate({},{})", m.x, m.y));
        }
        if let (Some(r), Some((a, b))) = (&d.span, m.span) {
            if d.mark.span != m.span || d.mark.y != m.y {
                let _ = r.set_attribute("x", &a.to_string());
                let _ = r.set_attribute("width", &(b - a).to_string());
                let _ = r.set_attribute("y", &(m.y - 8).to_string());
            }
        }
        if let (Some(l), Some(t)) = (&d.label, &m.label) {
            if d.mark.label.as_ref().map(|o| (o.x, o.y)) != Some((t.x, t.y)) {
                let _ = l.set_attribute("x", &t.x.to_string());
                let _ = l.set_attribute("y", &t.y.to_string());
            }
        }
        d.mark = m.clone();
    }

    /// Redraws `svg` for `scene`, reusing marks that did not move.
    fn redraw(svg: &Element, scene: &Scene, on: &mut OnScreen) {
        let doc = svg.owner_document().expect("a document");
        // Focus inside the chart survives a redraw on the same item.
        let focused = {
            use wasm_bindgen::JsCast;
            let root = svg.get_root_node();
            match root.dyn_ref::<web_sys::ShadowRoot>() {
                Some(r) => r.active_element(),
                None => doc.active_element(),
            }
        }
        .filter(|a| svg.contains(Some(a)))
        .and_then(|a| a.closest("[data-item]").ok().flatten())
        .and_then(|a| a.get_attribute("data-item"));
        let mut old: Vec<Drawn> = std::mem::take(&mut on.marks);
        svg.set_text_content(None);
        let back = el(&doc, "g", &[("aria-hidden", "true")]);
        for r in &scene.rects {
            let _ = back.append_child(&el(
                &doc,
                "rect",
                &[
                    ("class", &r.class),
                    ("x", &r.x.to_string()),
                    ("y", &r.y.to_string()),
                    ("width", &r.w.to_string()),
                    ("height", &r.h.to_string()),
                ],
            ));
        }
        for r in &scene.rules {
            let x = r.x.to_string();
            let _ = back.append_child(&el(
                &doc,
                "line",
                &[
                    ("class", r.class),
                    ("x1", &x),
                    ("x2", &x),
                    ("y1", &r.y1.to_string()),
                    ("y2", &r.y2.to_string()),
                ],
            ));
        }
        for t in &scene.texts {
            let _ = back.append_child(&text(&doc, t, &[]));
        }
        let _ = svg.append_child(&back);
        on.now = scene.year_rule.as_ref().map(|r| {
            let g = el(&doc, "g", &[("class", "ssb-now"), ("aria-hidden", "true")]);
            let line = el(
                &doc,
                "line",
                &[("y1", &r.y1.to_string()), ("y2", &r.y2.to_string())],
            );
            let label = el(&doc, "text", &[("y", &r.label_y.to_string())]);
            let _ = g.append_child(&line);
            let _ = g.append_child(&label);
            let _ = svg.append_child(&g);
            (line, label)
        });
        on.width = scene.width;
        on.rule = scene.year_rule.clone();
        for m in &scene.marks {
            let drawn = match old.iter().position(|d| same_shape(&d.mark, m)) {
                Some(i) => {
                    let mut d = old.swap_remove(i);
                    reposition(&mut d, m);
                    d
                }
                None => mark(&doc, m),
            };
            let _ = svg.append_child(&drawn.item);
            on.marks.push(drawn);
        }
        for e in &scene.expanders {
            let _ = svg.append_child(&text(
                &doc,
                &e.text,
                &[
                    ("role", "button"),
                    ("tabindex", "0"),
                    ("data-expand", e.key),
                    ("aria-label", &e.name),
                ],
            ));
        }
        if let Some(id) = focused {
            if let Some(d) = on.marks.iter().find(|d| d.mark.id == id) {
                use wasm_bindgen::JsCast;
                let _ = d.button.unchecked_ref::<web_sys::SvgElement>().focus();
            }
        }
    }

    /// Sets every mark's classes and names, and the "now" line, for the state.
    fn restyle(on: &mut OnScreen, year: i32, selected: Option<&str>, tab_stop: Option<&str>) {
        for d in &mut on.marks {
            let look = mark_look(&d.mark, year, selected, tab_stop);
            let was = d.look.take();
            let changed = |f: fn(&MarkLook) -> &str| was.as_ref().is_none_or(|w| f(w) != f(&look));
            if changed(|l| &l.class) {
                let _ = d.button.set_attribute("class", &look.class);
            }
            if changed(|l| &l.name) {
                let _ = d.button.set_attribute("aria-label", &look.name);
            }
            if changed(|l| l.tabindex) {
                let _ = d.button.set_attribute("tabindex", look.tabindex);
            }
            if changed(|l| l.pressed) {
                let _ = d.button.set_attribute("aria-pressed", look.pressed);
            }
            if let Some(l) = &d.label {
                if changed(|l| l.label_class) {
                    let _ = l.set_attribute("class", look.label_class);
                }
            }
            d.look = Some(look);
        }
        if let (Some((line, label)), Some(rule)) = (&on.now, &on.rule) {
            let x = rule.x(year);
            let xs = x.to_string();
            let _ = line.set_attribute("x1", &xs);
            let _ = line.set_attribute("x2", &xs);
            // The label goes left of the line near the right edge.
            let right = x > on.width * 4 / 5;
            let _ = label.set_attribute("x", &(if right { x - 4 } else { x + 4 }).to_string());
            let _ = label.set_attribute("text-anchor", if right { "end" } else { "start" });
            label.set_text_content(Some(&format!("End of {year}")));
        }
    }

    /// Draws the scene into `svg` whenever it changes and restyles the marks
    /// whenever the year, the selection or the tab stop changes.
    pub(super) fn keep_drawn(
        svg: NodeRef<leptos::svg::Svg>,
        scene: Memo<Arc<Scene>>,
        year: Memo<i32>,
        selected: Memo<Option<String>>,
        tab_stop: Memo<Option<String>>,
    ) {
        let on = StoredValue::new_local(OnScreen::default());
        // Render effects (run at once, synchronously, and dropped with the
        // chart): a new scene redraws, reusing what did not move, and styles
        // for the state; a year step, a selection or a moved tab stop restyles.
        let draw = RenderEffect::new(move |_| {
            let Some(el) = svg.get() else { return };
            let s = scene.get();
            on.update_value(|on| redraw(&el, &s, on));
            let (y, sel, stop) = (
                year.get_untracked(),
                selected.get_untracked(),
                tab_stop.get_untracked(),
            );
            on.update_value(|on| restyle(on, y, sel.as_deref(), stop.as_deref()));
        });
        let style = RenderEffect::new(move |_| {
            let (y, sel, stop) = (year.get(), selected.get(), tab_stop.get());
            on.update_value(|on| restyle(on, y, sel.as_deref(), stop.as_deref()));
        });
        StoredValue::new_local((draw, style));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::timeline::timeline_scene;
    use crate::model::{ChemistryId, Dataset};

    #[test]
    fn arrows_walk_the_marks_enter_selects_escape_closes() {
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
        let data = Dataset::built_in();
        let scene = timeline_scene(&data, &ChemistryId::ALL, 1000, &[]);
        let mg4 = scene.mark("mg4-anxin").unwrap();
        let before = mark_look(mg4, 2024, None, None);
        assert!(before.name.ends_with("later than the chosen year"));
        assert!(before.class.contains("is-expected"));
        assert_eq!(before.label_class, "ssb-tl__label is-expected");
        assert_eq!(before.tabindex, "-1");
        let after = mark_look(mg4, 2026, Some("mg4-anxin"), Some("mg4-anxin"));
        assert_eq!(after.name, mg4.name);
        assert!(!after.class.contains("is-expected"));
        assert!(after.class.contains("is-selected"));
        assert_eq!((after.tabindex, after.pressed), ("0", "true"));
        let plan = scene.mark("toyota-target").unwrap();
        assert!(mark_look(plan, 2030, None, None)
            .name
            .ends_with("a plan or target"));
    }
}
