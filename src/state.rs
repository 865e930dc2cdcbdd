//! The reader's state — which view, which year, which chemistries, what is
//! selected — and the transitions a click or an attribute makes.
//!
//! Pure Rust: attribute parsing and transitions are tested natively. Nothing here
//! touches the DOM or decides how anything looks.

use crate::model::ChemistryId;

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

/// Parses the `chemistries` attribute: a comma list of ids. An empty list is
/// allowed (and shows nothing); any unknown id makes the whole value invalid.
pub fn parse_chemistries(value: Option<&str>) -> Result<Vec<ChemistryId>, AttributeWarning> {
    let Some(v) = value else {
        return Ok(ChemistryId::ALL.to_vec());
    };
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
                        "a comma list of {}",
                        ChemistryId::ALL.map(|c| c.slug()).join(", ")
                    ),
                })
            }
        }
    }
    if v.trim().is_empty() {
        return Ok(ChemistryId::ALL.to_vec());
    }
    out.sort();
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
            self.chemistries.sort();
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

    /// The chemistries as an attribute value (`sulfide,oxide`).
    pub fn chemistries_attr(&self) -> String {
        self.chemistries
            .iter()
            .map(|c| c.slug())
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[cfg(test)]
mod tests {
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
        assert!(parse_chemistries(Some("sulfide,lead-acid")).is_err());
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
}
