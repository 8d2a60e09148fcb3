//! The path grammar of `json()` documents (Chilkat CkJsonObject style) and its parser.
//!
//! A path names one place in a document, starting at the root object:
//!
//! ```text
//! path     = segment { DELIM segment }
//! segment  = key { index }
//! key      = 1*( any character except DELIM, "[" and "]" )
//! index    = "[" ( digits | "i" | "j" | "k" ) "]"
//! ```
//!
//! - `DELIM` is the document's `delimiter` property, `.` unless changed; set it to another
//!   character (say `/`) when keys contain dots.
//! - Keys are taken literally: spaces and any other characters are allowed, except the
//!   delimiter and square brackets. There is no quoting.
//! - `[i]`, `[j]` and `[k]` stand for the document's `i`, `j` and `k` properties, so a loop can
//!   write `Schema[i].Name` instead of building the path text.
//! - Examples: `PoolName`, `Schema[3].StringAttributeConstraints.MaxLength`, `a[0][1].b`,
//!   `Policies.PasswordPolicy.MinimumLength`, `Schema[i].Name`.
//!
//! Malformed paths are always errors, and the error underlines the bad part: the empty path,
//! an empty segment (`a..b`, `.a`, `a.`), an index with no key before it (`[0]`, `a.[0]`), an
//! unclosed or stray bracket (`a[`, `a]`), and an index that is neither digits nor `i`/`j`/`k`
//! (`a[x]`, `a[-1]`, `a[]`).
//!
//! A path has at most [`MAX_STEPS`] steps (keys and indexes), which bounds how deep a document
//! can nest: deeper documents would make every walk over them (conversion, validation, output)
//! slow and stack-hungry.

use std::fmt;

/// Which index a `[...]` segment names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// A literal index such as `[3]`.
    At(usize),
    /// `[i]`, `[j]` or `[k]`: the document property of that name.
    Var(IndexVar),
}

/// The three index variables of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexVar {
    I,
    J,
    K,
}

/// One step of a parsed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(Index),
}

/// A parsed path: its steps and, for messages, the text it came from with each step's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub text: String,
    pub steps: Vec<Step>,
    /// Byte range of each step in `text`, parallel to `steps`.
    pub spans: Vec<(usize, usize)>,
}

/// A malformed path: what is wrong and which bytes of the path are at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    pub message: String,
    pub start: usize,
    pub end: usize,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "malformed path: {}", self.message)?;
        // A long path is shown as a window of characters around the bad part.
        const WINDOW: usize = 60;
        let before: Vec<char> = self.path[..self.start].chars().collect();
        let bad: String = self.path[self.start..self.end]
            .chars()
            .take(WINDOW)
            .collect();
        let skip = before.len().saturating_sub(WINDOW);
        let lead_text: String = before[skip..].iter().collect();
        let lead_text = if skip > 0 {
            format!("…{lead_text}")
        } else {
            lead_text
        };
        let after_all = &self.path[self.end..];
        let after: String = after_all.chars().take(WINDOW).collect();
        let tail = if after.len() < after_all.len() {
            "…"
        } else {
            ""
        };
        writeln!(f, "    {lead_text}{bad}{after}{tail}")?;
        let lead = lead_text.chars().count();
        let width = bad.chars().count().max(1);
        write!(f, "    {}{}", " ".repeat(lead), "^".repeat(width))
    }
}

impl std::error::Error for PathError {}

fn error(path: &str, message: impl Into<String>, start: usize, end: usize) -> PathError {
    PathError {
        path: path.to_string(),
        message: message.into(),
        start,
        end,
    }
}

/// The most steps (keys and indexes) one path may have.
pub const MAX_STEPS: usize = 10_000;

/// Parses `text` with `delim` as the member separator.
pub fn parse(text: &str, delim: char) -> Result<Path, PathError> {
    if text.is_empty() {
        return Err(error(text, "the path is empty", 0, 0));
    }
    let mut steps = Vec::new();
    let mut spans = Vec::new();
    let bytes_len = text.len();
    let mut pos = 0;
    loop {
        // A segment: a key, then any number of indexes.
        let key_start = pos;
        let key_end = text[pos..]
            .find([delim, '[', ']'])
            .map_or(bytes_len, |off| pos + off);
        if key_end == key_start {
            let next = text[pos..].chars().next();
            return Err(match next {
                Some('[') => {
                    let close = text[pos..].find(']').map_or(bytes_len, |o| pos + o + 1);
                    error(
                        text,
                        "an index needs a member name before it (write `Name[0]`)",
                        pos,
                        close,
                    )
                }
                Some(']') => error(text, "`]` without a matching `[`", pos, pos + 1),
                _ => error(
                    text,
                    "empty member name",
                    pos,
                    pos + next.map_or(0, char::len_utf8),
                ),
            });
        }
        if steps.len() >= MAX_STEPS {
            return Err(too_deep(text, key_start));
        }
        steps.push(Step::Key(text[key_start..key_end].to_string()));
        spans.push((key_start, key_end));
        pos = key_end;
        while pos < bytes_len && text[pos..].starts_with('[') {
            let open = pos;
            let Some(close_off) = text[open + 1..].find(']') else {
                return Err(error(text, "`[` is never closed", open, bytes_len));
            };
            let close = open + 1 + close_off;
            let inner = &text[open + 1..close];
            let index = parse_index(inner).ok_or_else(|| {
                error(
                    text,
                    if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) {
                        format!("`[{inner}]` is too large an index")
                    } else {
                        format!("`[{inner}]` is not an index: write digits or i, j, k")
                    },
                    open,
                    close + 1,
                )
            })?;
            if steps.len() >= MAX_STEPS {
                return Err(too_deep(text, open));
            }
            steps.push(Step::Index(index));
            spans.push((open, close + 1));
            pos = close + 1;
        }
        if pos == bytes_len {
            break;
        }
        let c = text[pos..].chars().next().unwrap_or(delim);
        if c == ']' {
            return Err(error(text, "`]` without a matching `[`", pos, pos + 1));
        }
        if c != delim {
            return Err(error(
                text,
                format!("`{c}` cannot follow an index: expected `{delim}` or `[`"),
                pos,
                pos + c.len_utf8(),
            ));
        }
        pos += c.len_utf8();
        if pos == bytes_len {
            return Err(error(
                text,
                "empty member name after the last delimiter",
                pos - c.len_utf8(),
                pos,
            ));
        }
    }
    Ok(Path {
        text: text.to_string(),
        steps,
        spans,
    })
}

/// The error for a path longer than [`MAX_STEPS`], underlining the first step too many.
fn too_deep(text: &str, at: usize) -> PathError {
    let end = text[at..]
        .char_indices()
        .nth(1)
        .map_or(text.len(), |(i, _)| at + i);
    error(
        text,
        format!("the path has more than {MAX_STEPS} steps (documents nest at most that deep)"),
        at,
        end,
    )
}

fn parse_index(inner: &str) -> Option<Index> {
    match inner {
        "i" => Some(Index::Var(IndexVar::I)),
        "j" => Some(Index::Var(IndexVar::J)),
        "k" => Some(Index::Var(IndexVar::K)),
        _ if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) => {
            inner.parse().ok().map(Index::At)
        }
        _ => None,
    }
}

impl Path {
    /// The path text up to and including step `n`, for messages such as "`Schema[3]` is past the end".
    pub fn prefix(&self, n: usize) -> &str {
        &self.text[..self.spans[n].1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(p: &Path) -> Vec<String> {
        p.steps
            .iter()
            .map(|s| match s {
                Step::Key(k) => k.clone(),
                Step::Index(Index::At(n)) => format!("[{n}]"),
                Step::Index(Index::Var(v)) => format!("[{v:?}]"),
            })
            .collect()
    }

    #[test]
    fn parses_nested_keys_and_indexes() {
        let p = parse("Schema[3].StringAttributeConstraints.MaxLength", '.').unwrap();
        assert_eq!(
            keys(&p),
            ["Schema", "[3]", "StringAttributeConstraints", "MaxLength"]
        );
        assert_eq!(p.prefix(1), "Schema[3]");
    }

    #[test]
    fn parses_index_variables_and_multi_dimensional() {
        let p = parse("a[i][j].b[k]", '.').unwrap();
        assert_eq!(keys(&p), ["a", "[I]", "[J]", "b", "[K]"]);
    }

    #[test]
    fn custom_delimiter_lets_keys_hold_dots() {
        let p = parse("a.b/c d", '/').unwrap();
        assert_eq!(keys(&p), ["a.b", "c d"]);
    }

    #[test]
    fn malformed_paths_underline_the_bad_part() {
        let cases = [
            ("", 0, 0),
            ("a[", 1, 2),
            ("a[x]", 1, 4),
            ("a..b", 2, 3),
            ("[0]", 0, 3),
            ("a.", 1, 2),
            (".a", 0, 1),
            ("a]", 1, 2),
            ("a[0]b", 4, 5),
            ("a[-1]", 1, 5),
            ("a[]", 1, 3),
        ];
        for (text, start, end) in cases {
            let err = parse(text, '.').expect_err(text);
            assert_eq!((err.start, err.end), (start, end), "{text}: {err}");
        }
    }

    #[test]
    fn paths_longer_than_the_step_limit_are_refused() {
        let ok = vec!["a"; MAX_STEPS].join(".");
        assert_eq!(
            parse(&ok, '.').expect("at the limit").steps.len(),
            MAX_STEPS
        );
        let long = vec!["a"; 100_000].join(".");
        let err = parse(&long, '.').expect_err("over the limit");
        assert!(
            err.message.contains("more than 10000 steps"),
            "{}",
            err.message
        );
        assert_eq!(err.start, 2 * MAX_STEPS);
        let indexes = format!("a{}", "[0]".repeat(MAX_STEPS));
        assert!(parse(&indexes, '.').is_err());
    }

    #[test]
    fn error_display_draws_carets_under_the_span() {
        let err = parse("Schema[x].Name", '.').unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains("`[x]` is not an index"), "{shown}");
        assert!(
            shown.ends_with("    Schema[x].Name\n          ^^^"),
            "{shown}"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        #[test]
        fn no_path_makes_the_parser_panic(text in "\\PC{0,40}", delim in proptest::char::any()) {
            if let Ok(p) = parse(&text, delim) {
                proptest::prop_assert_eq!(p.steps.len(), p.spans.len());
            } else if let Err(e) = parse(&text, delim) {
                proptest::prop_assert!(e.start <= e.end && e.end <= text.len());
                let _ = e.to_string();
            }
        }

        #[test]
        fn bracket_heavy_paths_never_panic(text in "[a-c.\\[\\]0-9ijk]{0,24}") {
            let _ = parse(&text, '.').map(|p| p.steps.len());
        }
    }
}
