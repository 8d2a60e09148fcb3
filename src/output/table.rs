//! `--output table`: boxed columns. A list of maps gets one column per scalar member (in the
//! order first seen) and one row per item; a map gets a row per scalar member and a titled
//! table for each nested list or map; a list of scalars is one column.

use serde_json::Value;

use super::{is_scalar, scalar};

pub fn draw(value: &Value) -> String {
    let mut out = Vec::new();
    write(value, None, &mut out);
    out.join("\n")
}

fn write(value: &Value, title: Option<&str>, out: &mut Vec<String>) {
    match value {
        Value::Array(items) if items.iter().all(|i| i.is_object()) && !items.is_empty() => {
            let mut columns: Vec<&str> = Vec::new();
            for item in items.iter().filter_map(Value::as_object) {
                for key in item.keys() {
                    if !columns.contains(&key.as_str()) {
                        columns.push(key);
                    }
                }
            }
            let rows = items
                .iter()
                .filter_map(Value::as_object)
                .map(|m| {
                    columns
                        .iter()
                        .map(|c| m.get(*c).map(scalar).unwrap_or_default())
                        .collect()
                })
                .collect();
            boxed(
                title,
                Some(columns.iter().map(|c| c.to_string()).collect()),
                rows,
                out,
            );
        }
        Value::Array(items) => {
            let rows = items.iter().map(|i| vec![scalar(i)]).collect();
            boxed(title, None, rows, out);
        }
        Value::Object(map) => {
            let rows: Vec<Vec<String>> = map
                .iter()
                .filter(|(_, v)| is_scalar(v))
                .map(|(k, v)| vec![k.clone(), scalar(v)])
                .collect();
            if !rows.is_empty() || title.is_some() {
                boxed(title, None, rows, out);
            }
            for (key, nested) in map.iter().filter(|(_, v)| !is_scalar(v)) {
                write(nested, Some(key), out);
            }
        }
        _ => boxed(title, None, vec![vec![scalar(value)]], out),
    }
}

/// One boxed table: an optional title row, an optional header row, the rows.
fn boxed(
    title: Option<&str>,
    header: Option<Vec<String>>,
    rows: Vec<Vec<String>>,
    out: &mut Vec<String>,
) {
    let count = header
        .as_ref()
        .map(Vec::len)
        .into_iter()
        .chain(rows.iter().map(Vec::len))
        .max()
        .unwrap_or(1)
        .max(1);
    let mut widths = vec![0usize; count];
    for row in header.iter().chain(rows.iter()) {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let inner: usize = widths.iter().map(|w| w + 3).sum::<usize>() - 1;
    if let Some(t) = title {
        let t_len = t.chars().count();
        if t_len > inner {
            widths[count - 1] += t_len - inner;
        }
    }
    let inner: usize = widths.iter().map(|w| w + 3).sum::<usize>() - 1;
    let rule = format!(
        "+{}+",
        widths
            .iter()
            .map(|w| "-".repeat(w + 2))
            .collect::<Vec<_>>()
            .join("+")
    );
    let line = |cells: &[String]| {
        let padded: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                format!(" {cell}{} ", " ".repeat(w - cell.chars().count()))
            })
            .collect();
        format!("|{}|", padded.join("|"))
    };
    if let Some(t) = title {
        out.push(format!("+{}+", "-".repeat(inner)));
        let pad = inner - t.chars().count();
        out.push(format!(
            "|{}{t}{}|",
            " ".repeat(pad / 2),
            " ".repeat(pad - pad / 2)
        ));
    }
    out.push(rule.clone());
    if let Some(h) = header {
        out.push(line(&h));
        out.push(rule.clone());
    }
    for row in &rows {
        out.push(line(row));
    }
    out.push(rule);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_list_of_maps_is_columns() {
        let shown = draw(&json!([{"Id": "a", "Name": "x"}, {"Id": "bb", "Name": "y"}]));
        assert_eq!(
            shown,
            "+----+------+\n| Id | Name |\n+----+------+\n| a  | x    |\n| bb | y    |\n+----+------+"
        );
    }
}
