//! A Chilkat-compatible layer for ported programs (`pooler port --style chilkat`):
//! `CkJsonObject()`, `CkStringBuilder()`, `CkAuthAws()` and `CkRest()` with Chilkat's method
//! and property names. `CkRest` sends through the same client as `cognito.*`: the
//! `X-Amz-Target` header names the operation, and dry runs, validation, transcripts and
//! redaction all apply. Keys set on `CkAuthAws` are ignored (the AWS chain supplies them).

use std::cell::RefCell;
use std::rc::Rc;

use rhai::{EvalAltResult, INT, NativeCallContext};
use serde_json::Value;

use super::cognito::{Cognito, site_of};
use super::error::thrown;
use crate::aws::{AwsError, NetworkKind};
use crate::json_doc::{DocError, JsonDoc};
use crate::service::CallError;

mod register;
pub use register::register;

type Result<T> = std::result::Result<T, Box<EvalAltResult>>;

fn fail(err: DocError) -> Box<EvalAltResult> {
    err.to_string().into()
}

/// `CkJsonObject`: a `json()` document plus Chilkat's `EmitCompact` flag.
#[derive(Clone)]
pub struct CkJsonObject(Rc<RefCell<(JsonDoc, bool)>>);

/// `CkStringBuilder`.
#[derive(Clone)]
pub struct CkStringBuilder(Rc<RefCell<String>>);

/// `CkAuthAws`: region and service name (keys are never kept).
#[derive(Clone, Default)]
pub struct CkAuthAws(Rc<RefCell<(String, String)>>);

/// `CkRest`: headers, the AuthAws object, the connected host and the last status.
#[derive(Clone)]
pub struct CkRest {
    state: Rc<RefCell<RestState>>,
    cognito: Cognito,
    region_override: bool,
}

#[derive(Default)]
struct RestState {
    headers: Vec<(String, String)>,
    auth: Option<CkAuthAws>,
    host: String,
    status: INT,
    response_header: String,
    last_error: String,
    connect_fail: INT,
    last_success: bool,
}

/// What one request got back, the way Chilkat reports it: a service error is an answer like
/// any other (its status and body); only a request that got no answer sets `error`.
struct Exchange {
    status: INT,
    /// The response header lines (`Name: value\r\n` each).
    header: String,
    body: String,
    /// Why no answer came (Chilkat's `LastErrorText`).
    error: Option<String>,
    /// Chilkat's `ConnectFailReason` for that failure (0 when connected).
    connect_fail: INT,
}

/// Chilkat's documented `ConnectFailReason` codes for the failures pooler can tell apart, read
/// from the failure's kind: 2 DNS lookup failed, 6 connect timed out, 7 connect rejected (or
/// failed for another reason), 100 TLS internal error; 0 when the failure was not in
/// connecting.
fn connect_fail_reason(error: &AwsError) -> INT {
    match error {
        AwsError::Timeout { .. }
        | AwsError::Network {
            kind: NetworkKind::Timeout,
            ..
        } => 6,
        AwsError::Network {
            kind: NetworkKind::Dns,
            ..
        } => 2,
        AwsError::Network {
            kind: NetworkKind::Tls,
            ..
        } => 100,
        AwsError::Network { .. } | AwsError::ProxyRefused { .. } => 7,
        _ => 0,
    }
}

impl CkJsonObject {
    fn new() -> Self {
        Self(Rc::new(RefCell::new((JsonDoc::new(), true))))
    }

    fn write(&mut self, path: &str, value: Value) -> Result<bool> {
        self.0.borrow_mut().0.update(path, value).map_err(fail)?;
        Ok(true)
    }

    fn emit(&self) -> String {
        let state = self.0.borrow();
        if state.1 {
            state.0.emit_compact()
        } else {
            state.0.emit()
        }
    }

    /// Chilkat's `Load`: false (nothing changed) when `text` is not JSON.
    fn load(&mut self, text: &str) -> Result<bool> {
        let Ok(doc) = JsonDoc::parse(text) else {
            return Ok(false);
        };
        let mut state = self.0.borrow_mut();
        let (i, j, k, d) = (state.0.i, state.0.j, state.0.k, state.0.delimiter);
        state.0 = JsonDoc {
            i,
            j,
            k,
            delimiter: d,
            ..doc
        };
        Ok(true)
    }
}

impl CkRest {
    /// The region: the user's `--region` when given, else AuthAws.Region, else the Connect host.
    fn region(&self) -> Option<String> {
        if self.region_override {
            return None;
        }
        let state = self.state.borrow();
        let from_auth = state
            .auth
            .as_ref()
            .map(|a| a.0.borrow().0.clone())
            .filter(|r| !r.is_empty());
        from_auth.or_else(|| crate::aws::endpoint::region_of_host(&state.host))
    }

    /// The operation the `X-Amz-Target` header names, and the body as JSON; errors here are
    /// mistakes in the script (no header, an unknown operation, a body that is not JSON).
    fn prepare(&self, body: &str) -> Result<(&'static crate::model::Operation, Value)> {
        let target = self
            .state
            .borrow()
            .headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case("x-amz-target"))
            .map(|(_, v)| v.clone())
            .ok_or(
                "CkRest: no X-Amz-Target header; rest.AddHeader(\"X-Amz-Target\", \"AWSCognitoIdentityProviderService.CreateUserPool\") names the operation",
            )?;
        let name = target.rsplit('.').next().unwrap_or(&target);
        let model = self.cognito.service.ctx().model;
        let op = model.operation(name).ok_or_else(|| {
            format!("CkRest: X-Amz-Target `{target}` names no Cognito operation (`pooler ops` lists them)")
        })?;
        let json: Value = if body.trim().is_empty() {
            Value::Object(serde_json::Map::new())
        } else {
            serde_json::from_str(body)
                .map_err(|e| format!("CkRest: the request body is not JSON: {e}"))?
        };
        Ok((op, json))
    }

    /// Everything CkRest needs from one request, in one call: status, header, body, or why
    /// no answer came. `Err` only when pooler refuses before sending (validation) or the run
    /// is interrupted; a network failure or a service error is an `Exchange`.
    fn exchange(
        &self,
        ctx: &NativeCallContext,
        op: &'static crate::model::Operation,
        body: &Value,
    ) -> Result<Exchange> {
        let service = match self.region() {
            Some(region) => self
                .cognito
                .service
                .with_overrides(Some(region), None, None),
            None => self.cognito.service.clone(),
        };
        let wire = std::cell::RefCell::new(crate::service::Wire::default());
        let site = site_of(ctx);
        let options = crate::service::CallOptions::default()
            .site(site.as_ref())
            .detail(&wire);
        // The body goes back as text: decoded straight into it, no `Value` in between.
        let result = service.call_into(op, body, &options, &crate::aws::JsonText);
        let wire = wire.into_inner();
        let header: String = wire
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect();
        let status = wire.status.map_or(0, INT::from);
        match result {
            Ok(body) => Ok(Exchange {
                status,
                header,
                body,
                error: None,
                connect_fail: 0,
            }),
            // The service answered: its error, as AWS sends it.
            Err(CallError::Aws { error, .. }) if error.status().is_some() => Ok(Exchange {
                status: error.status().map_or(status, INT::from),
                header,
                body: serde_json::json!({ "__type": error.kind(), "message": error.message() })
                    .to_string(),
                error: None,
                connect_fail: 0,
            }),
            // No answer: Chilkat returns false and says why.
            Err(CallError::Aws { error, .. }) => Ok(Exchange {
                status: 0,
                header,
                body: String::new(),
                connect_fail: connect_fail_reason(&error),
                error: Some(format!("{}: {}", error.kind(), error.message())),
            }),
            // Refused before sending (validation) or interrupted: the script stops.
            Err(e) => Err(thrown(e, service.ctx().secrets)),
        }
    }

    /// Sends `body`; records what Chilkat's properties report afterwards. Returns whether an
    /// answer came, and its body.
    fn send(&mut self, ctx: &NativeCallContext, body: &str) -> Result<(bool, String)> {
        let (op, json) = self.prepare(body)?;
        let ex = self.exchange(ctx, op, &json)?;
        let mut state = self.state.borrow_mut();
        state.status = ex.status;
        state.response_header = ex.header;
        state.connect_fail = ex.connect_fail;
        state.last_success = ex.error.is_none();
        state.last_error = ex.error.unwrap_or_default();
        Ok((state.last_success, ex.body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn network(kind: NetworkKind) -> AwsError {
        // The words say DNS on purpose: only the kind counts.
        AwsError::Network {
            kind,
            message: "DNS lookup failed (dns error)".into(),
        }
    }

    #[test]
    fn connect_fail_reason_reads_the_kind_not_the_words() {
        assert_eq!(connect_fail_reason(&network(NetworkKind::Dns)), 2);
        assert_eq!(connect_fail_reason(&network(NetworkKind::Timeout)), 6);
        assert_eq!(connect_fail_reason(&network(NetworkKind::Tls)), 100);
        assert_eq!(connect_fail_reason(&network(NetworkKind::Refused)), 7);
        assert_eq!(connect_fail_reason(&network(NetworkKind::Reset)), 7);
        let timeout = AwsError::Timeout {
            after: std::time::Duration::from_secs(1),
        };
        assert_eq!(connect_fail_reason(&timeout), 6);
        let refused = AwsError::ProxyRefused {
            message: "tls".into(),
        };
        assert_eq!(connect_fail_reason(&refused), 7);
        let answered = AwsError::InvalidResponse {
            status: 200,
            message: "dns".into(),
        };
        assert_eq!(connect_fail_reason(&answered), 0);
    }
}
