//! `CallError`: everything a call through the service can end in, typed from the AWS client up
//! to the exit status. Each variant knows its exit code; nothing is classified by its spelling.

use crate::aws::AwsError;
use crate::exit;
use crate::model::Problem;

use super::ensure::Change;

/// Why a call (or a bulk, paginate or ensure_* run) did not give a response.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// The name is not an operation of the model.
    #[error("`{name}` is not a Cognito operation{hint}")]
    UnknownOperation { name: String, hint: String },
    /// `cognito.<name>(…)` where the name is no operation and no helper.
    #[error("`cognito.{name}` is no operation or helper{hint}")]
    UnknownMethod { name: String, hint: String },
    /// The input cannot be sent (not a map, not JSON, a bad option).
    #[error("{context}: {message}")]
    BadInput { context: String, message: String },
    /// The request failed validation against the model; nothing was sent.
    #[error("{operation}: the request is invalid, nothing was sent: {}", problems_text(.problems))]
    Validation {
        operation: String,
        problems: Vec<Problem>,
    },
    /// The AWS client failed: the service said no, or no answer came.
    #[error("{operation} failed: {error}")]
    Aws {
        operation: String,
        error: Box<AwsError>,
        endpoint: String,
        attempts: usize,
    },
    /// `ensure_*` found changes the service cannot make; nothing was changed.
    #[error("{function}: {message}")]
    Refused {
        function: String,
        message: String,
        refused: Vec<Change>,
    },
    /// `ensure_*` could not go on (e.g. two pools with one name, a required name missing).
    #[error("{function}: {message}")]
    Ensure { function: String, message: String },
    /// The model in use lacks an operation a helper needs (a `--model FILE` that is too old).
    #[error(
        "{needed_by} needs the operation {operation}, which the model in use does not have (check --model)"
    )]
    ModelLacks {
        operation: String,
        needed_by: String,
    },
    /// A record of the run (transcript, resume file) could not be written.
    #[error("cannot write {what}: {message}")]
    Output { what: String, message: String },
    /// Ctrl-C (130) or SIGTERM (143) stopped the call.
    #[error("interrupted")]
    Interrupted { code: i32 },
}

impl CallError {
    /// The process exit code when nothing catches this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CallError::UnknownOperation { .. } | CallError::UnknownMethod { .. } => exit::USAGE,
            CallError::BadInput { .. }
            | CallError::Ensure { .. }
            | CallError::ModelLacks { .. } => exit::RUNTIME,
            CallError::Validation { .. } => exit::VALIDATION,
            CallError::Output { .. } => exit::FAILURE,
            CallError::Refused { .. } => exit::SERVICE,
            CallError::Aws { error, .. } => aws_exit_code(error),
            CallError::Interrupted { code } => *code,
        }
    }

    /// The `type` a script sees: the service's error code, `ValidationError`, `ChangeRefused`, …
    pub fn kind(&self) -> &str {
        match self {
            CallError::UnknownOperation { .. } | CallError::UnknownMethod { .. } => {
                "UnknownOperation"
            }
            CallError::BadInput { .. } => "BadInput",
            CallError::Validation { .. } => "ValidationError",
            CallError::Aws { error, .. } => error.kind(),
            CallError::Refused { .. } => "ChangeRefused",
            CallError::Ensure { .. } => "EnsureError",
            CallError::ModelLacks { .. } => "ModelError",
            CallError::Output { .. } => "OutputError",
            CallError::Interrupted { .. } => "Interrupted",
        }
    }

    /// The operation (or helper) the error belongs to.
    pub fn operation(&self) -> &str {
        match self {
            CallError::UnknownOperation { name, .. } | CallError::UnknownMethod { name, .. } => {
                name
            }
            CallError::BadInput { context, .. } => context,
            CallError::Validation { operation, .. }
            | CallError::Aws { operation, .. }
            | CallError::ModelLacks { operation, .. } => operation,
            CallError::Refused { function, .. } | CallError::Ensure { function, .. } => function,
            CallError::Output { .. } | CallError::Interrupted { .. } => "",
        }
    }

    /// The message: a service's own message without its type; for errors of the script's
    /// making (bad input, ensure_*), the whole sentence with the function in front.
    pub fn message(&self) -> String {
        match self {
            CallError::Aws { error, .. } => match error.as_ref() {
                AwsError::Service { message, .. } => message.clone(),
                other => other.to_string(),
            },
            CallError::Refused { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }

    /// Whether trying again might help.
    pub fn retryable(&self) -> bool {
        matches!(self, CallError::Aws { error, .. } if error.retryable())
    }

    /// The error for an interruption, with the code the interrupt asked for.
    pub fn interrupted(interrupt: &crate::interrupt::Interrupt) -> Self {
        CallError::Interrupted {
            code: interrupt.exit_code(),
        }
    }

    pub fn bad_input(context: impl Into<String>, message: impl Into<String>) -> Self {
        CallError::BadInput {
            context: context.into(),
            message: message.into(),
        }
    }
}

/// `path: message; path: message`.
fn problems_text(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::line)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Service answers exit 6; no answer (network, timeout, credentials, endpoint) exits 7.
fn aws_exit_code(error: &AwsError) -> i32 {
    match error {
        AwsError::Service { .. } | AwsError::InvalidResponse { .. } => exit::SERVICE,
        AwsError::Network { .. }
        | AwsError::ProxyRefused { .. }
        | AwsError::Timeout { .. }
        | AwsError::Credentials { .. }
        | AwsError::Region { .. }
        | AwsError::Endpoint { .. } => exit::NETWORK,
        AwsError::Interrupted => exit::INTERRUPTED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aws(error: AwsError) -> CallError {
        CallError::Aws {
            operation: "DescribeUserPool".into(),
            error: Box::new(error),
            endpoint: String::new(),
            attempts: 1,
        }
    }

    #[test]
    fn every_aws_error_has_its_documented_exit_code() {
        let service = AwsError::Service {
            kind: "NotAuthorizedException".into(),
            message: "no".into(),
            status: 400,
            request_id: None,
            retryable: false,
        };
        assert_eq!(aws(service).exit_code(), exit::SERVICE);
        let invalid = AwsError::InvalidResponse {
            status: 200,
            message: "html".into(),
        };
        assert_eq!(aws(invalid).exit_code(), exit::SERVICE);
        for e in [
            AwsError::Network {
                kind: crate::aws::NetworkKind::Refused,
                message: "refused".into(),
            },
            AwsError::Timeout {
                after: std::time::Duration::from_secs(1),
            },
            AwsError::Credentials {
                message: "none".into(),
            },
            AwsError::Region {
                message: "none".into(),
            },
            AwsError::Endpoint {
                message: "bad".into(),
            },
        ] {
            assert_eq!(aws(e).exit_code(), exit::NETWORK);
        }
        let validation = CallError::Validation {
            operation: "CreateUserPool".into(),
            problems: Vec::new(),
        };
        assert_eq!(validation.exit_code(), exit::VALIDATION);
        assert_eq!(validation.kind(), "ValidationError");
        assert_eq!(
            CallError::Interrupted { code: 143 }.exit_code(),
            exit::TERMINATED
        );
    }
}
