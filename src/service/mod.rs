//! The call service (no Rhai): what every call goes through on its way to Cognito. So far the
//! quota pacing; the pipeline itself lands here with the call-path issue.

pub mod pace;
