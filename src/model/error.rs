//! Errors from loading a model file (embedded or given with `--model FILE`).

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The text is not JSON, or not shaped like a botocore model.
    #[error("{file}: {message} at line {line}, column {column}")]
    Json {
        /// `service-2.json` or `paginators-1.json`.
        file: &'static str,
        line: usize,
        column: usize,
        message: String,
    },
    /// A metadata field the client needs is absent.
    #[error("service-2.json: metadata has no `{field}`")]
    MissingMetadata { field: &'static str },
    /// The model speaks a protocol this client does not.
    #[error("service-2.json: protocol `{protocol}` is not supported (only `json`)")]
    UnsupportedProtocol { protocol: String },
    /// A shape is referenced but never defined.
    #[error("service-2.json: shape `{shape}` (used by {used_by}) is not defined")]
    UnknownShape { shape: String, used_by: String },
    /// A shape is defined but incomplete (e.g. a list without `member`).
    #[error("service-2.json: shape `{shape}` {reason}")]
    InvalidShape { shape: String, reason: String },
}

impl ModelError {
    pub(crate) fn json(file: &'static str, e: &serde_json::Error) -> ModelError {
        let full = e.to_string();
        // serde_json appends " at line L column C"; keep only the description.
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        let message = if e.is_data() {
            format!("not a botocore model: {message}")
        } else {
            message
        };
        ModelError::Json {
            file,
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}
