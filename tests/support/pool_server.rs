//! An in-process stand-in for one Cognito user pool with the settings moto lacks (per-client UI
//! customization and risk configuration, terms, log delivery, managed login branding, a domain's
//! ManagedLoginVersion and custom domain certificate, email MFA and WebAuthn), answering with
//! bodies in the model's shapes. Read-only ([`PoolServer::start`]), any write is answered 500,
//! so a plan that writes fails; writable ([`PoolServer::writable`]), the terms, branding and
//! domain writes change what later reads answer. It records every request.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

pub const POOL: &str = "us-west-2_Stand1";
pub const TERMS: &str = "3f1c2b4a-1d2e-4f3a-8b9c-0123456789ab";
/// The id CreateTerms gives.
pub const NEW_TERMS: &str = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d";
/// client1's branding style, and the id CreateManagedLoginBranding gives.
pub const BRANDING: &str = "7d6e5f4a-3b2c-4d1e-9f0a-123456789abc";
pub const NEW_BRANDING: &str = "9c8b7a6d-5e4f-4a3b-b2c1-0d9e8f7a6b5c";
const ARN: &str = "arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_Stand1";

/// What the stand-in pool holds of the settings its writes change.
pub struct State {
    /// TermsType of each terms document.
    pub terms: Vec<Value>,
    /// ManagedLoginBrandingType of client1's style.
    pub branding: Option<Value>,
    /// DomainDescriptionType of each domain (the prefix domain, a custom one).
    pub domains: Vec<Value>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            terms: vec![json!({"TermsId": TERMS, "UserPoolId": POOL,
                "ClientId": "client1", "TermsName": "terms-of-use", "TermsSource": "LINK",
                "Enforcement": "NONE", "Links": {"cognito:default": "https://example.com/terms"},
                "CreationDate": 1.7e9, "LastModifiedDate": 1.7e9})],
            branding: Some(
                json!({"ManagedLoginBrandingId": BRANDING, "UserPoolId": POOL,
                "UseCognitoProvidedValues": true}),
            ),
            domains: vec![json!({
                "UserPoolId": POOL, "AWSAccountId": "123456789012", "Domain": "stand-auth",
                "CloudFrontDistribution": "d111.cloudfront.net", "Status": "ACTIVE",
                "Version": "1", "ManagedLoginVersion": 2})],
        }
    }
}

/// One request the stand-in answered: the operation and its JSON body.
pub type Seen = (String, Value);

pub struct PoolServer {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl PoolServer {
    /// The pool as [`State::default`], every write refused.
    pub fn start() -> Self {
        Self::serve(State::default(), false)
    }

    /// The pool as `state`; the terms, branding and domain writes are carried out.
    pub fn writable(state: State) -> Self {
        Self::serve(state, true)
    }

    fn serve(state: State, writable: bool) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let state = Arc::new(Mutex::new(state));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let log = log.clone();
                let state = state.clone();
                std::thread::spawn(move || {
                    let Some(req) = super::http::read_request(&stream) else {
                        return;
                    };
                    let op = req.operation().to_string();
                    let body = req.json();
                    log.lock().unwrap().push((op.clone(), body.clone()));
                    let mut state = state.lock().unwrap();
                    let (status, answer) = read(&op, &body, &state)
                        .or_else(|| writable.then(|| write(&op, &body, &mut state)).flatten())
                        .unwrap_or_else(|| {
                            (
                                500,
                                json!({"__type": "InternalErrorException",
                                "message": format!("the stand-in does not write ({op})")}),
                            )
                        });
                    super::http::write_response(
                        &stream,
                        status,
                        &[("Content-Type", "application/x-amz-json-1.1")],
                        answer.to_string().as_bytes(),
                    );
                });
            }
        });
        Self { url, seen }
    }

    /// The operations asked, in order.
    pub fn operations(&self) -> Vec<String> {
        self.requests().into_iter().map(|(op, _)| op).collect()
    }

    /// The requests answered, in order.
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The requests that were not reads (Describe*, Get*, List*).
    pub fn writes(&self) -> Vec<Seen> {
        self.requests()
            .into_iter()
            .filter(|(op, _)| {
                !["Describe", "Get", "List"]
                    .iter()
                    .any(|p| op.starts_with(p))
            })
            .collect()
    }
}

fn not_found(what: &str) -> (u16, Value) {
    (
        400,
        json!({"__type": "ResourceNotFoundException", "message": format!("{what} not found")}),
    )
}

/// The answer to a read, `None` for anything else.
fn read(op: &str, body: &Value, state: &State) -> Option<(u16, Value)> {
    let client = body.get("ClientId").and_then(Value::as_str);
    let ok = |v: Value| Some((200, v));
    match op {
        "ListUserPools" => ok(json!({"UserPools": [{"Id": POOL, "Name": "stand"}]})),
        "DescribeUserPool" => {
            let mut pool = json!({"Id": POOL, "Name": "stand", "Arn": ARN,
                "MfaConfiguration": "OPTIONAL"});
            for d in &state.domains {
                let member = if d.get("CustomDomainConfig").is_some() {
                    "CustomDomain"
                } else {
                    "Domain"
                };
                pool[member] = d["Domain"].clone();
            }
            ok(json!({ "UserPool": pool }))
        }
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
        "DescribeUserPoolDomain" => {
            let found = state.domains.iter().find(|d| d["Domain"] == body["Domain"]);
            ok(json!({ "DomainDescription": found.cloned().unwrap_or_else(|| json!({})) }))
        }
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
        "DescribeManagedLoginBrandingByClient" => match (&state.branding, client) {
            (Some(b), Some("client1")) => ok(json!({ "ManagedLoginBranding": b })),
            _ => Some(not_found("managed login branding")),
        },
        "ListTerms" => {
            let listed: Vec<Value> = state
                .terms
                .iter()
                .map(|t| {
                    json!({"TermsId": t["TermsId"], "TermsName": t["TermsName"],
                        "Enforcement": t["Enforcement"], "CreationDate": t["CreationDate"],
                        "LastModifiedDate": t["LastModifiedDate"]})
                })
                .collect();
            ok(json!({ "Terms": listed }))
        }
        "DescribeTerms" => match state.terms.iter().find(|t| t["TermsId"] == body["TermsId"]) {
            Some(t) => ok(json!({ "Terms": t })),
            None => Some(not_found("terms")),
        },
        _ => None,
    }
}

/// Lays the members of `body` named in `members` over `target`.
fn lay(target: &mut Value, body: &Value, members: &[&str]) {
    for m in members {
        if let Some(v) = body.get(*m) {
            target[*m] = v.clone();
        }
    }
}

const TERMS_MEMBERS: &[&str] = &["TermsName", "TermsSource", "Enforcement", "Links"];
const BRANDING_MEMBERS: &[&str] = &["UseCognitoProvidedValues", "Settings", "Assets"];
const DOMAIN_MEMBERS: &[&str] = &["CustomDomainConfig", "ManagedLoginVersion"];

/// The answer to a write the stand-in carries out, `None` for any other.
fn write(op: &str, body: &Value, state: &mut State) -> Option<(u16, Value)> {
    let ok = |v: Value| Some((200, v));
    match op {
        "CreateTerms" => {
            let mut t = json!({"TermsId": NEW_TERMS, "UserPoolId": POOL,
                "ClientId": body["ClientId"], "CreationDate": 1.8e9, "LastModifiedDate": 1.8e9});
            lay(&mut t, body, TERMS_MEMBERS);
            state.terms.push(t.clone());
            ok(json!({ "Terms": t }))
        }
        "UpdateTerms" => match state
            .terms
            .iter_mut()
            .find(|t| t["TermsId"] == body["TermsId"])
        {
            Some(t) => {
                lay(t, body, TERMS_MEMBERS);
                ok(json!({ "Terms": t }))
            }
            None => Some(not_found("terms")),
        },
        "CreateManagedLoginBranding" => {
            let mut b = json!({"ManagedLoginBrandingId": NEW_BRANDING, "UserPoolId": POOL});
            lay(&mut b, body, BRANDING_MEMBERS);
            state.branding = Some(b.clone());
            ok(json!({ "ManagedLoginBranding": b }))
        }
        "UpdateManagedLoginBranding" => match &mut state.branding {
            Some(b) if b["ManagedLoginBrandingId"] == body["ManagedLoginBrandingId"] => {
                lay(b, body, BRANDING_MEMBERS);
                if body.get("UseCognitoProvidedValues") == Some(&Value::Bool(true)) {
                    b.as_object_mut().unwrap().remove("Settings");
                }
                ok(json!({ "ManagedLoginBranding": b }))
            }
            _ => Some(not_found("managed login branding")),
        },
        "CreateUserPoolDomain" => {
            let mut d = json!({"UserPoolId": POOL, "AWSAccountId": "123456789012",
                "Domain": body["Domain"], "CloudFrontDistribution": "d222.cloudfront.net",
                "Status": "ACTIVE", "Version": "1"});
            lay(&mut d, body, DOMAIN_MEMBERS);
            state.domains.push(d);
            ok(json!({"CloudFrontDomain": "d222.cloudfront.net",
                "ManagedLoginVersion": body.get("ManagedLoginVersion").cloned().unwrap_or(1.into())}))
        }
        "UpdateUserPoolDomain" => {
            match state
                .domains
                .iter_mut()
                .find(|d| d["Domain"] == body["Domain"])
            {
                Some(d) => {
                    lay(d, body, DOMAIN_MEMBERS);
                    ok(json!({"CloudFrontDomain": d["CloudFrontDistribution"],
                        "ManagedLoginVersion": d["ManagedLoginVersion"]}))
                }
                None => Some(not_found("domain")),
            }
        }
        _ => None,
    }
}
