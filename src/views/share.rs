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

#[cfg(target_arch = "wasm32")]
mod browser {
    //! Handing files to the browser: a blob URL and a download link, a canvas
    //! for the PNG, the clipboard for links.
    use crate::context::ExplainerContext;
    use crate::export::svg::{scene_svg, Palette};
    use crate::export::{chart, csv, file_name, Download};
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

    fn blob(text: &str, mime: &str) -> Option<web_sys::Blob> {
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()
    }

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

    /// The theme on screen, read from the widget's CSS custom properties.
    fn palette(at: &web_sys::Element) -> Palette {
        let mut p = Palette::default();
        let Some(style) = web_sys::window().and_then(|w| w.get_computed_style(at).ok().flatten())
        else {
            return p;
        };
        let read = |name: &str, into: &mut String| {
            if let Ok(v) = style.get_property_value(name) {
                let v = v.trim();
                if !v.is_empty() {
                    *into = v.to_string();
                }
            }
        };
        read("--bg", &mut p.bg);
        read("--fg", &mut p.fg);
        read("--muted", &mut p.muted);
        read("--rule", &mut p.rule);
        read("--panel", &mut p.panel);
        read("--accent", &mut p.accent);
        read("--font", &mut p.font);
        for (i, stage) in p.stages.iter_mut().enumerate() {
            read(&format!("--stage-{}", i + 1), stage);
        }
        for (slug, colour) in &mut p.chemistries {
            read(&format!("--c-{slug}"), colour);
        }
        p
    }

    /// Builds and saves a download, and says what happened on the status line.
    pub fn download(
        ctx: ExplainerContext,
        d: Download,
        at: NodeRef<leptos::html::Div>,
        status: RwSignal<String>,
    ) {
        status.set(build_and_save(ctx, d, at, status));
    }

    fn build_and_save(
        ctx: ExplainerContext,
        d: Download,
        at: NodeRef<leptos::html::Div>,
        status: RwSignal<String>,
    ) -> String {
        let s = ctx.state.get_untracked();
        let data = ctx.data.get_untracked();
        let name = file_name(s.view, s.year, d.extension());
        if d == Download::Csv {
            let table = csv::view_table(&data, s.view, s.year, &s.chemistries);
            let ok = blob(&csv::to_csv(&table), "text/csv;charset=utf-8")
                .is_some_and(|b| save(&b, &name));
            return if ok {
                format!("Downloaded {name}: {} rows.", table.rows.len())
            } else {
                format!("{name} could not be saved.")
            };
        }
        let width = ctx.width.get_untracked().max(320);
        let Some((scene, heading)) = chart(&data, &s, width, &ctx.expanded.get_untracked()) else {
            return "This view has no chart to download; its data is in the CSV.".into();
        };
        let p = at
            .get_untracked()
            .map(|el| palette(&el))
            .unwrap_or_default();
        let svg = scene_svg(&scene, s.year, s.selected.as_deref(), &p, &heading);
        if d == Download::Svg {
            let ok = blob(&svg, "image/svg+xml").is_some_and(|b| save(&b, &name));
            return if ok {
                format!("Downloaded {name}.")
            } else {
                format!("{name} could not be saved.")
            };
        }
        let (w, h) = svg_size(&svg);
        let drawing = format!("Drawing {name}\u{2026}");
        leptos::task::spawn_local(async move {
            let said = match png(&svg, w, h).await {
                Some(b) if save(&b, &name) => format!("Downloaded {name} ({} × {} pixels).", w * 2, h * 2),
                _ => format!(
                    "{name} could not be drawn. If this page has a Content-Security-Policy, it must allow img-src blob:."
                ),
            };
            status.set(said);
        });
        drawing
    }

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
