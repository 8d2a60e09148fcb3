//! `input_members_at`: members at a nesting path, for completion.

use super::{model, op};

fn names(path: &[&str]) -> Vec<String> {
    model()
        .input_members_at(op("CreateUserPool"), path)
        .into_iter()
        .map(|m| m.name)
        .collect()
}

#[test]
fn top_level_and_nested_members() {
    let top = model().input_members_at(op("CreateUserPool"), &[]);
    let pool = top.iter().find(|m| m.name == "PoolName").expect("PoolName");
    assert!(pool.required);
    assert_eq!(pool.type_name, "string");
    let mfa = top
        .iter()
        .find(|m| m.name == "MfaConfiguration")
        .expect("Mfa");
    assert!(!mfa.required);
    assert_eq!(mfa.enum_values, ["OFF", "ON", "OPTIONAL"]);
    let policies = top.iter().find(|m| m.name == "Policies").expect("Policies");
    assert_eq!(policies.type_name, "structure");
    assert_eq!(
        names(&["Policies", "PasswordPolicy"]),
        [
            "MinimumLength",
            "RequireUppercase",
            "RequireLowercase",
            "RequireNumbers",
            "RequireSymbols",
            "PasswordHistorySize",
            "TemporaryPasswordValidityDays"
        ]
    );
}

#[test]
fn lists_are_stepped_through() {
    assert_eq!(
        names(&["Schema", "StringAttributeConstraints"]),
        ["MinLength", "MaxLength"]
    );
    assert_eq!(
        names(&["Schema[3]", "StringAttributeConstraints"]),
        ["MinLength", "MaxLength"]
    );
    let items = names(&["Schema"]);
    assert!(
        items.contains(&"AttributeDataType".to_string()),
        "{items:?}"
    );
    let rec = model().input_members_at(
        op("CreateUserPool"),
        &["AccountRecoverySetting", "RecoveryMechanisms"],
    );
    assert_eq!(rec.len(), 2);
    assert!(rec.iter().all(|m| m.required));
}

#[test]
fn maps_consume_a_key_and_unknown_paths_are_empty() {
    let acr = names(&["AcrConfiguration", "Level1"]);
    assert_eq!(acr, ["AcrValue"]);
    assert!(names(&["NoSuchMember"]).is_empty());
    assert!(names(&["PoolName", "Deeper"]).is_empty());
    assert!(names(&["PoolName"]).is_empty());
}
