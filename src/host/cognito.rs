//! The `cognito` object scripts call: one snake_case method per operation of the model, plus
//! `call(name, input)` (also `invoke`), `paginate`, `with`, `each`, `admin_create_users` and
//! the `ensure_*` family. Every method converts its Rhai arguments, hands them to the one
//! call service, and converts the answer (or the typed error) back.

use rhai::{Array, Dynamic, EvalAltResult, INT, Map as RhaiMap, NativeCallContext};
use serde_json::Value;

use super::convert::{ScriptValue, to_json};
use super::error::{change_map, thrown};
use super::member_hint::tag_answer;
use super::registry::{OptDoc, Registrar, method};
use crate::model::{Model, Operation};
use crate::service::bulk::{Opts, Summary};
use crate::service::ensure::{Kind, Outcome, kinds};
use crate::service::{CallError, CallOptions, Service, Site};

type Res<T> = Result<T, Box<EvalAltResult>>;

/// A client for one region, profile and endpoint: the call service, seen from Rhai.
#[derive(Clone)]
pub struct Cognito {
    pub service: Service,
}

/// Where the script made the call, for warnings at the call site.
pub fn site_of(ctx: &NativeCallContext) -> Option<Site> {
    let pos = ctx.call_position();
    Some(Site {
        source: ctx.call_source().unwrap_or("<script>").to_string(),
        line: pos.line()?,
        column: pos.position().unwrap_or(1),
    })
}

/// `result` with its thrown error map stamped with the place of the call (`source`, `line`,
/// `position`: the keys Rhai gives the errors it catches itself), so that an error caught and
/// thrown again (`catch (e) { throw e }`) is still reported where the call failed. A map that
/// already has a place keeps it.
fn at_call<T>(ctx: &NativeCallContext, result: Res<T>) -> Res<T> {
    result.map_err(|mut err| {
        if let (EvalAltResult::ErrorRuntime(value, _), Some(site)) = (err.as_mut(), site_of(ctx))
            && let Some(mut map) = value.write_lock::<RhaiMap>()
            && map.contains_key("exit_code")
            && !map.contains_key("line")
        {
            map.insert("source".into(), site.source.into());
            map.insert("line".into(), Dynamic::from_int(site.line as INT));
            map.insert("position".into(), Dynamic::from_int(site.column as INT));
        }
        err
    })
}

/// The input as JSON; `()` means an empty request.
pub fn input_json(context: &str, input: &Dynamic) -> Result<Value, CallError> {
    if input.is_unit() {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    let value = to_json(input).map_err(|e| {
        CallError::bad_input(context, format!("the input cannot be sent as JSON {e}"))
    })?;
    if !value.is_object() {
        return Err(CallError::bad_input(
            context,
            format!(
                "the input must be a map or a json() document, not {}",
                input.type_name()
            ),
        ));
    }
    Ok(value)
}

/// The failed items of a bulk run, as the maps a script reads (`key`, `type`, `message`).
pub(crate) fn failed_list(failed: &[crate::service::bulk::Failed]) -> Dynamic {
    let list: Array = failed
        .iter()
        .map(|f| {
            let mut x = RhaiMap::new();
            x.insert("key".into(), f.key.clone().into());
            x.insert("type".into(), f.kind.clone().into());
            x.insert("message".into(), f.message.clone().into());
            Dynamic::from_map(x)
        })
        .collect();
    Dynamic::from_array(list)
}

impl Cognito {
    pub fn new(service: Service) -> Self {
        Self { service }
    }

    fn fail(&self, err: CallError) -> Box<EvalAltResult> {
        thrown(err, self.service.ctx().secrets)
    }

    fn op(&self, name: &str) -> Res<&'static Operation> {
        self.service.operation(name).map_err(|e| self.fail(e))
    }

    /// One operation with `input`, answered as a Rhai map.
    pub fn invoke(
        &self,
        ctx: &NativeCallContext,
        op: &'static Operation,
        input: &Dynamic,
    ) -> Res<Dynamic> {
        at_call(
            ctx,
            (|| {
                let json = input_json(op.name, input).map_err(|e| self.fail(e))?;
                let model = self.service.ctx().model;
                let names = model.timestamp_member_names();
                let site = site_of(ctx);
                let options = CallOptions::default().site(site.as_ref());
                let mut answer = self
                    .service
                    .call_into(op, &json, &options, &ScriptValue::dated(names))
                    .map_err(|e| self.fail(e))?;
                tag_answer(model, &mut answer, model.output_id(op));
                Ok(answer)
            })(),
        )
    }

    fn paginate(&self, ctx: &NativeCallContext, name: &str, input: &Dynamic) -> Res<Dynamic> {
        at_call(
            ctx,
            (|| {
                let op = self.op(name)?;
                let json = input_json(op.name, input).map_err(|e| self.fail(e))?;
                let model = self.service.ctx().model;
                let names = model.timestamp_member_names();
                let items = self
                    .service
                    .paginate_into(op, &json, site_of(ctx).as_ref(), &ScriptValue::dated(names))
                    .map_err(|e| self.fail(e))?;
                let item_shape = model.page_item_shape(op);
                Ok(Dynamic::from_array(
                    items
                        .into_iter()
                        .map(|mut item| {
                            tag_answer(model, &mut item, item_shape);
                            item
                        })
                        .collect(),
                ))
            })(),
        )
    }

    /// Another client with some of region, profile, endpoint_url and lenient changed.
    fn with(&self, overrides: RhaiMap) -> Res<Cognito> {
        let (mut region, mut profile, mut endpoint) = (None, None, None);
        let mut lenient = self.service.lenient();
        for (key, value) in overrides {
            if key.as_str() == "lenient" {
                lenient = value.as_bool().map_err(|t| -> Box<EvalAltResult> {
                    format!("cognito.with: `lenient` must be true or false, not {t}").into()
                })?;
                continue;
            }
            let text = value
                .clone()
                .into_string()
                .map_err(|t| -> Box<EvalAltResult> {
                    format!("cognito.with: `{key}` must be a string, not {t}").into()
                })?;
            match key.as_str() {
                "region" => region = Some(text),
                "profile" => profile = Some(text),
                "endpoint_url" if text.trim().is_empty() => {
                    return Err("cognito.with: `endpoint_url` is empty".into());
                }
                "endpoint_url" => endpoint = Some(text),
                other => {
                    return Err(format!(
                        "cognito.with: unknown setting `{other}` (region, profile, endpoint_url, lenient)"
                    )
                    .into());
                }
            }
        }
        Ok(Cognito::new(
            self.service
                .with_overrides(region, profile, endpoint)
                .with_lenient(lenient),
        ))
    }

    fn each(
        &self,
        ctx: &NativeCallContext,
        name: &str,
        inputs: Array,
        opts: RhaiMap,
    ) -> Res<Dynamic> {
        at_call(
            ctx,
            (|| {
                let op = self.op(name)?;
                let inputs = inputs
                    .iter()
                    .enumerate()
                    .map(|(n, i)| input_json(&format!("{} input [{n}]", op.name), i))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| self.fail(e))?;
                let opts = to_json(&Dynamic::from_map(opts))
                    .map_err(|e| CallError::bad_input("bulk option", e.to_string()))
                    .and_then(|v| Opts::from_json(&v))
                    .map_err(|e| self.fail(e))?;
                let summary = self
                    .service
                    .each(op, inputs, opts, site_of(ctx).as_ref())
                    .map_err(|e| self.fail(e))?;
                Ok(summary_map(&summary))
            })(),
        )
    }

    fn ensure(&self, ctx: &NativeCallContext, kind: &Kind, desired: &Dynamic) -> Res<Dynamic> {
        at_call(
            ctx,
            (|| {
                let desired = to_json(desired).map_err(|e| {
                    self.fail(CallError::Ensure {
                        function: kind.function.to_string(),
                        message: format!("bad input {e}"),
                    })
                })?;
                let outcome = self
                    .service
                    .ensure(kind, &desired, site_of(ctx).as_ref())
                    .map_err(|e| self.fail(e))?;
                Ok(self.outcome_map(&outcome))
            })(),
        )
    }

    fn ensure_setting(
        &self,
        ctx: &NativeCallContext,
        read: &str,
        write: &str,
        desired: &Dynamic,
    ) -> Res<Dynamic> {
        at_call(
            ctx,
            (|| {
                let desired = input_json("ensure_setting", desired).map_err(|e| self.fail(e))?;
                let outcome = self
                    .service
                    .ensure_setting(read, write, &desired, site_of(ctx).as_ref())
                    .map_err(|e| self.fail(e))?;
                Ok(self.outcome_map(&outcome))
            })(),
        )
    }

    fn prune(&self, pool: &str, kinds: Array) -> Res<Dynamic> {
        let words: Vec<String> = kinds.iter().map(|k| k.to_string()).collect();
        let gone = self
            .service
            .prune_undeclared(pool, &words)
            .map_err(|e| self.fail(e))?;
        Ok(Dynamic::from_array(
            gone.into_iter().map(Dynamic::from).collect(),
        ))
    }

    fn outcome_map(&self, o: &Outcome) -> Dynamic {
        let mut m = RhaiMap::new();
        m.insert("id".into(), o.id.clone().into());
        m.insert("action".into(), o.action.into());
        // Under a plan the service has already reported this result on its plan line.
        m.insert("reported".into(), self.service.ctx().planning().into());
        let secrets = &self.service.ctx().secrets;
        let list: Array = o.changes.iter().map(|c| change_map(c, secrets)).collect();
        m.insert("changes".into(), Dynamic::from_array(list));
        if !o.not_compared.is_empty() {
            let paths: Array = o.not_compared.iter().map(|p| p.clone().into()).collect();
            m.insert("not_compared".into(), Dynamic::from_array(paths));
        }
        Dynamic::from_map(m)
    }

    /// One line of settings: region, endpoint, credential source, mode (never a key).
    pub fn describe(&self) -> String {
        self.service.describe()
    }
}

fn summary_map(s: &Summary) -> Dynamic {
    let int = |n: usize| Dynamic::from_int(n as INT);
    let mut m = RhaiMap::new();
    m.insert("done".into(), int(s.done));
    m.insert("skipped".into(), int(s.skipped));
    m.insert("resumed".into(), int(s.resumed));
    m.insert("throttled".into(), int(s.throttled));
    m.insert("retried".into(), int(s.retried));
    if s.planned > 0 {
        m.insert("planned".into(), int(s.planned));
    }
    m.insert("failed".into(), failed_list(&s.failed));
    m.insert("seconds".into(), Dynamic::from_float(s.seconds));
    m.insert("rate".into(), Dynamic::from_float(s.rate));
    Dynamic::from_map(m)
}

/// `admin_create_users`: each user map is an AdminCreateUser input without `UserPoolId`.
fn with_pool(pool_id: &str, users: Array) -> Res<Array> {
    users
        .into_iter()
        .enumerate()
        .map(|(n, u)| {
            let mut map = u
                .try_cast::<RhaiMap>()
                .ok_or_else(|| -> Box<EvalAltResult> {
                    format!("admin_create_users: user [{n}] must be a map").into()
                })?;
            map.insert("UserPoolId".into(), pool_id.into());
            Ok(Dynamic::from_map(map))
        })
        .collect()
}

/// The options of the bulk helpers (`each`, `admin_create_users`), read by
/// `service::bulk::Opts::from_json`.
pub const BULK_OPTIONS: &[OptDoc] = &[
    OptDoc {
        name: "concurrency",
        about: "requests in flight at most, 1 to 256 (default: what the quota needs)",
    },
    OptDoc {
        name: "on_exists",
        about: "\"skip\" (default) or \"fail\" when the item already exists",
    },
    OptDoc {
        name: "resume",
        about: "a journal file: items done in an earlier run are not sent again",
    },
    OptDoc {
        name: "key",
        about: "the input member naming each item in the summary and journal (default Username)",
    },
    OptDoc {
        name: "max_retries",
        about: "retries per item beyond the first attempt, 0 to 100 (default: --max-attempts)",
    },
    OptDoc {
        name: "progress",
        about: "true or false: a progress line on stderr (default: when stderr is a terminal)",
    },
];

/// Each `ensure_*` function: its kind, signature and summary.
const ENSURES: [(&Kind, &str, &str); 9] = [
    (
        &kinds::USER_POOL,
        "cognito.ensure_user_pool(desired)",
        "creates the pool or updates what differs; never resets",
    ),
    (
        &kinds::CLIENT,
        "cognito.ensure_user_pool_client(desired)",
        "creates or updates an app client, found by ClientName",
    ),
    (
        &kinds::DOMAIN,
        "cognito.ensure_user_pool_domain(desired)",
        "creates or updates the pool's domain",
    ),
    (
        &kinds::GROUP,
        "cognito.ensure_group(desired)",
        "creates or updates a group, found by GroupName",
    ),
    (
        &kinds::RESOURCE_SERVER,
        "cognito.ensure_resource_server(desired)",
        "creates or updates a resource server, found by Identifier",
    ),
    (
        &kinds::IDENTITY_PROVIDER,
        "cognito.ensure_identity_provider(desired)",
        "creates or updates an identity provider, found by ProviderName",
    ),
    (
        &kinds::MFA_CONFIG,
        "cognito.ensure_mfa_config(desired)",
        "sets the pool's MFA configuration when it differs",
    ),
    (
        &kinds::TERMS,
        "cognito.ensure_terms(desired)",
        "creates or updates an app client's terms document, found by ClientId and TermsName",
    ),
    (
        &kinds::BRANDING,
        "cognito.ensure_managed_login_branding(desired)",
        "creates or updates an app client's managed login branding, found by ClientId",
    ),
];

/// Registers the `cognito` type, one method per operation of `model`, and the helpers.
pub fn register(reg: &mut Registrar<'_>, model: &'static Model) {
    reg.engine()
        .register_type_with_name::<Cognito>("cognito")
        .register_fn("to_string", |c: &mut Cognito| c.describe())
        .register_fn("to_debug", |c: &mut Cognito| c.describe());
    for op in model.operations() {
        let name = op.snake_name;
        reg.operation(
            name,
            move |ctx: NativeCallContext, c: &mut Cognito, input: Dynamic| {
                c.invoke(&ctx, op, &input)
            },
        );
        reg.operation(name, move |ctx: NativeCallContext, c: &mut Cognito| {
            c.invoke(&ctx, op, &Dynamic::UNIT)
        });
    }
    let doc = |name, signature, summary| method("cognito", name, signature, summary);
    reg.func(
        doc(
            "invoke",
            "c.invoke(name) / c.invoke(name, input)",
            "cognito.call under another name, for clients in other variables",
        ),
        |ctx: NativeCallContext, c: &mut Cognito, name: &str, input: Dynamic| {
            let op = c.op(name)?;
            c.invoke(&ctx, op, &input)
        },
    )
    .or(|ctx: NativeCallContext, c: &mut Cognito, name: &str| {
        let op = c.op(name)?;
        c.invoke(&ctx, op, &Dynamic::UNIT)
    });
    reg.func(
        doc(
            "paginate",
            "cognito.paginate(name) / cognito.paginate(name, input)",
            "every item of a paginated operation, following the tokens",
        ),
        |ctx: NativeCallContext, c: &mut Cognito, name: &str, input: Dynamic| {
            c.paginate(&ctx, name, &input)
        },
    )
    .or(|ctx: NativeCallContext, c: &mut Cognito, name: &str| {
        c.paginate(&ctx, name, &Dynamic::UNIT)
    });
    reg.func(
        doc(
            "with",
            "cognito.with(#{region, profile, endpoint_url, lenient})",
            "another client with some settings changed (lenient: send unknown members)",
        ),
        |c: &mut Cognito, overrides: RhaiMap| c.with(overrides),
    );
    reg.func(
        doc(
            "each",
            "cognito.each(name, inputs) / cognito.each(name, inputs, opts)",
            "runs an operation once per input, paced, resumable; returns a summary",
        )
        .with_options(BULK_OPTIONS),
        |ctx: NativeCallContext, c: &mut Cognito, op: &str, inputs: Array, opts: RhaiMap| {
            c.each(&ctx, op, inputs, opts)
        },
    )
    .or(
        |ctx: NativeCallContext, c: &mut Cognito, op: &str, inputs: Array| {
            c.each(&ctx, op, inputs, RhaiMap::new())
        },
    );
    reg.func(
        doc(
            "admin_create_users",
            "cognito.admin_create_users(pool_id, users) / cognito.admin_create_users(pool_id, users, opts)",
            "creates many users (skips those that exist); returns a summary",
        )
        .with_options(BULK_OPTIONS),
        |ctx: NativeCallContext, c: &mut Cognito, pool: &str, users: Array, opts: RhaiMap| {
            c.each(&ctx, "AdminCreateUser", with_pool(pool, users)?, opts)
        },
    )
    .or(
        |ctx: NativeCallContext, c: &mut Cognito, pool: &str, users: Array| {
            c.each(
                &ctx,
                "AdminCreateUser",
                with_pool(pool, users)?,
                RhaiMap::new(),
            )
        },
    );
    reg.func(
        doc(
            "prune",
            "cognito.prune(pool_id, [\"groups\", \"app_clients\", ...])",
            "the script owns these kinds of an ensured pool: deletes what no ensure_* named (a plan says would delete)",
        ),
        |c: &mut Cognito, pool: &str, kinds: Array| c.prune(pool, kinds),
    );
    reg.func(
        doc(
            "ensure_setting",
            "cognito.ensure_setting(read, write, desired)",
            "reads a setting with `read`, writes it whole with `write` only when what `desired` mentions differs",
        ),
        |ctx: NativeCallContext, c: &mut Cognito, read: &str, write: &str, desired: Dynamic| {
            c.ensure_setting(&ctx, read, write, &desired)
        },
    );
    for (kind, signature, summary) in ENSURES {
        reg.func(
            doc(kind.function, signature, summary),
            move |ctx: NativeCallContext, c: &mut Cognito, desired: Dynamic| {
                c.ensure(&ctx, kind, &desired)
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bulk options documented are the ones `Opts` reads, and its error lists them all.
    #[test]
    fn bulk_options_are_the_ones_opts_reads() {
        use crate::service::bulk::Opts;
        use serde_json::json;
        let sample = |name: &str| match name {
            "concurrency" | "max_retries" => json!(2),
            "progress" => json!(false),
            "on_exists" => json!("skip"),
            _ => json!("text"),
        };
        for o in BULK_OPTIONS {
            assert!(
                Opts::from_json(&json!({ o.name: sample(o.name) })).is_ok(),
                "{}",
                o.name
            );
        }
        let Err(unknown) = Opts::from_json(&json!({"bogus": 1})) else {
            panic!("bogus accepted");
        };
        let names: Vec<&str> = BULK_OPTIONS.iter().map(|o| o.name).collect();
        assert!(
            unknown
                .to_string()
                .ends_with(&format!("({})", names.join(", "))),
            "{unknown}"
        );
    }
}
