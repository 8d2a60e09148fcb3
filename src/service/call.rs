//! One call through the pipeline: validate → lint → plan gate → dry-run synthesis or send
//! (retry, pacing) → record. Every door calls [`Service::call`] (or awaits
//! [`Service::call_async`]) with [`CallOptions`] saying how.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use serde_json::Value;

use super::record::Record;
use super::{CallError, Notice, Service, Site, access};
use crate::aws::{self, AwsError, Gate, Ungated};
use crate::interrupt::Interrupt;
use crate::model::{Operation, Problem, Severity};

/// How much checking a call gets before it is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Check {
    /// Validate (errors stop the call, warnings are told) and lint.
    #[default]
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

/// What the wire said about a call, for callers that show the HTTP exchange (the Chilkat
/// layer's status code and response header); filled in when asked for with
/// [`CallOptions::detail`].
#[derive(Debug, Default)]
pub struct Wire {
    /// HTTP status of the last response (synthesized calls: 200).
    pub status: Option<u16>,
    /// Headers of the last response.
    pub headers: Vec<(String, String)>,
}

/// How one call goes through the pipeline; `CallOptions::default()` is a script's plain call:
/// full checking, no site, the run's pacing, interrupt and attempts, no wire detail.
#[derive(Clone, Copy, Default)]
pub struct CallOptions<'a> {
    check: Check,
    site: Option<&'a Site>,
    gate: Option<&'a dyn Gate>,
    interrupt: Option<&'a Interrupt>,
    attempts: Option<u32>,
    detail: Option<&'a RefCell<Wire>>,
}

impl<'a> CallOptions<'a> {
    /// How much checking the call gets.
    pub fn check(self, check: Check) -> Self {
        Self { check, ..self }
    }

    /// Where the script made the call (frames point there).
    pub fn site(self, site: Option<&'a Site>) -> Self {
        Self { site, ..self }
    }

    /// Pacing for this call instead of the run's pacer (a bulk item counting its attempts).
    pub fn gate(self, gate: &'a dyn Gate) -> Self {
        Self {
            gate: Some(gate),
            ..self
        }
    }

    /// The interrupt the call listens to instead of the run's (a cleanup call that must go out
    /// after Ctrl-C passes one that is never set).
    pub fn interrupt(self, interrupt: &'a Interrupt) -> Self {
        Self {
            interrupt: Some(interrupt),
            ..self
        }
    }

    /// Attempts for this call alone, retries included (a bulk run's `max_retries` + 1).
    pub fn attempts(self, attempts: Option<u32>) -> Self {
        Self { attempts, ..self }
    }

    /// Fills `wire` with the HTTP status and headers of the last response.
    pub fn detail(self, wire: &'a RefCell<Wire>) -> Self {
        Self {
            detail: Some(wire),
            ..self
        }
    }
}

impl Service {
    /// Runs one operation through the whole pipeline and blocks until it ends: the blocking
    /// edge of [`Service::call_async`], answering JSON.
    pub fn call(
        &self,
        op: &'static Operation,
        input: &Value,
        options: &CallOptions<'_>,
    ) -> Result<Value, CallError> {
        self.call_into(op, input, options, &aws::Json)
    }

    /// [`Service::call`] with the answer decoded straight into what `builder` builds (the
    /// script's value), with no `Value` in between.
    pub fn call_into<B: aws::Build>(
        &self,
        op: &'static Operation,
        input: &Value,
        options: &CallOptions<'_>,
        builder: &B,
    ) -> Result<B::Value, CallError> {
        self.ctx
            .runtime()
            .block_on(self.call_async(op, input, options, builder))
    }

    /// The pipeline as a future, the one way a call is made: validate → lint → plan gate →
    /// dry-run synthesis or send → record. Callers that run many calls at once (bulk) await
    /// it; everyone else goes through the blocking [`Service::call`].
    pub async fn call_async<B: aws::Build>(
        &self,
        op: &'static Operation,
        input: &Value,
        options: &CallOptions<'_>,
        builder: &B,
    ) -> Result<B::Value, CallError> {
        let interrupt = options.interrupt.unwrap_or(&self.ctx.interrupt);
        let (result, wire) = self.run(op, input, options, interrupt, builder).await;
        if let Some(detail) = options.detail {
            *detail.borrow_mut() = wire;
        }
        result
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

    /// The pipeline; the answer is decoded into what `builder` builds. The one place that
    /// decides whether a call goes out: a plan reports writes, a dry run synthesizes, and only
    /// what is left reaches the transport.
    async fn run<B: aws::Build>(
        &self,
        op: &'static Operation,
        input: &Value,
        options: &CallOptions<'_>,
        interrupt: &Interrupt,
        builder: &B,
    ) -> (Result<B::Value, CallError>, Wire) {
        let failed = |e: CallError| (Err(e), Wire::default());
        let (check, site) = (options.check, options.site);
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
        let outcome = self
            .client
            .transmit(aws::Request {
                operation: op.name,
                body: &body,
                signed: !op.unsigned,
                interrupt,
                gate: options.gate.unwrap_or(&paced),
                attempts: options.attempts,
            })
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
            (Ok(answer), Ok(())) => self.read_answer(op, &answer, builder).map_err(failed),
        };
        let wire = Wire {
            status: outcome.status,
            headers: outcome.headers,
        };
        (result, wire)
    }

    /// A sent call's answer decoded into what `builder` builds; for pooler's own readers, only
    /// once it has been read against the operation's output shape.
    fn read_answer<B: aws::Build>(
        &self,
        op: &Operation,
        answer: &aws::Answer,
        builder: &B,
    ) -> Result<B::Value, AwsError> {
        if B::RELIES_ON_SHAPE {
            let checked = self.ctx.model.check_answer(op, answer.bytes());
            checked.map_err(|message| AwsError::InvalidResponse {
                status: answer.status(),
                message,
            })?;
        }
        answer.build(builder)
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
    ) -> (Result<B::Value, CallError>, Wire) {
        let ctx = &self.ctx;
        let failed = |error: AwsError| {
            let error = CallError::Aws {
                operation: op.name.to_string(),
                error: Box::new(error),
                endpoint: String::new(),
                attempts: 0,
            };
            (Err(error), Wire::default())
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
            let resolved = self.client.resolve_identity().await;
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
            return (Err(e), Wire::default());
        }
        let result = response.build(builder).map_err(|error| CallError::Aws {
            operation: op.name.to_string(),
            error: Box::new(error),
            endpoint,
            attempts: 0,
        });
        let wire = Wire {
            status: Some(200),
            headers: Vec::new(),
        };
        (result, wire)
    }

    /// Asks the service for the quota of `op`'s category once per run (GetProvisionedLimit),
    /// when the pacer wants to know and the endpoint is AWS's; AccessDenied ends the asking.
    async fn consult_quota(&self, op: &Operation) {
        // The service's own quota is asked only of AWS itself, never of an emulator or a test
        // endpoint, whether the flag, the environment or the profile named it.
        if !self.client.endpoint_is_aws().await {
            self.ctx.pacer.set_provisioned_lookup(false);
            return;
        }
        let Some((category, input)) = self.ctx.pacer.provisioned_limit_request(op.name) else {
            return;
        };
        let Some(limit) = self.ctx.model.operation("GetProvisionedLimit") else {
            return;
        };
        let options = CallOptions::default().check(Check::None).gate(&Ungated);
        let answer = Box::pin(self.call_async(limit, &input, &options, &aws::Json)).await;
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
