//! Errors the service returns that the vendored botocore model does not list for an operation,
//! added to the operation's `errors` when the model is loaded (the embedded one and
//! `--model FILE` alike), so everything that reads the model's errors sees them.

/// `(operation, error shape)`: each pair is added when both exist in the model and the
/// operation does not list the error already.
///
/// - AdminCreateUser / AliasExistsException: in a pool that signs in with email or phone as an
///   alias, creating a user whose verified email or phone number another user holds is
///   answered AliasExistsException ("An account with the email already exists."), the error the
///   model's own documentation describes ("an account with this email address or phone already
///   exists in a user pool that you've configured to use email address or phone number as a
///   sign-in alias"), though the model lists it only for the operations that confirm or update
///   attributes.
pub(crate) const OMITTED_ERRORS: &[(&str, &str)] = &[("AdminCreateUser", "AliasExistsException")];
