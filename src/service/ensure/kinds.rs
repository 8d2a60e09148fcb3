//! The resources `ensure_*` knows: which member names each one, which operations create, read
//! and update it, and which settings the service cannot change after creation.

/// How an `ensure_*` function finds, creates and updates one kind of resource.
pub struct Kind {
    /// The script function, e.g. `ensure_group`.
    pub function: &'static str,
    /// The desired member that names the resource (`PoolName`, `GroupName`, …).
    pub name_key: &'static str,
    /// `None` when the resource always exists (the MFA configuration).
    pub create: Option<&'static str>,
    pub update: &'static str,
    /// Members the update operation needs that identify the resource; never diffed.
    pub keys: &'static [&'static str],
    /// Top-level settings fixed at creation.
    pub immutable: &'static [&'static str],
}

pub const USER_POOL: Kind = Kind {
    function: "ensure_user_pool",
    name_key: "PoolName",
    create: Some("CreateUserPool"),
    update: "UpdateUserPool",
    keys: &["UserPoolId", "PoolName"],
    immutable: &[
        "UsernameAttributes",
        "AliasAttributes",
        "UsernameConfiguration",
    ],
};

pub const CLIENT: Kind = Kind {
    function: "ensure_user_pool_client",
    name_key: "ClientName",
    create: Some("CreateUserPoolClient"),
    update: "UpdateUserPoolClient",
    keys: &["UserPoolId", "ClientName"],
    immutable: &["GenerateSecret"],
};

pub const DOMAIN: Kind = Kind {
    function: "ensure_user_pool_domain",
    name_key: "Domain",
    create: Some("CreateUserPoolDomain"),
    update: "UpdateUserPoolDomain",
    keys: &["UserPoolId", "Domain"],
    immutable: &[],
};

pub const GROUP: Kind = Kind {
    function: "ensure_group",
    name_key: "GroupName",
    create: Some("CreateGroup"),
    update: "UpdateGroup",
    keys: &["UserPoolId", "GroupName"],
    immutable: &[],
};

pub const RESOURCE_SERVER: Kind = Kind {
    function: "ensure_resource_server",
    name_key: "Identifier",
    create: Some("CreateResourceServer"),
    update: "UpdateResourceServer",
    keys: &["UserPoolId", "Identifier"],
    immutable: &[],
};

pub const IDENTITY_PROVIDER: Kind = Kind {
    function: "ensure_identity_provider",
    name_key: "ProviderName",
    create: Some("CreateIdentityProvider"),
    update: "UpdateIdentityProvider",
    keys: &["UserPoolId", "ProviderName"],
    immutable: &["ProviderType"],
};

pub const MFA_CONFIG: Kind = Kind {
    function: "ensure_mfa_config",
    name_key: "UserPoolId",
    create: None,
    update: "SetUserPoolMfaConfig",
    keys: &["UserPoolId"],
    immutable: &[],
};

/// An app client's terms document, found by client and TermsName (ListTerms, DescribeTerms).
pub const TERMS: Kind = Kind {
    function: "ensure_terms",
    name_key: "TermsName",
    create: Some("CreateTerms"),
    update: "UpdateTerms",
    keys: &["UserPoolId", "ClientId", "TermsName"],
    immutable: &[],
};

/// An app client's managed login branding style, one per client
/// (DescribeManagedLoginBrandingByClient).
pub const BRANDING: Kind = Kind {
    function: "ensure_managed_login_branding",
    name_key: "ClientId",
    create: Some("CreateManagedLoginBranding"),
    update: "UpdateManagedLoginBranding",
    keys: &["UserPoolId", "ClientId"],
    immutable: &[],
};

pub const ALL: [&Kind; 9] = [
    &USER_POOL,
    &CLIENT,
    &DOMAIN,
    &GROUP,
    &RESOURCE_SERVER,
    &IDENTITY_PROVIDER,
    &MFA_CONFIG,
    &TERMS,
    &BRANDING,
];

/// The standard (OpenID Connect) attributes: a pool has them from creation or never.
pub const STANDARD_ATTRIBUTES: &[&str] = &[
    "address",
    "birthdate",
    "email",
    "email_verified",
    "family_name",
    "gender",
    "given_name",
    "identities",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "phone_number_verified",
    "picture",
    "preferred_username",
    "profile",
    "sub",
    "updated_at",
    "website",
    "zoneinfo",
];
