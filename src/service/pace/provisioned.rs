//! The account's provisioned quotas from `GetProvisionedLimit`: asked once per category per
//! run, before the category's first call, only for adjustable categories no higher source set;
//! an AccessDenied answer stops asking for the rest of the run, any other failure keeps the
//! default. The pipeline performs the call; this module says what to send and reads the answer.

use std::collections::HashSet;

use serde_json::{Value, json};

/// Why `GetProvisionedLimit` gave no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitLookupError {
    /// The caller may not read limits: stop asking.
    AccessDenied,
    /// Anything else (an emulator without the operation, a network error): keep the default.
    Other(String),
}

impl LimitLookupError {
    /// From a service error code (`AccessDeniedException`, `UnauthorizedOperation`, …).
    pub fn from_error_type(kind: &str) -> LimitLookupError {
        let denied = [
            "AccessDenied",
            "AccessDeniedException",
            "UnauthorizedOperation",
            "NotAuthorizedException",
        ];
        if denied.contains(&kind) {
            LimitLookupError::AccessDenied
        } else {
            LimitLookupError::Other(kind.to_string())
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Provisioned {
    /// Off for the run: not allowed, or denied once.
    pub off: bool,
    /// Categories already asked about (by index).
    pub asked: HashSet<usize>,
}

/// The `GetProvisionedLimit` input for one category.
pub(crate) fn request(category: &str) -> Value {
    json!({
        "LimitDefinition": {
            "LimitClass": "API_CATEGORY",
            "Attributes": { "Category": category }
        }
    })
}

/// The rate an answer gives: the provisioned value, else the free one (positive only).
pub(crate) fn rate_of(answer: &Value) -> Option<f64> {
    let limit = answer.get("Limit")?;
    let value = |name: &str| {
        limit
            .get(name)
            .and_then(Value::as_f64)
            .filter(|v| v.is_finite() && *v > 0.0)
    };
    value("ProvisionedLimitValue").or_else(|| value("FreeLimitValue"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_and_answer_shapes() {
        assert_eq!(
            request("UserCreation")["LimitDefinition"]["Attributes"]["Category"],
            "UserCreation"
        );
        let answer = json!({"Limit": {"ProvisionedLimitValue": 80, "FreeLimitValue": 50}});
        assert_eq!(rate_of(&answer), Some(80.0));
        let free = json!({"Limit": {"ProvisionedLimitValue": 0, "FreeLimitValue": 50}});
        assert_eq!(rate_of(&free), Some(50.0));
        assert_eq!(rate_of(&json!({})), None);
    }

    #[test]
    fn denial_is_recognised() {
        assert_eq!(
            LimitLookupError::from_error_type("AccessDeniedException"),
            LimitLookupError::AccessDenied
        );
        assert_eq!(
            LimitLookupError::from_error_type("UnknownOperationException"),
            LimitLookupError::Other("UnknownOperationException".into())
        );
    }
}
