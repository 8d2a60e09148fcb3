//! What `:save` writes: the inputs that ran without an error, as a script for `pooler run`,
//! without the inputs typed only to see a value (`c`, `ans.UserPools[0].Id`), and with every
//! secret string literal (the secret policy decides) replaced by an `env("POOLER_SECRET_…")`
//! read, under a comment naming the variable to set.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use rhai::{AST, ASTNode, Expr, Stmt};

use crate::secrets::Secrets;

/// One input that ran without an error, as `:save` needs it.
#[derive(Debug, Clone)]
pub struct Saved {
    text: String,
    /// One expression without a call: typed only to see its value, so not saved.
    bare: bool,
    literals: Vec<Literal>,
}

/// A `"…"` string literal of an input.
#[derive(Debug, Clone)]
struct Literal {
    /// Bytes of the literal, quotes included.
    range: Range<usize>,
    value: String,
    /// The name it is given to (`TemporaryPassword: "…"`, `let pw = "…"`), if any.
    name: Option<String>,
}

impl Saved {
    /// `text`, compiled as `ast`.
    pub fn new(text: &str, ast: &AST) -> Self {
        let literals = super::scan::scan(text)
            .strings
            .into_iter()
            // A quoted map key (`"Name": …`) is a name, not a value.
            .filter(|range| {
                let after = text[range.end..].trim_start();
                !after.starts_with(':') || after.starts_with("::")
            })
            .filter_map(|range| {
                let value = string_value(&text[range.clone()])?;
                Some(Literal {
                    name: name_before(&text[..range.start]),
                    range,
                    value,
                })
            })
            .collect();
        Self {
            text: text.to_string(),
            bare: is_bare(ast),
            literals,
        }
    }
}

/// The script `:save` writes for `inputs`, and the variables it reads secrets from.
pub fn script_text(inputs: &[Saved], secrets: &Secrets) -> (String, Vec<String>) {
    let mut out = String::from("// Saved from the pooler REPL.\n");
    // Secret value -> its variable; member -> how many variables are named after it.
    let mut variables: BTreeMap<String, String> = BTreeMap::new();
    let mut per_member: BTreeMap<String, usize> = BTreeMap::new();
    let mut order = Vec::new();
    for input in inputs.iter().filter(|i| !i.bare) {
        let mut text = String::new();
        let mut last = 0;
        for literal in &input.literals {
            let Some(member) = secrets.secret_literal(literal.name.as_deref(), &literal.value)
            else {
                continue;
            };
            let variable = variables.entry(literal.value.clone()).or_insert_with(|| {
                let n = per_member.entry(member.clone()).or_insert(0);
                *n += 1;
                let base =
                    crate::service::unread::secret_variable(&[&crate::model::xform_name(&member)]);
                let name = if *n == 1 { base } else { format!("{base}_{n}") };
                out.push_str(&format!(
                    "// set {name} to the {member} (secret values are not saved)\n"
                ));
                order.push(name.clone());
                name
            });
            text.push_str(&input.text[last..literal.range.start]);
            text.push_str(&format!("env(\"{variable}\")"));
            last = literal.range.end;
        }
        text.push_str(&input.text[last..]);
        push_statement(&mut out, &text);
    }
    (out, order)
}

/// How many inputs `:save` writes.
pub fn written(inputs: &[Saved]) -> usize {
    inputs.iter().filter(|i| !i.bare).count()
}

/// Appends one input as a statement: it ends with `;` (Rhai takes one after a block too), so
/// that expressions stay separate statements; after a line comment the `;` goes on a line of
/// its own.
fn push_statement(out: &mut String, input: &str) {
    let trimmed = input.trim_end();
    out.push_str(trimmed);
    let last_line = trimmed.rsplit('\n').next().unwrap_or_default();
    if last_line.contains("//") {
        out.push_str("\n;");
    } else if !trimmed.ends_with(';') {
        out.push(';');
    }
    out.push('\n');
}

/// Whether the input is one expression that calls nothing (`c`, `pools.UserPools[0].Id`,
/// `base + 2`): its only effect was to show a value.
fn is_bare(ast: &AST) -> bool {
    let [Stmt::Expr(_) | Stmt::FnCall(..)] = ast.statements() else {
        return false;
    };
    let mut calls = false;
    ast.walk(&mut |nodes: &[ASTNode]| {
        match nodes.last() {
            Some(ASTNode::Expr(Expr::FnCall(call, _))) if !call.is_operator_call() => calls = true,
            Some(ASTNode::Expr(Expr::MethodCall(..))) => calls = true,
            Some(ASTNode::Stmt(Stmt::FnCall(call, _))) if !call.is_operator_call() => calls = true,
            _ => {}
        }
        !calls
    });
    !calls
}

/// The value of the `"…"` literal `raw` (quotes included), escapes read as Rhai reads them.
fn string_value(raw: &str) -> Option<String> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains('\\') {
        return Some(inner.to_string());
    }
    rhai::Engine::new_raw().eval_expression::<String>(raw).ok()
}

/// The name a literal is given to, from the text just before it: `Name: `, `"Name": `,
/// `let name = ` (not `==`, `!=`, `<=`, `>=`).
fn name_before(before: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"([A-Za-z_][A-Za-z0-9_]*)"?\s*(:|[^=!<>]=|^=)\s*$"#).expect("valid regex")
    });
    let caps = re.captures(before)?;
    let name = caps.get(1)?;
    Some(name.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(text: &str) -> Saved {
        let ast = rhai::Engine::new().compile(text).unwrap();
        Saved::new(text, &ast)
    }

    #[test]
    fn value_lines_are_bare_and_calls_are_not() {
        for text in ["c", "c.UserPoolClient.ClientId", "base + 2", "ans[0]"] {
            assert!(saved(text).bare, "{text}");
        }
        for text in [
            "let a = 1;",
            "print(a)",
            "a.len()",
            "fn f() { 1 }",
            "f(1) + 1",
            "a = 2",
        ] {
            assert!(!saved(text).bare, "{text}");
        }
    }

    #[test]
    fn saved_inputs_are_separate_statements_without_value_lines() {
        let inputs: Vec<Saved> = [
            "let a = 1;",
            "print(a + 1)",
            "a",
            "fn f() {\n    2\n}",
            "print(a) // note",
        ]
        .map(saved)
        .to_vec();
        assert_eq!(
            script_text(&inputs, Secrets::embedded()),
            (
                "// Saved from the pooler REPL.\nlet a = 1;\nprint(a + 1);\nfn f() {\n    2\n};\nprint(a) // note\n;\n"
                    .to_string(),
                Vec::new()
            )
        );
        assert_eq!(written(&inputs), 4);
    }

    #[test]
    fn literals_are_found_with_the_name_they_are_given_to() {
        let s = saved(
            "let pw = \"a\\\"b\";\nf(#{ TemporaryPassword: \"x\", \"Name\": \"é\", n: 1 == \"y\" })",
        );
        let found: Vec<(&str, Option<&str>)> = s
            .literals
            .iter()
            .map(|l| (&s.text[l.range.clone()], l.name.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                ("\"a\\\"b\"", Some("pw")),
                ("\"x\"", Some("TemporaryPassword")),
                ("\"é\"", Some("Name")),
                ("\"y\"", None),
            ]
        );
    }
}
