//! A canned JSON-protocol endpoint for bench/compare.py: std only, one thread per connection,
//! HTTP/1.1 keep-alive, every POST answered with the same CreateUserPool-like body. Fast enough
//! not to be the bottleneck of the concurrent bulk runner (Python's server is, at a few
//! thousand requests per second).
//!
//!     rustc -O -o canned_server bench/canned_server.rs
//!     canned_server serve            # prints `PORT` on stdout, serves until stdin closes
//!     canned_server capacity N C     # its own rate: N requests over C keep-alive connections

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Instant;

const BODY: &str = r#"{"UserPool":{"Id":"us-west-2_Bench0001","Name":"MyTestPool","Arn":"arn:aws:cognito-idp:us-west-2:000000000000:userpool/us-west-2_Bench0001"}}"#;

/// Reads one request (headers, then `Content-Length` bytes); false at end of stream.
fn read_request(reader: &mut BufReader<TcpStream>, line: &mut String) -> bool {
    let mut length = 0usize;
    loop {
        line.clear();
        match reader.read_line(line) {
            Ok(0) | Err(_) => return false,
            Ok(_) => {}
        }
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((name, value)) = trimmed.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).is_ok()
}

fn serve_connection(stream: TcpStream, reply: Arc<Vec<u8>>) {
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while read_request(&mut reader, &mut line) {
        if writer.write_all(&reply).is_err() {
            return;
        }
    }
}

fn reply() -> Arc<Vec<u8>> {
    Arc::new(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n\
             x-amzn-RequestId: bench\r\nContent-Length: {}\r\n\r\n{BODY}",
            BODY.len()
        )
        .into_bytes(),
    )
}

fn start() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("local address").port();
    let reply = reply();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let reply = Arc::clone(&reply);
            std::thread::spawn(move || serve_connection(stream, reply));
        }
    });
    port
}

/// Sends `n` small POSTs over one keep-alive connection, reading each reply.
fn client(port: u16, n: usize) {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let _ = stream.set_nodelay(true);
    let mut writer = stream.try_clone().expect("clone");
    let mut reader = BufReader::new(stream);
    let body = r#"{"UserPoolId":"us-west-2_Bench0001","Username":"u"}"#;
    let request = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut line = String::new();
    for _ in 0..n {
        writer.write_all(request.as_bytes()).expect("send");
        assert!(read_request(&mut reader, &mut line), "reply");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("serve") => {
            println!("{}", start());
            // Serve until the parent closes our stdin.
            let mut sink = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut sink);
        }
        Some("capacity") => {
            let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20_000);
            let c: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(16);
            let port = start();
            let begin = Instant::now();
            let clients: Vec<_> = (0..c)
                .map(|_| std::thread::spawn(move || client(port, n / c)))
                .collect();
            for t in clients {
                t.join().expect("client thread");
            }
            let secs = begin.elapsed().as_secs_f64();
            println!("{:.0}", (n / c * c) as f64 / secs);
        }
        _ => {
            eprintln!("usage: canned_server serve | capacity N CONNECTIONS");
            std::process::exit(2);
        }
    }
}
