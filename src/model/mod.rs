//! The Cognito Identity Provider API model: operations, shapes, validation, skeletons,
//! dry-run responses, redaction and paginators. Knows nothing about Rhai or HTTP.
//!
//! The vendored botocore model (`model/cognito-idp/service-2.json` and `paginators-1.json`) is
//! embedded as static tables generated from it (`embedded_tables.rs`, kept current by a unit
//! test), so no start parses anything ([`Model::embedded`]); `--model FILE` goes through
//! [`Model::from_json`]. Every walk over shapes is bounded in depth, so recursive shapes and
//! deeply nested input cannot overflow the stack.

mod answer_check;
mod answer_shapes;
mod describe;
mod doc_text;
mod docs;
#[rustfmt::skip]
mod embedded_tables;
mod error;
mod formats;
mod item_exists;
mod load;
mod member_doc;
mod member_path;
mod members;
mod names;
mod omitted_errors;
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
mod codegen;
#[cfg(test)]
mod tests;

pub use error::ModelError;
pub use member_doc::MemberDoc;
pub use names::xform_name;
pub use problem::{Problem, Severity};
pub use quotas::{Classified, QuotaCategory, QuotaTable, QuotaTableError, UserCap};
pub use redact::REDACTED;
pub(crate) use suggest::closest as closest_name;
pub(crate) use suggest::{nearest as nearest_names, or_list};
pub use timestamps::{iso8601, parse_iso8601};

use shapes::{Shape, ShapeId};

/// Deepest nesting any walk over shapes or values goes before it stops.
pub(crate) const MAX_DEPTH: usize = 48;

const EMBEDDED_PAGINATORS: &str = include_str!("../../model/cognito-idp/paginators-1.json");

/// A resolved API model with its lookup tables. Every part is `'static`: the embedded model is
/// a set of static tables generated from the vendored JSON (`embedded_tables.rs`), and a model
/// loaded at run time (`--model FILE`) is kept for the whole process.
#[derive(Debug)]
pub struct Model {
    target_prefix: &'static str,
    json_version: &'static str,
    signing_name: &'static str,
    endpoint_prefix: &'static str,
    /// Sorted by name.
    operations: &'static [Operation],
    /// Both `CreateUserPool` and `create_user_pool` with the index in `operations`, sorted by
    /// name.
    op_index: &'static [(&'static str, usize)],
    shapes: &'static [Shape],
    /// Every shape name with its index in `shapes`, sorted by name.
    shape_index: &'static [(&'static str, ShapeId)],
    /// Keyed by operation name, sorted.
    paginators: &'static [(&'static str, Paginator)],
    /// Every member name marked sensitive (or of a sensitive shape) in some operation's input
    /// or output, sorted.
    sensitive_names: &'static [&'static str],
    /// Every member name of a `timestamp` shape in some operation's output, sorted.
    timestamp_names: &'static [&'static str],
}

/// One API operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// `CreateUserPool`
    pub name: &'static str,
    /// `create_user_pool`, as boto3 names the method.
    pub snake_name: &'static str,
    pub input_shape: Option<&'static str>,
    pub output_shape: Option<&'static str>,
    /// The model says `"authtype": "none"`: send without a signature.
    pub unsigned: bool,
    /// Names of the error shapes the operation may return.
    pub errors: &'static [&'static str],
}

/// How an operation pages its results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginator {
    pub input_token: &'static str,
    pub output_token: &'static str,
    pub limit_key: Option<&'static str>,
    pub result_key: &'static str,
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

/// The entry whose key is `key` in a table sorted by key.
fn entry<'t, T>(table: &'t [(&'static str, T)], key: &str) -> Option<&'t (&'static str, T)> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| &table[i])
}

/// The value whose key is `key` in a table sorted by key.
fn lookup<'t, T>(table: &'t [(&'static str, T)], key: &str) -> Option<&'t T> {
    entry(table, key).map(|(_, v)| v)
}

impl Model {
    /// The embedded model: static tables, nothing parsed at start.
    pub fn embedded() -> &'static Model {
        &embedded_tables::EMBEDDED
    }

    /// The embedded paginators-1.json, to pair with a service file given by `--model FILE`
    /// (`Model::from_json(&text, Some(Model::embedded_paginators_json()))`).
    pub fn embedded_paginators_json() -> &'static str {
        EMBEDDED_PAGINATORS
    }

    /// Parse a service-2.json (and optional paginators-1.json) given at run time. The model's
    /// tables are kept for the rest of the process (see [`Model`]).
    pub fn from_json(service: &str, paginators: Option<&str>) -> Result<Model, ModelError> {
        load::load(service, paginators)
    }

    /// All operations, sorted by name.
    pub fn operations(&self) -> &'static [Operation] {
        self.operations
    }

    /// Look an operation up by its API name (`CreateUserPool`) or snake name (`create_user_pool`).
    pub fn operation(&self, name: &str) -> Option<&'static Operation> {
        lookup(self.op_index, name).map(|&i| &self.operations[i])
    }

    /// Operations whose name contains `filter`, in either form (`user_pool` or `UserPool`,
    /// any case), sorted by name.
    pub fn operations_matching(&self, filter: &str) -> impl Iterator<Item = &'static Operation> {
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
    pub fn target_prefix(&self) -> &'static str {
        self.target_prefix
    }

    /// The JSON protocol version, e.g. `1.1` (content type `application/x-amz-json-1.1`).
    pub fn json_version(&self) -> &'static str {
        self.json_version
    }

    /// The SigV4 service name, e.g. `cognito-idp`.
    pub fn signing_name(&self) -> &'static str {
        self.signing_name
    }

    /// The host prefix of the endpoint, e.g. `cognito-idp`.
    pub fn endpoint_prefix(&self) -> &'static str {
        self.endpoint_prefix
    }

    /// How `op` pages its results, if it does.
    pub fn paginator(&self, op: &Operation) -> Option<&'static Paginator> {
        lookup(self.paginators, op.name)
    }

    /// Every distinct pattern the model uses.
    #[cfg(test)]
    pub(crate) fn patterns(&self) -> Vec<&'static str> {
        let mut all: Vec<&str> = self
            .shapes
            .iter()
            .filter_map(|s| s.pattern.as_ref().map(|p| p.source()))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    pub(crate) fn shape(&self, id: ShapeId) -> &'static Shape {
        &self.shapes[id]
    }

    /// The name of every shape of the model (for completion after `describe`).
    pub fn shape_names(&self) -> impl Iterator<Item = &'static str> {
        self.shape_index.iter().map(|(name, _)| *name)
    }

    pub(crate) fn shape_id(&self, name: &str) -> Option<ShapeId> {
        lookup(self.shape_index, name).copied()
    }

    /// The input shape of `op` in this model (looked up by name, so an operation taken from
    /// another model still works when the names agree).
    pub(crate) fn input_id(&self, op: &Operation) -> Option<ShapeId> {
        op.input_shape.and_then(|n| self.shape_id(n))
    }

    pub(crate) fn output_id(&self, op: &Operation) -> Option<ShapeId> {
        op.output_shape.and_then(|n| self.shape_id(n))
    }
}
