//! A program that writes a member the model does not know is ported with a lenient client at
//! its request, and a comment naming the member, so the port still sends what it sent; a
//! program without one gets none.

use super::{check, fixtures};
use crate::support::Test;

fn ported(name: &str, style: &str) -> String {
    let program = fixtures().join(name);
    let out = Test::new()
        .args(["port", program.to_str().unwrap(), "--style", style])
        .run();
    assert_eq!(out.code, 0, "{name} ({style}): {}", out.stderr);
    out.stdout
}

#[test]
fn an_unknown_member_is_ported_with_a_lenient_client_and_still_sent() {
    // Both styles run and send the stray member (the .expect.json has it).
    check("nodejs_unknown.js");
    let comment = "// The original program sends members the Cognito model does not know; pooler refuses\n\
         // them unless the client is lenient, so this one is, and the request is sent as before\n\
         // (the service ignores them). Fix or delete them, then drop `lenient: true`:\n\
         //   AdminCreateUserConfig.TemporaryPasswordValidityDays: unknown member \
         `TemporaryPasswordValidityDays` in AdminCreateUserConfigType: it belongs at \
         Policies.PasswordPolicy.TemporaryPasswordValidityDays\n";
    let idiomatic = ported("nodejs_unknown.js", "idiomatic");
    assert!(
        idiomatic.contains(&format!(
            "{comment}let resp = cognito.with(#{{ lenient: true }}).create_user_pool(#{{\n"
        )),
        "{idiomatic}"
    );
    let chilkat = ported("nodejs_unknown.js", "chilkat");
    assert!(
        chilkat.contains(&format!(
            "{comment}let rest = CkRest(cognito.with(#{{ lenient: true }}));\n"
        )),
        "{chilkat}"
    );
}

#[test]
fn a_program_the_model_knows_gets_no_leniency() {
    for style in ["idiomatic", "chilkat"] {
        let script = ported("nodejs_pool.js", style);
        assert!(!script.contains("lenient"), "{style}:\n{script}");
    }
}
