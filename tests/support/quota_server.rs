//! An in-process Cognito stand-in on 127.0.0.1 that enforces request-rate quotas the way the
//! service does: a token bucket per category (refilled at the quota, holding `max(2, rate/10)`
//! requests), optionally a bucket per (operation, user pool), answering HTTP 400
//! `TooManyRequestsException` when a bucket is empty, after a configurable delay. It counts
//! accepted and throttled requests per category, with the server's own clock, and stops when
//! dropped. Operations are classified with pooler's quota table; unlisted categories are free.

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use pooler::model::{Classified, QuotaTable};

use super::http;

struct Bucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl Bucket {
    fn new(rate: f64) -> Bucket {
        let burst = (rate / 10.0).max(2.0);
        Bucket {
            rate,
            burst,
            tokens: burst,
            last: Instant::now(),
        }
    }

    fn take(&mut self, now: Instant) -> bool {
        let refill = now.duration_since(self.last).as_secs_f64() * self.rate;
        self.tokens = (self.tokens + refill).min(self.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// What happened in one category.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    /// When each accepted request was answered (server clock).
    pub accepted: Vec<Instant>,
    pub throttled: usize,
}

impl Counts {
    /// Accepted requests per second between the first and the last acceptance.
    pub fn rate(&self) -> f64 {
        match (self.accepted.first(), self.accepted.last()) {
            (Some(first), Some(last)) if self.accepted.len() > 1 => {
                (self.accepted.len() - 1) as f64 / last.duration_since(*first).as_secs_f64()
            }
            _ => 0.0,
        }
    }

    /// Accepted requests per second from `start` over `span` (the quota bench's early-rate figure;
    /// the tests assert no throughput lower bounds, so only `benches/quota.rs` calls it).
    #[allow(dead_code)]
    pub fn rate_within(&self, start: Instant, span: Duration) -> f64 {
        let end = start + span;
        let n = self
            .accepted
            .iter()
            .filter(|&&t| t >= start && t <= end)
            .count();
        n as f64 / span.as_secs_f64()
    }
}

struct Limits {
    categories: HashMap<String, Bucket>,
    per_pool_rate: HashMap<String, f64>,
    pools: HashMap<(String, String), Bucket>,
}

struct State {
    table: &'static QuotaTable,
    delay: Duration,
    limits: Mutex<Limits>,
    counts: Mutex<HashMap<String, Counts>>,
}

/// The server; see the module doc.
pub struct QuotaServer {
    pub url: String,
    state: Arc<State>,
    stop: Arc<AtomicBool>,
    addr: SocketAddr,
    handle: Option<JoinHandle<()>>,
}

impl QuotaServer {
    /// A server enforcing `categories` (name, requests per second) and, for `per_pool`
    /// operations (name, requests per second), a bucket per user pool; every answer waits
    /// `delay` first.
    pub fn start(categories: &[(&str, f64)], per_pool: &[(&str, f64)], delay: Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let state = Arc::new(State {
            table: QuotaTable::embedded(),
            delay,
            limits: Mutex::new(Limits {
                categories: categories
                    .iter()
                    .map(|(name, rate)| (name.to_string(), Bucket::new(*rate)))
                    .collect(),
                per_pool_rate: per_pool
                    .iter()
                    .map(|(op, r)| (op.to_string(), *r))
                    .collect(),
                pools: HashMap::new(),
            }),
            counts: Mutex::new(HashMap::new()),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let (state2, stop2) = (state.clone(), stop.clone());
        let handle = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let state = state2.clone();
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        Self {
            url: format!("http://{addr}"),
            state,
            stop,
            addr,
            handle: Some(handle),
        }
    }

    /// A server with the issue's quotas: UserCreation 50/s, UserPoolRead 15/s, UserList 30/s,
    /// and DescribeUserPoolClient 5/s per user pool (UserPoolClientRead 15/s).
    pub fn cognito_like(delay: Duration) -> Self {
        Self::start(
            &[
                ("UserCreation", 50.0),
                ("UserPoolRead", 15.0),
                ("UserList", 30.0),
                ("UserPoolClientRead", 15.0),
            ],
            &[("DescribeUserPoolClient", 5.0)],
            delay,
        )
    }

    /// What happened in `category` so far.
    pub fn counts(&self, category: &str) -> Counts {
        self.state
            .counts
            .lock()
            .unwrap()
            .get(category)
            .cloned()
            .unwrap_or_default()
    }
}

impl Drop for QuotaServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Whether the request may pass; counts it either way.
fn admit(state: &State, operation: &str, pool: Option<&str>) -> bool {
    let category = match state.table.classify(operation) {
        Classified::Category(c) => c.name.clone(),
        _ => "(unclassified)".to_string(),
    };
    let now = Instant::now();
    let ok = {
        let mut limits = state.limits.lock().unwrap();
        let per_pool = limits.per_pool_rate.get(operation).copied();
        let pool_ok = match (per_pool, pool) {
            (Some(rate), Some(pool)) => limits
                .pools
                .entry((operation.to_string(), pool.to_string()))
                .or_insert_with(|| Bucket::new(rate))
                .take(now),
            _ => true,
        };
        let category_ok = limits
            .categories
            .get_mut(&category)
            .is_none_or(|b| b.take(now));
        pool_ok && category_ok
    };
    let mut counts = state.counts.lock().unwrap();
    let entry = counts.entry(category).or_default();
    if ok {
        entry.accepted.push(now);
    } else {
        entry.throttled += 1;
    }
    ok
}

fn serve(stream: TcpStream, state: &State) {
    let Some(received) = http::read_request(&stream) else {
        return;
    };
    let operation = received.operation().to_string();
    let request = received.json();
    let pool = request["UserPoolId"].as_str();
    let passed = admit(state, &operation, pool);
    std::thread::sleep(state.delay);
    let (status, reply) = if passed {
        (200, "{}".to_string())
    } else {
        (
            400,
            r#"{"__type":"TooManyRequestsException","message":"Too many requests"}"#.to_string(),
        )
    };
    http::write_response(&stream, status, &[http::AMZ_JSON], reply.as_bytes());
}
