//! Plausible responses for `--dry-run`, built from the output shape so that later script
//! steps (`resp.UserPool.Id`) keep working without calling AWS.
//!
//! Structures get every member. A member echoes the input when the input has a value of a
//! compatible type at the corresponding place: the same name, or an alias of the very same
//! shape whose name contains or is contained in it (`PoolName` → `Name`, `Schema` →
//! `SchemaAttributes`). A top-level output structure absent from the input (CreateUserPool's
//! `UserPool`) corresponds to the input as a whole. Otherwise: ids and ARNs that look real,
//! the first enum value, a short placeholder that fits the length and pattern, numbers at
//! their minimum or 0, `false`, the current time, empty lists and maps. The paginator's
//! output token is never produced, so pagination stops.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Number, Value};

use super::shapes::{Kind, Shape, ShapeId};
use super::{Model, Operation};

/// Structures nested deeper than this come out empty.
const SYNTH_DEPTH: usize = 10;

impl Model {
    /// A response for `op` as if the service had accepted `input` in `region`.
    pub fn synthesize_output(&self, op: &Operation, input: &Value, region: &str) -> Value {
        let Some(out) = self.output_id(op) else {
            return Value::Object(Map::new());
        };
        let pool_id = input
            .get("UserPoolId")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| format!("{region}_DryRun0001"));
        let synth = Synth {
            model: self,
            region,
            pool_id,
            now: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
            skip: self.paginator(op).map(|p| p.output_token),
        };
        let root = input.is_object().then_some(Counterpart {
            value: input,
            shape: self.input_id(op),
        });
        synth.structure(out, root, 0)
    }
}

/// The input value that corresponds to the output value being built, with its input shape.
#[derive(Clone, Copy)]
struct Counterpart<'a> {
    value: &'a Value,
    shape: Option<ShapeId>,
}

struct Synth<'m> {
    model: &'m Model,
    region: &'m str,
    pool_id: String,
    now: u64,
    /// The paginator's output token, left out of the top level.
    skip: Option<&'m str>,
}

impl Synth<'_> {
    fn structure(&self, id: ShapeId, cp: Option<Counterpart<'_>>, depth: usize) -> Value {
        let mut out = Map::new();
        if depth > SYNTH_DEPTH {
            return Value::Object(out);
        }
        for m in self.model.shape(id).members() {
            if depth == 0 && self.skip == Some(m.name) {
                continue;
            }
            let mut mcp = cp.and_then(|cp| self.counterpart(cp, m.name, m.shape));
            if mcp.is_none() && depth == 0 && self.model.shape(m.shape).is_structure() {
                mcp = cp;
            }
            let v = self.value(m.shape, m.name, mcp, depth + 1);
            out.insert(m.name.to_string(), v);
        }
        Value::Object(out)
    }

    /// The input member matching output member `name` of shape `shape`, if any.
    fn counterpart<'a>(
        &self,
        cp: Counterpart<'a>,
        name: &str,
        shape: ShapeId,
    ) -> Option<Counterpart<'a>> {
        let obj = cp.value.as_object()?;
        let in_shape = cp.shape.map(|s| self.model.shape(s));
        if let Some(v) = obj.get(name).filter(|v| !v.is_null()) {
            let member_shape = in_shape.and_then(|s| s.member(name)).map(|m| m.shape);
            return Some(Counterpart {
                value: v,
                shape: member_shape,
            });
        }
        let in_shape = in_shape?;
        let mut found = in_shape.members().iter().filter(|m| {
            m.shape == shape
                && m.name != name
                && (m.name.contains(name) || name.contains(m.name))
                && obj.get(m.name).is_some_and(|v| !v.is_null())
        });
        let alias = found.next()?;
        if found.next().is_some() {
            return None; // ambiguous
        }
        Some(Counterpart {
            value: obj.get(alias.name)?,
            shape: Some(alias.shape),
        })
    }

    fn value(&self, id: ShapeId, name: &str, cp: Option<Counterpart<'_>>, depth: usize) -> Value {
        let shape = self.model.shape(id);
        if let Some(cp) = cp.filter(|cp| compatible(shape, cp.value)) {
            return match shape.kind {
                Kind::Structure(_) => self.structure(id, Some(cp), depth),
                _ => cp.value.clone(),
            };
        }
        match &shape.kind {
            Kind::Structure(_) => self.structure(id, None, depth),
            // One synthesized item, so a script that indexes a list result
            // (`pools.UserPools[0].Id`) checks offline.
            Kind::List(item) if depth <= SYNTH_DEPTH => {
                Value::Array(vec![self.value(*item, name, None, depth + 1)])
            }
            Kind::List(_) => Value::Array(Vec::new()),
            Kind::Map { .. } | Kind::Any => Value::Object(Map::new()),
            Kind::String => Value::String(self.string(shape, name)),
            Kind::Integer | Kind::Long => Value::from(shape.min.map(|m| m as i64).unwrap_or(0)),
            Kind::Double | Kind::Float => {
                Value::Number(Number::from_f64(shape.min.unwrap_or(0.0)).unwrap_or(0.into()))
            }
            Kind::Boolean => Value::Bool(false),
            Kind::Timestamp => Value::from(self.now),
            Kind::Blob => Value::String(String::new()),
        }
    }

    fn string(&self, shape: &Shape, name: &str) -> String {
        if let Some(first) = shape.enum_values.first() {
            return first.to_string();
        }
        let region = self.region;
        let candidates: Vec<String> = if name == "Arn" {
            vec![format!(
                "arn:aws:cognito-idp:{region}:000000000000:userpool/{}",
                self.pool_id
            )]
        } else if name.ends_with("Arn") || shape.name.contains("Arn") {
            vec![
                format!(
                    "arn:aws:cognito-idp:{region}:000000000000:userpool/{}",
                    self.pool_id
                ),
                format!("arn:aws:secretsmanager:{region}:000000000000:secret/dry-run"),
                "arn:aws:s3:::dry-run".to_string(),
            ]
        } else if name == "Id" || name == "UserPoolId" {
            vec![self.pool_id.clone(), format!("{region}_DryRun0001")]
        } else if name.ends_with("Id") {
            vec![
                "dryrun0000000000000000001a".to_string(),
                format!("{region}_00000000-0000-4000-8000-000000000001"),
                "00000000-0000-4000-8000-000000000001".to_string(),
                "DryRun0001".to_string(),
                format!("tkn{}1", "0".repeat(24)),
            ]
        } else {
            Vec::new()
        };
        let from_pattern = shape
            .pattern
            .as_ref()
            .map(|p| pattern_examples(p.source()))
            .unwrap_or_default();
        let generic = [
            "dry-run".to_string(),
            "DryRun".to_string(),
            "dryrun".to_string(),
            "dry-run {####}".to_string(),
            "dry-run {##dry-run##}".to_string(),
            "dry-run@example.com".to_string(),
            "https://example.com/dry-run".to_string(),
            "00000000-0000-4000-8000-000000000001".to_string(),
            format!("{region}_00000000-0000-4000-8000-000000000001"),
            "0".to_string(),
        ];
        candidates
            .iter()
            .chain(&from_pattern)
            .chain(&generic)
            .map(String::as_str)
            .map(|c| fit_length(shape, c))
            .find(|c| fits(shape, c))
            .unwrap_or_else(|| fit_length(shape, "dry-run"))
    }
}

/// Guesses that fit simple patterns: the first branch of a literal alternation
/// (`^(terms-of-use|privacy-policy)$`), or a literal prefix plus a word (`import-[0-9a-z]+`).
fn pattern_examples(pattern: &str) -> Vec<String> {
    let p = pattern.trim_start_matches('^').trim_end_matches('$');
    let is_literal = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' ' | ':'))
    };
    let mut out = Vec::new();
    if let Some(inner) = p.strip_prefix('(').and_then(|r| r.strip_suffix(')'))
        && let Some(first) = inner.split('|').next()
        && is_literal(first)
    {
        out.push(first.to_string());
    }
    let prefix: String = p
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
        .collect();
    if !prefix.is_empty() {
        out.push(format!("{prefix}DryRun0001"));
    }
    out
}

/// Pad with `0` up to the minimum length, cut to the maximum.
fn fit_length(shape: &Shape, s: &str) -> String {
    let mut out: String = match shape.max {
        Some(max) if max >= 0.0 => s.chars().take(max as usize).collect(),
        _ => s.to_string(),
    };
    if let Some(min) = shape.min {
        let min = min.clamp(0.0, 4096.0) as usize;
        while out.chars().count() < min {
            out.push('0');
        }
    }
    out
}

fn fits(shape: &Shape, s: &str) -> bool {
    let len = s.chars().count() as f64;
    shape.min.is_none_or(|m| len >= m)
        && shape.max.is_none_or(|m| len <= m)
        && shape.pattern_matches(s) != Some(false)
}

/// Whether an input value can stand in for an output value of `shape`.
fn compatible(shape: &Shape, v: &Value) -> bool {
    match shape.kind {
        Kind::Structure(_) | Kind::Map { .. } => v.is_object(),
        Kind::List(_) => v.is_array(),
        Kind::String | Kind::Blob => v.is_string(),
        Kind::Integer | Kind::Long => v.as_i64().is_some() || v.as_u64().is_some(),
        Kind::Double | Kind::Float => v.is_number(),
        Kind::Boolean => v.is_boolean(),
        Kind::Timestamp => v.is_number() || v.is_string(),
        Kind::Any => !v.is_null(),
    }
}
