//! Cognito's request-rate quota table (`model/cognito-idp/quotas.json`): which category each
//! operation counts against, each category's default rate, and the per-pool and per-user caps.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

const EMBEDDED_QUOTAS: &str = include_str!("../../model/cognito-idp/quotas.json");

/// Why a quota table could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("quotas.json: {0}")]
pub struct QuotaTableError(String);

/// Which per-user cap an operation counts against (each user: 10 reads and 10 writes a second).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserCap {
    Read,
    Write,
}

/// One rate category, e.g. `UserCreation` at 50 requests a second.
#[derive(Clone, Debug, PartialEq)]
pub struct QuotaCategory {
    pub name: String,
    /// The default quota, requests per second, per account and region.
    pub default_rps: f64,
    /// Whether an account can raise it (and `GetProvisionedLimit` may report more).
    pub adjustable: bool,
    /// Each operation of the category, on one user pool, at most this many a second.
    pub per_pool_operation_rps: Option<f64>,
    /// The per-user cap its operations count against, if any.
    pub per_user: Option<UserCap>,
    pub operations: Vec<String>,
}

/// Where an operation stands in the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Classified<'a> {
    /// Counts against this category.
    Category(&'a QuotaCategory),
    /// Named by the table as not rate-categorised.
    Unlimited,
    /// Not in the table (an operation newer than it, or a misspelling).
    Unknown,
}

/// The whole table, with lookups.
#[derive(Debug)]
pub struct QuotaTable {
    categories: Vec<QuotaCategory>,
    by_operation: HashMap<String, usize>,
    unlimited: Vec<String>,
    inferred: Vec<String>,
    per_user_read_rps: f64,
    per_user_write_rps: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[allow(dead_code)]
    source: String,
    categories: BTreeMap<String, RawCategory>,
    per_user_rps: RawPerUser,
    unlimited: Vec<String>,
    inferred: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    rps: f64,
    adjustable: bool,
    #[serde(default)]
    per_pool_operation_rps: Option<f64>,
    #[serde(default)]
    per_user: Option<UserCap>,
    operations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerUser {
    read: f64,
    write: f64,
}

impl QuotaTable {
    /// The embedded table, parsed once.
    pub fn embedded() -> &'static QuotaTable {
        static EMBEDDED: OnceLock<QuotaTable> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            QuotaTable::from_json(EMBEDDED_QUOTAS)
                .expect("the embedded quota table is valid (checked by unit tests)")
        })
    }

    /// Parses a table in the `quotas.json` format; every rate must be positive and finite and
    /// no operation may be listed twice.
    pub fn from_json(text: &str) -> Result<QuotaTable, QuotaTableError> {
        let bad = QuotaTableError;
        let raw: RawTable = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        let positive = |what: &str, v: f64| {
            if v.is_finite() && v > 0.0 {
                Ok(v)
            } else {
                Err(bad(format!("{what} must be a positive number, not {v}")))
            }
        };
        let mut categories = Vec::new();
        let mut by_operation = HashMap::new();
        for (name, c) in raw.categories {
            positive(&name, c.rps)?;
            if let Some(p) = c.per_pool_operation_rps {
                positive(&format!("{name}.per_pool_operation_rps"), p)?;
            }
            for op in &c.operations {
                if by_operation.insert(op.clone(), categories.len()).is_some() {
                    return Err(bad(format!("{op} is listed twice")));
                }
            }
            categories.push(QuotaCategory {
                name,
                default_rps: c.rps,
                adjustable: c.adjustable,
                per_pool_operation_rps: c.per_pool_operation_rps,
                per_user: c.per_user,
                operations: c.operations,
            });
        }
        for op in &raw.unlimited {
            if by_operation.contains_key(op) {
                return Err(bad(format!("{op} is both categorised and unlimited")));
            }
        }
        Ok(QuotaTable {
            categories,
            by_operation,
            unlimited: raw.unlimited,
            inferred: raw.inferred,
            per_user_read_rps: positive("per_user_rps.read", raw.per_user_rps.read)?,
            per_user_write_rps: positive("per_user_rps.write", raw.per_user_rps.write)?,
        })
    }

    /// All categories, sorted by name.
    pub fn categories(&self) -> &[QuotaCategory] {
        &self.categories
    }

    /// A category by its exact name (`UserCreation`).
    pub fn category(&self, name: &str) -> Option<&QuotaCategory> {
        self.categories.iter().find(|c| c.name == name)
    }

    /// The category's position in [`QuotaTable::categories`].
    pub fn category_index(&self, name: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.name == name)
    }

    /// Where `operation` (API name, `AdminCreateUser`) stands.
    pub fn classify(&self, operation: &str) -> Classified<'_> {
        if let Some(&i) = self.by_operation.get(operation) {
            Classified::Category(&self.categories[i])
        } else if self.unlimited.iter().any(|o| o == operation) {
            Classified::Unlimited
        } else {
            Classified::Unknown
        }
    }

    /// Operations the table names as not rate-categorised.
    pub fn unlimited(&self) -> &[String] {
        &self.unlimited
    }

    /// Operations whose category was inferred (newer than the guide's table).
    pub fn inferred(&self) -> &[String] {
        &self.inferred
    }

    /// The per-user cap, requests per second.
    pub fn per_user_rps(&self, cap: UserCap) -> f64 {
        match cap {
            UserCap::Read => self.per_user_read_rps,
            UserCap::Write => self.per_user_write_rps,
        }
    }

    /// The category name closest to `name` (case-insensitive), for "did you mean".
    pub fn suggest_category(&self, name: &str) -> Option<&str> {
        let lower = name.to_ascii_lowercase();
        self.categories
            .iter()
            .map(|c| {
                let score = strsim::jaro_winkler(&lower, &c.name.to_ascii_lowercase());
                (score, c.name.as_str())
            })
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    #[test]
    fn every_model_operation_is_classified_or_unlimited() {
        let table = QuotaTable::embedded();
        let missing: Vec<&str> = Model::embedded()
            .operations()
            .iter()
            .map(|op| op.name)
            .filter(|name| table.classify(name) == Classified::Unknown)
            .collect();
        assert!(missing.is_empty(), "not in quotas.json: {missing:?}");
    }

    #[test]
    fn every_operation_named_in_the_table_exists() {
        let table = QuotaTable::embedded();
        let model = Model::embedded();
        let named = table
            .categories()
            .iter()
            .flat_map(|c| c.operations.iter())
            .chain(table.unlimited())
            .chain(table.inferred());
        let unknown: Vec<&String> = named.filter(|op| model.operation(op).is_none()).collect();
        assert!(unknown.is_empty(), "not in the model: {unknown:?}");
    }

    #[test]
    fn the_guide_defaults_are_in_the_table() {
        let table = QuotaTable::embedded();
        let rps = |name: &str| table.category(name).map(|c| c.default_rps);
        assert_eq!(rps("UserCreation"), Some(50.0));
        assert_eq!(rps("UserPoolRead"), Some(15.0));
        assert_eq!(rps("UserList"), Some(30.0));
        assert_eq!(rps("UserAuthentication"), Some(120.0));
        let clients = table.category("UserPoolClientRead").unwrap();
        assert_eq!(clients.per_pool_operation_rps, Some(5.0));
        match table.classify("AdminCreateUser") {
            Classified::Category(c) => assert_eq!(c.name, "UserCreation"),
            other => panic!("AdminCreateUser: {other:?}"),
        }
        assert_eq!(table.classify("GetProvisionedLimit"), Classified::Unlimited);
        assert_eq!(table.classify("NoSuchOperation"), Classified::Unknown);
        assert_eq!(table.per_user_rps(UserCap::Write), 10.0);
    }

    #[test]
    fn bad_tables_are_refused() {
        let base = |cats: &str, unlimited: &str| {
            format!(
                r#"{{"source":"t","categories":{{{cats}}},"per_user_rps":{{"read":10,"write":10}},"unlimited":[{unlimited}],"inferred":[]}}"#
            )
        };
        let twice = base(
            r#""A":{"rps":1,"adjustable":false,"operations":["X"]},"B":{"rps":1,"adjustable":false,"operations":["X"]}"#,
            "",
        );
        assert!(
            QuotaTable::from_json(&twice)
                .unwrap_err()
                .to_string()
                .contains("X is listed twice")
        );
        let zero = base(r#""A":{"rps":0,"adjustable":false,"operations":[]}"#, "");
        assert!(
            QuotaTable::from_json(&zero)
                .unwrap_err()
                .to_string()
                .contains("positive")
        );
        let both = base(
            r#""A":{"rps":1,"adjustable":false,"operations":["X"]}"#,
            r#""X""#,
        );
        assert!(QuotaTable::from_json(&both).is_err());
    }

    #[test]
    fn category_suggestions() {
        let table = QuotaTable::embedded();
        assert_eq!(table.suggest_category("UserCreaton"), Some("UserCreation"));
        assert_eq!(table.suggest_category("userpoolread"), Some("UserPoolRead"));
        assert_eq!(table.suggest_category("Zzz"), None);
    }
}
