//! Drives paced calls straight through `aws::Client::call_gated` (no script, no pipeline), for
//! the quota tests and `benches/quota.rs`: a bulk run keeps as many calls in flight as the
//! pacer's Little's-law estimate says; a loop sends one call after another.

use std::time::Duration;

use pooler::aws::{Client, Service, Settings, StaticCredentials};
use pooler::interrupt::Interrupt;
use pooler::service::pace::Pacer;
use serde_json::Value;
use tokio::task::JoinSet;

/// A client for a local test server.
pub fn client(endpoint: &str) -> Client {
    let service = Service {
        signing_name: "cognito-idp".into(),
        target_prefix: "AWSCognitoIdentityProviderService".into(),
        json_version: "1.1".into(),
        endpoint_prefix: "cognito-idp".into(),
        env_name: "COGNITO_IDENTITY_PROVIDER".into(),
    };
    let settings = Settings {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.into()),
        credentials: Some(StaticCredentials::new(
            "AKIDTESTEXAMPLE",
            "test-secret",
            None,
        )),
        max_attempts: Some(3),
        timeout: Some(Duration::from_secs(10)),
        connect_timeout: Some(Duration::from_secs(2)),
        retry_base: Some(Duration::from_millis(5)),
        ..Settings::default()
    };
    Client::new(settings, service)
}

/// What a run got back.
#[derive(Debug, Default)]
pub struct Tally {
    pub ok: usize,
    pub failed: usize,
    /// Attempts in all (retries included).
    pub attempts: usize,
}

/// One paced call.
async fn one(client: &Client, pacer: &Pacer, op: &str, input: &Value) -> (bool, usize) {
    let gate = pacer.gate(op, input);
    let body = serde_json::to_vec(input).expect("JSON input");
    let outcome = client
        .call_gated(op, &body, true, &Interrupt::new(), &gate)
        .await;
    (outcome.result.is_ok(), outcome.attempts.len())
}

fn count(tally: &mut Tally, (ok, attempts): (bool, usize)) {
    tally.attempts += attempts;
    if ok {
        tally.ok += 1;
    } else {
        tally.failed += 1;
    }
}

/// `inputs.len()` calls of `op`, as many in flight as `pacer.concurrency(op)` says (or
/// `fixed`); call inside a `LocalSet`.
pub async fn bulk(
    client: &Client,
    pacer: &Pacer,
    op: &str,
    inputs: Vec<Value>,
    fixed: Option<usize>,
) -> Tally {
    let mut tally = Tally::default();
    let mut set = JoinSet::new();
    let mut inputs = inputs.into_iter();
    let mut pending = inputs.len();
    while pending > 0 {
        let target = fixed.unwrap_or_else(|| pacer.concurrency(op));
        while set.len() < target {
            let Some(input) = inputs.next() else { break };
            let (client, pacer, op) = (client.clone(), pacer.clone(), op.to_string());
            set.spawn_local(async move { one(&client, &pacer, &op, &input).await });
        }
        if let Some(done) = set.join_next().await {
            count(&mut tally, done.expect("call task"));
            pending -= 1;
        }
    }
    tally
}

/// The calls one after another.
pub async fn sequential(client: &Client, pacer: &Pacer, op: &str, inputs: Vec<Value>) -> Tally {
    let mut tally = Tally::default();
    for input in inputs {
        count(&mut tally, one(client, pacer, op, &input).await);
    }
    tally
}

/// Runs `f` on a current-thread runtime inside a `LocalSet`, as pooler runs calls.
pub fn run_local<F: std::future::Future>(f: F) -> F::Output {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let local = tokio::task::LocalSet::new();
    local.block_on(&rt, f)
}

/// `n` AdminCreateUser inputs for pool `pool`.
pub fn create_users(pool: &str, n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| serde_json::json!({"UserPoolId": pool, "Username": format!("user{i:05}")}))
        .collect()
}

/// `n` inputs of one pool-level call.
pub fn pool_calls(pool: &str, n: usize) -> Vec<Value> {
    (0..n)
        .map(|_| serde_json::json!({"UserPoolId": pool}))
        .collect()
}
