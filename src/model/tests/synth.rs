//! Dry-run responses: filled from the output shape, echoing the input where it fits.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::{model, op, seed};
use crate::model::{Model, Problem};

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Errors other than too few items: lists and maps are synthesized empty, even where the
/// model wants items.
fn real_errors(problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .filter(|p| p.is_error())
        .filter(|p| {
            !p.message.contains(" items, at least") && !p.message.contains(" entries, at least")
        })
        .collect()
}

#[test]
fn create_user_pool_echoes_the_request() {
    let mut input = seed();
    input["MfaConfiguration"] = json!("OPTIONAL"); // not the first enum value
    let out = model().synthesize_output(op("CreateUserPool"), &input, "eu-west-1");
    let pool = &out["UserPool"];
    assert_eq!(pool["Id"], "eu-west-1_DryRun0001");
    assert_eq!(
        pool["Arn"],
        "arn:aws:cognito-idp:eu-west-1:000000000000:userpool/eu-west-1_DryRun0001"
    );
    assert_eq!(pool["Name"], "MyTestPool");
    assert_eq!(pool["MfaConfiguration"], "OPTIONAL");
    assert_eq!(pool["SchemaAttributes"], input["Schema"]);
    assert_eq!(
        pool["AutoVerifiedAttributes"],
        input["AutoVerifiedAttributes"]
    );
    assert_eq!(
        pool["AccountRecoverySetting"],
        input["AccountRecoverySetting"]
    );
    let given = input["Policies"]["PasswordPolicy"]
        .as_object()
        .expect("object");
    let echoed = &pool["Policies"]["PasswordPolicy"];
    for (k, v) in given {
        assert_eq!(&echoed[k], v, "Policies.PasswordPolicy.{k}");
    }
    // Members the input lacks are still there.
    assert!(echoed["PasswordHistorySize"].is_number());
    assert!(pool["Policies"]["SignInPolicy"].is_object());
    let created = pool["CreationDate"].as_u64().expect("epoch seconds");
    assert!(created.abs_diff(now()) < 600, "{created}");
    // Echoed or made up, the whole response fits the output shape.
    let out_id = model().output_id(op("CreateUserPool")).expect("output");
    assert_eq!(real_errors(model().validate_shape(out_id, &out)), vec![]);
    // The synthesized id is one DescribeUserPool would accept.
    let id = pool["Id"].clone();
    assert_eq!(
        model().validate(op("DescribeUserPool"), &json!({ "UserPoolId": id })),
        vec![]
    );
}

#[test]
fn ids_come_from_the_input_when_given() {
    let out = model().synthesize_output(
        op("DescribeUserPool"),
        &json!({"UserPoolId": "us-east-2_AbC123"}),
        "us-east-2",
    );
    assert_eq!(out["UserPool"]["Id"], "us-east-2_AbC123");
    assert_eq!(
        out["UserPool"]["Arn"],
        "arn:aws:cognito-idp:us-east-2:000000000000:userpool/us-east-2_AbC123"
    );
    let out = model().synthesize_output(
        op("AdminCreateUser"),
        &json!({"UserPoolId": "us-east-2_AbC123", "Username": "bob",
                "UserAttributes": [{"Name": "email", "Value": "b@example.com"}]}),
        "us-east-2",
    );
    assert_eq!(out["User"]["Username"], "bob");
    assert_eq!(
        out["User"]["Attributes"],
        json!([{"Name": "email", "Value": "b@example.com"}])
    );
    assert_eq!(out["User"]["UserStatus"], "UNCONFIRMED", "first enum value");
}

#[test]
fn pagination_tokens_are_never_synthesized() {
    let m = model();
    for name in ["ListUsers", "ListUserPools", "ListGroups"] {
        let o = op(name);
        let p = m.paginator(o).expect("paginated");
        let out = m.synthesize_output(
            o,
            &json!({"UserPoolId": "us-east-1_x", "MaxResults": 5}),
            "us-east-1",
        );
        let obj = out.as_object().expect("object");
        assert!(!obj.contains_key(p.output_token), "{name}: {out}");
        // One synthesized item, so `r.Users[0]` works in a dry run.
        assert_eq!(
            out[&p.result_key].as_array().map(Vec::len),
            Some(1),
            "{name}: {out}"
        );
    }
}

#[test]
fn synthesized_outputs_are_valid_for_their_shapes() {
    let m = model();
    let mut checked = 0;
    let mut failures = Vec::new();
    for o in m.operations() {
        let out = m.synthesize_output(o, &json!({}), "us-east-1");
        let Some(id) = m.output_id(o) else {
            assert_eq!(out, json!({}), "{}", o.name);
            continue;
        };
        let errors = real_errors(m.validate_shape(id, &out));
        for e in &errors {
            failures.push(format!("{}: {e}", o.name));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(checked, 140);
}

#[test]
fn recursive_outputs_are_bounded() {
    let text = super::TREE_MODEL.replace(
        "\"Children\": {\"shape\": \"Nodes\"}",
        "\"Children\": {\"shape\": \"Node\"}",
    );
    let m = Model::from_json(&text, None).expect("loads");
    let o = m.operation("PutTree").expect("op");
    let out = m.synthesize_output(o, &json!({}), "r");
    let mut depth = 0;
    let mut cur = &out["Root"];
    while let Some(next) = cur.get("Children") {
        depth += 1;
        cur = next;
    }
    assert!((5..=12).contains(&depth), "depth {depth}");
    // The input is echoed where it fits.
    let out = m.synthesize_output(o, &json!({"Root": {"Name": "top"}}), "r");
    assert_eq!(out["Root"]["Name"], "top");
    assert_eq!(out["Root"]["Children"]["Name"], "dry-run");
    let _: &Value = &out["Key"];
}
