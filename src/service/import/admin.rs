//! `pooler import POOL FILE --method admin-create-user`: the users of a users CSV created one
//! by one with AdminCreateUser through the bulk machinery (`Service::each`: paced to the quota,
//! existing users skipped, resumable from `FILE.csv.done.jsonl`), for emulators, small pools
//! and accounts without the import job's CloudWatch role. No invitation is sent unless asked
//! (`MessageAction: SUPPRESS`).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{ImportError, Limits, csv_check};
use crate::service::Service;
use crate::service::bulk::{Opts, Summary};

/// The resume file of the AdminCreateUser run beside the CSV `csv`.
pub fn resume_path(csv: &Path) -> PathBuf {
    let mut name = csv.as_os_str().to_owned();
    name.push(".done.jsonl");
    PathBuf::from(name)
}

/// Columns that are not user attributes.
const NOT_ATTRIBUTES: &[&str] = &["cognito:username", "cognito:mfa_enabled"];

/// One row as an AdminCreateUser input: every non-empty column but the username and the MFA
/// flag is an attribute; a `*_verified` column is sent only when `true` and its attribute is
/// there.
fn input(pool_id: &str, header: &[String], row: &csv::StringRecord, invite: bool) -> Value {
    let value = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .and_then(|i| row.get(i))
            .filter(|v| !v.is_empty())
    };
    let mut attributes = Vec::new();
    for (column, v) in header.iter().zip(row.iter()) {
        if v.is_empty() || NOT_ATTRIBUTES.contains(&column.as_str()) {
            continue;
        }
        if let Some(base) = column.strip_suffix("_verified") {
            if !v.eq_ignore_ascii_case("true") || value(base).is_none() {
                continue;
            }
            attributes.push(json!({ "Name": column, "Value": "true" }));
            continue;
        }
        attributes.push(json!({ "Name": column, "Value": v }));
    }
    let mut input = json!({
        "UserPoolId": pool_id,
        "Username": value("cognito:username").unwrap_or_default(),
        "UserAttributes": attributes,
    });
    if invite {
        let medium = if value("email").is_some() {
            "EMAIL"
        } else {
            "SMS"
        };
        input["DesiredDeliveryMediums"] = json!([medium]);
    } else {
        input["MessageAction"] = "SUPPRESS".into();
    }
    input
}

/// Creates the users of `csv` in `pool_id`. The file is checked first (against GetCSVHeader's
/// columns when the service answers it, else the documented ones); nothing is sent when it is
/// wrong. `invite`: let Cognito send its invitation message.
pub fn create_users(
    service: &Service,
    pool_id: &str,
    csv: &Path,
    invite: bool,
) -> Result<(u64, Summary), ImportError> {
    let expected = if service.ctx.dry_run() {
        None
    } else {
        crate::service::export::Caller::call(
            service,
            "GetCSVHeader",
            json!({ "UserPoolId": pool_id }),
        )
        .ok()
        .and_then(|v| {
            v.get("CSVHeader").and_then(Value::as_array).map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
        })
        .filter(|cols| !cols.is_empty())
    };
    let layout =
        csv_check::check(csv, expected.as_deref(), Limits::default()).map_err(ImportError::File)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(csv)
        .map_err(|e| ImportError::File(format!("cannot read `{}`: {e}", csv.display())))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::File(format!("`{}`: {e}", csv.display())))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let inputs = reader
        .records()
        .map(|r| {
            r.map(|row| input(pool_id, &header, &row, invite))
                .map_err(|e| ImportError::File(format!("`{}`: {e}", csv.display())))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let records = !service.ctx.dry_run() && !service.ctx.planning();
    let resume = resume_path(csv);
    let mut opts = json!({ "key": "Username" });
    if records {
        opts["resume"] = resume.to_string_lossy().into_owned().into();
    }
    let opts = Opts::from_json(&opts).map_err(ImportError::Call)?;
    let op = service
        .operation("AdminCreateUser")
        .map_err(ImportError::Call)?;
    let summary = service
        .each(op, inputs, opts, None)
        .map_err(ImportError::Call)?;
    if records && summary.failed.is_empty() {
        let _ = std::fs::remove_file(&resume);
    }
    Ok((layout.users, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_becomes_attributes_without_invitation() {
        let header: Vec<String> = [
            "email",
            "email_verified",
            "phone_number",
            "phone_number_verified",
            "custom:team",
            "cognito:mfa_enabled",
            "cognito:username",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let row = csv::StringRecord::from(vec!["a@x.io", "true", "", "true", "blue", "false", "a"]);
        let got = input("p", &header, &row, false);
        assert_eq!(
            got,
            json!({"UserPoolId": "p", "Username": "a", "MessageAction": "SUPPRESS",
                   "UserAttributes": [
                       {"Name": "email", "Value": "a@x.io"},
                       {"Name": "email_verified", "Value": "true"},
                       {"Name": "custom:team", "Value": "blue"}]})
        );
        let invited = input("p", &header, &row, true);
        assert!(invited.get("MessageAction").is_none());
        assert_eq!(invited["DesiredDeliveryMediums"], json!(["EMAIL"]));
    }
}
