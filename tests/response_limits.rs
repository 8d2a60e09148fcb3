//! Response bodies are decoded under the scripts' array, map and string limits
//! (`--max-array-size`, `--max-map-size`, `--max-string-size`): a body over one is an error
//! naming the limit and the operation (exit 6), refused while decoding.

use crate::support::Test;
use crate::support::server::{Reply, Server};

fn list_pools(body: String, limit: &[&str]) -> crate::support::Output {
    let server = Server::start(vec![Reply::json(200, &body)]);
    Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .args(["--endpoint-url", server.url.as_str()])
        .args(limit.iter().copied())
        .args([
            "eval",
            "cognito.list_user_pools(#{MaxResults: 60}).UserPools.len()",
        ])
        .run()
}

/// Runs a script printing `EXPR` and then its own peak RSS in KB (`VmHWM`, read from
/// /proc/self/status: the test binary's memory, shared before the exec, is not in it) against a
/// server answering `body` once; returns the output and the peak.
fn run_measuring_peak(body: &str, expr: &str) -> (crate::support::Output, i64) {
    let server = Server::start(vec![Reply::json(200, body)]);
    let script = format!(
        "print({expr});\n\
         let hwm = read_file(\"/proc/self/status\").split(\"\\n\")\
         .filter(|l| l.starts_with(\"VmHWM:\"))[0];\n\
         print(hwm.split(\" \").filter(|w| w != \"\")[1]);\n"
    );
    let out = Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .script(&script)
        .args(["--endpoint-url", server.url.as_str(), "run", "script.rhai"])
        .run();
    let (first, peak) = out.stdout.split_once('\n').unwrap_or(("", ""));
    let peak = peak
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("no peak: {out:?}"));
    let out = crate::support::Output {
        stdout: format!("{first}\n"),
        ..out
    };
    (out, peak)
}

/// Peak memory above a one-element answer, for an answer of 999,999 zeros (2 MB, just under
/// the array limit) to `expr`: it stays under 10x the body (the issue's bound). `expr` prints
/// `small` and `large` for the two answers.
fn peak_stays_under_ten_times_the_body(expr: &str, small: &str, large: &str) {
    let (small_out, small_kb) = run_measuring_peak(&zeros(1), expr);
    let small_seen = (
        small_out.code,
        small_out.stdout.as_str(),
        small_out.stderr.as_str(),
    );
    assert_eq!(small_seen, (0, small, ""));
    let body = zeros(999_999);
    let (large_out, large_kb) = run_measuring_peak(&body, expr);
    let large_seen = (
        large_out.code,
        large_out.stdout.as_str(),
        large_out.stderr.as_str(),
    );
    assert_eq!(large_seen, (0, large, ""));
    let extra = (large_kb - small_kb) * 1024;
    let times = extra as f64 / body.len() as f64;
    assert!(
        times < 10.0,
        "{extra} bytes above the small answer: {times:.1}x the body"
    );
}

#[test]
fn a_call_answered_with_999999_zeros_peaks_under_ten_times_the_body() {
    let expr = "cognito.list_user_pools(#{MaxResults: 60}).UserPools.len()";
    peak_stays_under_ten_times_the_body(expr, "1\n", "999999\n");
}

#[test]
fn paginate_answered_with_999999_zeros_peaks_under_ten_times_the_body() {
    let expr = "cognito.paginate(\"ListUserPools\", #{MaxResults: 60}).len()";
    peak_stays_under_ten_times_the_body(expr, "1\n", "999999\n");
}

#[test]
fn a_bulk_item_answered_with_999999_zeros_peaks_under_ten_times_the_body() {
    // AdminAddUserToGroup's output holds no secret, so nothing but the door reads the answer.
    let expr = r#"cognito.each("AdminAddUserToGroup",
        [#{UserPoolId: "us-west-2_abc", Username: "u", GroupName: "g"}],
        #{progress: false, on_exists: "fail"}).done"#;
    peak_stays_under_ten_times_the_body(expr, "1\n", "1\n");
}

#[test]
fn a_chilkat_request_answered_with_999999_zeros_peaks_under_ten_times_the_body() {
    let expr = r#"{
        let rest = CkRest();
        rest.Connect("cognito-idp.us-west-2.amazonaws.com", 443, true, true);
        rest.AddHeader("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUserPools");
        rest.FullRequestString("POST", "/", "{\"MaxResults\":60}").len()
    }"#;
    // The text handed back is the body: `{"UserPools":[0,…]}`.
    peak_stays_under_ten_times_the_body(expr, "17\n", "2000013\n");
}

#[test]
fn ensure_answered_with_999999_zeros_peaks_under_ten_times_the_body() {
    // pooler's own reader refuses the answer at its first item instead of building it.
    let expr = r#"{
        let seen = "made";
        try { cognito.ensure_user_pool(#{PoolName: "p"}); } catch (e) { seen = e.type; }
        seen
    }"#;
    peak_stays_under_ten_times_the_body(expr, "InvalidResponseError\n", "InvalidResponseError\n");
}

fn zeros(n: usize) -> String {
    let mut body = String::from("{\"UserPools\":[");
    body.push_str(&vec!["0"; n].join(","));
    body.push_str("]}");
    body
}

#[test]
fn an_array_over_the_limit_is_refused_naming_the_limit_and_operation() {
    let out = list_pools(zeros(20_001), &["--max-array-size", "20000"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(out.stderr.contains("ListUserPools"), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "the response holds an array of more than 20000 elements (the --max-array-size limit)"
        ),
        "{}",
        out.stderr
    );
    // At the limit it is accepted.
    let out = list_pools(zeros(20_000), &["--max-array-size", "20000"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "20000");
}

#[test]
fn the_default_array_limit_holds_a_body_of_two_million_zeros() {
    let out = list_pools(zeros(2_000_000), &[]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("more than 1000000 elements"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_map_or_a_string_over_the_limit_is_refused() {
    let members: Vec<String> = (0..101).map(|i| format!("\"k{i}\":{i}")).collect();
    let body = format!("{{\"UserPools\":[],\"Extra\":{{{}}}}}", members.join(","));
    let out = list_pools(body, &["--max-map-size", "100"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("a map of more than 100 members (the --max-map-size limit)"),
        "{}",
        out.stderr
    );
    let body = format!("{{\"UserPools\":[{{\"Name\":\"{}\"}}]}}", "x".repeat(5000));
    let out = list_pools(body, &["--max-string-size", "4096"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("a string longer than 4096 bytes (the --max-string-size limit)"),
        "{}",
        out.stderr
    );
}
