//! Model patterns, matched cheaply: Unicode classes such as `\p{L}` make Rust regexes slow to
//! compile (milliseconds each, on the start-up path of every validated call). Almost every value
//! a script sends is ASCII, and on ASCII text each such class equals a small ASCII class, so an
//! ASCII-only translation of the pattern decides those values; the full Unicode regex is
//! compiled only for text that has other characters. Both are built on first use and cached.
//! The ASCII translation is compiled with `regex-lite`, which builds a pattern in a fraction of
//! the time the full `regex` engine takes (a tenth of a dry run's CPU went to compiling
//! patterns); values are short, so its slower matching does not show.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use regex::Regex;

/// A pattern from the model, anchored to match the whole value.
#[derive(Debug)]
pub(crate) struct Pattern {
    source: &'static str,
}

/// A pattern's compiled forms, each built on first use.
struct Compiled {
    ascii: OnceLock<Option<Ascii>>,
    full: OnceLock<Option<Regex>>,
}

/// The compiled ASCII translation: a byte set when the pattern is one bracket class repeated
/// (`[\w\s+=,.@-]+`, most of the model's), else `regex-lite` when it accepts the syntax, else
/// `regex`.
#[derive(Debug)]
enum Ascii {
    Class(Class),
    Lite(regex_lite::Regex),
    Full(regex::bytes::Regex),
}

/// `[…]+` or `[…]*` over ASCII: which bytes the class holds, and whether the text may be empty.
#[derive(Debug)]
struct Class {
    bytes: [bool; 128],
    empty_ok: bool,
}

impl Class {
    /// The class of a translated pattern that is exactly one bracket class (not negated, no
    /// nested classes) followed by `+` or `*`, anchors allowed; `None` for anything else.
    fn parse(translated: &str) -> Option<Class> {
        let body = translated.strip_prefix('^').unwrap_or(translated);
        let body = body.strip_suffix('$').unwrap_or(body);
        let (inner, empty_ok) = if let Some(b) = body.strip_suffix("]+") {
            (b, false)
        } else {
            (body.strip_suffix("]*")?, true)
        };
        let inner = inner.strip_prefix('[')?;
        if inner.starts_with('^') || inner.is_empty() {
            return None;
        }
        let mut items = Vec::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            let item = match c {
                '[' | ']' => return None,
                '\\' => match chars.next()? {
                    'x' => {
                        let hex: String = [chars.next()?, chars.next()?].iter().collect();
                        u8::from_str_radix(&hex, 16).ok()?
                    }
                    't' => b'\t',
                    'n' => b'\n',
                    'r' => b'\r',
                    e if e.is_ascii_punctuation() => e as u8,
                    _ => return None,
                },
                c if c.is_ascii() => c as u8,
                _ => return None,
            };
            // A `-` between two items is a range; escaped, first or last it is itself.
            items.push((item, c == '-'));
        }
        let mut bytes = [false; 128];
        let mut i = 0;
        while i < items.len() {
            let (lo, _) = items[i];
            if i + 2 < items.len() && items[i + 1].1 {
                let (hi, _) = items[i + 2];
                if hi < lo {
                    return None;
                }
                for b in lo..=hi {
                    *bytes.get_mut(usize::from(b))? = true;
                }
                i += 3;
            } else {
                *bytes.get_mut(usize::from(lo))? = true;
                i += 1;
            }
        }
        Some(Class { bytes, empty_ok })
    }

    fn is_match(&self, text: &str) -> bool {
        (self.empty_ok || !text.is_empty())
            && text
                .bytes()
                .all(|b| self.bytes.get(usize::from(b)).copied().unwrap_or(false))
    }
}

impl Ascii {
    fn build(translated: &str) -> Option<Ascii> {
        if let Some(class) = Class::parse(translated) {
            return Some(Ascii::Class(class));
        }
        let anchored = format!("^(?:{translated})$");
        if let Ok(re) = regex_lite::Regex::new(&anchored) {
            return Some(Ascii::Lite(re));
        }
        regex::bytes::RegexBuilder::new(&anchored)
            .unicode(false)
            .build()
            .ok()
            .map(Ascii::Full)
    }

    /// Whether ASCII `text` matches.
    fn is_match(&self, text: &str) -> bool {
        match self {
            Ascii::Class(class) => class.is_match(text),
            Ascii::Lite(re) => re.is_match(text),
            Ascii::Full(re) => re.is_match(text.as_bytes()),
        }
    }
}

/// ASCII members of the Unicode classes the model uses, as the inside of a bracket class (so it
/// can go inside another class: `regex-lite` has no nested classes). Negated classes are
/// written out as the ASCII ranges they leave.
fn ascii_class(escape: &str) -> Option<&'static str> {
    Some(match escape {
        "p{L}" | "pL" => "A-Za-z",
        "p{N}" | "pN" => "0-9",
        // Unicode punctuation among ASCII: ! " # % & ' ( ) * , - . / : ; ? @ [ \ ] _ { }
        "p{P}" | "pP" => {
            r"\x21\x22\x23\x25\x26\x27\x28\x29\x2A\x2C\x2D\x2E\x2F\x3A\x3B\x3F\x40\x5B\x5C\x5D\x5F\x7B\x7D"
        }
        // Unicode symbols among ASCII: $ + < = > ^ ` | ~
        "p{S}" | "pS" => r"\x24\x2B\x3C\x3D\x3E\x5E\x60\x7C\x7E",
        "p{Z}" | "pZ" => r"\x20",
        // No ASCII character is a mark: a range that no ASCII character falls in.
        "p{M}" | "pM" => r"\x80-\xFF",
        "d" => "0-9",
        "D" => r"\x00-\x2F\x3A-\x7F",
        "w" => "0-9A-Za-z_",
        "W" => r"\x00-\x2F\x3A-\x40\x5B-\x5E\x60\x7B-\x7F",
        "s" => r"\t\n\x0B\x0C\r\x20",
        "S" => r"\x00-\x08\x0E-\x1F\x21-\x7F",
        _ => return None,
    })
}

/// The pattern with every Unicode-aware escape replaced by its ASCII equivalent, or `None` when
/// it uses an escape this translation does not know (then only the full regex is used).
fn to_ascii(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars().peekable();
    // Depth of bracket classes around the current character.
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        if c != '\\' {
            match c {
                '[' => depth += 1,
                ']' if depth > 0 => depth -= 1,
                _ => {}
            }
            out.push(c);
            continue;
        }
        let next = chars.next()?;
        let escape = match next {
            'p' | 'P' => {
                let mut name = String::from("p");
                if chars.peek() == Some(&'{') {
                    for c in chars.by_ref() {
                        name.push(c);
                        if c == '}' {
                            break;
                        }
                    }
                } else {
                    name.push(chars.next()?);
                }
                if next == 'P' {
                    return None;
                }
                name
            }
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => next.to_string(),
            other => {
                out.push('\\');
                out.push(other);
                continue;
            }
        };
        let class = ascii_class(&escape)?;
        if depth > 0 {
            out.push_str(class);
        } else {
            out.push('[');
            out.push_str(class);
            out.push(']');
        }
    }
    Some(out)
}

impl Pattern {
    /// A pattern that compiles on first use (a `const fn`, so the embedded tables hold it).
    pub const fn new(source: &'static str) -> Self {
        Pattern { source }
    }

    pub fn source(&self) -> &'static str {
        self.source
    }

    fn full(&self) -> Option<&'static Regex> {
        let compiled = self.compiled();
        compiled
            .full
            .get_or_init(|| Regex::new(&format!("^(?:{})$", self.source)).ok())
            .as_ref()
    }

    fn ascii(&self) -> Option<&'static Ascii> {
        let compiled = self.compiled();
        compiled
            .ascii
            .get_or_init(|| Ascii::build(&to_ascii(self.source)?))
            .as_ref()
    }

    /// This pattern's compiled forms, kept beside the tables rather than in them: a shape
    /// holds only its pattern's text, so the embedded tables have no interior mutability and
    /// stay in read-only memory (with the cache inside, every shape's page was written at
    /// start-up). Keyed by the text's address, one entry per pattern used.
    fn compiled(&self) -> &'static Compiled {
        static CACHE: Mutex<BTreeMap<(usize, usize), &'static Compiled>> =
            Mutex::new(BTreeMap::new());
        let key = (self.source.as_ptr() as usize, self.source.len());
        let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
        cache.entry(key).or_insert_with(|| {
            Box::leak(Box::new(Compiled {
                ascii: OnceLock::new(),
                full: OnceLock::new(),
            }))
        })
    }

    /// Whether `text` matches; `None` when the pattern cannot be checked here (look-around and
    /// other syntax Rust's regex does not support).
    pub fn matches(&self, text: &str) -> Option<bool> {
        if text.is_ascii()
            && let Some(re) = self.ascii()
        {
            return Some(re.is_match(text));
        }
        self.full().map(|re| re.is_match(text))
    }

    /// Whether the pattern can be checked at all.
    #[cfg(test)]
    pub fn is_supported(&self) -> bool {
        self.full().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every printable ASCII string of one and two characters, plus some longer ones.
    fn samples() -> Vec<String> {
        let chars: Vec<char> = (0x09u8..0x7F).map(char::from).collect();
        let mut out: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
        for a in ["a", "Z", "0", "_", "-", " ", "@", "{", "#", "$", "\t"] {
            for b in &chars {
                out.push(format!("{a}{b}"));
            }
        }
        out.extend(
            [
                "",
                "us-west-2_abc",
                "Your code is {####}.",
                "{##Click##}",
                "joe@example.com",
                "arn:aws:ses:us-west-2:954491834127:identity/joe@example.com",
                "a b\tc",
                "import-1a2B",
            ]
            .map(String::from),
        );
        out
    }

    #[test]
    fn ascii_translation_agrees_with_the_unicode_regex_on_every_model_pattern() {
        let model = crate::model::Model::embedded();
        let mut checked = 0;
        for pattern in model.patterns() {
            let p = Pattern::new(pattern);
            let Some(full) = p.full() else { continue };
            let Some(ascii) = p.ascii() else { continue };
            for s in samples() {
                assert_eq!(
                    ascii.is_match(&s),
                    full.is_match(&s),
                    "pattern {pattern} disagrees on {s:?}"
                );
            }
            checked += 1;
        }
        assert!(checked >= 40, "only {checked} patterns were translated");
    }

    #[test]
    fn every_translated_model_pattern_takes_the_regex_lite_path() {
        let model = crate::model::Model::embedded();
        let fell_back: Vec<String> = model
            .patterns()
            .into_iter()
            .filter(|pattern| {
                let p = Pattern::new(pattern);
                matches!(p.ascii(), Some(Ascii::Full(_)))
            })
            .map(|pattern| pattern.to_string())
            .collect();
        assert!(fell_back.is_empty(), "full regex engine for {fell_back:#?}");
    }

    #[test]
    fn one_repeated_class_is_matched_as_a_byte_set() {
        let class = |p: &str| match Ascii::build(&to_ascii(p).unwrap()) {
            Some(Ascii::Class(c)) => c,
            other => panic!("{p}: {other:?}"),
        };
        let c = class(r"[\w\s+=,.@-]+");
        assert!(c.is_match("joe.doe+x@example.com") && c.is_match("a b\tc"));
        assert!(!c.is_match("") && !c.is_match("a/b") && !c.is_match("é"));
        let c = class(r"[A-Za-z0-9-_=.]*");
        assert!(c.is_match("") && c.is_match("a-_=.9") && !c.is_match("a+b"));
        let c = class(r"^[a-z\-]+$");
        assert!(c.is_match("a-b") && !c.is_match("A"));
        // More than one class, a negated class, non-ASCII bytes: left to the regex engines.
        for p in [
            r"[\w-]+_[0-9a-zA-Z]+",
            r"[^a]+",
            r"[\p{L}\p{M}]+",
            "Level[1-4]",
        ] {
            assert!(
                !matches!(Ascii::build(&to_ascii(p).unwrap()), Some(Ascii::Class(_))),
                "{p}"
            );
        }
        let model = crate::model::Model::embedded();
        let classes = model
            .patterns()
            .into_iter()
            .filter(|p| matches!(Pattern::new(p).ascii(), Some(Ascii::Class(_))))
            .count();
        assert!(classes >= 17, "only {classes} model patterns are one class");
    }

    #[test]
    fn non_ascii_text_uses_the_unicode_regex() {
        let p = Pattern::new(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+");
        assert_eq!(p.matches("Zoë"), Some(true));
        assert_eq!(
            p.matches("Zoë Ünal"),
            Some(false),
            "space is not in the class"
        );
        assert_eq!(p.matches("abc"), Some(true));
    }

    #[test]
    fn unsupported_patterns_are_reported() {
        let p = Pattern::new(r"^[0-9A-Za-z\.\-_]*(?<!\.)$");
        assert_eq!(p.matches("abc"), None);
        assert!(!p.is_supported());
    }
}
