//! The explainer as a Leptos component: it owns the reader's state and the
//! widget's own, draws the whole screen ([`crate::screen`]) into one root
//! element with one effect, and hands every click, key and input inside that
//! root to `crate::events`. A reader's click lands there, changes
//! [`ReaderState`], and the next drawing derives what every view shows from
//! that state.

pub use crate::context::{ChangeListener, DataState, ExplainerContext};
use crate::model::{ChemistryId, Dataset};
use crate::screen::Screen;
use crate::state::{ReaderState, Theme, View, DEFAULT_YEAR};
pub use crate::views::data::{data_banner_doc, data_origin_doc, origin_line, shorten};
use crate::views::frame::Frame;
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
    let has_link = share_base.is_some();
    let ctx = ExplainerContext::new(state, data, on_change, id_prefix, width, share_base);
    let screen = StoredValue::new_local(Screen::default());
    let reduced_motion = crate::views::controls::prefers_reduced_motion();
    // One drawing of the screen from every signal it reads (tracked, so the
    // effect that calls it runs again when any of them changes).
    let draw = move || -> Option<Vec<crate::charts::doc::Node>> {
        let (width, show_controls) = (ctx.width.get(), show_controls.get());
        state.with(|s| {
            data.with(|d| {
                ctx.widget.with(|w| {
                    ctx.id_prefix.with_value(|prefix| {
                        let dataset = d.dataset();
                        let frame = Frame {
                            state: s,
                            source: d,
                            data: &dataset,
                            widget: w,
                            width,
                            show_controls,
                            reduced_motion,
                            id_prefix: prefix,
                            has_link,
                        };
                        screen.try_update_value(|screen| screen.draw(&frame))
                    })
                })
            })
        })
    };
    #[cfg(target_arch = "wasm32")]
    {
        use crate::charts::doc::Node;
        use crate::views::doc::{patch, Spare};
        let root = NodeRef::<leptos::html::Div>::new();
        observe_width(root, ctx.width);
        crate::events::close_menu_outside(ctx, root);
        on_cleanup(move || crate::views::controls::stop(ctx));
        let shown = StoredValue::new_local((Vec::<Node>::new(), Spare::new()));
        Effect::new(move |_| {
            let Some(el) = root.get() else { return };
            let Some(nodes) = draw() else { return };
            let focused = crate::events::focused_item(&el);
            shown.update_value(|(old, spare)| {
                patch(&document(), &el, old, &nodes, spare, false);
                *old = nodes;
            });
            crate::events::after_drawing(ctx, &el, focused);
        });
        let click = move |ev: leptos::ev::MouseEvent| crate::events::click(ctx, screen, &ev);
        let key = move |ev: leptos::ev::KeyboardEvent| crate::events::keydown(ctx, screen, &ev);
        let input = move |ev: leptos::ev::Event| crate::events::input(ctx, &ev);
        let focus = move |ev: leptos::ev::FocusEvent| crate::events::focusin(&ev);
        view! { <div node_ref=root class="ssb" on:click=click on:keydown=key on:input=input on:focusin=focus></div> }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Outside a browser (server rendering, tests) the screen is HTML.
        let html = draw()
            .map(|nodes| crate::charts::doc::to_html(&nodes))
            .unwrap_or_default();
        view! { <div class="ssb" inner_html=html></div> }
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

/// Keeps `width` at the content width of the element behind `root` (a
/// `ResizeObserver`, set up once the element is in the page and disconnected
/// when the explainer is disposed). Small changes (under 4 px) are ignored so
/// a scrollbar appearing does not lay the charts out again.
#[cfg(target_arch = "wasm32")]
fn observe_width(root: NodeRef<leptos::html::Div>, width: RwSignal<i32>) {
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
        let Some(el) = root.try_get_untracked().flatten() else {
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
