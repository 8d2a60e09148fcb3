//! `--output text`: the AWS CLI's text style. A scalar prints bare; a list of scalars is one
//! tab-separated line; a map prints its scalar members on one line (in member order) and each
//! nested list or map after it, on lines that start with the member's name in capitals.

use serde_json::Value;

use super::{is_scalar, scalar};

pub fn draw(value: &Value) -> String {
    let mut lines = Vec::new();
    write(value, None, &mut lines);
    lines.join("\n")
}

fn write(value: &Value, prefix: Option<&str>, lines: &mut Vec<String>) {
    let start = |cells: Vec<String>| match prefix {
        Some(p) => std::iter::once(p.to_string())
            .chain(cells)
            .collect::<Vec<_>>()
            .join("\t"),
        None => cells.join("\t"),
    };
    match value {
        Value::Array(items) if items.iter().all(is_scalar) => {
            if !items.is_empty() {
                lines.push(start(items.iter().map(scalar).collect()));
            }
        }
        Value::Array(items) => {
            for item in items {
                write(item, prefix, lines);
            }
        }
        Value::Object(map) => {
            let cells: Vec<String> = map.values().filter(|v| is_scalar(v)).map(scalar).collect();
            if !cells.is_empty() {
                lines.push(start(cells));
            }
            for (key, nested) in map.iter().filter(|(_, v)| !is_scalar(v)) {
                write(nested, Some(&key.to_uppercase()), lines);
            }
        }
        _ => lines.push(start(vec![scalar(value)])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_bare_and_lists_tab_separated() {
        assert_eq!(draw(&json!("us-east-1_Abc")), "us-east-1_Abc");
        assert_eq!(draw(&json!(["a", "b", 3])), "a\tb\t3");
        assert_eq!(
            draw(&json!({"UserPools": [{"Id": "a", "Name": "x"}, {"Id": "b", "Name": "y"}]})),
            "USERPOOLS\ta\tx\nUSERPOOLS\tb\ty"
        );
    }
}
