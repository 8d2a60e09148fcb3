//! Which operations only read. `pooler plan` sends these and reports every other call instead
//! of making it. The list is explicit and checked against the model: an operation that is in
//! neither list fails the test, so a new operation is classified by a person, not by its name
//! (`GetUserAttributeVerificationCode` messages the user; `GetTokensFromRefreshToken` mints
//! tokens: both look like reads and are not).

use crate::model::Operation;

/// Operations without side effects.
pub const READ_ONLY: &[&str] = &[
    "AdminGetDevice",
    "AdminGetUser",
    "AdminGetUserAuthFactors",
    "AdminListDevices",
    "AdminListGroupsForUser",
    "AdminListUserAuthEvents",
    "AdminListUserSessions",
    "DescribeCIMDPolicy",
    "DescribeIdentityProvider",
    "DescribeManagedLoginBranding",
    "DescribeManagedLoginBrandingByClient",
    "DescribePointInTimeRecovery",
    "DescribeResourceServer",
    "DescribeRiskConfiguration",
    "DescribeTerms",
    "DescribeTermsByClient",
    "DescribeUserImportJob",
    "DescribeUserPool",
    "DescribeUserPoolClient",
    "DescribeUserPoolDomain",
    "GetCSVHeader",
    "GetDevice",
    "GetGroup",
    "GetIdentityProviderByIdentifier",
    "GetLogDeliveryConfiguration",
    "GetProvisionedLimit",
    "GetSigningCertificate",
    "GetUICustomization",
    "GetUser",
    "GetUserAuthFactors",
    "GetUserPoolClientSessionConfiguration",
    "GetUserPoolMfaConfig",
    "GetUserPoolSessionConfiguration",
    "ListCIMDPolicies",
    "ListClientMetadataURLs",
    "ListDevices",
    "ListGroups",
    "ListIdentityProviders",
    "ListPointInTimeRecoveries",
    "ListResourceServers",
    "ListTagsForResource",
    "ListTerms",
    "ListUserImportJobs",
    "ListUserPoolClientSecrets",
    "ListUserPoolClients",
    "ListUserPoolReplicas",
    "ListUserPools",
    "ListUserSessions",
    "ListUsers",
    "ListUsersInGroup",
    "ListWebAuthnCredentials",
];

/// Operations that look like reads by name but change something: never sent by a plan.
pub const READ_NAMED_WRITES: &[&str] = &[
    "GetClientToken",
    "GetDerivedToken",
    "GetTokensFromRefreshToken",
    "GetUserAttributeVerificationCode",
];

/// Whether `op` only reads (a plan sends it).
pub fn is_read_only(op: &Operation) -> bool {
    READ_ONLY.binary_search(&op.name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    /// Every operation of the model is classified: in READ_ONLY, or a write. A write whose name
    /// starts like a read must be listed in READ_NAMED_WRITES, so nobody classifies by prefix.
    #[test]
    fn every_operation_is_classified() {
        let mut sorted = READ_ONLY.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, READ_ONLY, "READ_ONLY must stay sorted");
        let model = Model::embedded();
        for name in READ_ONLY.iter().chain(READ_NAMED_WRITES) {
            assert!(
                model.operation(name).is_some(),
                "{name} is not in the model"
            );
        }
        let read_like = ["Describe", "List", "Get", "AdminGet", "AdminList"];
        for op in model.operations() {
            let looks_read = read_like.iter().any(|p| op.name.starts_with(p));
            let listed = is_read_only(op) || READ_NAMED_WRITES.contains(&op.name);
            assert!(
                !looks_read || listed,
                "{} looks like a read: add it to READ_ONLY or READ_NAMED_WRITES",
                op.name
            );
            assert!(
                looks_read || !is_read_only(op),
                "{} is listed as read-only; check it really has no side effects",
                op.name
            );
        }
        for name in READ_NAMED_WRITES {
            assert!(!is_read_only(model.operation(name).unwrap()));
        }
    }
}
