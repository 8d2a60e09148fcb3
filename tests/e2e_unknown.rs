//! Against moto: a request with a member the model does not know is refused before anything
//! is sent (no pool appears), and `--lenient` sends it (the pool appears, without the
//! setting the misspelled member meant: why it is refused by default).

use crate::support::moto::{Moto, moto, ok};

/// How many pools called `name` exist.
fn pools_named(m: &Moto, name: &str) -> String {
    let count = format!(
        "cognito.paginate(\"ListUserPools\", #{{ MaxResults: 60 }})\
         .filter(|p| p.Name == \"{name}\").len()"
    );
    let run = m.pooler(&["eval", &count], &[]);
    ok(&run, "count pools");
    run.stdout.trim().to_string()
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn an_unknown_member_sends_nothing_and_lenient_sends_it() {
    let m = moto("an_unknown_member_sends_nothing_and_lenient_sends_it");
    let name = "UnknownMemberPool";
    let create = format!(
        "cognito.create_user_pool(#{{ PoolName: \"{name}\", MfaConfig: \"ON\" }}).UserPool.MfaConfiguration"
    );
    let refused = m.pooler(&["eval", &create], &[]);
    assert_eq!(refused.code, Some(5), "{}", refused.stderr);
    assert_eq!(refused.stdout, "");
    let column = create.find("MfaConfig").unwrap() + 1;
    assert_eq!(
        refused.stderr,
        format!(
            "error: CreateUserPool: the request is invalid, nothing was sent\n \
             --> <eval>:1:{column}\n  |\n1 | {create}\n  | {}{}\n  \
             = - MfaConfig: unknown member `MfaConfig` in CreateUserPoolRequest: did you mean \
             `MfaConfiguration`?\n  = note: in the call at <eval>:1:9\n",
            " ".repeat(column - 1),
            "^".repeat("MfaConfig".len())
        )
    );
    assert_eq!(
        pools_named(&m, name),
        "0",
        "a refused request created a pool"
    );

    let sent = m.pooler(&["--lenient", "eval", &create], &[]);
    ok(&sent, "lenient create");
    assert!(
        sent.stderr
            .starts_with("warning: CreateUserPool: check the request\n"),
        "{}",
        sent.stderr
    );
    // The service ignored the misspelled member: no MFA.
    assert_eq!(sent.stdout.trim(), "\"OFF\"");
    assert_eq!(pools_named(&m, name), "1");
}
