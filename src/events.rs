//! Where a reader's click, key, input and focus inside the explainer go
//! (browser only). The root element listens once for each kind of event; the
//! closest element with one of the widget's data attributes decides what
//! happens, and the views' pure rules ([`tab_key`], [`mark_key`],
//! [`menu_key`]) say where focus moves:
//!
//! | attribute | on | a click | a key |
//! | --- | --- | --- | --- |
//! | `data-chem`, `data-year`, `data-view`, `data-act` | controls, share bar, banner | toggles, sets, switches, plays, opens | arrows move between tabs |
//! | `data-item` | a timeline mark, a table or bar button | selects or unselects | arrows move between marks |
//! | `data-toggle`, `data-select` | table and bar buttons, hurdles | selects (or unselects) | |
//! | `data-expand` | "+N more" | expands the lane | Enter, Space |
//! | `data-card`, `data-close` | a card | closes it | Escape closes it |
//! | `data-index`, `data-download` | the Download menu | downloads | arrows, Home, End, Escape, Tab |
//!
//! After each drawing, [`after_drawing`] puts focus where the reader expects
//! it: back on a mark that moved, on a menu item that just appeared, on a
//! card the reader opened.

use crate::charts::scene::{KeyMove, Scene};
use crate::context::{DataState, ExplainerContext};
use crate::model::{ChemistryId, Dataset};
use crate::views::common::css_escape;
use crate::views::controls::{self, tab_key, view_of};
use crate::views::share::{self, menu_key, MenuKey};
use crate::views::timeline::mark_key;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

#[wasm_bindgen]
extern "C" {
    /// An element, seen through the two calls below.
    #[wasm_bindgen(js_name = Element)]
    type Answerer;
    /// `Element.closest` with a selector that is already a JS string, so a
    /// click does not decode it again (the selector is valid: it never throws).
    #[wasm_bindgen(method, js_name = closest)]
    fn closest_of(this: &Answerer, selectors: &JsValue) -> Option<Element>;
    /// `Element.getAttribute` with a name that is already a JS string.
    #[wasm_bindgen(method, js_name = getAttribute)]
    fn attribute_of(this: &Answerer, name: &JsValue) -> Option<String>;
}

/// A selector and the attribute names it matches, made into JS strings once
/// per explainer: finding what a click or key is about then passes no string
/// from the wasm to JS.
struct Answering {
    selector: JsValue,
    names: Vec<JsValue>,
}

impl Answering {
    fn new(selector: &str, names: &[&str]) -> Rc<Self> {
        Rc::new(Answering {
            selector: JsValue::from_str(selector),
            names: names.iter().map(|n| JsValue::from_str(n)).collect(),
        })
    }

    /// The event's target, or its closest ancestor with one of the names:
    /// the element, which name it has first and that attribute's value.
    fn target(&self, ev: &web_sys::Event) -> Option<(Element, usize, String)> {
        let el = ev.target()?.dyn_into::<Element>().ok()?;
        let found = el.unchecked_ref::<Answerer>().closest_of(&self.selector)?;
        let (i, value) = self.names.iter().enumerate().find_map(|(i, n)| {
            found
                .unchecked_ref::<Answerer>()
                .attribute_of(n)
                .map(|v| (i, v))
        })?;
        Some((found, i, value))
    }
}

/// The timeline's scene as last drawn, for the keys that move between marks.
pub type LastScene = dyn Fn() -> Option<Arc<Scene>>;

/// A listener the browser calls with an event.
type Listener = Closure<dyn FnMut(web_sys::Event)>;

/// A listener that is on only while it has something to do: every call
/// into the wasm costs script time (tens of microseconds for the first one
/// after a frame), so the press anywhere on the page and the focus moving
/// inside the explainer do not enter it while nothing would happen.
struct Occasional {
    target: web_sys::EventTarget,
    kind: &'static str,
    f: Listener,
    on: std::cell::Cell<bool>,
}

impl Occasional {
    fn new(target: web_sys::EventTarget, kind: &'static str, f: Listener) -> Self {
        Occasional {
            target,
            kind,
            f,
            on: std::cell::Cell::new(false),
        }
    }

    /// Puts the listener on or takes it off, if it is not so already.
    fn set(&self, on: bool) {
        if self.on.replace(on) == on {
            return;
        }
        let f = self.f.as_ref().unchecked_ref();
        let _ = if on {
            self.target.add_event_listener_with_callback(self.kind, f)
        } else {
            self.target
                .remove_event_listener_with_callback(self.kind, f)
        };
    }
}

/// The listeners of one explainer: on its root for clicks, keys and input;
/// on the window for a press outside the Download menu while it is open; on
/// its root for focus while the link field is shown. [`Listening::follow`]
/// puts the last two on and off, [`Listening::remove`] takes them all off.
pub struct Listening {
    root: Element,
    on_root: Vec<(&'static str, Listener)>,
    outside: Option<Occasional>,
    link_focus: Occasional,
}

impl Listening {
    /// After a drawing: listens for a press outside the Download menu only
    /// while `menu_open`, and for focus on the link field only while
    /// `link_shown`.
    pub fn follow(&self, menu_open: bool, link_shown: bool) {
        if let Some(outside) = &self.outside {
            outside.set(menu_open);
        }
        self.link_focus.set(link_shown);
    }

    /// Takes the listeners off.
    pub fn remove(self) {
        for (kind, f) in &self.on_root {
            let _ = self
                .root
                .remove_event_listener_with_callback(kind, f.as_ref().unchecked_ref());
        }
        self.follow(false, false);
    }
}

/// Listens on `root` for the reader's keys, and, with `CLICKS_AND_INPUT`,
/// for clicks and input too (in a Leptos app; the custom element's loader
/// listens for those itself and calls [`clicked`] and [`year_input`]
/// through the element's handle). The listeners for a press outside the
/// Download menu and for focus on the link field wait for
/// [`Listening::follow`].
pub fn listen<const CLICKS_AND_INPUT: bool>(
    ctx: ExplainerContext,
    scene: impl Fn() -> Option<Arc<Scene>> + Copy + 'static,
    root: &Element,
) -> Listening {
    let handler = |f: Box<dyn Fn(&web_sys::Event)>| Listener::new(move |ev: web_sys::Event| f(&ev));
    let keyed = Answering::new(KEYED_SELECTOR, &KEYED);
    let mut on_root = vec![(
        "keydown",
        handler(Box::new(move |ev| {
            if let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() {
                keydown(ctx, &scene, &keyed, ev)
            }
        })),
    )];
    if CLICKS_AND_INPUT {
        let answering = Answering::new(CLICKED_SELECTOR, &CLICKED);
        on_root.push((
            "click",
            handler(Box::new(move |ev| {
                if let Some((el, i, value)) = answering.target(ev) {
                    clicked(ctx, &el, CLICKED[i], &value);
                }
            })),
        ));
        on_root.push(("input", handler(Box::new(move |ev| input(ctx, ev)))));
    }
    for (kind, f) in &on_root {
        let _ = root.add_event_listener_with_callback(kind, f.as_ref().unchecked_ref());
    }
    let bar_root = root.clone();
    let outside = web_sys::window().map(|w| {
        let f = handler(Box::new(move |ev| close_menu_outside(ctx, &bar_root, ev)));
        Occasional::new(w.into(), "pointerdown", f)
    });
    let link_focus = Occasional::new(root.clone().into(), "focusin", handler(Box::new(focusin)));
    Listening {
        root: root.clone(),
        on_root,
        outside,
        link_focus,
    }
}

/// The elements a click answers to.
const CLICKED_SELECTOR: &str = "[data-chem],[data-year],[data-toggle],[data-item],[data-view],[data-act],[data-select],[data-expand],[data-download],[data-close]";

/// The attributes a click answers to, the first an element has deciding
/// (the custom element's loader reads them through `clickAttributes()`).
/// Only a bar's or a table row's button has two (`data-toggle` and
/// `data-item`, the toggle deciding); the rest are in the order readers
/// use them most, so a chip's click reads one attribute and a mark's four.
pub const CLICKED: [&str; 10] = [
    "data-chem",
    "data-year",
    "data-toggle",
    "data-item",
    "data-view",
    "data-act",
    "data-select",
    "data-expand",
    "data-download",
    "data-close",
];

/// The elements a key press answers to.
const KEYED_SELECTOR: &str =
    "[data-index],[data-act],[data-view],[data-expand],[data-item],[data-card]";

/// The attributes a key press answers to.
const KEYED: [&str; 6] = [
    "data-index",
    "data-act",
    "data-view",
    "data-expand",
    "data-item",
    "data-card",
];

/// The shadow root or document the explainer is in.
fn root_of(el: &Element) -> web_sys::Node {
    el.get_root_node()
}

/// The first element matching `selector` in `root` (a shadow root, a
/// document or an element).
fn find(root: &web_sys::Node, selector: &str) -> Option<Element> {
    if let Some(f) = root.dyn_ref::<web_sys::DocumentFragment>() {
        f.query_selector(selector).ok().flatten()
    } else if let Some(d) = root.dyn_ref::<web_sys::Document>() {
        d.query_selector(selector).ok().flatten()
    } else {
        root.dyn_ref::<Element>()?
            .query_selector(selector)
            .ok()
            .flatten()
    }
}

/// Focuses an element (HTML and SVG elements both have `focus()`).
fn focus(el: &Element) {
    let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
}

/// Focuses the element matching `selector` in `root`, preferring one in the
/// view that is shown (a hidden view keeps its marks too).
fn focus_in(root: &web_sys::Node, selector: &str) {
    let shown = format!(".ssb-view:not([hidden]) {selector}");
    if let Some(el) = find(root, &shown).or_else(|| find(root, selector)) {
        focus(&el);
    }
}

/// The selector of an item's mark or button.
fn item_selector(id: &str) -> String {
    format!("[data-item=\"{}\"]", css_escape(id))
}

/// A click inside the explainer on `el`, the closest element to what was
/// clicked that has one of the attributes in [`CLICKED`]: `name` is the
/// first of them it has, `value` that attribute's value.
pub fn clicked(ctx: ExplainerContext, el: &Element, name: &str, value: &str) {
    match name {
        "data-close" => close_card(ctx, el),
        "data-download" => {
            let view = ctx.state.with_untracked(|s| s.view);
            if let Some(d) = share::download_named(view, value) {
                share::close_menu(ctx);
                focus_in(&root_of(el), "[data-act=menu]");
                share::download(ctx, d, el);
            }
        }
        "data-act" => match value {
            "menu" if ctx.widget.with_untracked(|w| w.share.open) => share::close_menu(ctx),
            "menu" => share::open_menu(ctx, true),
            "copy" => {
                if let Some(link) = share::link(ctx) {
                    share::copy(ctx, link);
                }
            }
            "dismiss" => ctx.source.set(DataState::Ready(Dataset::shared_built_in())),
            _ => controls::click(ctx, "data-act", value),
        },
        name @ ("data-chem" | "data-year" | "data-view") => controls::click(ctx, name, value),
        "data-expand" => expand(ctx, value),
        "data-select" => ctx.select_only(value),
        "data-toggle" => ctx.select(value),
        _ => {
            // A timeline mark: it keeps the chart's tab stop.
            ctx.update_widget(|w| w.active = Some(value.to_string()));
            ctx.select(value);
        }
    }
}

/// Expands the timeline lane of the chemistry `slug` ("+N more").
fn expand(ctx: ExplainerContext, slug: &str) {
    if let Some(c) = ChemistryId::from_slug(slug) {
        ctx.update_widget(|w| {
            if !w.expanded.contains(&c) {
                w.expanded.push(c)
            }
        });
    }
}

/// Closes the card `inside` is in, and puts focus back on its item's mark or
/// button.
fn close_card(ctx: ExplainerContext, inside: &Element) {
    let card = inside.closest("[data-card]").ok().flatten();
    if let Some(id) = card.and_then(|c| c.get_attribute("data-card")) {
        focus_in(&root_of(inside), &item_selector(&id));
    }
    ctx.unselect();
}

/// A key pressed inside the explainer.
fn keydown(
    ctx: ExplainerContext,
    scene: &LastScene,
    keyed: &Answering,
    ev: &web_sys::KeyboardEvent,
) {
    let Some((el, i, value)) = keyed.target(ev) else {
        return;
    };
    let key = ev.key();
    let root = root_of(&el);
    match KEYED[i] {
        "data-index" => {
            let view = ctx.state.with_untracked(|s| s.view);
            let n = crate::export::downloads(view).len();
            match menu_key(&key, value.parse().unwrap_or(0), n) {
                Some(MenuKey::Focus(i)) => {
                    ev.prevent_default();
                    focus_in(&root, &format!("[data-index=\"{i}\"]"));
                }
                Some(MenuKey::Close) => {
                    ev.prevent_default();
                    ev.stop_propagation();
                    share::close_menu(ctx);
                    focus_in(&root, "[data-act=menu]");
                }
                None if key == "Tab" => share::close_menu(ctx),
                None => {}
            }
        }
        "data-act" if value == "menu" => match key.as_str() {
            "ArrowDown" | "ArrowUp" => {
                ev.prevent_default();
                share::open_menu(ctx, key == "ArrowDown");
            }
            "Escape" if ctx.widget.with_untracked(|w| w.share.open) => {
                ev.prevent_default();
                share::close_menu(ctx);
            }
            _ => {}
        },
        "data-view" => {
            let Some(at) = view_of(&value) else { return };
            if let Some(v) = tab_key(&key, at) {
                ev.prevent_default();
                ctx.change(|s| s.view = v);
                focus_in(&root, &format!("#{}", ctx.id(&format!("tab-{}", v.slug()))));
            }
        }
        "data-expand" if key == "Enter" || key == " " => {
            ev.prevent_default();
            expand(ctx, &value);
        }
        // A timeline mark (a table's or a bar's button has no arrow keys).
        "data-item" if el.tag_name() == "g" => {
            let Some(scene) = scene() else {
                return;
            };
            match mark_key(&scene, &value, &key) {
                Some(KeyMove::Focus(j)) => {
                    ev.prevent_default();
                    let id = scene.marks[j].id.to_string();
                    if let Some(mark) = el
                        .closest("svg")
                        .ok()
                        .flatten()
                        .and_then(|svg| svg.query_selector(&item_selector(&id)).ok().flatten())
                    {
                        focus(&mark);
                    }
                    ctx.update_widget(|w| w.active = Some(id));
                }
                Some(KeyMove::Select) => {
                    ev.prevent_default();
                    ctx.update_widget(|w| w.active = Some(value.clone()));
                    ctx.select(&value);
                }
                Some(KeyMove::Close) => {
                    if let Some(id) = ctx.state.with_untracked(|s| s.selected.clone()) {
                        ctx.select(&id);
                    }
                }
                None => {}
            }
        }
        "data-card" if key == "Escape" => {
            ev.prevent_default();
            close_card(ctx, &el);
        }
        _ => {}
    }
}

/// An `input` event: the year slider.
fn input(ctx: ExplainerContext, ev: &web_sys::Event) {
    let Some(slider) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if slider.type_() == "range" {
        if let Ok(y) = slider.value().parse::<i32>() {
            year_input(ctx, y);
        }
    }
}

/// The reader moved the year slider to `year`.
pub fn year_input(ctx: ExplainerContext, year: i32) {
    controls::set_year(ctx, year);
}

/// Focus arriving on the link field: its text is selected, to copy.
pub fn focusin(ev: &web_sys::Event) {
    if let Some(field) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .filter(|f| f.class_name() == "ssb-share__link")
    {
        field.select();
    }
}

/// Closes the Download menu when the reader presses anywhere outside it.
fn close_menu_outside(ctx: ExplainerContext, root: &Element, ev: &web_sys::Event) {
    if ctx.widget.try_with_untracked(|w| w.share.open) != Some(true) {
        return;
    }
    let bar = root.query_selector(".ssb-share").ok().flatten();
    if !bar.is_some_and(|b| ev.composed_path().includes(&b, 0)) {
        share::close_menu(ctx);
    }
}

/// The `data-item` of the element that has focus inside `root`, if any.
pub fn focused_item(root: &Element) -> Option<String> {
    let tree = root.get_root_node();
    match tree.dyn_ref::<web_sys::ShadowRoot>() {
        Some(r) => r.active_element(),
        None => document().active_element(),
    }
    .filter(|a| root.contains(Some(a)))
    .and_then(|a| a.closest("[data-item]").ok().flatten())
    .and_then(|a| a.get_attribute("data-item"))
}

/// After a drawing: focus back on the mark that had it (if the drawing
/// moved it), on the element a handler asked for, or on a card the reader
/// opened from a mark or a table button. A card never takes focus for a
/// `selected` attribute or while the years play, so the host page keeps its
/// focus and its scroll position.
pub fn after_drawing(ctx: ExplainerContext, root: &Element, focused: Option<String>) {
    if let Some(id) = focused.filter(|id| focused_item(root).as_ref() != Some(id)) {
        focus_in(&root.clone().into(), &item_selector(&id));
    }
    if let Some(selector) = ctx.focus_after.try_update_value(Option::take).flatten() {
        focus_in(&root.clone().into(), &selector);
    }
    if ctx.reader_opened.try_update_value(std::mem::take) != Some(true) {
        return;
    }
    let Some(card) = root.query_selector("[data-card]").ok().flatten() else {
        return;
    };
    if opened_from_item(root) {
        focus(&card);
    }
}

/// Whether focus is on an item's mark or button (or nowhere) in `root`'s
/// tree: then a card that just opened may take it.
fn opened_from_item(root: &Element) -> bool {
    let tree = root.get_root_node();
    let active = if let Some(s) = tree.dyn_ref::<web_sys::ShadowRoot>() {
        s.active_element()
    } else if let Some(d) = tree.dyn_ref::<web_sys::Document>() {
        d.active_element()
    } else {
        None
    };
    match active {
        None => true,
        Some(a) => {
            a.closest("[data-item]").ok().flatten().is_some()
                || a.tag_name().eq_ignore_ascii_case("body")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn each_selector_names_exactly_its_attributes() {
        let selector = |names: &[&str]| {
            names
                .iter()
                .map(|n| format!("[{n}]"))
                .collect::<Vec<_>>()
                .join(",")
        };
        assert_eq!(CLICKED_SELECTOR, selector(&CLICKED));
        assert_eq!(KEYED_SELECTOR, selector(&KEYED));
    }
}
