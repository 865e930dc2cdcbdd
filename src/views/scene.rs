//! The one SVG renderer: draws any [`Scene`] and keeps it up to date.
//!
//! Leptos owns the `<svg>` element, its events and the reactive state; what
//! is inside is a document ([`scene_doc`]) drawn and patched by the same
//! routine as the text views (`views::doc`). The parts of a scene that do not
//! change with the state are built once per scene and shared, so a year step
//! or a selection builds, compares and writes only the classes, names and
//! the "now" line; a new scene (other chemistries, another width) keeps every
//! mark's element (keyed by item id) and moves only what moved. The chart is
//! one tab stop (roving tabindex): arrow keys move between marks, Home and
//! End jump, Enter and Space select, Escape closes the selected item's card.

use crate::charts::scene::{scene_doc, scene_parts, Mark, Scene, SceneParts};
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
    // Each scene takes over the drawings of the last one's unchanged marks.
    let parts = Memo::new(move |previous: Option<&Arc<SceneParts>>| {
        Arc::new(scene_parts(&scene.get(), previous.map(|p| &**p)))
    });
    let doc = Memo::new(move |_| -> super::doc::Doc {
        let (s, p) = (scene.get(), parts.get());
        let (sel, stop) = (selected.get(), tab_stop.get());
        Arc::new(scene_doc(
            &s,
            &p,
            year.get(),
            sel.as_deref(),
            stop.as_deref(),
        ))
    });
    #[cfg(target_arch = "wasm32")]
    keep_drawn(svg_ref, doc);
    // Outside a browser (server rendering) the marks are not drawn.
    #[cfg(not(target_arch = "wasm32"))]
    let _ = doc;

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

/// The first of `names` that the event's target, or its closest ancestor
/// matching `selector` (which names them all), has: its index and value.
/// One walk up the tree for a handler that serves several attributes.
pub(crate) fn target_attrs(
    ev: &leptos::ev::Event,
    selector: &str,
    names: &[&str],
) -> Option<(usize, String)> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        let found = el.closest(selector).ok()??;
        names
            .iter()
            .enumerate()
            .find_map(|(i, n)| found.get_attribute(n).map(|v| (i, v)))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (ev, selector, names);
        None
    }
}

/// The `attr` of the event's target or its closest ancestor that has one.
pub(crate) fn target_attr(ev: &leptos::ev::Event, attr: &str) -> Option<String> {
    target_attrs(ev, &format!("[{attr}]"), &[attr]).map(|(_, v)| v)
}

/// Draws `doc` into `svg` now and whenever it changes (a render effect: it
/// runs at once and is dropped with the chart). Focus on a mark survives a
/// redraw that had to move it.
#[cfg(target_arch = "wasm32")]
fn keep_drawn(svg: NodeRef<leptos::svg::Svg>, doc: Memo<super::doc::Doc>) {
    let shown = StoredValue::new(super::doc::Doc::default());
    // Marks of a chemistry toggled off, kept to come back (at most one per
    // item of the dataset).
    let spare = StoredValue::new_local(super::doc::Spare::new());
    let effect = RenderEffect::new(move |_| {
        let Some(el) = svg.get() else { return };
        let new = doc.get();
        let focused = focused_item(&el);
        spare.update_value(|spare| {
            super::doc::patch(&document(), &el, &shown.get_value(), &new, Some(spare))
        });
        shown.set_value(new);
        if let Some(id) = focused.filter(|id| focused_item(&el).as_ref() != Some(id)) {
            focus_item(svg, &id);
        }
    });
    StoredValue::new_local(effect);
}

/// The `data-item` of the mark that has focus inside `svg`, if any.
#[cfg(target_arch = "wasm32")]
fn focused_item(svg: &web_sys::Element) -> Option<String> {
    use wasm_bindgen::JsCast;
    let root = svg.get_root_node();
    match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(r) => r.active_element(),
        None => document().active_element(),
    }
    .filter(|a| svg.contains(Some(a)))
    .and_then(|a| a.closest("[data-item]").ok().flatten())
    .and_then(|a| a.get_attribute("data-item"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::scene::mark_look;
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
