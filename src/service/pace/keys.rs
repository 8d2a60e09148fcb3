//! Which buckets one call draws on: its category, the per-pool bucket of its operation (for
//! the categories capped per user pool) and the per-user bucket (reads or writes of one user).
//! A user is known by pool and username, or by a hash of the access token (never kept).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use serde_json::Value;

use crate::model::{Classified, QuotaTable, UserCap};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CallKeys {
    /// Index into the table's categories.
    pub category: usize,
    /// `(operation, UserPoolId)` when the category caps each operation per pool.
    pub pool: Option<(String, String)>,
    /// The per-user cap and a hash naming the user.
    pub user: Option<(UserCap, u64)>,
}

/// The keys of `operation` with `input`; `None` for operations that are not paced.
pub(crate) fn call_keys(table: &QuotaTable, operation: &str, input: &Value) -> Option<CallKeys> {
    let Classified::Category(category) = table.classify(operation) else {
        return None;
    };
    let index = table.category_index(&category.name)?;
    let text = |name: &str| input.get(name).and_then(Value::as_str);
    let pool = category
        .per_pool_operation_rps
        .and(text("UserPoolId"))
        .map(|pool| (operation.to_string(), pool.to_string()));
    let user = category.per_user.and_then(|cap| {
        let mut h = DefaultHasher::new();
        match (text("UserPoolId"), text("Username"), text("AccessToken")) {
            (Some(pool), Some(user), _) => (pool, user).hash(&mut h),
            (_, _, Some(token)) => token.hash(&mut h),
            _ => return None,
        }
        Some((cap, h.finish()))
    });
    Some(CallKeys {
        category: index,
        pool,
        user,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn category_pool_and_user() {
        let t = QuotaTable::embedded();
        let k = call_keys(
            t,
            "AdminCreateUser",
            &json!({"UserPoolId": "p", "Username": "u"}),
        )
        .unwrap();
        assert_eq!(t.categories()[k.category].name, "UserCreation");
        assert_eq!((k.pool, k.user), (None, None));

        let k = call_keys(t, "DescribeUserPoolClient", &json!({"UserPoolId": "p1"})).unwrap();
        assert_eq!(k.pool, Some(("DescribeUserPoolClient".into(), "p1".into())));

        let a = call_keys(
            t,
            "AdminGetUser",
            &json!({"UserPoolId": "p", "Username": "u"}),
        );
        let b = call_keys(
            t,
            "AdminListDevices",
            &json!({"UserPoolId": "p", "Username": "u"}),
        );
        let (a, b) = (a.unwrap().user.unwrap(), b.unwrap().user.unwrap());
        assert_eq!(a, b, "reads of one user share a bucket across categories");
        assert_eq!(a.0, UserCap::Read);
        let w = call_keys(t, "UpdateUserAttributes", &json!({"AccessToken": "tok"}));
        assert_eq!(w.unwrap().user.unwrap().0, UserCap::Write);
    }

    #[test]
    fn unpaced_operations() {
        let t = QuotaTable::embedded();
        assert_eq!(call_keys(t, "GetProvisionedLimit", &json!({})), None);
        assert_eq!(call_keys(t, "NoSuchThing", &json!({})), None);
    }
}
