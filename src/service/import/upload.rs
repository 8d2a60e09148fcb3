//! The upload of one CSV piece to the presigned URL CreateUserImportJob returned, through the
//! pipeline's one HTTP client ([`crate::aws::Client::put_presigned`]): an HTTP PUT with the
//! `x-amz-server-side-encryption: aws:kms` header the Cognito guide's upload example sends (the
//! URL is signed for it), interruptible, recorded in `-v` and the transcript like a call. The
//! URL's query holds a signature: it is shown with its values starred
//! ([`query_starred`]), never whole.

use std::time::{Duration, Instant};

use serde_json::json;

use super::super::transcript::Entry;
use super::super::{Notice, Service};
use crate::aws::{Attempt, AwsError};
use crate::exit;
use crate::secrets::values::query_starred;

/// The headers the upload carries besides `Content-Length`.
pub const UPLOAD_HEADERS: &[(&str, &str)] = &[("x-amz-server-side-encryption", "aws:kms")];

/// The name the upload has in `-v` and the transcript (it is no API operation).
pub const UPLOAD_NAME: &str = "UploadUserImportFile";

/// Why an upload failed: what to say (without the URL's secrets) and the exit code.
#[derive(Debug)]
pub struct UploadError {
    pub message: String,
    /// 7 when the upload got no answer (network, proxy, timeout), else 6.
    pub exit_code: i32,
}

impl UploadError {
    fn new(message: String, exit_code: i32) -> Self {
        Self { message, exit_code }
    }
}

impl std::fmt::Display for UploadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Sends a CSV piece to a presigned URL.
pub trait Uploader {
    /// PUTs `body` to `url`.
    fn upload(&self, url: &str, body: Vec<u8>, timeout: Duration) -> Result<(), UploadError>;
}

impl Uploader for Service {
    fn upload(&self, url: &str, body: Vec<u8>, timeout: Duration) -> Result<(), UploadError> {
        let ctx = &self.ctx;
        let shown = query_starred(url);
        let bytes = body.len();
        if ctx.verbose {
            ctx.notice(Notice::Log(&format!("> PUT {shown} ({bytes} bytes)")));
        }
        let started = Instant::now();
        let outcome = ctx.runtime().block_on(self.client.put_presigned(
            url,
            UPLOAD_HEADERS,
            body,
            timeout,
            &ctx.interrupt,
        ));
        let millis = started.elapsed().as_millis();
        let error = outcome.result.as_ref().err();
        if ctx.verbose {
            let told = error.map_or_else(String::new, |e| format!("\n{e}"));
            ctx.notice(Notice::Log(&format!(
                "< {} PUT {shown} in {millis} ms{told}",
                outcome.status.map_or("-".to_string(), |s| s.to_string()),
            )));
        }
        if let Some(transcript) = &ctx.transcript {
            let attempts = [Attempt {
                status: outcome.status,
                error: error.map(ToString::to_string),
                millis: u64::try_from(millis).unwrap_or(u64::MAX),
            }];
            let entry = Entry {
                operation: UPLOAD_NAME,
                region: "",
                endpoint: &shown,
                request: json!({ "method": "PUT", "url": shown, "bytes": bytes }),
                status: outcome.status,
                response: None,
                error_type: error.map(AwsError::kind),
                attempts: &attempts,
                millis,
                dry_run: false,
            };
            transcript.record(entry).map_err(|e| {
                UploadError::new(format!("cannot write the transcript: {e}"), exit::FAILURE)
            })?;
        }
        match outcome.result {
            Ok(()) => Ok(()),
            Err(AwsError::Interrupted) => Err(UploadError::new(
                "upload interrupted".to_string(),
                exit::INTERRUPTED,
            )),
            Err(e @ AwsError::Endpoint { .. }) => {
                Err(UploadError::new(e.to_string(), exit::SERVICE))
            }
            Err(
                e @ (AwsError::Network { .. }
                | AwsError::ProxyRefused { .. }
                | AwsError::Timeout { .. }),
            ) => Err(UploadError::new(
                format!("upload to {shown} failed: {e}"),
                exit::NETWORK,
            )),
            Err(e) => Err(UploadError::new(
                format!("upload to {shown} failed: {e}"),
                exit::SERVICE,
            )),
        }
    }
}
