//! Quota pacing against a server that enforces Cognito's quotas (tests/support/quota_server.rs):
//! prints, per scenario, the rate the server accepted against the quota, throttled answers and
//! the time taken. No assertions: `tests/quota.rs` checks correctness.
//! Run with `cargo bench --bench quota` (about a minute: the quotas set the pace).

use std::time::{Duration, Instant};

use pooler::service::pace::{Pacer, QuotaConfig, progress_line};

#[path = "../tests/support/http.rs"]
#[allow(dead_code)]
mod http;
#[path = "../tests/support/quota_driver.rs"]
#[allow(dead_code)]
mod quota_driver;
#[path = "../tests/support/quota_server.rs"]
#[allow(dead_code)]
mod quota_server;

use quota_driver::{Tally, bulk, client, create_users, pool_calls, run_local, sequential};
use quota_server::{Counts, QuotaServer};

fn pacer() -> Pacer {
    let pacer = Pacer::new(&QuotaConfig::default());
    pacer.set_provisioned_lookup(false);
    pacer
}

fn report(name: &str, counts: &Counts, quota: f64, tally: &Tally, took: Duration) {
    let calls = tally.ok + tally.failed;
    let first_2s = counts
        .accepted
        .first()
        .map(|&t| counts.rate_within(t, Duration::from_secs(2)))
        .unwrap_or(0.0);
    println!(
        "{name:<44} {:>6.2}/s of {quota:>3}/s = {:>5.1}%  first 2 s {:>5.1}%  throttled {:>3} of {calls} ({:.2}%)  {:>6.2} s",
        counts.rate(),
        100.0 * counts.rate() / quota,
        100.0 * first_2s / quota,
        counts.throttled,
        100.0 * counts.throttled as f64 / calls.max(1) as f64,
        took.as_secs_f64(),
    );
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    // `cargo test --all-targets` runs this binary too; measure only under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("quota benchmarks: skipped (run them with `cargo bench --bench quota`)");
        return;
    }

    // 1. Bulk creation at 50/s, answers in 5 ms.
    let server = QuotaServer::cognito_like(Duration::from_millis(5));
    let (c, p) = (client(&server.url), pacer());
    let (tally, took) = timed(|| {
        run_local(bulk(
            &c,
            &p,
            "AdminCreateUser",
            create_users("us-east-1_a", 1000),
            None,
        ))
    });
    report(
        "bulk 1000 AdminCreateUser, 5 ms",
        &server.counts("UserCreation"),
        50.0,
        &tally,
        took,
    );
    drop(server);

    // 2. A sequential loop of pool reads at 15/s.
    let server = QuotaServer::cognito_like(Duration::from_millis(1));
    let (c, p) = (client(&server.url), pacer());
    let (tally, took) = timed(|| {
        run_local(sequential(
            &c,
            &p,
            "DescribeUserPool",
            pool_calls("us-east-1_a", 150),
        ))
    });
    report(
        "loop 150 DescribeUserPool, 1 ms",
        &server.counts("UserPoolRead"),
        15.0,
        &tally,
        took,
    );
    drop(server);

    // 3. A bulk run and a loop in other categories, at the same time.
    let server = QuotaServer::cognito_like(Duration::from_millis(5));
    let (c, p) = (client(&server.url), pacer());
    let ((creates, lists), took) = timed(|| {
        run_local(async {
            tokio::join!(
                bulk(
                    &c,
                    &p,
                    "AdminCreateUser",
                    create_users("us-east-1_a", 500),
                    None
                ),
                sequential(&c, &p, "ListUsers", pool_calls("us-east-1_a", 300)),
            )
        })
    });
    report(
        "together: bulk 500 AdminCreateUser",
        &server.counts("UserCreation"),
        50.0,
        &creates,
        took,
    );
    report(
        "together: loop 300 ListUsers",
        &server.counts("UserList"),
        30.0,
        &lists,
        took,
    );
    drop(server);

    // 4. Slow answers: 200 ms each.
    let server = QuotaServer::cognito_like(Duration::from_millis(200));
    let (c, p) = (client(&server.url), pacer());
    let (tally, took) = timed(|| {
        run_local(bulk(
            &c,
            &p,
            "AdminCreateUser",
            create_users("us-east-1_a", 500),
            None,
        ))
    });
    report(
        "bulk 500 AdminCreateUser, 200 ms",
        &server.counts("UserCreation"),
        50.0,
        &tally,
        took,
    );
    println!(
        "{:<44} {} in flight at the end (Little's law: 50/s x 0.2 s = 10, with headroom)",
        "",
        p.concurrency("AdminCreateUser")
    );
    drop(server);

    // 5. One operation on one pool: 5/s.
    let server = QuotaServer::cognito_like(Duration::from_millis(2));
    let (c, p) = (client(&server.url), pacer());
    let inputs = (0..50)
        .map(|i| serde_json::json!({"UserPoolId": "us-east-1_a", "ClientId": format!("c{i}")}))
        .collect();
    let (tally, took) =
        timed(|| run_local(bulk(&c, &p, "DescribeUserPoolClient", inputs, Some(16))));
    report(
        "bulk 50 DescribeUserPoolClient, one pool",
        &server.counts("UserPoolClientRead"),
        5.0,
        &tally,
        took,
    );
    drop(server);

    // 6. A shared account: the service allows this run only 30 of the 50/s.
    let server = QuotaServer::start(&[("UserCreation", 30.0)], &[], Duration::from_millis(5));
    let (c, p) = (client(&server.url), pacer());
    let (tally, took) = timed(|| {
        run_local(bulk(
            &c,
            &p,
            "AdminCreateUser",
            create_users("us-east-1_a", 600),
            None,
        ))
    });
    report(
        "shared account (30/s left), bulk 600",
        &server.counts("UserCreation"),
        30.0,
        &tally,
        took,
    );
    if let Some(status) = p.status("UserCreation") {
        println!("{:<44} progress: {}", "", progress_line(&status));
    }
    drop(server);

    // 7. --quota none against a local endpoint that never throttles: bulk vs a plain loop.
    let server = QuotaServer::start(&[], &[], Duration::ZERO);
    let (c, off) = (client(&server.url), Pacer::new(&QuotaConfig::off()));
    let (_, loop_took) = timed(|| {
        run_local(sequential(
            &c,
            &off,
            "DescribeUserPool",
            pool_calls("us-east-1_a", 1000),
        ))
    });
    let (_, bulk_took) = timed(|| {
        run_local(bulk(
            &c,
            &off,
            "DescribeUserPool",
            pool_calls("us-east-1_a", 1000),
            Some(16),
        ))
    });
    println!(
        "{:<44} loop {:>7.0} calls/s ({:.2} s), bulk {:>7.0} calls/s ({:.2} s)",
        "--quota none, 1000 DescribeUserPool, local",
        1000.0 / loop_took.as_secs_f64(),
        loop_took.as_secs_f64(),
        1000.0 / bulk_took.as_secs_f64(),
        bulk_took.as_secs_f64(),
    );
}
