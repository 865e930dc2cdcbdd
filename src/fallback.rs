//! The static content readers without JavaScript (and feed readers and search
//! engines) see inside `<ssb-explainer>`: a summary and the energy-density table
//! with sources, rendered natively with Leptos' server renderer from the same
//! dataset and queries. The live widget's shadow root replaces it.

use crate::model::query::energy_bars;
use crate::model::text::{citation_text, sources_line};
use crate::model::{ChemistryId, Dataset};
use crate::state::LAST_YEAR;
use leptos::prelude::*;

/// The fallback markup as an HTML string.
pub fn render_fallback() -> String {
    let data = Dataset::built_in();
    view! { <FallbackContent data=data/> }.to_html()
}

/// The static summary and table.
#[component]
pub fn FallbackContent(
    /// The dataset.
    data: Dataset,
) -> impl IntoView {
    let bars = energy_bars(&data, LAST_YEAR, &ChemistryId::ALL);
    let shipped: Vec<String> = data
        .milestones
        .iter()
        .filter(|m| m.status == crate::model::Status::Shipped)
        .map(|m| format!("{} ({})", m.product, m.date.label()))
        .collect();
    let rows = bars
        .iter()
        .map(|b| {
            let m = b.milestone;
            view! {
                <tr>
                    <th scope="row">{format!("{} ({})", m.product, m.company)}</th>
                    <td>{m.chemistry.name()}</td>
                    <td>{b.figure.value_label()}</td>
                    <td>{b.level.label()}</td>
                    <td>{b.claim.label()}</td>
                    <td>{m.date.label()}</td>
                    <td>{m.sources.iter().map(|c| citation_text(&data, c)).collect::<Vec<_>>().join("; ")}</td>
                </tr>
            }
        })
        .collect_view();
    let liquid = data
        .references
        .iter()
        .find(|r| r.id == "ref-liquid")
        .map(|r| r.figure.value_label());
    view! {
        <div class="ssb-fallback">
            <p><strong>"Solid-state batteries, in short: "</strong>
                {format!(
                    "Semi-solid batteries, which keep part of the liquid electrolyte, are already in cars: {}. \
                     All-solid cells are still in samples, demonstration and pilot lines; no all-solid battery has reached the commercial stage (TRL 8–9). \
                     Today's liquid lithium-ion cells store {}.",
                    shipped.join("; "),
                    liquid.unwrap_or_default()
                )}
            </p>
            <table>
                <caption>"Energy density figures reported in the sources (claims and results, with their level)"</caption>
                <thead><tr><th scope="col">"Product"</th><th scope="col">"Chemistry"</th><th scope="col">"Energy density"</th>
                    <th scope="col">"Level"</th><th scope="col">"Status of the figure"</th><th scope="col">"Date"</th><th scope="col">"Sources"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p>{sources_line(&data, &data.sources.iter().map(|s| crate::model::Citation { source: s.id.clone(), section: None }).collect::<Vec<_>>())}</p>
            <p><em>"The interactive version needs JavaScript."</em></p>
        </div>
    }
}
