//! Where the body of an `if` or a loop ends, read from each language's own block syntax (the
//! profile's [`Grammar`]): braces, closing words, `begin … end`, and, for Python alone,
//! indentation. Positions are token indices, so line breaks and indentation matter only where
//! the language says they do.

use std::collections::BTreeMap;

use super::lang::{Grammar, Profile};
use super::scan::{Tok, Token};
use super::stmt::{starts_statement, statement_end};

fn word(t: Option<&Token>) -> Option<String> {
    match t.map(|t| &t.tok) {
        Some(Tok::Ident(w) | Tok::Punct(w)) => Some(w.to_ascii_lowercase()),
        _ => None,
    }
}

fn is(t: Option<&Token>, w: &str) -> bool {
    word(t).as_deref() == Some(w)
}

fn newline(t: Option<&Token>) -> bool {
    matches!(t.map(|t| &t.tok), Some(Tok::Newline) | None)
}

/// Block ends for one program.
pub struct Blocks {
    grammar: Grammar,
    profile_id: &'static str,
    /// Python: each code line's indentation and first token.
    lines: BTreeMap<usize, (usize, usize)>,
}

impl Blocks {
    pub fn new(src: &str, toks: &[Token], profile: &Profile) -> Self {
        let mut lines = BTreeMap::new();
        if profile.blocks == Grammar::Indent {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(src.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            for (k, t) in toks.iter().enumerate() {
                if matches!(t.tok, Tok::Newline) || lines.contains_key(&t.line) {
                    continue;
                }
                let line_start = starts.get(t.line - 1).copied().unwrap_or(0);
                let col = src.get(line_start..t.start).map_or(0, |s| {
                    s.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
                });
                lines.insert(t.line, (col, k));
            }
        }
        Self {
            grammar: profile.blocks,
            profile_id: profile.id,
            lines,
        }
    }

    /// The token that ends the body of the `if`/loop whose header starts at token `h`: its
    /// closer (`}`, `End If`, `endif`, `end`), or the first token after a body without one
    /// (Python, a one-statement body); `toks.len()` when the program ends inside the block;
    /// `None` when the header has no block (a one-line `If … Then …`).
    pub fn end_of(&self, toks: &[Token], h: usize) -> Option<usize> {
        match self.grammar {
            Grammar::Braces => self.braces(toks, h),
            Grammar::Indent => self.indent(toks, h),
            Grammar::BeginEnd if self.profile_id == "dataflex" && is(toks.get(h), "while") => {
                closing_words(toks, h, self.grammar, true)
            }
            Grammar::BeginEnd => begin_end(toks, h, self.profile_id),
            Grammar::Basic | Grammar::Xbase | Grammar::EndWord => {
                closing_words(toks, h, self.grammar, false)
            }
        }
    }

    fn braces(&self, toks: &[Token], h: usize) -> Option<usize> {
        let mut depth = 0i32;
        for k in h + 1..toks.len() {
            match &toks[k].tok {
                Tok::Punct(p) if p == "(" || p == "[" => depth += 1,
                Tok::Punct(p) if p == ")" || p == "]" => depth -= 1,
                Tok::Punct(p) if depth <= 0 && p == "{" => return Some(matching_brace(toks, k)),
                Tok::Punct(p) if depth <= 0 && p == "}" => return None,
                // Go's `for i := 0; i < n; i++ {` has `;` in its header.
                Tok::Punct(p) if depth <= 0 && p == ";" && self.profile_id != "go" => {
                    return Some(k + 1);
                }
                _ => {}
            }
        }
        Some(toks.len())
    }

    fn indent(&self, toks: &[Token], h: usize) -> Option<usize> {
        let line = toks.get(h)?.line;
        let (own, _) = *self.lines.get(&line)?;
        let mut body = false;
        for &(ind, first) in self.lines.range(line + 1..).map(|(_, v)| v) {
            if ind <= own {
                return body.then_some(first);
            }
            body = true;
        }
        body.then_some(toks.len())
    }
}

/// The `}` matching the `{` at `open` (`toks.len()` when it is never closed).
fn matching_brace(toks: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, t) in toks.iter().enumerate().skip(open) {
        match &t.tok {
            Tok::Punct(p) if p == "{" => depth += 1,
            Tok::Punct(p) if p == "}" => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    toks.len()
}

/// A VB/AutoIt/PowerBuilder `If … Then` with code after `Then` on its line has no block.
fn one_line_if(toks: &[Token], h: usize) -> bool {
    let end = statement_end(toks, h);
    (h..end).any(|k| is(toks.get(k), "then") && !newline(toks.get(k + 1)))
}

/// How many blocks the statement at `k` opens (0 or 1; Ruby's `x.each do` counts too).
fn opens(toks: &[Token], k: usize, g: Grammar, dataflex_loop: bool) -> bool {
    let w = word(toks.get(k)).unwrap_or_default();
    if dataflex_loop {
        return matches!(w.as_str(), "while" | "repeat");
    }
    match g {
        Grammar::Basic => match w.as_str() {
            "if" => !one_line_if(toks, k),
            "for" | "foreach" | "while" | "do" | "select" | "switch" | "with" | "try"
            | "repeat" | "choose" | "func" => true,
            _ => false,
        },
        Grammar::Xbase => match w.as_str() {
            "if" | "for" | "scan" | "try" => true,
            "do" => matches!(word(toks.get(k + 1)).as_deref(), Some("while" | "case")),
            _ => false,
        },
        Grammar::EndWord => {
            if matches!(
                w.as_str(),
                "if" | "unless"
                    | "while"
                    | "until"
                    | "for"
                    | "case"
                    | "begin"
                    | "def"
                    | "class"
                    | "module"
            ) {
                return true;
            }
            let end = statement_end(toks, k);
            (k + 1..end).any(|j| is(toks.get(j), "do"))
        }
        _ => false,
    }
}

fn closes(toks: &[Token], k: usize, g: Grammar, dataflex_loop: bool) -> bool {
    let w = word(toks.get(k)).unwrap_or_default();
    if dataflex_loop {
        return matches!(w.as_str(), "loop" | "until");
    }
    match g {
        Grammar::Basic => match w.as_str() {
            "end" => matches!(
                word(toks.get(k + 1)).as_deref(),
                Some("if" | "while" | "select" | "with" | "try" | "choose" | "switch")
            ),
            "next" | "wend" | "loop" | "endif" | "endselect" | "endswitch" | "endfunc"
            | "endwith" | "until" | "forever" | "endwhile" => true,
            _ => false,
        },
        Grammar::Xbase => matches!(
            w.as_str(),
            "endif" | "enddo" | "endfor" | "next" | "endcase" | "endscan" | "endtry"
        ),
        Grammar::EndWord => w == "end",
        _ => false,
    }
}

/// The statement that closes the block opened at `h`, counting the blocks opened inside it.
fn closing_words(toks: &[Token], h: usize, g: Grammar, dataflex_loop: bool) -> Option<usize> {
    if g == Grammar::Basic && is(toks.get(h), "if") && one_line_if(toks, h) {
        return None;
    }
    let mut depth = 0usize;
    let mut k = statement_end(toks, h);
    while k < toks.len() {
        if starts_statement(toks, k) && !matches!(toks[k].tok, Tok::Newline) {
            if closes(toks, k, g, dataflex_loop) {
                if depth == 0 {
                    return Some(k);
                }
                depth -= 1;
            } else if opens(toks, k, g, dataflex_loop) {
                depth += 1;
            }
        }
        k += 1;
    }
    Some(toks.len())
}

/// `begin … end` after the header (Delphi `then begin`, T-SQL `IF … BEGIN`, DataFlex
/// `If (…) Begin`); without `begin`, the one statement after the header.
fn begin_end(toks: &[Token], h: usize, profile_id: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut k = h + 1;
    while k < toks.len() {
        match &toks[k].tok {
            Tok::Punct(p) if p == "(" || p == "[" => depth += 1,
            Tok::Punct(p) if p == ")" || p == "]" => depth -= 1,
            _ if depth > 0 => {}
            _ if is(toks.get(k), "begin") => return Some(matching_end(toks, k)),
            Tok::Punct(p) if p == ";" => return Some(k + 1),
            Tok::Newline => {
                let prev = word(toks.get(k - 1)).unwrap_or_default();
                let header_done = profile_id == "sql" || prev == "then" || prev == "do";
                if profile_id == "dataflex" {
                    // `If (x) Procedure_Return`: the rest of the line.
                    return Some(k);
                }
                if header_done {
                    let next =
                        (k + 1..toks.len()).find(|&j| !matches!(toks[j].tok, Tok::Newline))?;
                    if is(toks.get(next), "begin") {
                        return Some(matching_end(toks, next));
                    }
                    let end = statement_end(toks, next);
                    return Some(if is(toks.get(end), ";") { end + 1 } else { end });
                }
            }
            _ => {}
        }
        k += 1;
    }
    Some(toks.len())
}

/// The `end` matching the `begin` at `open`, counting `begin`/`case`/`try` inside.
fn matching_end(toks: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for k in open..toks.len() {
        match word(toks.get(k)).as_deref() {
            Some("begin" | "case" | "try") => depth += 1,
            Some("end") => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    toks.len()
}
