//! A Chilkat-compatible layer for ported programs (`pooler port --style chilkat`):
//! `CkJsonObject()`, `CkStringBuilder()`, `CkAuthAws()` and `CkRest()` with Chilkat's method
//! and property names. `CkRest` sends through the same client as `cognito.*`: the
//! `X-Amz-Target` header names the operation, and dry runs, validation, transcripts and
//! redaction all apply. Keys set on `CkAuthAws` are ignored (the AWS chain supplies them).

use std::cell::RefCell;
use std::rc::Rc;

use rhai::{Engine, EvalAltResult, FLOAT, INT, ImmutableString, NativeCallContext};
use serde_json::Value;

use super::cognito::{Cognito, site_of};
use super::error::thrown;
use super::json_doc::{DocError, JsonDoc, number_from_text};
use super::registry::{Registrar, global};
use crate::aws::{AwsError, NetworkKind};
use crate::service::CallError;

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
        let result = service.call(op, body, &options);
        let wire = wire.into_inner();
        let header: String = wire
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect();
        let status = wire.status.map_or(0, INT::from);
        match result {
            Ok(value) => Ok(Exchange {
                status,
                header,
                body: value.to_string(),
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

fn register_json(engine: &mut Engine) {
    engine.register_type_with_name::<CkJsonObject>("CkJsonObject");
    engine.register_fn("UpdateString", |j: &mut CkJsonObject, p: &str, v: &str| {
        j.write(p, Value::String(v.to_string()))
    });
    engine.register_fn("UpdateInt", |j: &mut CkJsonObject, p: &str, v: INT| {
        j.write(p, Value::Number(v.into()))
    });
    engine.register_fn("UpdateBool", |j: &mut CkJsonObject, p: &str, v: bool| {
        j.write(p, Value::Bool(v))
    });
    engine.register_fn("UpdateNumber", |j: &mut CkJsonObject, p: &str, v: &str| {
        let n = number_from_text(v).map_err(fail)?;
        j.write(p, Value::Number(n))
    });
    engine.register_fn("UpdateNumber", |j: &mut CkJsonObject, p: &str, v: INT| {
        j.write(p, Value::Number(v.into()))
    });
    engine.register_fn(
        "UpdateNumber",
        |j: &mut CkJsonObject, p: &str, v: FLOAT| -> Result<bool> {
            let n = serde_json::Number::from_f64(v)
                .ok_or_else(|| fail(DocError::NotANumber(v.to_string())))?;
            j.write(p, Value::Number(n))
        },
    );
    engine.register_fn("UpdateNull", |j: &mut CkJsonObject, p: &str| {
        j.write(p, Value::Null)
    });
    engine.register_fn("UpdateNewObject", |j: &mut CkJsonObject, p: &str| {
        j.write(p, Value::Object(serde_json::Map::new()))
    });
    engine.register_fn("UpdateNewArray", |j: &mut CkJsonObject, p: &str| {
        j.write(p, Value::Array(Vec::new()))
    });
    engine.register_fn("StringOf", |j: &mut CkJsonObject, p: &str| {
        j.0.borrow().0.string_of(p).map_err(fail)
    });
    engine.register_fn("IntOf", |j: &mut CkJsonObject, p: &str| -> Result<INT> {
        j.0.borrow().0.int_of(p).map_err(fail)
    });
    engine.register_fn("BoolOf", |j: &mut CkJsonObject, p: &str| {
        j.0.borrow().0.bool_of(p).map_err(fail)
    });
    engine.register_fn(
        "SizeOfArray",
        |j: &mut CkJsonObject, p: &str| -> Result<INT> {
            j.0.borrow().0.size_of_array(p).map_err(fail)
        },
    );
    engine.register_fn("HasMember", |j: &mut CkJsonObject, p: &str| {
        j.0.borrow().0.has_member(p).map_err(fail)
    });
    engine.register_fn("Delete", |j: &mut CkJsonObject, p: &str| {
        j.0.borrow_mut().0.delete(p).map_err(fail)
    });
    engine.register_fn("Emit", |j: &mut CkJsonObject| j.emit());
    engine.register_fn("EmitSb", |j: &mut CkJsonObject, sb: CkStringBuilder| {
        sb.0.borrow_mut().push_str(&j.emit());
        true
    });
    engine.register_fn("Load", |j: &mut CkJsonObject, text: &str| j.load(text));
    engine.register_fn("LoadSb", |j: &mut CkJsonObject, sb: CkStringBuilder| {
        let text = sb.0.borrow().clone();
        j.load(&text)
    });
    engine.register_fn("to_string", |j: &mut CkJsonObject| j.emit());
    engine.register_fn("emit", |j: &mut CkJsonObject| j.emit());
    engine.register_fn("stringOf", |j: &mut CkJsonObject, p: &str| {
        j.0.borrow().0.string_of(p).map_err(fail)
    });
    engine.register_fn("intOf", |j: &mut CkJsonObject, p: &str| -> Result<INT> {
        j.0.borrow().0.int_of(p).map_err(fail)
    });
    engine.register_fn("boolOf", |j: &mut CkJsonObject, p: &str| {
        j.0.borrow().0.bool_of(p).map_err(fail)
    });
    engine.register_fn(
        "sizeOfArray",
        |j: &mut CkJsonObject, p: &str| -> Result<INT> {
            j.0.borrow().0.size_of_array(p).map_err(fail)
        },
    );
    engine.register_get("LastErrorText", |_: &mut CkJsonObject| String::new());
    macro_rules! index {
        ($name:literal, $field:ident) => {
            engine.register_get_set(
                $name,
                |j: &mut CkJsonObject| j.0.borrow().0.$field,
                |j: &mut CkJsonObject, v: INT| j.0.borrow_mut().0.$field = v,
            );
        };
    }
    index!("I", i);
    index!("J", j);
    index!("K", k);
    engine.register_get("DelimiterChar", |j: &mut CkJsonObject| {
        j.0.borrow().0.delimiter.to_string()
    });
    engine.register_set(
        "DelimiterChar",
        |j: &mut CkJsonObject, v: ImmutableString| -> Result<()> {
            j.0.borrow_mut().0.set_delimiter(&v).map_err(fail)
        },
    );
    engine.register_get_set(
        "EmitCompact",
        |j: &mut CkJsonObject| j.0.borrow().1,
        |j: &mut CkJsonObject, v: bool| j.0.borrow_mut().1 = v,
    );
}

fn register_sb(engine: &mut Engine) {
    engine.register_type_with_name::<CkStringBuilder>("CkStringBuilder");
    engine.register_fn("Append", |sb: &mut CkStringBuilder, s: &str| {
        sb.0.borrow_mut().push_str(s);
        true
    });
    engine.register_fn("GetAsString", |sb: &mut CkStringBuilder| {
        sb.0.borrow().clone()
    });
    engine.register_fn("getAsString", |sb: &mut CkStringBuilder| {
        sb.0.borrow().clone()
    });
    engine.register_fn("Clear", |sb: &mut CkStringBuilder| {
        sb.0.borrow_mut().clear()
    });
    engine.register_fn("to_string", |sb: &mut CkStringBuilder| {
        sb.0.borrow().clone()
    });
    engine.register_get("Length", |sb: &mut CkStringBuilder| {
        sb.0.borrow().chars().count() as INT
    });
}

fn register_auth(engine: &mut Engine) {
    engine.register_type_with_name::<CkAuthAws>("CkAuthAws");
    engine.register_get("Region", |a: &mut CkAuthAws| a.0.borrow().0.clone());
    engine.register_set("Region", |a: &mut CkAuthAws, v: ImmutableString| {
        a.0.borrow_mut().0 = v.to_string()
    });
    engine.register_get("ServiceName", |a: &mut CkAuthAws| a.0.borrow().1.clone());
    engine.register_set("ServiceName", |a: &mut CkAuthAws, v: ImmutableString| {
        a.0.borrow_mut().1 = v.to_string()
    });
    // Keys come from the AWS chain; whatever a script sets is dropped, never stored or shown.
    for key in ["AccessKey", "SecretKey"] {
        engine.register_get(key, |_: &mut CkAuthAws| String::new());
        engine.register_set(key, |_: &mut CkAuthAws, _: ImmutableString| {});
    }
}

fn register_rest(engine: &mut Engine) {
    engine.register_type_with_name::<CkRest>("CkRest");
    engine.register_fn(
        "Connect",
        |r: &mut CkRest, host: &str, _port: INT, _tls: bool, _reconnect: bool| {
            r.state.borrow_mut().host = host.to_string();
            true
        },
    );
    engine.register_fn("SetAuthAws", |r: &mut CkRest, a: CkAuthAws| {
        r.state.borrow_mut().auth = Some(a);
        true
    });
    engine.register_fn("AddHeader", |r: &mut CkRest, name: &str, value: &str| {
        r.state
            .borrow_mut()
            .headers
            .push((name.to_string(), value.to_string()));
        true
    });
    engine.register_fn("ClearAllHeaders", |r: &mut CkRest| {
        r.state.borrow_mut().headers.clear();
        true
    });
    engine.register_fn(
        "FullRequestSb",
        |ctx: NativeCallContext,
         r: &mut CkRest,
         _verb: &str,
         _path: &str,
         req: CkStringBuilder,
         resp: CkStringBuilder|
         -> Result<bool> {
            let body = req.0.borrow().clone();
            let (ok, out) = r.send(&ctx, &body)?;
            *resp.0.borrow_mut() = out;
            Ok(ok)
        },
    );
    engine.register_fn(
        "FullRequestString",
        |ctx: NativeCallContext,
         r: &mut CkRest,
         _verb: &str,
         _path: &str,
         body: &str|
         -> Result<String> { Ok(r.send(&ctx, body)?.1) },
    );
    // Each getter as a property and in the other spellings Chilkat ships
    // (`get_X()`, `X()`, `x()`).
    macro_rules! getter {
        ($ty:ty, $prop:literal, [$($alias:literal),*], $f:expr) => {
            engine.register_get($prop, $f);
            $(engine.register_fn($alias, $f);)*
        };
    }
    getter!(
        CkRest,
        "ResponseStatusCode",
        [
            "get_ResponseStatusCode",
            "ResponseStatusCode",
            "responseStatusCode"
        ],
        |r: &mut CkRest| r.state.borrow().status
    );
    getter!(
        CkRest,
        "LastErrorText",
        ["get_LastErrorText", "LastErrorText", "lastErrorText"],
        |r: &mut CkRest| r.state.borrow().last_error.clone()
    );
    getter!(
        CkRest,
        "ResponseHeader",
        ["get_ResponseHeader", "ResponseHeader", "responseHeader"],
        |r: &mut CkRest| r.state.borrow().response_header.clone()
    );
    getter!(
        CkRest,
        "ConnectFailReason",
        [
            "get_ConnectFailReason",
            "ConnectFailReason",
            "connectFailReason"
        ],
        |r: &mut CkRest| r.state.borrow().connect_fail
    );
    getter!(
        CkRest,
        "LastMethodSuccess",
        [
            "get_LastMethodSuccess",
            "LastMethodSuccess",
            "lastMethodSuccess"
        ],
        |r: &mut CkRest| r.state.borrow().last_success
    );
}

/// Registers the four Chilkat classes; `CkRest` sends with `cognito`. With `region_override`
/// (`--region` given) the user's region wins over the program's AuthAws region and host.
pub fn register(reg: &mut Registrar<'_>, cognito: Cognito, region_override: bool) {
    reg.func(
        global(
            "CkJsonObject",
            "CkJsonObject()",
            "Chilkat's JSON object for ported programs (UpdateString, StringOf, Emit, …)",
        ),
        CkJsonObject::new,
    );
    reg.func(
        global(
            "CkStringBuilder",
            "CkStringBuilder()",
            "Chilkat's string builder (Append, GetAsString, …)",
        ),
        || CkStringBuilder(Rc::new(RefCell::new(String::new()))),
    );
    reg.func(
        global(
            "CkAuthAws",
            "CkAuthAws()",
            "Chilkat's AWS signing settings (Region, ServiceName; keys come from the AWS chain)",
        ),
        CkAuthAws::default,
    );
    reg.func(
        global(
            "CkRest",
            "CkRest() / CkRest(client)",
            "Chilkat's REST object: Connect, AddHeader, FullRequestSb send through pooler's client (or `client`)",
        ),
        move || CkRest {
            state: Rc::new(RefCell::new(RestState::default())),
            cognito: cognito.clone(),
            region_override,
        },
    )
    // A CkRest that sends through another client (`cognito.with(#{ lenient: true })`).
    .or(move |client: Cognito| CkRest {
        state: Rc::new(RefCell::new(RestState::default())),
        cognito: client,
        region_override,
    });
    let engine = reg.engine();
    register_json(engine);
    register_sb(engine);
    register_auth(engine);
    register_rest(engine);
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
