//! The explainer: controls shared by every view, the four views, the table
//! switch, the live region and the error states. A reader's click lands here
//! first (in the control handlers), changes [`ReaderState`], and every view
//! derives what it shows from that state.

use crate::charts::doc::{el, El};
pub use crate::context::{focus_in_root, ChangeListener, DataState, ExplainerContext};
use crate::model::{ChemistryId, Dataset};
use crate::state::{ReaderState, Theme, View, DEFAULT_YEAR};
use crate::views::doc::{doc_of, Doc, DocEvents, DocView};
use crate::views::{
    common::SourceList, controls::Controls, energy::EnergyView, hurdles::HurdlesView,
    readiness::ReadinessView, timeline::TimelineView,
};
use leptos::prelude::*;
use std::sync::Arc;

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
            {move || show_controls.get().then(|| view! { <Controls/> })}
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
pub fn data_origin_doc(d: &DataState) -> Option<El> {
    match d {
        DataState::External { from, dataset, .. } => Some(
            el("p")
                .class("ssb-origin")
                .kid(el("strong").text("Not the explainer's own data. "))
                .text(origin_line(from, &dataset.title, &dataset.updated.label())),
        ),
        _ => None,
    }
}

/// The line of [`data_origin_doc`], following the data state.
#[component]
fn DataOrigin(
    /// The data state.
    data: RwSignal<DataState>,
) -> impl IntoView {
    let doc = Memo::new(move |_| -> Doc { doc_of(data.with(data_origin_doc)) });
    view! { <DocView doc=doc/> }
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

/// A message when `data-src` is loading or failed, with the way back to the
/// built-in data (a button with `data-act="dismiss"`).
pub fn data_banner_doc(d: &DataState) -> Option<El> {
    match d {
        DataState::Loading(url) => Some(
            el("p")
                .class("ssb-banner")
                .attr("role", "status")
                .text("Loading the dataset from ")
                .kid(el("code").text(shorten(url, 120)))
                .text("…"),
        ),
        DataState::Failed { url, error } => Some(
            el("div")
                .class("ssb-banner ssb-banner--error")
                .attr("role", "alert")
                .kid(
                    el("p")
                        .kid(el("strong").text("This dataset could not be used. "))
                        .text("The file ")
                        .kid(el("code").text(shorten(url, 120)))
                        .text(" ")
                        .text(error.clone()),
                )
                .kid(
                    el("p")
                        .text("The explainer shows its built-in data instead. ")
                        .kid(
                            el("button")
                                .attr("type", "button")
                                .class("ssb-button")
                                .attr("data-act", "dismiss")
                                .text("Dismiss"),
                        ),
                ),
        ),
        DataState::Ready(_) | DataState::External { .. } => None,
    }
}

/// The banner of [`data_banner_doc`], following the data state.
#[component]
fn DataBanner(
    /// The data state.
    data: RwSignal<DataState>,
) -> impl IntoView {
    let doc = Memo::new(move |_| -> Doc { doc_of(data.with(data_banner_doc)) });
    let dismiss = move |ev: &leptos::ev::MouseEvent| {
        if crate::views::scene::target_attr(ev, "data-act").as_deref() == Some("dismiss") {
            data.set(DataState::Ready(Dataset::shared_built_in()));
        }
    };
    let events = DocEvents {
        click: Some(std::rc::Rc::new(dismiss)),
        ..DocEvents::default()
    };
    view! { <DocView doc=doc events=events/> }
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
        // No synchronous read of the width here: it would force a layout of
        // the whole widget before its first frame. The observer's first
        // report comes after that frame's layout, before it is painted.
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
