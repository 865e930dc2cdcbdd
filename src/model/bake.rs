//! The dataset as compact bytes: how the built-in data ships in the wasm and
//! how a checked `data-src` dataset reaches it.
//!
//! `build.rs` reads `src/data/solid-state-batteries.json` with this module's
//! own reader, checks it, and writes it baked: every field in declaration
//! order, no names, lengths and small integers as LEB128, figures as the eight
//! bytes of their `f64`, enums as their index (in the order `model::read`
//! names them). The widget unbakes it at
//! start-up with a few straight-line loops, so it carries neither a JSON parser
//! nor the dataset readers and validator (those live in the `data-src` reader,
//! `reader/`, which the page loads only when a widget has a `data-src`).
//!
//! Unbaking never panics: bytes that end early, an unknown enum index, a
//! length larger than what is left or text that is not UTF-8 make
//! [`Dataset::unbake`] return `None`.

use super::date::{DatePrecision, FuzzyDate};
use super::figure::Figure;
use super::*;

/// A type that can be written as bytes and read back.
pub trait Bake: Sized {
    /// Appends `self` to `out`.
    fn put(&self, out: &mut Vec<u8>);
    /// Reads a value; on bad bytes, marks `from` broken and returns a filler.
    fn take(from: &mut Unbaker) -> Self;
}

/// Reads baked bytes front to back and remembers whether they made sense.
pub struct Unbaker<'a> {
    bytes: &'a [u8],
    broken: bool,
}

impl<'a> Unbaker<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Unbaker {
            bytes,
            broken: false,
        }
    }

    fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((&b, rest)) => {
                self.bytes = rest;
                b
            }
            None => {
                self.broken = true;
                0
            }
        }
    }

    /// An unsigned LEB128 number.
    fn number(&mut self) -> u64 {
        let (mut n, mut shift) = (0u64, 0u32);
        loop {
            let b = self.byte();
            if shift < 64 {
                n |= u64::from(b & 0x7f) << shift;
            }
            shift += 7;
            if b & 0x80 == 0 || self.broken {
                return n;
            }
        }
    }

    /// A length: never more than the bytes left, since every baked value
    /// takes at least one byte.
    fn length(&mut self) -> usize {
        let n = self.number();
        if n > self.bytes.len() as u64 {
            self.broken = true;
            return 0;
        }
        n as usize
    }

    fn slice(&mut self, n: usize) -> &'a [u8] {
        if n > self.bytes.len() {
            self.broken = true;
            return &[];
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        head
    }
}

fn put_number(mut n: u64, out: &mut Vec<u8>) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

impl Bake for String {
    fn put(&self, out: &mut Vec<u8>) {
        put_number(self.len() as u64, out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(from: &mut Unbaker) -> Self {
        let n = from.length();
        match std::str::from_utf8(from.slice(n)) {
            Ok(s) => s.to_owned(),
            Err(_) => {
                from.broken = true;
                String::new()
            }
        }
    }
}

impl Bake for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(from: &mut Unbaker) -> Self {
        from.byte() != 0
    }
}

impl Bake for u8 {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn take(from: &mut Unbaker) -> Self {
        from.byte()
    }
}

impl Bake for u32 {
    fn put(&self, out: &mut Vec<u8>) {
        put_number(u64::from(*self), out);
    }
    fn take(from: &mut Unbaker) -> Self {
        u32::try_from(from.number()).unwrap_or_else(|_| {
            from.broken = true;
            0
        })
    }
}

impl Bake for f64 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn take(from: &mut Unbaker) -> Self {
        let mut b = [0u8; 8];
        b.copy_from_slice(from.slice(8).get(..8).unwrap_or(&[0; 8]));
        f64::from_le_bytes(b)
    }
}

impl<T: Bake> Bake for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn take(from: &mut Unbaker) -> Self {
        (from.byte() != 0).then(|| T::take(from))
    }
}

impl<T: Bake> Bake for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        put_number(self.len() as u64, out);
        for v in self {
            v.put(out);
        }
    }
    fn take(from: &mut Unbaker) -> Self {
        let n = from.length();
        // Reserve little: a hostile length may be large (though never more
        // than the bytes left), and real lists are short.
        let mut out = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            if from.broken {
                break;
            }
            out.push(T::take(from));
        }
        out
    }
}

/// An enum without fields as the index of its variant in `values` (the
/// list `model::read` names them in, so one list serves JSON and bytes).
pub(super) fn put_variant<T: PartialEq>(values: &[T], v: &T, out: &mut Vec<u8>) {
    out.push(values.iter().position(|x| x == v).unwrap_or(0) as u8);
}

/// The variant at the index [`put_variant`] wrote.
pub(super) fn take_variant<T: Copy>(values: &[T], from: &mut Unbaker) -> T {
    let i = from.byte() as usize;
    values.get(i).copied().unwrap_or_else(|| {
        from.broken = true;
        values[0]
    })
}

/// A struct as its fields in the order listed; the struct literal in `take`
/// makes leaving a field out a compile error.
macro_rules! bake_struct {
    ($t:ident { $($f:ident),+ $(,)? }) => {
        impl Bake for $t {
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$f.put(out);)+
            }
            fn take(from: &mut Unbaker) -> Self {
                $t { $($f: Bake::take(from)),+ }
            }
        }
    };
}

impl Bake for FuzzyDate {
    fn put(&self, out: &mut Vec<u8>) {
        self.value.put(out);
        self.precision.put(out);
    }
    fn take(from: &mut Unbaker) -> Self {
        let value = String::take(from);
        FuzzyDate::new(&value, DatePrecision::take(from))
    }
}

bake_struct!(Citation { source, section });
bake_struct!(Figure {
    quantity,
    label,
    value,
    value_max,
    qualifier,
    unit,
    level,
    disputed_level,
    claim,
    chemistry,
    context,
    derived,
    source,
});
bake_struct!(Source {
    id,
    short,
    title,
    author,
    published,
    kind,
    file,
    cites,
    note
});
bake_struct!(Chemistry {
    id,
    all_solid,
    also_called,
    electrolytes,
    operating_temperature,
    readiness,
    strengths,
    problems,
    key_players,
    sources,
});
bake_struct!(Milestone {
    id,
    company,
    product,
    chemistry,
    date,
    date_note,
    status,
    summary,
    figures,
    sources,
});
bake_struct!(TrlAssessment {
    id,
    subject,
    chemistry,
    trl_min,
    trl_max,
    as_of,
    basis,
    sources
});
bake_struct!(ProductionLine {
    id,
    company,
    location,
    chemistry,
    status,
    since,
    listed_as_of,
    figures,
    note,
    sources,
});
bake_struct!(SeverityRating {
    chemistry,
    severity,
    basis
});
bake_struct!(Hurdle {
    id,
    name,
    summary,
    severity,
    figures,
    sources
});
bake_struct!(ReferenceLevel {
    id,
    label,
    figure,
    sources
});
bake_struct!(CostPoint {
    date,
    figure,
    sources
});
bake_struct!(PolicyItem {
    id,
    kind,
    title,
    by,
    date,
    text,
    figures,
    sources
});
bake_struct!(Outlook {
    id,
    kind,
    period,
    by,
    chemistry,
    text,
    figures,
    sources
});
bake_struct!(ConflictClaim { says, source });
bake_struct!(Conflict {
    id,
    topic,
    kind,
    about,
    claims,
    note
});
bake_struct!(Dataset {
    json_schema,
    schema_version,
    title,
    updated,
    sources,
    chemistries,
    milestones,
    readiness,
    production_lines,
    hurdles,
    references,
    cost_history,
    policy,
    outlook,
    conflicts,
});

impl Dataset {
    /// The dataset as bytes for [`Dataset::unbake`].
    pub fn bake(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 * 1024);
        self.put(&mut out);
        out
    }

    /// A dataset from [`Dataset::bake`]'s bytes, or `None` when they are not
    /// one whole baked dataset. Checks nothing else: only checked datasets
    /// are baked.
    pub fn unbake(bytes: &[u8]) -> Option<Dataset> {
        let mut from = Unbaker::new(bytes);
        let data = Dataset::take(&mut from);
        (!from.broken && from.bytes.is_empty()).then_some(data)
    }

    /// What the `data-src` reader does with a fetched text: read and check
    /// it, and bake it for the widget, or give the sentence that says what
    /// is wrong (it follows the file's URL in the widget's message).
    pub fn read_for_widget(text: &str) -> Result<Vec<u8>, String> {
        Dataset::from_json(text)
            .map(|d| d.bake())
            .map_err(|e| e.sentence())
    }
}

#[cfg(all(test, ssb_built_in))]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_dataset_unbakes_to_what_its_json_says() {
        let from_json = Dataset::from_json(BUILT_IN_JSON).unwrap();
        let baked = from_json.bake();
        assert_eq!(Dataset::unbake(&baked).as_ref(), Some(&from_json));
        assert_eq!(Dataset::built_in(), from_json);
        assert!(
            baked.len() < BUILT_IN_JSON.len(),
            "{} bytes baked",
            baked.len()
        );
    }

    #[test]
    fn every_cut_of_the_baked_dataset_is_refused() {
        let baked = Dataset::built_in().bake();
        for end in (0..baked.len()).step_by(97) {
            assert_eq!(Dataset::unbake(&baked[..end]), None, "cut at {end}");
        }
        let mut longer = baked.clone();
        longer.push(0);
        assert_eq!(Dataset::unbake(&longer), None);
    }

    #[test]
    fn flipped_bytes_never_panic() {
        let baked = Dataset::built_in().bake();
        for (i, step) in (0..baked.len())
            .step_by(13)
            .zip([0x80u8, 0xff, 0x01, 0x7f].iter().cycle())
        {
            let mut bad = baked.clone();
            bad[i] ^= step;
            let _ = Dataset::unbake(&bad);
        }
        assert_eq!(Dataset::unbake(&[0xff; 64]), None);
        assert_eq!(Dataset::unbake(&[]), None);
    }

    #[test]
    fn the_reader_bakes_a_good_file_and_words_a_bad_one() {
        let baked = Dataset::read_for_widget(BUILT_IN_JSON).unwrap();
        assert_eq!(Dataset::unbake(&baked), Some(Dataset::built_in()));
        let e = Dataset::read_for_widget("{ not json").unwrap_err();
        assert!(e.starts_with("is not a valid dataset: at $: "), "{e}");
        let e = Dataset::read_for_widget(
            &BUILT_IN_JSON.replace("\"schema_version\":1", "\"schema_version\":9"),
        )
        .unwrap_err();
        assert!(e.starts_with("has 1 problem(s): "), "{e}");
    }
}
