//! One call through the pipeline: validate → lint → plan gate → dry-run synthesis or send
//! (retry, pacing) → record. Every door calls [`Service::call`] or [`Service::call_async`].

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use serde_json::Value;

use super::record::Record;
use super::{CallError, Notice, Service, Site, access};
use crate::aws::{self, AwsError, Gate, Ungated};
use crate::model::{Operation, Problem, Severity};

/// How much checking a call gets before it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Validate (errors stop the call, warnings are told) and lint.
    Full,
    /// Validate for errors only; warnings and lints were told already (a bulk run's later items,
    /// a paginator's later pages).
    ErrorsOnly,
    /// Already validated by the caller.
    None,
    /// Validate, telling warnings, but leave the trap lints to the caller, which knows what
    /// exists (`ensure_user_pool` reads the pool's MFA factors first).
    NoLint,
    /// A lookup made before a bulk write (as `None`): a not-found answer is what it expects,
    /// counted as a probe in the interrupt summary, never as a failure.
    Probe,
}

/// A call's result with what the wire said, for callers that show the HTTP exchange (the
/// Chilkat layer's status code and response header).
pub struct Detailed<T = Value> {
    pub result: Result<T, CallError>,
    /// HTTP status of the last response (synthesized calls: 200).
    pub status: Option<u16>,
    /// Headers of the last response.
    pub headers: Vec<(String, String)>,
}

impl Service {
    /// Runs one operation through the whole pipeline and blocks until it ends.
    pub fn call(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
    ) -> Result<Value, CallError> {
        self.call_with(op, input, site, Check::Full)
    }

    /// [`Service::call`] with the answer decoded straight into what `builder` builds (the
    /// script's value), with no `Value` in between.
    pub fn call_into<B: aws::Build>(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
        builder: &B,
    ) -> Result<B::Value, CallError> {
        let runtime = self.ctx.runtime();
        let run = self.run(
            op,
            input,
            site,
            Check::Full,
            None,
            &self.ctx.interrupt,
            builder,
        );
        runtime.block_on(run).result
    }

    /// [`Service::call`] with a chosen amount of checking.
    pub fn call_with(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
        check: Check,
    ) -> Result<Value, CallError> {
        let runtime = self.ctx.runtime();
        let run = self.run(
            op,
            input,
            site,
            check,
            None,
            &self.ctx.interrupt,
            &aws::Json,
        );
        runtime.block_on(run).result
    }

    /// A call that must go out although the run was interrupted (stopping an import job that
    /// Ctrl-C ended): the same pipeline, deaf to the interrupt.
    pub fn call_cleanup(&self, op: &'static Operation, input: &Value) -> Result<Value, CallError> {
        let runtime = self.ctx.runtime();
        let deaf = crate::interrupt::Interrupt::new();
        runtime
            .block_on(self.run(op, input, None, Check::Full, None, &deaf, &aws::Json))
            .result
    }

    /// [`Service::call`] keeping the HTTP status and headers.
    pub fn call_detailed(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
    ) -> Detailed {
        let runtime = self.ctx.runtime();
        let run = self.run(
            op,
            input,
            site,
            Check::Full,
            None,
            &self.ctx.interrupt,
            &aws::Json,
        );
        runtime.block_on(run)
    }

    /// The pipeline as a future, for callers that run many calls at once (bulk). `gate`
    /// replaces the run's quota pacing for this call (`None`: the pacer's gate).
    pub async fn call_async<B: aws::Build>(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
        check: Check,
        gate: Option<&dyn Gate>,
        builder: &B,
    ) -> Result<B::Value, CallError> {
        self.run(op, input, site, check, gate, &self.ctx.interrupt, builder)
            .await
            .result
    }

    /// Validates and lints `input` for `op` without sending it: warnings are told, errors
    /// returned.
    pub fn check(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
    ) -> Result<(), CallError> {
        self.check_as(op, input, site, Check::Full)
    }

    /// [`Service::check`] with the checking `check` says.
    pub fn check_as(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
        check: Check,
    ) -> Result<(), CallError> {
        let runtime = self.ctx.runtime();
        runtime.block_on(self.check_async(op, input, site, check))
    }

    /// The validation problems of `input` that stop a call (errors, and warnings under --strict).
    pub fn blocking_problems(&self, op: &Operation, input: &Value) -> Vec<Problem> {
        if !self.ctx.validate {
            return Vec::new();
        }
        let strict = self.ctx.strict;
        self.problems(op, input)
            .into_iter()
            .filter(|p| p.severity == Severity::Error || strict)
            .collect()
    }

    /// What validation finds in `input`, unknown members told as warnings by a lenient client.
    fn problems(&self, op: &Operation, input: &Value) -> Vec<Problem> {
        let found = self.ctx.model.validate(op, input);
        if self.lenient {
            found.into_iter().map(Problem::leniently).collect()
        } else {
            found
        }
    }

    fn check_async<'a>(
        &'a self,
        op: &'static Operation,
        input: &'a Value,
        site: Option<&'a Site>,
        check: Check,
    ) -> Pin<Box<dyn Future<Output = Result<(), CallError>> + 'a>> {
        Box::pin(async move {
            if matches!(check, Check::None | Check::Probe) || !self.ctx.validate {
                return Ok(());
            }
            let secrets = &self.ctx.secrets;
            let problems: Vec<Problem> = self
                .problems(op, input)
                .into_iter()
                .map(|p| secrets.problem(input, p))
                .collect();
            let strict = self.ctx.strict;
            let (errors, warnings): (Vec<Problem>, Vec<Problem>) = problems
                .into_iter()
                .partition(|p| p.severity == Severity::Error || strict);
            if matches!(check, Check::Full | Check::NoLint) && !warnings.is_empty() {
                self.ctx.notice(Notice::Problems {
                    operation: op.name,
                    site,
                    problems: &warnings,
                    blocking: false,
                });
            }
            if !errors.is_empty() && self.ctx.collect_problems {
                self.ctx.problems.set(self.ctx.problems.get() + 1);
                self.ctx.notice(Notice::Problems {
                    operation: op.name,
                    site,
                    problems: &errors,
                    blocking: true,
                });
                return Ok(());
            }
            if !errors.is_empty() {
                return Err(CallError::Validation {
                    operation: op.name.to_string(),
                    problems: errors,
                });
            }
            if check == Check::Full {
                self.lint(op, input, site).await;
            }
            Ok(())
        })
    }

    /// The pipeline; the answer is decoded into what `builder` builds.
    #[allow(clippy::too_many_arguments)]
    async fn run<B: aws::Build>(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
        check: Check,
        gate: Option<&dyn Gate>,
        interrupt: &crate::interrupt::Interrupt,
        builder: &B,
    ) -> Detailed<B::Value> {
        let failed = |e: CallError| Detailed {
            result: Err(e),
            status: None,
            headers: Vec::new(),
        };
        if !input.is_object() {
            return failed(CallError::bad_input(
                op.name,
                "the input must be a map or a json() document",
            ));
        }
        if let Err(e) = self.check_async(op, input, site, check).await {
            return failed(e);
        }
        let ctx = &self.ctx;
        if interrupt.is_set() {
            return failed(CallError::interrupted(interrupt));
        }
        let body = match serde_json::to_vec(input) {
            Ok(b) => b,
            Err(e) => return failed(CallError::bad_input(op.name, e.to_string())),
        };
        let started = Instant::now();
        if ctx.planning() && !access::is_read_only(op) {
            return self
                .synthesized(op, input, &body, started, true, builder)
                .await;
        }
        if ctx.dry_run() {
            return self
                .synthesized(op, input, &body, started, false, builder)
                .await;
        }
        self.consult_quota(op).await;
        self.log_request(op, input, None);
        let paced = ctx.pacer.gate(op.name, input);
        let gate: &dyn Gate = gate.unwrap_or(&paced);
        let outcome = self
            .client
            .call_gated(op.name, &body, !op.unsigned, interrupt, gate)
            .await;
        let record = Record {
            op,
            request: input,
            region: &outcome.region,
            endpoint: &outcome.endpoint,
            status: outcome.status,
            response: outcome.result.as_ref().ok(),
            error: outcome.result.as_ref().err(),
            attempts: &outcome.attempts,
            millis: outcome.elapsed.as_millis(),
            dry_run: false,
            probe: check == Check::Probe,
        };
        let recorded = self.record(&record);
        let failed = |error: AwsError| CallError::Aws {
            operation: op.name.to_string(),
            error: Box::new(error),
            endpoint: outcome.endpoint.clone(),
            attempts: outcome.attempts.len(),
        };
        let result = match (outcome.result, recorded) {
            (Err(AwsError::Interrupted), _) => Err(CallError::interrupted(interrupt)),
            (Err(error), _) => Err(failed(error)),
            (Ok(_), Err(e)) => Err(e),
            (Ok(answer), Ok(())) => answer.build(builder).map_err(failed),
        };
        Detailed {
            result,
            status: outcome.status,
            headers: outcome.headers,
        }
    }

    /// A dry run or a planned write: signed (a dry run) or reported (a plan), never sent;
    /// the answer is made from the output model.
    async fn synthesized<B: aws::Build>(
        &self,
        op: &'static Operation,
        input: &Value,
        body: &[u8],
        started: Instant,
        planned: bool,
        builder: &B,
    ) -> Detailed<B::Value> {
        let ctx = &self.ctx;
        let failed = |error: AwsError| Detailed {
            result: Err(CallError::Aws {
                operation: op.name.to_string(),
                error: Box::new(error),
                endpoint: String::new(),
                attempts: 0,
            }),
            status: None,
            headers: Vec::new(),
        };
        let (region, endpoint) = if planned {
            ctx.plan_tally.changed();
            let item = super::plan::item_name(input)
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            ctx.notice(Notice::Plan(&format!("plan: would call {}{item}", op.name)));
            ("planned".to_string(), String::new())
        } else {
            if !ctx.announced.replace(true) {
                ctx.notice(Notice::Remark(
                    "dry run: requests are validated and signed, nothing is sent",
                ));
            }
            let signed = self.client.sign_only(op.name, body, !op.unsigned).await;
            let resolved = self.client.resolve().await;
            match (signed, resolved) {
                (Ok(signed), Ok(resolved)) => {
                    self.log_request(op, input, Some(&signed));
                    (resolved.region, resolved.endpoint)
                }
                (Err(e), _) | (_, Err(e)) => return failed(e),
            }
        };
        let response = aws::Answer::of_value(&ctx.model.synthesize_output(op, input, &region));
        let record = Record {
            op,
            request: input,
            region: &region,
            endpoint: &endpoint,
            status: None,
            response: Some(&response),
            error: None,
            attempts: &[],
            millis: started.elapsed().as_millis(),
            dry_run: true,
            probe: false,
        };
        if let Err(e) = self.record(&record) {
            return Detailed {
                result: Err(e),
                status: None,
                headers: Vec::new(),
            };
        }
        Detailed {
            result: response.build(builder).map_err(|error| CallError::Aws {
                operation: op.name.to_string(),
                error: Box::new(error),
                endpoint,
                attempts: 0,
            }),
            status: Some(200),
            headers: Vec::new(),
        }
    }

    /// Asks the service for the quota of `op`'s category once per run (GetProvisionedLimit),
    /// when the pacer wants to know; AccessDenied ends the asking.
    async fn consult_quota(&self, op: &Operation) {
        let Some((category, input)) = self.ctx.pacer.provisioned_limit_request(op.name) else {
            return;
        };
        let Some(limit) = self.ctx.model.operation("GetProvisionedLimit") else {
            return;
        };
        let answer = Box::pin(self.run(
            limit,
            &input,
            None,
            Check::None,
            Some(&Ungated),
            &self.ctx.interrupt,
            &aws::Json,
        ))
        .await
        .result;
        let answer =
            answer.map_err(|e| crate::service::pace::LimitLookupError::from_error_type(e.kind()));
        self.ctx
            .pacer
            .record_provisioned_limit(&category, answer.as_ref().map_err(Clone::clone));
    }

    /// `-v`: the request as it goes out (redacted), with the signed headers of a dry run.
    fn log_request(&self, op: &Operation, input: &Value, signed: Option<&aws::SignedRequest>) {
        if !self.ctx.verbose {
            return;
        }
        let shown = pretty(&self.ctx.secrets.input(op, input));
        let text = match signed {
            Some(signed) => {
                let mut text = format!("> {} {} (dry run, not sent)\n{shown}", op.name, signed.url);
                for (name, value) in &signed.headers {
                    text.push_str(&format!("\n  {name}: {value}"));
                }
                text
            }
            None => format!("> {}\n{shown}", op.name),
        };
        self.ctx.notice(Notice::Log(&text));
    }
}

pub(super) fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}
