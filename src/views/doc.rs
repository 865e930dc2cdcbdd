//! The one renderer: draws a document ([`crate::charts::doc`]) into the DOM
//! and keeps it up to date.
//!
//! A new document is compared with the one on screen, child by child: an
//! element with the same key (or, unkeyed, at the same place with the same
//! tag) is kept and only its changed attributes and texts are written, so an
//! open disclosure, the focused button and the scroll position survive a
//! year step. Attributes the document never set (a disclosure's `open`) are
//! left alone. Parts shared with the last document (the same `Arc`) are
//! skipped at once.

#[cfg(target_arch = "wasm32")]
pub use draw::{patch, Drawn, Spare};

/// The DOM side: creates nodes and patches them.
#[cfg(target_arch = "wasm32")]
mod draw {
    use crate::charts::doc::{
        html_markup, is_svg, node_count, pair_children, same_str, svg_markup, Node,
    };
    use std::cell::Cell;
    use web_sys::Document;

    const SVG_NS: &str = "http://www.w3.org/2000/svg";

    thread_local! {
        /// Whether the page refused `innerHTML` (a Trusted Types policy):
        /// then every node is built one call at a time.
        static PARSE_REFUSED: Cell<bool> = const { Cell::new(false) };
    }

    /// `nodes` built by the browser's parser: one call and one string instead
    /// of a call per element and attribute (and a string per attribute).
    /// Children of SVG elements parse inside a holder `<svg>`
    /// ([`svg_markup`]); anything else (an `<svg>` among it included) inside a
    /// `<template>` ([`html_markup`]), whose content is one fragment to
    /// insert. `None` when `nodes` are small, would not parse back the same,
    /// or the page refuses `innerHTML` (a Trusted Types policy).
    fn parsed(doc: &Document, nodes: &[Node]) -> Option<web_sys::Node> {
        use wasm_bindgen::JsCast;
        if node_count(nodes) < 4 || PARSE_REFUSED.get() {
            return None;
        }
        let in_svg = nodes
            .iter()
            .filter_map(Node::as_el)
            .any(|e| is_svg(e.tag) && e.tag != "svg");
        let (holder, markup) = if in_svg {
            (
                doc.create_element_ns(Some(SVG_NS), "svg").ok()?,
                svg_markup(nodes)?,
            )
        } else {
            (doc.create_element("template").ok()?, html_markup(nodes)?)
        };
        let set = js_sys::Reflect::set(&holder, &"innerHTML".into(), &markup.into());
        if set.is_err() {
            PARSE_REFUSED.set(true);
            return None;
        }
        let parsed: web_sys::Node = match holder.dyn_into::<web_sys::HtmlTemplateElement>() {
            Ok(template) => template.content().into(),
            Err(svg) => svg.into(),
        };
        (parsed.child_nodes().length() as usize == nodes.len()).then_some(parsed)
    }

    fn create(doc: &Document, n: &Node) -> web_sys::Node {
        match n {
            Node::Text(t) => doc.create_text_node(t).into(),
            Node::El(_) | Node::Shared(_) => {
                let e = n.as_el().expect("an element");
                let el = if is_svg(e.tag) {
                    doc.create_element_ns(Some(SVG_NS), e.tag)
                } else {
                    doc.create_element(e.tag)
                }
                // Not `expect`: its message would format the JS error with
                // `Debug`, which brings wasm-bindgen's value printer into the
                // module and the loader (361 B brotli for a message).
                .unwrap_or_else(|_| panic!("could not create an element"));
                for (k, v) in &e.attrs {
                    set(&el, k, v);
                }
                for k in &e.kids {
                    let _ = el.append_child(&create(doc, k));
                }
                el.into()
            }
        }
    }

    /// Sets an attribute; a `style:` one is a CSS property, set through
    /// CSSOM (which a strict Content-Security-Policy allows). Only a `style:`
    /// attribute asks what kind of element it is on.
    fn set(el: &web_sys::Element, k: &str, v: &str) {
        match k
            .strip_prefix("style:")
            .and_then(|p| html(el).map(|h| (p, h)))
        {
            Some((property, html)) => {
                let _ = html.style().set_property(property, v);
            }
            None => {
                let _ = el.set_attribute(k, v);
            }
        }
    }

    /// Removes an attribute (a `style:` one from the element's CSSOM style).
    fn unset(el: &web_sys::Element, k: &str) {
        match k
            .strip_prefix("style:")
            .and_then(|p| html(el).map(|h| (p, h)))
        {
            Some((property, html)) => {
                let _ = html.style().remove_property(property);
            }
            None => {
                let _ = el.remove_attribute(k);
            }
        }
    }

    fn html(el: &web_sys::Element) -> Option<&web_sys::HtmlElement> {
        use wasm_bindgen::JsCast;
        el.dyn_ref::<web_sys::HtmlElement>()
    }

    /// What the renderer knows of a node it drew: the DOM node, once it was
    /// asked for, and the same for its children, in the order of the
    /// document they were drawn from. A later patch goes straight to the
    /// node it changes instead of asking the DOM for each level's children
    /// again (a year step changes a few marks deep in the chart).
    #[derive(Default)]
    pub struct Drawn {
        node: Option<web_sys::Node>,
        kids: Vec<Drawn>,
    }

    /// Keyed children taken off the screen by an element that keeps them
    /// ([`crate::charts::doc::El::keeping`]), with what they showed, to come
    /// back (a chart's marks when a chemistry is toggled off and on). At most
    /// one per key and tag.
    pub type Spare = Vec<(Node, web_sys::Node, Vec<Drawn>)>;

    /// Makes `parent`'s children (drawn from `old`, known as `drawn`) show
    /// `new`, and `drawn` what it shows.
    ///
    /// Equal subtrees are skipped without a call into the DOM, and when every
    /// child keeps its place nothing is moved: a toggle touches only the
    /// elements whose attributes or texts changed. With `spare`, keyed
    /// children that go are kept there, and a new child with the key of a
    /// spare one is patched from it instead of built (only under an element
    /// that keeps them, `keep`; deeper down, each element says). Where children move,
    /// their order is followed in Rust, so the DOM is asked for each old
    /// child at most once and told only about the moves.
    pub fn patch(
        doc: &Document,
        parent: &web_sys::Node,
        old: &[Node],
        new: &[Node],
        drawn: &mut Vec<Drawn>,
        spare: &mut Spare,
        keep: bool,
    ) {
        if old == new {
            return;
        }
        // Children drawn by a parse or created whole are asked for when needed.
        if drawn.len() != old.len() {
            drawn.clear();
            drawn.resize_with(old.len(), Drawn::default);
        }
        // A first drawing (the screen, a chart's marks): one parse for all of it.
        if old.is_empty() && (!keep || spare.is_empty()) {
            if let Some(holder) = parsed(doc, new) {
                // Before anything that is not ours (Leptos may leave a marker).
                let after = parent.first_child();
                if holder.node_type() == web_sys::Node::DOCUMENT_FRAGMENT_NODE {
                    let _ = parent.insert_before(&holder, after.as_ref());
                } else {
                    while let Some(node) = holder.first_child() {
                        let _ = parent.insert_before(&node, after.as_ref());
                    }
                }
                drawn.resize_with(new.len(), Drawn::default);
                return;
            }
        }
        let pairs = pair_children(old, new);
        let in_place =
            old.len() == new.len() && pairs.iter().enumerate().all(|(i, p)| *p == Some(i));
        if in_place {
            let mut dom = None;
            for (i, ((o, n), known)) in old.iter().zip(new).zip(drawn.iter_mut()).enumerate() {
                if o == n {
                    continue;
                }
                if known.node.is_none() {
                    known.node = dom
                        .get_or_insert_with(|| parent.child_nodes())
                        .item(i as u32);
                }
                if let Some(d) = &known.node {
                    update(doc, d, o, n, &mut known.kids, spare);
                }
            }
            return;
        }
        // The old children, each asked for once if not known. They come
        // first; what follows them is not ours (Leptos may leave a marker)
        // and stays last.
        let next = if drawn.iter().any(|k| k.node.is_none()) {
            let mut at = parent.first_child();
            for known in drawn.iter_mut() {
                let here = at.take();
                at = here.as_ref().and_then(|d| d.next_sibling());
                known.node = here;
            }
            at
        } else {
            match drawn.last().and_then(|k| k.node.as_ref()) {
                Some(last) => last.next_sibling(),
                None => parent.first_child(),
            }
        };
        let mut existing: Vec<Drawn> = std::mem::take(drawn);
        // What goes is removed first, so what stays in the same order is
        // already in place and is not moved (a moved element loses focus).
        let mut kept = vec![false; old.len()];
        for &j in pairs.iter().flatten() {
            kept[j] = true;
        }
        // The DOM's children from here on, as old indices (`usize::MAX`: new).
        let mut order: Vec<usize> = Vec::with_capacity(new.len());
        let mut nodes: Vec<web_sys::Node> = Vec::with_capacity(new.len());
        for (j, (known, o)) in existing.iter_mut().zip(old).enumerate() {
            let Some(d) = &known.node else { continue };
            if kept[j] {
                order.push(j);
                nodes.push(d.clone());
                continue;
            }
            let _ = parent.remove_child(d);
            if keep && o.as_el().is_some_and(|e| e.key.is_some()) {
                spare.push((o.clone(), d.clone(), std::mem::take(&mut known.kids)));
            }
        }
        for (i, (n, pair)) in new.iter().zip(pairs).enumerate() {
            let reused = pair.and_then(|j| existing[j].node.clone().map(|d| (j, d)));
            let (j, node, kids) = match reused {
                Some((j, d)) => {
                    let mut kids = std::mem::take(&mut existing[j].kids);
                    if old[j] != *n {
                        update(doc, &d, &old[j], n, &mut kids, spare);
                    }
                    (j, d, kids)
                }
                None => match take_spare(keep, spare, n) {
                    Some((o, d, mut kids)) => {
                        update(doc, &d, &o, n, &mut kids, spare);
                        (usize::MAX, d, kids)
                    }
                    None => (usize::MAX, create(doc, n), Vec::new()),
                },
            };
            drawn.push(Drawn {
                node: Some(node.clone()),
                kids,
            });
            if j != usize::MAX && order.get(i) == Some(&j) {
                continue;
            }
            let _ = parent.insert_before(&node, nodes.get(i).or(next.as_ref()));
            if let Some(at) = order.iter().position(|&k| k == j && j != usize::MAX) {
                order.remove(at);
                nodes.remove(at);
            }
            order.insert(i, j);
            nodes.insert(i, node);
        }
    }

    /// The spare child with `n`'s key and tag, taken out of `spare`.
    fn take_spare(
        keep: bool,
        spare: &mut Spare,
        n: &Node,
    ) -> Option<(Node, web_sys::Node, Vec<Drawn>)> {
        let e = n.as_el().filter(|_| keep)?;
        e.key.as_ref()?;
        let i = spare
            .iter()
            .position(|(o, ..)| o.as_el().is_some_and(|o| o.key == e.key && o.tag == e.tag))?;
        Some(spare.swap_remove(i))
    }

    fn update(
        doc: &Document,
        d: &web_sys::Node,
        old: &Node,
        new: &Node,
        kids: &mut Vec<Drawn>,
        spare: &mut Spare,
    ) {
        use wasm_bindgen::JsCast;
        match (old, new) {
            (Node::Text(a), Node::Text(b)) if a != b => d.set_node_value(Some(b)),
            (Node::Text(_), _) | (_, Node::Text(_)) => {}
            (a, b) => {
                let (Some(a), Some(b)) = (a.as_el(), b.as_el()) else {
                    return;
                };
                let el = d.unchecked_ref::<web_sys::Element>();
                for (i, (k, v)) in b.attrs.iter().enumerate() {
                    // Mostly the same names in the same order: the one at
                    // the same place first, then a search.
                    let before = match a.attrs.get(i) {
                        Some((n, w)) if same_str(n, k) => Some(w.as_ref()),
                        _ => a.get(k),
                    };
                    if !before.is_some_and(|w| same_str(w, v)) {
                        set(el, k, v);
                        // A range or text field the reader moved no longer
                        // follows its attribute: set what it shows.
                        if *k == "value" {
                            if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                                input.set_value(v);
                            }
                        }
                    }
                }
                for (i, (k, _)) in a.attrs.iter().enumerate() {
                    let kept =
                        b.attrs.get(i).is_some_and(|(n, _)| same_str(n, k)) || b.get(k).is_some();
                    if !kept {
                        unset(el, k);
                    }
                }
                patch(doc, d, &a.kids, &b.kids, kids, spare, b.keeps);
            }
        }
    }
}

/// The patcher against a real DOM: keyed children that move keep their
/// elements, what is not ours stays after our children, a child kept aside
/// comes back as the same element, and the nodes the renderer keeps
/// (`Drawn`) follow the document through all of it, so every patch writes
/// to the element that shows the changed part.
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::draw::{patch, Drawn, Spare};
    use crate::charts::doc::{el, Node};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn li(key: &'static str) -> Node {
        Node::El(el("li").key(key).text(key))
    }

    #[wasm_bindgen_test]
    fn moved_children_keep_their_elements_before_a_node_that_is_not_ours() {
        let document = web_sys::window().unwrap().document().unwrap();
        let parent = document.create_element("ul").unwrap();
        let marker = document.create_comment("not ours");
        parent.append_child(&marker).unwrap();
        let kids = |p: &web_sys::Element| -> Vec<web_sys::Node> {
            let list = p.child_nodes();
            (0..list.length()).filter_map(|i| list.item(i)).collect()
        };
        let texts = |p: &web_sys::Element| -> Vec<String> {
            kids(p)
                .iter()
                .map(|n| n.text_content().unwrap_or_default())
                .collect()
        };
        let mut spare = Spare::new();
        let mut drawn: Vec<Drawn> = Vec::new();
        let first = vec![li("a"), li("b"), li("c")];
        patch(
            &document,
            &parent,
            &[],
            &first,
            &mut drawn,
            &mut spare,
            true,
        );
        assert_eq!(texts(&parent), ["a", "b", "c", "not ours"]);
        let (a, b, c) = (
            kids(&parent)[0].clone(),
            kids(&parent)[1].clone(),
            kids(&parent)[2].clone(),
        );

        let second = vec![li("c"), li("a"), li("d")];
        patch(
            &document, &parent, &first, &second, &mut drawn, &mut spare, true,
        );
        assert_eq!(texts(&parent), ["c", "a", "d", "not ours"]);
        assert!(
            kids(&parent)[0] == c && kids(&parent)[1] == a,
            "moved, not rebuilt"
        );
        assert_eq!(spare.len(), 1, "b is kept aside");

        let third = vec![li("b"), li("c")];
        patch(
            &document, &parent, &second, &third, &mut drawn, &mut spare, true,
        );
        assert_eq!(texts(&parent), ["b", "c", "not ours"]);
        assert!(kids(&parent)[0] == b, "b came back as the same element");
        assert!(kids(&parent)[1] == c);
    }
    /// A keyed item with a figure deep inside: `li > p > b > text`.
    fn item(key: &'static str, figure: &str) -> Node {
        Node::El(
            el("li")
                .key(key)
                .kid(el("p").text(key).kid(el("b").text(figure.to_string()))),
        )
    }

    #[wasm_bindgen_test]
    fn patches_reach_the_right_elements_through_moves_and_returns() {
        let document = web_sys::window().unwrap().document().unwrap();
        let list = document.create_element("ul").unwrap();
        let shown = || -> Vec<String> {
            let items = list.query_selector_all("li").unwrap();
            (0..items.length())
                .map(|i| items.item(i).unwrap().text_content().unwrap_or_default())
                .collect()
        };
        let (mut drawn, mut spare) = (Vec::<Drawn>::new(), Spare::new());
        let steps: Vec<Vec<Node>> = vec![
            vec![item("a", "1"), item("b", "1"), item("c", "1")],
            // Deep changes in place (every item's nodes become known).
            vec![item("a", "2"), item("b", "2"), item("c", "2")],
            // b goes aside, c moves first, a changes.
            vec![item("c", "2"), item("a", "3")],
            // b comes back changed, a new one comes, c changes.
            vec![
                item("c", "4"),
                item("b", "4"),
                item("a", "3"),
                item("d", "1"),
            ],
            // Changes deep in each, in place, after the moves.
            vec![
                item("c", "5"),
                item("b", "5"),
                item("a", "5"),
                item("d", "5"),
            ],
        ];
        let mut old: &[Node] = &[];
        for (i, new) in steps.iter().enumerate() {
            patch(&document, &list, old, new, &mut drawn, &mut spare, true);
            let expected: Vec<String> = new
                .iter()
                .map(|n| n.as_el().unwrap().text_content())
                .collect();
            assert_eq!(shown(), expected, "step {i}");
            old = new;
        }
        assert_eq!(list.child_element_count(), 4, "nothing left over");
    }
}

/// A first drawing parsed in one go is node for node the document: every
/// screen the widget draws, in every view and mode, compared with the DOM
/// the parser made of it.
#[cfg(all(test, target_arch = "wasm32"))]
mod parse_tests {
    use super::draw::{patch, Spare};
    use crate::charts::doc::{is_svg, Node};
    use crate::screen::test_inputs::{every_view_and_mode, Inputs};
    use crate::screen::Screen;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// Where `dom`'s children differ from `nodes`, if anywhere.
    fn differs(dom: &web_sys::Node, nodes: &[Node], at: &str) -> Option<String> {
        let list = dom.child_nodes();
        if list.length() as usize != nodes.len() {
            return Some(format!(
                "{at}: {} children, not {}",
                list.length(),
                nodes.len()
            ));
        }
        for (i, n) in nodes.iter().enumerate() {
            let d = list.item(i as u32)?;
            let here = format!("{at}/{i}");
            match n {
                Node::Text(t) => {
                    if d.node_type() != web_sys::Node::TEXT_NODE
                        || d.node_value().as_deref() != Some(t)
                    {
                        return Some(format!("{here}: text {t:?}"));
                    }
                }
                _ => {
                    let e = n.as_el()?;
                    let el = d.dyn_ref::<web_sys::Element>()?;
                    let svg = el.namespace_uri().as_deref() == Some("http://www.w3.org/2000/svg");
                    if el.local_name() != e.tag || svg != is_svg(e.tag) {
                        return Some(format!("{here}: <{}> for <{}>", el.local_name(), e.tag));
                    }
                    // `style:` offsets are one `style` attribute (CSSOM).
                    let styled = e
                        .attrs
                        .iter()
                        .filter(|(k, _)| k.starts_with("style:"))
                        .count();
                    let count = e.attrs.len() - styled + usize::from(styled > 0);
                    if el.get_attribute_names().length() as usize != count {
                        return Some(format!("{here} <{}>: attributes", e.tag));
                    }
                    for (k, v) in e.attrs.iter().filter(|(k, _)| !k.starts_with("style:")) {
                        if el.get_attribute(k).as_deref() != Some(v.as_ref()) {
                            return Some(format!("{here} <{}>: {k}", e.tag));
                        }
                    }
                    if let Some(why) = differs(&d, &e.kids, &format!("{here}<{}>", e.tag)) {
                        return Some(why);
                    }
                }
            }
        }
        None
    }

    #[wasm_bindgen_test]
    fn every_screen_parsed_in_one_go_is_the_document() {
        let document = web_sys::window().unwrap().document().unwrap();
        for state in every_view_and_mode() {
            let label = format!(
                "{:?} table={} {:?}",
                state.view, state.as_table, state.selected
            );
            let mut inputs = Inputs::new(state);
            inputs.width = 900;
            inputs.id_prefix = "p";
            let nodes = Screen::default().draw(&inputs.frame());
            let root = document.create_element("div").unwrap();
            patch(
                &document,
                &root,
                &[],
                &nodes,
                &mut Vec::new(),
                &mut Spare::new(),
                false,
            );
            let why = differs(&root, &nodes, "");
            assert_eq!(why, None, "{label}");
        }
    }
}
