//! Validation: every kind of problem, with its exact path and wording.

use serde_json::{Value, json};

use super::{model, op, problems, raw_seed, seed};
use crate::model::Problem;
use crate::model::Severity::{Error, Warning};

fn err(path: &str, msg: &str) -> (crate::model::Severity, String, String) {
    (Error, path.to_string(), msg.to_string())
}

/// An unknown member: an error (boto3 refuses it too).
fn unknown(path: &str, msg: &str) -> (crate::model::Severity, String, String) {
    (Error, path.to_string(), msg.to_string())
}

/// The seed with one change at a JSON pointer.
fn seed_with(pointer: &str, value: Value) -> Value {
    let mut s = seed();
    *s.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer} in seed")) = value;
    s
}

#[test]
fn seed_request_is_clean() {
    let s = seed();
    assert_eq!(s["Schema"].as_array().map(Vec::len), Some(19));
    assert_eq!(problems("CreateUserPool", &s), vec![]);
    assert_eq!(problems("create_user_pool", &s), vec![]);
}

#[test]
fn seed_as_written_has_one_unknown_member() {
    // The Chilkat example still sets AdminCreateUserConfig.TemporaryPasswordValidityDays,
    // which the current model only has under Policies.PasswordPolicy.
    assert_eq!(
        problems("CreateUserPool", &raw_seed()),
        vec![unknown(
            "AdminCreateUserConfig.TemporaryPasswordValidityDays",
            "unknown member `TemporaryPasswordValidityDays` in AdminCreateUserConfigType: \
             it belongs at Policies.PasswordPolicy.TemporaryPasswordValidityDays"
        )]
    );
}

#[test]
fn missing_required_member() {
    let mut s = seed();
    s.as_object_mut().expect("object").remove("PoolName");
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "PoolName",
            "missing required member `PoolName` (string)"
        )]
    );
    // null counts as absent.
    assert_eq!(
        problems("CreateUserPool", &seed_with("/PoolName", Value::Null)),
        vec![err(
            "PoolName",
            "missing required member `PoolName` (string)"
        )]
    );
    // Required members of list items get the item's path.
    let s = seed_with(
        "/AccountRecoverySetting/RecoveryMechanisms/1",
        json!({"Name": "verified_email"}),
    );
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "AccountRecoverySetting.RecoveryMechanisms[1].Priority",
            "missing required member `Priority` (integer)"
        )]
    );
    assert_eq!(
        problems("DescribeUserPool", &Value::Null),
        vec![err(
            "UserPoolId",
            "missing required member `UserPoolId` (string)"
        )]
    );
}

#[test]
fn null_for_optional_member_is_fine() {
    let s = seed_with("/LambdaConfig", Value::Null);
    assert_eq!(problems("CreateUserPool", &s), vec![]);
}

#[test]
fn number_where_the_model_wants_a_string() {
    let s = seed_with(
        "/Schema/3/StringAttributeConstraints/MaxLength",
        json!(2048),
    );
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "Schema[3].StringAttributeConstraints.MaxLength",
            "`MaxLength` is a string in the model: write \"2048\" not 2048"
        )]
    );
}

#[test]
fn wrong_types_say_how_to_fix() {
    let cases = [
        (
            "/Policies/PasswordPolicy/MinimumLength",
            json!("8"),
            "Policies.PasswordPolicy.MinimumLength",
            "`MinimumLength` is an integer in the model: write 8 not \"8\"",
        ),
        (
            "/Policies/PasswordPolicy/MinimumLength",
            json!(8.5),
            "Policies.PasswordPolicy.MinimumLength",
            "`MinimumLength` is an integer in the model, got 8.5 (not a whole number)",
        ),
        (
            "/Policies/PasswordPolicy/RequireSymbols",
            json!("true"),
            "Policies.PasswordPolicy.RequireSymbols",
            "`RequireSymbols` is a boolean in the model: write true not \"true\"",
        ),
        (
            "/Policies/PasswordPolicy/RequireSymbols",
            json!(0),
            "Policies.PasswordPolicy.RequireSymbols",
            "`RequireSymbols` is a boolean in the model: write false not 0",
        ),
        (
            "/Policies/PasswordPolicy/RequireSymbols",
            json!("yes"),
            "Policies.PasswordPolicy.RequireSymbols",
            "`RequireSymbols` is a boolean in the model (true or false), got string \"yes\"",
        ),
        (
            "/AutoVerifiedAttributes",
            json!("email"),
            "AutoVerifiedAttributes",
            "`AutoVerifiedAttributes` is a list in the model: write [\"email\"] not \"email\"",
        ),
        (
            "/Policies",
            json!("strict"),
            "Policies",
            "`Policies` is a structure in the model (a map with members PasswordPolicy, \
             SignInPolicy), got string \"strict\"",
        ),
        (
            "/PoolName",
            json!(["a"]),
            "PoolName",
            "`PoolName` is a string in the model, got a list of 1 items",
        ),
    ];
    for (pointer, value, path, msg) in cases {
        assert_eq!(
            problems("CreateUserPool", &seed_with(pointer, value)),
            vec![err(path, msg)],
            "{pointer}"
        );
    }
}

#[test]
fn enum_lists_allowed_values_and_suggests() {
    let s = seed_with("/MfaConfiguration", json!("of"));
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "MfaConfiguration",
            "`MfaConfiguration`: \"of\" is not one of \"OFF\", \"ON\", \"OPTIONAL\": \
             did you mean \"OFF\"?"
        )]
    );
    let s = seed_with("/MfaConfiguration", json!("sometimes"));
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "MfaConfiguration",
            "`MfaConfiguration`: \"sometimes\" is not one of \"OFF\", \"ON\", \"OPTIONAL\""
        )]
    );
    // Enum items inside a list.
    let s = seed_with("/AutoVerifiedAttributes/1", json!("phone"));
    let p = problems("CreateUserPool", &s);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].1, "AutoVerifiedAttributes[1]");
    assert!(
        p[0].2.ends_with("did you mean \"phone_number\"?"),
        "{}",
        p[0].2
    );
}

#[test]
fn string_lengths_count_characters() {
    let s = seed_with("/PoolName", json!("é".repeat(129)));
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "PoolName",
            "`PoolName` is too long: 129 characters, at most 128 allowed"
        )]
    );
    // 128 two-byte characters are fine.
    assert_eq!(
        problems(
            "CreateUserPool",
            &seed_with("/PoolName", json!("é".repeat(128)))
        ),
        vec![]
    );
    let s = seed_with("/PoolName", json!(""));
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "PoolName",
            "`PoolName` is too short: 0 characters, at least 1 required"
        )]
    );
}

#[test]
fn numeric_ranges() {
    let s = seed_with("/Policies/PasswordPolicy/MinimumLength", json!(5));
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "Policies.PasswordPolicy.MinimumLength",
            "`MinimumLength` is 5, below the minimum 6"
        )]
    );
    let s = seed_with("/Policies/PasswordPolicy/MinimumLength", json!(100));
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "Policies.PasswordPolicy.MinimumLength",
            "`MinimumLength` is 100, above the maximum 99"
        )]
    );
    let s = seed_with(
        "/Policies/PasswordPolicy/MinimumLength",
        json!(4_000_000_000u64),
    );
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "Policies.PasswordPolicy.MinimumLength",
            "`MinimumLength` is 4000000000, outside the range of a integer \
             (-2147483648..2147483647)"
        )]
    );
}

#[test]
fn list_and_map_sizes() {
    let mut s = seed();
    let item = s["Schema"][0].clone();
    s["Schema"] = Value::Array(vec![item; 51]);
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err("Schema", "`Schema` has 51 items, at most 50 allowed")]
    );
    s["Schema"] = json!([]);
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err("Schema", "`Schema` has 0 items, at least 1 required")]
    );
    let input = json!({"UserPoolId": "us-east-1_abc", "Username": "u",
                       "ClientMetadata": {"a b": 3}});
    assert_eq!(
        problems("AdminCreateUser", &input),
        vec![err(
            "ClientMetadata[\"a b\"]",
            "`ClientMetadata[\"a b\"]` is a string in the model: write \"3\" not 3"
        )]
    );
    let tags = json!({"PoolName": "p", "UserPoolTags": {"": "v"}});
    assert_eq!(
        problems("CreateUserPool", &tags),
        vec![err(
            "UserPoolTags[\"\"]",
            "key \"\" is too short: 0 characters, at least 1 required"
        )]
    );
}

#[test]
fn patterns_are_full_matches() {
    let s = seed_with("/PoolName", json!("bad/name"));
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![err(
            "PoolName",
            "`PoolName`: \"bad/name\" does not match the pattern [\\w\\s+=,.@-]+"
        )]
    );
    // A match of part of the value is not enough.
    let input = json!({"UserPoolId": "us-east-1_abc!"});
    assert_eq!(
        problems("DescribeUserPool", &input),
        vec![err(
            "UserPoolId",
            "`UserPoolId`: \"us-east-1_abc!\" does not match the pattern [\\w-]+_[0-9a-zA-Z]+"
        )]
    );
    assert_eq!(
        problems("DescribeUserPool", &json!({"UserPoolId": "us-east-1_abc"})),
        vec![]
    );
}

#[test]
fn unsupported_patterns_are_skipped() {
    // DomainType-like pattern with a look-behind cannot compile in Rust regex.
    let m = model();
    let shape = m
        .shape_index
        .iter()
        .map(|&(_, id)| m.shape(id))
        .find(|s| {
            s.pattern
                .as_ref()
                .is_some_and(|p| p.source().contains("(?<!"))
        })
        .expect("a look-behind pattern exists in the model");
    assert!(shape.pattern_matches("abc").is_none());
    let ok = m
        .shape_index
        .iter()
        .map(|&(_, id)| m.shape(id))
        .filter(|s| s.pattern.as_ref().is_some_and(|p| p.is_supported()))
        .count();
    assert!(ok >= 60, "most patterns compile: {ok}");
}

#[test]
fn blobs_are_base64() {
    let base = json!({"UserPoolId": "us-east-1_abc", "Username": "u", "EventId": "e",
                      "FeedbackValue": "Valid"});
    assert_eq!(problems("AdminUpdateAuthEventFeedback", &base), vec![]);

    let ui = |image: Value| json!({"UserPoolId": "us-east-1_abc", "ImageFile": image});
    assert_eq!(
        problems("SetUICustomization", &ui(json!("aGVsbG8="))),
        vec![]
    );
    assert_eq!(
        problems("SetUICustomization", &ui(json!("not base64!"))),
        vec![err(
            "ImageFile",
            "`ImageFile` is binary data in the model: give it as a base64 string \
             (e.g. \"aGVsbG8=\"), got string \"not base64!\""
        )]
    );
}

#[test]
fn timestamp_values() {
    // No Cognito input has a timestamp; check the rule on a made-up model.
    let text = super::TREE_MODEL.replace(
        "\"Text\": {\"type\": \"string\", \"min\": 1}",
        "\"Text\": {\"type\": \"timestamp\"}",
    );
    let m = crate::model::Model::from_json(&text, None).expect("loads");
    let o = m.operation("PutTree").expect("op");
    for ok in [
        json!(1_700_000_000),
        json!(1.7e9),
        json!("2024-01-31T12:00:00Z"),
    ] {
        assert_eq!(m.validate(o, &json!({"Root": {"Name": ok}})), vec![]);
    }
    let p = m.validate(o, &json!({"Root": {"Name": "yesterday"}}));
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].path, "Root.Name");
    assert_eq!(
        p[0].message,
        "`Name` is a timestamp in the model: give epoch seconds (a number) or an ISO-8601 \
         string like \"2024-01-31T12:00:00Z\", got string \"yesterday\""
    );
}

#[test]
fn unknown_member_did_you_mean() {
    let mut s = seed();
    let pp = s["Policies"]["PasswordPolicy"]
        .as_object_mut()
        .expect("object");
    let v = pp.remove("MinimumLength").expect("present");
    pp.insert("MinimumLenght".to_string(), v);
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![unknown(
            "Policies.PasswordPolicy.MinimumLenght",
            "unknown member `MinimumLenght` in PasswordPolicyType: did you mean `MinimumLength`?"
        )]
    );
    let s = json!({"poolname": "x", "PoolName": "x"});
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![unknown(
            "poolname",
            "unknown member `poolname` in CreateUserPoolRequest: did you mean `PoolName`?"
        )]
    );
}

#[test]
fn unknown_member_says_where_it_belongs() {
    let s = json!({"PoolName": "p", "MinimumLength": 8});
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![unknown(
            "MinimumLength",
            "unknown member `MinimumLength` in CreateUserPoolRequest: it belongs at \
             Policies.PasswordPolicy.MinimumLength"
        )]
    );
    let s = json!({"PoolName": "p", "Schema": [{"Name": "x", "MaxLength": "9"}]});
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![unknown(
            "Schema[0].MaxLength",
            "unknown member `MaxLength` in SchemaAttributeType: it belongs at \
             Schema[].StringAttributeConstraints.MaxLength"
        )]
    );
    let s = json!({"PoolName": "p", "Colour": "blue"});
    assert_eq!(
        problems("CreateUserPool", &s),
        vec![unknown(
            "Colour",
            "unknown member `Colour` in CreateUserPoolRequest"
        )]
    );
}

#[test]
fn many_problems_at_once() {
    let mut s = seed();
    s.as_object_mut().expect("object").remove("PoolName");
    s["MfaConfiguration"] = json!("of");
    s["Schema"][3]["StringAttributeConstraints"]["MaxLength"] = json!(2048);
    s["Schema"][18]["NumberAttributeConstraints"]["MinValue"] = json!(0);
    s["Policies"]["PasswordPolicy"]["MinimumLength"] = json!(3);
    s["MinimumLength"] = json!(8);
    s["Schema"][5]["AttributeDataType"] = json!("string");
    let got = problems("CreateUserPool", &s);
    let want = vec![
        err("PoolName", "missing required member `PoolName` (string)"),
        err(
            "MfaConfiguration",
            "`MfaConfiguration`: \"of\" is not one of \"OFF\", \"ON\", \"OPTIONAL\": \
             did you mean \"OFF\"?",
        ),
        err(
            "Policies.PasswordPolicy.MinimumLength",
            "`MinimumLength` is 3, below the minimum 6",
        ),
        err(
            "Schema[3].StringAttributeConstraints.MaxLength",
            "`MaxLength` is a string in the model: write \"2048\" not 2048",
        ),
        err(
            "Schema[5].AttributeDataType",
            "`AttributeDataType`: \"string\" is not one of \"String\", \"Number\", \
             \"DateTime\", \"Boolean\": did you mean \"String\"?",
        ),
        err(
            "Schema[18].NumberAttributeConstraints.MinValue",
            "`MinValue` is a string in the model: write \"0\" not 0",
        ),
        unknown(
            "MinimumLength",
            "unknown member `MinimumLength` in CreateUserPoolRequest: it belongs at \
             Policies.PasswordPolicy.MinimumLength",
        ),
    ];
    assert_eq!(got, want);
    assert_eq!(
        model()
            .validate(op("CreateUserPool"), &s)
            .iter()
            .filter(|p| p.is_error())
            .count(),
        7
    );
}

#[test]
fn input_must_be_a_map() {
    assert_eq!(
        problems("CreateUserPool", &json!([1, 2])),
        vec![err(
            "",
            "the input is a structure in the model (a map with members PoolName, Policies, \
             DeletionProtection, LambdaConfig, …), got a list of 2 items"
        )]
    );
}

#[test]
fn problems_display_with_path() {
    let p = model().validate(op("CreateUserPool"), &json!({}));
    assert_eq!(
        p[0].to_string(),
        "error: PoolName: missing required member `PoolName` (string)"
    );
}

#[test]
fn a_custom_domain_is_a_valid_domain_and_a_bad_label_is_not() {
    let input = |d: &str| json!({"Domain": d});
    assert_eq!(
        problems("DescribeUserPoolDomain", &input("auth.example.com")),
        vec![]
    );
    assert_eq!(
        problems("DescribeUserPoolDomain", &input("my-prefix")),
        vec![]
    );
    let bad = problems("DescribeUserPoolDomain", &input("auth..example.com"));
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0].1, "Domain");
}

#[test]
fn unknown_members_are_errors_that_leniency_makes_warnings() {
    let input = json!({"PoolName": "p", "MfaConfig": "ON"});
    let found = model().validate(op("CreateUserPool"), &input);
    assert_eq!(
        found,
        vec![Problem::unknown(
            "MfaConfig",
            "unknown member `MfaConfig` in CreateUserPoolRequest: did you mean \
             `MfaConfiguration`?"
                .to_string()
        )]
    );
    assert!(found[0].is_error() && found[0].unknown_member);
    let lenient = found[0].clone().leniently();
    assert_eq!(lenient.severity, Warning);
    assert_eq!(lenient.message, found[0].message);
    // Other errors stay errors.
    let missing = model().validate(op("CreateUserPool"), &json!({}));
    assert_eq!(missing[0].clone().leniently(), missing[0]);
}
