//! The call service: the one pipeline every way a script reaches Cognito goes through
//! (`cognito.<op>()`, `call`, `paginate`, `each` / `admin_create_users`, `ensure_*`, the
//! Chilkat layer, the REPL, export and import):
//!
//! validate → lint → plan gate → dry-run synthesis or send (retry, pacing) → record
//! (transcript, `-v`, progress).
//!
//! No Rhai here: values are JSON, errors are [`CallError`], and what the user should see is
//! handed to an [`Observer`] that the layer above renders.

pub mod access;
pub mod bulk;
mod call;
pub mod call_tally;
pub mod ensure;
pub mod error;
pub mod export;
pub mod import;
pub mod lint;
mod mfa_trap;
pub mod notice;
pub mod pace;
mod paginate;
pub mod plan;
mod record;
pub mod transcript;
pub mod unread;

use std::cell::{Cell, OnceCell};
use std::rc::Rc;

pub use call::{CallOptions, Check, Wire};
pub use error::CallError;
pub use notice::{Notice, Observer, Silent, Site};
pub use paginate::Pages;
pub use transcript::Transcript;

use crate::aws;
use crate::interrupt::Interrupt;
use crate::model::{Model, Operation};
use crate::secrets::Secrets;

/// How calls are carried out in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Sent for real.
    Run,
    /// Validated and signed, never sent; responses are synthesized from the model.
    DryRun,
    /// Reads are sent; every other call is reported, not made (`pooler plan`).
    Plan,
}

/// What every call of a run shares: the model, the mode, the outputs, the interrupt.
pub struct Context {
    pub model: &'static Model,
    pub mode: Mode,
    pub validate: bool,
    pub strict: bool,
    /// `--lenient`: unknown members are sent with a warning (the clients' default).
    pub lenient: bool,
    pub verbose: bool,
    /// `pooler check`: a request with errors is told and the run goes on (as a dry run), so
    /// every problem of the script is found; [`Context::problems`] counts them.
    pub collect_problems: bool,
    problems: Cell<usize>,
    pub transcript: Option<Transcript>,
    /// The run's quota pacer: every call that is sent waits for its slot.
    pub pacer: pace::Pacer,
    pub observer: Rc<dyn Observer>,
    pub interrupt: Interrupt,
    pub secrets: &'static Secrets,
    /// What a plan found (`pooler plan`).
    pub plan_tally: plan::PlanTally,
    /// This run's calls, for the summary an interruption prints.
    pub call_tally: call_tally::CallTally,
    /// What this run's `ensure_*` calls declared, for the undeclared-object check.
    pub declared: ensure::undeclared::Declared,
    /// The MFA trap warnings waiting for the end of the run.
    mfa_traps: mfa_trap::MfaTraps,
    runtime: OnceCell<tokio::runtime::Runtime>,
    /// Whether the dry-run remark has been made.
    announced: Cell<bool>,
}

/// The settings of a run that are not the AWS client's.
pub struct Options {
    pub mode: Mode,
    pub validate: bool,
    pub strict: bool,
    pub lenient: bool,
    pub verbose: bool,
    pub collect_problems: bool,
    pub transcript: Option<Transcript>,
    pub pacer: pace::Pacer,
}

impl Context {
    pub fn new(
        model: &'static Model,
        options: Options,
        observer: Rc<dyn Observer>,
        interrupt: Interrupt,
    ) -> Self {
        Self {
            model,
            mode: options.mode,
            validate: options.validate,
            strict: options.strict,
            lenient: options.lenient,
            verbose: options.verbose,
            collect_problems: options.collect_problems,
            problems: Cell::new(0),
            transcript: options.transcript,
            pacer: options.pacer,
            observer,
            interrupt,
            secrets: Secrets::for_model(model),
            plan_tally: plan::PlanTally::default(),
            call_tally: call_tally::CallTally::default(),
            declared: Default::default(),
            mfa_traps: Default::default(),
            runtime: OnceCell::new(),
            announced: Cell::new(false),
        }
    }

    /// The one current-thread runtime every call blocks on, made when first needed; only the
    /// service's blocking edges (`Service::call`, …) use it.
    fn runtime(&self) -> &tokio::runtime::Runtime {
        self.runtime.get_or_init(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a current-thread tokio runtime can always be built")
        })
    }

    pub fn dry_run(&self) -> bool {
        self.mode == Mode::DryRun
    }

    pub fn planning(&self) -> bool {
        self.mode == Mode::Plan
    }

    /// Requests that had errors, when they are collected (`pooler check`).
    pub fn problems(&self) -> usize {
        self.problems.get()
    }

    pub fn notice(&self, notice: Notice<'_>) {
        self.observer.notice(notice);
    }
}

/// A client for one region, profile and endpoint, sharing the run's [`Context`]. Its
/// transport is its own: the layers above reach Cognito only through [`Service::call`].
#[derive(Clone)]
pub struct Service {
    ctx: Rc<Context>,
    client: Rc<aws::Client>,
    /// Unknown members are sent with a warning instead of refused (`--lenient`, or
    /// `cognito.with(#{ lenient: true })`).
    lenient: bool,
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

impl Service {
    pub fn new(ctx: Rc<Context>, client: aws::Client) -> Self {
        Self {
            lenient: ctx.lenient,
            ctx,
            client: Rc::new(client),
        }
    }

    /// What every call of the run shares: the model, the mode, the secret policy, the
    /// interrupt.
    pub fn ctx(&self) -> &Rc<Context> {
        &self.ctx
    }

    /// Whether unknown members are sent with a warning instead of refused.
    pub fn lenient(&self) -> bool {
        self.lenient
    }

    /// The same client, lenient or not about unknown members.
    pub fn with_lenient(&self, lenient: bool) -> Service {
        Service {
            lenient,
            ..self.clone()
        }
    }

    /// Another client with some of region, profile and endpoint changed, same context.
    pub fn with_overrides(
        &self,
        region: Option<String>,
        profile: Option<String>,
        endpoint_url: Option<String>,
    ) -> Service {
        Service {
            ctx: self.ctx.clone(),
            client: Rc::new(self.client.with_overrides(region, profile, endpoint_url)),
            lenient: self.lenient,
        }
    }

    /// The model's operation called `name` (either form), or an error with suggestions.
    pub fn operation(&self, name: &str) -> Result<&'static Operation, CallError> {
        let model = self.ctx.model;
        model.operation(name).ok_or_else(|| {
            let close: Vec<&str> = model
                .operations_matching(name)
                .take(5)
                .map(|op| op.name)
                .collect();
            let close = if close.is_empty() {
                model
                    .suggest_operation(name)
                    .map(|op| vec![op.name])
                    .unwrap_or_default()
            } else {
                close
            };
            let hint = if close.is_empty() {
                "; `pooler ops` lists them".to_string()
            } else {
                format!("; did you mean {}?", close.join(", "))
            };
            CallError::UnknownOperation {
                name: name.to_string(),
                hint,
            }
        })
    }

    /// An operation a helper needs (`ensure_*` needs ListUserPools, …), or an error naming the
    /// helper when the model in use lacks it.
    pub fn needed(&self, name: &str, needed_by: &str) -> Result<&'static Operation, CallError> {
        self.ctx
            .model
            .operation(name)
            .ok_or_else(|| CallError::ModelLacks {
                operation: name.to_string(),
                needed_by: needed_by.to_string(),
            })
    }

    /// Region, endpoint, credential source and mode, in one line without any secret.
    pub fn describe(&self) -> String {
        let mode = match self.ctx.mode {
            Mode::Run => "",
            Mode::DryRun => ", dry run",
            Mode::Plan => ", plan",
        };
        match self.ctx.runtime().block_on(self.client.resolve_identity()) {
            Ok(r) => format!(
                "cognito(region: {}, endpoint: {}, credentials: {}{mode})",
                r.region, r.endpoint, r.credentials_source
            ),
            Err(e) => format!("cognito(unresolved: {e}{mode})"),
        }
    }
}
