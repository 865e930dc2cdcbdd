//! What the explainer says about the data it shows: the banner while a
//! `data-src` loads or after it failed, the line that names where a loaded
//! dataset came from, and the list of source documents.

use crate::charts::doc::{el, El};
use crate::context::DataState;
use crate::model::Dataset;

/// A message when `data-src` is loading or failed, with the way back to the
/// built-in data (a button with `data-act="dismiss"`).
pub fn data_banner_doc(d: &DataState) -> Option<El> {
    match d {
        DataState::Loading(url) => Some(
            el("p")
                .class("ssb-banner")
                .attr("role", "status")
                .text("Loading the dataset from ")
                .kid(el("code").text(shorten(url, 120)))
                .text("…"),
        ),
        DataState::Failed { url, error } => Some(
            el("div")
                .class("ssb-banner ssb-banner--error")
                .attr("role", "alert")
                .kid(
                    el("p")
                        .kid(el("strong").text("This dataset could not be used. "))
                        .text("The file ")
                        .kid(el("code").text(shorten(url, 120)))
                        .text(" ")
                        .text(error.clone()),
                )
                .kid(
                    el("p")
                        .text("The explainer shows its built-in data instead. ")
                        .kid(
                            el("button")
                                .attr("type", "button")
                                .class("ssb-button")
                                .attr("data-act", "dismiss")
                                .text("Dismiss"),
                        ),
                ),
        ),
        DataState::Ready(_) | DataState::External { .. } => None,
    }
}

/// Says where the data came from whenever it is not the built-in dataset, so a
/// link to someone else's file can't pass for the publisher's own.
pub fn data_origin_doc(d: &DataState) -> Option<El> {
    match d {
        DataState::External { from, dataset, .. } => Some(
            el("p")
                .class("ssb-origin")
                .kid(el("strong").text("Not the explainer's own data. "))
                .text(origin_line(from, &dataset.title, &dataset.updated.label())),
        ),
        _ => None,
    }
}

/// The line that names a loaded dataset's origin: where it came from, its
/// title and date, and who answers for it.
pub fn origin_line(from: &str, title: &str, updated: &str) -> String {
    format!(
        "This data was loaded from {from}: \u{201c}{}\u{201d}, updated {updated}. Its publisher, not this explainer, answers for its figures and sources.",
        shorten(title, 160)
    )
}

/// `text` cut to at most `max` characters, with an ellipsis where it was cut
/// (a `data:` URL can be two megabytes long).
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        // (`get` cannot panic: a char boundary, so it always finds the head.)
        Some((cut, _)) => format!("{}\u{2026}", text.get(..cut).unwrap_or(text)),
    }
}

/// The dataset's documents with author, date, kind and what each cites.
pub fn source_list_doc(data: &Dataset) -> El {
    el("details")
        .class("ssb-sources")
        .kid(el("summary").text("About the sources"))
        .kid(el("ul").kids(data.sources.iter().map(|s| {
            let mut li = el("li")
                .kid(el("strong").text(s.short.clone()))
                .text(": ")
                .text(s.title.clone())
                .text(". ")
                .text(format!("{}, {}. {}.", s.author, s.published.label(), s.kind));
            if let Some(n) = &s.note {
                li = li.text(format!(" {n}"));
            }
            if !s.cites.is_empty() {
                li = li.text(format!(" Cites: {}.", s.cites.join(", ")));
            }
            li
        })))
        .kid(el("p").class("ssb-note").text("Wording in the explainer is ours; figures are as the documents give them. Where documents disagree, both sides are shown."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_urls_and_titles_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("data.json", 120), "data.json");
        let long = format!("data:application/json,{}", "x".repeat(5000));
        let short = shorten(&long, 120);
        assert_eq!(short.chars().count(), 121);
        assert!(short.ends_with('\u{2026}'));
        assert_eq!(shorten("Öl und Wärme", 3), "Öl \u{2026}");
    }

    #[test]
    fn the_origin_line_names_host_title_and_date() {
        let line = origin_line("data.example.org", "All-solid at 900 Wh/kg", "Dec 2026");
        assert!(line.contains("data.example.org"));
        assert!(line.contains("\u{201c}All-solid at 900 Wh/kg\u{201d}"));
        assert!(line.contains("updated Dec 2026"));
    }

    #[test]
    fn a_banner_shows_only_while_loading_or_after_a_failure() {
        let loading = data_banner_doc(&DataState::Loading("d.json".into())).unwrap();
        assert_eq!(loading.get("role"), Some("status"));
        let failed = data_banner_doc(&DataState::Failed {
            url: "d.json".into(),
            error: "is not JSON.".into(),
        })
        .unwrap();
        assert_eq!(failed.get("role"), Some("alert"));
        assert!(failed.text_content().contains("d.json is not JSON."));
        let ready = DataState::Ready(Dataset::shared_built_in());
        assert!(data_banner_doc(&ready).is_none());
        assert!(data_origin_doc(&ready).is_none());
    }
}
