//! The dataset: its types, loading, validation and the queries the views ask.
//!
//! Pure Rust with serde — no Leptos, no browser. Everything the widget shows
//! comes through these types, and every item carries the sources it rests on.
//! This module must not render anything or decide how a figure looks.

mod bake;
mod date;
mod figure;
pub mod json;
mod json_path;
pub mod order;
pub mod query;
mod read;
pub mod text;
mod validate;

pub use date::{DatePrecision, FuzzyDate, YearSpan};
pub use figure::{format_number, ClaimStatus, Figure, Level, Qualifier, Quantity, KNOWN_UNITS};
pub use validate::{validate, Problem};

use serde::{Deserialize, Serialize};

/// The schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The largest dataset (in bytes) the widget accepts from `data-src`.
pub const MAX_DATASET_BYTES: usize = 2 * 1024 * 1024;

/// The longest text (any JSON string, in bytes as written) a dataset may hold.
/// The longest in the built-in data is about 300; the limit keeps a hostile
/// file from handing the browser a megabyte-long word to lay out.
pub const MAX_TEXT_BYTES: usize = 4096;

/// The built-in dataset as JSON: `src/data/solid-state-batteries.json` (the file
/// published in `dist/`) with the whitespace outside strings removed by `build.rs`.
/// Native tools and tests read it; the widget unbakes [`BUILT_IN_BAKED`].
#[cfg(ssb_built_in)]
pub const BUILT_IN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/built-in.json"));

/// The built-in dataset baked by `build.rs` (see [`Dataset::unbake`]).
#[cfg(ssb_built_in)]
pub const BUILT_IN_BAKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/built-in.bin"));

/// One of the battery families the widget compares: the five named routes, plus
/// all-solid cells whose sources do not name the electrolyte route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChemistryId {
    /// Today's liquid-electrolyte lithium-ion cell: the baseline.
    Liquid,
    /// Semi-solid, also called "solid-liquid": part of the liquid is replaced.
    SemiSolid,
    /// All-solid with a sulfide electrolyte.
    Sulfide,
    /// All-solid with an oxide (e.g. garnet LLZO) electrolyte.
    Oxide,
    /// All-solid with a polymer electrolyte.
    Polymer,
    /// All-solid, but the sources do not say which electrolyte route.
    AllSolid,
}

impl ChemistryId {
    /// All chemistries, in the order lanes and toggles show them.
    pub const ALL: [ChemistryId; 6] = [
        ChemistryId::Liquid,
        ChemistryId::SemiSolid,
        ChemistryId::Sulfide,
        ChemistryId::Oxide,
        ChemistryId::Polymer,
        ChemistryId::AllSolid,
    ];

    /// The id used in attributes, JSON and CSS classes (`semi-solid`).
    pub fn slug(self) -> &'static str {
        match self {
            Self::Liquid => "liquid",
            Self::SemiSolid => "semi-solid",
            Self::Sulfide => "sulfide",
            Self::Oxide => "oxide",
            Self::Polymer => "polymer",
            Self::AllSolid => "all-solid",
        }
    }

    /// The reader-facing name; also the toggle button's accessible name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Liquid => "Liquid Li-ion",
            Self::SemiSolid => "Semi-solid",
            Self::Sulfide => "Sulfide",
            Self::Oxide => "Oxide",
            Self::Polymer => "Polymer",
            Self::AllSolid => "All-solid, route not stated",
        }
    }

    /// Parses an attribute id (`semi-solid`), case-insensitively.
    pub fn from_slug(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|c| c.slug() == s)
    }
}

/// A pointer from an item to the document it rests on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The id of a [`Source`].
    pub source: String,
    /// Where in the document, when it helps the reader find it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

/// One source document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short id other items cite, e.g. `tipping-point-2026`.
    pub id: String,
    /// A short name for citations under figures ("How Far (2025)").
    pub short: String,
    /// The title as the document gives it (or a description in brackets if it has none).
    pub title: String,
    /// Author or publisher exactly as given, or "not stated".
    pub author: String,
    /// When it was published or generated, at the precision it states.
    pub published: FuzzyDate,
    /// What kind of document it is (tech write-up, status report, …).
    pub kind: String,
    /// The file the facts were taken from.
    pub file: String,
    /// Outside references the document itself lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<String>,
    /// Caveats a reader should know about the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a chemistry is, how far along it is, what it is good and bad at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chemistry {
    /// Which chemistry.
    pub id: ChemistryId,
    /// Whether it removes the liquid electrolyte entirely.
    pub all_solid: bool,
    /// Other names the sources use.
    #[serde(default)]
    pub also_called: Vec<String>,
    /// Example electrolytes.
    #[serde(default)]
    pub electrolytes: Vec<String>,
    /// Operating temperature, when a source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operating_temperature: Option<Figure>,
    /// Manufacturing readiness in a phrase.
    pub readiness: String,
    /// What it does well.
    pub strengths: Vec<String>,
    /// What holds it back.
    pub problems: Vec<String>,
    /// Companies the sources name for it.
    pub key_players: Vec<String>,
    /// Sources.
    pub sources: Vec<Citation>,
}

/// Where a milestone stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In products that customers have.
    Shipped,
    /// A pilot or demonstration production line running.
    PilotLine,
    /// Sample cells delivered to partners.
    Samples,
    /// Shown working: a road test, a demo vehicle, a lab result.
    Demonstration,
    /// Announced plans, not yet done.
    Announced,
    /// A stated target date for production or launch.
    Target,
}

impl Status {
    /// All statuses, most real first.
    pub const ALL: [Status; 6] = [
        Status::Shipped,
        Status::PilotLine,
        Status::Samples,
        Status::Demonstration,
        Status::Announced,
        Status::Target,
    ];

    /// Whether the status describes something that happened (as opposed to a plan).
    pub fn is_realized(self) -> bool {
        !matches!(self, Self::Announced | Self::Target)
    }

    /// Reader-facing label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Shipped => "Shipped",
            Self::PilotLine => "Pilot line",
            Self::Samples => "Samples",
            Self::Demonstration => "Demonstration",
            Self::Announced => "Announced",
            Self::Target => "Target",
        }
    }

    /// The id used in CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Shipped => "shipped",
            Self::PilotLine => "pilot-line",
            Self::Samples => "samples",
            Self::Demonstration => "demonstration",
            Self::Announced => "announced",
            Self::Target => "target",
        }
    }
}

/// A dated event: a launch, a sample shipment, a pilot line, a target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Unique id.
    pub id: String,
    /// Company or companies.
    pub company: String,
    /// Product, vehicle or programme.
    pub product: String,
    /// Which chemistry it belongs to.
    pub chemistry: ChemistryId,
    /// When, at the precision the source gives.
    pub date: FuzzyDate,
    /// Anything about the date a reader should know (e.g. "date of the report").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    /// Where it stands.
    pub status: Status,
    /// What happened, in our words.
    pub summary: String,
    /// Figures with units.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Sources.
    pub sources: Vec<Citation>,
}

/// A technology-readiness assessment of one company's product.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrlAssessment {
    /// Unique id.
    pub id: String,
    /// Who or what is assessed.
    pub subject: String,
    /// Which chemistry (none for basic research that spans routes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chemistry: Option<ChemistryId>,
    /// Lowest TRL of the range (1–9).
    pub trl_min: u8,
    /// Highest TRL of the range (1–9).
    pub trl_max: u8,
    /// When the assessment holds.
    pub as_of: FuzzyDate,
    /// Why it sits there.
    pub basis: String,
    /// Sources.
    pub sources: Vec<Citation>,
}

/// The stage of a production line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    /// Producing commercially.
    Operational,
    /// A pilot line.
    Pilot,
    /// A line to verify process and cost.
    Demonstration,
    /// Planned, not yet running.
    Planned,
}

impl LineStatus {
    /// Reader-facing label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Operational => "Operational",
            Self::Pilot => "Pilot",
            Self::Demonstration => "Demonstration",
            Self::Planned => "Planned",
        }
    }
}

/// A factory or pilot line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductionLine {
    /// Unique id.
    pub id: String,
    /// Who runs it.
    pub company: String,
    /// Where, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Which chemistry it makes.
    pub chemistry: ChemistryId,
    /// Stage.
    pub status: LineStatus,
    /// Since when (or by when, for planned lines), where a source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<FuzzyDate>,
    /// Where no source gives a start: the date of the list the line appears
    /// in. The line is shown from then on as "listed as of", never as a start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_as_of: Option<FuzzyDate>,
    /// Capacity, yield and other figures.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// What it makes and for whom, in our words.
    pub note: String,
    /// Sources.
    pub sources: Vec<Citation>,
}

/// How hard a hurdle hits a chemistry, as we read the sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The sources do not tie this hurdle to the chemistry.
    NotApplicable,
    /// A known, manageable issue.
    Low,
    /// A real obstacle that needs new process steps.
    Moderate,
    /// One of the main reasons the chemistry is not in mass production.
    Severe,
}

impl Severity {
    /// Reader-facing label.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotApplicable => "Not named",
            Self::Low => "Low",
            Self::Moderate => "Moderate",
            Self::Severe => "Severe",
        }
    }

    /// The id used in CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            Self::NotApplicable => "none",
            Self::Low => "low",
            Self::Moderate => "moderate",
            Self::Severe => "severe",
        }
    }
}

/// One cell of the hurdles matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityRating {
    /// Which chemistry.
    pub chemistry: ChemistryId,
    /// How hard it hits.
    pub severity: Severity,
    /// What in the sources the rating rests on.
    pub basis: String,
}

/// A manufacturing or technical hurdle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hurdle {
    /// Unique id.
    pub id: String,
    /// Short name.
    pub name: String,
    /// What the problem is, in our words.
    pub summary: String,
    /// Ratings per chemistry (a chemistry not listed counts as not named).
    pub severity: Vec<SeverityRating>,
    /// The hard numbers.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Sources.
    pub sources: Vec<Citation>,
}

/// A reference level for the energy-density chart (the liquid Li-ion band, expectations).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceLevel {
    /// Unique id.
    pub id: String,
    /// Reader-facing label.
    pub label: String,
    /// The figure (Wh/kg; a range draws a band, a single value a line).
    pub figure: Figure,
    /// Sources.
    pub sources: Vec<Citation>,
}

/// A point in the price history of liquid lithium-ion batteries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostPoint {
    /// When.
    pub date: FuzzyDate,
    /// The price or multiple.
    pub figure: Figure,
    /// Sources.
    pub sources: Vec<Citation>,
}

/// Naming, standards, markets and supply chains.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyItem {
    /// Unique id.
    pub id: String,
    /// `naming`, `standard`, `market` or `supply_chain`.
    pub kind: PolicyKind,
    /// Short title.
    pub title: String,
    /// Who made it (a national standard body, industry experts, a company), as
    /// the documents say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When, if dated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<FuzzyDate>,
    /// What it says, in our words.
    pub text: String,
    /// Figures.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Sources.
    pub sources: Vec<Citation>,
}

/// The kind of a [`PolicyItem`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    /// What may be called "solid-state".
    Naming,
    /// Standards and consultations.
    Standard,
    /// Market signals.
    Market,
    /// Materials and supply chains.
    SupplyChain,
}

/// What kind of forward-looking or background statement an [`Outlook`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutlookKind {
    /// What someone expects to happen, and when.
    Forecast,
    /// What to watch: the signs a document says will tell.
    Watch,
    /// Background a reader needs to judge the forecasts (where a scale comes from).
    Background,
}

impl OutlookKind {
    /// Reader-facing label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Forecast => "Forecast",
            Self::Watch => "What to watch",
            Self::Background => "Background",
        }
    }
}

/// A forward-looking statement (or the background to one), attributed to who
/// makes it: an analyst, a company, the document's own author.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlook {
    /// Unique id.
    pub id: String,
    /// Forecast, what to watch, or background.
    pub kind: OutlookKind,
    /// The period it is about, where it names one ("2026/2028").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<FuzzyDate>,
    /// Who says it, as the document attributes it.
    pub by: String,
    /// The chemistry it is about (none: solid-state in general).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chemistry: Option<ChemistryId>,
    /// What is said, in our words.
    pub text: String,
    /// Figures.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Sources.
    pub sources: Vec<Citation>,
}

/// What sort of disagreement a [`Conflict`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Sources give different dates.
    Date,
    /// Sources give a different status (pilot vs. factory, …).
    Status,
    /// A figure's level (cell/module/pack) is unclear or contradictory.
    Level,
    /// Sources give different figures.
    Figure,
    /// Sources define or classify things differently.
    Definition,
    /// Sources place a company or route at different readiness levels.
    Readiness,
}

impl ConflictKind {
    /// Reader-facing label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "Dates differ",
            Self::Status => "Status differs",
            Self::Level => "Cell or pack?",
            Self::Figure => "Figures differ",
            Self::Definition => "Definitions differ",
            Self::Readiness => "Readiness differs",
        }
    }
}

/// One side of a disagreement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictClaim {
    /// What this source says, in our words.
    pub says: String,
    /// Where.
    pub source: Citation,
}

/// A place where the documents disagree or are inconsistent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// Unique id.
    pub id: String,
    /// What it is about, as a short title.
    pub topic: String,
    /// Its kind.
    pub kind: ConflictKind,
    /// Ids of the milestones, lines, assessments or hurdles it concerns.
    pub about: Vec<String>,
    /// Each side, with its source (at least two, or one for an inconsistency within a document).
    pub claims: Vec<ConflictClaim>,
    /// What a reader should make of it; never a silent verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The whole dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// The JSON Schema that describes the file (`solid-state-batteries.schema.json`),
    /// for editors' completion; not used by the widget.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    /// Must equal [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The dataset's title.
    pub title: String,
    /// When the data was last checked against its sources.
    pub updated: FuzzyDate,
    /// The documents.
    pub sources: Vec<Source>,
    /// The five chemistries.
    pub chemistries: Vec<Chemistry>,
    /// Dated events.
    pub milestones: Vec<Milestone>,
    /// TRL assessments.
    pub readiness: Vec<TrlAssessment>,
    /// Factories and pilot lines.
    pub production_lines: Vec<ProductionLine>,
    /// Manufacturing and technical hurdles.
    pub hurdles: Vec<Hurdle>,
    /// Reference levels for energy density.
    pub references: Vec<ReferenceLevel>,
    /// Liquid Li-ion price history and cost multiples.
    pub cost_history: Vec<CostPoint>,
    /// Naming, standards, markets.
    pub policy: Vec<PolicyItem>,
    /// Forecasts, what to watch, and their background.
    #[serde(default)]
    pub outlook: Vec<Outlook>,
    /// Where sources disagree.
    pub conflicts: Vec<Conflict>,
}

/// Why a dataset could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// Larger than [`MAX_DATASET_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// Not JSON, or JSON of the wrong shape.
    Parse {
        /// Where (JSON path), or `$` for the document.
        path: String,
        /// What was wrong.
        message: String,
    },
    /// Well-formed but with invalid content.
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge { bytes } => write!(
                f,
                "the dataset is {bytes} bytes; the limit is {MAX_DATASET_BYTES} bytes"
            ),
            Self::Parse { path, message } => write!(f, "at {path}: {message}"),
            Self::Invalid(problems) => {
                write!(f, "{} problem(s): ", problems.len())?;
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl LoadError {
    /// What is wrong with the dataset, as the sentence that follows its URL in
    /// the widget's message (at most five problems, then how many more).
    pub fn sentence(&self) -> String {
        match self {
            LoadError::TooLarge { bytes } => {
                format!("is too large: {bytes} bytes; the limit is {MAX_DATASET_BYTES} bytes.")
            }
            LoadError::Parse { path, message } => {
                format!("is not a valid dataset: at {path}: {message}.")
            }
            LoadError::Invalid(problems) => {
                let shown: Vec<String> = problems.iter().take(5).map(|p| p.to_string()).collect();
                let more = problems.len().saturating_sub(5);
                format!(
                    "has {} problem(s): {}{}",
                    problems.len(),
                    shown.join("; "),
                    if more > 0 {
                        format!("; and {more} more.")
                    } else {
                        ".".into()
                    }
                )
            }
        }
    }
}

impl Dataset {
    /// Parses JSON and validates it; every problem is reported, not just the first.
    pub fn from_json(text: &str) -> Result<Dataset, LoadError> {
        let data = Dataset::parse_json(text)?;
        let problems = validate(&data);
        if problems.is_empty() {
            Ok(data)
        } else {
            Err(LoadError::Invalid(problems))
        }
    }

    /// Parses a dataset without validating it, with the JSON path of the first
    /// structural error.
    pub fn parse_json(text: &str) -> Result<Dataset, LoadError> {
        if text.len() > MAX_DATASET_BYTES {
            return Err(LoadError::TooLarge { bytes: text.len() });
        }
        if let Some((at, bytes)) = json_path::first_long_string(text, MAX_TEXT_BYTES) {
            return Err(LoadError::Parse {
                path: json_path::path_at(text, at),
                message: format!(
                    "a text of {bytes} bytes; the limit is {MAX_TEXT_BYTES} bytes per text"
                ),
            });
        }
        let tree = json::parse(text).map_err(|e| LoadError::Parse {
            path: "$".to_string(),
            message: format!("{} (at byte {})", e.message, e.offset),
        })?;
        read::FromJson::from_json(&tree).map_err(|e: json::ShapeError| LoadError::Parse {
            path: e.path(),
            message: e.message,
        })
    }

    /// The built-in dataset. `build.rs` read it and the test suite validates
    /// it (`make test` fails on any problem), so the widget only unbakes it.
    #[cfg(ssb_built_in)]
    pub fn built_in() -> Dataset {
        Dataset::unbake(BUILT_IN_BAKED).unwrap_or_else(|| panic!("the built-in dataset unbakes"))
    }

    /// The built-in dataset, unbaked once and shared by every instance.
    #[cfg(ssb_built_in)]
    pub fn shared_built_in() -> std::sync::Arc<Dataset> {
        static BUILT_IN: std::sync::OnceLock<std::sync::Arc<Dataset>> = std::sync::OnceLock::new();
        BUILT_IN
            .get_or_init(|| std::sync::Arc::new(Dataset::built_in()))
            .clone()
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// A chemistry's description.
    pub fn chemistry(&self, id: ChemistryId) -> Option<&Chemistry> {
        self.chemistries.iter().find(|c| c.id == id)
    }

    /// The conflicts that concern an item.
    pub fn conflicts_about<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Conflict> + 'a {
        self.conflicts
            .iter()
            .filter(move |c| c.about.iter().any(|a| a == id))
    }
}

/// The severity of a hurdle for a chemistry (not named when the data has no rating).
pub fn severity_of(h: &Hurdle, c: ChemistryId) -> (Severity, Option<&str>) {
    h.severity
        .iter()
        .find(|r| r.chemistry == c)
        .map(|r| (r.severity, Some(r.basis.as_str())))
        .unwrap_or((Severity::NotApplicable, None))
}
