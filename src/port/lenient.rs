//! Members the original program wrote that the Cognito model does not know: pooler refuses
//! them unless the client is lenient, so a port says so where the request is sent and uses a
//! lenient client there, and the ported program still sends what the original sent.

use serde_json::Value;

use crate::model::Model;

/// What a port says where it sends a request with unknown members: a comment naming each one
/// (and where it belongs); the request then goes through [`CLIENT`].
pub struct Leniency {
    pub comment: String,
}

/// The leniency `body` needs for `operation`, `None` when the model knows every member.
pub fn needed(operation: &str, body: &Value) -> Option<Leniency> {
    let model = Model::embedded();
    let op = model.operation(operation)?;
    let unknown: Vec<String> = model
        .validate(op, body)
        .into_iter()
        .filter(|p| p.unknown_member)
        .map(|p| format!("//   {}\n", p.line()))
        .collect();
    if unknown.is_empty() {
        return None;
    }
    Some(Leniency {
        comment: format!(
            "// The original program sends members the Cognito model does not know; pooler refuses\n\
             // them unless the client is lenient, so this one is, and the request is sent as before\n\
             // (the service ignores them). Fix or delete them, then drop `lenient: true`:\n{}",
            unknown.concat()
        ),
    })
}

/// The client expression for a lenient send.
pub const CLIENT: &str = "cognito.with(#{ lenient: true })";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_unknown_members_call_for_leniency() {
        let stray =
            json!({"PoolName": "p", "AdminCreateUserConfig": {"TemporaryPasswordValidityDays": 7}});
        let l = needed("CreateUserPool", &stray).expect("an unknown member");
        assert!(
            l.comment.ends_with(
                "//   AdminCreateUserConfig.TemporaryPasswordValidityDays: unknown member \
                 `TemporaryPasswordValidityDays` in AdminCreateUserConfigType: it belongs at \
                 Policies.PasswordPolicy.TemporaryPasswordValidityDays\n"
            ),
            "{}",
            l.comment
        );
        // Other problems are the user's to fix, not leniency's.
        assert!(needed("CreateUserPool", &json!({"PoolName": "p"})).is_none());
        assert!(needed("CreateUserPool", &json!({"MfaConfiguration": "SOMETIMES"})).is_none());
        assert!(needed("NoSuchOperation", &stray).is_none());
    }
}
