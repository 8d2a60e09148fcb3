//! `--style chilkat`: the program call by call on pooler's Chilkat-compatible layer
//! (`CkRest()`, `CkAuthAws()`, `CkJsonObject()`, `CkStringBuilder()`), so old and new can be
//! diffed; sending goes through the same signed, validated client as `cognito.*`.

use super::extract::{Event, Lit, Program};
use super::names::Method;
use super::reads::{self, Loops};
use super::rhai_text::{string, var};
use super::{Header, request};

fn lit(l: &Lit) -> String {
    match l {
        Lit::Str(s) => string(s),
        Lit::Num(n) => n.trim_start_matches('+').to_string(),
        Lit::Bool(b) => b.to_string(),
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
    out.push_str(&format!(
        "let {rest} = CkRest();\nlet {auth} = CkAuthAws();\n"
    ));
    if let Some(region) = &h.region {
        out.push_str(&format!("{auth}.Region = {};\n", string(region)));
    }
    out.push_str(&format!(
        "{auth}.ServiceName = \"cognito-idp\";\n{rest}.SetAuthAws({auth});\n"
    ));
    if let Some(region) = p.host_region.as_ref().or(h.region.as_ref()) {
        out.push_str(&format!(
            "{rest}.Connect({}, 443, true, true);\n",
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

    let mut sent = false;
    let send = |out: &mut String| {
        out.push_str(&format!(
            "{rest}.AddHeader(\"X-Amz-Target\", {});\nlet sbRequestBody = CkStringBuilder();\n{req_name}.EmitSb(sbRequestBody);\nlet sbResponseBody = CkStringBuilder();\n{rest}.FullRequestSb(\"POST\", \"/\", sbRequestBody, sbResponseBody);\nlet {resp} = CkJsonObject();\n{resp}.LoadSb(sbResponseBody);\n",
            string(&format!("AWSCognitoIdentityProviderService.{}", h.operation))
        ));
    };
    let mut state: [Option<i64>; 3] = [Some(0); 3];
    let mut delim = '.';
    let mut loops = Loops::default();
    for e in &p.events {
        let pad = "    ".repeat(loops.depth());
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
            Event::Send if !sent => {
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
                out.push_str(&format!("{pad}print({resp}.Emit());\n"));
            }
            Event::Read {
                obj,
                method,
                path,
                var: target,
            } if is_resp(obj) => {
                if !sent {
                    sent = true;
                    send(&mut out);
                }
                let specs = reads::parse(path, delim, state)
                    .map(|(_, specs)| specs)
                    .unwrap_or_default();
                loops.enter(&specs, &mut out, |_, spec| {
                    let v = spec.var;
                    format!(
                        "for {v} in 0..{resp}.SizeOfArray({}) {{ {resp}.{} = {v};",
                        string(&spec.array_path),
                        v.to_ascii_uppercase()
                    )
                });
                let pad = "    ".repeat(loops.depth());
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
    if !sent {
        send(&mut out);
    }
    out
}
