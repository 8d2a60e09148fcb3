//! The interim [`Caller`]: validation against the model, then `crate::aws::Client` on a
//! current-thread runtime (a dry run signs and synthesizes). The one place the call pipeline
//! will replace.

use serde_json::Value;

use super::{CallFailure, Caller};
use crate::aws::{AwsError, Client};
use crate::interrupt::Interrupt;
use crate::model::{Model, Severity};

/// Calls through one client. It never stops on Ctrl-C by itself (callers poll the interrupt
/// between calls), so that a job can still be stopped after Ctrl-C.
pub struct Adapter {
    client: Client,
    model: &'static Model,
    dry_run: bool,
    validate: bool,
    verbose: bool,
    runtime: tokio::runtime::Runtime,
    quiet: Interrupt,
}

impl Adapter {
    pub fn new(client: Client, model: &'static Model, dry_run: bool, validate: bool) -> Self {
        Self {
            client,
            model,
            dry_run,
            validate,
            verbose: false,
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a current-thread tokio runtime can always be built"),
            quiet: Interrupt::new(),
        }
    }

    /// Logs each call (input redacted) to stderr.
    pub fn verbose(mut self, on: bool) -> Self {
        self.verbose = on;
        self
    }

    /// Whether calls are only signed and synthesized.
    pub fn is_dry_run(&self) -> bool {
        self.dry_run
    }
}

fn failure(e: &AwsError) -> CallFailure {
    CallFailure::new(e.kind(), e.message())
}

impl Caller for Adapter {
    fn call(&self, operation: &str, input: Value) -> Result<Value, CallFailure> {
        let op = self.model.operation(operation).ok_or_else(|| {
            CallFailure::new(
                "ValidationError",
                format!("`{operation}` is not an operation"),
            )
        })?;
        if self.validate {
            let errors: Vec<String> = self
                .model
                .validate(op, &input)
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .map(|p| format!("{}: {}", p.path, p.message))
                .collect();
            if !errors.is_empty() {
                return Err(CallFailure::new(
                    "ValidationError",
                    format!("{operation}: {}", errors.join("; ")),
                ));
            }
        }
        if self.verbose {
            let shown = self.model.redact_input(op, &input);
            eprintln!("> {operation} {shown}");
        }
        let body = serde_json::to_vec(&input)
            .map_err(|e| CallFailure::new("ValidationError", e.to_string()))?;
        if self.dry_run {
            let signed =
                self.runtime
                    .block_on(self.client.sign_only(&op.name, &body, !op.unsigned));
            let resolved = self.runtime.block_on(self.client.resolve());
            return match (signed, resolved) {
                (Ok(_), Ok(r)) => Ok(self.model.synthesize_output(op, &input, &r.region)),
                (Err(e), _) | (_, Err(e)) => Err(failure(&e)),
            };
        }
        let outcome =
            self.runtime
                .block_on(self.client.call(&op.name, &body, !op.unsigned, &self.quiet));
        outcome.result.map_err(|e| failure(&e))
    }
}
