//! The moto server that `bash tests/run.sh` starts: where it listens and the IAM key made for
//! it. Tests that need it are marked `#[ignore = "needs moto"]`, so a plain `cargo test` reports
//! them as ignored; `bash tests/run.sh` starts moto and runs them with `--include-ignored`, and
//! there a missing moto is a failure, never a pass.

/// Where moto listens and the IAM key the harness made for it.
pub struct Moto {
    pub endpoint: String,
    pub key_id: String,
    pub secret: String,
    pub region: String,
}

/// The moto server from tests/run.sh; panics (the test fails) when it is not there.
pub fn moto(test: &str) -> Moto {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (
        var("POOLER_TEST_ENDPOINT"),
        var("POOLER_TEST_ACCESS_KEY_ID"),
        var("POOLER_TEST_SECRET_ACCESS_KEY"),
    ) {
        (Some(endpoint), Some(key_id), Some(secret)) => Moto {
            endpoint,
            key_id,
            secret,
            region: var("POOLER_TEST_REGION").unwrap_or_else(|| "us-west-2".into()),
        },
        _ => panic!(
            "{test}: needs moto, but POOLER_TEST_ENDPOINT, POOLER_TEST_ACCESS_KEY_ID or \
             POOLER_TEST_SECRET_ACCESS_KEY is unset: run the tests with `bash tests/run.sh`"
        ),
    }
}
