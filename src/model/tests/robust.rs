//! No panics: odd values against every operation, in every entry point.

use serde_json::{Value, json};

use super::{model, seed};

fn odd_values() -> Vec<Value> {
    let deep = (0..200).fold(json!(1), |acc, _| json!([acc]));
    let deep_map = (0..200).fold(json!({}), |acc, _| json!({"Policies": acc}));
    vec![
        Value::Null,
        json!(true),
        json!(-0.0),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(1e308),
        json!(""),
        json!("\u{0}\u{ffff}é"),
        json!([]),
        json!([null, {}, [], "x"]),
        json!({}),
        json!({"": null, "UserPoolId": 5, "Username": [], "Schema": {"a": 1}}),
        json!({"UserPoolId": {"UserPoolId": {"UserPoolId": null}}, "Limit": 1e300}),
        json!({"ClientMetadata": {"": ""}, "AuthParameters": [1], "Policies": "x"}),
        deep,
        deep_map,
        seed(),
    ]
}

#[test]
fn every_entry_point_survives_odd_values_for_every_operation() {
    let m = model();
    let values = odd_values();
    let mut problems = 0;
    for o in m.operations() {
        for v in &values {
            problems += m.validate(o, v).len();
            let _ = m.redact_input(o, v);
            let _ = m.redact_output(o, v);
            let out = m.synthesize_output(o, v, "");
            assert!(out.is_object(), "{}", o.name);
        }
        let _ = m.input_members_at(o, &["", "[", "]", "Schema[", "x.y"]);
    }
    assert!(problems > 1000, "odd values do raise problems: {problems}");
}

#[test]
fn a_member_with_every_wrong_type_is_reported_once() {
    let m = model();
    let o = m.operation("CreateUserPool").expect("op");
    for v in [
        json!(1),
        json!("x"),
        json!(true),
        json!([1]),
        json!({"a": 1}),
    ] {
        let input = json!({"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": v}}});
        let p = m.validate(o, &input);
        assert_eq!(p.len(), 1, "{v}: {p:?}");
        assert_eq!(p[0].path, "Policies.PasswordPolicy.MinimumLength");
    }
}

#[test]
fn deeply_nested_input_is_cut_off_not_overflowed() {
    let m = super::tree_model();
    let o = m.operation("PutTree").expect("op");
    let mut node = json!({"Name": "leaf"});
    for _ in 0..100 {
        node = json!({"Name": "n", "Children": [node]});
    }
    let p = m.validate(o, &json!({ "Root": node }));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].message.starts_with("nested deeper than"),
        "{}",
        p[0].message
    );
    let red = m.redact_input(o, &json!({ "Root": node }));
    assert!(red.to_string().contains(crate::model::REDACTED));
}

/// Every node of the seed request replaced, one at a time, by each odd value.
#[test]
fn every_node_of_the_seed_replaced_by_odd_values() {
    fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    pointers(x, format!("{at}/{k}"), out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    pointers(x, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
        out.push(at);
    }
    let m = model();
    let o = m.operation("CreateUserPool").expect("op");
    let base = seed();
    let mut all = Vec::new();
    pointers(&base, String::new(), &mut all);
    assert!(all.len() > 200, "{}", all.len());
    let replacements = [
        json!(null),
        json!(-1),
        json!("~"),
        json!([{}]),
        json!({"x": []}),
    ];
    let mut with_errors = 0;
    for ptr in all.iter().filter(|p| !p.is_empty()) {
        for r in &replacements {
            let mut v = base.clone();
            if let Some(slot) = v.pointer_mut(ptr) {
                *slot = r.clone();
            }
            let problems = m.validate(o, &v);
            with_errors += usize::from(problems.iter().any(|p| p.is_error()));
            let _ = m.synthesize_output(o, &v, "us-east-1");
            let _ = m.redact_input(o, &v);
        }
    }
    assert!(with_errors > all.len(), "{with_errors}");
}
