//! One Cognito call from a script: convert the input, validate it against the model, then sign
//! and send it (or, in a dry run, sign it and synthesize the answer), log and record it, and turn
//! the outcome into a Rhai value or a catchable error map.

use std::time::Instant;

use rhai::{Dynamic, EvalAltResult, INT, Map as RhaiMap, NativeCallContext, Position};
use serde_json::Value;

use super::cognito::Cognito;
use super::convert::{to_dynamic, to_json};
use super::transcript::Entry;
use crate::aws::AwsError;
use crate::model::{Operation, Problem, Severity};
use crate::script::diagnostics::{self, Location, Report};

pub type CallResult = Result<Dynamic, Box<EvalAltResult>>;

/// The input as JSON; `()` means an empty request.
pub fn input_json(op: &Operation, input: &Dynamic) -> Result<Value, Box<EvalAltResult>> {
    if input.is_unit() {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    let value = to_json(input).map_err(|e| -> Box<EvalAltResult> {
        format!("{}: the input cannot be sent as JSON {e}", op.name).into()
    })?;
    if !value.is_object() {
        return Err(format!(
            "{}: the input must be a map or a json() document, not {}",
            op.name,
            input.type_name()
        )
        .into());
    }
    Ok(value)
}

fn call_location(ctx: &NativeCallContext) -> Option<Location> {
    let pos = ctx.call_position();
    Some(Location {
        source: ctx.call_source().unwrap_or("<script>").to_string(),
        line: pos.line()?,
        column: pos.position().unwrap_or(1),
    })
}

fn problem_map(p: &Problem) -> Dynamic {
    let mut m = RhaiMap::new();
    m.insert("path".into(), p.path.clone().into());
    m.insert("message".into(), p.message.clone().into());
    Dynamic::from_map(m)
}

fn thrown(map: RhaiMap) -> Box<EvalAltResult> {
    EvalAltResult::ErrorRuntime(Dynamic::from_map(map), Position::NONE).into()
}

impl Cognito {
    /// Validates `input` for `op`: prints warnings at the call site, throws on errors.
    pub(super) fn check(
        &self,
        ctx: &NativeCallContext,
        op: &Operation,
        input: &Value,
    ) -> Result<(), Box<EvalAltResult>> {
        let shared = &self.shared;
        if !shared.validate {
            return Ok(());
        }
        let problems = shared.model.validate(op, input);
        let (errors, warnings): (Vec<&Problem>, Vec<&Problem>) = problems
            .iter()
            .partition(|p| p.severity == Severity::Error || shared.strict);
        if !warnings.is_empty() {
            let details = warnings
                .iter()
                .map(|p| {
                    if p.path.is_empty() {
                        p.message.clone()
                    } else {
                        format!("{}: {}", p.path, p.message)
                    }
                })
                .collect();
            let report = Report::warning(
                format!("{}: check the request", op.name),
                call_location(ctx),
                details,
            );
            eprint!(
                "{}",
                diagnostics::render(&report, &shared.sources, shared.color)
            );
        }
        if errors.is_empty() {
            return Ok(());
        }
        let mut map = RhaiMap::new();
        map.insert("type".into(), "ValidationError".into());
        map.insert("operation".into(), op.name.clone().into());
        map.insert(
            "errors".into(),
            Dynamic::from_array(errors.into_iter().map(problem_map).collect()),
        );
        Err(thrown(map))
    }

    /// Runs one operation with `input` and returns the response as a Rhai map.
    pub fn invoke(&self, ctx: &NativeCallContext, op: &Operation, input: &Dynamic) -> CallResult {
        let json = input_json(op, input)?;
        self.check(ctx, op, &json)?;
        self.lint(ctx, op, &json);
        self.invoke_json(op, &json).map(|v| to_dynamic(&v))
    }

    /// Sends (or dry-runs) a validated JSON request.
    pub fn invoke_json(&self, op: &Operation, json: &Value) -> Result<Value, Box<EvalAltResult>> {
        self.invoke_json_with_headers(op, json).0
    }

    /// [`Self::invoke_json`], also returning the last response's headers (none in a dry run).
    pub fn invoke_json_with_headers(
        &self,
        op: &Operation,
        json: &Value,
    ) -> (Result<Value, Box<EvalAltResult>>, Headers) {
        let mut headers = Vec::new();
        let result = self.invoke_json_inner(op, json, &mut headers);
        (result, headers)
    }

    fn invoke_json_inner(
        &self,
        op: &Operation,
        json: &Value,
        headers: &mut Vec<(String, String)>,
    ) -> Result<Value, Box<EvalAltResult>> {
        if let Some(planned) = self.plan_write(op, json) {
            return Ok(planned);
        }
        let shared = &self.shared;
        let body =
            serde_json::to_vec(json).map_err(|e| -> Box<EvalAltResult> { e.to_string().into() })?;
        let redacted_request = shared.model.redact_input(op, json);
        let started = Instant::now();
        let runtime = shared.runtime();
        if shared.dry_run {
            let signed = runtime.block_on(self.client.sign_only(&op.name, &body, !op.unsigned));
            let resolved = runtime.block_on(self.client.resolve());
            let (signed, resolved) = match (signed, resolved) {
                (Ok(s), Ok(r)) => (s, r),
                (Err(e), _) | (_, Err(e)) => return Err(self.error(op, &e, "", 0)),
            };
            let response = shared.model.synthesize_output(op, json, &resolved.region);
            if shared.verbose {
                eprintln!(
                    "> {} {} (dry run, not sent)\n{}",
                    op.name,
                    signed.url,
                    pretty(&redacted_request)
                );
                for (name, value) in &signed.headers {
                    eprintln!("  {name}: {value}");
                }
            }
            self.record(Entry {
                operation: &op.name,
                region: &resolved.region,
                endpoint: &resolved.endpoint,
                request: redacted_request,
                status: None,
                response: Some(shared.model.redact_output(op, &response)),
                error_type: None,
                attempts: &[],
                millis: started.elapsed().as_millis(),
                dry_run: true,
            });
            return Ok(response);
        }
        if shared.verbose {
            eprintln!("> {}\n{}", op.name, pretty(&redacted_request));
        }
        let outcome =
            runtime.block_on(
                self.client
                    .call(&op.name, &body, !op.unsigned, &shared.interrupt),
            );
        let redacted_response = outcome
            .result
            .as_ref()
            .ok()
            .map(|v| shared.model.redact_output(op, v));
        if shared.verbose {
            let shown = match &outcome.result {
                Ok(_) => redacted_response.as_ref().map(pretty).unwrap_or_default(),
                Err(e) => e.to_string(),
            };
            eprintln!(
                "< {} {} from {} in {} ms, {} attempt(s)\n{}",
                outcome.status.map_or("-".to_string(), |s| s.to_string()),
                op.name,
                outcome.endpoint,
                outcome.elapsed.as_millis(),
                outcome.attempts.len(),
                shown
            );
        }
        headers.clone_from(&outcome.headers);
        let error_type = outcome.result.as_ref().err().map(|e| e.kind().to_string());
        self.record(Entry {
            operation: &op.name,
            region: &outcome.region,
            endpoint: &outcome.endpoint,
            request: redacted_request,
            status: outcome.status,
            response: redacted_response,
            error_type: error_type.as_deref(),
            attempts: &outcome.attempts,
            millis: outcome.elapsed.as_millis(),
            dry_run: false,
        });
        outcome
            .result
            .map_err(|e| self.error(op, &e, &outcome.endpoint, outcome.attempts.len()))
    }

    fn record(&self, entry: Entry<'_>) {
        super::progress::note(entry.operation, entry.error_type);
        if let Some(transcript) = &self.shared.transcript
            && let Err(e) = transcript.record(entry)
        {
            eprintln!("warning: cannot write the transcript: {e}");
        }
    }

    /// The catchable error map (or, for an interruption, the engine's termination).
    fn error(
        &self,
        op: &Operation,
        err: &AwsError,
        endpoint: &str,
        attempts: usize,
    ) -> Box<EvalAltResult> {
        if matches!(err, AwsError::Interrupted) {
            let code = INT::from(self.shared.interrupt.exit_code());
            return EvalAltResult::ErrorTerminated(Dynamic::from_int(code), Position::NONE).into();
        }
        let mut map = RhaiMap::new();
        map.insert("type".into(), err.kind().to_string().into());
        map.insert("message".into(), error_message(err).into());
        map.insert(
            "status".into(),
            err.status()
                .map_or(Dynamic::UNIT, |s| Dynamic::from_int(INT::from(s))),
        );
        let request_id = match err {
            AwsError::Service {
                request_id: Some(id),
                ..
            } => Dynamic::from(id.clone()),
            _ => Dynamic::UNIT,
        };
        map.insert("request_id".into(), request_id);
        map.insert("operation".into(), op.name.clone().into());
        map.insert("retryable".into(), err.retryable().into());
        if !endpoint.is_empty() {
            map.insert("endpoint".into(), endpoint.to_string().into());
        }
        if attempts > 0 {
            map.insert("attempts".into(), Dynamic::from_int(attempts as INT));
        }
        thrown(map)
    }
}

/// Response headers, in the order received.
pub type Headers = Vec<(String, String)>;

fn error_message(err: &AwsError) -> String {
    match err {
        AwsError::Service { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}
