//! Loading: the embedded model, names, lookups and load errors.

use std::collections::HashSet;

use super::{model, op};
use crate::model::{Model, ModelError};

#[test]
fn embedded_model_has_all_operations_and_metadata() {
    let m = model();
    assert_eq!(m.operations().len(), 153);
    assert_eq!(m.target_prefix(), "AWSCognitoIdentityProviderService");
    assert_eq!(m.json_version(), "1.1");
    assert_eq!(m.signing_name(), "cognito-idp");
    assert_eq!(m.endpoint_prefix(), "cognito-idp");
    let names: Vec<&str> = m.operations().iter().map(|o| o.name).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "operations are sorted by name");
}

#[test]
fn snake_names_are_unique_and_match_boto3() {
    let m = model();
    let snakes: HashSet<&str> = m.operations().iter().map(|o| o.snake_name).collect();
    assert_eq!(snakes.len(), 153);
    // The name rules themselves are tested in names.rs; here: every operation uses them.
    for o in m.operations() {
        assert_eq!(o.snake_name, crate::model::xform_name(o.name));
    }
    for o in m.operations() {
        assert!(
            o.snake_name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{}",
            o.snake_name
        );
    }
}

#[test]
fn operation_by_either_name() {
    let m = model();
    let a = m.operation("CreateUserPool").expect("by API name");
    let b = m.operation("create_user_pool").expect("by snake name");
    assert_eq!(a, b);
    assert_eq!(a.input_shape, Some("CreateUserPoolRequest"));
    assert_eq!(a.output_shape, Some("CreateUserPoolResponse"));
    assert!(a.errors.contains(&"InvalidParameterException"));
    assert!(m.operation("createUserPool").is_none());
    assert!(m.operation("NoSuchOperation").is_none());
    assert_eq!(
        m.operation("get_csv_header").map(|o| o.name),
        Some("GetCSVHeader")
    );
}

#[test]
fn unsigned_operations_follow_authtype_none() {
    let m = model();
    assert!(op("InitiateAuth").unsigned);
    assert!(op("SignUp").unsigned);
    assert!(!op("CreateUserPool").unsigned);
    assert!(!op("AdminInitiateAuth").unsigned);
    assert_eq!(m.operations().iter().filter(|o| o.unsigned).count(), 34);
    assert!(op("DeleteUserPool").output_shape.is_none());
}

#[test]
fn paginators_for_list_operations() {
    let m = model();
    let p = m.paginator(op("ListUsers")).expect("ListUsers pages");
    assert_eq!(p.input_token, "PaginationToken");
    assert_eq!(p.output_token, "PaginationToken");
    assert_eq!(p.limit_key, Some("Limit"));
    assert_eq!(p.result_key, "Users");
    let p = m
        .paginator(op("ListUserPools"))
        .expect("ListUserPools pages");
    assert_eq!(p.input_token, "NextToken");
    assert_eq!(p.output_token, "NextToken");
    assert_eq!(p.limit_key, Some("MaxResults"));
    assert_eq!(p.result_key, "UserPools");
    assert!(m.paginator(op("CreateUserPool")).is_none());
}

#[test]
fn paginators_are_optional_and_may_be_lists() {
    let pag = r#"{"pagination": {"PutTree": {"input_token": ["A", "B"], "output_token": "A",
                  "result_key": ["Items"]}, "Missing": {"input_token": "X",
                  "output_token": "X", "result_key": "Y"}}}"#;
    let m = Model::from_json(super::TREE_MODEL, Some(pag)).expect("loads");
    let o = m.operation("PutTree").expect("op");
    let p = m.paginator(o).expect("paginator");
    assert_eq!((p.input_token, p.result_key), ("A", "Items"));
    assert_eq!(p.limit_key, None);
    assert_eq!(
        m.signing_name(),
        "tree",
        "signingName falls back to endpointPrefix"
    );
    assert_eq!(m.json_version(), "1.0");
    let bare = super::tree_model();
    assert!(
        bare.paginator(bare.operation("put_tree").expect("op"))
            .is_none()
    );
}

#[test]
fn bad_json_reports_line_and_column() {
    let err = Model::from_json("{\n  \"metadata\": {,\n}", None).expect_err("bad JSON");
    match err {
        ModelError::Json {
            file, line, column, ..
        } => {
            assert_eq!(file, "service-2.json");
            assert_eq!((line, column), (2, 16));
        }
        other => panic!("unexpected {other:?}"),
    }
    let err = Model::from_json(super::TREE_MODEL, Some("[1,")).expect_err("bad paginators");
    assert!(
        matches!(
            err,
            ModelError::Json {
                file: "paginators-1.json",
                line: 1,
                ..
            }
        ),
        "{err:?}"
    );
    let text = Model::from_json("[]", None)
        .expect_err("not a model")
        .to_string();
    assert!(
        text.starts_with("service-2.json: not a botocore model"),
        "{text}"
    );
}

#[test]
fn missing_metadata_and_unknown_shapes_are_errors() {
    let no_prefix = super::TREE_MODEL.replace("\"targetPrefix\": \"Tree\",", "");
    let err = Model::from_json(&no_prefix, None).expect_err("no targetPrefix");
    assert!(
        matches!(
            err,
            ModelError::MissingMetadata {
                field: "targetPrefix"
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "service-2.json: metadata has no `targetPrefix`"
    );

    let dangling = super::TREE_MODEL.replace("{\"shape\": \"Nodes\"}", "{\"shape\": \"Nope\"}");
    let err = Model::from_json(&dangling, None).expect_err("unknown shape");
    assert_eq!(
        err.to_string(),
        "service-2.json: shape `Nope` (used by Node) is not defined"
    );

    let rest = super::TREE_MODEL.replace("\"protocol\": \"json\"", "\"protocol\": \"rest-xml\"");
    let err = Model::from_json(&rest, None).expect_err("wrong protocol");
    assert!(
        matches!(err, ModelError::UnsupportedProtocol { .. }),
        "{err:?}"
    );

    let list = super::TREE_MODEL.replace("\"member\": {\"shape\": \"Node\"}, ", "");
    let err = Model::from_json(&list, None).expect_err("list without member");
    assert_eq!(
        err.to_string(),
        "service-2.json: shape `Nodes` is a list without `member`"
    );
}

#[test]
fn a_run_time_model_can_reuse_the_embedded_paginators() {
    let service = include_str!("../../../model/cognito-idp/service-2.json");
    let m = Model::from_json(service, Some(Model::embedded_paginators_json())).expect("loads");
    assert_eq!(m.operations(), model().operations());
    let o = m.operation("ListUsers").expect("op");
    assert_eq!(m.paginator(o), model().paginator(o));
    assert!(m.paginator(o).is_some());
}
