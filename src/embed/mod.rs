//! The Rust side of `<ssb-explainer>` (browser only): mounting into the
//! element's shadow root, attributes, the `ssb-change` event, taking in a
//! `data-src` dataset, and the panic hook that replaces every dead widget with
//! a message.
//!
//! The custom element class is JavaScript (`js/ssb-explainer.js`): it calls
//! [`mount`], forwards attribute changes, and fetches `data-src` (streamed, with
//! a byte cap, a time limit and cancellation), has the `data-src` reader
//! (`reader/`, a second small wasm loaded only then) read and check it, and
//! hands the baked dataset to [`ExplainerHandle::data_baked`].

use crate::app::{draw_into, DataState, ExplainerContext};
use crate::model::{Dataset, MAX_DATASET_BYTES};
use crate::state::{self, ReaderState};
use leptos::prelude::*;
use std::cell::Cell;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

static INSTANCES: AtomicU32 = AtomicU32::new(0);

/// The signals an attribute can drive.
#[derive(Clone, Copy)]
struct Inputs {
    state: RwSignal<ReaderState>,
    data: RwSignal<DataState>,
    controls: RwSignal<bool>,
    /// A `selected` id waiting for the `data-src` dataset that may hold it.
    pending_selected: StoredValue<Option<String>>,
    /// `selected` values already warned about (each is warned about once).
    warned: StoredValue<Vec<String>>,
    /// The panel's width, as the element measures it.
    width: RwSignal<i32>,
}

/// A mounted explainer. Dropping it (or calling `free()` from JavaScript)
/// unmounts the widget and disposes of everything it held.
#[wasm_bindgen]
pub struct ExplainerHandle {
    id: u32,
    inputs: Inputs,
    /// What the handlers of its clicks and input share.
    ctx: ExplainerContext,
    container: web_sys::HtmlElement,
    /// The explainer's own element inside the container.
    root: web_sys::Element,
    /// What owns its signals and its effect.
    owner: Owner,
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

thread_local! {
    /// The containers of every mounted widget, wherever they are (a document,
    /// another component's shadow root, an iframe's own page), for the panic hook.
    static MOUNTED: RefCell<Vec<(u32, web_sys::HtmlElement)>> = const { RefCell::new(Vec::new()) };
    /// Set once a panic has happened: the module is dead, nothing may start.
    static DEAD: Cell<bool> = const { Cell::new(false) };
}

/// Installs the panic hook once: log the panic, and replace every mounted
/// widget with a message instead of leaving dead boxes.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        DEAD.with(|d| d.set(true));
        web_sys::console::error_1(&JsValue::from_str(&format!(
            "<ssb-explainer> stopped: {info}"
        )));
        show_fatal_everywhere();
    }));
}

fn show_fatal_everywhere() {
    MOUNTED.with(|m| {
        let Ok(mounted) = m.try_borrow() else {
            return;
        };
        for (_, el) in mounted.iter() {
            el.set_text_content(Some(
                "The explainer stopped because of an internal error. Reload the page to try again.",
            ));
            let _ = el.set_attribute("role", "alert");
            let _ = el.set_attribute("class", "ssb-root ssb-fatal");
        }
    });
}

/// Panics on purpose, so the end-to-end tests can check that every widget on
/// the page shows its error state and the host page keeps running. Not for use.
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() {
    panic!("panic requested by a test");
}

/// The largest `data-src` body, in bytes, that the element reads.
#[wasm_bindgen(js_name = maxDatasetBytes)]
pub fn max_dataset_bytes() -> usize {
    MAX_DATASET_BYTES
}

/// `{view, year, chemistries, selected}`: the element's `state` (`selected`
/// is an item id or `null`), made by one `JSON.parse` of
/// [`state::state_json`] (the `ssb-change` detail is parsed from the same
/// JSON by the element, when a listener reads it).
fn state_object(s: &ReaderState) -> JsValue {
    js_sys::JSON::parse(&state::state_json(s)).unwrap_or(JsValue::NULL)
}

/// The attributes `<ssb-explainer>` applies at mount, in order (`data-src` is
/// fetched by the element and arrives through [`ExplainerHandle::data_baked`];
/// `selected` comes after `view`, which it may change).
const ATTRIBUTES: [&str; 6] = [
    "view",
    "year",
    "chemistries",
    "selected",
    "theme",
    "controls",
];

/// Sets the page's download writer: `(baked, order) => Promise<[name, text,
/// done]>`, which builds a download in the on-demand module (`reader/`), so
/// the widget's own wasm carries no CSV or SVG writer. The loader calls it
/// once, before the first mount.
#[cfg(not(feature = "downloads"))]
#[wasm_bindgen(js_name = setDownloadWriter)]
pub fn set_download_writer(writer: js_sys::Function) {
    crate::views::share::set_writer(writer);
}

/// Mounts an explainer into `container` (a div inside `host`'s shadow root).
/// The host's attributes are read first, so the first frame already shows the
/// requested view; later changes arrive through [`ExplainerHandle::set`].
/// After each change a reader makes, `on_change(json)` is called with the
/// state as JSON, `{view, year, chemistries, selected}`; the element
/// dispatches it as its `ssb-change` event, whose `detail` is that JSON
/// parsed when a listener first reads it. `share_base` is what the "Copy link" control puts in
/// front of the state's query string (`…/embed.html?`, or the host page with
/// `#ssb:`); empty, the control is not offered.
#[wasm_bindgen]
pub fn mount(
    host: web_sys::HtmlElement,
    container: web_sys::HtmlElement,
    on_change: js_sys::Function,
    share_base: String,
) -> ExplainerHandle {
    if DEAD.with(Cell::get) {
        wasm_bindgen::throw_str("the explainer stopped after an internal error; reload the page");
    }
    let n = INSTANCES.fetch_add(1, Ordering::Relaxed) + 1;
    container.set_class_name("ssb-root ssb-theme-auto");
    // The root's 12 px padding each side: the panel's width on first layout.
    let width = match container.client_width() - 24 {
        w if w > 0 => w,
        _ => 640,
    };
    let share_base = (!share_base.is_empty()).then_some(share_base);
    // Effects run on wasm-bindgen's executor (an error: it already does).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let root = document()
        .create_element("div")
        .unwrap_or_else(|_| wasm_bindgen::throw_str("no document to draw in"));
    root.set_class_name("ssb");
    let _ = container.append_child(&root);
    let owner = Owner::new();
    let (inputs, ctx) = owner.with(|| {
        let inputs = Inputs {
            state: RwSignal::new(ReaderState::default()),
            data: RwSignal::new(DataState::Ready(Dataset::shared_built_in())),
            controls: RwSignal::new(true),
            pending_selected: StoredValue::new(None),
            warned: StoredValue::new(Vec::new()),
            width: RwSignal::new(width),
        };
        let awaits_data = host
            .get_attribute("data-src")
            .is_some_and(|v| !v.trim().is_empty());
        for name in ATTRIBUTES {
            if let Some(value) = host.get_attribute(name) {
                if name == "selected" && awaits_data {
                    // The id may be in the dataset that is about to arrive.
                    inputs.pending_selected.set_value(Some(value));
                    continue;
                }
                apply(inputs, &container, name, Some(value.as_str()));
            }
        }
        let on_change: crate::app::ChangeListener = Box::new(move |s| {
            // The JSON itself: the element parses it when a listener reads
            // the event's `detail`.
            let _ = on_change.call1(&JsValue::NULL, &state::state_json(s).into());
        });
        let ctx = ExplainerContext::new(
            inputs.state,
            inputs.data,
            Some(on_change),
            format!("ssb{n}"),
            inputs.width,
            share_base,
        );
        let shown = root.clone();
        draw_into::<false>(ctx, inputs.controls.into(), move || Some(shown.clone()));
        (inputs, ctx)
    });
    MOUNTED.with(|m| m.borrow_mut().push((n, container.clone())));
    ExplainerHandle {
        id: n,
        inputs,
        ctx,
        container,
        root,
        owner,
    }
}

impl Drop for ExplainerHandle {
    fn drop(&mut self) {
        let id = self.id;
        MOUNTED.with(|m| m.borrow_mut().retain(|(n, _)| *n != id));
        // Everything the explainer set up (its effect, listeners, timers) goes
        // with its owner; its drawing goes with its root.
        self.owner.cleanup();
        self.root.remove();
    }
}

/// Applies one attribute (`None` when removed). Invalid values fall back to the
/// default and log one warning naming the attribute and the allowed values.
fn apply(i: Inputs, container: &web_sys::HtmlElement, name: &str, v: Option<&str>) {
    match name {
        "view" => {
            let view = state::parse_view(v).unwrap_or_else(|w| {
                warn(&w.to_string());
                Default::default()
            });
            i.state.update(|s| s.view = view);
        }
        "year" => {
            let year = state::parse_year(v).unwrap_or_else(|w| {
                warn(&w.to_string());
                state::DEFAULT_YEAR
            });
            i.state.update(|s| s.set_year(year));
        }
        "chemistries" => {
            let chems = state::parse_chemistries(v).unwrap_or_else(|w| {
                warn(&w.to_string());
                crate::model::ChemistryId::ALL.to_vec()
            });
            i.state.update(|s| s.chemistries = chems);
        }
        "theme" => {
            let theme = state::parse_theme(v).unwrap_or_else(|w| {
                warn(&w.to_string());
                state::Theme::Auto
            });
            container.set_class_name(&format!("ssb-root ssb-theme-{}", theme.slug()));
        }
        "selected" => select_item(i, v.map(str::trim).filter(|v| !v.is_empty())),
        "controls" => {
            let show = state::parse_controls(v).unwrap_or_else(|w| {
                warn(&w.to_string());
                true
            });
            i.controls.set(show);
        }
        // Removed: back to the built-in data (a new value is fetched by the element).
        "data-src" if v.is_none_or(|u| u.trim().is_empty()) => {
            i.data.set(DataState::Ready(Dataset::shared_built_in()))
        }
        _ => {}
    }
}

/// Opens the card of item `id` (`None` closes any card), in a view that shows
/// it; an id the dataset does not have is warned about once and ignored.
fn select_item(i: Inputs, id: Option<&str>) {
    let Some(id) = id else {
        i.state.update(|s| s.selected = None);
        return;
    };
    let data = match i.data.get_untracked() {
        DataState::Ready(d) | DataState::External { dataset: d, .. } => d,
        _ => Dataset::shared_built_in(),
    };
    let current = i.state.with_untracked(|s| s.view);
    match state::view_for_item(&data, id, current) {
        Some(view) => i.state.update(|s| {
            s.view = view;
            s.selected = Some(id.to_string());
        }),
        None => {
            let first = i.warned.try_update_value(|w| {
                let first = !w.iter().any(|x| x == id);
                if first {
                    w.push(id.to_string());
                }
                first
            });
            if first == Some(true) {
                warn(&format!(
                    "<ssb-explainer>: selected=\"{}\" is not an item of this dataset; ignored. `ssb-data list` prints the ids.",
                    crate::app::shorten(id, 80)
                ));
            }
        }
    }
}

#[wasm_bindgen]
impl ExplainerHandle {
    /// Applies an attribute change (`None` when removed); see [`apply`].
    pub fn set(&self, name: &str, value: Option<String>) {
        apply(self.inputs, &self.container, name, value.as_deref());
    }

    /// The element started fetching `data-src` `url`.
    #[wasm_bindgen(js_name = dataLoading)]
    pub fn data_loading(&self, url: String) {
        self.inputs.data.set(DataState::Loading(url));
    }

    /// The element fetched `url` from `from` (a host name, for readers), and
    /// the `data-src` reader (`reader/`) read and checked it: `baked` is the
    /// dataset from [`Dataset::bake`]. Bytes that do not unbake (no reader
    /// makes them) are refused like a broken file, without a panic.
    #[wasm_bindgen(js_name = dataBaked)]
    pub fn data_baked(&self, url: String, from: String, baked: &[u8]) {
        match Dataset::unbake(baked) {
            Some(d) => {
                self.inputs.data.set(DataState::External {
                    url,
                    from,
                    dataset: Arc::new(d),
                    baked: baked.into(),
                });
                self.select_pending();
            }
            None => self.data_failed(url, "could not be read.".into()),
        }
    }

    /// `data-src` `url` could not be used; `error` is the sentence that follows it.
    #[wasm_bindgen(js_name = dataFailed)]
    pub fn data_failed(&self, url: String, error: String) {
        web_sys::console::error_1(&JsValue::from_str(&format!(
            "<ssb-explainer>: data-src \"{}\" {error}",
            crate::app::shorten(&url, 200)
        )));
        self.inputs.data.set(DataState::Failed { url, error });
        self.select_pending();
    }

    /// Applies a `selected` that waited for the `data-src` dataset.
    fn select_pending(&self) {
        let pending = self.inputs.pending_selected.try_update_value(Option::take);
        if let Some(id) = pending.flatten() {
            select_item(self.inputs, Some(&id));
        }
    }

    /// The panel's width in pixels, as the element measured it: the charts
    /// are laid out again for a change of 4 pixels or more.
    #[wasm_bindgen(js_name = setWidth)]
    pub fn set_width(&self, width: i32) {
        let w = self.inputs.width;
        if width > 0
            && w.try_get_untracked()
                .is_some_and(|old| (old - width).abs() >= 4)
        {
            w.set(width);
        }
    }

    /// A click inside the explainer, found by the element's own listener:
    /// `el` is the closest element to what was clicked that has one of the
    /// attributes [`click_attributes`] names, `index` the first of them it
    /// has and `value` that attribute's value. (The loader finds them in
    /// JavaScript: a listener of the wasm's own, with its way in and the
    /// same look-ups through the glue, cost about 40 µs more a click.)
    pub fn click(&self, index: usize, value: &str, el: web_sys::Element) {
        if let Some(name) = crate::events::CLICKED.get(index) {
            crate::events::clicked(self.ctx, &el, name, value);
        }
    }

    /// The reader moved the year slider to `year`.
    pub fn year(&self, year: i32) {
        crate::events::year_input(self.ctx, year);
    }

    /// The current state as `{view, year, chemistries, selected}` (the `ssb-change` detail).
    pub fn state(&self) -> JsValue {
        state_object(&self.inputs.state.get_untracked())
    }
}

/// The attributes a click inside an explainer answers to, comma-separated,
/// the first an element has deciding: the element's listener finds the
/// closest element with one of them and passes its index to
/// [`ExplainerHandle::click`].
#[wasm_bindgen(js_name = clickAttributes)]
pub fn click_attributes() -> String {
    let mut out = String::new();
    for name in crate::events::CLICKED {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(name);
    }
    out
}

/// Counts the bytes the wasm heap has handed out and not taken back, so the
/// leak check can tell a real leak from the allocator's high-water mark. Only
/// in the leak check's build (`--features leak-check`).
#[cfg(feature = "leak-check")]
mod counting_alloc {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub static IN_USE: AtomicUsize = AtomicUsize::new(0);

    pub struct Counting;

    // SAFETY: every call is forwarded unchanged to the system allocator.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc(layout) };
            if !p.is_null() {
                IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
            }
            p
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) };
            IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc_zeroed(layout) };
            if !p.is_null() {
                IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
            }
            p
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if !p.is_null() {
                IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
                IN_USE.fetch_add(new_size, Ordering::Relaxed);
            }
            p
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;
}

/// Bytes allocated on the wasm heap and not yet freed (the leak check's build only).
#[cfg(feature = "leak-check")]
#[wasm_bindgen(js_name = heapBytesInUse)]
pub fn heap_bytes_in_use() -> usize {
    counting_alloc::IN_USE.load(Ordering::Relaxed)
}
