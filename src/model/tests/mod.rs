//! Unit tests of the model layer against the embedded Cognito model and small made-up models.

mod describe;
mod errors;
mod load;
mod members;
mod redact;
mod robust;
mod synth;
mod validate;

use serde_json::Value;

use super::{Model, Operation, Severity};

fn model() -> &'static Model {
    Model::embedded()
}

fn op(name: &str) -> &'static Operation {
    model()
        .operation(name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

/// The full CreateUserPool request of the Chilkat example (seed 000), as written there.
fn raw_seed() -> Value {
    serde_json::from_str(include_str!("seed_create_user_pool.json")).expect("seed is JSON")
}

/// The seed without `AdminCreateUserConfig.TemporaryPasswordValidityDays`, which the current
/// model no longer has there (it moved to `Policies.PasswordPolicy`): a request with no
/// problems at all, to change one thing at a time.
fn seed() -> Value {
    let mut s = raw_seed();
    s["AdminCreateUserConfig"]
        .as_object_mut()
        .and_then(|m| m.shift_remove("TemporaryPasswordValidityDays"))
        .expect("the seed sets AdminCreateUserConfig.TemporaryPasswordValidityDays");
    s
}

/// `(severity, path, message)` triples, easy to compare.
fn problems(op_name: &str, input: &Value) -> Vec<(Severity, String, String)> {
    model()
        .validate(op(op_name), input)
        .into_iter()
        .map(|p| (p.severity, p.path, p.message))
        .collect()
}

/// A tiny model with a recursive shape and a sensitive member, for recursion limits.
const TREE_MODEL: &str = r#"{
  "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Tree",
               "endpointPrefix": "tree"},
  "operations": {
    "PutTree": {"name": "PutTree", "input": {"shape": "PutTreeRequest"},
                "output": {"shape": "PutTreeResponse"}, "authtype": "none"}
  },
  "shapes": {
    "PutTreeRequest": {"type": "structure", "required": ["Root"],
                       "members": {"Root": {"shape": "Node"}}},
    "PutTreeResponse": {"type": "structure",
                        "members": {"Root": {"shape": "Node"},
                                    "Key": {"shape": "Text", "sensitive": true}}},
    "Node": {"type": "structure", "required": ["Name"],
             "members": {"Name": {"shape": "Text"}, "Children": {"shape": "Nodes"}}},
    "Nodes": {"type": "list", "member": {"shape": "Node"}, "max": 3},
    "Text": {"type": "string", "min": 1}
  }
}"#;

fn tree_model() -> Model {
    Model::from_json(TREE_MODEL, None).expect("tree model loads")
}
