//! `pooler export`: a live user pool as a deterministic Rhai script of `ensure_*` calls, and its
//! users as a CSV file in the import job's layout. Talks to Cognito only through [`Caller`], the
//! narrow seam that the call pipeline replaces.

pub mod clean;
pub mod read;
pub mod script;
pub mod script_values;
pub mod state;
pub mod users;

use serde_json::Value;

pub use super::CallError;

/// One Cognito operation by name: validated, signed, sent (or dry-run), answered as JSON.
/// The call service implements it (every export and import call goes through the one
/// pipeline); tests give fakes.
pub trait Caller {
    fn call(&self, operation: &str, input: Value) -> Result<Value, CallError>;
    /// A call that must go out even after Ctrl-C (stopping an import job).
    fn call_after_interrupt(&self, operation: &str, input: Value) -> Result<Value, CallError> {
        self.call(operation, input)
    }
}

impl Caller for super::Service {
    fn call(&self, operation: &str, input: Value) -> Result<Value, CallError> {
        let op = self.operation(operation)?;
        super::Service::call(self, op, &input, &super::CallOptions::default())
    }

    fn call_after_interrupt(&self, operation: &str, input: Value) -> Result<Value, CallError> {
        let op = self.operation(operation)?;
        // Deaf to the run's interrupt: a cleanup call goes out although Ctrl-C was pressed.
        let deaf = crate::interrupt::Interrupt::new();
        let options = super::CallOptions::default().interrupt(&deaf);
        super::Service::call(self, op, &input, &options)
    }
}

/// The whole export script of pool `id`.
pub fn export_script(
    caller: &dyn Caller,
    model: &crate::model::Model,
    id: &str,
) -> Result<String, CallError> {
    let pool = read::read(caller, id)?;
    Ok(script::script(model, &pool))
}
