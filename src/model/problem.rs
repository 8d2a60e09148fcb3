//! Validation findings: what is wrong, where in the input, and how bad.

use std::fmt;

/// How bad a [`Problem`] is: errors stop the call, warnings are shown (or are errors
/// under `--strict`). An unknown member is an error that `--lenient` makes a warning
/// ([`Problem::unknown_member`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding of [`Model::validate`](super::Model::validate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// JSON path of the offending value, e.g. `Schema[3].StringAttributeConstraints.MaxLength`;
    /// empty for the input as a whole.
    pub path: String,
    pub message: String,
    /// A member the model does not know: an error, a warning for a lenient client.
    pub unknown_member: bool,
}

impl Problem {
    /// `path: message`, or the message alone for the input as a whole.
    pub fn line(&self) -> String {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.path, self.message)
        }
    }

    pub fn error(path: &str, message: String) -> Problem {
        Problem {
            severity: Severity::Error,
            path: path.to_string(),
            message,
            unknown_member: false,
        }
    }

    /// A member the model does not know (boto3 refuses it too).
    pub fn unknown(path: &str, message: String) -> Problem {
        Problem {
            unknown_member: true,
            ..Problem::error(path, message)
        }
    }

    /// The same finding as a warning: what a lenient client tells and sends.
    pub fn leniently(self) -> Problem {
        if self.unknown_member {
            Problem {
                severity: Severity::Warning,
                ..self
            }
        } else {
            self
        }
    }

    pub fn warning(path: &str, message: String) -> Problem {
        Problem {
            severity: Severity::Warning,
            path: path.to_string(),
            message,
            unknown_member: false,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.severity, self.message)
        } else {
            write!(f, "{}: {}: {}", self.severity, self.path, self.message)
        }
    }
}
