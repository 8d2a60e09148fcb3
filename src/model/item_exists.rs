//! Which errors mean "the very item this call creates is there already", so a bulk run can
//! count it as already there instead of failed.

use super::Operation;

/// The exact names of the errors a create answers when the item it names exists: the user
/// (AdminCreateUser, SignUp), the group, the identity provider, the device, the terms, the
/// branding. Errors about something else that exists (AliasExistsException: another user holds
/// the email or phone number) are not here.
pub(crate) const ITEM_EXISTS: &[&str] = &[
    "UsernameExistsException",
    "GroupExistsException",
    "DuplicateProviderException",
    "DeviceKeyExistsException",
    "TermsExistsException",
    "ManagedLoginBrandingExistsException",
];

impl Operation {
    /// Whether `kind` is an error the model lists for this operation that means the item
    /// itself exists (UsernameExistsException for AdminCreateUser, GroupExistsException for
    /// CreateGroup).
    pub fn says_item_exists(&self, kind: &str) -> bool {
        ITEM_EXISTS.contains(&kind) && self.errors.contains(&kind)
    }
}
