//! The dataset's types read from a [`Json`] tree by hand: one short function
//! per type instead of serde's derived deserializers, which cost the wasm
//! about 70 KB. Messages follow serde's wording ("missing field `updated`",
//! "unknown variant `rumoured`, expected one of …"), every error carries its
//! JSON path, and `tests/dataset.rs` checks that these readers and the serde
//! derives (kept for native tools) agree on the built-in dataset and on
//! thousands of mutated ones.

use super::date::{DatePrecision, FuzzyDate};
use super::figure::{ClaimStatus, Figure, Level, Qualifier, Quantity};
use super::json::{Json, ShapeError};
use super::*;

type R<T> = Result<T, ShapeError>;

/// A type the dataset reader can build from JSON.
pub trait FromJson: Sized {
    /// Reads `j`, or says what is wrong (the caller adds where).
    fn from_json(j: &Json) -> R<Self>;
}

/// What a value is, in serde's words ("integer `5`", "map").
fn unexpected(j: &Json) -> String {
    match j {
        Json::Null => "null".into(),
        Json::Bool(b) => format!("boolean `{b}`"),
        Json::Int(n) => format!("integer `{n}`"),
        // Written from integer thousandths: no float formatting in the wasm.
        Json::Float(f) => format!("floating point `{}`", super::format_number(*f)),
        Json::Str(s) => format!("string {s:?}"),
        Json::Arr(_) => "sequence".into(),
        Json::Obj(_) => "map".into(),
    }
}

fn invalid_type(j: &Json, expected: &str) -> ShapeError {
    ShapeError::new(format!(
        "invalid type: {}, expected {expected}",
        unexpected(j)
    ))
}

/// "`a`", "`a` or `b`", "one of `a`, `b`, `c`" — serde's way of listing names.
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.len() {
        0 => "nothing".into(),
        1 => quoted[0].clone(),
        2 => format!("{} or {}", quoted[0], quoted[1]),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

impl FromJson for String {
    fn from_json(j: &Json) -> R<Self> {
        match j {
            Json::Str(s) => Ok(s.clone()),
            _ => Err(invalid_type(j, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(j: &Json) -> R<Self> {
        match j {
            Json::Bool(b) => Ok(*b),
            _ => Err(invalid_type(j, "a boolean")),
        }
    }
}

impl FromJson for f64 {
    fn from_json(j: &Json) -> R<Self> {
        match j {
            Json::Int(n) => Ok(*n as f64),
            Json::Float(f) => Ok(*f),
            _ => Err(invalid_type(j, "f64")),
        }
    }
}

/// An integer in `0..=max`, or serde's message naming `ty`.
fn unsigned(j: &Json, max: u64, ty: &str) -> R<u64> {
    match j {
        Json::Int(n) if *n >= 0 && (*n as u64) <= max => Ok(*n as u64),
        Json::Int(_) => Err(ShapeError::new(format!(
            "invalid value: {}, expected {ty}",
            unexpected(j)
        ))),
        _ => Err(invalid_type(j, ty)),
    }
}

impl FromJson for u8 {
    fn from_json(j: &Json) -> R<Self> {
        unsigned(j, u8::MAX as u64, "u8").map(|n| n as u8)
    }
}

impl FromJson for u32 {
    fn from_json(j: &Json) -> R<Self> {
        unsigned(j, u32::MAX as u64, "u32").map(|n| n as u32)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(j: &Json) -> R<Self> {
        let Json::Arr(items) = j else {
            return Err(invalid_type(j, "a sequence"));
        };
        // A plain loop: `collect::<Result<Vec<_>, _>>()` costs an iterator
        // adapter per element type in the wasm.
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            out.push(T::from_json(v).map_err(|e| e.in_item(i))?);
        }
        Ok(out)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(j: &Json) -> R<Self> {
        match j {
            Json::Null => Ok(None),
            _ => T::from_json(j).map(Some),
        }
    }
}

/// The index of `j`'s name in `names`, for an enum written as a string.
fn variant(j: &Json, names: &[&str]) -> R<usize> {
    match j {
        Json::Str(s) => names.iter().position(|n| n == s).ok_or_else(|| {
            ShapeError::new(format!("unknown variant `{s}`, expected {}", one_of(names)))
        }),
        _ => Err(invalid_type(j, "a string naming a variant")),
    }
}

/// An enum's JSON names, once, for the reader and for the baked bytes
/// (`model::bake`), which store a variant as its index in this list.
macro_rules! json_enum {
    ($t:ty { $($name:literal => $v:ident),+ $(,)? }) => {
        impl FromJson for $t {
            fn from_json(j: &Json) -> R<Self> {
                const VALUES: &[$t] = &[$(<$t>::$v),+];
                variant(j, &[$($name),+]).map(|i| VALUES[i])
            }
        }
        impl super::bake::Bake for $t {
            fn put(&self, out: &mut Vec<u8>) {
                super::bake::put_variant(&[$(<$t>::$v),+], self, out)
            }
            fn take(from: &mut super::bake::Unbaker) -> Self {
                super::bake::take_variant(&[$(<$t>::$v),+], from)
            }
        }
    };
}

json_enum!(ChemistryId { "liquid" => Liquid, "semi-solid" => SemiSolid, "sulfide" => Sulfide,
    "oxide" => Oxide, "polymer" => Polymer, "all-solid" => AllSolid });
json_enum!(Status { "shipped" => Shipped, "pilot_line" => PilotLine, "samples" => Samples,
    "demonstration" => Demonstration, "announced" => Announced, "target" => Target });
json_enum!(LineStatus { "operational" => Operational, "pilot" => Pilot,
    "demonstration" => Demonstration, "planned" => Planned });
json_enum!(Severity { "not_applicable" => NotApplicable, "low" => Low, "moderate" => Moderate,
    "severe" => Severe });
json_enum!(PolicyKind { "naming" => Naming, "standard" => Standard, "market" => Market,
    "supply_chain" => SupplyChain });
json_enum!(OutlookKind { "forecast" => Forecast, "watch" => Watch, "background" => Background });
json_enum!(ConflictKind { "date" => Date, "status" => Status, "level" => Level,
    "figure" => Figure, "definition" => Definition, "readiness" => Readiness });
json_enum!(Quantity { "energy_density" => EnergyDensity, "pack_energy" => PackEnergy,
    "cell_capacity" => CellCapacity, "range" => Range, "charging" => Charging,
    "cycles" => Cycles, "production_capacity" => ProductionCapacity, "yield" => Yield,
    "temperature" => Temperature, "other" => Other });
json_enum!(Qualifier { "exact" => Exact, "about" => About, "more_than" => MoreThan,
    "less_than" => LessThan, "up_to" => UpTo, "plus_minus" => PlusMinus });
json_enum!(Level { "cell" => Cell, "module" => Module, "pack" => Pack, "unstated" => Unstated });
json_enum!(ClaimStatus { "claimed" => Claimed, "demonstrated" => Demonstrated,
    "in_product" => InProduct, "expected" => Expected });
json_enum!(DatePrecision { "day" => Day, "month" => Month, "quarter" => Quarter, "half" => Half,
    "part_of_year" => PartOfYear, "year" => Year, "fiscal_year" => FiscalYear,
    "range" => Range });

/// An object's members, checked against the names its type knows.
struct Fields<'a> {
    members: &'a [(String, Json)],
}

impl<'a> Fields<'a> {
    /// `j` as an object of a type called `name` with these `known` members:
    /// anything else, or a member given twice, is an error.
    fn of(j: &'a Json, name: &str, known: &[&str]) -> R<Self> {
        let Json::Obj(members) = j else {
            return Err(invalid_type(j, &format!("struct {name}")));
        };
        for (i, (k, _)) in members.iter().enumerate() {
            if !known.contains(&k.as_str()) {
                return Err(ShapeError::new(format!(
                    "unknown field `{k}`, expected {}",
                    one_of(known)
                )));
            }
            if members[..i].iter().any(|(earlier, _)| earlier == k) {
                return Err(ShapeError::new(format!("duplicate field `{k}`")));
            }
        }
        Ok(Fields { members })
    }

    fn get(&self, key: &str) -> Option<&'a Json> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A member that must be there.
    #[inline(never)]
    fn req<T: FromJson>(&self, key: &str) -> R<T> {
        match self.get(key) {
            Some(v) => T::from_json(v).map_err(|e| e.in_key(key)),
            None => Err(ShapeError::new(format!("missing field `{key}`"))),
        }
    }

    /// A member that may be left out (or `null`).
    #[inline(never)]
    fn opt<T: FromJson>(&self, key: &str) -> R<Option<T>> {
        match self.get(key) {
            Some(v) => Option::<T>::from_json(v).map_err(|e| e.in_key(key)),
            None => Ok(None),
        }
    }

    /// A member that takes its default when left out.
    #[inline(never)]
    fn or_default<T: FromJson + Default>(&self, key: &str) -> R<T> {
        match self.get(key) {
            Some(v) => T::from_json(v).map_err(|e| e.in_key(key)),
            None => Ok(T::default()),
        }
    }
}

impl FromJson for FuzzyDate {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(j, "FuzzyDate", &["value", "precision"])?;
        Ok(FuzzyDate::new(
            &f.req::<String>("value")?,
            f.req("precision")?,
        ))
    }
}

impl FromJson for Citation {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(j, "Citation", &["source", "section"])?;
        Ok(Citation {
            source: f.req("source")?,
            section: f.opt("section")?,
        })
    }
}

impl FromJson for Figure {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "Figure",
            &[
                "quantity",
                "label",
                "value",
                "value_max",
                "qualifier",
                "unit",
                "level",
                "disputed_level",
                "claim",
                "chemistry",
                "context",
                "derived",
                "source",
            ],
        )?;
        Ok(Figure {
            quantity: f.req("quantity")?,
            label: f.opt("label")?,
            value: f.req("value")?,
            value_max: f.opt("value_max")?,
            qualifier: f.or_default("qualifier")?,
            unit: f.req("unit")?,
            level: f.opt("level")?,
            disputed_level: f.opt("disputed_level")?,
            claim: f.opt("claim")?,
            chemistry: f.opt("chemistry")?,
            context: f.opt("context")?,
            derived: f.or_default("derived")?,
            source: f.opt("source")?,
        })
    }
}

impl FromJson for Source {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "Source",
            &[
                "id",
                "short",
                "title",
                "author",
                "published",
                "kind",
                "file",
                "cites",
                "note",
            ],
        )?;
        Ok(Source {
            id: f.req("id")?,
            short: f.req("short")?,
            title: f.req("title")?,
            author: f.req("author")?,
            published: f.req("published")?,
            kind: f.req("kind")?,
            file: f.req("file")?,
            cites: f.or_default("cites")?,
            note: f.opt("note")?,
        })
    }
}

impl FromJson for Chemistry {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "Chemistry",
            &[
                "id",
                "all_solid",
                "also_called",
                "electrolytes",
                "operating_temperature",
                "readiness",
                "strengths",
                "problems",
                "key_players",
                "sources",
            ],
        )?;
        Ok(Chemistry {
            id: f.req("id")?,
            all_solid: f.req("all_solid")?,
            also_called: f.or_default("also_called")?,
            electrolytes: f.or_default("electrolytes")?,
            operating_temperature: f.opt("operating_temperature")?,
            readiness: f.req("readiness")?,
            strengths: f.req("strengths")?,
            problems: f.req("problems")?,
            key_players: f.req("key_players")?,
            sources: f.req("sources")?,
        })
    }
}

impl FromJson for Milestone {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "Milestone",
            &[
                "id",
                "company",
                "product",
                "chemistry",
                "date",
                "date_note",
                "status",
                "summary",
                "figures",
                "sources",
            ],
        )?;
        Ok(Milestone {
            id: f.req("id")?,
            company: f.req("company")?,
            product: f.req("product")?,
            chemistry: f.req("chemistry")?,
            date: f.req("date")?,
            date_note: f.opt("date_note")?,
            status: f.req("status")?,
            summary: f.req("summary")?,
            figures: f.or_default("figures")?,
            sources: f.req("sources")?,
        })
    }
}

impl FromJson for TrlAssessment {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "TrlAssessment",
            &[
                "id",
                "subject",
                "chemistry",
                "trl_min",
                "trl_max",
                "as_of",
                "basis",
                "sources",
            ],
        )?;
        Ok(TrlAssessment {
            id: f.req("id")?,
            subject: f.req("subject")?,
            chemistry: f.opt("chemistry")?,
            trl_min: f.req("trl_min")?,
            trl_max: f.req("trl_max")?,
            as_of: f.req("as_of")?,
            basis: f.req("basis")?,
            sources: f.req("sources")?,
        })
    }
}

impl FromJson for ProductionLine {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "ProductionLine",
            &[
                "id",
                "company",
                "location",
                "chemistry",
                "status",
                "since",
                "listed_as_of",
                "figures",
                "note",
                "sources",
            ],
        )?;
        Ok(ProductionLine {
            id: f.req("id")?,
            company: f.req("company")?,
            location: f.opt("location")?,
            chemistry: f.req("chemistry")?,
            status: f.req("status")?,
            since: f.opt("since")?,
            listed_as_of: f.opt("listed_as_of")?,
            figures: f.or_default("figures")?,
            note: f.req("note")?,
            sources: f.req("sources")?,
        })
    }
}

impl FromJson for SeverityRating {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(j, "SeverityRating", &["chemistry", "severity", "basis"])?;
        Ok(SeverityRating {
            chemistry: f.req("chemistry")?,
            severity: f.req("severity")?,
            basis: f.req("basis")?,
        })
    }
}

impl FromJson for Hurdle {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "Hurdle",
            &["id", "name", "summary", "severity", "figures", "sources"],
        )?;
        Ok(Hurdle {
            id: f.req("id")?,
            name: f.req("name")?,
            summary: f.req("summary")?,
            severity: f.req("severity")?,
            figures: f.or_default("figures")?,
            sources: f.req("sources")?,
        })
    }
}

impl FromJson for ReferenceLevel {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(j, "ReferenceLevel", &["id", "label", "figure", "sources"])?;
        Ok(ReferenceLevel {
            id: f.req("id")?,
            label: f.req("label")?,
            figure: f.req("figure")?,
            sources: f.req("sources")?,
        })
    }
}

impl FromJson for CostPoint {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(j, "CostPoint", &["date", "figure", "sources"])?;
        Ok(CostPoint {
            date: f.req("date")?,
            figure: f.req("figure")?,
            sources: f.req("sources")?,
        })
    }
}

impl FromJson for PolicyItem {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "PolicyItem",
            &[
                "id", "kind", "title", "by", "date", "text", "figures", "sources",
            ],
        )?;
        Ok(PolicyItem {
            id: f.req("id")?,
            kind: f.req("kind")?,
            title: f.req("title")?,
            by: f.opt("by")?,
            date: f.opt("date")?,
            text: f.req("text")?,
            figures: f.or_default("figures")?,
            sources: f.req("sources")?,
        })
    }
}

impl FromJson for Outlook {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "Outlook",
            &[
                "id",
                "kind",
                "period",
                "by",
                "chemistry",
                "text",
                "figures",
                "sources",
            ],
        )?;
        Ok(Outlook {
            id: f.req("id")?,
            kind: f.req("kind")?,
            period: f.opt("period")?,
            by: f.req("by")?,
            chemistry: f.opt("chemistry")?,
            text: f.req("text")?,
            figures: f.or_default("figures")?,
            sources: f.req("sources")?,
        })
    }
}

impl FromJson for ConflictClaim {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(j, "ConflictClaim", &["says", "source"])?;
        Ok(ConflictClaim {
            says: f.req("says")?,
            source: f.req("source")?,
        })
    }
}

impl FromJson for Conflict {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "Conflict",
            &["id", "topic", "kind", "about", "claims", "note"],
        )?;
        Ok(Conflict {
            id: f.req("id")?,
            topic: f.req("topic")?,
            kind: f.req("kind")?,
            about: f.req("about")?,
            claims: f.req("claims")?,
            note: f.opt("note")?,
        })
    }
}

impl FromJson for Dataset {
    fn from_json(j: &Json) -> R<Self> {
        let f = Fields::of(
            j,
            "Dataset",
            &[
                "$schema",
                "schema_version",
                "title",
                "updated",
                "sources",
                "chemistries",
                "milestones",
                "readiness",
                "production_lines",
                "hurdles",
                "references",
                "cost_history",
                "policy",
                "outlook",
                "conflicts",
            ],
        )?;
        Ok(Dataset {
            json_schema: f.opt("$schema")?,
            schema_version: f.req("schema_version")?,
            title: f.req("title")?,
            updated: f.req("updated")?,
            sources: f.req("sources")?,
            chemistries: f.req("chemistries")?,
            milestones: f.req("milestones")?,
            readiness: f.req("readiness")?,
            production_lines: f.req("production_lines")?,
            hurdles: f.req("hurdles")?,
            references: f.req("references")?,
            cost_history: f.req("cost_history")?,
            policy: f.req("policy")?,
            outlook: f.or_default("outlook")?,
            conflicts: f.req("conflicts")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::parse;

    fn read<T: FromJson>(text: &str) -> R<T> {
        T::from_json(&parse(text).unwrap())
    }

    fn fails<T: FromJson + std::fmt::Debug>(text: &str) -> (String, String) {
        let e = read::<T>(text).unwrap_err();
        (e.path(), e.message)
    }

    #[test]
    fn errors_say_what_and_where_in_serde_words() {
        let (p, m) = fails::<Vec<Citation>>(r#"[{"source": "a"}, {"source": 5}]"#);
        assert_eq!(
            (p.as_str(), m.as_str()),
            (
                "$[1].source",
                "invalid type: integer `5`, expected a string"
            )
        );
        let (p, m) = fails::<Citation>(r#"{"section": "x"}"#);
        assert_eq!((p.as_str(), m.as_str()), ("$", "missing field `source`"));
        let (p, m) = fails::<Citation>(r#"{"source": "a", "extra": 1}"#);
        assert_eq!(
            (p.as_str(), m.as_str()),
            ("$", "unknown field `extra`, expected `source` or `section`")
        );
        let (_, m) = fails::<Citation>(r#"{"source": "a", "source": "b"}"#);
        assert_eq!(m, "duplicate field `source`");
        let (_, m) = fails::<Status>(r#""rumoured""#);
        assert!(
            m.starts_with("unknown variant `rumoured`, expected one of `shipped`, `pilot_line`"),
            "{m}"
        );
        let (_, m) = fails::<u8>("300");
        assert_eq!(m, "invalid value: integer `300`, expected u8");
        let (_, m) = fails::<u8>("1.5");
        assert_eq!(m, "invalid type: floating point `1.5`, expected u8");
        let (_, m) = fails::<Vec<String>>("{}");
        assert_eq!(m, "invalid type: map, expected a sequence");
        let (_, m) = fails::<String>("null");
        assert_eq!(m, "invalid type: null, expected a string");
        assert_eq!(read::<Option<String>>("null").unwrap(), None);
        assert_eq!(read::<f64>("3").unwrap(), 3.0);
    }
}
