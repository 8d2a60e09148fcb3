//! Rhai bindings only: Rhai values converted to and from JSON, and script functions registered
//! in one registry (`registry`). Every call to Cognito goes through `crate::service`.

pub mod chilkat;
pub mod cognito;
pub mod convert;
pub mod date;
pub mod definitions;
pub mod error;
pub mod import;
pub mod json;
pub mod member_hint;
pub mod missing;
pub mod output;
pub mod reference;
pub mod registry;
pub mod tokens;
pub mod util;
