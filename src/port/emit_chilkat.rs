//! `--style chilkat`: the program call by call on pooler's Chilkat-compatible layer
//! (`CkRest()`, `CkAuthAws()`, `CkJsonObject()`, `CkStringBuilder()`), so old and new can be
//! diffed; sending goes through the same signed, validated client as `cognito.*`.

use super::emit_common::{join, place, specs_of};
use super::expr::Part;
use super::extract::{BranchKind, Event, Lit, Program};
use super::names::{Getter, Method};
use super::reads::{self, Loops};
use super::script_names::var;
use super::{Header, request};
use crate::rhai_literal::string;

fn lit(l: &Lit) -> String {
    match l {
        Lit::Str(s) => string(s),
        Lit::Num(n) => n.trim_start_matches('+').to_string(),
        Lit::Bool(b) => b.to_string(),
    }
}

/// The names the emitted script uses.
struct Names {
    rest: String,
    req: String,
    resp: String,
    resp_sb: String,
    /// The program's name for the response builder, when it had one.
    program_sb: Option<String>,
}

impl Names {
    fn part(&self, p: &Part) -> (bool, String) {
        let text = match p {
            Part::Lit(s) => return (true, string(s)),
            Part::Var(v) => var(v),
            Part::Get(g, recv) => match g {
                Getter::Status => format!("{}.ResponseStatusCode", self.rest),
                Getter::Header => format!("{}.ResponseHeader", self.rest),
                Getter::LastError => format!("{}.LastErrorText", self.rest),
                Getter::ConnectFail => format!("{}.ConnectFailReason", self.rest),
                Getter::LastSuccess => format!("{}.LastMethodSuccess", self.rest),
                Getter::AsString => {
                    // The response builder, unless it is the request's.
                    let request = self.program_sb.as_deref() != Some(recv.as_str())
                        && recv.to_ascii_lowercase().contains("request");
                    let sb = if request {
                        "sbRequestBody".to_string()
                    } else {
                        self.resp_sb.clone()
                    };
                    format!("{sb}.GetAsString()")
                }
            },
            Part::Read { obj, method, path } => {
                let target = if var(obj) == self.req {
                    &self.req
                } else {
                    &self.resp
                };
                format!("{target}.{}({})", method.name(), string(path))
            }
            Part::Emit(obj) => {
                let target = if var(obj) == self.req {
                    &self.req
                } else {
                    &self.resp
                };
                format!("{target}.Emit()")
            }
        };
        (false, text)
    }

    fn expr(&self, parts: &[Part]) -> String {
        join(parts.iter().map(|p| self.part(p)).collect())
    }
}

/// Writes the whole script.
pub fn emit(p: &Program, h: &Header) -> String {
    let mut out = h.comment_block();
    out.push_str(&h.review_block());
    let rest = p
        .rest_var
        .as_deref()
        .map_or_else(|| "rest".to_string(), var);
    let auth = p
        .auth_var
        .as_deref()
        .map_or_else(|| "authAws".to_string(), var);
    let (unknown, client) = h.client();
    let rest_of = if unknown.is_empty() {
        String::new()
    } else {
        client.to_string()
    };
    out.push_str(&format!(
        "{unknown}let {rest} = CkRest({rest_of});\nlet {auth} = CkAuthAws();\n"
    ));
    if let Some(region) = &h.region {
        out.push_str(&format!("{auth}.Region = {};\n", string(region)));
    }
    out.push_str(&format!(
        "{auth}.ServiceName = \"cognito-idp\";\n{rest}.SetAuthAws({auth});\n"
    ));
    let connect_var = p.events.iter().find_map(|e| match e {
        Event::Connect { var: Some(v) } => Some(var(v)),
        _ => None,
    });
    let connected = p.host_region.is_some() || h.region.is_some();
    if let Some(region) = p.host_region.as_ref().or(h.region.as_ref()) {
        let assign = connect_var
            .as_ref()
            .map(|v| format!("let {v} = "))
            .unwrap_or_default();
        out.push_str(&format!(
            "{assign}{rest}.Connect({}, 443, true, true);\n",
            string(&format!("cognito-idp.{region}.amazonaws.com"))
        ));
    }
    let req = request::request_object(p).map(var);
    let resp = request::response_object(p)
        .map(|r| var(&r))
        .unwrap_or_else(|| "jsonResponse".to_string());
    let req_name = req.clone().unwrap_or_else(|| "json".to_string());
    out.push_str(&format!("let {req_name} = CkJsonObject();\n"));
    let is_req = |o: &str| req.as_deref() == Some(var(o).as_str());
    let is_resp = |o: &str| var(o) == resp && !is_req(o);
    let program_sb = p.events.iter().find_map(|e| match e {
        Event::Send { resp_sb, .. } => resp_sb.clone(),
        _ => None,
    });
    let names = Names {
        rest: rest.clone(),
        req: req_name.clone(),
        resp: resp.clone(),
        resp_sb: program_sb
            .as_deref()
            .map_or_else(|| "sbResponseBody".to_string(), var),
        program_sb: program_sb.clone(),
    };
    let send_var = p
        .events
        .iter()
        .find_map(|e| match e {
            Event::Send { var: Some(v), .. } => Some(var(v)),
            _ => None,
        })
        .unwrap_or_else(|| "success".to_string());

    let mut sent = false;
    let send = |out: &mut String| {
        out.push_str(&format!(
            "{rest}.AddHeader(\"X-Amz-Target\", {});\nlet sbRequestBody = CkStringBuilder();\n{req_name}.EmitSb(sbRequestBody);\nlet {sb} = CkStringBuilder();\nlet {send_var} = {rest}.FullRequestSb(\"POST\", \"/\", sbRequestBody, {sb});\nlet {resp} = CkJsonObject();\n{resp}.LoadSb({sb});\n",
            string(&format!("AWSCognitoIdentityProviderService.{}", h.operation)),
            sb = names.resp_sb,
        ));
    };
    let mut state: [Option<i64>; 3] = [Some(0); 3];
    let mut delim = '.';
    let mut loops = Loops::default();
    let mut branches = 0usize;
    let opener = |resp: &str| {
        let resp = resp.to_string();
        move |_: usize, spec: &reads::LoopSpec| {
            let v = spec.var;
            format!(
                "for {v} in 0..{resp}.SizeOfArray({}) {{ {resp}.{} = {v};",
                string(&spec.array_path),
                v.to_ascii_uppercase()
            )
        }
    };
    for e in &p.events {
        let pad = "    ".repeat(loops.depth() + branches);
        match e {
            Event::Write {
                obj,
                method,
                path,
                value,
                ..
            } if is_req(obj) => {
                let value = match (method, value) {
                    // 1/0 in languages without booleans (Perl, Tcl, C, SQL).
                    (Method::UpdateBool, Some(Lit::Num(n))) => Some(Lit::Bool(n != "0")),
                    (_, v) => v.clone(),
                };
                let args = match &value {
                    Some(v) => format!("{}, {}", string(path), lit(v)),
                    None => string(path),
                };
                out.push_str(&format!("{req_name}.{}({args});\n", method.name()));
            }
            Event::Index {
                obj, which, value, ..
            } => {
                let name = which.to_ascii_uppercase();
                if is_req(obj) {
                    if let Some(v) = value {
                        out.push_str(&format!("{req_name}.{name} = {v};\n"));
                    }
                } else if is_resp(obj) {
                    state[(*which as u8 - b'i') as usize] = *value;
                    if let Some(v) = value {
                        out.push_str(&format!("{pad}{resp}.{name} = {v};\n"));
                    }
                }
            }
            Event::Delimiter { obj, value } => {
                if is_req(obj) {
                    out.push_str(&format!("{req_name}.DelimiterChar = {};\n", string(value)));
                } else if is_resp(obj) {
                    delim = value.chars().next().unwrap_or('.');
                    out.push_str(&format!("{pad}{resp}.DelimiterChar = {};\n", string(value)));
                }
            }
            Event::Send { .. } if !sent => {
                sent = true;
                send(&mut out);
            }
            Event::EmitCompact { obj, value } if is_resp(obj) => {
                out.push_str(&format!("{pad}{resp}.EmitCompact = {value};\n"));
            }
            Event::Print { obj } if is_resp(obj) => {
                if !sent {
                    sent = true;
                    send(&mut out);
                }
                loops.close_all(&mut out);
                let pad = "    ".repeat(branches);
                out.push_str(&format!("{pad}print({resp}.Emit());\n"));
            }
            Event::Say { depth, parts, .. } => {
                let specs = specs_of(parts, delim, state);
                place(&mut loops, *depth, &specs, &mut out, opener(&resp));
                let pad = "    ".repeat(loops.depth() + branches);
                out.push_str(&format!("{pad}print({});\n", names.expr(parts)));
            }
            Event::Let {
                var: v,
                part,
                depth,
            } => {
                let parts = std::slice::from_ref(part);
                let specs = specs_of(parts, delim, state);
                place(&mut loops, *depth, &specs, &mut out, opener(&resp));
                let pad = "    ".repeat(loops.depth() + branches);
                out.push_str(&format!("{pad}let {} = {};\n", var(v), names.expr(parts)));
            }
            Event::Branch { kind, .. } => {
                loops.close_all(&mut out);
                let pad = "    ".repeat(branches);
                let cond = match kind {
                    // No `Connect` written (no region known): it cannot have failed.
                    BranchKind::ConnectFailed => match (&connect_var, connected) {
                        (Some(v), true) => format!("!{v}"),
                        _ => "false".to_string(),
                    },
                    BranchKind::SendFailed => format!("!{send_var}"),
                    BranchKind::NotOk => format!("{rest}.ResponseStatusCode != 200"),
                };
                out.push_str(&format!("{pad}if {cond} {{\n"));
                branches += 1;
            }
            Event::EndBranch => {
                loops.close_all(&mut out);
                branches = branches.saturating_sub(1);
                out.push_str(&format!("{}}}\n", "    ".repeat(branches)));
            }
            Event::Exit => out.push_str(&format!("{pad}return;\n")),
            Event::Read {
                obj,
                method,
                path,
                var: target,
                depth,
            } if is_resp(obj) => {
                if !sent {
                    sent = true;
                    send(&mut out);
                }
                let specs = reads::parse(path, delim, state)
                    .map(|(_, specs)| specs)
                    .unwrap_or_default();
                place(&mut loops, *depth, &specs, &mut out, opener(&resp));
                let pad = "    ".repeat(loops.depth() + branches);
                let call = format!("{resp}.{}({})", method.name(), string(path));
                match target {
                    Some(t) => out.push_str(&format!("{pad}let {} = {call};\n", var(t))),
                    None => out.push_str(&format!("{pad}print({call});\n")),
                }
            }
            _ => {}
        }
    }
    loops.close_all(&mut out);
    while branches > 0 {
        branches -= 1;
        out.push_str(&format!("{}}}\n", "    ".repeat(branches)));
    }
    if !sent && super::sends(p) {
        send(&mut out);
    } else if !sent {
        out.push_str(
            "// The original program ends here, before it sends the request: nothing is sent.\n",
        );
    }
    out
}
