//! Quota pacing against a server that enforces Cognito's quotas (`support::quota_server`):
//! paced calls through the call service, unchecked. Correctness with generous bounds;
//! the exact achieved-rate figures are in `benches/quota.rs`.

use std::time::Duration;

use pooler::model::QuotaTable;
use pooler::service::pace::{Pacer, QuotaConfig, progress_line};

use crate::support::quota_driver::{bulk, client, create_users, pool_calls, run_local, sequential};
use crate::support::quota_server::QuotaServer;

fn pacer() -> Pacer {
    let pacer = Pacer::new(&QuotaConfig::default());
    pacer.set_provisioned_lookup(false);
    pacer
}

#[test]
fn bulk_creation_spends_the_quota_without_throttling() {
    let server = QuotaServer::cognito_like(Duration::from_millis(5));
    let (client, pacer) = (client(&server.url), pacer());
    let tally = run_local(bulk(
        &client,
        &pacer,
        "AdminCreateUser",
        create_users("us-east-1_a", 250),
        None,
    ));
    let counts = server.counts("UserCreation");
    assert_eq!((tally.ok, tally.failed), (250, 0));
    assert_eq!(counts.accepted.len(), 250);
    assert!(
        counts.throttled * 50 < 250,
        "throttled {} of 250 (2% allowed)",
        counts.throttled
    );
    // Never above the quota; how close it comes (and that there is no ramp) is measured by
    // `cargo bench --bench quota`, not asserted here: a loaded machine only makes it slower.
    let rate = counts.rate();
    assert!(rate <= 1.1 * 50.0, "{rate:.1}/s of 50/s");
}

#[test]
fn a_sequential_loop_of_pool_reads_is_never_throttled() {
    let server = QuotaServer::cognito_like(Duration::from_millis(1));
    let (client, pacer) = (client(&server.url), pacer());
    let tally = run_local(sequential(
        &client,
        &pacer,
        "DescribeUserPool",
        pool_calls("us-east-1_a", 40),
    ));
    let counts = server.counts("UserPoolRead");
    assert_eq!((tally.ok, tally.attempts), (40, 40), "no retries");
    assert_eq!(counts.throttled, 0);
    let rate = counts.rate();
    assert!(rate <= 1.1 * 15.0, "{rate:.1}/s of 15/s");
}

#[test]
fn a_bulk_run_and_a_loop_in_other_categories_do_not_slow_each_other() {
    let server = QuotaServer::cognito_like(Duration::from_millis(5));
    let (client, pacer) = (client(&server.url), pacer());
    let (creates, reads) = run_local(async {
        tokio::join!(
            bulk(
                &client,
                &pacer,
                "AdminCreateUser",
                create_users("us-east-1_a", 150),
                None
            ),
            sequential(&client, &pacer, "ListUsers", pool_calls("us-east-1_a", 90)),
        )
    });
    assert_eq!((creates.ok, reads.ok), (150, 90));
    let (c, r) = (server.counts("UserCreation"), server.counts("UserList"));
    assert_eq!(c.throttled + r.throttled, 0);
    // Each category keeps to its own quota; that neither slows the other is measured by
    // `cargo bench --bench quota`.
    assert!(
        c.rate() <= 1.1 * 50.0,
        "UserCreation {:.1}/s of 50/s",
        c.rate()
    );
    assert!(r.rate() <= 1.1 * 30.0, "UserList {:.1}/s of 30/s", r.rate());
}

#[test]
fn slow_answers_still_reach_the_quota() {
    let server = QuotaServer::cognito_like(Duration::from_millis(200));
    let (client, pacer) = (client(&server.url), pacer());
    let tally = run_local(bulk(
        &client,
        &pacer,
        "AdminCreateUser",
        create_users("us-east-1_a", 200),
        None,
    ));
    assert_eq!(tally.ok, 200);
    let counts = server.counts("UserCreation");
    assert!(
        counts.rate() <= 1.1 * 50.0,
        "{:.1}/s of 50/s",
        counts.rate()
    );
    assert_eq!(counts.throttled, 0);
    // Little's law: about 50/s x 0.2 s = 10 in flight, not a fixed number: more than one at a
    // time (the rate itself is measured by `cargo bench --bench quota`).
    let n = pacer.concurrency("AdminCreateUser");
    assert!((2..=25).contains(&n), "{n} in flight");
}

#[test]
fn one_operation_on_one_pool_goes_at_five_a_second() {
    let server = QuotaServer::cognito_like(Duration::from_millis(2));
    let (client, pacer) = (client(&server.url), pacer());
    let inputs = (0..12)
        .map(|i| serde_json::json!({"UserPoolId": "us-east-1_a", "ClientId": format!("c{i}")}))
        .collect();
    let tally = run_local(bulk(
        &client,
        &pacer,
        "DescribeUserPoolClient",
        inputs,
        Some(12),
    ));
    assert_eq!((tally.ok, tally.attempts), (12, 12), "no throttled retries");
    let counts = server.counts("UserPoolClientRead");
    assert_eq!(counts.throttled, 0);
    assert!(counts.rate() <= 5.5, "{:.1}/s on one pool", counts.rate());
}

#[test]
fn a_shared_account_throttles_and_the_pacer_slows_down() {
    // Someone else spends part of the quota: the service allows this run 30/s, not 50/s.
    let server = QuotaServer::start(&[("UserCreation", 30.0)], &[], Duration::from_millis(5));
    let (client, pacer) = (client(&server.url), pacer());
    let tally = run_local(bulk(
        &client,
        &pacer,
        "AdminCreateUser",
        create_users("us-east-1_a", 200),
        None,
    ));
    assert_eq!(
        (tally.ok, tally.failed),
        (200, 0),
        "throttled calls are retried"
    );
    let counts = server.counts("UserCreation");
    assert!(counts.throttled > 0);
    assert!(
        counts.throttled * 5 < 200,
        "{} throttled: the cut rate stops most of them",
        counts.throttled
    );
    let status = pacer.status("UserCreation").unwrap();
    assert_eq!(status.throttled, counts.throttled as u64);
    assert!(status.allowed < 50.0, "{}", progress_line(&status));
}

#[test]
fn quota_none_does_not_pace() {
    let server = QuotaServer::start(&[], &[], Duration::ZERO);
    let client = client(&server.url);
    let pacer = Pacer::new(&QuotaConfig::off());
    let tally = run_local(sequential(
        &client,
        &pacer,
        "DescribeUserPool",
        pool_calls("us-east-1_a", 60),
    ));
    assert_eq!(tally.ok, 60);
    // Nothing paced: no category state at all (the speed is measured by the quota bench).
    assert!(pacer.is_off());
    assert!(pacer.statuses().is_empty());
    assert!(QuotaTable::embedded().category("UserPoolRead").is_some());
}
