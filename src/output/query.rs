//! JMESPath, the language of the AWS CLI's `--query`, through the `jmespath` crate.

use serde_json::Value;

/// Whether `expr` compiles; the error says why.
pub fn check(expr: &str) -> Result<(), String> {
    jmespath::compile(expr)
        .map(|_| ())
        .map_err(|e| format!("not a JMESPath expression: {e}"))
}

/// `value` selected by `expr`; a bad expression is an error naming the place.
pub fn search(value: &Value, expr: &str) -> Result<Value, String> {
    let compiled =
        jmespath::compile(expr).map_err(|e| format!("--query `{expr}`: {}", e.reason))?;
    let found = compiled
        .search(value)
        .map_err(|e| format!("--query `{expr}`: {}", e.reason))?;
    serde_json::to_value(&*found).map_err(|e| format!("--query `{expr}`: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selects_like_the_aws_cli() {
        let pools = json!({"UserPools": [{"Id": "a", "Name": "x"}, {"Id": "b", "Name": "y"}]});
        assert_eq!(search(&pools, "UserPools[].Id").unwrap(), json!(["a", "b"]));
        assert_eq!(
            search(&pools, "UserPools[?Name=='y'].Id | [0]").unwrap(),
            json!("b")
        );
        assert_eq!(search(&pools, "Nothing").unwrap(), Value::Null);
    }

    #[test]
    fn a_bad_expression_is_an_error_naming_it() {
        let err = search(&json!({}), "UserPools[").unwrap_err();
        assert!(err.starts_with("--query `UserPools[`: "), "{err}");
    }
}
