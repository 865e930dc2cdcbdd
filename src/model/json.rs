//! A small JSON reader for datasets: text to a [`Json`] tree, and the error
//! type that carries a JSON path (`$.milestones[3].status`) for the readers in
//! [`super::read`], which build the model from the tree.
//!
//! It replaces serde_json and serde's derived deserializers in the widget: the
//! dataset is one document of known, modest size (2 MiB at most), so a tree
//! and hand-written readers are all it needs — a fraction of the code the
//! derives generate.

use std::fmt;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number written without a fraction or exponent that fits an `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, its members in the order written.
    Obj(Vec<(String, Json)>),
}

/// Why a text is not JSON, and where (a byte offset).
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// The byte offset of the problem.
    pub offset: usize,
    /// What is wrong ("expected `,` or `}`").
    pub message: &'static str,
}

/// How deep arrays and objects may nest (a dataset needs five levels).
const MAX_DEPTH: usize = 64;

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
}

impl Reader<'_> {
    fn fail<T>(&self, message: &'static str) -> Result<T, SyntaxError> {
        Err(SyntaxError {
            offset: self.i,
            message,
        })
    }

    fn space(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.space();
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn word(&mut self, w: &[u8], v: Json) -> Result<Json, SyntaxError> {
        if self.b[self.i..].starts_with(w) {
            self.i += w.len();
            Ok(v)
        } else {
            self.fail("expected a value")
        }
    }

    fn value(&mut self) -> Result<Json, SyntaxError> {
        self.space();
        match self.b.get(self.i) {
            None => self.fail("the text ends where a value should be"),
            Some(b'n') => self.word(b"null", Json::Null),
            Some(b't') => self.word(b"true", Json::Bool(true)),
            Some(b'f') => self.word(b"false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'[') => self.nested(|r| {
                let mut items = Vec::new();
                if r.eat(b']') {
                    return Ok(Json::Arr(items));
                }
                loop {
                    items.push(r.value()?);
                    if r.eat(b']') {
                        return Ok(Json::Arr(items));
                    }
                    if !r.eat(b',') {
                        return r.fail("expected `,` or `]`");
                    }
                }
            }),
            Some(b'{') => self.nested(|r| {
                let mut members = Vec::new();
                if r.eat(b'}') {
                    return Ok(Json::Obj(members));
                }
                loop {
                    r.space();
                    if r.b.get(r.i) != Some(&b'"') {
                        return r.fail("expected a key in double quotes");
                    }
                    let key = r.string()?;
                    if !r.eat(b':') {
                        return r.fail("expected `:`");
                    }
                    members.push((key, r.value()?));
                    if r.eat(b'}') {
                        return Ok(Json::Obj(members));
                    }
                    if !r.eat(b',') {
                        return r.fail("expected `,` or `}`");
                    }
                }
            }),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => self.fail("expected a value"),
        }
    }

    fn nested(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<Json, SyntaxError>,
    ) -> Result<Json, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.i += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn number(&mut self) -> Result<Json, SyntaxError> {
        let start = self.i;
        let digits = |r: &mut Self| {
            let from = r.i;
            while r.i < r.b.len() && r.b[r.i].is_ascii_digit() {
                r.i += 1;
            }
            r.i > from
        };
        if self.b[self.i] == b'-' {
            self.i += 1;
        }
        let int_start = self.i;
        if !digits(self) {
            return self.fail("expected digits");
        }
        if self.b[int_start] == b'0' && self.i - int_start > 1 {
            return self.fail("a number may not start with 0");
        }
        let mut integral = true;
        if self.b.get(self.i) == Some(&b'.') {
            integral = false;
            self.i += 1;
            if !digits(self) {
                return self.fail("expected digits after `.`");
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            integral = false;
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !digits(self) {
                return self.fail("expected digits in the exponent");
            }
        }
        // Only ASCII digits, signs, `.` and `e` were read: valid UTF-8.
        let text = std::str::from_utf8(&self.b[start..self.i]).unwrap_or("");
        if integral {
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Json::Int(n));
            }
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Json::Float(f)),
            _ => self.fail("a number out of range"),
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let Some(h) = self.b.get(self.i..self.i + 4) else {
            return self.fail("expected four hex digits after \\u");
        };
        let mut v = 0;
        for c in h {
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => return self.fail("expected four hex digits after \\u"),
            };
            v = v * 16 + d as u32;
        }
        self.i += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let from = self.i;
            while self.i < self.b.len() && !matches!(self.b[self.i], b'"' | b'\\' | 0..=0x1f) {
                self.i += 1;
            }
            // The text is a &str and we stop only at ASCII bytes: a char boundary.
            out.push_str(std::str::from_utf8(&self.b[from..self.i]).unwrap_or(""));
            match self.b.get(self.i) {
                None => return self.fail("a string is not closed"),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let Some(&e) = self.b.get(self.i) else {
                        return self.fail("a string is not closed");
                    };
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.b[self.i..].starts_with(b"\\u") {
                                    return self.fail("a lone surrogate in \\u escapes");
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return self.fail("a lone surrogate in \\u escapes");
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(c) => out.push(c),
                                None => return self.fail("a lone surrogate in \\u escapes"),
                            }
                        }
                        _ => return self.fail("an unknown escape in a string"),
                    }
                }
                Some(_) => return self.fail("a control character in a string"),
            }
        }
    }
}

/// Reads a JSON text (one value, nothing after it but white space).
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    let mut r = Reader {
        b: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    let v = r.value()?;
    r.space();
    if r.i < r.b.len() {
        return r.fail("more text after the value");
    }
    Ok(v)
}

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A shape error and where it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapeError {
    /// Innermost step last, once the error has left every level.
    path: Vec<Step>,
    /// What serde or we said.
    pub message: String,
}

impl ShapeError {
    /// An error about the value being read (its path is added on the way out).
    pub fn new(message: String) -> Self {
        ShapeError {
            path: Vec::new(),
            message,
        }
    }

    /// The error, found inside member `key` of an object.
    pub fn in_key(self, key: &str) -> Self {
        self.at(Step::Key(key.to_string()))
    }

    /// The error, found inside item `i` of an array.
    pub fn in_item(self, i: usize) -> Self {
        self.at(Step::Index(i))
    }

    /// The JSON path of the value the error is about: `$.milestones[3].status`.
    pub fn path(&self) -> String {
        let mut p = String::from("$");
        for s in self.path.iter().rev() {
            match s {
                Step::Key(k) => {
                    p.push('.');
                    p.push_str(k);
                }
                Step::Index(i) => {
                    p.push('[');
                    p.push_str(&i.to_string());
                    p.push(']');
                }
            }
        }
        p
    }

    fn at(mut self, step: Step) -> Self {
        self.path.push(step);
        self
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ShapeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_become_trees() {
        assert_eq!(parse(" null ").unwrap(), Json::Null);
        assert_eq!(
            parse("[1, -2, 3.5, 1e3, true]").unwrap(),
            Json::Arr(vec![
                Json::Int(1),
                Json::Int(-2),
                Json::Float(3.5),
                Json::Float(1000.0),
                Json::Bool(true),
            ])
        );
        assert_eq!(
            parse(r#"{"a": "x\"\\\/\n\u00e9\ud83d\ude00", "b": {}}"#).unwrap(),
            Json::Obj(vec![
                ("a".into(), Json::Str("x\"\\/\né😀".into())),
                ("b".into(), Json::Obj(vec![])),
            ])
        );
        assert_eq!(
            parse("\"héllo wörld\"").unwrap(),
            Json::Str("héllo wörld".into())
        );
    }

    #[test]
    fn broken_texts_say_what_and_where() {
        for (text, offset, message) in [
            ("", 0, "the text ends where a value should be"),
            ("{ not json", 2, "expected a key in double quotes"),
            ("[1 2]", 3, "expected `,` or `]`"),
            ("{\"a\" 1}", 5, "expected `:`"),
            ("01", 2, "a number may not start with 0"),
            ("1.", 2, "expected digits after `.`"),
            ("\"abc", 4, "a string is not closed"),
            ("\"a\nb\"", 2, "a control character in a string"),
            ("\"\\x\"", 3, "an unknown escape in a string"),
            ("\"\\ud800\"", 7, "a lone surrogate in \\u escapes"),
            ("[] []", 3, "more text after the value"),
            ("nul", 0, "expected a value"),
            ("1e999", 5, "a number out of range"),
        ] {
            assert_eq!(
                parse(text),
                Err(SyntaxError { offset, message }),
                "{text:?}"
            );
        }
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
    }
}
