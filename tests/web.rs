//! Browser tests of the components (wasm-bindgen-test in headless Chrome):
//! mount the explainer into a fresh element, click, `tick().await`, assert on
//! the DOM a reader would see.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use ssb_explainer::app::{DataState, Explainer};
use ssb_explainer::model::Dataset;
use ssb_explainer::state::{ReaderState, View};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    root: web_sys::HtmlElement,
    state: RwSignal<ReaderState>,
    data: RwSignal<DataState>,
}

fn mount(initial: ReaderState) -> Mounted {
    mount_with(initial, Dataset::shared_built_in())
}

/// Mounts the explainer showing `dataset` from its first drawing.
fn mount_with(initial: ReaderState, dataset: Arc<Dataset>) -> Mounted {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&root).unwrap();
    let slot = std::rc::Rc::new(std::cell::RefCell::new(None));
    let out = slot.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let state = RwSignal::new(initial);
        let data = RwSignal::new(DataState::Ready(dataset));
        *out.borrow_mut() = Some((state, data));
        // Every mount gets its own ids: the tests share one document.
        static MOUNTS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = MOUNTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        view! { <Explainer state=state data=data show_controls=true id_prefix=format!("t{n}")/> }
    });
    std::mem::forget(handle);
    let (state, data) = slot.borrow_mut().take().unwrap();
    Mounted { root, state, data }
}

fn state(view: View, year: i32) -> ReaderState {
    ReaderState {
        view,
        year,
        ..ReaderState::default()
    }
}

/// The text a reader sees: hidden elements (bars outside the selection, views
/// not shown) do not count.
fn text(el: &web_sys::HtmlElement) -> String {
    el.inner_text()
}

fn button_named(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    for i in 0..buttons.length() {
        let b: web_sys::HtmlElement = buttons.item(i).unwrap().unchecked_into();
        if b.text_content().unwrap_or_default().trim() == name {
            return b;
        }
    }
    panic!("no button named {name}");
}

#[wasm_bindgen_test]
async fn chemistry_toggle_removes_semi_solid_from_the_energy_chart() {
    let m = mount(state(View::Energy, 2026));
    tick().await;
    assert!(text(&m.root).contains("MG4 Anxin Edition"));
    let semi = button_named(&m.root, "Semi-solid");
    assert_eq!(semi.get_attribute("aria-pressed").as_deref(), Some("true"));
    semi.click();
    tick().await;
    assert_eq!(semi.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert!(
        !text(&m.root).contains("MG4 Anxin Edition"),
        "MG4 still shown after turning semi-solid off"
    );
}

#[wasm_bindgen_test]
async fn the_year_decides_what_has_happened() {
    let m = mount(state(View::Energy, 2024));
    tick().await;
    assert!(
        !text(&m.root).contains("MG4 Anxin Edition"),
        "MG4 (Dec 2025) must not be a bar in 2024"
    );
    // On the timeline, MG4 is drawn as expected in 2024 and as happened in 2026.
    m.state.update(|s| s.view = View::Timeline);
    tick().await;
    let mark = m
        .root
        .query_selector("[aria-label^='SAIC MG, MG4 Anxin Edition']")
        .unwrap()
        .expect("MG4 marker");
    assert!(drawn_as_expected(&mark));
    let slider: web_sys::HtmlInputElement = m
        .root
        .query_selector("input[type=range]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    slider.set_value("2026");
    // As a browser sends it: an input event bubbles (the controls listen on
    // their container).
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    slider
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    tick().await;
    assert_eq!(m.state.with_untracked(|s| s.year), 2026);
    let mark = m
        .root
        .query_selector("[aria-label^='SAIC MG, MG4 Anxin Edition']")
        .unwrap()
        .expect("MG4 marker");
    assert!(!drawn_as_expected(&mark));
    assert!(text(&m.root).contains("End of 2026"));
}

#[wasm_bindgen_test]
async fn selecting_a_marker_opens_its_card_with_sources_and_disagreement() {
    let m = mount(state(View::Timeline, 2026));
    tick().await;
    let mark: web_sys::Element = m
        .root
        .query_selector("[aria-label^='SAIC MG, MG4 Anxin Edition']")
        .unwrap()
        .unwrap();
    // A real click bubbles: the chart listens on its <svg>, not on each mark.
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    mark.dispatch_event(
        &web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap(),
    )
    .unwrap();
    tick().await;
    let card = m
        .root
        .query_selector(".ssb-card")
        .unwrap()
        .expect("card opens");
    let t = card.text_content().unwrap();
    assert!(t.contains("Dec 2025"), "{t}");
    assert!(t.contains("53.95\u{a0}kWh"), "{t}");
    assert!(t.contains("Tipping Point (Feb 2026)"), "{t}");
    assert!(t.contains("cell or pack?"), "{t}");
}

#[wasm_bindgen_test]
async fn tabs_switch_views_and_each_has_a_table() {
    let m = mount(state(View::Timeline, 2026));
    tick().await;
    for (tab, caption) in [
        (
            "Energy density",
            "Energy density figures known by the end of 2026",
        ),
        ("Manufacturing hurdles", "Severity of each hurdle"),
        ("Readiness", "TRL assessments holding by the end of 2026"),
        ("Timeline", "Milestones as of the end of 2026"),
    ] {
        button_named(&m.root, tab).click();
        tick().await;
        if m.state.with_untracked(|s| !s.as_table) {
            button_named(&m.root, "Show as table").click();
            tick().await;
        }
        let tab_el = button_named(&m.root, tab);
        assert_eq!(
            tab_el.get_attribute("aria-selected").as_deref(),
            Some("true")
        );
        let caps = m.root.query_selector_all("table caption").unwrap();
        let found = (0..caps.length()).any(|i| {
            caps.item(i)
                .unwrap()
                .text_content()
                .unwrap()
                .contains(caption)
        });
        assert!(found, "{tab}: no table captioned {caption}");
        if tab == "Manufacturing hurdles" {
            // The matrix is a table in chart mode too: table mode is the plain
            // matrix (with the basis in each cell) and no list.
            assert!(m
                .root
                .query_selector("table.ssb-matrix.is-plain")
                .unwrap()
                .is_some());
            assert!(m.root.query_selector(".ssb-hurdle-list").unwrap().is_none());
        }
    }
}

#[wasm_bindgen_test]
async fn no_chemistry_selected_says_so() {
    let m = mount(ReaderState {
        chemistries: vec![],
        ..state(View::Energy, 2026)
    });
    tick().await;
    assert!(text(&m.root).contains("No chemistry is selected"));
}

#[wasm_bindgen_test]
async fn dataset_strings_are_text_never_markup() {
    let m = mount(state(View::Timeline, 2026));
    let mut d = Dataset::built_in();
    d.milestones[0].product = "<img src=x onerror=\"window.__pwned=1\">".into();
    d.milestones[0].summary = "<script>window.__pwned=1</script>".into();
    let id = d.milestones[0].id.clone();
    m.data.set(DataState::Ready(Arc::new(d)));
    m.state.update(|s| s.selected = Some(id));
    tick().await;
    assert!(m.root.query_selector("img").unwrap().is_none());
    assert!(m.root.query_selector(".ssb-card script").unwrap().is_none());
    assert!(text(&m.root).contains("<img src=x"));
}

#[wasm_bindgen_test]
async fn a_failed_dataset_shows_the_problem_and_keeps_the_built_in_data() {
    let m = mount(state(View::Energy, 2026));
    m.data.set(DataState::Failed {
        url: "broken.json".into(),
        error: "is not a valid dataset: at $.milestones[0].status: unknown variant".into(),
    });
    tick().await;
    let alert = m
        .root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("$.milestones[0].status"));
    assert!(
        text(&m.root).contains("MG4 Anxin Edition"),
        "built-in data still shown"
    );
}

/// Whether a timeline mark is drawn as later or planned: its item's group
/// carries `is-expected` (which restyles the shape and the label).
fn drawn_as_expected(mark: &web_sys::Element) -> bool {
    mark.closest(".ssb-tl__item")
        .unwrap()
        .expect("the mark's item group")
        .get_attribute("class")
        .unwrap_or_default()
        .contains("is-expected")
}

#[wasm_bindgen_test]
async fn a_year_step_restyles_the_timeline_marks_it_does_not_rebuild_them() {
    let m = mount(state(View::Timeline, 2024));
    // Let the panel's width be measured and the timeline laid out for it.
    settle().await;
    let find = || {
        m.root
            .query_selector("[data-item='mg4-anxin']")
            .unwrap()
            .expect("MG4 mark")
    };
    let before = find();
    assert!(drawn_as_expected(&before));
    let label_count = m
        .root
        .query_selector_all(".ssb-tl__label")
        .unwrap()
        .length();
    assert!(
        label_count >= 30,
        "the marks carry their names: {label_count}"
    );
    m.state.update(|s| s.year = 2026);
    settle().await;
    let after = find();
    assert!(before.is_same_node(Some(&after)), "the mark was re-created");
    assert!(!drawn_as_expected(&after));
    // Exactly one mark is in the tab order.
    let stops = m
        .root
        .query_selector_all(".ssb-tl [tabindex='0']")
        .unwrap()
        .length();
    assert_eq!(stops, 1);
}

/// A few frames: enough for a ResizeObserver to report and effects to run.
async fn settle() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    tick().await;
}

#[wasm_bindgen_test]
async fn the_download_menu_offers_what_the_view_has_and_copy_link_needs_a_base() {
    let m = mount(state(View::Timeline, 2026));
    tick().await;
    let download = button_named(&m.root, "Download \u{25BE}");
    assert_eq!(
        download.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    download.click();
    tick().await;
    assert_eq!(
        download.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let items = |root: &web_sys::HtmlElement| {
        let list = root.query_selector_all("[role=menuitem]").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(items(&m.root), ["Data (CSV)", "Chart (SVG)", "Chart (PNG)"]);
    m.state.update(|s| s.view = View::Hurdles);
    tick().await;
    assert_eq!(
        items(&m.root),
        ["Data (CSV)"],
        "the matrix is a table: data only"
    );
    // A Leptos app that gives no link base gets no "Copy link".
    let buttons = m.root.query_selector_all("button").unwrap();
    let copy = (0..buttons.length())
        .any(|i| buttons.item(i).unwrap().text_content().unwrap_or_default() == "Copy link");
    assert!(!copy);
}

#[wasm_bindgen_test]
async fn a_year_step_updates_readiness_in_place_and_keeps_an_open_disclosure_open() {
    let m = mount(state(View::Readiness, 2026));
    settle().await;
    // A disputed TRL row: its bar, and its disagreement opened by the reader.
    let row = m
        .root
        .query_selector(".ssb-trl .ssb-bar:has(details)")
        .unwrap()
        .expect("a disputed TRL row");
    let details = row.query_selector("details").unwrap().unwrap();
    details.set_attribute("open", "").unwrap();
    let lines_before = m
        .root
        .query_selector_all(".ssb-lines__item")
        .unwrap()
        .length();
    // 2026 → 2025: fewer lines exist; the rows that stay are the same nodes.
    m.state.update(|s| s.year = 2025);
    settle().await;
    assert!(row.is_connected(), "the TRL row was re-created");
    assert!(
        details.has_attribute("open"),
        "the open disagreement closed"
    );
    let lines_after = m
        .root
        .query_selector_all(".ssb-lines__item")
        .unwrap()
        .length();
    assert!(
        lines_after < lines_before,
        "{lines_after} vs {lines_before}"
    );
    assert!(text(&m.root).contains("Production and pilot lines by the end of 2025"));
    // A switch to the table replaces the ladder with the TRL table.
    m.state.update(|s| s.as_table = true);
    settle().await;
    assert!(m.root.query_selector(".ssb-trl").unwrap().is_none());
    assert!(text(&m.root).contains("TRL assessments holding by the end of 2025"));
}

#[wasm_bindgen_test]
async fn a_hurdle_button_selects_its_hurdle_and_keeps_focus() {
    let m = mount(state(View::Hurdles, 2026));
    settle().await;
    let buttons = m
        .root
        .query_selector_all(".ssb-matrix button[data-select]")
        .unwrap();
    let second: web_sys::HtmlElement = buttons.item(1).unwrap().unchecked_into();
    let id = second.get_attribute("data-select").unwrap();
    second.focus().unwrap();
    second.click();
    settle().await;
    assert_eq!(
        m.state.with_untracked(|s| s.selected.clone()),
        Some(id.clone())
    );
    assert_eq!(
        second.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(second.is_connected(), "the button was re-created");
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element();
    assert!(
        active.is_some_and(|a| a.is_same_node(Some(&second))),
        "focus moved"
    );
    let card = m
        .root
        .query_selector(".ssb-card[aria-label^='Hurdle:']")
        .unwrap()
        .unwrap();
    assert!(card
        .text_content()
        .unwrap()
        .contains(&second.text_content().unwrap()));
}

#[wasm_bindgen_test]
async fn the_timeline_parsed_in_one_go_is_svg_and_shows_hostile_names_as_text() {
    // The first drawing is the one built by a single parse.
    let mut d = Dataset::built_in();
    // (No HTML tag such as <b>: unescaped, it would break out of the SVG,
    // the renderer would see the parse come back wrong and build node by node.)
    let hostile = "</text><script>window.__pwned=1</script>&amp; Co";
    for ms in d.milestones.iter_mut() {
        ms.company = hostile.into();
    }
    let m = mount_with(state(View::Timeline, 2026), Arc::new(d));
    settle().await;
    let marks = m.root.query_selector_all(".ssb-tl [data-item]").unwrap();
    assert!(marks.length() >= 30, "{} marks", marks.length());
    for i in 0..marks.length() {
        let mark: web_sys::Element = marks.item(i).unwrap().unchecked_into();
        assert_eq!(
            mark.namespace_uri().as_deref(),
            Some("http://www.w3.org/2000/svg"),
            "{}",
            mark.outer_html()
        );
    }
    assert!(m
        .root
        .query_selector(".ssb-tl script, .ssb-tl b")
        .unwrap()
        .is_none());
    let chart = m.root.query_selector(".ssb-tl").unwrap().unwrap();
    assert!(chart.text_content().unwrap().contains(hostile));
}

/// A Leptos app's build (the `downloads` feature, on by default) builds and
/// saves its files in the widget's own wasm; the status line says so.
#[wasm_bindgen_test]
async fn a_leptos_app_downloads_the_csv_and_svg_without_the_on_demand_module() {
    let m = mount(state(View::Energy, 2026));
    settle().await;
    let status = || {
        m.root
            .query_selector(".ssb-share__status")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap_or_default()
    };
    let rows = ssb_explainer::export::csv::view_table(
        &Dataset::shared_built_in(),
        View::Energy,
        2026,
        &ssb_explainer::model::ChemistryId::ALL,
    )
    .rows
    .len();
    for (item, said) in [
        (
            "Data (CSV)",
            format!("Downloaded ssb-energy-2026.csv: {rows} rows."),
        ),
        ("Chart (SVG)", "Downloaded ssb-energy-2026.svg.".to_string()),
    ] {
        button_named(&m.root, "Download \u{25BE}").click();
        tick().await;
        button_named(&m.root, item).click();
        settle().await;
        assert_eq!(status(), said, "{item}");
    }
}
