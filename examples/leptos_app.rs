//! A small Leptos (CSR) app that embeds the explainer next to its own content.
//!
//! Build it for the browser with
//! `cargo build --target wasm32-unknown-unknown --example leptos_app`
//! (then `wasm-bindgen --target web` and a page that loads the module and
//! `ssb-explainer.css`, as for any Leptos CSR app).

use leptos::prelude::*;
use ssb_explainer::model::ChemistryId;
use ssb_explainer::state::View;
use ssb_explainer::SolidStateExplainer;

/// An article of the app's own, with the explainer in the middle, and a line
/// that follows the reader's year.
#[component]
fn Article() -> impl IntoView {
    let year = RwSignal::new(2026);
    view! {
        <article>
            <h1>"Where solid-state batteries stand"</h1>
            <p>"Our own introduction, written for our readers."</p>
            <SolidStateExplainer
                view=View::Energy
                year=2026
                chemistries=vec![ChemistryId::SemiSolid, ChemistryId::Sulfide, ChemistryId::Oxide]
                id_prefix="article-explainer"
                on_change=Box::new(move |s| year.set(s.year))/>
            <p>{move || format!("You are looking at the end of {}.", year.get())}</p>
        </article>
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(Article);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // On the host the app renders to HTML, which shows the component composes.
    let html = Owner::new().with(|| view! { <Article/> }.to_html());
    println!("{html}");
}
