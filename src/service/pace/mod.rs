//! Pacing every call to Cognito's published request-rate quotas, shared by the whole run.
//!
//! One [`Pacer`] per process (clones share it) holds a schedule per quota category, started at
//! the category's quota (no ramp), plus per-pool schedules for the operations the guide caps at
//! 5/s per user pool and per-user schedules (10 reads, 10 writes a second). Each call gets a
//! [`PacedCall`] from [`Pacer::gate`]: an [`aws::Gate`](crate::aws::Gate) that waits for the
//! call's slot before every attempt and reports throttling, which cuts the category's rate
//! (another client may share the account) until it recovers toward the quota. Waits are plain
//! timer futures, so the caller can drop them on an interrupt.
//!
//! Wiring, in short:
//!
//! ```no_run
//! # async fn demo(service: pooler::service::Service, op: &'static pooler::model::Operation,
//! #               input: serde_json::Value) -> Result<(), Box<dyn std::error::Error>> {
//! use pooler::service::pace::{LimitLookupError, Pacer, QuotaConfig};
//! let flags = vec!["UserCreation=80".to_string()]; // --quota, repeatable
//! let pacer = Pacer::new(&QuotaConfig::from_environment(&flags, None)?); // once per run
//! pacer
//!     .consult_provisioned_limit("AdminCreateUser", |input| async move {
//!         // perform GetProvisionedLimit with `input`; map an error to its type:
//!         Err::<serde_json::Value, _>(LimitLookupError::from_error_type("AccessDeniedException"))
//!     })
//!     .await;
//! let gate = pacer.gate("AdminCreateUser", &input);
//! // the call service waits on `gate` before every attempt (it uses its run's pacer unless told)
//! let options = pooler::service::CallOptions::default().gate(&gate);
//! let answer = service.call_async(op, &input, &options, &pooler::aws::Json).await;
//! # let _ = answer; Ok(()) }
//! ```

mod bucket;
mod concurrency;
mod config;
mod keys;
mod meter;
mod provisioned;
mod rate_line;

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::aws::Gate;
use crate::model::{QuotaTable, UserCap};

use bucket::Bucket;
use keys::{CallKeys, call_keys};
use meter::Meter;
use provisioned::Provisioned;

pub use concurrency::{Concurrency, MAX_IN_FLIGHT, MIN_IN_FLIGHT};
pub use config::{QuotaConfig, QuotaError, QuotaSource, profile_quotas};
pub use provisioned::LimitLookupError;
pub use rate_line::{PaceStatus, progress_line};

/// Throttling answers a paced call retries (at the cut rate) beyond the default attempts; set
/// attempts (`--max-attempts`, `AWS_MAX_ATTEMPTS`, the profile) bound every attempt instead.
const THROTTLE_RETRIES: u32 = 8;
/// Per-pool and per-user schedules kept before idle ones are dropped.
const PRUNE_AT: usize = 4096;

/// The run's pacer; clones share its schedules. [`Pacer::off`] paces nothing.
#[derive(Clone)]
pub struct Pacer {
    shared: Option<Arc<Shared>>,
}

struct Shared {
    table: &'static QuotaTable,
    state: Mutex<State>,
}

struct State {
    categories: Vec<CategoryState>,
    pools: HashMap<(String, String), Capped>,
    users: HashMap<(UserCap, u64), Capped>,
    provisioned: Provisioned,
}

/// A per-pool or per-user cap: the turns of waiting calls, and the moments calls were sent
/// (a call may wait for its category after its turn; the next one keeps its distance).
struct Capped {
    turns: Bucket,
    sent: Bucket,
}

impl Capped {
    fn new(rps: f64) -> Capped {
        Capped {
            turns: Bucket::new(rps),
            sent: Bucket::new(rps),
        }
    }
}

struct CategoryState {
    bucket: Bucket,
    source: QuotaSource,
    meter: Meter,
    latency: Concurrency,
    throttled: u64,
}

impl Pacer {
    /// A pacer with the embedded quota table and `config`'s quotas.
    pub fn new(config: &QuotaConfig) -> Pacer {
        Pacer::with_table(QuotaTable::embedded(), config)
    }

    /// A pacer with another quota table.
    pub fn with_table(table: &'static QuotaTable, config: &QuotaConfig) -> Pacer {
        if config.is_off() {
            return Pacer::off();
        }
        let categories = table
            .categories()
            .iter()
            .map(|c| {
                let (rps, source) = config
                    .explicit(&c.name)
                    .unwrap_or((c.default_rps, QuotaSource::Default));
                CategoryState {
                    bucket: Bucket::new(rps),
                    source,
                    meter: Meter::default(),
                    latency: Concurrency::new(),
                    throttled: 0,
                }
            })
            .collect();
        Pacer {
            shared: Some(Arc::new(Shared {
                table,
                state: Mutex::new(State {
                    categories,
                    pools: HashMap::new(),
                    users: HashMap::new(),
                    provisioned: Provisioned::default(),
                }),
            })),
        }
    }

    /// No pacing (`--quota none`).
    pub fn off() -> Pacer {
        Pacer { shared: None }
    }

    /// Whether pacing is off.
    pub fn is_off(&self) -> bool {
        self.shared.is_none()
    }

    /// The gate for one call of `operation` with `input` (its `UserPoolId`, `Username` or
    /// `AccessToken` choose the per-pool and per-user schedules).
    pub fn gate(&self, operation: &str, input: &Value) -> PacedCall {
        let keys = self
            .shared
            .as_ref()
            .and_then(|s| call_keys(s.table, operation, input));
        PacedCall {
            pacer: self.clone(),
            keys,
            admitted: Cell::new(None),
        }
    }

    /// The quota category `operation` counts against, if it is paced.
    pub fn category_of(&self, operation: &str) -> Option<&'static str> {
        let shared = self.shared.as_ref()?;
        match shared.table.classify(operation) {
            crate::model::Classified::Category(c) => Some(c.name.as_str()),
            _ => None,
        }
    }

    /// A category's quota and where it came from.
    pub fn quota(&self, category: &str) -> Option<(f64, QuotaSource)> {
        let shared = self.shared.as_ref()?;
        let i = shared.table.category_index(category)?;
        let state = lock(shared);
        let c = &state.categories[i];
        Some((c.bucket.quota(), c.source))
    }

    /// Where a category stands now, for the progress line ([`progress_line`]).
    pub fn status(&self, category: &str) -> Option<PaceStatus> {
        let shared = self.shared.as_ref()?;
        let i = shared.table.category_index(category)?;
        let now = Instant::now();
        let mut state = lock(shared);
        let c = &mut state.categories[i];
        Some(PaceStatus {
            category: category.to_string(),
            rate: c.meter.rate(now),
            allowed: c.bucket.rate(now),
            quota: c.bucket.quota(),
            throttled: c.throttled,
        })
    }

    /// The status of every category the run has used so far, in table order.
    pub fn statuses(&self) -> Vec<PaceStatus> {
        let Some(shared) = self.shared.as_ref() else {
            return Vec::new();
        };
        let used: Vec<&str> = {
            let state = lock(shared);
            shared
                .table
                .categories()
                .iter()
                .zip(&state.categories)
                .filter(|(_, c)| c.meter.used())
                .map(|(t, _)| t.name.as_str())
                .collect()
        };
        used.into_iter().filter_map(|c| self.status(c)).collect()
    }

    /// Requests a bulk run of `operation` should keep in flight to spend its category's quota
    /// at the latency seen so far (Little's law); [`MAX_IN_FLIGHT`] when nothing paces it.
    pub fn concurrency(&self, operation: &str) -> usize {
        let Some(shared) = self.shared.as_ref() else {
            return MAX_IN_FLIGHT;
        };
        let Some(i) = self
            .category_of(operation)
            .and_then(|c| shared.table.category_index(c))
        else {
            return MAX_IN_FLIGHT;
        };
        let state = lock(shared);
        let c = &state.categories[i];
        c.latency.target(c.bucket.rate(Instant::now()))
    }

    /// Turns `GetProvisionedLimit` look-ups on or off for the run (on by default; dry runs and
    /// emulators turn them off).
    pub fn set_provisioned_lookup(&self, allowed: bool) {
        if let Some(shared) = &self.shared {
            lock(shared).provisioned.off = !allowed;
        }
    }

    /// Before a call of `operation`: the category and the `GetProvisionedLimit` input to send
    /// when the run should ask (adjustable category, quota not set by the user, not asked yet,
    /// look-ups allowed). Asking is recorded: the next call gets `None`.
    pub fn provisioned_limit_request(&self, operation: &str) -> Option<(String, Value)> {
        let shared = self.shared.as_ref()?;
        let category = self.category_of(operation)?;
        let i = shared.table.category_index(category)?;
        let adjustable = shared.table.categories()[i].adjustable;
        let mut state = lock(shared);
        let source = state.categories[i].source;
        if state.provisioned.off || !adjustable || source != QuotaSource::Default {
            return None;
        }
        state
            .provisioned
            .asked
            .insert(i)
            .then(|| (category.to_string(), provisioned::request(category)))
    }

    /// What `GetProvisionedLimit` answered for `category`: a value becomes the quota, a denial
    /// stops all further look-ups, anything else keeps the default.
    pub fn record_provisioned_limit(
        &self,
        category: &str,
        answer: Result<&Value, LimitLookupError>,
    ) {
        let Some(shared) = self.shared.as_ref() else {
            return;
        };
        let Some(i) = shared.table.category_index(category) else {
            return;
        };
        let mut state = lock(shared);
        match answer {
            Ok(value) => {
                if let Some(rps) = provisioned::rate_of(value) {
                    let c = &mut state.categories[i];
                    if c.source == QuotaSource::Default {
                        c.bucket.set_quota(rps);
                        c.source = QuotaSource::Service;
                    }
                }
            }
            Err(LimitLookupError::AccessDenied) => state.provisioned.off = true,
            Err(LimitLookupError::Other(_)) => {}
        }
    }

    /// The hook the pipeline calls before a call of `operation`: when the run should ask,
    /// `call` performs `GetProvisionedLimit` with the given input and its answer is recorded.
    pub async fn consult_provisioned_limit<F, Fut>(&self, operation: &str, call: F)
    where
        F: FnOnce(Value) -> Fut,
        Fut: Future<Output = Result<Value, LimitLookupError>>,
    {
        if let Some((category, input)) = self.provisioned_limit_request(operation) {
            let answer = call(input).await;
            self.record_provisioned_limit(&category, answer.as_ref().map_err(Clone::clone));
        }
    }

    /// First stage of a call with per-pool or per-user caps: books its turn among the calls
    /// of the same pool operation or user, and returns when that turn comes (`None`: no such
    /// cap). Only then does the call take a place in the category's schedule, so a call held
    /// by its pool or user never holds up the rest of the category.
    fn reserve_turn(&self, keys: &CallKeys, now: Instant) -> Option<Instant> {
        let shared = self.shared.as_ref()?;
        if keys.pool.is_none() && keys.user.is_none() {
            return None;
        }
        let mut guard = lock(shared);
        let state = &mut *guard;
        let (pool, user) = sub_buckets(shared.table, &mut state.pools, &mut state.users, keys, now);
        let at = [&pool, &user]
            .into_iter()
            .flatten()
            .map(|s| s.turns.slot(now))
            .max()
            .unwrap_or(now);
        for s in [pool, user].into_iter().flatten() {
            s.turns.take(at);
        }
        Some(at)
    }

    /// Books the call's slot in its category (and, for capped calls, after the last call sent
    /// on the same pool operation or user); returns when it may go.
    fn reserve(&self, keys: &CallKeys, now: Instant) -> Instant {
        let Some(shared) = self.shared.as_ref() else {
            return now;
        };
        let mut guard = lock(shared);
        let state = &mut *guard;
        let (pool, user) = sub_buckets(shared.table, &mut state.pools, &mut state.users, keys, now);
        let cat = &mut state.categories[keys.category];
        let at = [&pool, &user]
            .into_iter()
            .flatten()
            .map(|s| s.sent.slot(now))
            .fold(cat.bucket.slot(now), Instant::max);
        cat.bucket.take(at);
        cat.meter.record(at);
        for s in [pool, user].into_iter().flatten() {
            s.sent.take(at);
        }
        at
    }

    /// An attempt's outcome: throttling cuts the category (and the pool schedule), and the
    /// latency feeds the concurrency estimate.
    fn observe(&self, keys: &CallKeys, throttled: bool, latency: Option<Duration>) {
        let Some(shared) = self.shared.as_ref() else {
            return;
        };
        let now = Instant::now();
        let mut state = lock(shared);
        if throttled && let Some(s) = keys.pool.as_ref().and_then(|k| state.pools.get_mut(k)) {
            s.turns.throttled(now);
            s.sent.throttled(now);
        }
        let c = &mut state.categories[keys.category];
        if let Some(latency) = latency {
            c.latency.observe(latency);
        }
        if throttled {
            c.throttled += 1;
            c.bucket.throttled(now);
        }
    }
}

fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared.state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The per-pool and per-user schedules of a call, made on first use.
fn sub_buckets<'a>(
    table: &QuotaTable,
    pools: &'a mut HashMap<(String, String), Capped>,
    users: &'a mut HashMap<(UserCap, u64), Capped>,
    keys: &CallKeys,
    now: Instant,
) -> (Option<&'a mut Capped>, Option<&'a mut Capped>) {
    prune(pools, now);
    prune(users, now);
    let category = &table.categories()[keys.category];
    let pool = keys.pool.as_ref().map(|key| {
        let rps = category
            .per_pool_operation_rps
            .unwrap_or(category.default_rps);
        pools.entry(key.clone()).or_insert_with(|| Capped::new(rps))
    });
    let user = keys.user.map(|(cap, id)| {
        users
            .entry((cap, id))
            .or_insert_with(|| Capped::new(table.per_user_rps(cap)))
    });
    (pool, user)
}

/// Drops idle schedules once there are many (an idle schedule is the same as a new one).
fn prune<K>(map: &mut HashMap<K, Capped>, now: Instant) {
    if map.len() >= PRUNE_AT {
        map.retain(|_, s| !(s.turns.idle(now) && s.sent.idle(now)));
    }
}

/// The gate of one call: waits for the call's slot before each attempt.
pub struct PacedCall {
    pacer: Pacer,
    keys: Option<CallKeys>,
    admitted: Cell<Option<Instant>>,
}

impl PacedCall {
    /// Whether this call is paced at all (off, unlimited and unknown operations are not).
    pub fn is_paced(&self) -> bool {
        self.keys.is_some()
    }
}

impl Gate for PacedCall {
    fn admit(&self) -> Pin<Box<dyn Future<Output = ()> + '_>> {
        Box::pin(async move {
            if let Some(keys) = &self.keys {
                if let Some(turn) = self.pacer.reserve_turn(keys, Instant::now())
                    && turn > Instant::now()
                {
                    tokio::time::sleep_until(tokio::time::Instant::from_std(turn)).await;
                }
                let at = self.pacer.reserve(keys, Instant::now());
                if at > Instant::now() {
                    tokio::time::sleep_until(tokio::time::Instant::from_std(at)).await;
                }
            }
            self.admitted.set(Some(Instant::now()));
        })
    }

    fn observe(&self, throttled: bool) {
        let latency = self.admitted.take().map(|t| t.elapsed());
        if let Some(keys) = &self.keys {
            self.pacer.observe(keys, throttled, latency);
        }
    }

    fn throttle_retries(&self) -> u32 {
        if self.keys.is_some() {
            THROTTLE_RETRIES
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests;
