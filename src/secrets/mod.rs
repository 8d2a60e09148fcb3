//! The one secret policy, below every layer that shows a value (`aws`, `service`, `port`,
//! the REPL, frames): the name rules ([`names`]), the value rules, what looks like a key
//! ([`values`], [`text`]), and the model's sensitivity ([`Secrets`]). Every output that can
//! hold a request or response value asks here: transcripts, `-v`, error messages, thrown maps, plan and ensure diffs, the REPL's echo,
//! `eval`, code frames, the REPL history and port warnings.
//!
//! Two levels:
//! - [`Level::Strict`] (transcripts, `-v`, errors, diffs): every member the model marks
//!   `sensitive` (even `Username`), plus every credential.
//! - [`Level::Credentials`] (the REPL's and `eval`'s echo by default): credentials only, so the
//!   user's own data (user names, attributes) stays visible.
//!
//! A credential is a string value under a name that carries one, wherever it sits, including the
//! free-form maps the model cannot mark (`ProviderDetails.client_secret`, Apple's `private_key`,
//! `AuthParameters.PASSWORD`, `ChallengeResponses.NEW_PASSWORD`, `ChallengeParameters.SECRET_BLOCK`).
//!
//! Nothing else matches on secret names or values: `tests/layering.rs` fails when a module
//! outside this one compares a text with a credential's name.

pub mod echo;
pub mod names;
mod policy;
pub mod text;
pub mod values;

pub use names::{fold, is_credential_name, is_signed_url_name};
pub use policy::Secrets;

/// How much is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Credentials only: passwords, tokens, keys, secrets, one-time codes.
    Credentials,
    /// Credentials and every member the model marks sensitive.
    Strict,
}
