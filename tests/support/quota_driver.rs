//! Drives paced calls through the call service (unchecked, each waiting on the given pacer's
//! gate, nothing recorded), for the quota tests and `benches/quota.rs`: a bulk run keeps as
//! many calls in flight as the pacer's Little's-law estimate says; a loop sends one call after
//! another.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use pooler::aws::{Client, Gate, Json, Settings, StaticCredentials};
use pooler::interrupt::Interrupt;
use pooler::model::Model;
use pooler::service::pace::Pacer;
use pooler::service::{CallOptions, Check, Context, Mode, Options, Service, Silent, service_of};
use serde_json::Value;
use tokio::task::JoinSet;

/// The call service for a local test server; the pacing comes from the gate of each call.
pub fn client(endpoint: &str) -> Service {
    let model = Model::embedded();
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
    let options = Options {
        mode: Mode::Run,
        validate: false,
        strict: false,
        lenient: false,
        verbose: false,
        collect_problems: false,
        transcript: None,
        pacer: Pacer::off(),
    };
    let context = Context::new(model, options, Rc::new(Silent), Interrupt::new());
    Service::new(Rc::new(context), Client::new(settings, service_of(model)))
}

/// What a run got back.
#[derive(Debug, Default)]
pub struct Tally {
    pub ok: usize,
    pub failed: usize,
    /// Attempts in all (retries included).
    pub attempts: usize,
}

/// A pacer's gate counting the attempts it sees.
struct Counting<G: Gate> {
    inner: G,
    attempts: Cell<usize>,
}

impl<G: Gate> Gate for Counting<G> {
    fn admit(&self) -> Pin<Box<dyn Future<Output = ()> + '_>> {
        self.inner.admit()
    }

    fn observe(&self, throttled: bool) {
        self.attempts.set(self.attempts.get() + 1);
        self.inner.observe(throttled);
    }

    fn throttle_retries(&self) -> u32 {
        self.inner.throttle_retries()
    }
}

/// One paced call: whether it succeeded, and its attempts.
async fn one(service: &Service, pacer: &Pacer, op: &str, input: &Value) -> (bool, usize) {
    let op = service.operation(op).expect("a Cognito operation");
    let gate = Counting {
        inner: pacer.gate(op.name, input),
        attempts: Cell::new(0),
    };
    let options = CallOptions::default().check(Check::None).gate(&gate);
    let result = service.call_async(op, input, &options, &Json).await;
    (result.is_ok(), gate.attempts.get())
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
    client: &Service,
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
pub async fn sequential(client: &Service, pacer: &Pacer, op: &str, inputs: Vec<Value>) -> Tally {
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
