//! A 2xx answer's body, checked once when it arrives (JSON, under the response limits, no
//! error body) and decoded on demand into what its reader needs: serde_json's `Value` for the
//! pipeline's own readers, the script's value for a script, nothing when no one reads it. So a
//! response is held as its bytes plus one decoded copy, never two.

use std::collections::HashSet;

use serde_json::Value;

use super::errors::{AwsError, build_success_body, decode_error_response};
use super::limited_json::{Build, Json, ResponseLimits};

/// A checked success body.
#[derive(Debug, Clone)]
pub struct Answer {
    status: u16,
    body: Vec<u8>,
    limits: ResponseLimits,
}

impl Answer {
    /// Checks `body`: JSON under `limits` (empty is `{}`), and no error body (a `__type`
    /// member makes it an error whatever the status says; `header` reads the response's).
    pub(super) fn check(
        status: u16,
        body: Vec<u8>,
        limits: ResponseLimits,
        header: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Answer, AwsError> {
        match build_success_body(status, &body, limits, &Check)? {
            Shape::ErrorBody => Err(decode_error_response(status, header, &body)),
            Shape::Text | Shape::Other => Ok(Answer {
                status,
                body,
                limits,
            }),
        }
    }

    /// An answer made by pooler itself (a dry run's or a plan's), under no limits.
    pub fn of_value(value: &Value) -> Answer {
        Answer {
            status: 200,
            body: serde_json::to_vec(value).unwrap_or_default(),
            limits: ResponseLimits {
                array: 0,
                map: 0,
                string: 0,
            },
        }
    }

    /// The body decoded into what `builder` builds.
    pub fn build<B: Build>(&self, builder: &B) -> Result<B::Value, AwsError> {
        if !B::READS {
            return Ok(builder.null());
        }
        build_success_body(self.status, &self.body, self.limits, builder)
    }

    /// The body as it came (checked JSON).
    pub fn bytes(&self) -> &[u8] {
        &self.body
    }

    /// The HTTP status it came with.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body as serde_json's `Value`.
    pub fn json(&self) -> Result<Value, AwsError> {
        self.build(&Json)
    }
}

/// What the check needs to know of a value: whether it is a string, or a map with a string
/// `__type` (an error body).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Text,
    ErrorBody,
    Other,
}

/// Builds nothing but each map's distinct keys (for the map limit, as the real decode counts
/// them), so checking a body holds no copy of it.
struct Check;

impl Build for Check {
    type Value = Shape;
    type Array = ();
    type Map = (bool, HashSet<String>);

    fn null(&self) -> Shape {
        Shape::Other
    }
    fn bool(&self, _: bool) -> Shape {
        Shape::Other
    }
    fn int(&self, _: i64) -> Shape {
        Shape::Other
    }
    fn uint(&self, _: u64) -> Shape {
        Shape::Other
    }
    fn float(&self, _: f64) -> Shape {
        Shape::Other
    }
    fn string(&self, _: String) -> Shape {
        Shape::Text
    }
    fn array(&self) {}
    fn push(&self, _: &mut (), _: Shape) {}
    fn end_array(&self, (): ()) -> Shape {
        Shape::Other
    }
    fn map(&self) -> (bool, HashSet<String>) {
        (false, HashSet::new())
    }
    fn insert(&self, map: &mut (bool, HashSet<String>), key: String, value: Shape) -> usize {
        if key == "__type" {
            map.0 = value == Shape::Text;
        }
        map.1.insert(key);
        map.1.len()
    }
    fn end_map(&self, (error, _): (bool, HashSet<String>)) -> Shape {
        if error {
            Shape::ErrorBody
        } else {
            Shape::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(body: &str, limits: ResponseLimits) -> Result<Answer, AwsError> {
        Answer::check(200, body.as_bytes().to_vec(), limits, &|_| None)
    }

    #[test]
    fn a_checked_body_decodes_as_before_and_an_error_body_is_an_error() {
        let text = r#"{"b":[1,-2,3.5,18446744073709551615],"a":{"x":null,"y":"z"}}"#;
        let answer = check(text, ResponseLimits::DEFAULT).expect("a success body");
        assert_eq!(answer.json().unwrap().to_string(), text);
        assert_eq!(
            check("  ", ResponseLimits::DEFAULT)
                .unwrap()
                .json()
                .unwrap(),
            serde_json::json!({})
        );
        let err = check(
            r#"{"__type":"NotAuthorizedException","message":"no"}"#,
            ResponseLimits::DEFAULT,
        )
        .expect_err("an error body");
        assert!(err.to_string().contains("NotAuthorizedException"), "{err}");
        // A nested `__type`, or one that is no string, is data.
        assert!(check(r#"{"a":{"__type":"X"}}"#, ResponseLimits::DEFAULT).is_ok());
        assert!(check(r#"{"__type":1}"#, ResponseLimits::DEFAULT).is_ok());
    }

    #[test]
    fn the_check_counts_map_members_as_the_decode_does() {
        let two = ResponseLimits {
            array: 0,
            map: 2,
            string: 0,
        };
        // A repeated key is one member, in the check as in the decoded map.
        assert!(check(r#"{"a":1,"b":2,"a":3}"#, two).is_ok());
        assert!(check(r#"{"a":1,"b":2,"c":3}"#, two).is_err());
    }
}
