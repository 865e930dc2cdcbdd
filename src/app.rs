//! The explainer: controls shared by every view, the four views, the table
//! switch, the live region and the error states. A reader's click lands here
//! first (in the control handlers), changes [`ReaderState`], and every view
//! derives what it shows from that state.

pub use crate::context::{focus_in_root, ChangeListener, DataState, ExplainerContext};
use crate::model::{ChemistryId, Dataset};
use crate::state::{ReaderState, Theme, View, DEFAULT_YEAR, FIRST_YEAR, LAST_YEAR};
use crate::views::{
    common::SourceList, energy::EnergyView, hurdles::HurdlesView, readiness::ReadinessView,
    timeline::TimelineView,
};
use leptos::prelude::*;
use std::sync::Arc;

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
    let ctx = ExplainerContext::new(state, data, on_change, id_prefix, width, share_base);
    provide_context(ctx);
    let panel_ref = NodeRef::<leptos::html::Div>::new();
    #[cfg(target_arch = "wasm32")]
    observe_width(panel_ref, ctx.width);

    let view_now = ctx.view;
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
    let year = ctx.year;
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
                        aria-pressed=move || ctx.chemistries.with(|cs| cs.contains(&c)).to_string()
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
                            aria-valuetext=move || format!("as of the end of {}", year.get())
                            prop:value=move || year.get().to_string()
                            on:input=move |ev| {
                                if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                                    stop();
                                    ctx.change(|s| s.set_year(y));
                                }
                            }/>
                        <div class="ssb-year__ticks" aria-hidden="true">
                            {(FIRST_YEAR..=LAST_YEAR).map(|y| view! {
                                <button type="button" tabindex="-1"
                                    class=move || if year.get() == y { "ssb-year__tick is-on" } else { "ssb-year__tick" }
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
                        let selected = move || ctx.view.get() == v;
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
                    aria-pressed=move || ctx.as_table.get().to_string()
                    on:click=move |_| state.update(|s| s.as_table = !s.as_table)>
                    "Show as table"
                </button>
            </div>
        </div>
    }
}

/// A polite live region that announces the view and its takeaway once per
/// change (the same sentence the view shows above its chart).
#[component]
fn LiveSummary() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let text = move || format!("{}. {}", ctx.view.get().label(), ctx.takeaway.get());
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
