//! Objects in a pool that the script does not declare. Every `ensure_*` notes what it ensured;
//! at the end of a plan, each pool the script ensured is listed (app clients, groups, identity
//! providers, resource servers, domain) and what no `ensure_*` named is reported as "not in the
//! script". `cognito.prune(pool_id, kinds)` says the script owns those kinds completely: a plan
//! says "would delete" for what it did not ensure, a run deletes it. Never by default.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::{Value, json};

use super::find::text;
use crate::aws;
use crate::service::plan::PLANNED_PREFIX;
use crate::service::{CallError, CallOptions, Context, Service};

type Res<T> = Result<T, CallError>;

/// One kind of object a pool holds besides its settings.
pub struct Owned {
    /// The word a script gives `cognito.prune` (`"groups"`).
    pub word: &'static str,
    /// How a report names one (`group`).
    pub noun: &'static str,
    /// The `ensure_*` that declares one.
    pub function: &'static str,
}

/// The kinds, in report order.
pub const OWNED: [Owned; 5] = [
    Owned {
        word: "app_clients",
        noun: "app client",
        function: "ensure_user_pool_client",
    },
    Owned {
        word: "groups",
        noun: "group",
        function: "ensure_group",
    },
    Owned {
        word: "identity_providers",
        noun: "identity provider",
        function: "ensure_identity_provider",
    },
    Owned {
        word: "resource_servers",
        noun: "resource server",
        function: "ensure_resource_server",
    },
    Owned {
        word: "domain",
        noun: "domain",
        function: "ensure_user_pool_domain",
    },
];

struct Pool {
    id: String,
    name: String,
    client: Rc<aws::Client>,
    /// (function, name) of every object ensured in it.
    ensured: Vec<(&'static str, String)>,
    /// Kinds `prune` already dealt with.
    pruned: Vec<&'static str>,
}

/// What this run's `ensure_*` calls declared, pool by pool.
#[derive(Default)]
pub struct Declared(RefCell<Vec<Pool>>);

impl Declared {
    pub(super) fn pool(&self, id: &str, name: &str, client: &Rc<aws::Client>) {
        if id.starts_with(PLANNED_PREFIX) {
            return;
        }
        let mut pools = self.0.borrow_mut();
        if !pools.iter().any(|p| p.id == id) {
            pools.push(Pool {
                id: id.to_string(),
                name: name.to_string(),
                client: client.clone(),
                ensured: Vec::new(),
                pruned: Vec::new(),
            });
        }
    }

    pub(super) fn object(&self, pool: &str, function: &'static str, name: &str) {
        if let Some(p) = self.0.borrow_mut().iter_mut().find(|p| p.id == pool) {
            p.ensured.push((function, name.to_string()));
        }
    }
}

/// One object of a kind: its name and the input that deletes it.
struct Object {
    name: String,
    delete: (&'static str, Value),
}

impl Service {
    /// The objects of `kind` the pool holds now.
    fn objects(&self, pool: &str, kind: &Owned) -> Res<Vec<Object>> {
        let list = |op: &str, input: Value| -> Res<Vec<Value>> {
            let op = self.needed(op, "the undeclared-object check")?;
            self.paginate(op, &input, None)
        };
        let id = json!({ "UserPoolId": pool });
        let named = |items: Vec<Value>, key: &str, op: &'static str, id_key: &str| {
            items
                .iter()
                .filter_map(|i| {
                    let name = text(i, key)?.to_string();
                    let mut input = json!({ "UserPoolId": pool });
                    input[id_key] = text(i, id_key)?.into();
                    Some(Object {
                        name,
                        delete: (op, input),
                    })
                })
                .collect::<Vec<_>>()
        };
        Ok(match kind.word {
            "app_clients" => named(
                list(
                    "ListUserPoolClients",
                    json!({ "UserPoolId": pool, "MaxResults": 60 }),
                )?,
                "ClientName",
                "DeleteUserPoolClient",
                "ClientId",
            ),
            "groups" => named(
                list("ListGroups", id)?,
                "GroupName",
                "DeleteGroup",
                "GroupName",
            ),
            "identity_providers" => named(
                list(
                    "ListIdentityProviders",
                    json!({ "UserPoolId": pool, "MaxResults": 60 }),
                )?,
                "ProviderName",
                "DeleteIdentityProvider",
                "ProviderName",
            ),
            "resource_servers" => named(
                list(
                    "ListResourceServers",
                    json!({ "UserPoolId": pool, "MaxResults": 50 }),
                )?,
                "Identifier",
                "DeleteResourceServer",
                "Identifier",
            ),
            _ => {
                let op = self.needed("DescribeUserPool", "the undeclared-object check")?;
                let answer = self.call(op, &id, &CallOptions::default())?;
                ["Domain", "CustomDomain"]
                    .iter()
                    .filter_map(|k| answer.pointer(&format!("/UserPool/{k}")))
                    .filter_map(Value::as_str)
                    .filter(|d| !d.is_empty())
                    .map(|d| Object {
                        name: d.to_string(),
                        delete: (
                            "DeleteUserPoolDomain",
                            json!({ "UserPoolId": pool, "Domain": d }),
                        ),
                    })
                    .collect()
            }
        })
    }

    /// What the pool holds of `kind` that no `ensure_*` of this run named.
    fn undeclared(&self, pool: &str, kind: &Owned) -> Res<Vec<Object>> {
        let ensured: Vec<String> = self
            .ctx
            .declared
            .0
            .borrow()
            .iter()
            .filter(|p| p.id == pool)
            .flat_map(|p| p.ensured.iter())
            .filter(|(f, _)| *f == kind.function)
            .map(|(_, n)| n.clone())
            .collect();
        let all = self.objects(pool, kind)?;
        Ok(all
            .into_iter()
            .filter(|o| !ensured.contains(&o.name))
            .collect())
    }

    /// `cognito.prune(pool_id, kinds)`: the script owns these kinds of the pool completely, so
    /// what it did not ensure is deleted (under a plan: reported as "would delete"). The pool
    /// must have been ensured earlier in the run. Returns the names deleted (or to delete).
    pub fn prune_undeclared(&self, pool: &str, words: &[String]) -> Res<Vec<String>> {
        let fail = |message: String| CallError::Ensure {
            function: "prune".into(),
            message,
        };
        let mut kinds = Vec::new();
        for w in words {
            match OWNED.iter().find(|k| k.word == w) {
                Some(k) => kinds.push(k),
                None => {
                    let known: Vec<&str> = OWNED.iter().map(|k| k.word).collect();
                    return Err(fail(format!(
                        "`{w}` is no kind a pool holds; use {}",
                        known.join(", ")
                    )));
                }
            }
        }
        // A dry run reads nothing real, so it knows of nothing to delete.
        if self.ctx.dry_run() || pool.starts_with(PLANNED_PREFIX) {
            return Ok(Vec::new());
        }
        let name = {
            let pools = self.ctx.declared.0.borrow();
            match pools.iter().find(|p| p.id == pool) {
                Some(p) => p.name.clone(),
                None => {
                    return Err(fail(format!(
                        "the pool `{pool}` was not ensured earlier in this script; \
                         call cognito.ensure_user_pool first"
                    )));
                }
            }
        };
        let mut gone = Vec::new();
        for kind in kinds {
            for object in self.undeclared(pool, kind)? {
                let what = format!("{} `{}` in pool `{name}`", kind.noun, object.name);
                if self.ctx.planning() {
                    self.ctx.plan_tally.changed();
                    self.plan_report(&what, "would delete", &[]);
                } else {
                    let (op, input) = &object.delete;
                    let op = self.needed(op, "prune")?;
                    self.call(op, input, &CallOptions::default())?;
                }
                gone.push(object.name);
            }
            if let Some(p) = self
                .ctx
                .declared
                .0
                .borrow_mut()
                .iter_mut()
                .find(|p| p.id == pool)
            {
                p.pruned.push(kind.word);
            }
        }
        Ok(gone)
    }
}

/// At the end of a plan: for every pool the script ensured, each object of the kinds above
/// that no `ensure_*` named (and no `prune` dealt with), as "not in the script". Each one
/// counts as a change (`--detailed-exitcode` exits 2).
pub fn report_undeclared(ctx: &Rc<Context>) -> Res<()> {
    let pools: Vec<(String, String, Rc<aws::Client>, Vec<&'static str>)> = ctx
        .declared
        .0
        .borrow()
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                p.name.clone(),
                p.client.clone(),
                p.pruned.clone(),
            )
        })
        .collect();
    for (id, name, client, pruned) in pools {
        let service = Service {
            ctx: ctx.clone(),
            client,
            lenient: ctx.lenient,
        };
        for kind in OWNED.iter().filter(|k| !pruned.contains(&k.word)) {
            for object in service.undeclared(&id, kind)? {
                ctx.plan_tally.undeclared();
                service.plan_report(
                    &format!("{} `{}` in pool `{name}`", kind.noun, object.name),
                    "not in the script",
                    &[],
                );
            }
        }
    }
    Ok(())
}
