//! The controls above every view: chemistry toggles, the year slider with
//! play, the view tabs and the table switch. What they show is a document
//! ([`controls_doc`], pure); what a click on them does is [`click`], with
//! the play timer kept in the explainer's context.

use super::common::swatch;
use crate::charts::doc::{el, El, Node};
use crate::context::ExplainerContext;
use crate::model::ChemistryId;
use crate::state::{View, FIRST_YEAR, LAST_YEAR};
use leptos::prelude::*;
use std::sync::{Arc, OnceLock};

/// What the controls show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlsLook {
    /// The chosen chemistries.
    pub chemistries: Vec<ChemistryId>,
    /// The "as of" year.
    pub year: i32,
    /// The view shown.
    pub view: View,
    /// Whether tables replace the charts.
    pub as_table: bool,
    /// Whether the years are playing.
    pub playing: bool,
    /// Whether the reader asked for reduced motion (play is off then).
    pub reduced_motion: bool,
}

/// `"true"` or `"false"`, for `aria-pressed` and `aria-selected`.
fn pressed(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// The controls as a document; `id` makes an element id unique to the
/// instance. Its three parts change apart ([`chemistries_doc`],
/// [`year_doc`], [`tabs_doc`]), so the screen builds each only when its
/// part of the state changes.
pub fn controls_doc(c: &ControlsLook, id: impl Fn(&str) -> String) -> El {
    controls_of(
        chemistries_doc(&c.chemistries),
        year_doc(c.year, c.playing, c.reduced_motion, &id),
        tabs_doc(c.view, c.as_table, &id),
    )
}

/// The controls around their three parts.
pub fn controls_of(
    chemistries: impl Into<Node>,
    year: impl Into<Node>,
    tabs: impl Into<Node>,
) -> El {
    let mut wrap = el("div").class("ssb-controls");
    wrap.kids
        .extend([chemistries.into(), year.into(), tabs.into()]);
    wrap
}

/// The chemistry toggles, pressed for the chosen ones.
pub fn chemistries_doc(chosen: &[ChemistryId]) -> El {
    static CHIPS: OnceLock<Vec<[Arc<El>; 2]>> = OnceLock::new();
    let chips = CHIPS.get_or_init(|| {
        both_looks(ChemistryId::ALL, |ch, on| {
            el("button")
                .attr("type", "button")
                .attr("aria-pressed", pressed(on))
                .class(format!("ssb-chip ssb-c--{}", ch.slug()))
                .attr("data-chem", ch.slug())
                .kid(swatch())
                .text(ch.name())
        })
    });
    let mut doc = el("fieldset")
        .class("ssb-chems")
        .kid(el("legend").class("ssb-label").text("Chemistries"));
    for (ch, looks) in ChemistryId::ALL.into_iter().zip(chips) {
        doc = doc.shared(&looks[chosen.contains(&ch) as usize]);
    }
    doc
}

/// Each item drawn as off and as on, built once (a control whose items only
/// turn on and off shares them, so a change swaps the few that changed).
fn both_looks<T: Copy>(
    items: impl IntoIterator<Item = T>,
    draw: impl Fn(T, bool) -> El,
) -> Vec<[Arc<El>; 2]> {
    items
        .into_iter()
        .map(|item| [false, true].map(|on| Arc::new(draw(item, on))))
        .collect()
}

/// The year: its label, Play, the slider and the year ticks.
pub fn year_doc(year: i32, playing: bool, reduced_motion: bool, id: impl Fn(&str) -> String) -> El {
    let mut play = el("button")
        .attr("type", "button")
        .class("ssb-button ssb-play")
        .attr(
            "title",
            if reduced_motion {
                "Play is off because your system asks for reduced motion"
            } else {
                "Step through the years"
            },
        )
        .attr("aria-pressed", pressed(playing))
        .attr("data-act", "play");
    if reduced_motion {
        play = play.attr("disabled", "");
    }
    let play = play.text(if playing {
        "❚❚ Pause"
    } else {
        "▶ Play years"
    });
    let mut ticks = el("div")
        .class("ssb-year__ticks")
        .attr("aria-hidden", "true");
    for (y, looks) in (FIRST_YEAR..).zip(year_ticks()) {
        ticks = ticks.shared(&looks[(y == year) as usize]);
    }
    let slider = el("input")
        .attr("type", "range")
        .attr("id", id("year"))
        .attr("min", FIRST_YEAR.to_string())
        .attr("max", LAST_YEAR.to_string())
        .attr("step", "1")
        .attr("aria-label", "Year")
        .attr("aria-valuetext", format!("as of the end of {year}"))
        .attr("value", year.to_string());
    el("div")
        .class("ssb-year")
        .kid(
            el("label")
                .class("ssb-label")
                .attr("id", id("year-label"))
                .attr("for", id("year"))
                .text("Year: as of the end of ")
                .kid(el("output").class("ssb-year__value").text(year.to_string())),
        )
        .kid(
            el("div")
                .class("ssb-year__row")
                .kid(play)
                .kid(el("div").class("ssb-year__slider").kid(slider).kid(ticks)),
        )
}

/// Each year's tick under the slider, as not chosen and as chosen.
fn year_ticks() -> &'static [[Arc<El>; 2]] {
    static TICKS: OnceLock<Vec<[Arc<El>; 2]>> = OnceLock::new();
    TICKS.get_or_init(|| {
        both_looks(FIRST_YEAR..=LAST_YEAR, |y, on| {
            el("button")
                .attr("type", "button")
                .attr("tabindex", "-1")
                .class(if on {
                    "ssb-year__tick is-on"
                } else {
                    "ssb-year__tick"
                })
                .attr("data-year", y.to_string())
                .text(y.to_string())
        })
    })
}

/// The view tabs and the table switch.
pub fn tabs_doc(view: View, as_table: bool, id: impl Fn(&str) -> String) -> El {
    let tabs = View::ALL.into_iter().map(|v| {
        let on = v == view;
        el("button")
            .attr("type", "button")
            .attr("role", "tab")
            .attr("id", id(&format!("tab-{}", v.slug())))
            .class("ssb-tab")
            .attr("aria-selected", pressed(on))
            .attr("aria-controls", id("panel"))
            .attr("tabindex", if on { "0" } else { "-1" })
            .attr("data-view", v.slug())
            .text(v.label())
    });
    el("div")
        .class("ssb-tabs-row")
        .kid(
            el("div")
                .class("ssb-tabs")
                .attr("role", "tablist")
                .attr("aria-label", "View")
                .kids(tabs),
        )
        .kid(
            el("button")
                .attr("type", "button")
                .class("ssb-button ssb-table-toggle")
                .attr("aria-pressed", pressed(as_table))
                .attr("data-act", "table")
                .text("Show as table"),
        )
}

/// The view a tab key moves to from `at`: arrows wrap, Home and End jump.
pub fn tab_key(key: &str, at: View) -> Option<View> {
    let views = View::ALL;
    let i = views.iter().position(|v| *v == at).unwrap_or(0);
    let n = views.len();
    match key {
        "ArrowRight" | "ArrowDown" => Some(views[(i + 1) % n]),
        "ArrowLeft" | "ArrowUp" => Some(views[(i + n - 1) % n]),
        "Home" => Some(views[0]),
        "End" => Some(views[n - 1]),
        _ => None,
    }
}

/// The view with this slug.
pub fn view_of(slug: &str) -> Option<View> {
    View::ALL.into_iter().find(|v| v.slug() == slug)
}

/// Whether the reader asked for reduced motion (always false outside a browser).
pub fn prefers_reduced_motion() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| {
                w.match_media("(prefers-reduced-motion: reduce)")
                    .ok()
                    .flatten()
            })
            .is_some_and(|m| m.matches())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Stops the years playing (a step of the slider, a tick or a second press
/// of Play).
pub fn stop(ctx: ExplainerContext) {
    ctx.timer.update_value(|t| {
        if let Some(h) = t.take() {
            h.clear();
        }
    });
    // Only a change notifies: the slider calls this on every step.
    if ctx.widget.try_with_untracked(|w| w.playing) == Some(true) {
        ctx.update_widget(|w| w.playing = false);
    }
}

/// Play: steps through the years from the chosen one (from the first when
/// at the last), one a second and a bit; pressed while playing, stops.
pub fn play(ctx: ExplainerContext) {
    if ctx.widget.with_untracked(|w| w.playing) {
        stop(ctx);
        return;
    }
    if ctx.state.with_untracked(|s| s.next_year().is_none()) {
        ctx.change(|s| s.set_year(FIRST_YEAR));
    }
    ctx.update_widget(|w| w.playing = true);
    let handle = set_interval_with_handle(
        move || match ctx.state.try_with_untracked(|s| s.next_year()) {
            Some(Some(y)) => ctx.change(|s| s.set_year(y)),
            _ => stop(ctx),
        },
        std::time::Duration::from_millis(1200),
    );
    ctx.timer.set_value(handle.ok());
}

/// The reader chose a year (the slider or a tick): play stops.
pub fn set_year(ctx: ExplainerContext, year: i32) {
    stop(ctx);
    ctx.change(|s| s.set_year(year));
}

/// What a click on one of the controls does: `attr` is the attribute that
/// named it (`data-chem`, `data-year`, `data-view`, `data-act`), `value` its value.
pub fn click(ctx: ExplainerContext, attr: &str, value: &str) {
    match attr {
        "data-chem" => {
            if let Some(c) = ChemistryId::from_slug(value) {
                ctx.change(|s| s.toggle_chemistry(c));
            }
        }
        "data-year" => {
            if let Ok(y) = value.parse() {
                set_year(ctx, y);
            }
        }
        "data-view" => {
            if let Some(v) = view_of(value) {
                ctx.change(|s| s.view = v);
            }
        }
        _ => match value {
            "play" => play(ctx),
            "table" => ctx.state.update(|s| s.as_table = !s.as_table),
            _ => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look() -> ControlsLook {
        ControlsLook {
            chemistries: vec![ChemistryId::Oxide],
            year: 2024,
            view: View::Energy,
            as_table: false,
            playing: false,
            reduced_motion: false,
        }
    }

    #[test]
    fn chips_tabs_and_the_slider_follow_the_state() {
        let d = controls_doc(&look(), |l| format!("w-{l}"));
        let chips = d.with_class("ssb-chip");
        assert_eq!(chips.len(), ChemistryId::ALL.len());
        for (chip, c) in chips.iter().zip(ChemistryId::ALL) {
            let on = c == ChemistryId::Oxide;
            assert_eq!(
                chip.get("aria-pressed"),
                Some(if on { "true" } else { "false" })
            );
        }
        let tabs = d.with_class("ssb-tab");
        let selected: Vec<_> = tabs
            .iter()
            .filter(|t| t.get("aria-selected") == Some("true"))
            .collect();
        assert_eq!(selected.len(), 1);
        assert_eq!(selected[0].get("id"), Some("w-tab-energy"));
        assert_eq!(selected[0].get("tabindex"), Some("0"));
        let slider = &d.find_all("input")[0];
        assert_eq!(slider.get("value"), Some("2024"));
        assert_eq!(slider.get("aria-valuetext"), Some("as of the end of 2024"));
        let on: Vec<_> = d.with_class("is-on");
        assert_eq!(on.len(), 1);
        assert_eq!(on[0].text_content(), "2024");
    }

    /// The shared parts inside the element with `class`.
    fn shared_in(d: &El, class: &str) -> Vec<Arc<El>> {
        d.with_class(class)[0]
            .kids
            .iter()
            .filter_map(|k| match k {
                Node::Shared(e) => Some(e.clone()),
                _ => None,
            })
            .collect()
    }

    /// How many of two lists' parts are not the very same.
    fn changed(a: &[Arc<El>], b: &[Arc<El>]) -> usize {
        assert_eq!(a.len(), b.len());
        a.iter().zip(b).filter(|(x, y)| !Arc::ptr_eq(x, y)).count()
    }

    #[test]
    fn a_year_step_or_a_toggle_shares_the_ticks_and_chips_that_stay() {
        let d = controls_doc(&look(), |l| l.to_string());
        let next_year = ControlsLook {
            year: 2025,
            ..look()
        };
        let d2 = controls_doc(&next_year, |l| l.to_string());
        let (ticks, ticks2) = (
            shared_in(&d, "ssb-year__ticks"),
            shared_in(&d2, "ssb-year__ticks"),
        );
        assert_eq!(ticks.len(), (FIRST_YEAR..=LAST_YEAR).count());
        assert_eq!(
            changed(&ticks, &ticks2),
            2,
            "the old year's tick and the new one's"
        );
        let toggled = ControlsLook {
            chemistries: vec![ChemistryId::Oxide, ChemistryId::Sulfide],
            ..look()
        };
        let d3 = controls_doc(&toggled, |l| l.to_string());
        let (chips, chips3) = (shared_in(&d, "ssb-chems"), shared_in(&d3, "ssb-chems"));
        assert_eq!(chips.len(), ChemistryId::ALL.len());
        assert_eq!(changed(&chips, &chips3), 1, "the chip toggled");
        assert_eq!(changed(&chips, &shared_in(&d2, "ssb-chems")), 0);
    }

    #[test]
    fn play_says_pause_while_playing_and_is_off_for_reduced_motion() {
        let playing = ControlsLook {
            playing: true,
            ..look()
        };
        let d = controls_doc(&playing, |l| l.to_string());
        let play = d.with_class("ssb-play")[0];
        assert_eq!(play.text_content(), "❚❚ Pause");
        assert_eq!(play.get("aria-pressed"), Some("true"));
        let reduced = ControlsLook {
            reduced_motion: true,
            ..look()
        };
        let d = controls_doc(&reduced, |l| l.to_string());
        assert!(d.with_class("ssb-play")[0].get("disabled").is_some());
    }

    #[test]
    fn tab_keys_wrap_and_jump() {
        assert_eq!(tab_key("ArrowRight", View::ALL[3]), Some(View::ALL[0]));
        assert_eq!(tab_key("ArrowLeft", View::ALL[0]), Some(View::ALL[3]));
        assert_eq!(tab_key("End", View::ALL[0]), Some(View::ALL[3]));
        assert_eq!(tab_key("a", View::ALL[0]), None);
    }
}
