//! Pieces every view uses: citations, figures with their level and claim,
//! the milestone card, status marks, the source list and the view header.

use crate::app::ExplainerContext;
use crate::model::{Citation, Conflict, Dataset, Figure, Milestone, Status};
use leptos::prelude::*;
use std::sync::Arc;

/// The citation text for readers: "How Far (2025), 01".
pub fn citation_text(data: &Dataset, c: &Citation) -> String {
    let name = data
        .source(&c.source)
        .map(|s| s.short.as_str())
        .unwrap_or(c.source.as_str());
    match &c.section {
        Some(section) => format!("{name}, {section}"),
        None => name.to_string(),
    }
}

/// "Source: A; B" for a list of citations.
pub fn sources_line(data: &Dataset, cites: &[Citation]) -> String {
    let parts: Vec<String> = cites.iter().map(|c| citation_text(data, c)).collect();
    let label = if parts.len() == 1 {
        "Source"
    } else {
        "Sources"
    };
    format!("{label}: {}", parts.join("; "))
}

/// A figure with its label, level and claim status: "400 Wh/kg · level not stated · company claim".
pub fn figure_text(f: &Figure) -> String {
    let mut parts = vec![f.value_label()];
    match (f.level, f.disputed_level) {
        (Some(level), Some(other)) => parts.push(level.disputed_label(other)),
        (Some(level), None) => parts.push(level.label().to_string()),
        _ => {}
    }
    if let Some(claim) = f.claim {
        parts.push(claim.label().to_string());
    }
    if f.derived {
        parts.push("derived by us".to_string());
    }
    let mut s = parts.join(" · ");
    if let Some(label) = &f.label {
        s = format!("{label}: {s}");
    }
    if let Some(ctx) = &f.context {
        s = format!("{s} ({ctx})");
    }
    s
}

/// A figure with its own source where it has one: "350 Wh/kg · cell ·
/// demonstrated — How Far (2025), 01". Where several documents stand behind an
/// item, this is how a reader tells who gives which number.
pub fn figure_cited(data: &Dataset, f: &Figure) -> String {
    match &f.source {
        Some(c) => format!("{} \u{2014} {}", figure_text(f), citation_text(data, c)),
        None => figure_text(f),
    }
}

/// The distinct sources of these figures, for a line under a table of them.
pub fn figure_sources(data: &Dataset, figures: &[&Figure]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in figures.iter().filter_map(|f| f.source.as_ref()) {
        let t = citation_text(data, c);
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

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
        <svg class=class width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true" focusable="false">
            <path d=marker_path(status, 5.5)/>
            {marker_half_path(status, 5.5).map(|d| view! { <path class="ssb-half" d=d/> })}
        </svg>
    }
}

/// The SVG path of a status marker of radius `r`, centred on 0,0: the shape
/// carries the status, so colour is never the only cue.
pub fn marker_path(status: Status, r: f64) -> String {
    match status {
        // circle
        Status::Shipped | Status::Announced => format!(
            "M{},0a{r},{r} 0 1,0 {},0a{r},{r} 0 1,0 {},0Z",
            -r,
            2.0 * r,
            -2.0 * r
        ),
        // square
        Status::PilotLine => format!("M{},{}h{}v{}h{}Z", -r, -r, 2.0 * r, 2.0 * r, -2.0 * r),
        // triangle
        Status::Samples => format!(
            "M0,{}L{},{}L{},{}Z",
            -r * 1.15,
            r * 1.1,
            r * 0.85,
            -r * 1.1,
            r * 0.85
        ),
        // diamond
        Status::Demonstration | Status::Target => {
            let d = r * 1.25;
            format!("M0,{}L{d},0L0,{d}L{},0Z", -d, -d)
        }
    }
}

/// The filled half of a pilot-line marker ("pilot = half"), if the status has one.
pub fn marker_half_path(status: Status, r: f64) -> Option<String> {
    (status == Status::PilotLine).then(|| format!("M{},{}h{r}v{}h{}Z", -r, -r, 2.0 * r, -r))
}

/// A legend of the status marks.
#[component]
pub fn StatusLegend() -> impl IntoView {
    view! {
        <ul class="ssb-legend" aria-label="Marker key">
            {Status::ALL.into_iter().map(|s| view! {
                <li><StatusMark status=s/>{s.label()}</li>
            }).collect_view()}
            <li><StatusMark status=Status::Shipped expected=true/>"Later than the chosen year, or only planned"</li>
            <li><span class="ssb-flag" aria-hidden="true">"!"</span>"Sources disagree"</li>
        </ul>
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

/// The card for a selected milestone: who, what, when (at its precision),
/// figures with units, status, sources and disagreements.
#[component]
pub fn MilestoneCard(
    /// The dataset.
    data: Arc<Dataset>,
    /// The milestone.
    milestone: Milestone,
    /// The chosen year, to say whether it had happened by then.
    year: i32,
) -> impl IntoView {
    let ctx = expect_context::<ExplainerContext>();
    let m = milestone;
    let standing = crate::model::query::standing(&m, year);
    let when = match standing {
        crate::model::query::Standing::Happened => format!("Had happened by the end of {year}."),
        crate::model::query::Standing::Expected if m.status.is_realized() => {
            format!("Later than {year}: drawn as expected.")
        }
        crate::model::query::Standing::Expected => "A plan or target, not yet done.".to_string(),
    };
    let precision = m.date.precision.label();
    let id = m.id.clone();
    let back_to = m.id.clone();
    view! {
        <article class=format!("ssb-card ssb-c--{}", m.chemistry.slug()) aria-label=format!("{}: {}", m.company, m.product)>
            <header class="ssb-card__head">
                <h3 class="ssb-card__title">{m.product.clone()}</h3>
                <button type="button" class="ssb-button ssb-card__close"
                    aria-label="Close details" on:click=move |ev| {
                        let ev: &leptos::ev::Event = &ev;
                        crate::app::focus_in_root(ev, &format!("[data-item=\"{}\"]", css_escape(&back_to)));
                        ctx.state.update(|s| s.selected = None);
                    }>"×"</button>
            </header>
            <p class="ssb-card__meta">
                <span class="ssb-chip__swatch" aria-hidden="true"></span>
                {format!("{} · {} · ", m.company, m.chemistry.name())}
                <time>{m.date.label()}</time>
                {format!(" (precision: {precision})")}
            </p>
            {m.date_note.clone().map(|n| view! { <p class="ssb-note">{n}</p> })}
            <p class="ssb-card__status"><StatusMark status=m.status expected=standing == crate::model::query::Standing::Expected/>
                <strong>{m.status.label()}</strong>" — " {when}</p>
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
