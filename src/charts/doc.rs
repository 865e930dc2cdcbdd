//! Text views as data: a small tree of elements and texts that a view's pure
//! layout function returns and one renderer (`views::doc::DocView`) draws and
//! keeps up to date. Tables, lists, cards and disclosures are all built from
//! it, so the widget carries one rendering routine instead of a monomorphised
//! Leptos view type per table.
//!
//! Element names and attribute names are `&'static str`; values and texts are
//! data. An attribute named `style:<property>` is a CSS property, which the
//! renderer sets through CSSOM (a strict Content-Security-Policy allows that,
//! not a `style` attribute). A text is always a text node (never parsed as markup), and [`El::key`]
//! lets the renderer keep an item's DOM node, and what the reader did to it
//! (an open disclosure, focus), when the items around it change.

use std::borrow::Cow;
use std::sync::Arc;

/// An attribute's value: a `&'static str` is kept as is, data is owned (most
/// attributes are fixed words, so building a document allocates only for data).
pub type Value = Cow<'static, str>;

/// A piece of a document: an element or a text.
#[derive(Clone, Debug, Eq)]
pub enum Node {
    /// An element with its attributes and children.
    El(El),
    /// A text node (a fixed word is kept as is; data is owned).
    Text(Value),
    /// An element shared with earlier documents: one that does not change
    /// with the reader's state (a bar's label), built once per dataset. Two
    /// documents holding the same `Arc` compare equal without looking inside,
    /// so the renderer skips it at once.
    Shared(Arc<El>),
}

impl Node {
    /// The element, shared or not.
    pub fn as_el(&self) -> Option<&El> {
        match self {
            Node::El(e) => Some(e),
            Node::Shared(e) => Some(e),
            Node::Text(_) => None,
        }
    }
}

/// Whether two strings are the same: the same place in memory (a fixed
/// word written at one place in the code, a shared value) answers at once,
/// without comparing them byte by byte. The renderer compares every
/// attribute name and many values of two documents on each drawing, about
/// a thousand comparisons of a few bytes each, most of them of names that
/// are the same `&'static str`.
#[inline]
pub fn same_str(a: &str, b: &str) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

impl PartialEq for Node {
    fn eq(&self, other: &Node) -> bool {
        match (self, other) {
            (Node::El(a), Node::El(b)) => a == b,
            (Node::Text(a), Node::Text(b)) => same_str(a, b),
            (Node::Shared(a), Node::Shared(b)) => Arc::ptr_eq(a, b) || a == b,
            _ => false,
        }
    }
}

/// An element: one pointer to its [`ElData`], so a builder chain passes a
/// word from step to step instead of copying the element each time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct El(Box<ElData>);

impl std::ops::Deref for El {
    type Target = ElData;
    fn deref(&self) -> &ElData {
        &self.0
    }
}

impl std::ops::DerefMut for El {
    fn deref_mut(&mut self) -> &mut ElData {
        &mut self.0
    }
}

/// What an element is made of.
#[derive(Clone, Debug, Eq)]
pub struct ElData {
    /// Its tag name (`"table"`; SVG elements by their SVG names).
    pub tag: &'static str,
    /// Its attributes, in the order written.
    pub attrs: Vec<(&'static str, Value)>,
    /// Its children.
    pub kids: Vec<Node>,
    /// What identifies it among its siblings across updates (an item's id).
    pub key: Option<String>,
    /// Whether its keyed children that go are kept aside by the renderer and
    /// come back as the same elements (a chart's marks when a chemistry is
    /// toggled off and on).
    pub keeps: bool,
}

impl PartialEq for ElData {
    fn eq(&self, other: &ElData) -> bool {
        same_str(self.tag, other.tag)
            && self.keeps == other.keeps
            && self.attrs.len() == other.attrs.len()
            && self
                .attrs
                .iter()
                .zip(&other.attrs)
                .all(|((n, v), (m, w))| same_str(n, m) && same_str(v, w))
            && self.key == other.key
            && self.kids == other.kids
    }
}

/// Starts an element.
#[inline(never)]
pub fn el(tag: &'static str) -> El {
    El(Box::new(ElData {
        tag,
        attrs: Vec::new(),
        kids: Vec::new(),
        key: None,
        keeps: false,
    }))
}

/// Whether a tag is drawn in the SVG namespace.
pub fn is_svg(tag: &str) -> bool {
    matches!(
        tag,
        "svg" | "rect" | "path" | "text" | "g" | "line" | "circle"
    )
}

impl El {
    /// Adds an attribute.
    pub fn attr(self, name: &'static str, value: impl Into<Value>) -> El {
        self.push_attr(name, value.into())
    }

    #[inline(never)]
    fn push_attr(mut self, name: &'static str, value: Value) -> El {
        self.attrs.push((name, value));
        self
    }

    /// Sets the `class` attribute.
    pub fn class(self, class: impl Into<Value>) -> El {
        self.attr("class", class)
    }

    /// Adds a text child. An empty text adds nothing, and a text right
    /// after another joins it, as the DOM would have it after a parse.
    pub fn text(self, text: impl Into<Value>) -> El {
        self.push_text(text.into())
    }

    #[inline(never)]
    fn push_text(mut self, text: Value) -> El {
        if text.is_empty() {
            return self;
        }
        match self.kids.last_mut() {
            Some(Node::Text(last)) => last.to_mut().push_str(&text),
            _ => self.kids.push(Node::Text(text)),
        }
        self
    }

    /// Adds a child element (or nothing for `None`).
    pub fn kid(self, kid: impl Into<Option<El>>) -> El {
        match kid.into() {
            Some(k) => self.push_node(Node::El(k)),
            None => self,
        }
    }

    #[inline(never)]
    fn push_node(mut self, node: Node) -> El {
        self.kids.push(node);
        self
    }

    /// Adds child elements.
    pub fn kids(mut self, kids: impl IntoIterator<Item = El>) -> El {
        self.kids.extend(kids.into_iter().map(Node::El));
        self
    }

    /// Adds a shared child element.
    pub fn shared(self, kid: &Arc<El>) -> El {
        self.push_node(Node::Shared(kid.clone()))
    }

    /// Gives the element a key among its siblings.
    pub fn key(mut self, key: impl Into<String>) -> El {
        self.key = Some(key.into());
        self
    }

    /// Keeps its keyed children aside when they go (see [`ElData::keeps`]).
    pub fn keeping(mut self) -> El {
        self.keeps = true;
        self
    }

    /// An attribute's value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| same_str(n, name))
            .map(|(_, v)| v.as_ref())
    }

    /// All text inside, in order (what a reader hears, roughly).
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        collect_text(&self.kids, &mut out);
        out
    }

    /// Every element inside (depth first, this one first) with this tag.
    pub fn find_all<'a>(&'a self, tag: &str) -> Vec<&'a El> {
        let mut out = Vec::new();
        walk(self, &mut |e| {
            if e.tag == tag {
                out.push(e)
            }
        });
        out
    }

    /// Every element inside (this one first) whose class list has `class`.
    pub fn with_class<'a>(&'a self, class: &str) -> Vec<&'a El> {
        let mut out = Vec::new();
        walk(self, &mut |e| {
            if e.get("class")
                .is_some_and(|c| c.split(' ').any(|x| x == class))
            {
                out.push(e)
            }
        });
        out
    }
}

fn walk<'a>(e: &'a El, f: &mut impl FnMut(&'a El)) {
    f(e);
    for k in &e.kids {
        if let Some(c) = k.as_el() {
            walk(c, f);
        }
    }
}

fn collect_text(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::El(e) => collect_text(&e.kids, out),
            Node::Shared(e) => collect_text(&e.kids, out),
        }
    }
}

impl From<Arc<El>> for Node {
    fn from(e: Arc<El>) -> Node {
        Node::Shared(e)
    }
}

impl From<El> for Node {
    fn from(e: El) -> Node {
        Node::El(e)
    }
}

/// The nodes as HTML (server rendering and tests; the browser builds DOM
/// nodes instead).
pub fn to_html(nodes: &[Node]) -> String {
    let mut out = String::new();
    write_html(nodes, &mut out);
    out
}

fn write_html(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(&escape(t)),
            Node::El(_) | Node::Shared(_) => {
                let e = n.as_el().expect("an element");
                out.push('<');
                out.push_str(e.tag);
                let mut style = String::new();
                for (k, v) in &e.attrs {
                    if let Some(property) = k.strip_prefix("style:") {
                        style.push_str(&format!("{property}: {v}; "));
                        continue;
                    }
                    out.push(' ');
                    out.push_str(k);
                    out.push_str("=\"");
                    out.push_str(&escape(v));
                    out.push('"');
                }
                if !style.is_empty() {
                    out.push_str(" style=\"");
                    out.push_str(&escape(style.trim_end()));
                    out.push('"');
                }
                out.push('>');
                write_html(&e.kids, out);
                out.push_str("</");
                out.push_str(e.tag);
                out.push('>');
            }
        }
    }
}

/// Escapes text for an XML text node or a quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// How many nodes `nodes` hold, all the way down.
pub fn node_count(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| 1 + n.as_el().map_or(0, |e| node_count(&e.kids)))
        .sum()
}

/// `nodes` as markup that the browser's parser, inside an `<svg>`, turns back
/// into exactly these nodes, one DOM node for each, so the renderer can build
/// a chart with one parse instead of a call per element and attribute. `None`
/// when it would not come back the same: an element that is not SVG (HTML
/// inside SVG breaks out of it), an empty text (dropped) or two texts side by
/// side (merged). Texts and values are escaped, so data never becomes markup.
pub fn svg_markup(nodes: &[Node]) -> Option<String> {
    fits_svg(nodes).then(|| to_html(nodes))
}

/// Whether `nodes` parse back the same inside an `<svg>` ([`svg_markup`]).
fn fits_svg(nodes: &[Node]) -> bool {
    let mut after_text = false;
    nodes.iter().all(|n| {
        let fits = match n {
            Node::Text(t) => !t.is_empty() && !after_text,
            _ => n.as_el().is_some_and(|e| {
                is_svg(e.tag)
                    && !e.attrs.iter().any(|(k, _)| k.starts_with("style:"))
                    && fits_svg(&e.kids)
            }),
        };
        after_text = matches!(n, Node::Text(_));
        fits
    })
}

/// `nodes` as markup that the browser's HTML parser (in a `<template>`)
/// turns back into exactly these nodes, so the renderer can draw a first
/// screen with one parse instead of a call per element and attribute. `None`
/// when it might not come back the same. The check is conservative and
/// knows only the tags the widget uses: a block element inside a paragraph or
/// any other phrasing element (the parser would close the paragraph), a
/// button in a button, a list item in a list item, a table part out of its
/// place or text between table parts (it would be moved), an unknown tag, a
/// `style:` attribute (set through CSSOM only), an empty text or two texts
/// side by side. SVG inside follows [`svg_markup`]'s rules. Texts and values
/// are escaped, so data never becomes markup.
pub fn html_markup(nodes: &[Node]) -> Option<String> {
    let top = HtmlContext {
        phrasing: false,
        in_button: false,
        in_li: false,
        parent: "",
    };
    fits_html(nodes, top).then(|| to_html(nodes))
}

/// The phrasing elements the widget uses: all that may stand inside a
/// paragraph, a heading or another phrasing element.
const PHRASING: [&str; 10] = [
    "span", "strong", "code", "cite", "time", "output", "label", "button", "input", "svg",
];

/// What the parent of some nodes allows them to be, for [`html_markup`].
#[derive(Clone, Copy)]
struct HtmlContext {
    /// Only phrasing content (inside a paragraph, heading, span, button…).
    phrasing: bool,
    /// Inside a button.
    in_button: bool,
    /// Inside a list item, with no list in between.
    in_li: bool,
    /// The parent's tag.
    parent: &'static str,
}

fn fits_html(nodes: &[Node], cx: HtmlContext) -> bool {
    let table_part = matches!(cx.parent, "table" | "thead" | "tbody" | "tr");
    let mut after_text = false;
    nodes.iter().all(|n| {
        let fits = match n {
            Node::Text(t) => !t.is_empty() && !after_text && !table_part,
            _ => n.as_el().is_some_and(|e| fits_html_el(e, cx)),
        };
        after_text = matches!(n, Node::Text(_));
        fits
    })
}

fn fits_html_el(e: &El, cx: HtmlContext) -> bool {
    let tag = e.tag;
    if e.attrs.iter().any(|(k, _)| k.starts_with("style:")) {
        return false;
    }
    let in_place = match tag {
        "caption" | "thead" | "tbody" => cx.parent == "table",
        "tr" => matches!(cx.parent, "thead" | "tbody"),
        "th" | "td" => cx.parent == "tr",
        _ => !matches!(cx.parent, "table" | "thead" | "tbody" | "tr"),
    };
    let phrasing = PHRASING.contains(&tag);
    let known = phrasing
        || matches!(
            tag,
            "div"
                | "section"
                | "article"
                | "header"
                | "details"
                | "summary"
                | "fieldset"
                | "legend"
                | "ul"
                | "ol"
                | "li"
                | "p"
                | "h2"
                | "h3"
                | "h4"
                | "table"
                | "caption"
                | "thead"
                | "tbody"
                | "tr"
                | "th"
                | "td"
        );
    if !in_place
        || !known
        || (cx.phrasing && !phrasing)
        || (tag == "button" && cx.in_button)
        || (tag == "li" && cx.in_li)
    {
        return false;
    }
    match tag {
        "input" => e.kids.is_empty(),
        // Inside, SVG's own rules.
        "svg" => fits_svg(&e.kids),
        _ => fits_html(
            &e.kids,
            HtmlContext {
                phrasing: cx.phrasing
                    || (PHRASING.contains(&tag) && !matches!(tag, "input" | "svg"))
                    || matches!(
                        tag,
                        "p" | "h2" | "h3" | "h4" | "caption" | "legend" | "summary"
                    ),
                in_button: cx.in_button || tag == "button",
                in_li: (cx.in_li || tag == "li") && !matches!(tag, "ul" | "ol"),
                parent: tag,
            },
        ),
    }
}

/// Which old child each new child takes over: by key where the new one has a
/// key, else by position among unkeyed children; the tag must match. `None`:
/// create it. Pure, so the renderer's reuse rule is tested natively.
///
/// A keyed child is looked for first just after the last one found, so a
/// list that keeps its order (a year step, one item more or less) is paired
/// in one pass, not by a search from the start for every child.
pub fn pair_children(old: &[Node], new: &[Node]) -> Vec<Option<usize>> {
    let mut used = vec![false; old.len()];
    let mut next = 0;
    new.iter()
        .enumerate()
        .map(|(i, n)| {
            let found = match n.as_el() {
                Some(e) => match &e.key {
                    Some(k) => {
                        let same = |o: &Node| {
                            o.as_el()
                                .is_some_and(|x| x.key.as_ref() == Some(k) && x.tag == e.tag)
                        };
                        let at = match old.get(next) {
                            Some(o) if same(o) => Some(next),
                            _ => old.iter().position(same),
                        };
                        if let Some(j) = at {
                            next = j + 1;
                        }
                        at
                    }
                    None => match old.get(i).and_then(Node::as_el) {
                        Some(x) if x.key.is_none() && x.tag == e.tag => Some(i),
                        _ => None,
                    },
                },
                None => matches!(old.get(i), Some(Node::Text(_))).then_some(i),
            };
            let found = found.filter(|&j| !used[j]);
            if let Some(j) = found {
                used[j] = true;
            }
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn documents_built_apart_compare_by_content_not_by_place() {
        let mark = |name: String, id: &str| {
            el("g")
                .class("ssb-tl__item")
                .attr("aria-label", name)
                .key(id)
                .text(format!("Nio {}", 2024))
        };
        let a = mark("Nio, shipped".to_string(), "nio");
        // The same content, every string in its own allocation.
        assert_eq!(a, mark(String::from("Nio, shipped"), "nio"));
        assert_eq!(
            Node::El(a.clone()),
            Node::El(mark("Nio, shipped".into(), "nio"))
        );
        // One byte apart, at the same length, in a value, a text, a key.
        assert_ne!(a, mark("Nio, shippeD".to_string(), "nio"));
        assert_ne!(a, mark("Nio, shipped".to_string(), "nia"));
        assert_ne!(
            a,
            el("g")
                .class("ssb-tl__item")
                .attr("aria-label", "Nio, shipped")
                .key("nio")
                .text("Nio 2025")
        );
        // A name at another place, and a name spelled the same elsewhere.
        let named = |n: &'static str| el("g").attr(n, "1");
        assert_ne!(named("x1"), named("x2"));
        let elsewhere: &'static str = Box::leak(String::from("x1").into_boxed_str());
        assert_eq!(named("x1"), named(elsewhere));
        // An element shared and the same element not shared stay apart (the
        // renderer treats them differently); two shares of equal elements
        // are equal.
        let shared = Arc::new(mark("Nio, shipped".into(), "nio"));
        assert_ne!(Node::Shared(shared.clone()), Node::El(a.clone()));
        assert_eq!(Node::Shared(shared), Node::Shared(Arc::new(a)));
        assert!(same_str("ab", &String::from("ab")));
        assert!(!same_str("ab", "ba"));
    }

    #[test]
    fn svg_markup_is_offered_only_for_what_parses_back_the_same() {
        let mark = || {
            el("g")
                .attr("transform", "translate(3,4)")
                .kid(el("rect").attr("width", "5"))
                .kid(el("text").text("Sulfide & <oxide>"))
        };
        assert_eq!(
            svg_markup(&[mark().into()]).as_deref(),
            Some("<g transform=\"translate(3,4)\"><rect width=\"5\"></rect><text>Sulfide &amp; &lt;oxide&gt;</text></g>")
        );
        assert_eq!(node_count(&[mark().into()]), 4);
        // HTML inside SVG, an empty text and two texts side by side would not
        // (the builder never makes the last two: see below).
        assert_eq!(svg_markup(&[el("g").kid(el("div")).into()]), None);
        let text = |t: &[&'static str]| {
            let mut e = el("text");
            e.kids = t.iter().map(|t| Node::Text((*t).into())).collect();
            Node::El(e)
        };
        assert_eq!(svg_markup(&[text(&[""])]), None);
        assert_eq!(svg_markup(&[text(&["a", "b"])]), None);
        let hostile = el("text").text("</text><script>x()</script>");
        assert!(!svg_markup(&[hostile.into()]).unwrap().contains("<script"));
    }

    use super::*;

    #[test]
    fn texts_are_built_as_the_dom_holds_them_empty_ones_dropped_neighbours_joined() {
        let p = el("p")
            .text("")
            .text("a")
            .text(String::from("b"))
            .kid(el("br"))
            .text("c");
        assert_eq!(p.kids.len(), 3);
        assert_eq!(p.kids[0], Node::Text("ab".into()));
        assert_eq!(to_html(&[p.into()]), "<p>ab<br></br>c</p>");
    }

    #[test]
    fn html_markup_is_offered_only_for_what_the_parser_keeps() {
        let ok = |e: El| html_markup(&[e.into()]).is_some();
        assert!(ok(
            el("div").kid(el("p").kid(el("strong").text("x")).text("y"))
        ));
        assert!(ok(el("ul").kid(el("li").kid(el("ul").kid(el("li"))))));
        assert!(ok(el("div").kid(
            el("table").kid(el("caption").text("c")).kid(
                el("tbody").kid(
                    el("tr")
                        .kid(el("th").text("h"))
                        .kid(el("td").kid(el("span")))
                )
            )
        )));
        assert!(ok(el("button")
            .kid(el("span").text("a"))
            .kid(el("svg").kid(el("rect")))));
        // What the parser would change: a block in a paragraph, a button in a
        // button, an item in an item, a row outside a table, text between rows,
        // HTML in SVG, an unknown tag, a CSSOM-only offset.
        assert!(!ok(el("p").kid(el("div"))));
        assert!(!ok(el("span").kid(el("ul"))));
        assert!(!ok(el("button").kid(el("span").kid(el("button")))));
        assert!(!ok(el("li").kid(el("div").kid(el("li")))));
        assert!(!ok(el("div").kid(el("tr"))));
        assert!(!ok(el("table").kid(el("tbody").text("x"))));
        assert!(!ok(el("svg").kid(el("div"))));
        assert!(!ok(el("marquee")));
        assert!(!ok(el("div").attr("style:margin-top", "4px")));
        // Data stays text.
        let hostile = html_markup(&[el("p").text("</p><script>x()</script>").into()]).unwrap();
        assert!(!hostile.contains("<script"));
    }

    #[test]
    fn html_escapes_data_and_keeps_structure() {
        let d = el("p")
            .class("a\"b")
            .text("<script>&")
            .kid(el("strong").text("x"));
        assert_eq!(
            to_html(&[d.into()]),
            "<p class=\"a&quot;b\">&lt;script&gt;&amp;<strong>x</strong></p>"
        );
    }

    #[test]
    fn keyed_children_follow_their_key_and_unkeyed_their_place() {
        let a = || el("li").key("a");
        let b = || el("li").key("b");
        let old: Vec<Node> = vec![a().into(), b().into(), el("p").into()];
        // b moves first, a new item appears, the paragraph stays in place 2.
        let new: Vec<Node> = vec![b().into(), el("li").key("c").into(), el("p").into()];
        assert_eq!(pair_children(&old, &new), vec![Some(1), None, Some(2)]);
        // Another tag at the same place is created, not patched.
        let new: Vec<Node> = vec![el("div").into(), Node::Text("x".into())];
        assert_eq!(pair_children(&old, &new), vec![None, None]);
        // A key is taken once.
        let new: Vec<Node> = vec![a().into(), a().into()];
        assert_eq!(pair_children(&old, &new), vec![Some(0), None]);
        // A long list with one item gone and one new, and the same reversed:
        // every kept key finds its old child.
        let list = |keys: &[String]| -> Vec<Node> {
            keys.iter()
                .map(|k| el("li").key(k.clone()).into())
                .collect()
        };
        let keys: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        let mut changed = keys.clone();
        changed.remove(10);
        changed.insert(20, "new".into());
        let pairs = pair_children(&list(&keys), &list(&changed));
        let expected: Vec<Option<usize>> = changed
            .iter()
            .map(|k| keys.iter().position(|o| o == k))
            .collect();
        assert_eq!(pairs, expected);
        assert_eq!(pairs[20], None);
        changed.reverse();
        let pairs = pair_children(&list(&keys), &list(&changed));
        assert_eq!(pairs[0], Some(39));
        assert_eq!(pairs.iter().flatten().count(), 39);
    }

    #[test]
    fn queries_find_by_tag_class_and_text() {
        let d = el("ul")
            .kid(el("li").class("x y").text("one"))
            .kid(el("li").class("y").text("two"));
        assert_eq!(d.find_all("li").len(), 2);
        assert_eq!(d.with_class("x").len(), 1);
        assert_eq!(d.text_content(), "onetwo");
    }
}
