//! `pooler export`: a live user pool as a deterministic Rhai script of `ensure_*` calls, and its
//! users as a CSV file in the import job's layout. Talks to Cognito only through [`Caller`], the
//! narrow seam that the call pipeline replaces.

pub mod adapter;
pub mod clean;
pub mod read;
pub mod rhai_text;
pub mod script;
pub mod users;

use serde_json::Value;

/// A failed call: the error type (`ResourceNotFoundException`, `ValidationError`,
/// `NetworkError`, …) and a message without secrets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallFailure {
    pub kind: String,
    pub message: String,
}

impl std::fmt::Display for CallFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl CallFailure {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        Self {
            kind: kind.to_string(),
            message: message.into(),
        }
    }

    /// The documented exit code for this failure class.
    pub fn exit_code(&self) -> i32 {
        match self.kind.as_str() {
            "ValidationError" => crate::exit::VALIDATION,
            "NetworkError" | "TimeoutError" | "CredentialsError" | "EndpointError" => {
                crate::exit::NETWORK
            }
            "Interrupted" => crate::exit::INTERRUPTED,
            _ => crate::exit::SERVICE,
        }
    }
}

/// One Cognito operation by name: validated, signed, sent (or dry-run), answered as JSON.
pub trait Caller {
    fn call(&self, operation: &str, input: Value) -> Result<Value, CallFailure>;
}

/// The whole export script of pool `id`.
pub fn export_script(
    caller: &dyn Caller,
    model: &crate::model::Model,
    id: &str,
) -> Result<String, CallFailure> {
    let pool = read::read(caller, id)?;
    Ok(script::script(model, &pool))
}
