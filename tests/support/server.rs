//! A tiny in-process HTTP server on 127.0.0.1 that answers canned responses in order and records
//! what it received; it stops when dropped.

use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// One canned answer.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// How long to wait before answering.
    pub delay_ms: u64,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), "application/x-amz-json-1.1".into())],
            body: body.to_string(),
            delay_ms: 0,
        }
    }

    /// This reply, sent only after `ms` milliseconds.
    pub fn delayed(mut self, ms: u64) -> Self {
        self.delay_ms = ms;
        self
    }
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The operation named by `X-Amz-Target` (`AdminCreateUser`), or "".
    pub fn operation(&self) -> &str {
        super::http::operation_of(self.header("x-amz-target").unwrap_or_default())
    }
}

pub struct Server {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    /// Requests read so far, counted before their reply's delay (a barrier for tests that
    /// act while a request is in flight).
    arrived: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
    handle: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `replies` in order; once they run out, the last one repeats.
    pub fn start(replies: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let arrived = Arc::new(AtomicUsize::new(0));
        let (seen2, stop2, arrived2) = (seen.clone(), stop.clone(), arrived.clone());
        let handle = std::thread::spawn(move || {
            let mut n = 0;
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let reply = replies[n.min(replies.len() - 1)].clone();
                n += 1;
                if let Some(req) = serve(stream, &reply, &arrived2) {
                    seen2.lock().unwrap().push(req);
                }
            }
        });
        Self {
            url: format!("http://{addr}"),
            seen,
            arrived,
            stop,
            addr,
            handle: Some(handle),
        }
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Blocks until `n` requests have been read (their replies may still be delayed); fails
    /// the test if they have not come within 10 s.
    pub fn wait_for_requests(&self, n: usize) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while self.arrived.load(Ordering::SeqCst) < n {
            assert!(
                std::time::Instant::now() < deadline,
                "the test server received {} of {n} expected request(s)",
                self.arrived.load(Ordering::SeqCst)
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn serve(stream: TcpStream, reply: &Reply, arrived: &AtomicUsize) -> Option<Seen> {
    let request = super::http::read_request(&stream)?;
    arrived.fetch_add(1, Ordering::SeqCst);
    std::thread::sleep(std::time::Duration::from_millis(reply.delay_ms));
    let headers: Vec<(&str, &str)> = reply
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    super::http::write_response(&stream, reply.status, &headers, reply.body.as_bytes());
    Some(Seen {
        body: String::from_utf8_lossy(&request.body).into_owned(),
        headers: request.headers,
    })
}
