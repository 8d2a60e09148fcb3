//! The last stage of the pipeline: what a call did goes into the transcript (one JSON line),
//! the `-v` log and the run's call tally (the interrupt summary), every value through the secret policy.

use serde_json::Value;

use super::call::pretty;
use super::transcript::Entry;
use super::{CallError, Notice, Service, call_tally};
use crate::aws::{Answer, Attempt, AwsError};
use crate::model::Operation;

/// One finished call, as the pipeline saw it.
pub(super) struct Record<'a> {
    pub op: &'a Operation,
    pub request: &'a Value,
    pub region: &'a str,
    pub endpoint: &'a str,
    pub status: Option<u16>,
    pub response: Option<&'a Answer>,
    pub error: Option<&'a AwsError>,
    pub attempts: &'a [Attempt],
    pub millis: u128,
    pub dry_run: bool,
    /// A bulk run's lookup (`Check::Probe`): not found is its expected answer.
    pub probe: bool,
}

impl Service {
    /// Records one call; a transcript that cannot be written ends the run (exit 1).
    pub(super) fn record(&self, r: &Record<'_>) -> Result<(), CallError> {
        let ctx = &self.ctx;
        // Decoded once for what reads the answer besides the script: the MFA-trap lint, the
        // strict echo's memory of secrets, and the records below.
        let logged = ctx.verbose && !r.dry_run;
        let reads = logged
            || ctx.transcript.is_some()
            || super::mfa_trap::MfaTraps::reads(r.op.name)
            || (crate::secrets::echo::sightings_read()
                && ctx.secrets.output_may_hold_secrets(r.op));
        let decoded = r.response.filter(|_| reads).and_then(|a| a.json().ok());
        ctx.mfa_traps
            .note(r.op.name, r.request, decoded.as_ref(), r.dry_run);
        ctx.secrets.remember_call(r.op, r.request, decoded.as_ref());
        ctx.call_tally
            .note(r.op.name, call_tally::Ended::of(r.error, r.probe));
        if !logged && ctx.transcript.is_none() {
            // Nothing records this call: no redacted copy of the response is made.
            return Ok(());
        }
        let response = decoded.map(|v| ctx.secrets.output(r.op, &v));
        if logged {
            let shown = match (&response, r.error) {
                (_, Some(e)) => ctx.secrets.scrub_text(&e.to_string()),
                (Some(v), None) => pretty(&ctx.model.iso_timestamps(v)),
                (None, None) => String::new(),
            };
            let line = format!(
                "< {} {} from {} in {} ms, {} attempt(s)\n{shown}",
                r.status.map_or("-".to_string(), |s| s.to_string()),
                r.op.name,
                r.endpoint,
                r.millis,
                r.attempts.len(),
            );
            ctx.notice(Notice::Log(&line));
        }
        let Some(transcript) = &ctx.transcript else {
            return Ok(());
        };
        let entry = Entry {
            operation: r.op.name,
            region: r.region,
            endpoint: r.endpoint,
            request: ctx.secrets.input(r.op, r.request),
            status: r.status,
            response,
            error_type: r.error.map(AwsError::kind),
            attempts: r.attempts,
            millis: r.millis,
            dry_run: r.dry_run,
        };
        transcript.record(entry).map_err(|e| CallError::Output {
            what: "the transcript".into(),
            message: e.to_string(),
        })
    }
}
