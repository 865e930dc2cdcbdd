//! The bar under every view: a "Download" menu (the view's data as CSV, its
//! chart as SVG or PNG) and "Copy link" (a link that reproduces the reader's
//! state), with a status line screen readers announce. Files are built from
//! the pure models in [`crate::export`]; nothing goes over the network.

use crate::context::{DataState, ExplainerContext};
use crate::export::{downloads, Download};
use leptos::prelude::*;

/// What a key does in the open menu: the index of the item to focus, or close.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuKey {
    /// Focus the item at this index.
    Focus(usize),
    /// Close the menu and return focus to its button.
    Close,
}

/// The menu's keyboard: arrows move (wrapping), Home and End jump, Escape closes.
pub fn menu_key(key: &str, at: usize, count: usize) -> Option<MenuKey> {
    if count == 0 {
        return None;
    }
    Some(match key {
        "ArrowDown" => MenuKey::Focus((at + 1) % count),
        "ArrowUp" => MenuKey::Focus((at + count - 1) % count),
        "Home" => MenuKey::Focus(0),
        "End" => MenuKey::Focus(count - 1),
        "Escape" => MenuKey::Close,
        _ => return None,
    })
}

/// The `data-src` a shared link carries: the dataset's URL when it is not the
/// built-in one (never a `data:` URL, which only its page can hold).
pub fn link_data_src(d: &DataState) -> Option<&str> {
    match d {
        DataState::External { url, .. } if !url.starts_with("data:") => Some(url.as_str()),
        _ => None,
    }
}

/// The download menu and the copy-link control.
#[component]
pub fn ShareBar() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    // The link, shown for copying by hand when the clipboard refused it.
    let manual = RwSignal::new(None::<String>);
    let view_now = ctx.view;
    let menu_id = ctx.id("downloads");
    let button_id = ctx.id("downloads-button");
    let wrap = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    let menu = NodeRef::<leptos::html::Ul>::new();
    let focus_item = move |i: usize| browser::focus_item(menu, i);
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let show = move |first: bool| {
        open.set(true);
        #[cfg(target_arch = "wasm32")]
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            let n = downloads(view_now.get_untracked()).len();
            focus_item(if first { 0 } else { n.saturating_sub(1) });
        });
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (first, focus_item);
    };
    // A click or tap anywhere outside the menu closes it.
    #[cfg(target_arch = "wasm32")]
    {
        let handle = window_event_listener(leptos::ev::pointerdown, move |ev| {
            if !open.get_untracked() {
                return;
            }
            let inside = wrap
                .get_untracked()
                .is_some_and(|w| ev.composed_path().includes(&w, 0));
            if !inside {
                open.set(false);
            }
        });
        on_cleanup(move || handle.remove());
    }
    let menu_keys = move |ev: leptos::ev::KeyboardEvent| {
        let n = downloads(view_now.get_untracked()).len();
        let at = browser::target_index(&ev).unwrap_or(0);
        match menu_key(&ev.key(), at, n) {
            Some(MenuKey::Focus(i)) => {
                ev.prevent_default();
                focus_item(i);
            }
            Some(MenuKey::Close) => {
                ev.prevent_default();
                ev.stop_propagation();
                close(true);
            }
            None if ev.key() == "Tab" => close(false),
            None => {}
        }
    };
    let pick = move |d: Download| {
        close(true);
        browser::download(ctx, d, wrap, status);
    };
    let copy = move |_| {
        let Some(base) = ctx.share_base.get_value() else {
            return;
        };
        let link = ctx.state.with_untracked(|s| {
            ctx.source.with_untracked(|d| {
                format!("{base}{}", crate::state::share_query(s, link_data_src(d)))
            })
        });
        manual.set(None);
        #[cfg(target_arch = "wasm32")]
        leptos::task::spawn_local(async move {
            if browser::copy_text(&link).await {
                status.set("Link copied. It opens this view with this year, these chemistries and this selection.".into());
            } else {
                status.set(
                    "The browser did not allow copying. Copy the link from the field below.".into(),
                );
                manual.set(Some(link));
            }
        });
        #[cfg(not(target_arch = "wasm32"))]
        let _ = link;
    };
    let items = move || {
        downloads(view_now.get())
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let d = *d;
                view! {
                    <li role="none">
                        <button type="button" role="menuitem" tabindex="-1" class="ssb-menu__item"
                            data-index=i.to_string() data-download=d.extension()
                            on:click=move |_| pick(d)>
                            {d.label()}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="ssb-share">
            <div class="ssb-menu" node_ref=wrap>
                <button type="button" class="ssb-button" id=button_id.clone() node_ref=button
                    aria-haspopup="menu" aria-controls=menu_id.clone()
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| if open.get_untracked() { close(false) } else { show(true) }
                    on:keydown=move |ev| match ev.key().as_str() {
                        "ArrowDown" => { ev.prevent_default(); show(true) }
                        "ArrowUp" => { ev.prevent_default(); show(false) }
                        "Escape" if open.get_untracked() => { ev.prevent_default(); close(true) }
                        _ => {}
                    }>
                    "Download"<span aria-hidden="true">" \u{25BE}"</span>
                </button>
                <ul class="ssb-menu__list" role="menu" id=menu_id aria-labelledby=button_id node_ref=menu
                    hidden=move || !open.get() on:keydown=menu_keys>
                    {items}
                </ul>
            </div>
            {ctx.share_base.get_value().is_some().then(|| view! {
                <button type="button" class="ssb-button" on:click=copy>"Copy link"</button>
            })}
            <p class="ssb-share__status" role="status">{move || status.get()}</p>
            {move || manual.get().map(|link| view! {
                <input class="ssb-share__link" type="text" readonly aria-label="Link to this view" prop:value=link
                    on:focus=move |ev| browser::select_all(&ev)/>
            })}
        </div>
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "downloads")))]
pub use browser::set_writer;

#[cfg(target_arch = "wasm32")]
mod browser {
    //! Handing files to the browser: a blob URL and a download link, a canvas
    //! for the PNG, the clipboard for links.
    use crate::context::ExplainerContext;
    #[cfg(feature = "downloads")]
    use crate::export::File;
    use crate::export::{file_name, Download, Order, PALETTE_PROPERTIES};
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    /// Focuses the menu's item `i`.
    pub fn focus_item(menu: NodeRef<leptos::html::Ul>, i: usize) {
        let item = menu
            .get_untracked()
            .and_then(|ul| ul.query_selector_all("[role=menuitem]").ok())
            .and_then(|items| items.item(i as u32));
        if let Some(el) = item {
            let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    }

    /// The `data-index` of the menu item an event happened on.
    pub fn target_index(ev: &leptos::ev::KeyboardEvent) -> Option<usize> {
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        el.get_attribute("data-index")?.parse().ok()
    }

    /// Selects the text of the input an event happened on.
    pub fn select_all(ev: &leptos::ev::FocusEvent) {
        if let Some(i) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            i.select();
        }
    }

    #[cfg(feature = "downloads")]
    fn blob(text: &str, mime: &str) -> Option<web_sys::Blob> {
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()
    }

    #[cfg(feature = "downloads")]
    /// Saves `b` as a download named `name`.
    fn save(b: &web_sys::Blob, name: &str) -> bool {
        let (Some(doc), Ok(url)) = (
            web_sys::window().and_then(|w| w.document()),
            web_sys::Url::create_object_url_with_blob(b),
        ) else {
            return false;
        };
        let Some(a) = doc
            .create_element("a")
            .ok()
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return false;
        };
        a.set_href(&url);
        a.set_download(name);
        a.click();
        gloo_timers::callback::Timeout::new(30_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
        true
    }

    /// The theme on screen: the values of [`PALETTE_PROPERTIES`] on `at`.
    fn palette(at: &web_sys::Element) -> Vec<String> {
        let style = web_sys::window().and_then(|w| w.get_computed_style(at).ok().flatten());
        PALETTE_PROPERTIES
            .iter()
            .map(|name| {
                style
                    .as_ref()
                    .and_then(|s| s.get_property_value(name).ok())
                    .unwrap_or_default()
            })
            .collect()
    }

    /// Builds and saves a download, and says what happened on the status line.
    pub fn download(
        ctx: ExplainerContext,
        d: Download,
        at: NodeRef<leptos::html::Div>,
        status: RwSignal<String>,
    ) {
        let order = Order {
            download: d,
            state: ctx.state.get_untracked(),
            width: ctx.width.get_untracked(),
            expanded: ctx.expanded.get_untracked(),
            palette: at
                .get_untracked()
                .map(|el| palette(&el))
                .unwrap_or_default(),
        };
        let name = file_name(order.state.view, order.state.year, d.extension());
        status.set(format!("Preparing {name}\u{2026}"));
        #[cfg(feature = "downloads")]
        let data = ctx.data.get_untracked();
        #[cfg(not(feature = "downloads"))]
        let data = ctx.source.with_untracked(baked);
        leptos::task::spawn_local(async move {
            status.set(write_and_save(data, &order).await);
        });
    }

    /// With the `downloads` feature (a Leptos app's build), the widget builds
    /// and saves its files itself.
    #[cfg(feature = "downloads")]
    async fn write_and_save(data: std::sync::Arc<crate::model::Dataset>, order: &Order) -> String {
        match crate::export::build_file(&data, order) {
            Ok(file) => save_file(file, order.download).await,
            Err(message) => message,
        }
    }

    /// The dataset on screen as baked bytes, for the download module: the
    /// built-in one, or the `data-src` dataset as the reader baked it.
    #[cfg(not(feature = "downloads"))]
    fn baked(source: &crate::context::DataState) -> std::sync::Arc<[u8]> {
        use crate::context::DataState;
        match source {
            DataState::External { baked, .. } => baked.clone(),
            _ => crate::model::BUILT_IN_BAKED.into(),
        }
    }

    #[cfg(not(feature = "downloads"))]
    thread_local! {
        /// The page's download writer, set by the custom element's loader.
        static WRITER: std::cell::RefCell<Option<js_sys::Function>> = const { std::cell::RefCell::new(None) };
    }

    /// Sets the function that builds and saves downloads outside the widget's
    /// wasm: `(baked: Uint8Array, order: string[]) => Promise<string>`, the
    /// status line's sentence (rejected: the sentence too).
    #[cfg(not(feature = "downloads"))]
    pub fn set_writer(f: js_sys::Function) {
        WRITER.with(|w| *w.borrow_mut() = Some(f));
    }

    /// Without the `downloads` feature (the custom element's build), the
    /// element's loader builds the file in the on-demand module and saves it.
    #[cfg(not(feature = "downloads"))]
    async fn write_and_save(baked: std::sync::Arc<[u8]>, order: &Order) -> String {
        const NOT_BUILT: &str =
            "The download could not be built: the explainer's download module did not load.";
        let Some(writer) = WRITER.with(|w| w.borrow().clone()) else {
            return NOT_BUILT.into();
        };
        let fields: js_sys::Array = order
            .to_fields()
            .into_iter()
            .map(|f| JsValue::from_str(&f))
            .collect();
        let Ok(promise) = writer.call2(
            &JsValue::NULL,
            &js_sys::Uint8Array::from(&baked[..]),
            &fields,
        ) else {
            return NOT_BUILT.into();
        };
        match JsFuture::from(js_sys::Promise::from(promise)).await {
            Ok(said) | Err(said) => said.as_string().unwrap_or_else(|| NOT_BUILT.into()),
        }
    }

    /// Hands a built file to the browser; for a PNG, draws its SVG first.
    #[cfg(feature = "downloads")]
    async fn save_file(file: File, d: Download) -> String {
        let File { name, text, done } = file;
        let mime = match d {
            Download::Csv => "text/csv;charset=utf-8",
            _ => "image/svg+xml",
        };
        if d != Download::Png {
            let saved = blob(&text, mime).is_some_and(|b| save(&b, &name));
            return if saved {
                done
            } else {
                format!("{name} could not be saved.")
            };
        }
        let (w, h) = svg_size(&text);
        match png(&text, w, h).await {
            Some(b) if save(&b, &name) => format!("Downloaded {name} ({} × {} pixels).", w * 2, h * 2),
            _ => format!(
                "{name} could not be drawn. If this page has a Content-Security-Policy, it must allow img-src blob:."
            ),
        }
    }

    #[cfg(feature = "downloads")]
    /// The width and height an SVG file of ours declares.
    fn svg_size(svg: &str) -> (u32, u32) {
        let num = |key: &str| {
            svg.split_once(key)
                .and_then(|(_, rest)| rest.split('"').next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (num(" width=\""), num(" height=\""))
    }

    #[cfg(feature = "downloads")]
    /// The SVG drawn at twice its size into a canvas, as a PNG blob.
    async fn png(svg: &str, w: u32, h: u32) -> Option<web_sys::Blob> {
        let b = blob(svg, "image/svg+xml")?;
        let url = web_sys::Url::create_object_url_with_blob(&b).ok()?;
        let img = web_sys::HtmlImageElement::new().ok()?;
        img.set_src(&url);
        let decoded = JsFuture::from(img.decode()).await;
        let _ = web_sys::Url::revoke_object_url(&url);
        decoded.ok()?;
        let doc = web_sys::window()?.document()?;
        let canvas: web_sys::HtmlCanvasElement =
            doc.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_width(w * 2);
        canvas.set_height(h * 2);
        let cx: web_sys::CanvasRenderingContext2d =
            canvas.get_context("2d").ok()??.dyn_into().ok()?;
        cx.draw_image_with_html_image_element_and_dw_and_dh(
            &img,
            0.0,
            0.0,
            (w * 2) as f64,
            (h * 2) as f64,
        )
        .ok()?;
        let done = js_sys::Promise::new(&mut |resolve, _| {
            let _ = canvas.to_blob(&resolve);
        });
        JsFuture::from(done).await.ok()?.dyn_into().ok()
    }

    /// Copies `text` to the clipboard; false when the browser refuses.
    pub async fn copy_text(text: &str) -> bool {
        let Some(w) = web_sys::window() else {
            return false;
        };
        JsFuture::from(w.navigator().clipboard().write_text(text))
            .await
            .is_ok()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    use crate::context::ExplainerContext;
    use crate::export::Download;
    use leptos::prelude::*;

    /// Outside a browser there is no focus to move.
    pub fn focus_item(_: NodeRef<leptos::html::Ul>, _: usize) {}

    /// Outside a browser no key is pressed.
    pub fn target_index(_: &leptos::ev::KeyboardEvent) -> Option<usize> {
        None
    }

    /// Outside a browser there is no input to select.
    pub fn select_all(_: &leptos::ev::FocusEvent) {}

    /// Outside a browser there is nowhere to save a file.
    pub fn download(
        _: ExplainerContext,
        _: Download,
        _: NodeRef<leptos::html::Div>,
        _: RwSignal<String>,
    ) {
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_keys_wrap_and_escape_closes() {
        assert_eq!(menu_key("ArrowDown", 2, 3), Some(MenuKey::Focus(0)));
        assert_eq!(menu_key("ArrowUp", 0, 3), Some(MenuKey::Focus(2)));
        assert_eq!(menu_key("End", 0, 3), Some(MenuKey::Focus(2)));
        assert_eq!(menu_key("Home", 2, 3), Some(MenuKey::Focus(0)));
        assert_eq!(menu_key("Escape", 1, 3), Some(MenuKey::Close));
        assert_eq!(menu_key("a", 1, 3), None);
        assert_eq!(menu_key("ArrowDown", 0, 0), None);
    }
}
