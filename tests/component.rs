//! The Leptos component other apps use (`SolidStateExplainer`) starts from its
//! props: view, year, chemistries, theme, controls. Rendered natively to HTML.
#![cfg(not(target_arch = "wasm32"))]
// Rendering the whole explainer to HTML nests deep view types.
#![recursion_limit = "256"]

use leptos::prelude::*;
use ssb_explainer::model::ChemistryId;
use ssb_explainer::state::{Theme, View};
use ssb_explainer::SolidStateExplainer;

fn render(f: impl FnOnce() -> AnyView + 'static) -> String {
    Owner::new().with(|| f().to_html())
}

#[test]
fn the_component_starts_from_its_props() {
    let html = render(|| {
        view! {
            <SolidStateExplainer view=View::Energy year=2024 theme=Theme::Dark
                chemistries=vec![ChemistryId::Oxide] id_prefix="mine"/>
        }
        .into_any()
    });
    assert!(html.contains("ssb-root ssb-theme-dark"), "{html}");
    assert!(html.contains(r#"aria-pressed="true" class="ssb-chip ssb-c--oxide""#));
    assert!(html.contains(r#"aria-pressed="false" class="ssb-chip ssb-c--sulfide""#));
    assert!(html.contains(r#"id="mine-tab-energy""#));
    assert!(
        html.contains(r#"<h2 class="ssb-title">Energy density"#),
        "the energy view is shown"
    );
    assert!(
        html.contains(r#"aria-valuetext="as of the end of 2024""#),
        "the slider starts at 2024"
    );
}

#[test]
fn the_defaults_are_the_timeline_in_2026_with_every_chemistry_and_controls() {
    let html = render(|| view! { <SolidStateExplainer/> }.into_any());
    assert!(html.contains("ssb-theme-auto"));
    for c in ChemistryId::ALL {
        assert!(
            html.contains(&format!(
                r#"aria-pressed="true" class="ssb-chip ssb-c--{}""#,
                c.slug()
            )),
            "{c:?}"
        );
    }
    assert!(html.contains(r#"aria-valuetext="as of the end of 2026""#));
    assert!(html.contains("What shipped, and what is only announced"));
    let hidden = render(|| view! { <SolidStateExplainer show_controls=false/> }.into_any());
    assert!(!hidden.contains("ssb-controls"));
}
