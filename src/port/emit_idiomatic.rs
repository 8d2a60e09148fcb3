//! `--style idiomatic`: the request as one Rhai map literal in the order the program built it,
//! one `cognito.<operation>(…)` call, and the response reads as plain Rhai with `for` loops.

use serde_json::Value;

use super::emit_common::{join, place, specs_of};
use super::expr::Part;
use super::extract::{BranchKind, Event, Program};
use super::names::{Getter, Method};
use super::reads::{self, Idx, Loops};
use super::script_names;
use super::{Header, request};
use crate::rhai_literal;

/// The Rhai expression for a read of `segs` from `resp`, inside the loops already open.
fn path_expr(segs: &[reads::Seg]) -> String {
    let mut base = "resp".to_string();
    for seg in segs {
        if !seg.name.is_empty() {
            base = script_names::member(&base, &seg.name);
        }
        for idx in &seg.idx {
            base = match idx {
                Idx::At(n) => format!("{base}?.get({n})"),
                Idx::Loop(v) => format!("item_{v}"),
            };
        }
    }
    base
}

/// The array expression a loop over `array_path` iterates.
fn array_expr(path: &str, delim: char, state: [Option<i64>; 3]) -> String {
    match reads::parse(path, delim, state) {
        Some((segs, _)) => path_expr(&segs),
        None => "[]".to_string(),
    }
}

fn read_expr(method: Method, expr: &str) -> String {
    match method {
        Method::StringOf => format!("{expr} ?? \"\""),
        Method::IntOf => format!("{expr} ?? 0"),
        Method::BoolOf => format!("{expr} ?? false"),
        Method::SizeOfArray => format!("({expr} ?? []).len()"),
        _ => format!("{expr} != ()"),
    }
}

/// Where a statement runs: after a successful call, or in the `catch` of a failed one.
#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    Ok,
    Catch,
}

/// The reading state the program set up on its response object.
struct Reader {
    resp_obj: Option<String>,
    state: [Option<i64>; 3],
    delim: char,
    compact: bool,
    loops: Loops,
    /// Extra indentation (inside `try`/`catch`/`if`).
    indent: usize,
}

impl Reader {
    fn pad(&self) -> String {
        "    ".repeat(self.loops.depth() + self.indent)
    }

    fn part(&self, p: &Part, ctx: Ctx) -> (bool, String) {
        let catch = ctx == Ctx::Catch;
        let text = match p {
            Part::Lit(s) => return (true, rhai_literal::string(s)),
            Part::Var(v) => script_names::var(v),
            Part::Get(g, _) => match (g, catch) {
                (Getter::Status, true) => "e.status".into(),
                (Getter::Status, false) => "200".into(),
                (Getter::Header, true) => "\"x-amzn-RequestId: \" + e.request_id".into(),
                (Getter::Header, false) => "\"\"".into(),
                (Getter::AsString, true) => {
                    "json(#{ \"__type\": e.type, message: e.message }).emit_compact()".into()
                }
                (Getter::AsString, false) => "json(resp).emit_compact()".into(),
                (Getter::LastError, true) => "e.message".into(),
                (Getter::LastError, false) => "\"\"".into(),
                (Getter::ConnectFail, true) => {
                    "(if e.type == \"TimeoutError\" { 6 } else { 7 })".into()
                }
                (Getter::ConnectFail, false) => "0".into(),
                (Getter::LastSuccess, c) => (!c).to_string(),
            },
            Part::Emit(_) => {
                let emit = if self.compact { "emit_compact" } else { "emit" };
                format!("json(resp).{emit}()")
            }
            Part::Read { method, path, .. } => match reads::parse(path, self.delim, self.state) {
                Some((segs, _)) => read_expr(*method, &path_expr(&segs)),
                None => "()".into(),
            },
        };
        (false, text)
    }

    fn expr(&self, parts: &[Part], ctx: Ctx) -> String {
        join(parts.iter().map(|p| self.part(p, ctx)).collect())
    }

    fn is_resp(&self, obj: &str) -> bool {
        self.resp_obj.as_deref() == Some(obj)
    }

    /// Opens or closes loops for a statement at `depth` that reads `parts`.
    fn place(&mut self, depth: Option<usize>, parts: &[Part], out: &mut String) {
        let specs = specs_of(parts, self.delim, self.state);
        let (delim, state, indent) = (self.delim, self.state, self.indent);
        let mut body = String::new();
        place(&mut self.loops, depth, &specs, &mut body, |_, spec| {
            format!(
                "for item_{} in {} ?? [] {{",
                spec.var,
                array_expr(&spec.array_path, delim, state)
            )
        });
        indent_into(&body, indent, out);
    }

    /// Writes one event (after the call) in `ctx`.
    fn event(&mut self, e: &Event, ctx: Ctx, out: &mut String) {
        match e {
            Event::Index {
                obj, which, value, ..
            } if self.is_resp(obj) => {
                self.state[(*which as u8 - b'i') as usize] = *value;
            }
            Event::Delimiter { obj, value } if self.is_resp(obj) => {
                self.delim = value.chars().next().unwrap_or('.');
            }
            Event::EmitCompact { obj, value } if self.is_resp(obj) => {
                self.compact = *value;
            }
            Event::Print { obj } if self.is_resp(obj) => {
                let mut body = String::new();
                self.loops.close_all(&mut body);
                indent_into(&body, self.indent, out);
                let emit = if self.compact { "emit_compact" } else { "emit" };
                out.push_str(&format!("{}print(json(resp).{emit}());\n", self.pad()));
            }
            Event::Say { depth, parts, .. } => {
                self.place(*depth, parts, out);
                out.push_str(&format!(
                    "{}print({});\n",
                    self.pad(),
                    self.expr(parts, ctx)
                ));
            }
            Event::Let { var, part, depth } => {
                let parts = std::slice::from_ref(part);
                self.place(*depth, parts, out);
                out.push_str(&format!(
                    "{}let {} = {};\n",
                    self.pad(),
                    script_names::var(var),
                    self.expr(parts, ctx)
                ));
            }
            Event::Exit => out.push_str(&format!("{}return;\n", self.pad())),
            Event::Read {
                obj,
                method,
                path,
                var,
                depth,
            } if self.is_resp(obj) => {
                let Some((segs, _)) = reads::parse(path, self.delim, self.state) else {
                    out.push_str(&format!(
                        "{}// REVIEW: could not read the path {}\n",
                        self.pad(),
                        rhai_literal::string(path)
                    ));
                    return;
                };
                let part = Part::Read {
                    obj: obj.clone(),
                    method: *method,
                    path: path.clone(),
                };
                self.place(*depth, std::slice::from_ref(&part), out);
                let expr = read_expr(*method, &path_expr(&segs));
                match var {
                    Some(v) => out.push_str(&format!(
                        "{}let {} = {expr};\n",
                        self.pad(),
                        script_names::var(v)
                    )),
                    None => out.push_str(&format!("{}print({expr});\n", self.pad())),
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, out: &mut String) {
        let mut body = String::new();
        self.loops.close_all(&mut body);
        indent_into(&body, self.indent, out);
    }
}

fn indent_into(body: &str, indent: usize, out: &mut String) {
    for line in body.lines() {
        out.push_str(&"    ".repeat(indent));
        out.push_str(line);
        out.push('\n');
    }
}

/// The program cut where the call and its failure branches sit.
#[derive(Default)]
struct Sections<'a> {
    head: Vec<&'a Event>,
    net_fail: Vec<&'a Event>,
    has_net_branch: bool,
    between: Vec<&'a Event>,
    not_ok: Option<Vec<&'a Event>>,
    tail: Vec<&'a Event>,
}

fn sections(p: &Program) -> Sections<'_> {
    let mut s = Sections::default();
    let mut sent = false;
    let mut branch: Option<BranchKind> = None;
    let mut connect_seen = false;
    for e in &p.events {
        match e {
            Event::Send { .. } => sent = true,
            Event::Branch { kind, .. } => {
                branch = Some(*kind);
                match kind {
                    BranchKind::NotOk => s.not_ok = Some(Vec::new()),
                    BranchKind::ConnectFailed => {
                        connect_seen = true;
                        s.has_net_branch = true;
                    }
                    BranchKind::SendFailed => s.has_net_branch = true,
                }
            }
            Event::EndBranch => branch = None,
            _ => match branch {
                // A failed connect shows first; a failed send only when no connect branch.
                Some(BranchKind::ConnectFailed) => s.net_fail.push(e),
                Some(BranchKind::SendFailed) if !connect_seen => s.net_fail.push(e),
                Some(BranchKind::SendFailed) => {}
                Some(BranchKind::NotOk) => {
                    if let Some(v) = s.not_ok.as_mut() {
                        v.push(e);
                    }
                }
                None if !sent => s.head.push(e),
                None if s.not_ok.is_none() => s.between.push(e),
                None => s.tail.push(e),
            },
        }
    }
    s
}

/// Writes the whole script.
pub fn emit(p: &Program, h: &Header, body: &Value) -> String {
    let mut out = h.comment_block();
    if let Some(region) = &h.region {
        out.push_str(&format!(
            "// The original sent to {region}; delete this line to use the region from --region or the AWS configuration.\nlet cognito = cognito.with(#{{ region: {} }});\n\n",
            rhai_literal::string(region)
        ));
    }
    out.push_str(&h.review_block());
    let (unknown, client) = h.client();
    let call = match &h.snake {
        Some(snake) => format!("{client}.{snake}("),
        None => format!("{client}.call({}, ", rhai_literal::string(&h.operation)),
    };
    let mut reader = Reader {
        resp_obj: request::response_object(p),
        state: [Some(0); 3],
        delim: '.',
        compact: true,
        loops: Loops::default(),
        indent: 0,
    };
    let s = sections(p);
    for e in &s.head {
        reader.event(e, Ctx::Ok, &mut out);
    }
    reader.close(&mut out);
    if !super::sends(p) {
        let mut map = String::new();
        rhai_literal::json_value(body, 0, &mut map);
        out.push_str(&format!(
            "// The original program ends here, before it sends the request: nothing is sent.\nlet request = {map};\n"
        ));
        return out;
    }
    let guarded = s.has_net_branch || s.not_ok.is_some();
    out.push_str(unknown);
    if !guarded {
        let mut map = String::new();
        rhai_literal::json_value(body, 0, &mut map);
        out.push_str(&format!("let resp = {call}{map});\n"));
    } else {
        let mut map = String::new();
        rhai_literal::json_value(body, 1, &mut map);
        out.push_str(&format!(
            "let resp = #{{}};\ntry {{\n    resp = {call}{map});\n}} catch (e) {{\n"
        ));
        // Refused before sending: not something the original could see; stop as pooler does.
        out.push_str("    if e.type == \"ValidationError\" {\n        throw e;\n    }\n");
        // No status: the request never got an answer (Chilkat's failed connect or send).
        out.push_str("    if e.status == () {\n");
        reader.indent = 2;
        if s.has_net_branch {
            for e in &s.net_fail {
                reader.event(e, Ctx::Catch, &mut out);
            }
            reader.close(&mut out);
        } else {
            out.push_str("        throw e;\n");
        }
        out.push_str("    }\n");
        reader.indent = 1;
        match &s.not_ok {
            Some(branch) => {
                let saved = (reader.state, reader.delim, reader.compact);
                for e in s.between.iter().chain(branch) {
                    reader.event(e, Ctx::Catch, &mut out);
                }
                reader.close(&mut out);
                (reader.state, reader.delim, reader.compact) = saved;
            }
            None => out.push_str("    throw e;\n"),
        }
        out.push_str("}\n");
        reader.indent = 0;
    }
    for e in s.between.iter().chain(&s.tail) {
        reader.event(e, Ctx::Ok, &mut out);
    }
    reader.close(&mut out);
    out
}
