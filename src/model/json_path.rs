//! Finds the JSON path (`$.milestones[3].status`) at a position in a JSON text.
//!
//! Used for the one check made on the raw text before it is read: a string
//! longer than the per-text limit is refused with its path.

enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

/// The index of the quote that closes the string opening at `open` (or the
/// text's length when it never closes), skipping escaped quotes.
fn closing_quote(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < bytes.len() && bytes[i] != b'"' {
        if bytes[i] == b'\\' {
            i += 1;
        }
        i += 1;
    }
    i
}

/// The path of the innermost value that contains `offset`: `$` for the top level.
pub fn path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i = closing_quote(bytes, i);
                // A string that is followed by ':' is an object key.
                let mut j = i + 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b':' {
                    if let Some(Frame::Object { key }) = stack.last_mut() {
                        *key = text.get(start..i.min(text.len())).map(str::to_string);
                    }
                }
            }
            b'{' => stack.push(Frame::Object { key: None }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key }) => *key = None,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::from("$");
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k) } => {
                path.push('.');
                path.push_str(k);
            }
            Frame::Object { key: None } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// The first JSON string longer than `limit` bytes (as written, escapes
/// included): the offset of its closing quote, for [`path_at`], and its length.
/// Linear in the text, and stops at the first one.
pub fn first_long_string(text: &str, limit: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i + 1;
            i = closing_quote(bytes, i);
            let len = i.min(bytes.len()) - start;
            if len > limit {
                return Some((i.min(bytes.len()), len));
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_keys_and_indices() {
        let t = r#"{"a": [1, {"b": "x", "c": [true, "y"]}], "d": {"e": 5}}"#;
        assert_eq!(path_at(t, t.find("\"x\"").unwrap() + 2), "$.a[1].b");
        assert_eq!(path_at(t, t.find("\"y\"").unwrap() + 2), "$.a[1].c[1]");
        assert_eq!(path_at(t, t.find('5').unwrap()), "$.d.e");
        assert_eq!(path_at(t, 0), "$");
        assert_eq!(path_at(t, t.len()), "$");
        // Escaped quotes and colons inside strings don't confuse it.
        let t = r#"{"k\"ey": "a:b", "z": [0]}"#;
        assert_eq!(path_at(t, t.find('0').unwrap()), "$.z[0]");
    }

    #[test]
    fn long_strings_are_found_with_their_path() {
        let long = "w".repeat(50);
        let t = format!(r#"{{"a": ["short", {{"b": "{long}"}}], "c": "x"}}"#);
        let (at, len) = first_long_string(&t, 49).expect("a string over the limit");
        assert_eq!(len, 50);
        assert_eq!(path_at(&t, at), "$.a[1].b");
        assert_eq!(
            first_long_string(&t, 50),
            None,
            "a string at the limit is fine"
        );
        // An escaped quote does not end the string early.
        let t = format!(r#"{{"k": "{}\"{}"}}"#, "a".repeat(30), "b".repeat(30));
        assert_eq!(first_long_string(&t, 40).map(|(_, n)| n), Some(62));
    }
}
