//! Terms and managed login branding of an existing app client, against the stand-in (moto lacks
//! these operations): `ensure_terms` and `ensure_managed_login_branding` show drift in a plan as
//! `~` changes (unchanged when equal), and `run` applies it with UpdateTerms and
//! UpdateManagedLoginBranding, or creates what is missing with CreateTerms and
//! CreateManagedLoginBranding.

use serde_json::json;

use crate::support::pool_server::{
    BRANDING, NEW_BRANDING, NEW_TERMS, POOL, PoolServer, State, TERMS,
};
use crate::support::{Output, Test};

fn against(server: &PoolServer, script: &str, command: &[&str]) -> Output {
    Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "client-settings-secret")
        .env("AWS_REGION", "us-west-2")
        .file("setup.rhai", script)
        .args(["--endpoint-url", server.url.as_str()])
        .args(command.iter().copied())
        .args(["setup.rhai"])
        .run()
}

/// The web client's terms and branding as `links` and `branding` say.
fn setup(link: &str, branding: &str) -> String {
    format!(
        r#"let web = cognito.ensure_user_pool_client(#{{ UserPoolId: "{POOL}", ClientName: "web" }});
let terms = cognito.ensure_terms(#{{ UserPoolId: "{POOL}", ClientId: web.id,
    TermsName: "terms-of-use", TermsSource: "LINK", Enforcement: "NONE",
    Links: #{{ "cognito:default": "{link}" }} }});
let style = cognito.ensure_managed_login_branding(#{{ UserPoolId: "{POOL}", ClientId: web.id,
    {branding} }});
if !terms.reported {{ print(`terms: ${{terms.action}} ${{terms.id}}`); }}
if !style.reported {{ print(`branding: ${{style.action}} ${{style.id}}`); }}"#
    )
}

const OLD_LINK: &str = "https://example.com/terms";
const NEW_LINK: &str = "https://example.com/terms-v2";
const COGNITO_STYLE: &str = "UseCognitoProvidedValues: true";
const OWN_STYLE: &str = r#"UseCognitoProvidedValues: false, Settings: #{ components: #{ pageBackground: #{ image: #{ enabled: false } } } }"#;

#[test]
fn a_plan_shows_drift_in_an_existing_clients_terms_and_branding() {
    let server = PoolServer::writable(State::default());
    let out = against(
        &server,
        &setup(NEW_LINK, OWN_STYLE),
        &["plan", "--detailed-exitcode"],
    );
    assert_eq!(
        out.stdout,
        "plan: ensure_user_pool_client `web`: unchanged\n\
         plan: ensure_terms `terms-of-use`: would update\n  \
         ~ Links.cognito:default: \"https://example.com/terms\" -> \"https://example.com/terms-v2\"\n\
         plan: ensure_managed_login_branding `client1`: would update\n  \
         ~ UseCognitoProvidedValues: true -> false\n  \
         ~ Settings: (unset) -> {\"components\":{\"pageBackground\":{\"image\":{\"enabled\":false}}}}\n"
    );
    assert_eq!(out.stderr, "");
    assert_eq!(out.code, 2, "changes");
    assert_eq!(server.writes(), []);
}

#[test]
fn equal_terms_and_branding_are_unchanged() {
    let server = PoolServer::writable(State::default());
    let out = against(
        &server,
        &setup(OLD_LINK, COGNITO_STYLE),
        &["plan", "--detailed-exitcode"],
    );
    assert_eq!(
        out.stdout,
        "plan: ensure_user_pool_client `web`: unchanged\n\
         plan: ensure_terms `terms-of-use`: unchanged\n\
         plan: ensure_managed_login_branding `client1`: unchanged\n"
    );
    assert_eq!(out.stderr, "");
    assert_eq!(out.code, 0);
}

#[test]
fn run_updates_the_terms_and_branding_an_existing_client_has() {
    let server = PoolServer::writable(State::default());
    let out = against(&server, &setup(NEW_LINK, OWN_STYLE), &["run"]);
    assert_eq!(
        out.stdout,
        format!("terms: updated {TERMS}\nbranding: updated {BRANDING}\n")
    );
    assert_eq!(out.stderr, "");
    assert_eq!(out.code, 0);
    assert_eq!(
        server.writes(),
        [
            (
                "UpdateTerms".to_string(),
                json!({"TermsId": TERMS, "UserPoolId": POOL, "TermsName": "terms-of-use",
                    "TermsSource": "LINK", "Enforcement": "NONE",
                    "Links": {"cognito:default": NEW_LINK}})
            ),
            (
                "UpdateManagedLoginBranding".to_string(),
                json!({"ManagedLoginBrandingId": BRANDING, "UserPoolId": POOL,
                    "UseCognitoProvidedValues": false,
                    "Settings": {"components": {"pageBackground": {"image": {"enabled": false}}}}})
            ),
        ]
    );
    // What run wrote is what a plan now reads back.
    let again = against(
        &server,
        &setup(NEW_LINK, OWN_STYLE),
        &["plan", "--detailed-exitcode"],
    );
    assert_eq!(again.stderr, "");
    assert_eq!(again.code, 0, "{}", again.stdout);
}

#[test]
fn run_creates_terms_and_branding_a_client_lacks() {
    let bare = State {
        terms: Vec::new(),
        branding: None,
        ..State::default()
    };
    let server = PoolServer::writable(bare);
    let plan = against(&server, &setup(NEW_LINK, COGNITO_STYLE), &["plan"]);
    assert_eq!(
        plan.stdout,
        "plan: ensure_user_pool_client `web`: unchanged\n\
         plan: ensure_terms `terms-of-use`: would create\n\
         plan: ensure_managed_login_branding `client1`: would create\n"
    );
    assert_eq!(plan.stderr, "");
    assert_eq!(plan.code, 0);
    let out = against(&server, &setup(NEW_LINK, COGNITO_STYLE), &["run"]);
    assert_eq!(
        out.stdout,
        format!("terms: created {NEW_TERMS}\nbranding: created {NEW_BRANDING}\n")
    );
    assert_eq!(out.stderr, "");
    assert_eq!(out.code, 0);
    assert_eq!(
        server.writes(),
        [
            (
                "CreateTerms".to_string(),
                json!({"UserPoolId": POOL, "ClientId": "client1", "TermsName": "terms-of-use",
                    "TermsSource": "LINK", "Enforcement": "NONE",
                    "Links": {"cognito:default": NEW_LINK}})
            ),
            (
                "CreateManagedLoginBranding".to_string(),
                json!({"UserPoolId": POOL, "ClientId": "client1", "UseCognitoProvidedValues": true})
            ),
        ]
    );
}

#[test]
fn going_back_to_cognitos_style_sends_no_settings_beside_it() {
    let own = State {
        branding: Some(
            json!({"ManagedLoginBrandingId": BRANDING, "UserPoolId": POOL,
            "UseCognitoProvidedValues": false,
            "Settings": {"components": {"pageBackground": {"image": {"enabled": false}}}}}),
        ),
        ..State::default()
    };
    let server = PoolServer::writable(own);
    let out = against(&server, &setup(OLD_LINK, COGNITO_STYLE), &["run"]);
    assert_eq!(
        out.stdout,
        format!("terms: unchanged {TERMS}\nbranding: updated {BRANDING}\n")
    );
    assert_eq!(out.stderr, "");
    assert_eq!(out.code, 0);
    assert_eq!(
        server.writes(),
        [(
            "UpdateManagedLoginBranding".to_string(),
            json!({"ManagedLoginBrandingId": BRANDING, "UserPoolId": POOL,
                "UseCognitoProvidedValues": true})
        )]
    );
}
