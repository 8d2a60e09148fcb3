//! Peak memory of decoding a large response (std and libc only, no assertions): `pooler eval`
//! of one ListUserPools against an in-process endpoint on 127.0.0.1 whose body is an array of
//! 999,999 zeros (2 MB, just under the array limit), beside the same call with a one-element
//! body. Prints each child's peak RSS and the difference as a multiple of the body size.
//! Run with `cargo bench --bench response_memory` (or `--profile dev` for the debug build).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::Command;

/// `{"UserPools":[0,0,…]}` with `n` zeros.
fn body(n: usize) -> String {
    format!("{{\"UserPools\":[{}]}}", vec!["0"; n].join(","))
}

/// Serves `body` to every request on a loopback port; returns the endpoint URL.
fn serve(body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut length = 0usize;
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap_or(0);
                }
                line.clear();
            }
            let mut request = vec![0u8; length];
            let _ = reader.read_exact(&mut request);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let mut stream = reader.into_inner();
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    url
}

/// The peak RSS (KB) of the largest child waited for so far.
fn children_peak_kb() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid, writable rusage for the call to fill.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss
}

/// Runs one ListUserPools against `url` in a child pooler; returns its exit code.
fn call(url: &str) -> i32 {
    let dir = std::env::temp_dir();
    Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(["--endpoint-url", url, "eval"])
        .arg("cognito.list_user_pools(#{MaxResults: 60}).UserPools.len()")
        .env("AWS_ACCESS_KEY_ID", "AKIDBENCHMARK")
        .env("AWS_SECRET_ACCESS_KEY", "bench-secret-not-a-real-key")
        .env("AWS_REGION", "us-west-2")
        .env("AWS_CONFIG_FILE", dir.join("pooler-bench-none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("pooler-bench-none"))
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run pooler")
        .code()
        .unwrap_or(-1)
}

fn main() {
    // `cargo test --all-targets` runs this binary too; measure only under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!(
            "response memory benchmark: skipped (run it with `cargo bench --bench response_memory`)"
        );
        return;
    }
    // The small call first: RUSAGE_CHILDREN keeps the largest child's peak.
    assert_eq!(call(&serve(body(1))), 0);
    let small = children_peak_kb();
    let large = body(999_999);
    let bytes = large.len();
    assert_eq!(call(&serve(large)), 0);
    let peak = children_peak_kb();
    let extra = (peak - small) * 1024;
    println!("ListUserPools, 1 zero:        peak RSS {small:>8} KB");
    println!(
        "ListUserPools, 999,999 zeros: peak RSS {peak:>8} KB ({} KB body; {:.1}x the body above the 1-zero call)",
        bytes / 1024,
        extra as f64 / bytes as f64
    );
}
