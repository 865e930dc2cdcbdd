//! A number with its unit, its qualifier ("about", "more than"), and — for energy
//! density — the level it was measured at and whether it is a claim or a result.

use serde::{Deserialize, Serialize};

/// Units the dataset may use. Anything else is a typo until added here.
pub const KNOWN_UNITS: &[&str] = &[
    "Wh/kg",
    "kWh",
    "Ah",
    "km",
    "C",
    "min",
    "cycles",
    "%",
    "°C",
    "MPa",
    "µm",
    "nm",
    "ppm",
    "N",
    "m/s",
    "µm/min",
    "×",
    "USD/kWh",
    "t/yr",
    "MWh/yr",
    "GWh/yr",
    "MWh",
    "cells/month",
    "cells/week",
    "people",
    "points",
    "t",
    "companies",
    "years",
];

/// What a figure measures; the views look figures up by this.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Specific energy, Wh/kg; needs a [`Level`].
    EnergyDensity,
    /// Pack energy, kWh.
    PackEnergy,
    /// Cell capacity, Ah.
    CellCapacity,
    /// Driving range, km.
    Range,
    /// Charge rate or charge time.
    Charging,
    /// Cycle life.
    Cycles,
    /// Production capacity.
    ProductionCapacity,
    /// Production yield, %.
    Yield,
    /// A temperature (may be negative: dew points).
    Temperature,
    /// Anything else, described by its label.
    Other,
}

/// How a number is qualified in its source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As stated.
    #[default]
    Exact,
    /// "about", "~".
    About,
    /// "more than", ">", "over", "+".
    MoreThan,
    /// "less than", "<", "under".
    LessThan,
    /// "up to".
    UpTo,
    /// "±": a tolerance.
    PlusMinus,
}

/// The level at which an energy density was measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A single cell.
    Cell,
    /// A module of cells.
    Module,
    /// A whole pack.
    Pack,
    /// The source does not say.
    Unstated,
}

impl Level {
    /// "cell or module (sources differ)" where a figure's level is disputed.
    pub fn disputed_label(self, other: Level) -> String {
        format!("{} or {}? (sources differ)", self.label(), other.label())
    }

    /// Reader-facing label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Cell => "cell",
            Self::Module => "module",
            Self::Pack => "pack",
            Self::Unstated => "level not stated",
        }
    }
}

/// Whether a figure is a claim, a demonstrated result or an expectation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// The company says so; not independently shown.
    Claimed,
    /// Shown in a test, sample or demonstration.
    Demonstrated,
    /// In a product customers have.
    InProduct,
    /// An industry expectation or typical value.
    Expected,
}

impl ClaimStatus {
    /// Reader-facing label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Claimed => "company claim",
            Self::Demonstrated => "demonstrated",
            Self::InProduct => "in a shipped product",
            Self::Expected => "expectation",
        }
    }

    /// Whether the figure rests on something shown, not only said.
    pub fn is_shown(self) -> bool {
        matches!(self, Self::Demonstrated | Self::InProduct)
    }
}

/// A number as a source gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// What it measures.
    pub quantity: Quantity,
    /// A short label for readers ("Dew point", "Stack pressure").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The value, or the low end of a range.
    pub value: f64,
    /// The high end of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// How the source qualifies it.
    #[serde(default, skip_serializing_if = "is_exact")]
    pub qualifier: Qualifier,
    /// Unit, one of [`KNOWN_UNITS`].
    pub unit: String,
    /// For energy density: cell, module, pack or unstated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The other level a source gives for the same figure, where the sources
    /// (or one source in two places) disagree: the figure is shown as disputed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disputed_level: Option<Level>,
    /// Claim, result or expectation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<ClaimStatus>,
    /// The chemistry the figure applies to, where an item compares several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chemistry: Option<super::ChemistryId>,
    /// Conditions a reader needs: test cycle, chemistry, comparison.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// True when we computed it from source figures rather than quoting it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
    /// The document (and section) this number comes from. Required where the
    /// item cites more than one document, so a reader can tell who gives which.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<super::Citation>,
}

fn is_exact(q: &Qualifier) -> bool {
    *q == Qualifier::Exact
}

/// Formats a number the way the widget prints figures: narrow no-break space as thousands
/// separators, a true minus sign, no trailing zeros.
pub fn format_number(v: f64) -> String {
    let negative = v < 0.0;
    // Thousandths as an integer: no float formatting code in the wasm.
    // From 10¹⁵ on (no real figure) the whole part is printed in full.
    let (digits, frac) = if v.abs() < 1e15 {
        let thousandths = (v.abs() * 1000.0).round() as u64;
        ((thousandths / 1000).to_string(), thousandths % 1000)
    } else if v.is_finite() {
        (whole_digits(v.abs()), 0)
    } else {
        ((if v.is_nan() { "NaN" } else { "∞" }).to_string(), 0)
    };
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    let n = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(ch);
    }
    if frac > 0 {
        let f = format!(".{frac:03}");
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// The whole part of a finite `x ≥ 1` in decimal digits, exactly: its
/// mantissa doubled once per power of two, on a list of digits (no `u128`
/// formatting in the wasm, and no ceiling at 2¹²⁸).
fn whole_digits(x: f64) -> String {
    let bits = x.to_bits();
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    // x = mantissa × 2^shift
    let shift = ((bits >> 52) & 0x7ff) as i32 - 1075;
    if shift <= 0 {
        return (mantissa >> shift.unsigned_abs().min(63)).to_string();
    }
    // Lowest digit first.
    let mut digits: Vec<u8> = mantissa
        .to_string()
        .bytes()
        .rev()
        .map(|d| d - b'0')
        .collect();
    for _ in 0..shift {
        let mut carry = 0;
        for d in digits.iter_mut() {
            let twice = *d * 2 + carry;
            *d = twice % 10;
            carry = twice / 10;
        }
        if carry > 0 {
            digits.push(carry);
        }
    }
    digits.iter().rev().map(|d| char::from(b'0' + d)).collect()
}

impl Figure {
    /// A plain figure with no level or claim.
    pub fn new(quantity: Quantity, value: f64, unit: &str) -> Self {
        Figure {
            quantity,
            label: None,
            value,
            value_max: None,
            qualifier: Qualifier::Exact,
            unit: unit.to_string(),
            level: None,
            disputed_level: None,
            claim: None,
            chemistry: None,
            context: None,
            derived: false,
            source: None,
        }
    }

    /// The value and unit for readers: "about 2 GWh/yr", "200–300 Wh/kg", "±2 µm".
    pub fn value_label(&self) -> String {
        let number = match self.value_max {
            Some(max) if self.value < 0.0 => {
                format!("{} to {}", format_number(self.value), format_number(max))
            }
            Some(max) => format!("{}–{}", format_number(self.value), format_number(max)),
            None => format_number(self.value),
        };
        let prefix = match self.qualifier {
            Qualifier::Exact => "",
            Qualifier::About => "~",
            Qualifier::MoreThan => ">",
            Qualifier::LessThan => "<",
            Qualifier::UpTo => "up to ",
            Qualifier::PlusMinus => "±",
        };
        let space = match self.unit.as_str() {
            "%" | "×" | "°C" | "C" => "",
            _ => "\u{00A0}",
        };
        format!("{prefix}{number}{space}{}", self.unit)
    }

    /// The top of the figure (for scales): the range's high end or the value.
    pub fn upper(&self) -> f64 {
        self.value_max.unwrap_or(self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_newsroom_prints_them() {
        assert_eq!(format_number(400.0), "400");
        assert_eq!(format_number(1205.0), "1\u{202F}205");
        assert_eq!(format_number(7500.0), "7\u{202F}500");
        assert_eq!(format_number(10000.0), "10\u{202F}000");
        assert_eq!(format_number(-70.0), "−70");
        assert_eq!(format_number(53.95), "53.95");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(2.125), "2.125");
        assert_eq!(
            format_number(1e14),
            "100\u{202F}000\u{202F}000\u{202F}000\u{202F}000"
        );
        assert_eq!(
            format_number(1e15),
            "1\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000"
        );
        assert_eq!(format_number(99.999), "99.999");
        assert_eq!(format_number(0.5), "0.5");
        // Beyond any real figure, still every digit, with no ceiling.
        let thin = |s: &str| s.replace('\u{202F}', "");
        assert_eq!(thin(&format_number(1e20)), "100000000000000000000");
        assert_eq!(thin(&format_number(-2e15 - 2.0)), "−2000000000000002");
        assert_eq!(
            thin(&format_number(2f64.powi(130))),
            "1361129467683753853853498429727072845824"
        );
        assert_eq!(thin(&format_number(f64::MAX)).len(), 309);
        assert_eq!(format_number(f64::INFINITY), "∞");
        assert_eq!(format_number(f64::NAN), "NaN");
    }

    #[test]
    fn value_labels_carry_units_and_qualifiers() {
        let mut f = Figure::new(Quantity::EnergyDensity, 200.0, "Wh/kg");
        f.value_max = Some(300.0);
        assert_eq!(f.value_label(), "200–300\u{A0}Wh/kg");
        let mut g = Figure::new(Quantity::Other, 10.0, "ppm");
        g.qualifier = Qualifier::LessThan;
        assert_eq!(g.value_label(), "<10\u{A0}ppm");
        let t = Figure::new(Quantity::Temperature, -40.0, "°C");
        assert_eq!(t.value_label(), "−40°C");
        let mut r = Figure::new(Quantity::Temperature, -70.0, "°C");
        r.value_max = Some(-60.0);
        assert_eq!(r.value_label(), "−70 to −60°C");
    }
}
