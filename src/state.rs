//! The reader's state — which view, which year, which chemistries, what is
//! selected — and the transitions a click or an attribute makes.
//!
//! Pure Rust: attribute parsing and transitions are tested natively. Nothing here
//! touches the DOM or decides how anything looks.

use crate::model::{ChemistryId, Dataset};

/// The first year the slider offers.
pub const FIRST_YEAR: i32 = 2024;
/// The last year the slider offers.
pub const LAST_YEAR: i32 = 2030;
/// The year a widget opens on when none is given.
pub const DEFAULT_YEAR: i32 = 2026;

/// One of the four views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// Lanes of milestones per chemistry.
    #[default]
    Timeline,
    /// Wh/kg bars.
    Energy,
    /// Hurdles × chemistries.
    Hurdles,
    /// The TRL ladder.
    Readiness,
}

impl View {
    /// All views, in tab order.
    pub const ALL: [View; 4] = [View::Timeline, View::Energy, View::Hurdles, View::Readiness];

    /// The attribute value (`energy`).
    pub fn slug(self) -> &'static str {
        match self {
            Self::Timeline => "timeline",
            Self::Energy => "energy",
            Self::Hurdles => "hurdles",
            Self::Readiness => "readiness",
        }
    }

    /// The view's headline (also the title of its downloaded chart).
    pub fn title(self) -> &'static str {
        match self {
            Self::Timeline => "What shipped, and what is only announced",
            Self::Energy => "Energy density: claims, samples and products",
            Self::Hurdles => "What makes solid-state cells hard to build",
            Self::Readiness => "How close to mass production?",
        }
    }

    /// The tab's accessible name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Timeline => "Timeline",
            Self::Energy => "Energy density",
            Self::Hurdles => "Manufacturing hurdles",
            Self::Readiness => "Readiness",
        }
    }
}

/// A warning about an attribute value that was not understood.
#[derive(Clone, Debug, PartialEq)]
pub struct AttributeWarning {
    /// Which attribute.
    pub attribute: &'static str,
    /// The value given.
    pub value: String,
    /// What is allowed.
    pub allowed: String,
}

impl std::fmt::Display for AttributeWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "<ssb-explainer>: invalid {}=\"{}\"; allowed: {}. Using the default.",
            self.attribute, self.value, self.allowed
        )
    }
}

/// Parses the `view` attribute; `None` or empty means the default.
pub fn parse_view(value: Option<&str>) -> Result<View, AttributeWarning> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(View::default());
    };
    let lower = v.to_ascii_lowercase();
    View::ALL
        .into_iter()
        .find(|x| x.slug() == lower)
        .ok_or_else(|| AttributeWarning {
            attribute: "view",
            value: v.to_string(),
            allowed: "timeline, energy, hurdles, readiness".into(),
        })
}

/// Parses the `year` attribute (2024…2030).
pub fn parse_year(value: Option<&str>) -> Result<i32, AttributeWarning> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(DEFAULT_YEAR);
    };
    v.parse::<i32>()
        .ok()
        .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
        .ok_or_else(|| AttributeWarning {
            attribute: "year",
            value: v.to_string(),
            allowed: format!("a year from {FIRST_YEAR} to {LAST_YEAR}"),
        })
}

/// The state as JSON, `{"view", "year", "chemistries", "selected"}`: the
/// `ssb-change` detail and the element's `state`, which the page builds with
/// one `JSON.parse` (one call out of the wasm instead of one per field).
pub fn state_json(s: &ReaderState) -> String {
    let mut out = String::with_capacity(96);
    out.push_str("{\"view\":\"");
    out.push_str(s.view.slug());
    out.push_str("\",\"year\":");
    out.push_str(&s.year.to_string());
    out.push_str(",\"chemistries\":[");
    for (i, c) in s.chemistries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(c.slug());
        out.push('"');
    }
    out.push_str("],\"selected\":");
    match &s.selected {
        Some(id) => json_string(id, &mut out),
        None => out.push_str("null"),
    }
    out.push('}');
    out
}

/// `text` as a JSON string literal.
fn json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Chemistries as [`parse_chemistries`] reads them back: a comma list of
/// slugs (`sulfide,oxide`), or `none` for no chemistry.
pub fn chemistries_value(chems: &[ChemistryId]) -> String {
    if chems.is_empty() {
        return "none".into();
    }
    slugs(chems, ",")
}

/// The chemistries' slugs with `separator` between them (a loop, not
/// `join` on a list of `&str`, which is a second copy of the standard
/// library's joining code in the wasm beside the one for `String`s).
fn slugs(chems: &[ChemistryId], separator: &str) -> String {
    let mut out = String::new();
    for (i, c) in chems.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(c.slug());
    }
    out
}

/// Parses the `chemistries` attribute: a comma list of ids. Left out or empty,
/// every chemistry is shown; `none` shows none (the state a reader reaches by
/// turning every chemistry off, as a shared link writes it). Any unknown id
/// makes the whole value invalid.
pub fn parse_chemistries(value: Option<&str>) -> Result<Vec<ChemistryId>, AttributeWarning> {
    let Some(v) = value else {
        return Ok(ChemistryId::ALL.to_vec());
    };
    if v.trim().eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match ChemistryId::from_slug(part) {
            Some(c) if !out.contains(&c) => out.push(c),
            Some(_) => {}
            None => {
                return Err(AttributeWarning {
                    attribute: "chemistries",
                    value: v.to_string(),
                    allowed: format!(
                        "none, or a comma list of {}",
                        slugs(&ChemistryId::ALL, ", ")
                    ),
                })
            }
        }
    }
    if v.trim().is_empty() {
        return Ok(ChemistryId::ALL.to_vec());
    }
    crate::model::order::sort(&mut out);
    Ok(out)
}

/// The page's colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The attribute value.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

/// Parses the `theme` attribute.
pub fn parse_theme(value: Option<&str>) -> Result<Theme, AttributeWarning> {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") | Some("auto") => Ok(Theme::Auto),
        Some("light") => Ok(Theme::Light),
        Some("dark") => Ok(Theme::Dark),
        Some(_) => Err(AttributeWarning {
            attribute: "theme",
            value: value.unwrap_or_default().to_string(),
            allowed: "auto, light, dark".into(),
        }),
    }
}

/// Parses the `controls` attribute: `none` hides them; anything else shows them.
pub fn parse_controls(value: Option<&str>) -> Result<bool, AttributeWarning> {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") | Some("all") | Some("show") => Ok(true),
        Some("none") => Ok(false),
        Some(_) => Err(AttributeWarning {
            attribute: "controls",
            value: value.unwrap_or_default().to_string(),
            allowed: "none (hides the controls), or leave it out".into(),
        }),
    }
}

/// Everything the reader has chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct ReaderState {
    /// The visible view.
    pub view: View,
    /// The "as of" year.
    pub year: i32,
    /// Chosen chemistries, in [`ChemistryId::ALL`] order.
    pub chemistries: Vec<ChemistryId>,
    /// The selected milestone, hurdle or assessment id.
    pub selected: Option<String>,
    /// Whether the view is shown as a table.
    pub as_table: bool,
}

impl Default for ReaderState {
    fn default() -> Self {
        ReaderState {
            view: View::default(),
            year: DEFAULT_YEAR,
            chemistries: ChemistryId::ALL.to_vec(),
            selected: None,
            as_table: false,
        }
    }
}

impl ReaderState {
    /// Whether a chemistry is shown.
    pub fn shows(&self, c: ChemistryId) -> bool {
        self.chemistries.contains(&c)
    }

    /// Turns a chemistry on or off, keeping the canonical order.
    pub fn toggle_chemistry(&mut self, c: ChemistryId) {
        if let Some(i) = self.chemistries.iter().position(|x| *x == c) {
            self.chemistries.remove(i);
        } else {
            self.chemistries.push(c);
            crate::model::order::sort(&mut self.chemistries);
        }
    }

    /// Sets the year, clamped to the slider's range.
    pub fn set_year(&mut self, year: i32) {
        self.year = year.clamp(FIRST_YEAR, LAST_YEAR);
    }

    /// The next year for the play button, or `None` at the end (play stops there).
    pub fn next_year(&self) -> Option<i32> {
        (self.year < LAST_YEAR).then_some(self.year + 1)
    }

    /// Selects an item, or clears the selection when it is selected already.
    pub fn toggle_selection(&mut self, id: &str) {
        if self.selected.as_deref() == Some(id) {
            self.selected = None;
        } else {
            self.selected = Some(id.to_string());
        }
    }

    /// The chemistries as an attribute value (`sulfide,oxide`; `none`).
    pub fn chemistries_attr(&self) -> String {
        chemistries_value(&self.chemistries)
    }
}

/// Which view shows item `id` (a milestone or a hurdle) with its card: the
/// current view when it does, else the first view that does; `None` when the
/// dataset has no such item. The `selected` attribute uses it to open a card.
pub fn view_for_item(data: &Dataset, id: &str, current: View) -> Option<View> {
    if data.hurdles.iter().any(|h| h.id == id) {
        return Some(View::Hurdles);
    }
    if !data.milestones.iter().any(|m| m.id == id) {
        return None;
    }
    let on_energy = || {
        crate::model::query::all_energy_bars(data)
            .iter()
            .any(|b| b.milestone.id == id)
    };
    Some(match current {
        View::Energy if on_energy() => View::Energy,
        _ => View::Timeline,
    })
}

/// Every id `selected` accepts, with the view it opens in and what it is:
/// milestones (in the timeline; energy when that view is set and has a bar
/// for it) and hurdles. `ssb-data list` prints this.
pub fn selectable_items(data: &Dataset) -> Vec<(String, View, String)> {
    let milestones = data.milestones.iter().map(|m| {
        (
            m.id.clone(),
            View::Timeline,
            format!("{}: {} ({})", m.company, m.product, m.date.label()),
        )
    });
    let hurdles = data
        .hurdles
        .iter()
        .map(|h| (h.id.clone(), View::Hurdles, h.name.clone()));
    milestones.chain(hurdles).collect()
}

/// The query string that reproduces a reader's state: `view=energy&year=2026&
/// chemistries=sulfide,oxide&selected=mg4-anxin` (chemistries left out when
/// all are shown, `none` when none is; `data-src` when the data is not the
/// built-in set). Values are percent-encoded.
pub fn share_query(s: &ReaderState, data_src: Option<&str>) -> String {
    let mut q = format!("view={}&year={}", s.view.slug(), s.year);
    if s.chemistries.len() < ChemistryId::ALL.len() {
        q.push_str("&chemistries=");
        q.push_str(&s.chemistries_attr());
    }
    if let Some(id) = &s.selected {
        q.push_str("&selected=");
        q.push_str(&percent_encode(id));
    }
    if let Some(src) = data_src {
        q.push_str("&data-src=");
        q.push_str(&percent_encode(src));
    }
    q
}

/// Percent-encodes everything but the unreserved characters (RFC 3986), so a
/// value can't end the parameter or the fragment it sits in.
pub fn percent_encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b',') {
            out.push(b as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_state_as_json_reads_back_field_for_field_whatever_the_id() {
        let mut s = ReaderState {
            view: View::Energy,
            chemistries: vec![ChemistryId::Sulfide, ChemistryId::Oxide],
            ..ReaderState::default()
        };
        s.set_year(2025);
        let v: serde_json::Value = serde_json::from_str(&state_json(&s)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"view": "energy", "year": 2025, "chemistries": ["sulfide", "oxide"], "selected": null})
        );
        for id in ["mg4-anxin", "a \"quoted\" \\ id\n\u{1}", "Öl"] {
            s.selected = Some(id.to_string());
            let v: serde_json::Value = serde_json::from_str(&state_json(&s)).unwrap();
            assert_eq!(v["selected"], id);
        }
        s.chemistries.clear();
        let v: serde_json::Value = serde_json::from_str(&state_json(&s)).unwrap();
        assert_eq!(v["chemistries"], serde_json::json!([]));
    }

    use super::*;
    use crate::model::ChemistryId::*;

    #[test]
    fn attributes_parse_or_warn_with_the_allowed_values() {
        assert_eq!(parse_view(Some("energy")), Ok(View::Energy));
        assert_eq!(parse_view(Some(" Readiness ")), Ok(View::Readiness));
        assert_eq!(parse_view(None), Ok(View::Timeline));
        let w = parse_view(Some("pie")).unwrap_err();
        assert!(
            w.to_string()
                .contains("timeline, energy, hurdles, readiness"),
            "{w}"
        );
        assert_eq!(parse_year(Some("2026")), Ok(2026));
        assert!(parse_year(Some("2031")).is_err());
        assert!(parse_year(Some("twenty")).is_err());
        assert_eq!(
            parse_chemistries(Some("oxide, sulfide")),
            Ok(vec![Sulfide, Oxide])
        );
        assert_eq!(parse_chemistries(None).unwrap().len(), 6);
        let wrong = parse_chemistries(Some("sulfide,lead-acid")).unwrap_err();
        assert_eq!(
            wrong.allowed,
            "none, or a comma list of liquid, semi-solid, sulfide, oxide, polymer, all-solid"
        );
        assert_eq!(chemistries_value(&[Sulfide, Oxide]), "sulfide,oxide");
        assert_eq!(chemistries_value(&[Oxide]), "oxide");
        assert_eq!(chemistries_value(&[]), "none");
        assert_eq!(parse_theme(Some("dark")), Ok(Theme::Dark));
        assert!(parse_theme(Some("sepia")).is_err());
        assert_eq!(parse_controls(Some("none")), Ok(false));
    }

    #[test]
    fn toggling_keeps_order_and_year_is_clamped() {
        let mut s = ReaderState::default();
        for c in ChemistryId::ALL {
            s.toggle_chemistry(c);
            assert!(!s.shows(c), "{c:?} still shown after toggling off");
        }
        assert!(s.chemistries.is_empty());
        s.toggle_chemistry(Oxide);
        s.toggle_chemistry(Liquid);
        assert_eq!(s.chemistries, vec![Liquid, Oxide]);
        assert_eq!(s.chemistries_attr(), "liquid,oxide");
        s.chemistries = ChemistryId::ALL.to_vec();
        s.set_year(1999);
        assert_eq!(s.year, FIRST_YEAR);
        s.set_year(2030);
        assert_eq!(s.next_year(), None);
        s.set_year(2029);
        assert_eq!(s.next_year(), Some(2030));
        s.toggle_selection("mg4-anxin");
        assert_eq!(s.selected.as_deref(), Some("mg4-anxin"));
        s.toggle_selection("mg4-anxin");
        assert_eq!(s.selected, None);
        assert_eq!(
            s.chemistries_attr(),
            "liquid,semi-solid,sulfide,oxide,polymer,all-solid"
        );
    }

    #[test]
    fn an_empty_chemistries_value_shows_all_and_none_shows_none() {
        assert_eq!(parse_chemistries(Some("")).unwrap().len(), 6);
        assert_eq!(parse_chemistries(Some("  ")).unwrap().len(), 6);
        assert_eq!(parse_chemistries(Some("none")), Ok(vec![]));
        assert_eq!(parse_chemistries(Some(" None ")), Ok(vec![]));
        assert!(parse_chemistries(Some("none,oxide")).is_err());
    }

    #[test]
    fn a_selected_item_opens_in_a_view_that_shows_it() {
        let data = Dataset::built_in();
        let bar = crate::model::query::all_energy_bars(&data)[0]
            .milestone
            .id
            .clone();
        assert_eq!(view_for_item(&data, &bar, View::Energy), Some(View::Energy));
        assert_eq!(
            view_for_item(&data, &bar, View::Hurdles),
            Some(View::Timeline)
        );
        assert_eq!(
            view_for_item(&data, "mg4-anxin", View::Timeline),
            Some(View::Timeline)
        );
        let no_bar = data
            .milestones
            .iter()
            .find(|m| {
                !crate::model::query::all_energy_bars(&data)
                    .iter()
                    .any(|b| b.milestone.id == m.id)
            })
            .expect("a milestone without an energy figure");
        assert_eq!(
            view_for_item(&data, &no_bar.id, View::Energy),
            Some(View::Timeline)
        );
        let hurdle = &data.hurdles[0].id;
        assert_eq!(
            view_for_item(&data, hurdle, View::Timeline),
            Some(View::Hurdles)
        );
        assert_eq!(view_for_item(&data, "no-such-item", View::Timeline), None);
    }

    #[test]
    fn every_listed_item_opens_in_the_view_listed() {
        let data = Dataset::built_in();
        let items = selectable_items(&data);
        assert_eq!(items.len(), data.milestones.len() + data.hurdles.len());
        for (id, view, label) in &items {
            assert_eq!(
                view_for_item(&data, id, View::Readiness),
                Some(*view),
                "{id}"
            );
            assert!(!label.is_empty());
        }
        assert!(items
            .iter()
            .any(|(id, _, l)| id == "mg4-anxin" && l.contains("MG4")));
    }

    #[test]
    fn a_share_query_reads_back_as_the_same_state() {
        let mut s = ReaderState::default();
        assert_eq!(share_query(&s, None), "view=timeline&year=2026");
        s.view = View::Energy;
        s.year = 2028;
        s.chemistries = vec![Sulfide, Oxide];
        s.selected = Some("mg4-anxin".into());
        let q = share_query(&s, Some("/data/my file.json?x=1&y=2"));
        assert_eq!(
            q,
            "view=energy&year=2028&chemistries=sulfide,oxide&selected=mg4-anxin&data-src=%2Fdata%2Fmy%20file.json%3Fx%3D1%26y%3D2"
        );
        let param = |name: &str| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix(name).and_then(|r| r.strip_prefix('=')))
        };
        assert_eq!(parse_view(param("view")), Ok(View::Energy));
        assert_eq!(parse_year(param("year")), Ok(2028));
        assert_eq!(
            parse_chemistries(param("chemistries")),
            Ok(vec![Sulfide, Oxide])
        );
        s.chemistries.clear();
        assert!(share_query(&s, None).contains("&chemistries=none&"));
        assert_eq!(parse_chemistries(Some("none")), Ok(vec![]));
        assert_eq!(percent_encode("a\"<b>#&"), "a%22%3Cb%3E%23%26");
    }
}
