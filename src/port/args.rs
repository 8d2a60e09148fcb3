//! The arguments of one Chilkat call or property assignment, in every language's shape:
//! `(…)`, Objective-C `: … value: …`, Tcl/DataFlex/SQL words up to the end of the line,
//! and the variable a result is assigned to (`x = …`, `set x [...]`, `@x OUT`, `To x`).

use super::extract::{Extractor, Lit};
use super::scan::{Tok, Token};

/// One call or assignment: where it is and what it passes.
pub(super) struct Call {
    pub(super) recv: Option<String>,
    pub(super) lits: Vec<Lit>,
    /// A variable or expression among the arguments.
    pub(super) opaque: bool,
    pub(super) out_var: Option<String>,
    pub(super) end: usize,
}

pub(super) fn is_punct(t: Option<&Token>, p: &str) -> bool {
    matches!(t.map(|t| &t.tok), Some(Tok::Punct(x)) if x == p)
}

pub(super) fn ident(t: Option<&Token>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Ident(x)) => Some(x),
        _ => None,
    }
}

const SKIP_WORDS: &[&str] = &[
    "out", "output", "of", "to", "null", "nil", "new", "get", "send", "set", "l",
    // Objective-C boxes numbers: `[NSNumber numberWithInt: 10]`.
    "nsnumber",
];

/// Adds a literal argument, joining it to the previous one after a concatenation operator.
fn push_lit(call: &mut Call, concat: &mut bool, lit: Lit) {
    if std::mem::take(concat)
        && let Some(prev) = call.lits.pop()
    {
        let text = |l: &Lit| match l {
            Lit::Str(s) | Lit::Num(s) => s.clone(),
            Lit::Bool(b) => b.to_string(),
        };
        call.lits
            .push(Lit::Str(format!("{}{}", text(&prev), text(&lit))));
        return;
    }
    call.lits.push(lit);
}

/// A variable name usable in Rhai (sigils dropped).
pub fn clean_name(name: &str) -> String {
    name.trim_start_matches(['$', '@', '#', '&']).to_string()
}

impl Extractor<'_> {
    /// The arguments of the call whose name is at `m`.
    pub(super) fn call(&self, m: usize, recv_known: bool) -> Call {
        let toks = self.toks;
        let (open, close) = match toks.get(m + 1).map(|t| &t.tok) {
            Some(Tok::Punct(p)) if p == "(" => (m + 2, ")"),
            Some(Tok::Punct(p)) if p == ":" => (m + 2, "]"),
            _ => (m + 1, ""),
        };
        let mut call = Call {
            recv: None,
            lits: Vec::new(),
            opaque: false,
            out_var: None,
            end: open,
        };
        let mut depth = 0i32;
        let mut j = open;
        let mut first_ident = !recv_known;
        // A `+`/`&` (`.` in PHP and Perl) seen after a literal: the next literal joins it.
        let mut concat = false;
        let dot_joins = matches!(self.profile.id, "php" | "perl");
        while let Some(t) = toks.get(j) {
            match &t.tok {
                Tok::Punct(p) if (p == "(" || p == "[") => depth += 1,
                Tok::Punct(p) if depth == 0 && close.is_empty() && (p == ";" || p == "]") => break,
                Tok::Punct(p) if p == close && depth == 0 => break,
                Tok::Punct(p) if p == ")" || p == "]" => {
                    depth -= 1;
                    if depth < 0 {
                        break;
                    }
                }
                Tok::Newline if close.is_empty() => break,
                Tok::Punct(p) if p == "-" => {
                    if let Some(Tok::Num(n)) = toks.get(j + 1).map(|t| &t.tok) {
                        call.lits.push(Lit::Num(format!("-{n}")));
                        j += 1;
                    }
                }
                Tok::Punct(p) if p == "," || p == ":" => {
                    if concat {
                        call.opaque = true;
                    }
                }
                Tok::Punct(p)
                    if (p == "&" || p == "+" || (p == "." && dot_joins))
                        && depth == 0
                        && matches!(call.lits.last(), Some(Lit::Str(_)))
                        && !concat =>
                {
                    concat = true;
                }
                Tok::Punct(p) if p == "&" || p == "+" => call.opaque = true,
                Tok::Punct(_) | Tok::Newline => {}
                Tok::Str(s) => push_lit(&mut call, &mut concat, Lit::Str(s.clone())),
                Tok::Num(n) => push_lit(&mut call, &mut concat, Lit::Num(n.clone())),
                Tok::Bool(b) => call.lits.push(Lit::Bool(*b)),
                Tok::Ident(name)
                    if self.consts.contains_key(&clean_name(name))
                        && !is_punct(toks.get(j + 1), "(")
                        && !is_punct(toks.get(j + 1), ".")
                        && !is_punct(toks.get(j + 1), "->") =>
                {
                    let value = self.consts[&clean_name(name)].clone();
                    push_lit(&mut call, &mut concat, value);
                }
                Tok::Ident(name) => {
                    let lower = name.to_ascii_lowercase();
                    let label = is_punct(toks.get(j + 1), ":");
                    if lower == "out" || lower == "output" || lower == "to" {
                        if let Some(prev) = ident(toks.get(j.wrapping_sub(1))) {
                            call.out_var = Some(clean_name(prev));
                        }
                        if lower == "to" {
                            let target = ident(toks.get(j + 1)).map(clean_name);
                            // DataFlex `Set ComRegion Of h To sRegion`: a known value.
                            match target.as_ref().and_then(|t| self.consts.get(t)) {
                                Some(value) => {
                                    call.out_var = None;
                                    let value = value.clone();
                                    push_lit(&mut call, &mut concat, value);
                                    j += 1;
                                }
                                None => {
                                    call.out_var = target;
                                    if call.out_var.is_some() {
                                        j += 1;
                                    }
                                }
                            }
                        }
                    } else if first_ident && !SKIP_WORDS.contains(&lower.as_str()) {
                        call.recv = Some(clean_name(name));
                        first_ident = false;
                    } else if !label
                        && !SKIP_WORDS.contains(&lower.as_str())
                        && !matches!(toks.get(j + 1).map(|t| &t.tok), Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("out") || w.eq_ignore_ascii_case("output"))
                    {
                        call.opaque = true;
                    }
                }
            }
            j += 1;
        }
        call.end = j;
        if concat {
            call.opaque = true;
        }
        call
    }

    /// The value of `obj.Prop = value`: one literal (or a variable holding one, or a
    /// concatenation of such), or something opaque.
    pub(super) fn assignment(&self, v: usize) -> Call {
        let toks = self.toks;
        let stop = super::stmt::statement_end(toks, v);
        let consts: std::collections::HashMap<String, String> = self
            .consts
            .iter()
            .map(|(k, l)| {
                let text = match l {
                    Lit::Str(s) | Lit::Num(s) => s.clone(),
                    Lit::Bool(b) => b.to_string(),
                };
                (k.clone(), text)
            })
            .collect();
        let none = Default::default();
        let env = super::expr::Env {
            src: self.src,
            profile: self.profile,
            consts: &consts,
            vars: &none,
        };
        let is_value = !matches!(
            toks.get(v).map(|t| &t.tok),
            Some(Tok::Num(_) | Tok::Bool(_))
        );
        if is_value
            && stop > v
            && let Some(parts) = super::expr::parse_value(toks, v, stop, &env)
            && let [super::expr::Part::Lit(text)] = parts.as_slice()
        {
            return Call {
                recv: None,
                opaque: false,
                lits: vec![Lit::Str(text.clone())],
                out_var: None,
                end: stop,
            };
        }
        let (lit, mut end) = match toks.get(v).map(|t| &t.tok) {
            Some(Tok::Str(s)) => (Some(Lit::Str(s.clone())), v + 1),
            Some(Tok::Num(n)) => (Some(Lit::Num(n.clone())), v + 1),
            Some(Tok::Bool(b)) => (Some(Lit::Bool(*b)), v + 1),
            Some(Tok::Punct(p)) if p == "-" => match toks.get(v + 1).map(|t| &t.tok) {
                Some(Tok::Num(n)) => (Some(Lit::Num(format!("-{n}"))), v + 2),
                _ => (None, v + 1),
            },
            _ => (None, v + 1),
        };
        let continues = matches!(
            toks.get(end).map(|t| &t.tok),
            Some(Tok::Punct(p)) if ["+", "-", "*", "/", "&", ".", "(", "[", "->"].contains(&p.as_str())
        );
        // ObjC: `json.I = [NSNumber numberWithInt: 2];`, not translated.
        if continues || lit.is_none() {
            while let Some(t) = toks.get(end) {
                if matches!(&t.tok, Tok::Newline) || matches!(&t.tok, Tok::Punct(p) if p == ";") {
                    break;
                }
                end += 1;
                if end > v + 16 {
                    break;
                }
            }
        }
        Call {
            recv: None,
            opaque: continues || lit.is_none(),
            lits: lit.into_iter().collect(),
            out_var: None,
            end,
        }
    }

    /// The variable a call's result is assigned to: `x = recv.Method(…)`, `set x [Method …]`.
    pub(super) fn assigned_to(&self, start: usize) -> Option<String> {
        let toks = self.toks;
        // `CkRest::ckMethod(…)` (PureBasic): the assignment is before the class name.
        let start = if is_punct(toks.get(start.checked_sub(1)?), "::") {
            start.checked_sub(2)?
        } else {
            start
        };
        let prev = toks.get(start.checked_sub(1)?);
        if is_punct(prev, "=") || is_punct(prev, ":=") {
            // Swift's optional type: `var name: String? = …`
            let n = if is_punct(toks.get(start.checked_sub(2)?), "?") {
                start.checked_sub(3)?
            } else {
                start.checked_sub(2)?
            };
            let name = ident(toks.get(n))?;
            // VB: `Dim name As Integer = …`; Swift: `var name: Int = …`
            if n >= 2
                && (ident(toks.get(n - 1)).is_some_and(|w| w.eq_ignore_ascii_case("as"))
                    || is_punct(toks.get(n - 1), ":"))
                && let Some(base) = ident(toks.get(n - 2))
            {
                return Some(clean_name(base));
            }
            // PureBasic's type suffix: `name.s = …`
            if name.len() == 1
                && n >= 2
                && is_punct(toks.get(n - 1), ".")
                && let Some(base) = ident(toks.get(n - 2))
            {
                return Some(clean_name(base));
            }
            return Some(clean_name(name));
        }
        if is_punct(prev, "[") {
            let name = ident(toks.get(start.checked_sub(2)?));
            let set = ident(toks.get(start.checked_sub(3)?));
            if set == Some("set") {
                return name.map(clean_name);
            }
            // Objective-C: `x = [[obj IntOf: @"p"] intValue]`
            return self.assigned_to(start - 1);
        }
        None
    }
}
