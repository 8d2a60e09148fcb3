//! Redaction of sensitive members in requests and responses.

use serde_json::json;

use super::{model, op, tree_model};
use crate::model::REDACTED;

#[test]
fn temporary_password_is_redacted_in_requests() {
    let input = json!({
        "UserPoolId": "us-east-1_abc",
        "Username": "bob",
        "TemporaryPassword": "Hunter2!secret",
        "UserAttributes": [{"Name": "email", "Value": "bob@example.com"}],
        "Extra": {"Password": "kept: unknown members are untouched"},
        "MessageAction": null
    });
    let out = model().redact_input(op("AdminCreateUser"), &input);
    assert_eq!(out["TemporaryPassword"], REDACTED);
    assert_eq!(out["UserPoolId"], "us-east-1_abc");
    // Username and attribute values are sensitive in the model too.
    assert_eq!(out["Username"], REDACTED);
    assert_eq!(out["UserAttributes"][0]["Name"], "email");
    assert_eq!(out["UserAttributes"][0]["Value"], REDACTED);
    assert_eq!(out["Extra"], input["Extra"]);
    assert_eq!(out["MessageAction"], json!(null));
    assert!(!out.to_string().contains("Hunter2"));
    // Same keys, same order.
    let keys = |v: &serde_json::Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
    assert_eq!(keys(&out), keys(&input));
}

#[test]
fn client_secret_is_redacted_in_responses() {
    let resp = json!({"UserPoolClient": {
        "UserPoolId": "us-east-1_abc",
        "ClientName": "web",
        "ClientId": "1example23456789",
        "ClientSecret": "abcdefghijklmnopqrstuvwxyz0123456789",
        "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]
    }});
    let out = model().redact_output(op("CreateUserPoolClient"), &resp);
    let c = &out["UserPoolClient"];
    assert_eq!(c["ClientSecret"], REDACTED);
    assert_eq!(c["ClientId"], REDACTED);
    assert_eq!(c["ClientName"], "web");
    assert_eq!(c["ExplicitAuthFlows"], json!(["ALLOW_USER_SRP_AUTH"]));
}

#[test]
fn tokens_and_sensitive_maps_are_redacted() {
    let resp = json!({"AuthenticationResult": {"AccessToken": "eyJ.a.b", "ExpiresIn": 3600,
                      "IdToken": "eyJ.c.d", "RefreshToken": "r", "TokenType": "Bearer"},
                      "ChallengeParameters": {}});
    let out = model().redact_output(op("InitiateAuth"), &resp);
    let r = &out["AuthenticationResult"];
    for k in ["AccessToken", "IdToken", "RefreshToken"] {
        assert_eq!(r[k], REDACTED, "{k}");
    }
    assert_eq!(r["ExpiresIn"], 3600);
    assert_eq!(r["TokenType"], "Bearer");
    let input = json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "c",
                       "AuthParameters": {"USERNAME": "bob", "PASSWORD": "pw"}});
    let out = model().redact_input(op("InitiateAuth"), &input);
    assert_eq!(out["AuthParameters"], REDACTED);
    assert_eq!(out["AuthFlow"], "USER_PASSWORD_AUTH");
}

#[test]
fn member_level_sensitive_and_odd_values() {
    let m = tree_model();
    let o = m.operation("PutTree").expect("op");
    let out = m.redact_output(o, &json!({"Key": "k", "Root": {"Name": "n"}}));
    assert_eq!(out, json!({"Key": REDACTED, "Root": {"Name": "n"}}));
    // Values of the wrong type are kept as they are, still redacted when sensitive.
    let out = m.redact_output(o, &json!({"Key": [1, 2], "Root": "x"}));
    assert_eq!(out, json!({"Key": REDACTED, "Root": "x"}));
    assert_eq!(m.redact_output(o, &json!(7)), json!(7));
}
