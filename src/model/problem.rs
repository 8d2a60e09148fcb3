//! Validation findings: what is wrong, where in the input, and how bad.

use std::fmt;

/// How bad a [`Problem`] is: errors stop the call, warnings are shown (or are errors
/// under `--strict`).
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
        }
    }

    pub fn warning(path: &str, message: String) -> Problem {
        Problem {
            severity: Severity::Warning,
            path: path.to_string(),
            message,
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
