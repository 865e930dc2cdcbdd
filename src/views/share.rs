//! The bar under every view: a "Download" menu (the view's data as CSV, its
//! chart as SVG or PNG) and "Copy link" (a link that reproduces the reader's
//! state), with a status line screen readers announce. The bar is a document
//! ([`share_doc`]); its state is the explainer's
//! ([`crate::context::ShareState`]), and `crate::events` sends its clicks
//! and keys here. Files are built from the pure models in [`crate::export`]:
//! by the element's on-demand module (`reader/`, loaded at the first
//! download), or in this wasm with the `downloads` feature (a Leptos app's
//! build). No data leaves the page.

use crate::charts::doc::{el, El};
pub use crate::context::ShareState;
use crate::context::{DataState, ExplainerContext};
use crate::export::{downloads, Download};
use crate::state::View;
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

/// The bar as a document: the Download button and its menu (what `view`
/// offers), "Copy link" when there is a link to copy, the status line and the
/// field with the link. `menu_id` and `button_id` tie the menu to its button.
pub fn share_doc(view: View, menu_id: &str, button_id: &str, has_link: bool, s: &ShareState) -> El {
    let items = downloads(view).iter().enumerate().map(|(i, d)| {
        el("li").attr("role", "none").kid(
            el("button")
                .attr("type", "button")
                .attr("role", "menuitem")
                .attr("tabindex", "-1")
                .class("ssb-menu__item")
                .attr("data-index", i.to_string())
                .attr("data-download", d.extension())
                .text(d.label()),
        )
    });
    let mut list = el("ul")
        .class("ssb-menu__list")
        .attr("role", "menu")
        .attr("id", menu_id.to_string())
        .attr("aria-labelledby", button_id.to_string());
    if !s.open {
        list = list.attr("hidden", "");
    }
    let menu = el("div")
        .class("ssb-menu")
        .kid(
            el("button")
                .attr("type", "button")
                .class("ssb-button")
                .attr("id", button_id.to_string())
                .attr("aria-haspopup", "menu")
                .attr("aria-controls", menu_id.to_string())
                .attr("aria-expanded", if s.open { "true" } else { "false" })
                .attr("data-act", "menu")
                .text("Download")
                .kid(el("span").attr("aria-hidden", "true").text(" \u{25BE}")),
        )
        .kid(list.kids(items));
    el("div")
        .class("ssb-share")
        .kid(menu)
        .kid(has_link.then(|| {
            el("button")
                .attr("type", "button")
                .class("ssb-button")
                .attr("data-act", "copy")
                .text("Copy link")
        }))
        .kid(
            el("p")
                .class("ssb-share__status")
                .attr("role", "status")
                .text(s.status.clone()),
        )
        .kid(s.manual.as_ref().map(|link| {
            el("input")
                .class("ssb-share__link")
                .attr("type", "text")
                .attr("readonly", "")
                .attr("aria-label", "Link to this view")
                .attr("value", link.clone())
        }))
}

/// The menu's items for `view`, counted.
fn item_count(view: View) -> usize {
    downloads(view).len()
}

/// Opens the menu and focuses its first item (or its last, `first` false)
/// once it is drawn.
pub fn open_menu(ctx: ExplainerContext, first: bool) {
    let n = item_count(ctx.state.with_untracked(|s| s.view));
    let i = if first { 0 } else { n.saturating_sub(1) };
    ctx.focus_after
        .set_value(Some(format!("[data-index=\"{i}\"]")));
    ctx.update_widget(|w| w.share.open = true);
}

/// Closes the menu.
pub fn close_menu(ctx: ExplainerContext) {
    ctx.update_widget(|w| w.share.open = false);
}

/// The link "Copy link" copies: the base and the state's query string.
pub fn link(ctx: ExplainerContext) -> Option<String> {
    let base = ctx.share_base.get_value()?;
    Some(ctx.state.with_untracked(|s| {
        ctx.source
            .with_untracked(|d| format!("{base}{}", crate::state::share_query(s, link_data_src(d))))
    }))
}

/// The download a menu item names by its file extension, for `view`.
pub fn download_named(view: View, extension: &str) -> Option<Download> {
    downloads(view)
        .iter()
        .find(|d| d.extension() == extension)
        .copied()
}

#[cfg(all(target_arch = "wasm32", not(feature = "downloads")))]
pub use browser::set_writer;
#[cfg(target_arch = "wasm32")]
pub use browser::{copy, download};

#[cfg(target_arch = "wasm32")]
mod browser {
    //! Handing files to the browser: a blob URL and a download link, a canvas
    //! for the PNG, the clipboard for links.
    use crate::context::ExplainerContext;
    #[cfg(feature = "downloads")]
    use crate::export::File;
    use crate::export::{file_name, Download, Order, PALETTE_PROPERTIES};
    use leptos::prelude::*;
    #[cfg(feature = "downloads")]
    use wasm_bindgen::JsCast;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;

    /// Says `status` on the share bar's status line (if the widget is still there).
    fn say(ctx: ExplainerContext, status: String) {
        if ctx.widget.try_with_untracked(|_| ()).is_some() {
            ctx.update_widget(|w| w.share.status = status);
        }
    }

    /// Copies `link` and says so; where the clipboard refuses, shows the link
    /// to copy by hand.
    pub fn copy(ctx: ExplainerContext, link: String) {
        ctx.update_widget(|w| w.share.manual = None);
        leptos::task::spawn_local(async move {
            let copied = match web_sys::window() {
                Some(w) => JsFuture::from(w.navigator().clipboard().write_text(&link))
                    .await
                    .is_ok(),
                None => false,
            };
            if ctx.widget.try_with_untracked(|_| ()).is_none() {
                return;
            }
            ctx.update_widget(|w| {
                if copied {
                    w.share.status = "Link copied. It opens this view with this year, these chemistries and this selection.".into();
                } else {
                    w.share.status = "The browser did not allow copying. Copy the link from the field below.".into();
                    w.share.manual = Some(link);
                }
            });
        });
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

    /// Builds and saves a download, and says what happened on the status
    /// line; the theme's colours are read at `at` (inside the widget).
    pub fn download(ctx: ExplainerContext, d: Download, at: &web_sys::Element) {
        let order = Order {
            download: d,
            state: ctx.state.get_untracked(),
            width: ctx.width.get_untracked(),
            expanded: ctx.widget.with_untracked(|w| w.expanded.clone()),
            palette: palette(at),
        };
        let name = file_name(order.state.view, order.state.year, d.extension());
        say(ctx, format!("Preparing {name}\u{2026}"));
        #[cfg(feature = "downloads")]
        let data = ctx.dataset();
        #[cfg(not(feature = "downloads"))]
        let data = ctx.source.with_untracked(baked);
        leptos::task::spawn_local(async move {
            let said = write_and_save(data, &order).await;
            say(ctx, said);
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(bar: &El) -> Vec<String> {
        bar.find_all("button")
            .into_iter()
            .filter(|b| b.get("role") == Some("menuitem"))
            .map(|b| b.text_content())
            .collect()
    }

    #[test]
    fn the_bar_offers_what_the_view_has_and_its_menu_opens_and_closes() {
        let closed = share_doc(View::Energy, "m", "b", true, &ShareState::default());
        assert_eq!(items(&closed), ["Data (CSV)", "Chart (SVG)", "Chart (PNG)"]);
        let button = closed.find_all("button")[0];
        assert_eq!(button.get("aria-expanded"), Some("false"));
        assert_eq!(button.get("aria-controls"), Some("m"));
        let list = closed.find_all("ul")[0];
        assert_eq!(list.get("hidden"), Some(""));
        assert_eq!(list.get("aria-labelledby"), Some("b"));

        let open = ShareState {
            open: true,
            ..ShareState::default()
        };
        let opened = share_doc(View::Hurdles, "m", "b", true, &open);
        assert_eq!(items(&opened), ["Data (CSV)"], "the matrix is a table");
        assert_eq!(
            opened.find_all("button")[0].get("aria-expanded"),
            Some("true")
        );
        assert_eq!(opened.find_all("ul")[0].get("hidden"), None);
    }

    #[test]
    fn copy_link_the_status_line_and_the_link_field_follow_the_state() {
        let copy = |bar: &El| {
            bar.find_all("button")
                .iter()
                .any(|b| b.get("data-act") == Some("copy"))
        };
        let plain = share_doc(View::Timeline, "m", "b", false, &ShareState::default());
        assert!(!copy(&plain), "no link base, no Copy link");
        assert!(plain.find_all("input").is_empty());
        let refused = ShareState {
            status: "The browser did not allow copying.".into(),
            manual: Some("https://example.org/embed.html?view=energy".into()),
            ..ShareState::default()
        };
        let bar = share_doc(View::Timeline, "m", "b", true, &refused);
        assert!(copy(&bar));
        assert_eq!(
            bar.find_all("p")[0].text_content(),
            "The browser did not allow copying."
        );
        let field = bar.find_all("input")[0];
        assert_eq!(
            field.get("value"),
            Some("https://example.org/embed.html?view=energy")
        );
        assert_eq!(field.get("aria-label"), Some("Link to this view"));
    }

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
