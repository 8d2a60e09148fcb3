//! Replays the program's JSON writes with pooler's own `JsonDoc` (Chilkat semantics: `[i]`,
//! `DelimiterChar`, paths written twice, appends) to get the request body it would send.

use serde_json::Value;

use super::expr::Part;
use super::extract::{Event, Lit, Program, Review};
use super::names::Method;
use crate::json_doc::{JsonDoc, number_from_text};

/// The object the request is built on: the first one written to.
pub fn request_object(p: &Program) -> Option<&str> {
    p.events.iter().find_map(|e| match e {
        Event::Write { obj, .. } => Some(obj.as_str()),
        _ => None,
    })
}

/// The object the response is read from: the first one read or printed that is not the request.
pub fn response_object(p: &Program) -> Option<String> {
    let req = request_object(p);
    let other = |obj: &String| (Some(obj.as_str()) != req).then(|| obj.clone());
    p.events.iter().find_map(|e| match e {
        Event::Read { obj, .. } | Event::Print { obj } => other(obj),
        Event::Say { parts, .. } => parts.iter().find_map(|part| match part {
            Part::Read { obj, .. } | Part::Emit(obj) => other(obj),
            _ => None,
        }),
        Event::Let {
            part: Part::Read { obj, .. } | Part::Emit(obj),
            ..
        } => other(obj),
        _ => None,
    })
}

/// The JSON value one write stores.
pub fn write_value(method: Method, value: Option<&Lit>) -> Result<Value, String> {
    Ok(match (method, value) {
        (Method::UpdateString, Some(Lit::Str(s))) => Value::String(s.clone()),
        (Method::UpdateInt, Some(Lit::Num(n))) => {
            Value::Number(n.parse::<i64>().map_err(|e| e.to_string())?.into())
        }
        (Method::UpdateBool, Some(Lit::Bool(b))) => Value::Bool(*b),
        (Method::UpdateBool, Some(Lit::Num(n))) => Value::Bool(n != "0"),
        (Method::UpdateNumber, Some(Lit::Str(n) | Lit::Num(n))) => {
            Value::Number(number_from_text(n).map_err(|e| e.to_string())?)
        }
        (Method::UpdateNull, _) => Value::Null,
        (Method::UpdateNewObject, _) => Value::Object(serde_json::Map::new()),
        (Method::UpdateNewArray, _) => Value::Array(Vec::new()),
        (m, v) => return Err(format!("{} cannot take {v:?}", m.name())),
    })
}

/// The request body, and review items for writes Chilkat itself would have refused.
pub fn build(p: &Program) -> (Value, Vec<Review>) {
    let mut doc = JsonDoc::new();
    let mut reviews = Vec::new();
    let Some(req) = request_object(p) else {
        return (doc.root, reviews);
    };
    for e in &p.events {
        match e {
            Event::Write {
                line,
                obj,
                method,
                path,
                value,
            } if obj == req => {
                let result = write_value(*method, value.as_ref())
                    .and_then(|v| doc.update(path, v).map_err(|e| e.to_string()));
                if let Err(message) = result {
                    reviews.push(Review {
                        line: *line,
                        text: format!("{}(\"{path}\", …): {message}", method.name()),
                    });
                }
            }
            Event::Index {
                line,
                obj,
                which,
                value,
            } if obj == req => {
                let Some(v) = value else {
                    reviews.push(Review {
                        line: *line,
                        text: format!("`{obj}.{}` is set from a variable: writes in a loop are not translated", which.to_ascii_uppercase()),
                    });
                    continue;
                };
                match which {
                    'i' => doc.i = *v,
                    'j' => doc.j = *v,
                    _ => doc.k = *v,
                }
            }
            Event::Delimiter { obj, value } if obj == req => {
                if let Err(e) = doc.set_delimiter(value) {
                    reviews.push(Review {
                        line: 0,
                        text: e.to_string(),
                    });
                }
            }
            _ => {}
        }
    }
    (doc.root, reviews)
}
