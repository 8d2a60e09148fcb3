//! A method the `cognito` object does not have (`cognito.list_user_pool(…)`): an unknown
//! operation, told with the nearest operation or helper name and the usage exit code, instead
//! of Rhai's bare "Function not found".

use super::registry;
use crate::model::{Model, closest_name};
use crate::service::CallError;

/// Every name `cognito.<name>(…)` answers to: the operations' snake_case names and the helpers
/// the registry documents.
fn method_names(model: &Model) -> impl Iterator<Item = &str> {
    let helpers: Vec<&'static str> = registry::entries()
        .into_iter()
        .filter(|d| d.receiver == Some("cognito"))
        .map(|d| d.name)
        .collect();
    model
        .operations()
        .iter()
        .map(|op| op.snake_name)
        .chain(helpers)
}

/// The error for `cognito.<name>` when no such operation or helper exists, `None` when it
/// does (the arguments were wrong: Rhai's own message says which types it got).
pub fn unknown_method(model: &Model, name: &str) -> Option<CallError> {
    if method_names(model).any(|n| n == name) {
        return None;
    }
    let hint = match closest_name(name, method_names(model)) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => "; `pooler ops` lists the operations".to_string(),
    };
    Some(CallError::UnknownMethod {
        name: name.to_string(),
        hint,
    })
}

/// The error for Rhai's "Function not found" signature (`list_user_pool (cognito, map)`)
/// when it is a method of `cognito` that does not exist.
pub fn from_signature(model: &Model, signature: &str) -> Option<CallError> {
    let (name, types) = signature.split_once(" (")?;
    let receiver = types.split([',', ')']).next()?;
    if receiver != "cognito" {
        return None;
    }
    unknown_method(model, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_names_the_operation_or_helper() {
        let model = Model::embedded();
        let err = unknown_method(model, "list_user_pool").expect("unknown");
        assert_eq!(
            err.to_string(),
            "`cognito.list_user_pool` is no operation or helper; did you mean `list_user_pools`?"
        );
        let err = unknown_method(model, "ensure_user_pol").expect("unknown");
        assert!(
            err.to_string()
                .ends_with("did you mean `ensure_user_pool`?"),
            "{err}"
        );
        assert!(unknown_method(model, "list_user_pools").is_none());
        assert!(unknown_method(model, "paginate").is_none());
        let from = |s| from_signature(model, s).map(|e| e.to_string());
        assert_eq!(
            from("list_user_pool (cognito, map)"),
            Some(
                "`cognito.list_user_pool` is no operation or helper; did you mean `list_user_pools`?"
                    .to_string()
            )
        );
        assert!(from("list_user_pool (cognito)").is_some());
        // Wrong arguments to a real method, or another type: Rhai's own message stands.
        assert_eq!(from("list_user_pools (cognito, i64, i64)"), None);
        assert_eq!(from("list_user_pool (json, map)"), None);
        assert_eq!(from("list_user_pool ()"), None);
    }
}
