//! Parsing botocore's service-2.json and paginators-1.json into a resolved [`Model`].
//!
//! serde reads straight into small borrowed-where-possible structs (unknown fields such as
//! `documentation` are skipped), then shape names are resolved to indices once.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::omitted_errors::OMITTED_ERRORS;
use super::shapes::{Kind, Member, Shape, ShapeId};
use super::{Model, ModelError, Operation, Paginator, names};

/// A JSON object read as a list of entries, keeping file order and skipping hashing.
struct Entries<T>(Vec<(String, T)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Entries<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some((k, v)) = map.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

#[derive(Deserialize)]
struct RawService<'a> {
    #[serde(borrow)]
    metadata: RawMetadata<'a>,
    operations: Entries<RawOperation>,
    shapes: Entries<RawShape>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMetadata<'a> {
    #[serde(borrow)]
    protocol: Option<Cow<'a, str>>,
    #[serde(default)]
    protocols: Vec<String>,
    #[serde(borrow)]
    json_version: Option<Cow<'a, str>>,
    #[serde(borrow)]
    target_prefix: Option<Cow<'a, str>>,
    #[serde(borrow)]
    signing_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    endpoint_prefix: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct RawRef {
    shape: String,
    #[serde(default)]
    sensitive: bool,
    #[serde(default)]
    deprecated: bool,
}

#[derive(Deserialize)]
struct RawOperation {
    input: Option<RawRef>,
    output: Option<RawRef>,
    #[serde(default)]
    errors: Vec<RawRef>,
    authtype: Option<String>,
    #[serde(default)]
    auth: Vec<String>,
}

#[derive(Deserialize)]
struct RawShape {
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    members: Entries<RawRef>,
    #[serde(default)]
    required: Vec<String>,
    member: Option<RawRef>,
    key: Option<RawRef>,
    value: Option<RawRef>,
    min: Option<f64>,
    max: Option<f64>,
    pattern: Option<String>,
    #[serde(rename = "enum")]
    enum_values: Option<Vec<String>>,
    #[serde(default)]
    sensitive: bool,
    #[serde(default)]
    document: bool,
}

#[derive(Deserialize)]
struct RawPaginators {
    pagination: Entries<RawPaginator>,
}

#[derive(Deserialize)]
struct RawPaginator {
    input_token: Option<OneOrMany>,
    output_token: Option<OneOrMany>,
    limit_key: Option<String>,
    result_key: Option<OneOrMany>,
}

/// botocore allows a token or result key to be a string or a list of strings.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn first(self) -> Option<String> {
        match self {
            OneOrMany::One(s) => Some(s),
            OneOrMany::Many(v) => v.into_iter().next(),
        }
    }
}

pub(crate) fn load(service: &str, paginators: Option<&str>) -> Result<Model, ModelError> {
    let raw: RawService =
        serde_json::from_str(service).map_err(|e| ModelError::json("service-2.json", &e))?;
    let meta = raw.metadata;

    let protocol_ok = match meta.protocol.as_deref() {
        Some("json") => true,
        Some(_) => meta.protocols.iter().any(|p| p == "json"),
        None => meta.protocols.is_empty() || meta.protocols.iter().any(|p| p == "json"),
    };
    if !protocol_ok {
        let protocol = meta
            .protocol
            .as_deref()
            .map(str::to_string)
            .unwrap_or_else(|| meta.protocols.join(", "));
        return Err(ModelError::UnsupportedProtocol { protocol });
    }
    let target_prefix = meta
        .target_prefix
        .ok_or(ModelError::MissingMetadata {
            field: "targetPrefix",
        })?
        .into_owned();
    let endpoint_prefix = meta
        .endpoint_prefix
        .ok_or(ModelError::MissingMetadata {
            field: "endpointPrefix",
        })?
        .into_owned();
    let json_version = meta
        .json_version
        .ok_or(ModelError::MissingMetadata {
            field: "jsonVersion",
        })?
        .into_owned();
    let signing_name = meta
        .signing_name
        .map(Cow::into_owned)
        .unwrap_or_else(|| endpoint_prefix.clone());

    // The model is kept for the whole process (see `Model`): its text is leaked into
    // `'static` tables once here, as the embedded tables are static from the start.
    let mut shape_index: Vec<(&'static str, ShapeId)> = Vec::with_capacity(raw.shapes.0.len());
    let mut shape_names: Vec<&'static str> = Vec::with_capacity(raw.shapes.0.len());
    for (i, (name, _)) in raw.shapes.0.iter().enumerate() {
        let name: &'static str = leak(name.clone());
        shape_index.push((name, i));
        shape_names.push(name);
    }
    shape_index.sort_unstable_by(|a, b| a.0.cmp(b.0));
    // The shape's name as the model keeps it, and its index.
    let find = |shape: &str, used_by: &str| -> Result<(&'static str, ShapeId), ModelError> {
        super::entry(&shape_index, shape)
            .copied()
            .ok_or_else(|| ModelError::UnknownShape {
                shape: shape.to_string(),
                used_by: used_by.to_string(),
            })
    };
    let resolve = |shape: &str, used_by: &str| find(shape, used_by).map(|(_, id)| id);

    let mut shapes = Vec::with_capacity(raw.shapes.0.len());
    for ((_, rs), name) in raw.shapes.0.into_iter().zip(shape_names) {
        let kind = build_kind(name, &rs, &resolve)?;
        let mut shape = Shape::new(name, kind);
        shape.min = rs.min;
        shape.max = rs.max;
        shape.pattern = rs
            .pattern
            .map(|p| super::pattern::Pattern::new(leak(corrected_pattern(name, p))));
        shape.enum_values = rs
            .enum_values
            .map(|v| leak_all(v.into_iter().map(leak)))
            .unwrap_or(&[]);
        shape.sensitive = rs.sensitive;
        shapes.push(shape);
    }

    let mut operations = Vec::with_capacity(raw.operations.0.len());
    for (name, ro) in raw.operations.0 {
        let used_by = format!("operation {name}");
        let shape_of = |r: Option<RawRef>| -> Result<Option<&'static str>, ModelError> {
            r.map(|r| find(&r.shape, &used_by).map(|(name, _)| name))
                .transpose()
        };
        let input_shape = shape_of(ro.input)?;
        let output_shape = shape_of(ro.output)?;
        let unsigned = ro.authtype.as_deref() == Some("none")
            || ro.auth.iter().any(|a| a == "smithy.api#noAuth");
        operations.push(Operation {
            snake_name: leak(names::xform_name(&name)),
            name: leak(name),
            input_shape,
            output_shape,
            unsigned,
            errors: leak_all(ro.errors.into_iter().map(|r| leak(r.shape))),
        });
    }
    add_omitted_errors(&mut operations, &shape_index);
    operations.sort_by(|a, b| a.name.cmp(b.name));
    let mut op_index = Vec::with_capacity(operations.len() * 2);
    for (i, op) in operations.iter().enumerate() {
        op_index.push((op.name, i));
        op_index.push((op.snake_name, i));
    }
    op_index.sort_unstable_by(|a, b| a.0.cmp(b.0));
    op_index.dedup_by(|a, b| a.0 == b.0);

    let paginators = match paginators {
        Some(text) => load_paginators(text, &operations)?,
        None => Vec::new(),
    };

    let mut model = Model {
        target_prefix: leak(target_prefix),
        json_version: leak(json_version),
        signing_name: leak(signing_name),
        endpoint_prefix: leak(endpoint_prefix),
        operations: operations.leak(),
        op_index: op_index.leak(),
        shapes: shapes.leak(),
        shape_index: shape_index.leak(),
        paginators: paginators.leak(),
        sensitive_names: &[],
        timestamp_names: &[],
    };
    model.sensitive_names = leak_all(model.find_sensitive_names().into_iter());
    model.timestamp_names = leak_all(model.find_timestamp_names().into_iter());
    Ok(model)
}

/// Text kept for the rest of the process.
fn leak(s: String) -> &'static str {
    s.leak()
}

/// A list kept for the rest of the process.
fn leak_all<T>(items: impl Iterator<Item = T>) -> &'static [T] {
    items.collect::<Vec<T>>().leak()
}

/// Adds the errors the service returns that the model does not list ([`OMITTED_ERRORS`]).
fn add_omitted_errors(operations: &mut [Operation], shapes: &[(&'static str, ShapeId)]) {
    for (op_name, error) in OMITTED_ERRORS {
        let Some(&(error, _)) = super::entry(shapes, error) else {
            continue;
        };
        if let Some(op) = operations.iter_mut().find(|o| o.name == *op_name)
            && !op.errors.contains(&error)
        {
            let mut errors = op.errors.to_vec();
            errors.push(error);
            op.errors = errors.leak();
        }
    }
}

fn build_kind(
    name: &'static str,
    rs: &RawShape,
    resolve: &impl Fn(&str, &str) -> Result<ShapeId, ModelError>,
) -> Result<Kind, ModelError> {
    let needs = |r: &Option<RawRef>, what: &str| -> Result<ShapeId, ModelError> {
        match r {
            Some(r) => resolve(&r.shape, name),
            None => Err(ModelError::InvalidShape {
                shape: name.to_string(),
                reason: format!("is a {} without `{what}`", rs.ty),
            }),
        }
    };
    Ok(match rs.ty.as_str() {
        "structure" if rs.document => Kind::Any,
        "structure" => {
            let mut members = Vec::with_capacity(rs.members.0.len());
            for (mname, r) in &rs.members.0 {
                members.push(Member {
                    name: leak(mname.clone()),
                    shape: resolve(&r.shape, name)?,
                    required: rs.required.iter().any(|q| q == mname),
                    sensitive: r.sensitive,
                    deprecated: r.deprecated,
                });
            }
            Kind::Structure(members.leak())
        }
        "list" => Kind::List(needs(&rs.member, "member")?),
        "map" => Kind::Map {
            key: needs(&rs.key, "key")?,
            value: needs(&rs.value, "value")?,
        },
        "string" => Kind::String,
        "integer" => Kind::Integer,
        "long" => Kind::Long,
        "double" => Kind::Double,
        "float" => Kind::Float,
        "boolean" => Kind::Boolean,
        "timestamp" => Kind::Timestamp,
        "blob" => Kind::Blob,
        _ => Kind::Any,
    })
}

fn load_paginators(
    text: &str,
    operations: &[Operation],
) -> Result<Vec<(&'static str, Paginator)>, ModelError> {
    let raw: RawPaginators =
        serde_json::from_str(text).map_err(|e| ModelError::json("paginators-1.json", &e))?;
    let mut out = Vec::with_capacity(raw.pagination.0.len());
    for (op, rp) in raw.pagination.0 {
        // A paginator for an operation this model lacks (or one without tokens) is useless.
        let Ok(at) = operations.binary_search_by(|o| o.name.cmp(op.as_str())) else {
            continue;
        };
        let (Some(input_token), Some(output_token), Some(result_key)) = (
            rp.input_token.and_then(OneOrMany::first),
            rp.output_token.and_then(OneOrMany::first),
            rp.result_key.and_then(OneOrMany::first),
        ) else {
            continue;
        };
        out.push((
            operations[at].name,
            Paginator {
                input_token: leak(input_token),
                output_token: leak(output_token),
                limit_key: rp.limit_key.map(leak),
                result_key: leak(result_key),
            },
        ));
    }
    out.sort_by(|a, b| a.0.cmp(b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    Ok(out)
}

/// The one known error in the model's patterns: `DomainType` admits prefix domains only, but
/// the same member carries custom domains (`auth.example.com`, as the API reference says), so
/// its pattern is widened to dot-separated labels of the same form.
fn corrected_pattern(shape: &str, pattern: String) -> String {
    const PREFIX_ONLY: &str = "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$";
    if shape == "DomainType" && pattern == PREFIX_ONLY {
        "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?)*$"
            .to_string()
    } else {
        pattern
    }
}
