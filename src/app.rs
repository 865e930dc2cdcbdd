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
    let width = RwSignal::new(width);
    let ctx = ExplainerContext::new(state, data, on_change, id_prefix, width, share_base);
    #[cfg(target_arch = "wasm32")]
    {
        let root = NodeRef::<leptos::html::Div>::new();
        observe_width(root, ctx.width);
        draw_into::<true>(ctx, show_controls, move || root.get().map(Into::into));
        view! { <div node_ref=root class="ssb"></div> }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Outside a browser (server rendering, tests) the screen is HTML.
        let html = draw(ctx, show_controls, &mut Screen::default())
            .map(|nodes| crate::charts::doc::to_html(&nodes))
            .unwrap_or_default();
        view! { <div class="ssb" inner_html=html></div> }
    }
}

/// One drawing of the screen from every signal it reads (tracked, so an
/// effect that calls it runs again when any of them changes).
fn draw(
    ctx: ExplainerContext,
    show_controls: Signal<bool>,
    screen: &mut Screen,
) -> Option<Vec<crate::charts::doc::Node>> {
    let (width, show_controls) = (ctx.width.try_get()?, show_controls.try_get()?);
    let has_link = ctx.share_base.try_with_value(Option::is_some)?;
    let reduced_motion = ctx.reduced_motion;
    ctx.state.try_with(|s| {
        ctx.source.with(|d| {
            ctx.widget.with(|w| {
                ctx.id_prefix.with_value(|prefix| {
                    let dataset = d.dataset();
                    screen.draw(&Frame {
                        state: s,
                        source: d,
                        data: &dataset,
                        widget: w,
                        width,
                        show_controls,
                        reduced_motion,
                        id_prefix: prefix,
                        has_link,
                    })
                })
            })
        })
    })
}

/// Draws the explainer into the element `root` gives (once there is one) and
/// keeps it up to date, listening on it for the reader's keys, and with
/// `CLICKS_AND_INPUT` for clicks and input too: one effect, owned by the
/// current reactive owner, and everything it set up goes with that owner.
/// The custom element calls this with a `<div>` of its own (no Leptos view
/// in between) and its loader listens for clicks and input (see
/// [`crate::events::listen`]); the component with its root, listening for
/// everything.
#[cfg(target_arch = "wasm32")]
pub fn draw_into<const CLICKS_AND_INPUT: bool>(
    ctx: ExplainerContext,
    show_controls: Signal<bool>,
    root: impl Fn() -> Option<web_sys::Element> + 'static,
) {
    use crate::charts::doc::Node;
    use crate::views::doc::{patch, Drawn, Spare};
    struct Shown {
        screen: Screen,
        nodes: Vec<Node>,
        drawn: Vec<Drawn>,
        spare: Spare,
        listening: Option<crate::events::Listening>,
    }
    let shown = StoredValue::new_local(Shown {
        screen: Screen::default(),
        nodes: Vec::new(),
        drawn: Vec::new(),
        spare: Spare::new(),
        listening: None,
    });
    on_cleanup(move || {
        crate::views::controls::stop(ctx);
        if let Some(Some(listening)) = shown.try_update_value(|s| s.listening.take()) {
            listening.remove();
        }
    });
    Effect::new(move |_| {
        let Some(el) = root() else { return };
        let focused = crate::events::focused_item(&el);
        let drawn = shown.try_update_value(|s| {
            let Some(nodes) = draw(ctx, show_controls, &mut s.screen) else {
                return;
            };
            if s.listening.is_none() {
                s.listening = Some(crate::events::listen::<CLICKS_AND_INPUT>(
                    ctx,
                    shown_scene(shown),
                    &el,
                ));
            }
            patch(
                &document(),
                &el,
                &s.nodes,
                &nodes,
                &mut s.drawn,
                &mut s.spare,
                false,
            );
            s.nodes = nodes;
            if let Some(listening) = &s.listening {
                let (menu_open, link_shown) = ctx
                    .widget
                    .with_untracked(|w| (w.share.open, w.share.manual.is_some()));
                listening.follow(menu_open, link_shown);
            }
        });
        if drawn.is_some() {
            crate::events::after_drawing(ctx, &el, focused);
        }
    });

    /// The timeline scene the screen last drew, for the handlers of keys on marks.
    fn shown_scene(
        shown: StoredValue<Shown, LocalStorage>,
    ) -> impl Fn() -> Option<Arc<crate::charts::scene::Scene>> + Copy + 'static {
        move || {
            shown
                .try_with_value(|s| s.screen.last_timeline_scene())
                .flatten()
        }
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
