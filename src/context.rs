//! What every part of one explainer shares, provided as Leptos context: the
//! reader's state and one memo per field of it (so a view wakes only for what
//! it shows), the dataset shown, the takeaway, and the way a reader's change
//! reaches the host page. Views and `app.rs` both read it; neither imports the
//! other for it.

use crate::model::{ChemistryId, Dataset};
use crate::state::{ReaderState, View};
use leptos::prelude::*;
use std::sync::Arc;

/// Where the dataset on screen came from.
#[derive(Clone, Debug, PartialEq)]
pub enum DataState {
    /// Fetching `data-src`.
    Loading(String),
    /// The built-in dataset (or one a Leptos app passed in) is ready.
    Ready(Arc<Dataset>),
    /// A dataset from `data-src` is ready; the widget says where it came from.
    External {
        /// The `data-src` as the writer gave it.
        url: String,
        /// Where it came from, for readers: the host name, or "a data: URL".
        from: String,
        /// The dataset.
        dataset: Arc<Dataset>,
        /// The dataset as the `data-src` reader baked it (what the download
        /// module reads).
        baked: Arc<[u8]>,
    },
    /// `data-src` failed; the message says what and where.
    Failed {
        /// The URL that failed.
        url: String,
        /// What was wrong.
        error: String,
    },
}

/// A listener for the reader's changes (the custom element dispatches `ssb-change`).
pub type ChangeListener = Box<dyn Fn(&ReaderState)>;

/// What every part of the explainer shares, provided as context.
#[derive(Clone, Copy)]
pub struct ExplainerContext {
    /// The reader's state.
    pub state: RwSignal<ReaderState>,
    /// The dataset shown (the built-in one until another is ready).
    pub data: Memo<Arc<Dataset>>,
    /// Called after each change a reader makes (not after attribute changes).
    notify: StoredValue<Option<ChangeListener>, LocalStorage>,
    /// A prefix that makes element ids unique per instance.
    pub id_prefix: StoredValue<String>,
    /// The width of the view panel in pixels, which chart layouts are made for.
    pub width: RwSignal<i32>,
    /// The "as of" year alone: views that follow it are not woken by other changes.
    pub year: Memo<i32>,
    /// The chosen chemistries alone.
    pub chemistries: Memo<Vec<ChemistryId>>,
    /// The selected item's id alone.
    pub selected: Memo<Option<String>>,
    /// The view shown alone.
    pub view: Memo<View>,
    /// Whether tables replace the charts, alone.
    pub as_table: Memo<bool>,
    /// The current view's takeaway, computed once per change for the view and
    /// the live region.
    pub takeaway: Memo<String>,
    /// Where the data came from (for a shared link's `data-src`).
    pub source: RwSignal<DataState>,
    /// What "Copy link" puts before the state's query string; `None`: no link.
    pub share_base: StoredValue<Option<String>>,
    /// Set when a reader (not an attribute) opened a card, which may then take
    /// focus; the card that opens clears it.
    pub reader_opened: StoredValue<bool>,
    /// The timeline lanes a reader expanded ("+3 more"), so a download draws
    /// the scene the reader sees.
    pub expanded: RwSignal<Vec<ChemistryId>>,
}

impl ExplainerContext {
    /// The context of one explainer: its state, data and per-field memos.
    pub fn new(
        state: RwSignal<ReaderState>,
        data: RwSignal<DataState>,
        on_change: Option<ChangeListener>,
        id_prefix: String,
        width: i32,
        share_base: Option<String>,
    ) -> Self {
        let built_in = Dataset::shared_built_in();
        // Compared by pointer: a new dataset is a new `Arc`, and comparing two
        // datasets field by field on every load would cost more than redrawing.
        let current = Memo::new_with_compare(
            move |_| match data.get() {
                DataState::Ready(d) | DataState::External { dataset: d, .. } => d,
                _ => built_in.clone(),
            },
            |a, b| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
        );
        let year = Memo::new(move |_| state.with(|s| s.year));
        let chemistries = Memo::new(move |_| state.with(|s| s.chemistries.clone()));
        let view = Memo::new(move |_| state.with(|s| s.view));
        ExplainerContext {
            state,
            data: current,
            notify: StoredValue::new_local(on_change),
            id_prefix: StoredValue::new(id_prefix),
            width: RwSignal::new(width),
            year,
            chemistries,
            selected: Memo::new(move |_| state.with(|s| s.selected.clone())),
            view,
            as_table: Memo::new(move |_| state.with(|s| s.as_table)),
            takeaway: Memo::new(move |_| {
                chemistries.with(|chems| {
                    crate::takeaway::takeaway(&current.get(), view.get(), year.get(), chems)
                })
            }),
            source: data,
            share_base: StoredValue::new(share_base),
            expanded: RwSignal::new(Vec::new()),
            reader_opened: StoredValue::new(false),
        }
    }

    /// Applies a reader's change and tells the host page.
    ///
    /// The host's listener runs after our state is released: it may write back
    /// (set attributes on this or any other widget, remove the element) without
    /// finding a value still borrowed. A widget disposed by the listener's own
    /// write-back is left alone.
    pub fn change(&self, f: impl FnOnce(&mut ReaderState)) {
        let mut visible_change = false;
        // A change that changes nothing (a click on the current tab) notifies
        // nobody.
        self.state.maybe_update(|s| {
            let before = s.clone();
            f(s);
            visible_change = before.view != s.view
                || before.year != s.year
                || before.chemistries != s.chemistries
                || before.selected != s.selected;
            *s != before
        });
        if !visible_change {
            return;
        }
        let Some(after) = self.state.try_get_untracked() else {
            return;
        };
        // Take the listener out for the call so nothing of ours is borrowed while
        // host code runs; put it back unless the widget was disposed meanwhile.
        let Some(listener) = self.notify.try_update_value(Option::take).flatten() else {
            return;
        };
        listener(&after);
        let _ = self.notify.try_update_value(|n| {
            if n.is_none() {
                *n = Some(listener);
            }
        });
    }

    /// Selects (or unselects) an item, and tells the host.
    pub fn select(&self, id: &str) {
        self.reader_opened.set_value(true);
        self.change(|s| s.toggle_selection(id));
    }

    /// Selects an item (never unselects it), and tells the host.
    pub fn select_only(&self, id: &str) {
        self.reader_opened.set_value(true);
        self.change(|s| s.selected = Some(id.to_string()));
    }

    /// Closes the selected item's card, and tells the host.
    pub fn unselect(&self) {
        self.change(|s| s.selected = None);
    }

    /// An element id unique to this instance.
    pub fn id(&self, local: &str) -> String {
        format!("{}-{local}", self.id_prefix.get_value())
    }
}

/// Moves focus to the element matching `selector` in the same (shadow) root as
/// the event's target — after arrow keys move between tabs, or a card closes and
/// focus returns to the mark that opened it. Does nothing outside a browser.
#[allow(unused_variables)]
pub fn focus_in_root(ev: &leptos::ev::Event, selector: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(root) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .map(|n| n.get_root_node())
        else {
            return;
        };
        let selector = selector.to_string();
        // The view re-renders after the state changes: focus once it has.
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            let found = if let Some(f) = root.dyn_ref::<web_sys::DocumentFragment>() {
                f.query_selector(&selector).ok().flatten()
            } else if let Some(d) = root.dyn_ref::<web_sys::Document>() {
                d.query_selector(&selector).ok().flatten()
            } else {
                None
            };
            // HTML and SVG elements both have focus(); the call is structural.
            if let Some(el) = found {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    }
}
