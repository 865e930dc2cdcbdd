//! Pieces every view uses: citations, figures with their level and claim,
//! the milestone card, status marks, the source list and the view header.

use crate::app::ExplainerContext;
use crate::charts::scene::{marker_half_path, marker_path};
use crate::model::{ChemistryId, Conflict, Dataset, Milestone, Status};
use leptos::prelude::*;
use std::sync::Arc;

pub use crate::model::text::{
    citation_text, figure_cited, figure_sources, figure_text, sources_line,
};

/// The status name with the mark a reader sees on the chart.
#[component]
pub fn StatusMark(
    /// The status.
    status: Status,
    /// Whether it is drawn as expected (dashed) for the chosen year.
    #[prop(default = false)]
    expected: bool,
) -> impl IntoView {
    let class = format!(
        "ssb-mark ssb-mark--{}{}",
        status.slug(),
        if expected { " is-expected" } else { "" }
    );
    view! {
        <svg class=class width="14" height="14" viewBox="-8 -8 16 16" aria-hidden="true" focusable="false">
            <path d=marker_path(status)/>
            {marker_half_path(status).map(|d| view! { <path class="ssb-half" d=d/> })}
        </svg>
    }
}

/// The key inside every view, shown with or without controls: status shapes
/// (where the view draws them), the chemistry colours, the "sources disagree"
/// flag and "level?".
#[component]
pub fn ChartKey(
    /// Whether the view draws status shapes.
    #[prop(optional)]
    statuses: bool,
) -> impl IntoView {
    let shapes = statuses.then(|| {
        view! {
            {Status::ALL.into_iter().map(|s| view! {
                <li><StatusMark status=s/>{s.label()}</li>
            }).collect_view()}
            <li><StatusMark status=Status::Shipped expected=true/>"Dashed: later than the chosen year, or only planned"</li>
        }
    });
    view! {
        <ul class="ssb-legend ssb-chartkey" aria-label="Key">
            {shapes}
            {ChemistryId::ALL.into_iter().map(|c| view! {
                <li class=format!("ssb-c--{}", c.slug())><span class="ssb-chip__swatch" aria-hidden="true"></span>{c.name()}</li>
            }).collect_view()}
            <li><span class="ssb-flag" aria-hidden="true">"!"</span>"Sources disagree"</li>
            <li><span class="ssb-chartkey__level" aria-hidden="true">"level?"</span>"Cell, module or pack not stated"</li>
        </ul>
    }
}

/// The takeaway: one visible sentence from the current state, with numbers.
/// The explainer's polite live region announces the same sentence.
#[component]
pub fn Takeaway(
    /// The sentence: [`takeaway_now`] in a view rebuilt on every change,
    /// [`takeaway_signal`] in one that is kept.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    view! { <p class="ssb-takeaway">{text}</p> }
}

/// The takeaway for the state as it is now, without subscribing to anything
/// (for views that rebuild on every change: a short-lived reader of a
/// long-lived memo would stay in its subscriber list).
pub fn takeaway_now(ctx: ExplainerContext) -> String {
    ctx.takeaway.get_untracked()
}

/// The takeaway that follows the state and the data (for views that are kept).
pub fn takeaway_signal(ctx: ExplainerContext) -> Signal<String> {
    ctx.takeaway.into()
}

/// Holds a card beside the mark at `at` (x, y, chart width and height in
/// pixels): below the mark in the upper half of a chart, above it in the lower
/// half of a tall chart, so it opens where the reader is looking; the full
/// width on a phone.
#[component]
pub fn CardSpot(
    /// The mark's centre and the chart's size.
    at: (i32, i32, i32, i32),
    /// The card.
    children: Children,
) -> impl IntoView {
    let (x, y, width, height) = at;
    let left = (x - 40).clamp(0, (width - 380).max(0));
    // The card shares the chart's grid cell, so the chart grows to hold it;
    // only a tall chart opens cards upwards. Offsets go through CSSOM
    // (`style:`), which a strict Content-Security-Policy allows.
    let above = height >= 520 && y > height / 2;
    let (top, bottom) = if above {
        ("auto".to_string(), format!("{}px", height - y + 18))
    } else {
        (format!("{}px", y + 18), "0px".to_string())
    };
    view! {
        <div class=if above { "ssb-spot is-above" } else { "ssb-spot" }
            style:margin-left=format!("{left}px") style:margin-top=top style:margin-bottom=bottom>
            {children()}
        </div>
    }
}

/// The disagreements about an item, each side with its source. In a card they
/// are shown open; beside a row of a list (`collapsed`) each is a disclosure
/// whose summary names the disagreement, so long lists stay scannable.
#[component]
pub fn ConflictList(
    /// The dataset.
    data: Arc<Dataset>,
    /// The item's id.
    id: String,
    /// Whether each disagreement starts closed (lists) or open (cards).
    #[prop(optional)]
    collapsed: bool,
) -> impl IntoView {
    let conflicts: Vec<Conflict> = data.conflicts_about(&id).cloned().collect();
    (!conflicts.is_empty()).then(|| {
        view! {
            <div class="ssb-conflicts">
                {conflicts.into_iter().map(|k| {
                    let body = conflict_body(&data, &k);
                    if collapsed {
                        view! {
                            <details class="ssb-conflict-toggle">
                                <summary><span class="ssb-flag" aria-hidden="true">"!"</span>
                                    {format!("Sources disagree: {}", k.topic)}</summary>
                                {body}
                            </details>
                        }.into_any()
                    } else {
                        body.into_any()
                    }
                }).collect_view()}
            </div>
        }
    })
}

/// One disagreement: its kind and topic, every side with its source, and the note.
fn conflict_body(data: &Dataset, k: &Conflict) -> impl IntoView {
    view! {
        <section class="ssb-conflict" aria-label=format!("Sources disagree: {}", k.topic)>
            <h4><span class="ssb-flag" aria-hidden="true">"!"</span>
                {format!("{} — {}", k.kind.label(), k.topic)}</h4>
            <ul>
                {k.claims.iter().map(|c| view! {
                    <li>{c.says.clone()} " "
                        <cite>{format!("({})", citation_text(data, &c.source))}</cite></li>
                }).collect_view()}
            </ul>
            {k.note.clone().map(|n| view! { <p class="ssb-note">{n}</p> })}
        </section>
    }
}

/// How a milestone stands in the card: "Had happened by the end of 2026."
pub fn card_standing(m: &Milestone, year: i32) -> String {
    match crate::model::query::standing(m, year) {
        crate::model::query::Standing::Happened => format!("Had happened by the end of {year}."),
        crate::model::query::Standing::Expected if m.status.is_realized() => {
            format!("Later than {year}: drawn as expected.")
        }
        crate::model::query::Standing::Expected => "A plan or target, not yet done.".to_string(),
    }
}

/// The card for a selected milestone: who, what, when (at its precision),
/// figures with units, status, sources and disagreements. It takes focus when
/// a reader opened it from a mark; Escape and the close button close it and
/// return focus to the mark.
#[component]
pub fn MilestoneCard(
    /// The dataset.
    data: Arc<Dataset>,
    /// The milestone.
    milestone: Milestone,
    /// The chosen year, to say whether it had happened by then. The card is
    /// rebuilt when it changes: it holds no reactive reads of its own, so
    /// nothing of it outlives it in a subscriber list.
    year: i32,
) -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let m = Arc::new(milestone);
    let precision = m.date.precision.label();
    let id = m.id.clone();
    let back_to = m.id.clone();
    let close = move |ev: &leptos::ev::Event| {
        crate::app::focus_in_root(ev, &format!("[data-item=\"{}\"]", css_escape(&back_to)));
        ctx.unselect();
    };
    let close_click = close.clone();
    let card_ref = NodeRef::<leptos::html::Article>::new();
    // Once the card is in the page, take focus, but only when a reader opened
    // it from a mark or a table button: never from the slider while the years
    // play, and never for a `selected` attribute (the host page keeps its
    // focus and its scroll position).
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        let by_reader = ctx.reader_opened.try_update_value(std::mem::take) == Some(true);
        if let Some(el) = card_ref.try_get_untracked().flatten() {
            if by_reader && opened_from_item(&el) {
                let _ = el.focus();
            }
        }
    });
    let standing = card_standing(&m, year);
    let expected =
        crate::model::query::standing(&m, year) == crate::model::query::Standing::Expected;
    view! {
        <article node_ref=card_ref class=format!("ssb-card ssb-c--{}", m.chemistry.slug())
            aria-label=format!("{}: {}", m.company, m.product) tabindex="-1"
            on:keydown=move |ev| if ev.key() == "Escape" { ev.prevent_default(); close(&ev) }>
            <header class="ssb-card__head">
                <h3 class="ssb-card__title">{m.product.clone()}</h3>
                <button type="button" class="ssb-button ssb-card__close"
                    aria-label="Close details" on:click=move |ev| close_click(&ev)>"×"</button>
            </header>
            <p class="ssb-card__meta">
                <span class="ssb-chip__swatch" aria-hidden="true"></span>
                {format!("{} · {} · ", m.company, m.chemistry.name())}
                <time>{m.date.label()}</time>
                {format!(" (precision: {precision})")}
            </p>
            {m.date_note.clone().map(|n| view! { <p class="ssb-note">{n}</p> })}
            <p class="ssb-card__status">
                <StatusMark status=m.status expected=expected/>
                <strong>{m.status.label()}</strong>" — " {standing}</p>
            <p>{m.summary.clone()}</p>
            {(!m.figures.is_empty()).then(|| view! {
                <ul class="ssb-figures">
                    {m.figures.iter().map(|f| view! { <li>{figure_cited(&data, f)}</li> }).collect_view()}
                </ul>
            })}
            <p class="ssb-source">{sources_line(&data, &m.sources)}</p>
            <ConflictList data=data.clone() id=id/>
        </article>
    }
}

/// Whether focus is on an item's mark or button (or nowhere) in `el`'s root:
/// then a card that just opened may take it.
#[cfg(target_arch = "wasm32")]
fn opened_from_item(el: &web_sys::HtmlElement) -> bool {
    use wasm_bindgen::JsCast;
    let root = el.get_root_node();
    let active = if let Some(s) = root.dyn_ref::<web_sys::ShadowRoot>() {
        s.active_element()
    } else if let Some(d) = root.dyn_ref::<web_sys::Document>() {
        d.active_element()
    } else {
        None
    };
    match active {
        None => true,
        Some(a) => {
            a.closest("[data-item]").ok().flatten().is_some()
                || a.tag_name().eq_ignore_ascii_case("body")
        }
    }
}

/// Escapes an id for use inside a quoted CSS attribute selector.
pub fn css_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The five documents, listed under every view.
#[component]
pub fn SourceList() -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    view! {
        <details class="ssb-sources">
            <summary>"About the sources"</summary>
            <ul>
                {move || ctx.data.get().sources.iter().map(|s| view! {
                    <li><strong>{s.short.clone()}</strong>": " {s.title.clone()} ". "
                        {format!("{}, {}. {}.", s.author, s.published.label(), s.kind)}
                        {s.note.clone().map(|n| format!(" {n}"))}
                        {(!s.cites.is_empty()).then(|| format!(" Cites: {}.", s.cites.join(", ")))}
                    </li>
                }).collect_view()}
            </ul>
            <p class="ssb-note">"Wording in the explainer is ours; figures are as the documents give them. Where documents disagree, both sides are shown."</p>
        </details>
    }
}

/// A view's title, dek and (for charts) the screen-reader summary.
#[component]
pub fn ViewHeader(
    /// What the chart shows.
    title: String,
    /// Why it matters, in one line.
    dek: String,
) -> impl IntoView {
    view! {
        <header class="ssb-head">
            <h2 class="ssb-title">{title}</h2>
            <p class="ssb-dek">{dek}</p>
        </header>
    }
}

/// Shown when no chemistry is selected.
#[component]
pub fn NothingSelected() -> impl IntoView {
    view! { <p class="ssb-empty">"No chemistry is selected. Turn one on above to see its data."</p> }
}
