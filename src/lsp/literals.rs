//! The literal requests of a script: every `cognito.<operation>(#{…})` and
//! `cognito.call("Operation", #{…})` whose argument is a map literal, as JSON with the place
//! each member was written, found in Rhai's syntax tree (nothing is run).

use std::collections::HashMap;

use rhai::{ASTNode, Expr, Position};
use serde_json::{Map, Value};

/// One literal request.
#[derive(Debug)]
pub struct Request {
    /// The operation as written: `create_user_pool` or `CreateUserPool`.
    pub operation: String,
    /// Where the method name starts, and its length in characters.
    pub at: (Position, usize),
    pub input: Value,
    /// JSON path (`Policies.PasswordPolicy`, `Schema[0].Name`) -> the member's key (or the
    /// item's value) position and its length in characters.
    pub places: HashMap<String, (Position, usize)>,
    /// Paths whose value is not a literal (a variable, a call): nothing under them is judged.
    pub opaque: Vec<String>,
}

/// Every literal request in `ast`.
pub fn requests(ast: &rhai::AST) -> Vec<Request> {
    let mut out = Vec::new();
    ast.walk(&mut |nodes: &[ASTNode]| {
        if let Some(ASTNode::Expr(Expr::Dot(bin, _, _))) = nodes.last()
            && let Expr::Variable(var, _, _) = &bin.lhs
            && var.1.as_str() == "cognito"
            && let Expr::MethodCall(call, pos) = &bin.rhs
        {
            let name = call.name.as_str();
            let (operation, arg) = match (name, call.args.as_slice()) {
                ("call" | "paginate", [Expr::StringConstant(op, _), arg, ..]) => {
                    (op.to_string(), Some(arg))
                }
                (_, [arg]) => (name.to_string(), Some(arg)),
                (_, []) => (name.to_string(), None),
                _ => (String::new(), None),
            };
            let literal = matches!(arg, Some(Expr::Map(..)) | None);
            if !operation.is_empty() && literal {
                let mut r = Request {
                    operation,
                    at: (*pos, name.chars().count()),
                    input: Value::Object(Map::new()),
                    places: HashMap::new(),
                    opaque: Vec::new(),
                };
                if let Some(arg) = arg {
                    r.input = value(arg, "", &mut r.places, &mut r.opaque);
                }
                out.push(r);
            }
        }
        true
    });
    out
}

fn value(
    expr: &Expr,
    path: &str,
    places: &mut HashMap<String, (Position, usize)>,
    opaque: &mut Vec<String>,
) -> Value {
    match expr {
        Expr::StringConstant(s, _) => Value::String(s.to_string()),
        Expr::CharConstant(c, _) => Value::String(c.to_string()),
        Expr::IntegerConstant(n, _) => Value::from(*n),
        Expr::FloatConstant(f, _) => {
            serde_json::Number::from_f64(**f).map_or(Value::Null, Value::Number)
        }
        Expr::BoolConstant(b, _) => Value::Bool(*b),
        Expr::Unit(_) => Value::Null,
        Expr::Array(items, _) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let p = format!("{path}[{i}]");
                    places.insert(p.clone(), (item.position(), 1));
                    value(item, &p, places, opaque)
                })
                .collect(),
        ),
        Expr::Map(m, _) => {
            let mut map = Map::new();
            for (key, item) in &m.0 {
                let p = if path.is_empty() {
                    key.name.to_string()
                } else {
                    format!("{path}.{}", key.name)
                };
                places.insert(p.clone(), (key.pos, key.name.chars().count()));
                map.insert(key.name.to_string(), value(item, &p, places, opaque));
            }
            Value::Object(map)
        }
        _ => {
            opaque.push(path.to_string());
            Value::Null
        }
    }
}
