//! A [`CallError`] as a script sees it: an interruption ends the evaluation; anything else is
//! thrown as a catchable map with the documented fields (`type`, `message`, `status`,
//! `request_id`, `operation`, `retryable`, plus `errors` for validation and `refused` for
//! `ensure_*`) and `exit_code`, the status the process ends with if nothing catches it.

use rhai::{Array, Dynamic, EvalAltResult, INT, Map as RhaiMap, Position};

use super::convert::to_dynamic;
use crate::aws::AwsError;
use crate::secrets::Secrets;
use crate::service::CallError;

/// The Rhai error for a failed call.
pub fn thrown(err: CallError, secrets: &Secrets) -> Box<EvalAltResult> {
    if let CallError::Interrupted { code } = err {
        return EvalAltResult::ErrorTerminated(Dynamic::from_int(INT::from(code)), Position::NONE)
            .into();
    }
    EvalAltResult::ErrorRuntime(Dynamic::from_map(error_map(&err, secrets)), Position::NONE).into()
}

/// The map a script catches.
pub fn error_map(err: &CallError, secrets: &Secrets) -> RhaiMap {
    let mut map = RhaiMap::new();
    map.insert("type".into(), err.kind().to_string().into());
    map.insert("message".into(), err.message().into());
    map.insert("operation".into(), err.operation().to_string().into());
    map.insert("retryable".into(), err.retryable().into());
    map.insert(
        "exit_code".into(),
        Dynamic::from_int(INT::from(err.exit_code())),
    );
    let (mut status, mut request_id) = (Dynamic::UNIT, Dynamic::UNIT);
    match err {
        CallError::Aws {
            error,
            endpoint,
            attempts,
            ..
        } => {
            if let Some(s) = error.status() {
                status = Dynamic::from_int(INT::from(s));
            }
            if let AwsError::Service {
                request_id: Some(id),
                ..
            } = error.as_ref()
            {
                request_id = id.clone().into();
            }
            if !endpoint.is_empty() {
                map.insert("endpoint".into(), endpoint.clone().into());
            }
            if *attempts > 0 {
                map.insert("attempts".into(), Dynamic::from_int(*attempts as INT));
            }
        }
        CallError::Validation { problems, .. } => {
            let list: Array = problems
                .iter()
                .map(|p| {
                    let mut m = RhaiMap::new();
                    m.insert("path".into(), p.path.clone().into());
                    m.insert("message".into(), p.message.clone().into());
                    Dynamic::from_map(m)
                })
                .collect();
            map.insert("errors".into(), Dynamic::from_array(list));
        }
        CallError::Refused { refused, .. } => {
            let list: Array = refused.iter().map(|c| change_map(c, secrets)).collect();
            map.insert("refused".into(), Dynamic::from_array(list));
        }
        _ => {}
    }
    map.insert("status".into(), status);
    map.insert("request_id".into(), request_id);
    map
}

/// `#{path, from, to}` with secret values hidden.
pub fn change_map(c: &crate::service::ensure::Change, secrets: &Secrets) -> Dynamic {
    let mut m = RhaiMap::new();
    m.insert("path".into(), c.path.clone().into());
    m.insert(
        "from".into(),
        to_dynamic(&secrets.value_at(&c.path, &c.from)),
    );
    m.insert("to".into(), to_dynamic(&secrets.value_at(&c.path, &c.to)));
    Dynamic::from_map(m)
}
