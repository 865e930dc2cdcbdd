//! The Rust side of `<ssb-explainer>` (browser only): mounting into the
//! element's shadow root, attributes, the `ssb-change` event, loading
//! `data-src`, and the panic hook that replaces a dead widget with a message.
//!
//! The custom element class itself is a few lines of JavaScript
//! (`js/ssb-explainer.js`) that calls [`mount`] and forwards attribute changes.

use crate::app::{DataState, Explainer};
use crate::model::{Dataset, LoadError, MAX_DATASET_BYTES};
use crate::state::{self, ReaderState};
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

static INSTANCES: AtomicU32 = AtomicU32::new(0);

/// The signals an attribute can drive.
#[derive(Clone, Copy)]
struct Inputs {
    state: RwSignal<ReaderState>,
    data: RwSignal<DataState>,
    controls: RwSignal<bool>,
}

/// A mounted explainer. Dropping it (or calling `free()` from JavaScript)
/// unmounts the widget and disposes of everything it held.
#[wasm_bindgen]
pub struct ExplainerHandle {
    inputs: Inputs,
    container: web_sys::HtmlElement,
    _mounted: Box<dyn std::any::Any>,
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

/// Installs the panic hook once: log the panic, and replace every widget on the
/// page with a message instead of leaving a dead box.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!(
            "<ssb-explainer> stopped: {info}"
        )));
        show_fatal_everywhere();
    }));
}

fn show_fatal_everywhere() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(hosts) = doc.query_selector_all("ssb-explainer") else {
        return;
    };
    for i in 0..hosts.length() {
        let root = hosts
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.shadow_root());
        if let Some(Ok(Some(el))) = root.map(|r| r.query_selector(".ssb-root")) {
            el.set_text_content(Some(
                "The explainer stopped because of an internal error. Reload the page to try again.",
            ));
            let _ = el.set_attribute("role", "alert");
            let _ = el.set_attribute("class", "ssb-root ssb-fatal");
        }
    }
}

/// `{view, year, chemistries}`: the `ssb-change` detail and the element's `state`.
fn state_object(s: &ReaderState) -> JsValue {
    let o = js_sys::Object::new();
    let chems = js_sys::Array::new();
    for c in &s.chemistries {
        chems.push(&JsValue::from_str(c.slug()));
    }
    let _ = js_sys::Reflect::set(&o, &"view".into(), &s.view.slug().into());
    let _ = js_sys::Reflect::set(&o, &"year".into(), &JsValue::from(s.year));
    let _ = js_sys::Reflect::set(&o, &"chemistries".into(), &chems);
    o.into()
}

/// The attributes `<ssb-explainer>` understands, in the order they are applied.
const ATTRIBUTES: [&str; 6] = [
    "view",
    "year",
    "chemistries",
    "theme",
    "controls",
    "data-src",
];

/// Mounts an explainer into `container` (a div inside `host`'s shadow root).
/// The host's attributes are read first, so the first frame already shows the
/// requested view; later changes arrive through [`ExplainerHandle::set`].
/// After each change a reader makes, `on_change(view, year, chemistries)` is
/// called with the chemistries comma-separated; the element turns that into its
/// `ssb-change` event.
#[wasm_bindgen]
pub fn mount(
    host: web_sys::HtmlElement,
    container: web_sys::HtmlElement,
    on_change: js_sys::Function,
) -> ExplainerHandle {
    let n = INSTANCES.fetch_add(1, Ordering::Relaxed) + 1;
    let slot: Rc<RefCell<Option<Inputs>>> = Rc::new(RefCell::new(None));
    let out = slot.clone();
    container.set_class_name("ssb-root ssb-theme-auto");
    let theme_target = container.clone();
    let mounted = mount_to(container.clone(), move || {
        let inputs = Inputs {
            state: RwSignal::new(ReaderState::default()),
            data: RwSignal::new(DataState::Ready(Dataset::shared_built_in())),
            controls: RwSignal::new(true),
        };
        for name in ATTRIBUTES {
            if let Some(value) = host.get_attribute(name) {
                apply(inputs, &theme_target, name, Some(value.as_str()));
            }
        }
        *out.borrow_mut() = Some(inputs);
        let on_change: crate::app::ChangeListener = Box::new(move |s| {
            let chems: Vec<&str> = s.chemistries.iter().map(|c| c.slug()).collect();
            let _ = on_change.call3(
                &JsValue::NULL,
                &JsValue::from_str(s.view.slug()),
                &JsValue::from(s.year),
                &JsValue::from_str(&chems.join(",")),
            );
        });
        view! {
            <Explainer state=inputs.state data=inputs.data show_controls=inputs.controls
                id_prefix=format!("ssb{n}") on_change=on_change/>
        }
    });
    let inputs = slot
        .borrow_mut()
        .take()
        .expect("mount_to runs its view function at once");
    ExplainerHandle {
        inputs,
        container,
        _mounted: Box::new(mounted),
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
        "controls" => {
            let show = state::parse_controls(v).unwrap_or_else(|w| {
                warn(&w.to_string());
                true
            });
            i.controls.set(show);
        }
        "data-src" => match v.map(str::trim).filter(|u| !u.is_empty()) {
            None => i.data.set(DataState::Ready(Dataset::shared_built_in())),
            Some(url) => load(i.data, url.to_string()),
        },
        _ => {}
    }
}

#[wasm_bindgen]
impl ExplainerHandle {
    /// Applies an attribute change (`None` when removed); see [`apply`].
    pub fn set(&self, name: &str, value: Option<String>) {
        apply(self.inputs, &self.container, name, value.as_deref());
    }

    /// The current state as `{view, year, chemistries}` (the `ssb-change` detail).
    pub fn state(&self) -> JsValue {
        state_object(&self.inputs.state.get_untracked())
    }
}

/// Starts loading a dataset; a later `data-src` wins over an earlier one still in flight.
fn load(data: RwSignal<DataState>, url: String) {
    data.set(DataState::Loading(url.clone()));
    leptos::task::spawn_local(async move {
        let result = fetch_dataset(&url).await;
        let still_wanted = data
            .try_with_untracked(|d| matches!(d, DataState::Loading(u) if *u == url))
            .unwrap_or(false);
        if !still_wanted {
            return;
        }
        match result {
            Ok(d) => data.set(DataState::Ready(Arc::new(d))),
            Err(error) => {
                web_sys::console::error_1(&JsValue::from_str(&format!(
                    "<ssb-explainer>: data-src \"{url}\" {error}"
                )));
                data.set(DataState::Failed { url, error });
            }
        }
    });
}

/// Fetches and validates a dataset; the error says what is wrong and where.
async fn fetch_dataset(url: &str) -> Result<Dataset, String> {
    let window = web_sys::window().ok_or("has no window to load in")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| {
            "could not be loaded (network error or blocked by the browser).".to_string()
        })?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "gave no response.".to_string())?;
    if !response.ok() {
        return Err(format!(
            "could not be loaded: the server answered HTTP {}.",
            response.status()
        ));
    }
    if let Some(len) = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.parse::<usize>().ok())
    {
        if len > MAX_DATASET_BYTES {
            return Err(format!(
                "is too large: {len} bytes; the limit is {MAX_DATASET_BYTES} bytes."
            ));
        }
    }
    let text = JsFuture::from(
        response
            .text()
            .map_err(|_| "could not be read.".to_string())?,
    )
    .await
    .map_err(|_| "could not be read.".to_string())?
    .as_string()
    .unwrap_or_default();
    Dataset::from_json(&text).map_err(|e| match e {
        LoadError::TooLarge { bytes } => {
            format!("is too large: {bytes} bytes; the limit is {MAX_DATASET_BYTES} bytes.")
        }
        LoadError::Parse { path, message } => {
            format!("is not a valid dataset: at {path}: {message}.")
        }
        LoadError::Invalid(problems) => {
            let shown: Vec<String> = problems.iter().take(5).map(|p| p.to_string()).collect();
            let more = problems.len().saturating_sub(5);
            format!(
                "has {} problem(s): {}{}",
                problems.len(),
                shown.join("; "),
                if more > 0 {
                    format!("; and {more} more.")
                } else {
                    ".".into()
                }
            )
        }
    })
}

/// Counts the bytes the wasm heap has handed out and not taken back, so the
/// leak check can tell a real leak from the allocator's high-water mark.
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

/// Bytes allocated on the wasm heap and not yet freed (diagnostics for leak checks).
#[wasm_bindgen(js_name = heapBytesInUse)]
pub fn heap_bytes_in_use() -> usize {
    counting_alloc::IN_USE.load(Ordering::Relaxed)
}
