//! The moto server that `bash tests/run.sh` starts: where it listens and the IAM key made for
//! it. Tests that need it skip when it is absent, and fail when CI is set.

/// Where moto listens and the IAM key the harness made for it.
pub struct Moto {
    pub endpoint: String,
    pub key_id: String,
    pub secret: String,
    pub region: String,
}

/// The moto server from tests/run.sh; `None` (test skipped) when it is not there, except on CI.
pub fn moto(test: &str) -> Option<Moto> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (
        var("POOLER_TEST_ENDPOINT"),
        var("POOLER_TEST_ACCESS_KEY_ID"),
        var("POOLER_TEST_SECRET_ACCESS_KEY"),
    ) {
        (Some(endpoint), Some(key_id), Some(secret)) => Some(Moto {
            endpoint,
            key_id,
            secret,
            region: var("POOLER_TEST_REGION").unwrap_or_else(|| "us-west-2".into()),
        }),
        _ if std::env::var_os("CI").is_some() => panic!(
            "{test}: moto is required when CI is set, but POOLER_TEST_ENDPOINT, \
             POOLER_TEST_ACCESS_KEY_ID or POOLER_TEST_SECRET_ACCESS_KEY is unset: \
             run the tests with `bash tests/run.sh`"
        ),
        _ => {
            eprintln!("skipped {test}: no moto (run the tests with `bash tests/run.sh`)");
            None
        }
    }
}
