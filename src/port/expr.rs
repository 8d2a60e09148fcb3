//! The operands of a print (and of a value a variable is given): literals, variables, response
//! reads and Chilkat getters joined by each language's concatenation (`+`, `&`, `.`, `<<`,
//! `,`), conversions (`str(x)`, `x.ToString()`, `Convert.ToString(x)`) looked through, and
//! `printf` formats filled in. Anything else makes the whole expression unknown.

use std::collections::{HashMap, HashSet};

use super::args::clean_name;
use super::interp;
use super::lang::Profile;
use super::names::{self, Getter, Method};
use super::scan::{Tok, Token};
use super::stmt::PrintForm;

/// One operand of a print.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Lit(String),
    Var(String),
    /// A getter on the object named (`rest.ResponseStatusCode`, `sb.GetAsString()`).
    Get(Getter, String),
    /// `obj.StringOf("path")` and the other readers.
    Read {
        obj: String,
        method: Method,
        path: String,
    },
    /// `obj.Emit()`
    Emit(String),
}

/// What an expression may refer to.
pub struct Env<'a> {
    pub src: &'a str,
    pub profile: &'a Profile,
    /// Variables whose value is a known string.
    pub consts: &'a HashMap<String, String>,
    /// Variables the port defines (reads, getters).
    pub vars: &'a HashSet<String>,
}

/// Words that stand for a line break.
const NEWLINES: &[&str] = &[
    "vbcrlf",
    "vbnewline",
    "vblf",
    "@crlf",
    "@lf",
    "endl",
    "php_eol",
    "crlf",
];

/// Functions that only convert their one argument to text.
const CONVERSIONS: &[&str] = &[
    "str",
    "cstr",
    "string",
    "tostring",
    "valueof",
    "itoa",
    "to_string",
    "alltrim",
    "trim",
    "ltrim",
    "rtrim",
    "transform",
    "int",
    "cint",
    "clng",
    "sprint",
    "strval",
    // ASP's `Server.HTMLEncode(x)`: the page shows the text itself.
    "htmlencode",
    "inttostr",
    "booltostr",
    "floattostr",
];

/// Postfix conversions (`x.to_s`, `x.ToString()`, `x.intValue`, `x!`).
const POSTFIX: &[&str] = &["to_s", "tostring", "intvalue", "boolvalue", "string"];

/// A parsed expression is either known parts or unknown.
type Parts = Option<Vec<Part>>;

struct P<'a, 'b> {
    toks: &'b [Token],
    env: &'b Env<'a>,
    end: usize,
}

fn punct(t: Option<&Token>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Punct(p)) => Some(p),
        _ => None,
    }
}

fn ident(t: Option<&Token>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Ident(p)) => Some(p),
        _ => None,
    }
}

/// Parses the operands of a print in `toks[from..to]`.
pub fn parse_print(toks: &[Token], from: usize, to: usize, form: PrintForm, env: &Env) -> Parts {
    let p = P { toks, env, end: to };
    let mut from = from;
    let mut to = to;
    // `print(x)` / `Debug.Print x` / `puts [x]`: one pair of parentheses around all of it.
    if punct(toks.get(from)) == Some("(") && p.matching(from) == Some(to - 1) {
        from += 1;
        to -= 1;
    }
    let p = P { toks, env, end: to };
    let args = p.split_commas(from, to);
    let mut out = Vec::new();
    match form {
        PrintForm::Format => {
            let (first, rest) = args.split_first()?;
            let fmt = p.expr(first.0, first.1)?;
            let [Part::Lit(fmt)] = fmt.as_slice() else {
                return None;
            };
            let mut values = Vec::new();
            for (a, b) in rest {
                values.push(p.expr(*a, *b)?);
            }
            out = fill_format(fmt, values)?;
        }
        _ => {
            for (k, (a, b)) in args.iter().enumerate() {
                if k > 0 && form == PrintForm::Spaced {
                    out.push(Part::Lit(" ".into()));
                }
                out.extend(p.expr(*a, *b)?);
            }
        }
    }
    Some(trim_newline(merge(out)))
}

/// Parses one value (`x = <expr>`).
pub fn parse_value(toks: &[Token], from: usize, to: usize, env: &Env) -> Parts {
    let p = P { toks, env, end: to };
    p.expr(from, to).map(merge)
}

/// `%s`, `%d`, `%@`, … replaced by the values in order.
fn fill_format(fmt: &str, values: Vec<Vec<Part>>) -> Parts {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut values = values.into_iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            lit.push('%');
            continue;
        }
        // Flags, width and length modifiers, then the conversion letter.
        while chars
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || "-+ #.lhqLzjt".contains(*c))
        {
            chars.next();
        }
        chars.next()?;
        out.push(Part::Lit(std::mem::take(&mut lit)));
        out.extend(values.next()?);
    }
    out.push(Part::Lit(lit));
    Some(out)
}

/// Adjacent literals joined, empty ones dropped.
fn merge(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    for p in parts {
        match (out.last_mut(), p) {
            (_, Part::Lit(s)) if s.is_empty() => {}
            (Some(Part::Lit(a)), Part::Lit(b)) => a.push_str(&b),
            (_, p) => out.push(p),
        }
    }
    out
}

/// The print adds its own line break, so a trailing one in the text goes.
fn trim_newline(mut parts: Vec<Part>) -> Vec<Part> {
    if let Some(Part::Lit(s)) = parts.last_mut() {
        let t = s.trim_end_matches(['\r', '\n']).len();
        if t < s.len() {
            s.truncate(t);
            if s.is_empty() {
                parts.pop();
            }
        }
    }
    parts
}

impl P<'_, '_> {
    fn tok(&self, i: usize) -> Option<&Token> {
        if i < self.end { self.toks.get(i) } else { None }
    }

    /// The index of the bracket closing the one at `open`.
    fn matching(&self, open: usize) -> Option<usize> {
        let mut depth = 0i32;
        for j in open..self.toks.len().min(self.end.max(open + 1)) {
            match punct(self.toks.get(j)) {
                Some("(" | "[") => depth += 1,
                Some(")" | "]") => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(j);
                    }
                }
                _ => {}
            }
        }
        None
    }

    fn split_commas(&self, from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut depth = 0i32;
        let mut start = from;
        for j in from..to {
            match punct(self.toks.get(j)) {
                Some("(" | "[") => depth += 1,
                Some(")" | "]") => depth -= 1,
                Some(",") if depth == 0 => {
                    out.push((start, j));
                    start = j + 1;
                }
                _ => {}
            }
        }
        if start < to {
            out.push((start, to));
        }
        out
    }

    fn is_concat(&self, j: usize) -> Option<usize> {
        let p = punct(self.tok(j))?;
        let id = self.env.profile.id;
        match p {
            "+" | "&" => Some(1),
            "<" if punct(self.tok(j + 1)) == Some("<") => Some(2),
            "." if matches!(id, "php" | "perl") => Some(1),
            "." if punct(self.tok(j + 1)) == Some(".") => Some(2),
            _ => None,
        }
    }

    /// Terms joined by concatenation in `[from, to)`; `,` joins too (Perl and PHP lists).
    fn expr(&self, from: usize, to: usize) -> Parts {
        let p = P {
            toks: self.toks,
            env: self.env,
            end: to,
        };
        let mut out = Vec::new();
        let mut i = from;
        while i < to {
            let (parts, next) = p.term(i)?;
            out.extend(parts);
            i = next;
            if i >= to {
                break;
            }
            if let Some(n) = p.is_concat(i) {
                i += n;
            } else if punct(p.tok(i)) == Some(",") {
                i += 1;
            } else if self.env.profile.id != "dataflex" {
                // DataFlex's `Showln "a" b` writes its operands one after another.
                return None;
            }
        }
        Some(out)
    }

    /// One term at `i`: its parts and the index after it.
    fn term(&self, i: usize) -> Option<(Vec<Part>, usize)> {
        let t = self.tok(i)?;
        let (parts, mut next) = match &t.tok {
            Tok::Punct(p) if p == "(" => {
                let close = self.matching(i)?;
                (self.expr(i + 1, close)?, close + 1)
            }
            // Go's `*json.Emit()`, Objective-C's `@"…"` prefix, unary plus.
            Tok::Punct(p) if p == "*" || p == "@" => return self.term(i + 1),
            Tok::Punct(p) if p == "[" => self.bracket(i)?,
            Tok::Ident(p) if p == "$" && punct(self.tok(i + 1)) == Some("(") => {
                let close = self.matching(i + 1)?;
                (self.expr(i + 2, close)?, close + 1)
            }
            Tok::Str(s) => (self.string(t, s)?, i + 1),
            Tok::Num(n) => (vec![Part::Lit(n.clone())], i + 1),
            Tok::Bool(b) => (vec![Part::Lit(b.to_string())], i + 1),
            Tok::Ident(name) => self.name(i, name)?,
            _ => return None,
        };
        // Postfix conversions and Swift's `!`.
        loop {
            match punct(self.tok(next)) {
                Some("!") => next += 1,
                Some("." | "->")
                    if ident(self.tok(next + 1))
                        .is_some_and(|w| POSTFIX.contains(&w.to_ascii_lowercase().as_str())) =>
                {
                    next += 2;
                    if punct(self.tok(next)) == Some("(") && punct(self.tok(next + 1)) == Some(")")
                    {
                        next += 2;
                    }
                }
                _ => break,
            }
        }
        Some((parts, next))
    }

    /// A string literal, with the variables it interpolates.
    fn string(&self, t: &Token, decoded: &str) -> Parts {
        let raw = &self.env.src[t.start..t.end];
        match interp::split(raw, self.env.profile) {
            None => Some(vec![Part::Lit(decoded.to_string())]),
            Some(pieces) => {
                let mut out = Vec::new();
                for piece in pieces {
                    match piece {
                        interp::Piece::Text(s) => out.push(Part::Lit(s)),
                        interp::Piece::Code(code) => {
                            let toks = super::scan::scan(&code, self.env.profile);
                            let toks: Vec<Token> = toks
                                .into_iter()
                                .filter(|t| !matches!(t.tok, Tok::Newline))
                                .collect();
                            let env = Env {
                                src: &code,
                                profile: self.env.profile,
                                consts: self.env.consts,
                                vars: self.env.vars,
                            };
                            let p = P {
                                toks: &toks,
                                env: &env,
                                end: toks.len(),
                            };
                            out.extend(p.expr(0, toks.len())?);
                        }
                    }
                }
                Some(out)
            }
        }
    }

    /// A variable, a newline word, a conversion, or a call.
    fn name(&self, i: usize, name: &str) -> Option<(Vec<Part>, usize)> {
        let lower = name.to_ascii_lowercase();
        let next = punct(self.tok(i + 1));
        if NEWLINES.contains(&lower.as_str()) && next != Some("(") {
            return Some((vec![Part::Lit("\n".into())], i + 1));
        }
        // `std::endl`, `Environment.NewLine`, `System.lineSeparator()`
        if matches!(next, Some("::" | ".")) {
            let last = ident(self.tok(i + 2)).map(str::to_ascii_lowercase);
            if matches!(last.as_deref(), Some("endl" | "newline" | "lineseparator")) {
                let mut end = i + 3;
                if punct(self.tok(end)) == Some("(") && punct(self.tok(end + 1)) == Some(")") {
                    end += 2;
                }
                return Some((vec![Part::Lit("\n".into())], end));
            }
        }
        // A dotted chain: `a.b.c(…)` or `a->b` or `Class::fn(…)`.
        let mut chain = vec![(i, name.to_string())];
        let mut j = i + 1;
        while matches!(punct(self.tok(j)), Some("." | "->" | "::")) {
            let Some(w) = ident(self.tok(j + 1)) else {
                break;
            };
            // `x.ToString()` ends the chain; `Convert.ToString(x)` is a call.
            let has_args =
                punct(self.tok(j + 2)) == Some("(") && punct(self.tok(j + 3)) != Some(")");
            if POSTFIX.contains(&w.to_ascii_lowercase().as_str()) && !has_args {
                break;
            }
            chain.push((j + 1, w.to_string()));
            j += 2;
        }
        let (last_at, last) = chain.last().cloned()?;
        let call = punct(self.tok(last_at + 1)) == Some("(");
        let (args, after) = if call {
            let close = self.matching(last_at + 1)?;
            (self.split_commas(last_at + 2, close), close + 1)
        } else {
            (Vec::new(), last_at + 1)
        };
        let last_lower = last.to_ascii_lowercase();
        // T-SQL's `CONVERT(nvarchar, @x)`: the value is the last argument.
        if last_lower == "convert" && call && args.len() == 2 && chain.len() == 1 {
            let (a, b) = args[1];
            return Some((self.expr(a, b)?, after));
        }
        if CONVERSIONS.contains(&last_lower.as_str()) && call {
            let (a, b) = *args.first()?;
            return Some((self.expr(a, b)?, after));
        }
        // The receiver: the word before the method (`rest.X`), else the first argument
        // (`CkRest_X(rest)`, `CkRest::ckX(rest)`).
        let (recv, rest_args) = if chain.len() >= 2 && !names::is_class_name(&chain[0].1) {
            (Some(clean_name(&chain[chain.len() - 2].1)), &args[..])
        } else if chain.len() == 1 && !call {
            if let Some(v) = self.variable(name) {
                return Some((vec![v], i + 1));
            }
            return None;
        } else {
            let (a, b) = *args.first()?;
            let recv = ident(self.tok(a)).filter(|_| b == a + 1).map(clean_name);
            (recv, args.get(1..).unwrap_or(&[]))
        };
        let part = self.member(recv?, &last, rest_args)?;
        Some((vec![part], after))
    }

    fn variable(&self, name: &str) -> Option<Part> {
        let v = clean_name(name);
        if let Some(value) = self.env.consts.get(&v) {
            return Some(Part::Lit(value.clone()));
        }
        self.env.vars.contains(&v).then_some(Part::Var(v))
    }

    /// `recv.name(args)` as a part.
    fn member(&self, recv: String, name: &str, args: &[(usize, usize)]) -> Option<Part> {
        if let Some(g) = names::getter(name) {
            return Some(Part::Get(g, recv));
        }
        let swift = (self.env.profile.id == "swift")
            .then(|| names::swift_reader(name))
            .flatten();
        match names::method(name).or(swift)? {
            Method::Emit => Some(Part::Emit(recv)),
            m if m.is_read() => {
                let (mut a, b) = *args.first()?;
                // Swift's argument label: `string(of: "path")`.
                if punct(self.tok(a + 1)) == Some(":") && ident(self.tok(a)).is_some() {
                    a += 2;
                }
                let path = self.expr(a, b).map(merge)?;
                let [Part::Lit(path)] = path.as_slice() else {
                    return None;
                };
                Some(Part::Read {
                    obj: recv,
                    method: m,
                    path: path.clone(),
                })
            }
            _ => None,
        }
    }

    /// `[recv Method: arg]` (Objective-C) and `[Fn $recv arg]` (Tcl).
    fn bracket(&self, i: usize) -> Option<(Vec<Part>, usize)> {
        let close = self.matching(i)?;
        // `[x intValue]`: the value of `x`.
        if close > i + 2
            && ident(self.tok(close - 1))
                .is_some_and(|w| POSTFIX.contains(&w.to_ascii_lowercase().as_str()))
        {
            return Some((self.expr(i + 1, close - 1)?, close + 1));
        }
        let first = ident(self.tok(i + 1))?;
        let second = ident(self.tok(i + 2));
        let (recv, name, args_from) = if names::has_class_prefix(first) {
            (clean_name(second?), first.to_string(), i + 3)
        } else if names::method(first).is_some() || names::getter(first).is_some() {
            return None;
        } else {
            let mut from = i + 3;
            if punct(self.tok(from)) == Some(":") {
                from += 1;
            }
            (clean_name(first), second?.to_string(), from)
        };
        let args: Vec<(usize, usize)> = (args_from..close).map(|k| (k, k + 1)).collect();
        let part = self.member(recv, &name, &args)?;
        Some((vec![part], close + 1))
    }
}
