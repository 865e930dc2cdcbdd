//! The explainer: controls shared by every view, the four views, the table
//! switch, the live region and the error states. A reader's click lands here
//! first (in the control handlers), changes [`ReaderState`], and every view
//! derives what it shows from that state.

use crate::model::{ChemistryId, Dataset};
use crate::state::{ReaderState, Theme, View, DEFAULT_YEAR, FIRST_YEAR, LAST_YEAR};
use crate::views::{
    common::SourceList, energy::EnergyView, hurdles::HurdlesView, readiness::ReadinessView,
    timeline::TimelineView,
};
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
    /// Applies a reader's change and tells the host page.
    ///
    /// The host's listener runs after our state is released: it may write back
    /// (set attributes on this or any other widget, remove the element) without
    /// finding a value still borrowed. A widget disposed by the listener's own
    /// write-back is left alone.
    pub fn change(&self, f: impl FnOnce(&mut ReaderState)) {
        let mut visible_change = false;
        self.state.update(|s| {
            let (view, year, chemistries) = (s.view, s.year, s.chemistries.clone());
            let selected = s.selected.clone();
            f(s);
            visible_change = view != s.view
                || year != s.year
                || chemistries != s.chemistries
                || selected != s.selected;
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

/// Whether the reader asked for reduced motion (always false outside a browser).
pub fn prefers_reduced_motion() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| {
                w.match_media("(prefers-reduced-motion: reduce)")
                    .ok()
                    .flatten()
            })
            .is_some_and(|m| m.matches())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// The whole explainer.
#[component]
pub fn Explainer(
    /// The reader's state; the host may also write to it (attributes).
    state: RwSignal<ReaderState>,
    /// The dataset, or why it is not there.
    data: RwSignal<DataState>,
    /// Whether the controls are shown (`controls="none"` hides them).
    #[prop(into)]
    show_controls: Signal<bool>,
    /// Unique id prefix for ARIA references.
    #[prop(into)]
    id_prefix: String,
    /// Called after each change the reader makes.
    #[prop(optional)]
    on_change: Option<ChangeListener>,
    /// The panel's width in pixels when it is first drawn (measured after that).
    #[prop(default = 640)]
    width: i32,
    /// What "Copy link" puts before the state's query string (`…/embed.html?`);
    /// `None` offers no link.
    #[prop(default = None)]
    share_base: Option<String>,
) -> impl IntoView {
    let built_in = Dataset::shared_built_in();
    let current = Memo::new(move |_| match data.get() {
        DataState::Ready(d) | DataState::External { dataset: d, .. } => d,
        _ => built_in.clone(),
    });
    let ctx = ExplainerContext {
        state,
        data: current,
        notify: StoredValue::new_local(on_change),
        id_prefix: StoredValue::new(id_prefix),
        width: RwSignal::new(width),
        year: Memo::new(move |_| state.with(|s| s.year)),
        chemistries: Memo::new(move |_| state.with(|s| s.chemistries.clone())),
        selected: Memo::new(move |_| state.with(|s| s.selected.clone())),
        takeaway: Memo::new(move |_| {
            let (view, year, chems) = state.with(|s| (s.view, s.year, s.chemistries.clone()));
            crate::takeaway::takeaway(&current.get(), view, year, &chems)
        }),
        source: data,
        share_base: StoredValue::new(share_base),
        expanded: RwSignal::new(Vec::new()),
        reader_opened: StoredValue::new(false),
    };
    provide_context(ctx);
    let panel_ref = NodeRef::<leptos::html::Div>::new();
    #[cfg(target_arch = "wasm32")]
    observe_width(panel_ref, ctx.width);

    let view_now = Memo::new(move |_| state.with(|s| s.view));
    let panel_id = ctx.id("panel");

    view! {
        <div class="ssb">
            <DataBanner data=data/>
            <Show when=move || show_controls.get()>
                <Controls/>
            </Show>
            <LiveSummary/>
            <div node_ref=panel_ref class="ssb-panel" id=panel_id role="tabpanel"
                aria-labelledby=move || ctx.id(&format!("tab-{}", view_now.get().slug()))>
                // Each view renders only while its tab is selected.
                <TimelineView/>
                <EnergyView/>
                <HurdlesView/>
                <ReadinessView/>
            </div>
            <crate::views::share::ShareBar/>
            <DataOrigin data=data/>
            <SourceList/>
        </div>
    }
}

/// Says where the data came from whenever it is not the built-in dataset, so a
/// link to someone else's file can't pass for the publisher's own.
#[component]
fn DataOrigin(
    /// The data state.
    data: RwSignal<DataState>,
) -> impl IntoView {
    move || {
        data.with(|d| match d {
            DataState::External { from, dataset, .. } => Some(view! {
                <p class="ssb-origin">
                    <strong>"Not the explainer's own data. "</strong>
                    {origin_line(from, &dataset.title, &dataset.updated.label())}
                </p>
            }),
            _ => None,
        })
    }
}

/// The line that names a loaded dataset's origin: where it came from, its
/// title and date, and who answers for it.
pub fn origin_line(from: &str, title: &str, updated: &str) -> String {
    format!(
        "This data was loaded from {from}: \u{201c}{}\u{201d}, updated {updated}. Its publisher, not this explainer, answers for its figures and sources.",
        shorten(title, 160)
    )
}

/// `text` cut to at most `max` characters, with an ellipsis where it was cut
/// (a `data:` URL can be two megabytes long).
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}\u{2026}", &text[..cut]),
    }
}

/// The explainer as a component for other Leptos apps: it owns its state, starts
/// from the props, and renders inside a themed `.ssb-root`. Include
/// `ssb-explainer.css` (from `style/` or the npm package) on the page. Outside
/// the custom element nothing measures the widget's width, so the phone layouts
/// apply only when the app sets `data-max="520 600 640"` on the `.ssb-root`.
///
/// ```ignore
/// view! { <SolidStateExplainer view=View::Energy year=2026 show_controls=false/> }
/// ```
#[component]
pub fn SolidStateExplainer(
    /// The view shown first. Default: [`View::Timeline`].
    #[prop(optional)]
    view: View,
    /// The year shown first, 2024–2030 (clamped). Default: 2026.
    #[prop(default = DEFAULT_YEAR)]
    year: i32,
    /// The chemistries shown first. Default: all six.
    #[prop(default = ChemistryId::ALL.to_vec())]
    chemistries: Vec<ChemistryId>,
    /// Light, dark, or following `prefers-color-scheme`. Default: [`Theme::Auto`].
    #[prop(optional)]
    theme: Theme,
    /// Whether the controls are shown. Default: true.
    #[prop(default = true)]
    show_controls: bool,
    /// The dataset to show. Default: the built-in one.
    #[prop(optional)]
    dataset: Option<Arc<Dataset>>,
    /// Prefix for element ids; give each instance on a page its own. Default: `"ssb-app"`.
    #[prop(default = "ssb-app".to_string(), into)]
    id_prefix: String,
    /// Called after each change the reader makes, with the new state.
    #[prop(optional)]
    on_change: Option<ChangeListener>,
) -> impl IntoView {
    let mut initial = ReaderState {
        view,
        chemistries,
        ..ReaderState::default()
    };
    initial.set_year(year);
    let state = RwSignal::new(initial);
    let data = RwSignal::new(DataState::Ready(
        dataset.unwrap_or_else(Dataset::shared_built_in),
    ));
    view! {
        <div class=format!("ssb-root ssb-theme-{}", theme.slug())>
            <Explainer state=state data=data show_controls=show_controls id_prefix=id_prefix
                on_change=on_change.unwrap_or_else(|| Box::new(|_| {}))/>
        </div>
    }
}

/// A message when `data-src` is loading or failed, with the way back to the built-in data.
#[component]
fn DataBanner(
    /// The data state.
    data: RwSignal<DataState>,
) -> impl IntoView {
    move || {
        match data.get() {
        DataState::Loading(url) => view! {
            <p class="ssb-banner" role="status">"Loading the dataset from " <code>{shorten(&url, 120)}</code> "…"</p>
        }
        .into_any(),
        DataState::Failed { url, error } => view! {
            <div class="ssb-banner ssb-banner--error" role="alert">
                <p><strong>"This dataset could not be used. "</strong>
                "The file " <code>{shorten(&url, 120)}</code> " " {error}</p>
                <p>"The explainer shows its built-in data instead. "
                <button type="button" class="ssb-button"
                    on:click=move |_| data.set(DataState::Ready(Dataset::shared_built_in()))>
                    "Dismiss"
                </button></p>
            </div>
        }
        .into_any(),
        DataState::Ready(_) | DataState::External { .. } => ().into_any(),
    }
    }
}

/// Chemistry toggles, the year slider with play, the view tabs and the table switch.
#[component]
fn Controls() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let state = ctx.state;
    let year = move || state.with(|s| s.year);
    let playing = RwSignal::new(false);
    let reduced = prefers_reduced_motion();
    let timer: StoredValue<Option<IntervalHandle>, LocalStorage> = StoredValue::new_local(None);

    let stop = move || {
        timer.update_value(|t| {
            if let Some(h) = t.take() {
                h.clear();
            }
        });
        // Only a change notifies: the slider calls this on every step.
        if playing.try_get_untracked() == Some(true) {
            playing.set(false);
        }
    };
    on_cleanup(stop);
    let play = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        if state.with_untracked(|s| s.next_year().is_none()) {
            ctx.change(|s| s.set_year(FIRST_YEAR));
        }
        playing.set(true);
        let handle = set_interval_with_handle(
            move || match state.with_untracked(|s| s.next_year()) {
                Some(y) => ctx.change(|s| s.set_year(y)),
                None => stop(),
            },
            std::time::Duration::from_millis(1200),
        );
        timer.set_value(handle.ok());
    };

    let tab_keys = move |ev: leptos::ev::KeyboardEvent| {
        let views = View::ALL;
        let i = views
            .iter()
            .position(|v| *v == state.with_untracked(|s| s.view))
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => Some(views[(i + 1) % views.len()]),
            "ArrowLeft" | "ArrowUp" => Some(views[(i + views.len() - 1) % views.len()]),
            "Home" => Some(views[0]),
            "End" => Some(views[views.len() - 1]),
            _ => None,
        };
        if let Some(v) = next {
            ev.prevent_default();
            ctx.change(|s| s.view = v);
            focus_in_root(&ev, &format!("#{}", ctx.id(&format!("tab-{}", v.slug()))));
        }
    };

    let year_label_id = ctx.id("year-label");
    view! {
        <div class="ssb-controls">
            <fieldset class="ssb-chems">
                <legend class="ssb-label">"Chemistries"</legend>
                {ChemistryId::ALL.into_iter().map(|c| view! {
                    <button type="button" class=format!("ssb-chip ssb-c--{}", c.slug())
                        aria-pressed=move || state.with(|s| s.shows(c)).to_string()
                        on:click=move |_| ctx.change(|s| s.toggle_chemistry(c))>
                        <span class="ssb-chip__swatch" aria-hidden="true"></span>
                        {c.name()}
                    </button>
                }).collect_view()}
            </fieldset>
            <div class="ssb-year">
                <label class="ssb-label" id=year_label_id.clone() for=ctx.id("year")>
                    "Year: as of the end of " <output class="ssb-year__value">{year}</output>
                </label>
                <div class="ssb-year__row">
                    <button type="button" class="ssb-button ssb-play"
                        disabled=reduced
                        title=if reduced { "Play is off because your system asks for reduced motion" } else { "Step through the years" }
                        aria-pressed=move || playing.get().to_string()
                        on:click=play>
                        {move || if playing.get() { "❚❚ Pause" } else { "▶ Play years" }}
                    </button>
                    <div class="ssb-year__slider">
                        <input type="range" id=ctx.id("year") min=FIRST_YEAR max=LAST_YEAR step="1"
                            aria-label="Year"
                            aria-valuetext=move || format!("as of the end of {}", year())
                            prop:value=move || year().to_string()
                            on:input=move |ev| {
                                if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                                    stop();
                                    ctx.change(|s| s.set_year(y));
                                }
                            }/>
                        <div class="ssb-year__ticks" aria-hidden="true">
                            {(FIRST_YEAR..=LAST_YEAR).map(|y| view! {
                                <button type="button" tabindex="-1"
                                    class=move || if year() == y { "ssb-year__tick is-on" } else { "ssb-year__tick" }
                                    on:click=move |_| { stop(); ctx.change(|s| s.set_year(y)) }>
                                    {y}
                                </button>
                            }).collect_view()}
                        </div>
                    </div>
                </div>
            </div>
            <div class="ssb-tabs-row">
                <div class="ssb-tabs" role="tablist" aria-label="View">
                    {View::ALL.into_iter().map(|v| {
                        let selected = move || state.with(|s| s.view == v);
                        view! {
                            <button type="button" role="tab" id=ctx.id(&format!("tab-{}", v.slug()))
                                class="ssb-tab"
                                aria-selected=move || selected().to_string()
                                aria-controls=ctx.id("panel")
                                tabindex=move || if selected() { "0" } else { "-1" }
                                on:click=move |_| ctx.change(|s| s.view = v)
                                on:keydown=tab_keys>
                                {v.label()}
                            </button>
                        }
                    }).collect_view()}
                </div>
                <button type="button" class="ssb-button ssb-table-toggle"
                    aria-pressed=move || state.with(|s| s.as_table).to_string()
                    on:click=move |_| state.update(|s| s.as_table = !s.as_table)>
                    "Show as table"
                </button>
            </div>
        </div>
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

/// A polite live region that announces the view and its takeaway once per
/// change (the same sentence the view shows above its chart).
#[component]
fn LiveSummary() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let text = move || {
        format!(
            "{}. {}",
            ctx.state.with(|s| s.view.label()),
            ctx.takeaway.get()
        )
    };
    view! { <p class="ssb-sr" aria-live="polite" aria-atomic="true">{text}</p> }
}

/// Keeps `width` at the content width of the element behind `panel` (a
/// `ResizeObserver`, set up once the element is in the page and disconnected
/// when the explainer is disposed). Small changes (under 4 px) are ignored so
/// a scrollbar appearing does not lay the charts out again.
#[cfg(target_arch = "wasm32")]
fn observe_width(panel: NodeRef<leptos::html::Div>, width: RwSignal<i32>) {
    use wasm_bindgen::{closure::Closure, JsCast};
    type Observer = (web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);
    let keep = StoredValue::new_local(None::<Observer>);
    on_cleanup(move || {
        if let Some(Some((observer, _))) = keep.try_update_value(Option::take) {
            observer.disconnect();
        }
    });
    let update = move |w: f64| {
        let w = w.round() as i32;
        if w > 0
            && width
                .try_get_untracked()
                .is_some_and(|old| (old - w).abs() >= 4)
        {
            width.set(w);
        }
    };
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        let Some(el) = panel.try_get_untracked().flatten() else {
            return;
        };
        update(el.client_width() as f64);
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
                update(entry.content_rect().width());
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&el);
        // Disposed meanwhile: let go of the observer at once.
        if keep
            .try_set_value(Some((observer.clone(), callback)))
            .is_some()
        {
            observer.disconnect();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_urls_and_titles_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("data.json", 120), "data.json");
        let long = format!("data:application/json,{}", "x".repeat(5000));
        let short = shorten(&long, 120);
        assert_eq!(short.chars().count(), 121);
        assert!(short.ends_with('\u{2026}'));
        assert_eq!(shorten("Öl und Wärme", 3), "Öl \u{2026}");
    }

    #[test]
    fn the_origin_line_names_host_title_and_date() {
        let line = origin_line("data.example.org", "All-solid at 900 Wh/kg", "Dec 2026");
        assert!(line.contains("data.example.org"));
        assert!(line.contains("\u{201c}All-solid at 900 Wh/kg\u{201d}"));
        assert!(line.contains("updated Dec 2026"));
    }
}
