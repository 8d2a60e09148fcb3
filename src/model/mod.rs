//! The Cognito Identity Provider API model: operations, shapes, validation, skeletons,
//! dry-run responses, redaction and paginators. Knows nothing about Rhai or HTTP.
//!
//! The vendored botocore model (`model/cognito-idp/service-2.json` and `paginators-1.json`) is
//! embedded at build time and parsed once ([`Model::embedded`]); `--model FILE` goes through
//! [`Model::from_json`]. Every walk over shapes is bounded in depth, so recursive shapes and
//! deeply nested input cannot overflow the stack.

mod describe;
mod doc_text;
mod docs;
mod error;
mod formats;
mod item_exists;
mod load;
mod member_doc;
mod members;
mod names;
mod omitted_errors;
mod paths;
mod pattern;
mod problem;
mod quotas;
mod redact;
mod sensitive;
mod shapes;
mod suggest;
mod synth;
mod timestamps;
mod validate;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use error::ModelError;
pub use member_doc::MemberDoc;
pub use names::xform_name;
pub use problem::{Problem, Severity};
pub use quotas::{Classified, QuotaCategory, QuotaTable, QuotaTableError, UserCap};
pub use redact::REDACTED;
pub(crate) use suggest::closest as closest_name;
pub use timestamps::{iso8601, parse_iso8601};

use shapes::{Shape, ShapeId};

/// Deepest nesting any walk over shapes or values goes before it stops.
pub(crate) const MAX_DEPTH: usize = 48;

const EMBEDDED_SERVICE: &str = include_str!("../../model/cognito-idp/service-2.json");
const EMBEDDED_PAGINATORS: &str = include_str!("../../model/cognito-idp/paginators-1.json");

/// A parsed, resolved API model with its lookup tables.
#[derive(Debug)]
pub struct Model {
    target_prefix: String,
    json_version: String,
    signing_name: String,
    endpoint_prefix: String,
    operations: Vec<Operation>,
    /// Both `CreateUserPool` and `create_user_pool` map to the index in `operations`.
    op_index: HashMap<String, usize>,
    shapes: Vec<Shape>,
    shape_index: HashMap<String, ShapeId>,
    /// Keyed by operation name.
    paginators: HashMap<String, Paginator>,
}

/// One API operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// `CreateUserPool`
    pub name: String,
    /// `create_user_pool`, as boto3 names the method.
    pub snake_name: String,
    pub input_shape: Option<String>,
    pub output_shape: Option<String>,
    /// The model says `"authtype": "none"`: send without a signature.
    pub unsigned: bool,
    /// Names of the error shapes the operation may return.
    pub errors: Vec<String>,
}

/// How an operation pages its results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginator {
    pub input_token: String,
    pub output_token: String,
    pub limit_key: Option<String>,
    pub result_key: String,
}

/// A member of an input structure, for completion and hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberInfo {
    pub name: String,
    /// The model's type: `string`, `integer`, `long`, `double`, `float`, `boolean`,
    /// `timestamp`, `blob`, `structure`, `list`, `map` or `document`.
    pub type_name: String,
    pub required: bool,
    /// Allowed values when the member is an enum string (empty otherwise).
    pub enum_values: Vec<String>,
}

impl Model {
    /// The embedded model, parsed once.
    pub fn embedded() -> &'static Model {
        static EMBEDDED: OnceLock<Model> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            Model::from_json(EMBEDDED_SERVICE, Some(EMBEDDED_PAGINATORS))
                .expect("the embedded Cognito model is valid (checked by unit tests)")
        })
    }

    /// The embedded paginators-1.json, to pair with a service file given by `--model FILE`
    /// (`Model::from_json(&text, Some(Model::embedded_paginators_json()))`).
    pub fn embedded_paginators_json() -> &'static str {
        EMBEDDED_PAGINATORS
    }

    /// Parse a service-2.json (and optional paginators-1.json) given at run time.
    pub fn from_json(service: &str, paginators: Option<&str>) -> Result<Model, ModelError> {
        load::load(service, paginators)
    }

    /// All operations, sorted by name.
    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    /// Look an operation up by its API name (`CreateUserPool`) or snake name (`create_user_pool`).
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.op_index.get(name).map(|&i| &self.operations[i])
    }

    /// Operations whose name contains `filter`, in either form (`user_pool` or `UserPool`,
    /// any case), sorted by name.
    pub fn operations_matching<'a>(&'a self, filter: &str) -> impl Iterator<Item = &'a Operation> {
        let needle = filter.to_ascii_lowercase().replace('_', "");
        self.operations
            .iter()
            .filter(move |op| op.name.to_ascii_lowercase().contains(&needle))
    }

    /// One line per operation matching `filter` (snake_case name, then API name), as
    /// `pooler ops` and the REPL's `:ops` print them.
    pub fn ops_listing(&self, filter: &str) -> Vec<String> {
        self.operations_matching(filter)
            .map(|op| format!("{:<44} {}", op.snake_name, op.name))
            .collect()
    }

    /// The `X-Amz-Target` prefix, e.g. `AWSCognitoIdentityProviderService`.
    pub fn target_prefix(&self) -> &str {
        &self.target_prefix
    }

    /// The JSON protocol version, e.g. `1.1` (content type `application/x-amz-json-1.1`).
    pub fn json_version(&self) -> &str {
        &self.json_version
    }

    /// The SigV4 service name, e.g. `cognito-idp`.
    pub fn signing_name(&self) -> &str {
        &self.signing_name
    }

    /// The host prefix of the endpoint, e.g. `cognito-idp`.
    pub fn endpoint_prefix(&self) -> &str {
        &self.endpoint_prefix
    }

    /// How `op` pages its results, if it does.
    pub fn paginator(&self, op: &Operation) -> Option<&Paginator> {
        self.paginators.get(&op.name)
    }

    /// Every distinct pattern the model uses.
    #[cfg(test)]
    pub(crate) fn patterns(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self
            .shapes
            .iter()
            .filter_map(|s| s.pattern.as_ref().map(|p| p.source()))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    pub(crate) fn shape(&self, id: ShapeId) -> &Shape {
        &self.shapes[id]
    }

    /// The name of every shape of the model (for completion after `describe`).
    pub fn shape_names(&self) -> impl Iterator<Item = &str> {
        self.shape_index.keys().map(String::as_str)
    }

    pub(crate) fn shape_id(&self, name: &str) -> Option<ShapeId> {
        self.shape_index.get(name).copied()
    }

    /// The input shape of `op` in this model (looked up by name, so an operation taken from
    /// another model still works when the names agree).
    pub(crate) fn input_id(&self, op: &Operation) -> Option<ShapeId> {
        op.input_shape.as_deref().and_then(|n| self.shape_id(n))
    }

    pub(crate) fn output_id(&self, op: &Operation) -> Option<ShapeId> {
        op.output_shape.as_deref().and_then(|n| self.shape_id(n))
    }
}
