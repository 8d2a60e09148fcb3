//! What both emitters share: where a statement goes among the rebuilt loops, and joining
//! rendered operands into one Rhai expression.

use super::expr::Part;
use super::reads::{self, LoopSpec, Loops};

/// The loops the reads among `parts` need (the deepest one's).
pub fn specs_of(parts: &[Part], delim: char, state: [Option<i64>; 3]) -> Vec<LoopSpec> {
    parts
        .iter()
        .filter_map(|p| match p {
            Part::Read { path, .. } => reads::parse(path, delim, state).map(|(_, s)| s),
            _ => None,
        })
        .max_by_key(Vec::len)
        .unwrap_or_default()
}

/// Puts the loops in the state a statement at program loop depth `depth` needs: its reads'
/// loops open, loops the program had already closed closed.
pub fn place(
    loops: &mut Loops,
    depth: Option<usize>,
    specs: &[LoopSpec],
    out: &mut String,
    opener: impl FnMut(usize, &LoopSpec) -> String,
) {
    if !specs.is_empty() {
        loops.enter(specs, out, opener);
    } else {
        loops.close_to(depth.unwrap_or(0), out);
    }
}

/// Rendered operands joined with `+`; a string first so that numbers concatenate as text.
pub fn join(parts: Vec<(bool, String)>) -> String {
    match parts.len() {
        0 => "\"\"".to_string(),
        1 => parts.into_iter().next().map(|(_, s)| s).unwrap_or_default(),
        _ => {
            let first_is_text = parts.first().is_some_and(|(lit, _)| *lit);
            let mut out = String::new();
            if !first_is_text {
                out.push_str("\"\" + ");
            }
            // `a ?? b` binds looser than `+`: such operands go in parentheses.
            let texts: Vec<String> = parts
                .into_iter()
                .map(|(lit, s)| {
                    if !lit && s.contains(' ') && !s.starts_with('(') {
                        format!("({s})")
                    } else {
                        s
                    }
                })
                .collect();
            out.push_str(&texts.join(" + "));
            out
        }
    }
}
