//! Operation names in snake case, exactly as boto3 spells its client methods.
//!
//! boto3 derives method names from API names with three rewriting steps, reproduced here
//! without regex so that loading stays fast:
//! 1. a trailing run of two or more capitals followed by `s` (`…ARNs`) becomes `_arns`;
//! 2. `(.)([A-Z][a-z]+)` becomes `\1_\2` (scanning left to right, without overlap);
//! 3. `([a-z0-9])([A-Z])` becomes `\1_\2`, then everything is lower-cased;
//!
//! and finally a few fixed fragments are renamed (`ipv_6` → `ipv6`, …).
//! Names that already contain `_` are returned unchanged.

/// `CreateUserPool` → `create_user_pool`, `GetCSVHeader` → `get_csv_header`.
pub fn xform_name(name: &str) -> String {
    if name.contains('_') {
        return name.to_string();
    }
    let mut chars: Vec<char> = name.chars().collect();
    if let Some(start) = plural_acronym_start(&chars) {
        let tail: Vec<char> = chars[start..]
            .iter()
            .flat_map(|c| c.to_lowercase())
            .collect();
        chars.truncate(start);
        chars.push('_');
        chars.extend(tail);
    }
    let step1 = split_before_words(&chars);
    let step2 = split_lower_upper(&step1);
    let mut out: String = step2.iter().flat_map(|c| c.to_lowercase()).collect();
    for (old, new) in [
        ("ipv-6", "ipv6"),
        ("ipv_6", "ipv6"),
        ("s_3_resources", "s3_resources"),
        ("s-3-resources", "s3-resources"),
    ] {
        if out.contains(old) {
            out = out.replace(old, new);
        }
    }
    out
}

/// Where `[A-Z]{2,}s$` first matches, if it does.
fn plural_acronym_start(chars: &[char]) -> Option<usize> {
    let (&last, rest) = chars.split_last()?;
    if last != 's' {
        return None;
    }
    let run = rest
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    (run >= 2).then(|| rest.len() - run)
}

/// `(.)([A-Z][a-z]+)` → `\1_\2`.
fn split_before_words(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let upper = chars.get(i + 1).is_some_and(|c| c.is_ascii_uppercase());
        let lowers = chars[(i + 2).min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        if c != '\n' && upper && lowers > 0 {
            out.push(c);
            out.push('_');
            out.extend_from_slice(&chars[i + 1..i + 2 + lowers]);
            i += 2 + lowers;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `([a-z0-9])([A-Z])` → `\1_\2`.
fn split_lower_upper(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next_upper = chars.get(i + 1).is_some_and(|c| c.is_ascii_uppercase());
        if (c.is_ascii_lowercase() || c.is_ascii_digit()) && next_upper {
            out.push(c);
            out.push('_');
            out.push(chars[i + 1]);
            i += 2;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::xform_name;

    #[test]
    fn boto3_method_names() {
        for (api, snake) in [
            ("CreateUserPool", "create_user_pool"),
            ("GetCSVHeader", "get_csv_header"),
            ("SetUICustomization", "set_ui_customization"),
            ("AdminListGroupsForUser", "admin_list_groups_for_user"),
            ("SetUserPoolMfaConfig", "set_user_pool_mfa_config"),
            ("AdminSetUserMFAPreference", "admin_set_user_mfa_preference"),
            ("ListCIMDPolicies", "list_cimd_policies"),
            ("ListClientMetadataURLs", "list_client_metadata_urls"),
            (
                "UpdateClientMetadataURLState",
                "update_client_metadata_url_state",
            ),
            ("DescribeARNs", "describe_arns"),
            ("AssignIpv6Addresses", "assign_ipv6_addresses"),
            ("ListS3Resources", "list_s3_resources"),
            ("already_snake", "already_snake"),
            ("ABCs", "_abcs"),
            ("Xs", "xs"),
            ("GetHTTPSUrl", "get_https_url"),
            ("A1B", "a1_b"),
            ("", ""),
        ] {
            assert_eq!(xform_name(api), snake, "{api}");
        }
    }
}
