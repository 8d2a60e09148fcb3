//! `--style idiomatic`: the request as one Rhai map literal in the order the program built it,
//! one `cognito.<operation>(…)` call, and the response reads as plain Rhai with `for` loops.

use serde_json::Value;

use super::extract::{Event, Program};
use super::names::Method;
use super::reads::{self, Idx, Loops};
use super::rhai_text;
use super::{Header, request};

/// The Rhai expression for a read of `segs` from `resp`, inside the loops already open.
fn path_expr(segs: &[reads::Seg]) -> String {
    let mut base = "resp".to_string();
    for seg in segs {
        if !seg.name.is_empty() {
            base = rhai_text::member(&base, &seg.name);
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

/// Writes the whole script.
pub fn emit(p: &Program, h: &Header, body: &Value) -> String {
    let mut out = h.comment_block();
    if let Some(region) = &h.region {
        out.push_str(&format!(
            "// The original sent to {region}; delete this line to use the region from --region or the AWS configuration.\nlet cognito = cognito.with(#{{ region: {} }});\n\n",
            rhai_text::string(region)
        ));
    }
    out.push_str(&h.review_block());
    let call = match &h.snake {
        Some(snake) => format!("cognito.{snake}("),
        None => format!("cognito.call({}, ", rhai_text::string(&h.operation)),
    };
    let mut map = String::new();
    rhai_text::value(body, 0, &mut map);
    out.push_str(&format!("let resp = {call}{map});\n"));

    let resp_obj = request::response_object(p);
    let mut state: [Option<i64>; 3] = [Some(0); 3];
    let mut delim = '.';
    let mut compact = true;
    let mut loops = Loops::default();
    for e in &p.events {
        match e {
            Event::Index {
                obj, which, value, ..
            } if Some(obj) == resp_obj.as_ref() => {
                state[(*which as u8 - b'i') as usize] = *value;
            }
            Event::Delimiter { obj, value } if Some(obj) == resp_obj.as_ref() => {
                delim = value.chars().next().unwrap_or('.');
            }
            Event::EmitCompact { obj, value } if Some(obj) == resp_obj.as_ref() => {
                compact = *value;
            }
            Event::Print { obj } if Some(obj) == resp_obj.as_ref() => {
                loops.close_all(&mut out);
                let emit = if compact { "emit_compact" } else { "emit" };
                out.push_str(&format!("print(json(resp).{emit}());\n"));
            }
            Event::Read {
                obj,
                method,
                path,
                var,
            } if Some(obj) == resp_obj.as_ref() => {
                let Some((segs, specs)) = reads::parse(path, delim, state) else {
                    out.push_str(&format!(
                        "// REVIEW: could not read the path {}\n",
                        rhai_text::string(path)
                    ));
                    continue;
                };
                loops.enter(&specs, &mut out, |_, spec| {
                    format!(
                        "for item_{} in {} ?? [] {{",
                        spec.var,
                        array_expr(&spec.array_path, delim, state)
                    )
                });
                let expr = read_expr(*method, &path_expr(&segs));
                out.push_str(&"    ".repeat(loops.depth()));
                match var {
                    Some(v) => out.push_str(&format!("let {} = {expr};\n", rhai_text::var(v))),
                    None => out.push_str(&format!("print({expr});\n")),
                }
            }
            _ => {}
        }
    }
    loops.close_all(&mut out);
    out
}
