//! An in-process stand-in for one Cognito user pool with the settings moto lacks (per-client UI
//! customization and risk configuration, terms, log delivery, managed login branding, a domain's
//! ManagedLoginVersion, email MFA and WebAuthn), answering the
//! reads `export` and `plan` send with bodies in the model's shapes. Any write is answered 500,
//! so a plan that writes fails. It records the operations it was asked.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

pub const POOL: &str = "us-west-2_Stand1";
const TERMS: &str = "3f1c2b4a-1d2e-4f3a-8b9c-0123456789ab";
const ARN: &str = "arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_Stand1";

pub struct PoolServer {
    pub url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

impl PoolServer {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let log = log.clone();
                std::thread::spawn(move || {
                    let Some(req) = super::http::read_request(&stream) else {
                        return;
                    };
                    let op = req.operation().to_string();
                    log.lock().unwrap().push(op.clone());
                    let (status, body) = answer(&op, &req.json());
                    super::http::write_response(
                        &stream,
                        status,
                        &[("Content-Type", "application/x-amz-json-1.1")],
                        body.to_string().as_bytes(),
                    );
                });
            }
        });
        Self { url, seen }
    }

    pub fn operations(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

fn answer(op: &str, body: &Value) -> (u16, Value) {
    let client = body.get("ClientId").and_then(Value::as_str);
    let ok = |v: Value| (200, v);
    match op {
        "ListUserPools" => ok(json!({"UserPools": [{"Id": POOL, "Name": "stand"}]})),
        "DescribeUserPool" => ok(json!({"UserPool": {
            "Id": POOL, "Name": "stand", "Arn": ARN, "MfaConfiguration": "OPTIONAL",
            "Domain": "stand-auth"}})),
        "GetUserPoolMfaConfig" => ok(json!({
            "MfaConfiguration": "OPTIONAL",
            "SoftwareTokenMfaConfiguration": {"Enabled": true},
            "EmailMfaConfiguration": {"Message": "Your code is {####}", "Subject": "Sign-in code"},
            "WebAuthnConfiguration": {"RelyingPartyId": "auth.example.com", "UserVerification": "required"}})),
        "ListResourceServers" => ok(json!({"ResourceServers": []})),
        "ListIdentityProviders" => ok(json!({"Providers": []})),
        "ListGroups" => ok(json!({"Groups": []})),
        "ListUserPoolClients" => ok(json!({"UserPoolClients": [
            {"ClientId": "client1", "ClientName": "web", "UserPoolId": POOL}]})),
        "DescribeUserPoolClient" => ok(json!({"UserPoolClient": {
            "ClientId": "client1", "ClientName": "web", "UserPoolId": POOL}})),
        "DescribeUserPoolDomain" => ok(json!({"DomainDescription": {
            "UserPoolId": POOL, "AWSAccountId": "123456789012", "Domain": "stand-auth",
            "CloudFrontDistribution": "d111.cloudfront.net", "Status": "ACTIVE", "Version": "1",
            "ManagedLoginVersion": 2}})),
        "GetUICustomization" => ok(match client {
            Some("client1") => json!({"UICustomization": {
                "UserPoolId": POOL, "ClientId": "client1", "CSS": ".banner-customizable{background-color:#222}"}}),
            _ => json!({"UICustomization": {"UserPoolId": POOL, "ClientId": "ALL"}}),
        }),
        "DescribeRiskConfiguration" => ok(match client {
            Some("client1") => json!({"RiskConfiguration": {
                "UserPoolId": POOL, "ClientId": "client1",
                "CompromisedCredentialsRiskConfiguration": {
                    "EventFilter": ["SIGN_IN"], "Actions": {"EventAction": "BLOCK"}}}}),
            _ => json!({"RiskConfiguration": {"UserPoolId": POOL}}),
        }),
        "GetLogDeliveryConfiguration" => ok(json!({"LogDeliveryConfiguration": {
            "UserPoolId": POOL, "LogConfigurations": [{"LogLevel": "ERROR",
                "EventSource": "userNotification",
                "CloudWatchLogsConfiguration": {"LogGroupArn": "arn:aws:logs:us-west-2:123456789012:log-group:cognito"}}]}})),
        "DescribeManagedLoginBrandingByClient" => ok(json!({"ManagedLoginBranding": {
            "ManagedLoginBrandingId": "brand1", "UserPoolId": POOL, "UseCognitoProvidedValues": true}})),
        "ListTerms" => ok(
            json!({"Terms": [{"TermsId": TERMS, "TermsName": "terms-of-use",
            "Enforcement": "NONE", "CreationDate": 1.7e9, "LastModifiedDate": 1.7e9}]}),
        ),
        "DescribeTerms" => ok(json!({"Terms": {"TermsId": TERMS, "UserPoolId": POOL,
            "ClientId": "client1", "TermsName": "terms-of-use", "TermsSource": "LINK",
            "Enforcement": "NONE", "Links": {"cognito:default": "https://example.com/terms"},
            "CreationDate": 1.7e9, "LastModifiedDate": 1.7e9}})),
        _ => (
            500,
            json!({"__type": "InternalErrorException", "message": format!("the stand-in does not write ({op})")}),
        ),
    }
}
