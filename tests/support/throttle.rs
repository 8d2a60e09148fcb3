//! An in-process AdminCreateUser service that throttles above a set rate, like Cognito: a token
//! bucket (`rate` per second, bursts of `rate / 10`) answers HTTP 400 TooManyRequestsException
//! when empty, a second creation of a user is UsernameExistsException, and every accepted
//! creation is recorded with the server's own clock. AdminGetUser (a read, in another quota
//! category) answers whether a user exists and is never throttled.

use std::collections::HashSet;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

use super::http;

struct Bucket {
    tokens: f64,
    last: Instant,
}

#[derive(Default)]
struct Record {
    created: Vec<(Instant, String)>,
    names: HashSet<String>,
}

struct State {
    rate: f64,
    burst: f64,
    bucket: Mutex<Bucket>,
    record: Mutex<Record>,
    throttled: AtomicUsize,
}

pub struct ThrottledServer {
    pub url: String,
    state: Arc<State>,
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
    handle: Option<JoinHandle<()>>,
}

impl ThrottledServer {
    /// A server allowing `rate` creations per second; `existing` users exist from the start.
    pub fn start(rate: f64, existing: &[&str]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let burst = (rate / 10.0).max(1.0);
        let state = Arc::new(State {
            rate,
            burst,
            bucket: Mutex::new(Bucket {
                tokens: burst,
                last: Instant::now(),
            }),
            record: Mutex::new(Record {
                created: Vec::new(),
                names: existing.iter().map(|s| s.to_string()).collect(),
            }),
            throttled: AtomicUsize::new(0),
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

    /// Users created here (not counting the ones that existed), in order.
    pub fn created(&self) -> Vec<(Instant, String)> {
        self.state.record.lock().unwrap().created.clone()
    }

    pub fn throttled(&self) -> usize {
        self.state.throttled.load(Ordering::SeqCst)
    }

    /// Accepted creations per second between the first and the last one, by the server's clock.
    pub fn achieved_rate(&self) -> f64 {
        let created = self.created();
        match (created.first(), created.last()) {
            (Some(first), Some(last)) if created.len() > 1 => {
                (created.len() - 1) as f64 / last.0.duration_since(first.0).as_secs_f64()
            }
            _ => 0.0,
        }
    }
}

impl Drop for ThrottledServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn take_token(state: &State) -> bool {
    let mut b = state.bucket.lock().unwrap();
    let now = Instant::now();
    let refill = now.duration_since(b.last).as_secs_f64() * state.rate;
    b.tokens = (b.tokens + refill).min(state.burst);
    b.last = now;
    if b.tokens >= 1.0 {
        b.tokens -= 1.0;
        true
    } else {
        false
    }
}

fn serve(stream: TcpStream, state: &State) {
    let Some(received) = http::read_request(&stream) else {
        return;
    };
    let request = received.json();
    let name = request["Username"].as_str().unwrap_or_default().to_string();
    let (status, reply) = if received.operation() == "AdminGetUser" {
        // A read: another quota category, never throttled here.
        if state.record.lock().unwrap().names.contains(&name) {
            (200, format!(r#"{{"Username":"{name}","Enabled":true}}"#))
        } else {
            (
                400,
                r#"{"__type":"UserNotFoundException","message":"User does not exist."}"#
                    .to_string(),
            )
        }
    } else if !take_token(state) {
        state.throttled.fetch_add(1, Ordering::SeqCst);
        (
            400,
            r#"{"__type":"TooManyRequestsException","message":"Too many requests"}"#.to_string(),
        )
    } else {
        let mut record = state.record.lock().unwrap();
        if record.names.insert(name.clone()) {
            record.created.push((Instant::now(), name.clone()));
            (
                200,
                format!(r#"{{"User":{{"Username":"{name}","Enabled":true}}}}"#),
            )
        } else {
            (
                400,
                r#"{"__type":"UsernameExistsException","message":"User account already exists"}"#
                    .to_string(),
            )
        }
    };
    http::write_response(&stream, status, &[http::AMZ_JSON], reply.as_bytes());
}
