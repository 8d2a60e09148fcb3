//! Dates in scripts: the service's timestamps are `date` values that print and interpolate as
//! ISO 8601, compare and sort, subtract to seconds and convert; `now()`, `date(text)`,
//! `days(n)`. Against an in-process server that answers with epoch seconds, as Cognito does.

use crate::support::server::{Reply, Server};
use crate::support::{Test, assert_golden};

fn against(server: &Server) -> Test {
    Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "datesTestSecretKey0123456789")
        .env("AWS_REGION", "us-west-2")
        .args(["--endpoint-url", server.url.as_str()])
}

#[test]
fn service_timestamps_are_dates_in_scripts() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"UserPool": {"Id": "us-west-2_abc", "CreationDate": 1796129881.949, "LastModifiedDate": 1796216281.949}}"#,
    )]);
    let out = against(&server)
        .script(
            r#"let p = cognito.describe_user_pool(#{ UserPoolId: "us-west-2_abc" }).UserPool;
let c = p.CreationDate;
print(c);
print(`created ${c}`);
print(type_of(c));
print(c.epoch);
print(c.iso);
print(p.LastModifiedDate - c);
print(p.LastModifiedDate > c);
print(c == date("2026-12-01T12:58:01.949Z"));
print(c + days(1) == p.LastModifiedDate);
print(date("2026-12-01T14:00+02:00") - days(1));
print(date(0));
let ds = [p.LastModifiedDate, date("2026-01-01"), c];
ds.sort(|a, b| a < b);
print(ds);
print(#{ when: c });
print(now() > c);"#,
        )
        .args(["run", "script.rhai"])
        .run();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(
        out.stdout,
        "2026-12-01T12:58:01.949Z\n\
         created 2026-12-01T12:58:01.949Z\n\
         date\n\
         1796129881.949\n\
         2026-12-01T12:58:01.949Z\n\
         86400.0\n\
         true\n\
         true\n\
         true\n\
         2026-11-30T12:00:00Z\n\
         1970-01-01T00:00:00Z\n\
         [\n  \"2026-01-01T00:00:00Z\",\n  \"2026-12-01T12:58:01.949Z\",\n  \"2026-12-02T12:58:01.949Z\"\n]\n\
         {\n  \"when\": \"2026-12-01T12:58:01.949Z\"\n}\n\
         true\n"
    );
}

#[test]
fn text_that_is_no_date_is_a_runtime_error_at_the_call() {
    let out = Test::new()
        .script("let d = date(\"yesterday\");\n")
        .args(["run", "script.rhai"])
        .run();
    assert_eq!((out.code, out.stdout.as_str()), (4, ""));
    assert_golden("date_text.err", &out.stderr);
}
