//! The pacer's schedules, checked on the booked moments (no sleeping, no timing).

use std::time::Duration;

use serde_json::json;

use super::*;

fn pacer(flags: &[&str]) -> Pacer {
    let flags: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
    Pacer::new(&QuotaConfig::resolve(QuotaTable::embedded(), &flags, None, None).unwrap())
}

fn keys(p: &Pacer, op: &str, input: serde_json::Value) -> CallKeys {
    p.gate(op, &input).keys.expect("paced")
}

/// One call issued at `now`: it waits for its turn (per-pool / per-user caps), then books its
/// category slot; returns when it goes.
fn book(p: &Pacer, key: &CallKeys, now: Instant) -> Instant {
    let turn = p.reserve_turn(key, now).unwrap_or(now);
    p.reserve(key, turn)
}

/// The gaps between `n` calls of `key` issued at once, in milliseconds.
fn gaps(p: &Pacer, key: &CallKeys, n: usize) -> Vec<f64> {
    let now = Instant::now();
    let times: Vec<Instant> = (0..n).map(|_| book(p, key, now)).collect();
    times
        .windows(2)
        .map(|w| w[1].duration_since(w[0]).as_secs_f64() * 1e3)
        .collect()
}

impl Pacer {
    fn reserve_now(&self, key: &CallKeys) -> Instant {
        book(self, key, Instant::now())
    }
}

#[test]
fn a_category_starts_at_its_quota() {
    let p = pacer(&[]);
    let k = keys(
        &p,
        "AdminCreateUser",
        json!({"UserPoolId": "p", "Username": "u"}),
    );
    for gap in gaps(&p, &k, 50) {
        assert!((gap - 20.0).abs() < 0.01, "50/s is 20 ms apart, got {gap}");
    }
    assert_eq!(p.quota("UserCreation"), Some((50.0, QuotaSource::Default)));
}

#[test]
fn every_operation_of_a_category_shares_its_schedule() {
    let p = pacer(&["UserPoolRead=10"]);
    let a = keys(&p, "DescribeUserPool", json!({"UserPoolId": "p"}));
    let b = keys(&p, "ListUserPools", json!({"MaxResults": 10}));
    let t0 = p.reserve_now(&a);
    let t1 = p.reserve_now(&b);
    let t2 = p.reserve_now(&a);
    assert_eq!(t1.duration_since(t0), Duration::from_millis(100));
    assert_eq!(t2.duration_since(t1), Duration::from_millis(100));
}

#[test]
fn categories_do_not_wait_for_each_other() {
    let p = pacer(&[]);
    let create = keys(
        &p,
        "AdminCreateUser",
        json!({"UserPoolId": "p", "Username": "u"}),
    );
    let read = keys(&p, "DescribeUserPool", json!({"UserPoolId": "p"}));
    let start = Instant::now();
    for _ in 0..100 {
        p.reserve_now(&create);
    }
    // UserCreation is booked two seconds ahead; UserPoolRead still goes at once.
    assert!(p.reserve_now(&read).duration_since(start) < Duration::from_millis(50));
}

#[test]
fn per_pool_operations_are_capped_at_five_a_second() {
    let p = pacer(&[]);
    let pool_a = keys(
        &p,
        "DescribeUserPoolClient",
        json!({"UserPoolId": "a", "ClientId": "c"}),
    );
    let pool_b = keys(
        &p,
        "DescribeUserPoolClient",
        json!({"UserPoolId": "b", "ClientId": "c"}),
    );
    let other_op = keys(&p, "ListUserPoolClients", json!({"UserPoolId": "a"}));
    let t0 = Instant::now();
    // Five calls on pool a issued at once get turns 200 ms apart.
    let turns: Vec<Instant> = (0..5)
        .map(|_| p.reserve_turn(&pool_a, t0).unwrap())
        .collect();
    for (i, turn) in turns.iter().enumerate() {
        let ms = turn.duration_since(t0).as_secs_f64() * 1e3;
        assert!((ms - 200.0 * i as f64).abs() < 0.01, "turn {i} at {ms} ms");
    }
    assert_eq!(p.reserve(&pool_a, turns[0]), t0);
    // Another pool, or another operation on the same pool, waits only for the category
    // (15/s: 67 ms apart), not for pool a's turns.
    let b = book(&p, &pool_b, t0);
    let other = book(&p, &other_op, t0);
    assert!(b.duration_since(t0) < Duration::from_millis(70));
    assert!(other.duration_since(t0) < Duration::from_millis(140));
    // Pool a's later calls go at their turns.
    for turn in &turns[1..] {
        let went = p.reserve(&pool_a, *turn);
        assert!(
            went.duration_since(*turn) < Duration::from_micros(1),
            "{went:?} {turn:?}"
        );
    }
}

#[test]
fn a_call_held_by_its_category_keeps_the_pool_spacing() {
    let p = pacer(&[]);
    let pool_a = keys(&p, "GetGroup", json!({"UserPoolId": "a", "GroupName": "g"}));
    let t0 = Instant::now();
    // The category (20/s) is busy for a second with other pools' calls.
    for i in 0..20 {
        let other = keys(
            &p,
            "GetGroup",
            json!({"UserPoolId": format!("p{i}"), "GroupName": "g"}),
        );
        book(&p, &other, t0);
    }
    let first = book(&p, &pool_a, t0);
    let second = book(&p, &pool_a, t0);
    assert!(first.duration_since(t0) >= Duration::from_millis(999));
    assert!(second.duration_since(first) >= Duration::from_millis(199));
}

#[test]
fn per_user_writes_are_capped_at_ten_a_second() {
    let p = pacer(&[]);
    let one = keys(
        &p,
        "AdminUpdateUserAttributes",
        json!({"UserPoolId": "p", "Username": "u"}),
    );
    for gap in gaps(&p, &one, 5) {
        assert!(
            (gap - 100.0).abs() < 0.01,
            "10/s per user is 100 ms apart, got {gap}"
        );
    }
    let p = pacer(&[]);
    let other = keys(
        &p,
        "AdminUpdateUserAttributes",
        json!({"UserPoolId": "p", "Username": "v"}),
    );
    let t0 = Instant::now();
    book(&p, &one, t0);
    let one_more = p.reserve_turn(&one, t0).unwrap();
    assert!(
        one_more.duration_since(t0) >= Duration::from_millis(99),
        "user u waits its turn"
    );
    // User v waits only for the category (25/s), not for user u.
    assert!(book(&p, &other, t0).duration_since(t0) < Duration::from_millis(100));
}

#[test]
fn throttling_cuts_the_category_and_it_shows() {
    let p = pacer(&["UserList=40"]);
    let k = keys(&p, "ListUsers", json!({"UserPoolId": "p"}));
    p.observe(&k, true, Some(Duration::from_millis(5)));
    let gap = gaps(&p, &k, 2)[0];
    assert!(
        (gap - 1000.0 / 30.0).abs() < 0.5,
        "cut to 30/s, got a {gap} ms gap"
    );
    let status = p.status("UserList").unwrap();
    assert_eq!(status.throttled, 1);
    assert_eq!(status.quota, 40.0);
    assert!(status.allowed < 31.0, "{status:?}");
    assert!(
        progress_line(&status).contains("slowed to"),
        "{}",
        progress_line(&status)
    );
}

#[test]
fn quota_none_paces_nothing() {
    let p = Pacer::new(&QuotaConfig::off());
    assert!(p.is_off());
    let gate = p.gate("AdminCreateUser", &json!({}));
    assert!(!gate.is_paced());
    assert_eq!(gate.throttle_retries(), 0);
    assert_eq!(p.status("UserCreation"), None);
    assert_eq!(p.concurrency("AdminCreateUser"), MAX_IN_FLIGHT);
}

#[test]
fn unlimited_operations_are_not_paced() {
    let p = pacer(&[]);
    let gate = p.gate("GetProvisionedLimit", &json!({}));
    assert!(!gate.is_paced());
    assert!(p.gate("AdminCreateUser", &json!({})).throttle_retries() > 0);
}

#[test]
fn the_gate_waits_for_its_slot() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let p = pacer(&["UserPoolRead=20"]);
    let input = json!({"UserPoolId": "p"});
    rt.block_on(async {
        let start = Instant::now();
        for _ in 0..3 {
            let gate = p.gate("DescribeUserPool", &input);
            gate.admit().await;
            gate.observe(false);
        }
        // Three calls at 20/s: the third goes 100 ms after the first.
        assert!(start.elapsed() >= Duration::from_millis(100));
    });
    assert!(p.status("UserPoolRead").unwrap().rate > 0.0);
    let used: Vec<String> = p.statuses().into_iter().map(|s| s.category).collect();
    assert_eq!(used, ["UserPoolRead"]);
}

#[test]
fn concurrency_follows_the_latency_seen() {
    let p = pacer(&[]);
    let k = keys(
        &p,
        "AdminCreateUser",
        json!({"UserPoolId": "p", "Username": "u"}),
    );
    for _ in 0..30 {
        p.observe(&k, false, Some(Duration::from_millis(200)));
    }
    // 50/s x 0.2 s = 10 in flight, with headroom.
    let n = p.concurrency("AdminCreateUser");
    assert!((10..=20).contains(&n), "{n}");
    for _ in 0..30 {
        p.observe(&k, false, Some(Duration::from_millis(5)));
    }
    assert!(p.concurrency("AdminCreateUser") <= 3);
}

#[test]
fn provisioned_limits_are_asked_once_per_adjustable_category() {
    let p = pacer(&["UserRead=99"]);
    let (category, input) = p.provisioned_limit_request("AdminCreateUser").unwrap();
    assert_eq!(category, "UserCreation");
    assert_eq!(input["LimitDefinition"]["LimitClass"], "API_CATEGORY");
    assert_eq!(p.provisioned_limit_request("SignUp"), None, "asked already");
    assert_eq!(
        p.provisioned_limit_request("ListUsers"),
        None,
        "not adjustable"
    );
    assert_eq!(
        p.provisioned_limit_request("AdminGetUser"),
        None,
        "set by --quota"
    );
    p.record_provisioned_limit(
        "UserCreation",
        Ok(&json!({"Limit": {"ProvisionedLimitValue": 80, "FreeLimitValue": 50}})),
    );
    assert_eq!(p.quota("UserCreation"), Some((80.0, QuotaSource::Service)));
}

#[test]
fn access_denied_stops_the_look_ups() {
    let p = pacer(&[]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let calls = std::cell::Cell::new(0);
    rt.block_on(async {
        for op in ["AdminCreateUser", "AdminGetUser", "InitiateAuth"] {
            p.consult_provisioned_limit(op, |_| {
                calls.set(calls.get() + 1);
                async { Err(LimitLookupError::AccessDenied) }
            })
            .await;
        }
    });
    assert_eq!(calls.get(), 1);
    assert_eq!(p.quota("UserCreation"), Some((50.0, QuotaSource::Default)));
}

#[test]
fn other_failures_keep_the_default_and_are_not_retried() {
    let p = pacer(&[]);
    p.set_provisioned_lookup(true);
    let (category, _) = p.provisioned_limit_request("AdminGetUser").unwrap();
    p.record_provisioned_limit(&category, Err(LimitLookupError::Other("Unknown".into())));
    assert_eq!(p.quota("UserRead"), Some((120.0, QuotaSource::Default)));
    assert_eq!(p.provisioned_limit_request("GetUser"), None);
    assert!(p.provisioned_limit_request("AdminCreateUser").is_some());
    p.set_provisioned_lookup(false);
    assert_eq!(p.provisioned_limit_request("InitiateAuth"), None);
}
