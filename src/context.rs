//! What the handlers of one explainer share: the reader's state, the data
//! shown, what the widget itself remembers between drawings (the share bar,
//! play, expanded lanes, the timeline's tab stop), and the way a reader's
//! change reaches the host page. The one drawing of the explainer
//! (`app::Explainer`) reads the same signals; nothing here builds anything a
//! reader sees.

use crate::model::{ChemistryId, Dataset};
use crate::state::ReaderState;
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

impl DataState {
    /// The dataset to show: the loaded one, or the built-in one while another
    /// loads or after it failed.
    pub fn dataset(&self) -> Arc<Dataset> {
        match self {
            DataState::Ready(d) | DataState::External { dataset: d, .. } => d.clone(),
            _ => Dataset::shared_built_in(),
        }
    }
}

/// A listener for the reader's changes (the custom element dispatches `ssb-change`).
pub type ChangeListener = Box<dyn Fn(&ReaderState)>;

/// What the share bar shows besides the view: whether the menu is open, the
/// status line, and the link to copy by hand when the clipboard refused it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareState {
    /// The Download menu is open.
    pub open: bool,
    /// What the status line says (empty: nothing).
    pub status: String,
    /// The link, shown in a field when the clipboard refused it.
    pub manual: Option<String>,
}

/// What the widget remembers between drawings that is not the reader's
/// state (a shared link does not carry it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WidgetState {
    /// The share bar.
    pub share: ShareState,
    /// Whether the years are playing.
    pub playing: bool,
    /// The timeline lanes a reader expanded ("+3 more"), so a download
    /// draws the scene the reader sees.
    pub expanded: Vec<ChemistryId>,
    /// The timeline mark that last had focus: it keeps the chart's one tab stop.
    pub active: Option<String>,
}

/// What the handlers of one explainer share.
#[derive(Clone, Copy)]
pub struct ExplainerContext {
    /// The reader's state.
    pub state: RwSignal<ReaderState>,
    /// Where the data came from, and the dataset.
    pub source: RwSignal<DataState>,
    /// What the widget remembers besides the reader's state.
    pub widget: RwSignal<WidgetState>,
    /// The width of the view panel in pixels, which chart layouts are made for.
    pub width: RwSignal<i32>,
    /// Called after each change a reader makes (not after attribute changes).
    notify: StoredValue<Option<ChangeListener>, LocalStorage>,
    /// A prefix that makes element ids unique per instance.
    pub id_prefix: StoredValue<String>,
    /// What "Copy link" puts before the state's query string; `None`: no link.
    pub share_base: StoredValue<Option<String>>,
    /// Set when a reader (not an attribute) opened a card, which may then take
    /// focus; the next drawing clears it.
    pub reader_opened: StoredValue<bool>,
    /// An element to focus once the next drawing is on screen (a CSS
    /// selector): a menu item of a menu that is about to open.
    pub focus_after: StoredValue<Option<String>>,
    /// The timer that steps the years while they play.
    pub timer: StoredValue<Option<IntervalHandle>, LocalStorage>,
    /// Whether the reader asked for reduced motion (play is off then).
    pub reduced_motion: bool,
}

impl ExplainerContext {
    /// The context of one explainer.
    pub fn new(
        state: RwSignal<ReaderState>,
        source: RwSignal<DataState>,
        on_change: Option<ChangeListener>,
        id_prefix: String,
        width: RwSignal<i32>,
        share_base: Option<String>,
    ) -> Self {
        ExplainerContext {
            state,
            source,
            widget: RwSignal::new(WidgetState::default()),
            width,
            notify: StoredValue::new_local(on_change),
            id_prefix: StoredValue::new(id_prefix),
            share_base: StoredValue::new(share_base),
            reader_opened: StoredValue::new(false),
            focus_after: StoredValue::new(None),
            timer: StoredValue::new_local(None),
            reduced_motion: crate::views::controls::prefers_reduced_motion(),
        }
    }

    /// The dataset shown.
    pub fn dataset(&self) -> Arc<Dataset> {
        self.source.with_untracked(DataState::dataset)
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

    /// Changes what the widget remembers, unless that changes nothing.
    pub fn update_widget(&self, f: impl FnOnce(&mut WidgetState)) {
        self.widget.maybe_update(|w| {
            let before = w.clone();
            f(w);
            *w != before
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
        self.id_prefix.with_value(|p| id_of(p, local))
    }
}

/// An element id unique to the instance whose prefix is `prefix`.
pub fn id_of(prefix: &str, local: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + local.len() + 1);
    id.push_str(prefix);
    id.push('-');
    id.push_str(local);
    id
}
