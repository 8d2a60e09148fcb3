//! The tokenizer: turns a legacy program into identifiers, decoded string literals, numbers,
//! booleans and punctuation, dropping comments by the language profile's rules.
//!
//! Programs copied from web pages sometimes lose their line breaks, so a `//` comment runs
//! into the code after it. A program is taken as flattened by what its text is — a line
//! comment that holds two Chilkat calls (`// … loRest.SetAuthAws(…) … loRest.Connect(`), never by a line's length —
//! and then a line comment also ends where code visibly starts again (`name = …`,
//! `obj.Method(`), and in xBase (whose statements need no separator) a statement also starts
//! where such code follows a complete value.

use std::sync::OnceLock;

use regex::Regex;

use super::lang::{Escape, Profile};

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A name, sigil included (`$json`, `@hr`, `loJson`).
    Ident(String),
    /// A string literal, escapes decoded.
    Str(String),
    /// A number as written.
    Num(String),
    Bool(bool),
    /// Punctuation and operators (`(`, `->`, `:=`, …).
    Punct(String),
    Newline,
}

/// One token with its 1-based line and byte span in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

fn chilkat_call() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"[$@]?[A-Za-z_]\w*(?:\.|->)([A-Za-z_]\w*)\s*\(").expect("a valid regex")
    })
}

/// xBase code that starts a statement: an assignment, a method call, or a command word.
fn xbase_start() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\s*=[^=]|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\s*\(|(?:if|else|endif|do|enddo|for|endfor|next|loop|exit|return|cancel|quit|release|local|public|private|scan|endscan|case|otherwise|endcase|try|catch|endtry)\b)",
        )
        .expect("a valid regex")
    })
}

fn code_start() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:^|\s)([$@]?[A-Za-z_]\w*(?:(?:\.|->)[A-Za-z_]\w*)*\s*(?::=|=[^=])|[$@]?[A-Za-z_]\w*(?:\.|->)[A-Za-z_]\w*\s*\()",
        )
        .expect("a valid regex")
    })
}

struct Scanner<'a> {
    src: &'a str,
    p: &'a Profile,
    pos: usize,
    line: usize,
    line_start: bool,
    flattened: bool,
    /// A comment held a Chilkat call (only looked for while not `flattened`).
    saw_code_in_comment: bool,
    depth: i32,
    out: Vec<Token>,
}

/// Splits `src` into tokens by the rules of `profile`.
pub fn scan(src: &str, profile: &Profile) -> Vec<Token> {
    scan_layout(src, profile).0
}

/// The tokens, and whether the program lost its line breaks (see the module's note).
pub fn scan_layout(src: &str, profile: &Profile) -> (Vec<Token>, bool) {
    let run = |flattened| {
        let mut s = Scanner {
            src,
            p: profile,
            pos: 0,
            line: 1,
            line_start: true,
            flattened,
            saw_code_in_comment: false,
            depth: 0,
            out: Vec::new(),
        };
        s.run();
        (s.out, s.saw_code_in_comment)
    };
    let (toks, flattened) = run(false);
    if flattened {
        (run(true).0, true)
    } else {
        (toks, false)
    }
}

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Scanner<'_> {
    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn push(&mut self, tok: Tok, start: usize) {
        self.out.push(Token {
            tok,
            line: self.line,
            start,
            end: self.pos,
        });
        self.line_start = false;
    }

    fn prev_is_value(&self) -> bool {
        match self.out.last().map(|t| &t.tok) {
            Some(Tok::Ident(_) | Tok::Str(_) | Tok::Num(_)) => true,
            Some(Tok::Punct(p)) => p == ")" || p == "]",
            _ => false,
        }
    }

    fn run(&mut self) {
        while let Some(c) = self.rest().chars().next() {
            let start = self.pos;
            if c == '\n' {
                self.pos += 1;
                self.newline(start);
                continue;
            }
            if c.is_whitespace() {
                self.pos += c.len_utf8();
                continue;
            }
            if self.comment() {
                continue;
            }
            if let Some(text) = self.string() {
                self.push(Tok::Str(text), start);
                continue;
            }
            if let Some(b) = self.dotted_bool() {
                self.push(Tok::Bool(b), start);
                continue;
            }
            if c.is_ascii_digit() {
                let len = self
                    .rest()
                    .find(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
                    .unwrap_or(self.rest().len());
                let text = self.rest()[..len].trim_end_matches('.').to_string();
                self.pos += text.len();
                self.push(Tok::Num(text), start);
                continue;
            }
            let sigil = matches!(c, '$' | '@') || (c == '#' && self.p.trues.contains(&"#true"));
            if is_ident_char(c) || sigil {
                self.xbase_break(start);
                self.pos += c.len_utf8();
                let len = self
                    .rest()
                    .find(|ch: char| !is_ident_char(ch))
                    .unwrap_or(self.rest().len());
                self.pos += len;
                let word = &self.src[start..self.pos];
                let tok = self.word(word);
                self.push(tok, start);
                continue;
            }
            let two = self.rest().get(..2).unwrap_or("");
            let punct = if matches!(two, "->" | "::" | ":=" | "==" | "<>" | "!=" | "<=" | ">=") {
                two.to_string()
            } else {
                c.to_string()
            };
            if punct == "?" {
                self.xbase_break(start);
            }
            match punct.as_str() {
                "(" | "[" => self.depth += 1,
                ")" | "]" => self.depth -= 1,
                _ => {}
            }
            self.pos += punct.len();
            self.push(Tok::Punct(punct), start);
        }
    }

    /// In a flattened xBase program, a statement starts where code follows a complete value
    /// outside brackets (`lnPort = 443 llBTls = .T.`): a line break is put back there.
    fn xbase_break(&mut self, start: usize) {
        if !self.flattened || self.p.blocks != super::lang::Grammar::Xbase || self.depth > 0 {
            return;
        }
        let value_end =
            self.prev_is_value() || matches!(self.out.last().map(|t| &t.tok), Some(Tok::Bool(_)));
        if value_end && (self.rest().starts_with('?') || xbase_start().is_match(self.rest())) {
            self.out.push(Token {
                tok: Tok::Newline,
                line: self.line,
                start,
                end: start,
            });
        }
    }

    fn word(&self, word: &str) -> Tok {
        let eq = |w: &&str| {
            if self.p.case_insensitive {
                w.eq_ignore_ascii_case(word)
            } else {
                **w == *word
            }
        };
        if self.p.trues.iter().any(eq) {
            Tok::Bool(true)
        } else if self.p.falses.iter().any(eq) {
            Tok::Bool(false)
        } else {
            Tok::Ident(word.to_string())
        }
    }

    fn newline(&mut self, start: usize) {
        let continued = match (self.p.continuation, self.out.last()) {
            (Some(mark), Some(last)) => {
                matches!(&last.tok, Tok::Punct(t) | Tok::Ident(t) if t == mark)
                    && last.line == self.line
            }
            _ => false,
        };
        if continued {
            self.out.pop();
        } else if !matches!(self.out.last().map(|t| &t.tok), Some(Tok::Newline) | None) {
            self.out.push(Token {
                tok: Tok::Newline,
                line: self.line,
                start,
                end: start + 1,
            });
        }
        self.line += 1;
        self.line_start = true;
    }

    /// FoxPro's `.T.` and `.F.`.
    fn dotted_bool(&mut self) -> Option<bool> {
        if !self.p.trues.contains(&".t.") {
            return None;
        }
        let rest = self.rest();
        let b = if starts_with_ci(rest, ".t.") {
            true
        } else if starts_with_ci(rest, ".f.") {
            false
        } else {
            return None;
        };
        self.pos += 3;
        Some(b)
    }

    /// Skips a comment at the current position; false when there is none.
    fn comment(&mut self) -> bool {
        let src = self.src;
        let rest = &src[self.pos..];
        for (open, close) in self.p.block_comments {
            if let Some(body) = rest.strip_prefix(open) {
                let end = body
                    .find(close)
                    .map_or(rest.len(), |e| open.len() + e + close.len());
                self.line += rest[..end].matches('\n').count();
                self.pos += end;
                return true;
            }
        }
        let word_ok = !self.src[..self.pos]
            .chars()
            .next_back()
            .is_some_and(is_ident_char);
        let line_marker = self.p.line_comments.iter().find(|m| {
            let is_word = m.chars().next().is_some_and(char::is_alphabetic);
            starts_with_ci(rest, m) && (!is_word || word_ok)
        });
        let start_marker = self.line_start
            && self
                .p
                .line_start_comments
                .iter()
                .any(|m| starts_with_ci(rest, m));
        let Some(marker_len) = line_marker.map(|m| m.len()).or(start_marker.then_some(1)) else {
            return false;
        };
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let mut end = line_end;
        // Two Chilkat calls in one comment: statements that lost the breaks between them (a
        // commented-out call is one).
        let code_inside = !self.flattened
            && chilkat_call()
                .captures_iter(&rest[..line_end])
                .filter(|c| super::names::method(c.get(1).map_or("", |m| m.as_str())).is_some())
                .nth(1)
                .is_some();
        if code_inside {
            self.saw_code_in_comment = true;
        }
        if self.flattened {
            // Only up to the next comment marker: a new comment starts there anyway.
            let body = &rest[marker_len..line_end];
            let window = body
                .char_indices()
                .map(|(i, _)| i)
                .find(|&i| {
                    self.p
                        .line_comments
                        .iter()
                        .any(|m| body[i..].starts_with(m))
                })
                .unwrap_or(body.len());
            end = marker_len + window;
            if let Some(m) = code_start().captures(&body[..window]) {
                end = marker_len + m.get(1).map_or(0, |g| g.start());
            }
        }
        self.pos += end;
        true
    }

    /// Tcl's brace quoting (Tcl(n) rule [6]): `{…}` is one word taken literally, braces
    /// nesting, when it closes on the same line; a brace that does not (a block) is punctuation.
    fn tcl_braces(&mut self) -> Option<String> {
        let rest = self.rest();
        if self.p.id != "tcl" || !rest.starts_with('{') {
            return None;
        }
        let mut depth = 0;
        let mut prev = ' ';
        for (i, c) in rest.char_indices() {
            match c {
                '\n' => return None,
                '{' if prev != '\\' => depth += 1,
                '}' if prev != '\\' => {
                    depth -= 1;
                    if depth == 0 {
                        let text = rest[1..i].to_string();
                        self.pos += i + 1;
                        return Some(text);
                    }
                }
                _ => {}
            }
            prev = c;
        }
        None
    }

    /// A string literal at the current position (after an optional prefix), decoded.
    fn string(&mut self) -> Option<String> {
        if let Some(text) = self.tcl_braces() {
            return Some(text);
        }
        let rest = self.rest();
        let mut chars = rest.chars();
        let first = chars.next()?;
        let (skip, open) = if self.p.string_prefixes.contains(&first) {
            match chars.next() {
                Some(q) if self.p.strings.iter().any(|r| r.open == q) => (first.len_utf8(), q),
                _ => (0, first),
            }
        } else {
            (0, first)
        };
        let mut rule = *self.p.strings.iter().find(|r| r.open == open)?;
        if skip > 0 && first == '@' && self.p.id == "csharp" {
            // C# verbatim strings: no backslash escapes, `""` is a quote.
            rule.escape = Escape::Doubled;
        }
        if open == '[' && self.prev_is_value() {
            return None;
        }
        let body_start = self.pos + skip + open.len_utf8();
        let mut out = String::new();
        let mut it = self.src[body_start..].char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let at = body_start + i;
            if c == '\n' {
                self.line += 1;
            }
            let esc = match rule.escape {
                Escape::Backslash => c == '\\',
                Escape::Backtick => c == '`',
                Escape::Tilde => c == '~',
                _ => false,
            };
            if esc {
                if let Some((_, n)) = it.next() {
                    out.push(match (rule.escape, n) {
                        (_, 'n') => '\n',
                        (_, 't') => '\t',
                        (_, 'r') => '\r',
                        (Escape::Backslash, '0') => '\0',
                        (_, other) => other,
                    });
                }
                continue;
            }
            if c == rule.close {
                let doubled = matches!(rule.escape, Escape::Doubled | Escape::Backtick);
                if doubled && it.peek().is_some_and(|&(_, n)| n == rule.close) {
                    it.next();
                    out.push(c);
                    continue;
                }
                self.pos = at + c.len_utf8();
                return Some(out);
            }
            out.push(c);
        }
        self.pos = self.src.len();
        Some(out)
    }
}
