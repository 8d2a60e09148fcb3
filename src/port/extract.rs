//! Finds the Chilkat calls in a token stream: JSON writes and reads, `I`/`J`/`K`,
//! `DelimiterChar`, the `X-Amz-Target` header, the AuthAws region and the Connect host, the
//! send and the printing of the response; everything else on a Chilkat object that cannot be
//! translated becomes a review item with its line.

use std::collections::{HashMap, HashSet};

use super::args::{Call, clean_name, ident, is_punct};
use super::blocks::Blocks;
use super::expr::Part;
use super::lang::Profile;
use super::names::{self, Method, Prop};
use super::scan::{Tok, Token};
use crate::secrets::values::{is_access_key_id, is_secret_access_key, keys_replaced};

/// What a literal that looks like a real key becomes in the ported script.
pub(super) const REDACTED_KEY: &str = "<redacted key>";

/// A literal argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Str(String),
    Num(String),
    Bool(bool),
}

/// One thing the program does that the port keeps.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Write {
        line: usize,
        obj: String,
        method: Method,
        path: String,
        value: Option<Lit>,
    },
    /// `obj.I = n`; `None` when the value is a variable (a loop).
    Index {
        line: usize,
        obj: String,
        which: char,
        value: Option<i64>,
    },
    Delimiter {
        obj: String,
        value: String,
    },
    EmitCompact {
        obj: String,
        value: bool,
    },
    Read {
        obj: String,
        method: Method,
        path: String,
        var: Option<String>,
        /// Loops of the program around it (`None`: its blocks cannot be told).
        depth: Option<usize>,
    },
    Print {
        obj: String,
    },
    /// The request is sent; `var` holds the result (`success = rest.FullRequestSb(…)`).
    Send {
        var: Option<String>,
        /// The response `CkStringBuilder` (`FullRequestSb`'s last argument).
        resp_sb: Option<String>,
    },
    /// `success = rest.Connect(…)`
    Connect {
        var: Option<String>,
    },
    /// A print, its operands translated.
    Say {
        line: usize,
        depth: Option<usize>,
        parts: Vec<Part>,
    },
    /// A variable given a getter's value (`respStatusCode = rest.ResponseStatusCode`).
    Let {
        var: String,
        part: Part,
        depth: Option<usize>,
    },
    /// The start of a branch the port keeps: a failed connect or send, a non-200 answer.
    Branch {
        line: usize,
        kind: BranchKind,
    },
    EndBranch,
    /// `return`, `exit`, `Exit Sub` inside a branch.
    Exit,
}

/// Which failure a kept branch handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BranchKind {
    ConnectFailed,
    SendFailed,
    /// `if (respStatusCode != 200)`
    NotOk,
}

/// An open block of the program.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scope {
    Loop,
    Branch,
}

/// Something left for a person to look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub line: usize,
    pub text: String,
}

/// What the extractor found.
#[derive(Debug, Default)]
pub struct Program {
    pub events: Vec<Event>,
    pub operation: Option<String>,
    pub region: Option<String>,
    pub host_region: Option<String>,
    /// The program's names for its CkRest and CkAuthAws objects.
    pub rest_var: Option<String>,
    pub auth_var: Option<String>,
    pub reviews: Vec<Review>,
    pub warnings: Vec<String>,
}

pub(super) struct Extractor<'a> {
    pub(super) src: &'a str,
    pub(super) toks: &'a [Token],
    pub(super) profile: &'a Profile,
    pub(super) program: Program,
    writes_on: HashSet<String>,
    /// Variables holding a known literal at this point of the program.
    pub(super) consts: HashMap<String, Lit>,
    /// Variables the port defines (reads, getters, results).
    pub(super) vars: HashSet<String>,
    /// Variables holding a status code, and those holding a connect/send result.
    pub(super) status_vars: HashSet<String>,
    pub(super) success_vars: HashMap<String, BranchKind>,
    pub(super) blocks: Blocks,
    /// A program that lost its line breaks where its language needs them.
    pub(super) flattened: bool,
    /// Open blocks: where each ends, and what it is.
    scopes: Vec<(usize, Scope)>,
}

/// Extracts the Chilkat calls from `toks` (scanned from `src` by `profile`'s rules);
/// `lost_breaks` when the scanner found the program flattened.
pub fn extract(src: &str, toks: &[Token], profile: &Profile, lost_breaks: bool) -> Program {
    let flattened = lost_breaks && profile.needs_line_breaks();
    let mut x = Extractor {
        src,
        toks,
        profile,
        program: Program::default(),
        writes_on: HashSet::new(),
        consts: HashMap::new(),
        vars: HashSet::new(),
        status_vars: HashSet::new(),
        success_vars: HashMap::new(),
        blocks: Blocks::new(src, toks, profile),
        flattened,
        scopes: Vec::new(),
    };
    if flattened {
        x.program.reviews.push(Review {
            line: 0,
            text: format!(
                "the program lost its line breaks, which {} needs to tell its statements apart: only its Emit() prints are kept; restore them and port again",
                profile.name
            ),
        });
    }
    let objects = x.chilkat_objects();
    let mut i = 0;
    while i < toks.len() {
        if super::stmt::starts_statement(toks, i) {
            x.close_scopes(i);
            if let Some(next) = x.statement(i) {
                i = next.max(i + 1);
                continue;
            }
        }
        i = x.step(i, &objects).max(i + 1);
    }
    x.close_scopes(usize::MAX);
    x.program
}

impl Extractor<'_> {
    /// Variables that Chilkat methods are called on.
    fn chilkat_objects(&self) -> HashSet<String> {
        let mut set = HashSet::new();
        for (i, t) in self.toks.iter().enumerate() {
            if let Tok::Ident(name) = &t.tok
                && (names::method(name).is_some() || names::setter(name).is_some())
                && let Some(recv) = self.receiver_before(i)
            {
                set.insert(recv);
            }
        }
        set
    }

    /// `recv.Method`, `recv->Method`, `[recv Method`: the receiver's name.
    fn receiver_before(&self, i: usize) -> Option<String> {
        let prev = self.toks.get(i.checked_sub(1)?);
        if is_punct(prev, ".") || is_punct(prev, "->") || is_punct(prev, "::") {
            let r = ident(self.toks.get(i.checked_sub(2)?))?;
            if names::is_class_name(r) {
                return None;
            }
            return Some(clean_name(r));
        }
        let r = ident(prev)?;
        is_punct(self.toks.get(i.checked_sub(2)?), "[").then(|| clean_name(r))
    }

    fn text(&self, from: usize, to: usize) -> String {
        let (Some(a), Some(b)) = (
            self.toks.get(from),
            self.toks.get(to.min(self.toks.len() - 1)),
        ) else {
            return String::new();
        };
        let t: String = self.src[a.start..b.end.max(a.start)]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if t.chars().count() > 160 {
            format!("{}…", t.chars().take(160).collect::<String>())
        } else {
            t
        }
    }

    /// Closes the blocks that end at or before token `at`.
    fn close_scopes(&mut self, at: usize) {
        while let Some(&(end, scope)) = self.scopes.last() {
            if end > at {
                break;
            }
            self.scopes.pop();
            if scope == Scope::Branch {
                self.program.events.push(Event::EndBranch);
            }
        }
    }

    /// Opens a block that ends at token `end`.
    pub(super) fn open_scope(&mut self, end: usize, branch: bool) {
        let scope = if branch { Scope::Branch } else { Scope::Loop };
        self.scopes.push((end, scope));
    }

    /// How many of the program's loops are open (`None` when blocks cannot be told).
    pub(super) fn depth(&self) -> Option<usize> {
        (!self.flattened).then(|| {
            self.scopes
                .iter()
                .filter(|(_, s)| *s == Scope::Loop)
                .count()
        })
    }

    /// True inside a kept branch.
    pub(super) fn in_branch(&self) -> bool {
        self.scopes.iter().any(|(_, s)| *s == Scope::Branch)
    }

    pub(super) fn review(&mut self, from: usize, to: usize) {
        let line = self.toks[from].line;
        let text = keys_replaced(&self.text(from, to), REDACTED_KEY);
        self.program.reviews.push(Review { line, text });
    }

    fn step(&mut self, i: usize, objects: &HashSet<String>) -> usize {
        let toks = self.toks;
        let t = &toks[i];
        match &t.tok {
            Tok::Ident(name) => {
                let name = name.clone();
                let recv = self.receiver_before(i);
                let start = if recv.is_some() {
                    i.saturating_sub(2)
                } else {
                    i
                };
                let swift = (self.profile.id == "swift"
                    && is_punct(toks.get(i + 1), "(")
                    && ident(toks.get(i + 2)) == Some("of"))
                .then(|| names::swift_reader(&name))
                .flatten();
                if let Some(m) = names::method(&name).or(swift) {
                    let call = self.call(i, recv.is_some());
                    let recv = recv.or(call.recv.clone()).unwrap_or_default();
                    self.method(m, recv, &call, start);
                    return call.end;
                }
                if let Some(g) = names::getter(&name) {
                    return self.getter(g, i, recv, start);
                }
                // DataFlex: `Set ComRegion Of hoAuthAws To "us-west-2"`.
                let dataflex_set =
                    i > 0 && ident(toks.get(i - 1)).is_some_and(|w| w.eq_ignore_ascii_case("set"));
                if let Some(p) = names::setter(&name)
                    && (is_punct(toks.get(i + 1), "(")
                        || names::has_class_prefix(&name)
                        || dataflex_set)
                {
                    let call = self.call(i, recv.is_some());
                    let recv = recv.or(call.recv.clone()).unwrap_or_default();
                    self.prop(p, recv, &call, start);
                    return call.end;
                }
                if let (Some(p), Some(recv)) = (names::property(&name), recv.clone()) {
                    let next = toks.get(i + 1);
                    // `x.i = CkRest::ckCreate()` is PureBasic's type suffix, not Chilkat's `I`.
                    let value_is_call = ident(toks.get(i + 2)).is_some()
                        && (is_punct(toks.get(i + 3), "::") || is_punct(toks.get(i + 3), "("));
                    if (is_punct(next, "=") || is_punct(next, ":=")) && !value_is_call {
                        let call = self.assignment(i + 2);
                        self.prop(p, recv, &call, start);
                        return call.end;
                    }
                    return i + 1;
                }
                if let Some(recv) = recv
                    && objects.contains(&recv)
                    && is_punct(toks.get(i + 1), "(")
                    && !names::is_boilerplate(&name)
                {
                    let call = self.call(i, true);
                    self.review(start, call.end);
                    return call.end;
                }
                if name.eq_ignore_ascii_case("sp_OAMethod")
                    || name.eq_ignore_ascii_case("sp_OASetProperty")
                    || name.eq_ignore_ascii_case("sp_OAGetProperty")
                {
                    return self.sql(i);
                }
                i + 1
            }
            _ => i + 1,
        }
    }

    /// `EXEC @hr = sp_OAMethod @obj, 'Method', @out OUT, 'arg', …` and `sp_OASetProperty`.
    fn sql(&mut self, i: usize) -> usize {
        let toks = self.toks;
        let Some(recv) = ident(toks.get(i + 1)).map(clean_name) else {
            return i + 1;
        };
        let Some(Tok::Str(name)) = toks.get(i + 3).map(|t| &t.tok) else {
            return i + 1;
        };
        let name = name.clone();
        let call = self.call(i + 3, true);
        if let Some(m) = names::method(&name) {
            self.method(m, recv, &call, i);
        } else if let Some(g) = names::getter(&name) {
            if let Some(var) = call.out_var.clone() {
                self.set_var(g, recv, var);
            }
        } else if let Some(p) = names::property(&name) {
            self.prop(p, recv, &call, i);
        } else if !names::is_boilerplate(&name) {
            self.review(i, call.end);
        }
        call.end
    }

    fn method(&mut self, m: Method, recv: String, call: &Call, start: usize) {
        let lits = &call.lits;
        let short = lits.len() < m.arity();
        let str_at = |k: usize| match lits.get(k) {
            Some(Lit::Str(s)) => Some(s.clone()),
            _ => None,
        };
        if m.is_write() {
            let path = str_at(0);
            let value = lits.get(1).cloned();
            let ok = match (m, &value) {
                (Method::UpdateString, Some(Lit::Str(_))) => true,
                (Method::UpdateInt, Some(Lit::Num(n))) => n.parse::<i64>().is_ok(),
                (Method::UpdateBool, Some(Lit::Bool(_))) => true,
                (Method::UpdateBool, Some(Lit::Num(n))) => n == "0" || n == "1",
                (Method::UpdateNumber, Some(Lit::Str(_) | Lit::Num(_))) => true,
                (Method::UpdateNull | Method::UpdateNewObject | Method::UpdateNewArray, _) => true,
                _ => false,
            };
            match path {
                Some(path) if ok && !call.opaque && !short => {
                    self.writes_on.insert(recv.clone());
                    self.program.events.push(Event::Write {
                        line: self.toks[start].line,
                        obj: recv,
                        method: m,
                        path,
                        value: if m.arity() == 2 { value } else { None },
                    });
                }
                _ => self.review(start, call.end),
            }
            return;
        }
        if m.is_read() {
            match str_at(0) {
                Some(path) if !call.opaque => {
                    let var = self.assigned_to(start).or(call.out_var.clone());
                    if let Some(v) = &var {
                        self.vars.insert(v.clone());
                        self.consts.remove(v);
                    }
                    let depth = self.depth();
                    self.program.events.push(Event::Read {
                        obj: recv,
                        method: m,
                        path,
                        var,
                        depth,
                    });
                }
                _ => self.review(start, call.end),
            }
            return;
        }
        if m.class() == names::Class::Rest && !recv.is_empty() {
            self.program.rest_var.get_or_insert(recv.clone());
        }
        match m {
            Method::AddHeader => match (str_at(0), str_at(1)) {
                (Some(h), Some(v)) if h.eq_ignore_ascii_case("x-amz-target") => {
                    let op = v.rsplit('.').next().unwrap_or(&v).to_string();
                    self.program.operation = Some(op);
                }
                (Some(_), Some(_)) => {}
                _ => self.review(start, call.end),
            },
            Method::Connect => match str_at(0) {
                Some(host) => {
                    self.program.host_region = region_of_host(&host);
                    let var =
                        self.result_var(start, call.out_var.clone(), BranchKind::ConnectFailed);
                    self.program.events.push(Event::Connect { var });
                }
                None => self.review(start, call.end),
            },
            Method::Emit if !self.writes_on.contains(&recv) => {
                match self.assigned_to(start).or(call.out_var.clone()) {
                    Some(var) => {
                        self.vars.insert(var.clone());
                        let depth = self.depth();
                        self.program.events.push(Event::Let {
                            var,
                            part: Part::Emit(recv),
                            depth,
                        });
                    }
                    None => self.program.events.push(Event::Print { obj: recv }),
                }
            }
            Method::FullRequestSb | Method::FullRequestString => {
                let var = if m == Method::FullRequestSb {
                    self.result_var(start, call.out_var.clone(), BranchKind::SendFailed)
                } else {
                    None
                };
                let resp_sb = (m == Method::FullRequestSb)
                    .then(|| self.last_ident(start, call.end))
                    .flatten();
                self.program.events.push(Event::Send { var, resp_sb });
            }
            _ => {}
        }
    }

    fn prop(&mut self, p: Prop, recv: String, call: &Call, start: usize) {
        let auth = matches!(
            p,
            Prop::Region | Prop::AccessKey | Prop::SecretKey | Prop::ServiceName
        );
        if auth && !recv.is_empty() {
            self.program.auth_var.get_or_insert(recv.clone());
        }
        let lit = call.lits.first().cloned();
        let int = match &lit {
            Some(Lit::Num(n)) => n.parse::<i64>().ok(),
            _ => None,
        };
        let text = match &lit {
            Some(Lit::Str(s)) => Some(s.clone()),
            _ => None,
        };
        match p {
            Prop::I | Prop::J | Prop::K => {
                let which = match p {
                    Prop::I => 'i',
                    Prop::J => 'j',
                    _ => 'k',
                };
                let value = if call.opaque { None } else { int };
                self.program.events.push(Event::Index {
                    line: self.toks[start].line,
                    obj: recv,
                    which,
                    value,
                });
            }
            Prop::DelimiterChar => match text {
                Some(value) => self
                    .program
                    .events
                    .push(Event::Delimiter { obj: recv, value }),
                None => self.review(start, call.end),
            },
            Prop::EmitCompact => {
                let value = match lit {
                    Some(Lit::Bool(b)) => b,
                    Some(Lit::Num(n)) => n != "0",
                    _ => true,
                };
                self.program
                    .events
                    .push(Event::EmitCompact { obj: recv, value });
            }
            Prop::Region => match text {
                Some(r) => self.program.region = Some(r),
                None => self.review(start, call.end),
            },
            Prop::AccessKey | Prop::SecretKey => {
                if let Some(v) = text
                    && (if p == Prop::SecretKey {
                        is_secret_access_key(&v)
                    } else {
                        is_access_key_id(&v)
                    })
                {
                    let what = if p == Prop::SecretKey {
                        "secret key"
                    } else {
                        "access key id"
                    };
                    let line = self.toks[start].line;
                    self.program.warnings.push(format!(
                            "line {line}: a literal that looks like a real AWS {what} was not copied; pooler uses the standard AWS credential chain (rotate that key if it was ever shared)"
                        ));
                }
            }
            Prop::ServiceName => {}
        }
    }
}

/// `cognito-idp.us-west-2.amazonaws.com` → `us-west-2`.
pub use crate::aws::endpoint::region_of_host;
