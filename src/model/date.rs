//! Dates at the precision the sources give them: "Dec 2025", "Q3 2025",
//! "late 2025", "FY2028", "2027–2028".
//!
//! A [`FuzzyDate`] never pretends to be more precise than its source. It knows
//! the span of time it covers (as fractional years) so that views can place it
//! and decide whether it had happened "as of the end of" a year.

use serde::{Deserialize, Serialize};

/// How precisely a source dates an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// `YYYY-MM-DD`
    Day,
    /// `YYYY-MM`
    Month,
    /// `YYYY-Qn`
    Quarter,
    /// `YYYY-Hn`
    Half,
    /// `early YYYY`, `mid YYYY` or `late YYYY`
    PartOfYear,
    /// `YYYY`
    Year,
    /// `FYYYYY` — a company's fiscal year, which need not match the calendar
    FiscalYear,
    /// `YYYY/YYYY` or `FYYYYY/FYYYYY` — a window between two years
    Range,
}

impl DatePrecision {
    /// The name used in the dataset's JSON (`"part_of_year"`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Half => "half",
            Self::PartOfYear => "part_of_year",
            Self::Year => "year",
            Self::FiscalYear => "fiscal_year",
            Self::Range => "range",
        }
    }

    /// Reader-facing name of the precision.
    pub fn label(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Half => "half-year",
            Self::PartOfYear => "part of a year",
            Self::Year => "year",
            Self::FiscalYear => "fiscal year",
            Self::Range => "range of years",
        }
    }

    /// The format a value of this precision must have, for error messages.
    pub fn expected_format(self) -> &'static str {
        match self {
            Self::Day => "YYYY-MM-DD, e.g. 2025-04-09",
            Self::Month => "YYYY-MM, e.g. 2025-12",
            Self::Quarter => "YYYY-Qn, e.g. 2025-Q3",
            Self::Half => "YYYY-Hn, e.g. 2026-H1",
            Self::PartOfYear => "early|mid|late YYYY, e.g. late 2025",
            Self::Year => "YYYY, e.g. 2027",
            Self::FiscalYear => "FYYYYY, e.g. FY2028",
            Self::Range => "YYYY/YYYY or FYYYYY/FYYYYY, e.g. 2027/2028",
        }
    }
}

/// A date as a source gives it: the text value and its precision.
///
/// The parsed form is worked out once, on first use, and kept: charts ask for
/// spans and labels on every interaction. Build dates with [`FuzzyDate::new`] or
/// deserialize them; the fields are read-only after that.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FuzzyDate {
    /// The date in the format its precision requires (see [`DatePrecision`]).
    pub value: String,
    /// How precise the source is.
    pub precision: DatePrecision,
    #[serde(skip)]
    parsed: std::sync::OnceLock<Option<Parsed>>,
}

impl PartialEq for FuzzyDate {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.precision == other.precision
    }
}

/// The span of time a date covers, in fractional years (`2025.0` is 1 January 2025).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YearSpan {
    /// Inclusive start.
    pub start: f64,
    /// Exclusive end.
    pub end: f64,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn parse_year(s: &str) -> Option<i32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn parse_num(s: &str, len: usize, min: u32, max: u32) -> Option<u32> {
    if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = s.parse().ok()?;
    (min..=max).contains(&n).then_some(n)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A parsed date: where it starts and ends, and how to print it.
#[derive(Clone, Debug, PartialEq)]
struct Parsed {
    span: YearSpan,
    label: String,
}

fn parse(value: &str, precision: DatePrecision) -> Option<Parsed> {
    let v = value.trim();
    let y = |y: i32| y as f64;
    match precision {
        DatePrecision::Day => {
            let mut it = v.split('-');
            let year = parse_year(it.next()?)?;
            let month = parse_num(it.next()?, 2, 1, 12)?;
            let day = parse_num(it.next()?, 2, 1, days_in_month(year, month))?;
            if it.next().is_some() {
                return None;
            }
            let start = y(year) + (month - 1) as f64 / 12.0 + (day - 1) as f64 / 365.0;
            Some(Parsed {
                span: YearSpan {
                    start,
                    end: start + 1.0 / 365.0,
                },
                label: format!("{day} {} {year}", MONTHS[(month - 1) as usize]),
            })
        }
        DatePrecision::Month => {
            let (ys, ms) = v.split_once('-')?;
            let year = parse_year(ys)?;
            let month = parse_num(ms, 2, 1, 12)?;
            let start = y(year) + (month - 1) as f64 / 12.0;
            Some(Parsed {
                span: YearSpan {
                    start,
                    end: start + 1.0 / 12.0,
                },
                label: format!("{} {year}", MONTHS[(month - 1) as usize]),
            })
        }
        DatePrecision::Quarter | DatePrecision::Half => {
            let (ys, part) = v.split_once('-')?;
            let year = parse_year(ys)?;
            let (letter, parts) = if precision == DatePrecision::Quarter {
                ('Q', 4)
            } else {
                ('H', 2)
            };
            let n = part.strip_prefix(letter)?;
            let n = parse_num(n, 1, 1, parts)?;
            let len = 1.0 / parts as f64;
            let start = y(year) + (n - 1) as f64 * len;
            Some(Parsed {
                span: YearSpan {
                    start,
                    end: start + len,
                },
                label: format!("{letter}{n} {year}"),
            })
        }
        DatePrecision::PartOfYear => {
            let (part, ys) = v.split_once(' ')?;
            let year = parse_year(ys)?;
            let index = ["early", "mid", "late"].iter().position(|p| *p == part)?;
            let start = y(year) + index as f64 / 3.0;
            Some(Parsed {
                span: YearSpan {
                    start,
                    end: start + 1.0 / 3.0,
                },
                label: format!("{part} {year}"),
            })
        }
        DatePrecision::Year => {
            let year = parse_year(v)?;
            Some(Parsed {
                span: YearSpan {
                    start: y(year),
                    end: y(year) + 1.0,
                },
                label: year.to_string(),
            })
        }
        DatePrecision::FiscalYear => {
            let year = parse_year(v.strip_prefix("FY")?)?;
            Some(Parsed {
                span: YearSpan {
                    start: y(year),
                    end: y(year) + 1.0,
                },
                label: format!("FY{year}"),
            })
        }
        DatePrecision::Range => {
            let (a, b) = v.split_once('/')?;
            let fiscal = a.starts_with("FY");
            fn strip(s: &str, fiscal: bool) -> Option<&str> {
                if fiscal {
                    s.strip_prefix("FY")
                } else {
                    Some(s)
                }
            }
            let from = parse_year(strip(a, fiscal)?)?;
            let to = parse_year(strip(b, fiscal)?)?;
            if to <= from {
                return None;
            }
            let prefix = if fiscal { "FY" } else { "" };
            Some(Parsed {
                span: YearSpan {
                    start: y(from),
                    end: y(to) + 1.0,
                },
                label: format!("{prefix}{from}–{to}"),
            })
        }
    }
}

impl FuzzyDate {
    /// Builds a date; check it with [`FuzzyDate::is_valid`].
    pub fn new(value: &str, precision: DatePrecision) -> Self {
        Self {
            value: value.to_string(),
            precision,
            parsed: Default::default(),
        }
    }

    fn parsed(&self) -> Option<&Parsed> {
        self.parsed
            .get_or_init(|| parse(&self.value, self.precision))
            .as_ref()
    }

    /// Whether the value has the format its precision requires.
    pub fn is_valid(&self) -> bool {
        self.parsed().is_some()
    }

    /// The span of time the date covers; `None` if the value is malformed.
    pub fn span(&self) -> Option<YearSpan> {
        self.parsed().map(|p| p.span)
    }

    /// The first calendar year the date touches.
    pub fn first_year(&self) -> Option<i32> {
        self.span().map(|s| s.start.floor() as i32)
    }

    /// Whether the date has begun by the end of `year` (the widget's "as of").
    pub fn started_by_end_of(&self, year: i32) -> bool {
        self.span().is_some_and(|s| s.start < (year + 1) as f64)
    }

    /// The date for readers, at its precision: "Dec 2025", "Q3 2025", "FY2028–2029".
    pub fn label(&self) -> String {
        self.parsed()
            .map(|p| p.label.clone())
            .unwrap_or_else(|| self.value.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: &str, p: DatePrecision) -> FuzzyDate {
        FuzzyDate::new(v, p)
    }

    // serde_json is a native-only dependency.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn precision_names_are_the_json_names() {
        use DatePrecision::*;
        for p in [
            Day, Month, Quarter, Half, PartOfYear, Year, FiscalYear, Range,
        ] {
            assert_eq!(serde_json::to_value(p).unwrap(), p.name());
        }
    }

    #[test]
    fn a_parsed_date_equals_an_unparsed_one_and_keeps_its_answers() {
        let a = d("2025-12", DatePrecision::Month);
        let b = a.clone();
        assert_eq!(a.label(), "Dec 2025");
        assert_eq!(a, b);
        assert_eq!(a.span(), b.span());
        assert_eq!(a.label(), b.label());
        assert_ne!(a, d("2025-11", DatePrecision::Month));
    }

    #[test]
    fn labels_keep_the_source_precision() {
        assert_eq!(d("2025-12", DatePrecision::Month).label(), "Dec 2025");
        assert_eq!(d("2025-Q3", DatePrecision::Quarter).label(), "Q3 2025");
        assert_eq!(d("2026-H1", DatePrecision::Half).label(), "H1 2026");
        assert_eq!(
            d("late 2025", DatePrecision::PartOfYear).label(),
            "late 2025"
        );
        assert_eq!(d("FY2028", DatePrecision::FiscalYear).label(), "FY2028");
        assert_eq!(
            d("FY2028/FY2029", DatePrecision::Range).label(),
            "FY2028–2029"
        );
        assert_eq!(d("2027/2028", DatePrecision::Range).label(), "2027–2028");
        assert_eq!(d("2025-04-09", DatePrecision::Day).label(), "9 Apr 2025");
    }

    #[test]
    fn values_must_match_their_precision() {
        assert!(!d("2025-12", DatePrecision::Quarter).is_valid());
        assert!(!d("2025-13", DatePrecision::Month).is_valid());
        assert!(!d("2025-Q5", DatePrecision::Quarter).is_valid());
        assert!(!d("2025-02-30", DatePrecision::Day).is_valid());
        assert!(!d("2028/2027", DatePrecision::Range).is_valid());
        assert!(!d("soon", DatePrecision::Year).is_valid());
        assert!(d("2024-02-29", DatePrecision::Day).is_valid());
    }

    #[test]
    fn as_of_end_of_year() {
        let dec25 = d("2025-12", DatePrecision::Month);
        assert!(!dec25.started_by_end_of(2024));
        assert!(dec25.started_by_end_of(2025));
        let range = d("2027/2028", DatePrecision::Range);
        assert!(!range.started_by_end_of(2026));
        assert!(range.started_by_end_of(2027));
        let span = range.span().unwrap();
        assert_eq!((span.start, span.end), (2027.0, 2029.0));
    }
}
