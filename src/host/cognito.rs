//! The `cognito` object scripts call: one snake_case method per operation of the model, plus
//! `call(name, input)` (also `invoke`), `paginate(name, input)` and `with(#{region, profile, endpoint_url})`.

use std::cell::OnceCell;
use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, Map as RhaiMap, NativeCallContext};
use serde_json::Value;

use super::cognito_call::{CallResult, input_json};
use super::convert::to_dynamic;
use super::transcript::Transcript;
use crate::aws::{self, Client};
use crate::interrupt::Interrupt;
use crate::model::{Model, Operation};
use crate::script::sources::Sources;

/// Settings shared by every client a script makes.
pub struct Shared {
    pub model: &'static Model,
    pub dry_run: bool,
    pub validate: bool,
    pub strict: bool,
    pub verbose: bool,
    pub transcript: Option<Transcript>,
    pub interrupt: Interrupt,
    pub sources: Sources,
    pub color: bool,
    /// Plan mode: writes are reported, not sent (`pooler plan`).
    pub plan: super::plan::Plan,
    runtime: OnceCell<tokio::runtime::Runtime>,
}

impl Shared {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        model: &'static Model,
        dry_run: bool,
        validate: bool,
        strict: bool,
        verbose: bool,
        transcript: Option<Transcript>,
        interrupt: Interrupt,
        sources: Sources,
        color: bool,
    ) -> Self {
        Self {
            model,
            dry_run,
            validate,
            strict,
            verbose,
            transcript,
            interrupt,
            sources,
            color,
            plan: super::plan::Plan::default(),
            runtime: OnceCell::new(),
        }
    }

    /// The one current-thread runtime every call blocks on, made when first needed.
    pub fn runtime(&self) -> &tokio::runtime::Runtime {
        self.runtime.get_or_init(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a current-thread tokio runtime can always be built")
        })
    }
}

/// A client for one region, profile and endpoint.
#[derive(Clone)]
pub struct Cognito {
    pub(super) shared: Rc<Shared>,
    pub(super) client: Rc<Client>,
}

/// The service metadata the AWS layer needs, taken from the model.
pub fn service_of(model: &Model) -> aws::Service {
    aws::Service {
        signing_name: model.signing_name().to_string(),
        target_prefix: model.target_prefix().to_string(),
        json_version: model.json_version().to_string(),
        endpoint_prefix: model.endpoint_prefix().to_string(),
        env_name: "COGNITO_IDENTITY_PROVIDER".to_string(),
    }
}

impl Cognito {
    pub fn new(shared: Rc<Shared>, client: Client) -> Self {
        Self {
            shared,
            client: Rc::new(client),
        }
    }

    fn operation(&self, name: &str) -> Result<&'static Operation, Box<EvalAltResult>> {
        self.shared.model.operation(name).ok_or_else(|| {
            let close: Vec<&str> = self
                .shared
                .model
                .operations_matching(name)
                .take(5)
                .map(|op| op.name.as_str())
                .collect();
            let hint = if close.is_empty() {
                "; `pooler ops` lists them".to_string()
            } else {
                format!("; did you mean {}?", close.join(", "))
            };
            format!("`{name}` is not a Cognito operation{hint}").into()
        })
    }

    /// All items of a paginated operation, following the token until the last page.
    fn paginate(&self, ctx: &NativeCallContext, name: &str, input: &Dynamic) -> CallResult {
        let op = self.operation(name)?;
        let Some(pager) = self.shared.model.paginator(op) else {
            return Err(format!("{} does not paginate; call it with cognito.call", op.name).into());
        };
        let mut request = input_json(op, input)?;
        self.check(ctx, op, &request)?;
        let mut items = Array::new();
        let mut seen = std::collections::HashSet::new();
        loop {
            let response = self.invoke_json(op, &request)?;
            if let Some(Value::Array(page)) = response.get(&pager.result_key) {
                items.extend(page.iter().map(to_dynamic));
            }
            match response.get(&pager.output_token) {
                Some(Value::String(token)) if !token.is_empty() && seen.insert(token.clone()) => {
                    request[pager.input_token.as_str()] = Value::String(token.clone());
                }
                _ => return Ok(Dynamic::from_array(items)),
            }
        }
    }

    /// Another client with some of region, profile and endpoint_url changed.
    fn with(&self, overrides: RhaiMap) -> Result<Cognito, Box<EvalAltResult>> {
        let mut region = None;
        let mut profile = None;
        let mut endpoint = None;
        for (key, value) in overrides {
            let text = value
                .clone()
                .into_string()
                .map_err(|t| -> Box<EvalAltResult> {
                    format!("cognito.with: `{key}` must be a string, not {t}").into()
                })?;
            match key.as_str() {
                "region" => region = Some(text),
                "profile" => profile = Some(text),
                "endpoint_url" => endpoint = Some(text),
                other => {
                    return Err(format!(
                        "cognito.with: unknown setting `{other}` (region, profile, endpoint_url)"
                    )
                    .into());
                }
            }
        }
        Ok(Cognito {
            shared: self.shared.clone(),
            client: Rc::new(self.client.with_overrides(region, profile, endpoint)),
        })
    }

    /// One line of settings: region, endpoint, credential source, dry run (never a key).
    pub fn describe(&self) -> String {
        let mode = if self.shared.dry_run { ", dry run" } else { "" };
        match self.shared.runtime().block_on(self.client.resolve()) {
            Ok(r) => format!(
                "cognito(region: {}, endpoint: {}, credentials: {}{mode})",
                r.region, r.endpoint, r.credentials_source
            ),
            Err(e) => format!("cognito(unresolved: {e}{mode})"),
        }
    }
}

/// Registers the `cognito` type and one method per operation of `model`.
pub fn register(engine: &mut Engine, model: &'static Model) {
    engine.register_type_with_name::<Cognito>("cognito");
    for op in model.operations() {
        engine.register_fn(
            op.snake_name.as_str(),
            move |ctx: NativeCallContext, c: &mut Cognito, input: Dynamic| {
                c.invoke(&ctx, op, &input)
            },
        );
        engine.register_fn(
            op.snake_name.as_str(),
            move |ctx: NativeCallContext, c: &mut Cognito| c.invoke(&ctx, op, &Dynamic::UNIT),
        );
    }
    engine.register_fn(
        "invoke",
        |ctx: NativeCallContext, c: &mut Cognito, name: &str, input: Dynamic| {
            let op = c.operation(name)?;
            c.invoke(&ctx, op, &input)
        },
    );
    engine.register_fn(
        "invoke",
        |ctx: NativeCallContext, c: &mut Cognito, name: &str| {
            let op = c.operation(name)?;
            c.invoke(&ctx, op, &Dynamic::UNIT)
        },
    );
    engine.register_fn(
        "paginate",
        |ctx: NativeCallContext, c: &mut Cognito, name: &str, input: Dynamic| {
            c.paginate(&ctx, name, &input)
        },
    );
    engine.register_fn(
        "paginate",
        |ctx: NativeCallContext, c: &mut Cognito, name: &str| {
            c.paginate(&ctx, name, &Dynamic::UNIT)
        },
    );
    engine.register_fn("with", |c: &mut Cognito, overrides: RhaiMap| {
        c.with(overrides)
    });
    engine.register_fn("to_string", |c: &mut Cognito| c.describe());
    engine.register_fn("to_debug", |c: &mut Cognito| c.describe());
    super::ensure::register(engine);
    super::bulk::register(engine);
    super::import::register(engine);
    allow_with_as_method(engine);
}

/// Two Rhai keywords stand in the way of DESIGN's names, so the token stream is adjusted:
/// `with` is reserved, so it is let through as a plain name (`cognito.with(…)`), and
/// `x.call(…)` means "call the function pointer given as the first argument", so
/// `cognito.call(…)` is turned into `cognito.invoke(…)`, the same method under a free name.
fn allow_with_as_method(engine: &mut Engine) {
    use rhai::Token;
    // How far `cognito` `.` has been seen just before the current token.
    let seen = std::cell::Cell::new(0u8);
    // Rhai marks `on_parse_token` as volatile (its signature may change), not as going away.
    #[allow(deprecated)]
    engine.on_parse_token(move |token, _, _| {
        let step = seen.get();
        let (next, token) = match token {
            Token::Reserved(word) if word.as_str() == "with" => (0, Token::Identifier(word)),
            Token::Identifier(word) | Token::Reserved(word)
                if word.as_str() == "call" && step == 2 =>
            {
                (0, Token::Identifier(Box::new("invoke".into())))
            }
            Token::Identifier(word) if word.as_str() == "cognito" => (1, Token::Identifier(word)),
            Token::Period if step == 1 => (2, Token::Period),
            other => (0, other),
        };
        seen.set(next);
        token
    });
}
