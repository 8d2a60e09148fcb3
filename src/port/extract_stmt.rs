//! The statements around the Chilkat calls: prints, the branches that handle a failed connect
//! or send or a non-200 answer, loops (for where code sits), `return`/`exit`, getters read
//! into variables, and variables given a literal (followed into later calls and prints).

use std::collections::HashMap;

use super::args::{clean_name, ident, is_punct};
use super::expr::{self, Env, Part};
use super::extract::{BranchKind, Event, Extractor, Lit};
use super::names::Getter;
use super::scan::Tok;
use super::stmt;

/// Words that may come before the name a declaration assigns.
const DECLARATIONS: &[&str] = &[
    "var", "let", "const", "dim", "local", "my", "our", "auto", "final", "static", "private",
    "public", "string", "int", "integer", "long", "boolean", "bool", "declare", "select", "char",
    "wchar_t", "nsstring", "std", "go", "global",
];

fn lit_text(l: &Lit) -> String {
    match l {
        Lit::Str(s) | Lit::Num(s) => s.clone(),
        Lit::Bool(b) => b.to_string(),
    }
}

impl Extractor<'_> {
    /// The variables with a known value, as text.
    fn const_texts(&self) -> HashMap<String, String> {
        self.consts
            .iter()
            .map(|(k, v)| (k.clone(), lit_text(v)))
            .collect()
    }

    /// Handles the statement at `i` when it is one of the kinds above; returns where to go on,
    /// or `None` to let the Chilkat-call scan read it.
    pub(super) fn statement(&mut self, i: usize) -> Option<usize> {
        let toks = self.toks;
        let end = stmt::statement_end(toks, i);
        let line = toks[i].line;
        self.track_assignment(i, end);
        if self.flattened {
            // A program that lost its line breaks: statements cannot be told apart.
            return None;
        }
        if let Some((from, form)) = stmt::print_at(toks, i, self.profile.id) {
            let consts = self.const_texts();
            let env = Env {
                src: self.src,
                profile: self.profile,
                consts: &consts,
                vars: &self.vars,
            };
            match expr::parse_print(toks, from, end, form, &env) {
                Some(mut parts) => {
                    // A real-looking key in a printed literal is not copied.
                    for part in &mut parts {
                        if let Part::Lit(text) = part {
                            let clean = crate::secrets::values::keys_replaced(
                                text,
                                super::extract::REDACTED_KEY,
                            );
                            if clean != *text {
                                self.program.warnings.push(format!(
                                    "line {line}: a printed literal that looks like a real AWS key was replaced by <redacted key>"
                                ));
                                *text = clean;
                            }
                        }
                    }
                    let depth = self.depth();
                    self.program.events.push(Event::Say { line, depth, parts });
                }
                None => self.review(i, end.saturating_sub(1)),
            }
            return Some(end);
        }
        if stmt::is_if(toks, i) {
            return Some(self.if_statement(i, end));
        }
        if stmt::is_loop(toks, i) {
            let body_end = self.blocks.end_of(toks, i);
            if let Some(e) = body_end {
                self.open_scope(e, false);
            }
            self.forget_assigned_in(i, body_end.unwrap_or(toks.len()));
            return None;
        }
        if stmt::is_exit(toks, i) {
            if self.in_branch() {
                self.program.events.push(Event::Exit);
            }
            return Some(end);
        }
        None
    }

    /// An `if`: a kept branch when it tests a connect/send result or the status code, else a
    /// review item covering its whole block.
    fn if_statement(&mut self, i: usize, end: usize) -> usize {
        let toks = self.toks;
        let line = toks[i].line;
        let last = end.saturating_sub(1).max(i);
        let text = &self.src[toks[i].end.min(toks[last].end)..toks[last].end];
        let lower = text.to_ascii_lowercase();
        let words: Vec<String> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let kind = if words.iter().any(|w| self.status_vars.contains(w))
            || lower.contains("responsestatuscode")
        {
            words
                .iter()
                .any(|w| w == "200")
                .then_some(BranchKind::NotOk)
        } else if let Some(k) = words.iter().find_map(|w| self.success_vars.get(w)) {
            Some(*k)
        } else if lower.contains("lastmethodsuccess") {
            Some(BranchKind::SendFailed)
        } else {
            None
        };
        let block_end = self.blocks.end_of(toks, i);
        if let (Some(kind), Some(block_end)) = (kind, block_end) {
            self.program.events.push(Event::Branch { line, kind });
            self.open_scope(block_end, true);
            return end;
        }
        // Not understood: the `if` and its block stay for review, in one item.
        let next = block_end.unwrap_or(end).max(end);
        self.review(i, last);
        if let Some(e) = block_end.filter(|&e| e > end)
            && let Some(r) = self.program.reviews.last_mut()
        {
            let through = match toks.get(e) {
                None => "the end".to_string(),
                Some(t) => format!("line {}", t.line),
            };
            r.text.push_str(&format!(
                " (its block, through {through}, is not translated)"
            ));
        }
        next
    }

    /// `x = <literal or concatenation of known values>` makes `x` known; any other assignment
    /// forgets what `x` was.
    fn track_assignment(&mut self, i: usize, end: usize) {
        let Some((name, from, to)) = self.assignment_at(i, end) else {
            return;
        };
        self.status_vars.remove(&name);
        self.success_vars.remove(&name);
        let consts = self.const_texts();
        let none = Default::default();
        let env = Env {
            src: self.src,
            profile: self.profile,
            consts: &consts,
            vars: &none,
        };
        let single = (to == from + 1).then(|| self.toks[from].tok.clone());
        let value = match (single, expr::parse_value(self.toks, from, to, &env)) {
            (Some(Tok::Num(n)), _) => Some(Lit::Num(n)),
            (Some(Tok::Bool(b)), _) => Some(Lit::Bool(b)),
            (_, Some(parts)) => match parts.as_slice() {
                [] => Some(Lit::Str(String::new())),
                [Part::Lit(s)] => Some(Lit::Str(s.clone())),
                _ => None,
            },
            _ => None,
        };
        match value {
            Some(v) => {
                self.consts.insert(name, v);
            }
            None => {
                self.consts.remove(&name);
            }
        }
    }

    /// Variables assigned anywhere in a loop (from token `i` up to token `end`) have no single
    /// value inside it (`i = i + 1`).
    fn forget_assigned_in(&mut self, i: usize, end: usize) {
        let toks = self.toks;
        let mut k = i;
        while k < toks.len().min(end) {
            if stmt::starts_statement(toks, k) || k == i {
                let end = stmt::statement_end(toks, k);
                if let Some((name, _, _)) = self.assignment_at(k, end) {
                    self.consts.remove(&name);
                }
                // `for (i = 0; …; i++)`, `For i = 0 To n`: the loop's own variable.
                if k == i
                    && let Some(name) = (k + 1..end).find_map(|j| {
                        ident(toks.get(j)).filter(|_| {
                            is_punct(toks.get(j + 1), "=") || is_punct(toks.get(j + 1), ":=")
                        })
                    })
                {
                    self.consts.remove(&clean_name(name));
                }
            }
            k += 1;
        }
    }

    /// The variable a statement assigns and its value's token range.
    fn assignment_at(&self, i: usize, end: usize) -> Option<(String, usize, usize)> {
        let toks = self.toks;
        let first = ident(toks.get(i))?.to_ascii_lowercase();
        if first == "set" && self.profile.id == "tcl" {
            let name = ident(toks.get(i + 1))?;
            return (i + 2 < end).then(|| (clean_name(name), i + 2, end));
        }
        if first == "move" {
            let to = (i + 1..end)
                .find(|&k| ident(toks.get(k)).is_some_and(|w| w.eq_ignore_ascii_case("to")))?;
            return Some((clean_name(ident(toks.get(to + 1))?), i + 1, to));
        }
        let mut k = i;
        while k < end
            && (ident(toks.get(k))
                .is_some_and(|w| DECLARATIONS.contains(&w.to_ascii_lowercase().as_str()))
                && !is_punct(toks.get(k + 1), "=")
                || is_punct(toks.get(k), "::")
                || is_punct(toks.get(k), "*"))
        {
            k += 1;
        }
        let name = ident(toks.get(k))?;
        k += 1;
        // PureBasic's type suffix (`region.s`), VB's `As String`.
        if is_punct(toks.get(k), ".") && ident(toks.get(k + 1)).is_some_and(|w| w.len() == 1) {
            k += 2;
        }
        if ident(toks.get(k)).is_some_and(|w| w.eq_ignore_ascii_case("as")) {
            k += 2;
        }
        if !(is_punct(toks.get(k), "=") || is_punct(toks.get(k), ":=")) {
            return None;
        }
        (k + 1 < end).then(|| (clean_name(name), k + 1, end))
    }

    /// A getter read at `i` (`x = rest.ResponseStatusCode`); returns where to go on.
    pub(super) fn getter(
        &mut self,
        g: Getter,
        i: usize,
        recv: Option<String>,
        start: usize,
    ) -> usize {
        // A property read (`rest.ResponseStatusCode`): nothing more to parse.
        if recv.is_some() && !is_punct(self.toks.get(i + 1), "(") {
            if let (Some(var), Some(recv)) = (self.assigned_to(start), recv) {
                self.set_var(g, recv, var);
            }
            return i + 1;
        }
        let call = self.call(i, recv.is_some());
        let recv = recv.or(call.recv.clone()).unwrap_or_default();
        if let Some(var) = self.assigned_to(start).or(call.out_var.clone()) {
            self.set_var(g, recv, var);
        }
        call.end
    }

    /// `var` now holds getter `g` of `recv`.
    pub(super) fn set_var(&mut self, g: Getter, recv: String, var: String) {
        self.vars.insert(var.clone());
        self.consts.remove(&var);
        if g == Getter::Status {
            self.status_vars.insert(var.clone());
        }
        let depth = self.depth();
        self.program.events.push(Event::Let {
            var,
            part: Part::Get(g, recv),
            depth,
        });
    }

    /// The variable a connect or send result goes to, remembered for the `if` that tests it.
    pub(super) fn result_var(
        &mut self,
        start: usize,
        out_var: Option<String>,
        kind: BranchKind,
    ) -> Option<String> {
        let var = self.assigned_to(start).or(out_var)?;
        self.success_vars.insert(var.clone(), kind);
        Some(var)
    }

    /// The last variable among the arguments in `[from, to)` (the response body of
    /// `FullRequestSb`), not counting an output variable.
    pub(super) fn last_ident(&self, from: usize, to: usize) -> Option<String> {
        let toks = self.toks;
        (from..to.min(toks.len())).rev().find_map(|k| {
            let name = ident(toks.get(k))?;
            let after = ident(toks.get(k + 1)).map(str::to_ascii_lowercase);
            let before = ident(toks.get(k.wrapping_sub(1))).map(str::to_ascii_lowercase);
            let lower = name.to_ascii_lowercase();
            // `sb.ControlInterface` (Delphi): the variable, not its member.
            let member = is_punct(toks.get(k.wrapping_sub(1)), ".");
            let out = member
                || matches!(after.as_deref(), Some("out" | "output"))
                || before.as_deref() == Some("to")
                || matches!(lower.as_str(), "out" | "output" | "to")
                || super::names::method(name).is_some();
            (!out).then(|| clean_name(name))
        })
    }
}
