//! Text for readers built from the data: citations ("How Far (2025), 01"),
//! source lines and figures with their level and claim. Pure: the views, the
//! static fallback and the downloads (CSV, SVG) all say it the same way.

use crate::model::{Citation, Dataset, Figure, TrlAssessment};

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

/// The citations joined with "; ": "How Far (2025), 01; Process Engineering".
pub fn citations_text(data: &Dataset, cites: &[Citation]) -> String {
    cites
        .iter()
        .map(|c| citation_text(data, c))
        .collect::<Vec<_>>()
        .join("; ")
}

/// "Source: A; B" for a list of citations.
pub fn sources_line(data: &Dataset, cites: &[Citation]) -> String {
    let label = if cites.len() == 1 {
        "Source"
    } else {
        "Sources"
    };
    format!("{label}: {}", citations_text(data, cites))
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

/// A TRL assessment's level or range: "4" or "4–6".
pub fn trl_range(t: &TrlAssessment) -> String {
    if t.trl_min == t.trl_max {
        t.trl_min.to_string()
    } else {
        format!("{}\u{2013}{}", t.trl_min, t.trl_max)
    }
}

/// The documents behind these citations, each with the sections cited, in the
/// dataset's order: "How Far (2025), 01, 03; Industry analysis (2025), 2.1".
pub fn sources_summary<'a>(
    data: &Dataset,
    cites: impl IntoIterator<Item = &'a Citation>,
) -> String {
    let cites: Vec<&Citation> = cites.into_iter().collect();
    data.sources
        .iter()
        .filter_map(|s| {
            let of_source: Vec<&Citation> =
                cites.iter().copied().filter(|c| c.source == s.id).collect();
            if of_source.is_empty() {
                return None;
            }
            let mut sections: Vec<&str> = vec![];
            for c in &of_source {
                if let Some(sec) = c.section.as_deref() {
                    if !sections.contains(&sec) {
                        sections.push(sec);
                    }
                }
            }
            Some(if sections.is_empty() {
                s.short.clone()
            } else {
                format!("{}, {}", s.short, sections.join(", "))
            })
        })
        .collect::<Vec<_>>()
        .join("; ")
}
