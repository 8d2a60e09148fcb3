//! The REPL shows no secret: printing `cognito` and its config, echoing a call's input and
//! result, a failed call, and the history file, all with sentinel credentials.

use super::Repl;
use super::pty::Pty;
use crate::secrets::{PASSWORD, SECRET, TOKEN};
use crate::support::server::{Reply, Server};

#[test]
fn the_repl_shows_no_secret_on_screen_or_in_history() {
    let repl = Repl::new();
    // Read from a file, as a script would: what the user types is echoed by the terminal.
    std::fs::write(repl.dir.path().join("password.txt"), PASSWORD).unwrap();
    let env = [
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_SESSION_TOKEN", TOKEN),
    ];
    let mut pty = Pty::spawn_with_env(
        repl.dir.path(),
        repl.state.path(),
        &["--dry-run", "-v", "repl"],
        &env,
    );
    pty.expect_prompt();
    pty.line("cognito");
    pty.line("print(cognito)");
    pty.line("cognito.with(#{ region: \"eu-west-1\" })");
    pty.line("let pw = read_file(\"password.txt\");");
    pty.line("print(`length ${pw.len()}`)");
    pty.line("#{ TemporaryPassword: pw }");
    pty.line("cognito.admin_create_user(#{ UserPoolId: \"us-west-2_abc\", Username: \"a\", TemporaryPassword: pw })");
    pty.line(
        "cognito.admin_create_user(#{ UserPoolId: \"\", Username: \"a\", TemporaryPassword: pw })",
    );
    pty.line("print(\"end-of-session\")");
    let screen = pty.screen();
    pty.eof();
    assert_eq!(pty.wait(), 0);
    let history = repl.history();
    assert!(screen.contains("end-of-session"), "{screen}");
    assert!(
        screen.contains(&format!("length {}", PASSWORD.len())),
        "{screen}"
    );
    assert!(
        screen.contains("credentials: EnvironmentVariable"),
        "{screen}"
    );
    assert!(screen.contains("AdminCreateUser"), "{screen}");
    assert!(history.contains("print(cognito)"), "{history}");
    for sentinel in [SECRET, TOKEN, PASSWORD] {
        assert!(
            !screen.contains(sentinel),
            "{sentinel} on screen:\n{screen}"
        );
        assert!(
            !history.contains(sentinel),
            "{sentinel} in history:\n{history}"
        );
    }
}

/// The echo shows the user's own data and hides credentials; `:redact strict` hides what the
/// model marks sensitive too, and `:redact credentials` goes back. A provider's client secret
/// (inside a free-form map) is hidden at both levels. An input holding a secret value is not
/// kept in the history, and the REPL says so.
#[test]
fn redact_switches_between_credentials_and_strict() {
    let repl = Repl::new();
    let mut pty = repl.start();
    let ask = |pty: &mut Pty, input: &str, want: &[&str]| {
        pty.send(input);
        pty.send("\r");
        for w in want {
            pty.expect(w);
        }
        pty.expect_prompt();
    };
    pty.line("let who = #{ Username: \"alice-visible\", Attributes: [#{ Name: \"email\", Value: \"alice@example.org\" }] };");
    ask(&mut pty, "who", &["alice@example.org", "alice-visible"]);
    ask(
        &mut pty,
        "#{ ProviderDetails: #{ client_secret: \"SNTLidpSECRET\" } }",
        &["client_secret"],
    );
    ask(&mut pty, ":redact strict", &["redact: strict"]);
    ask(&mut pty, "who", &["***redacted***"]);
    ask(&mut pty, "print(\"after-strict\")", &["after-strict"]);
    ask(&mut pty, ":redact credentials", &["redact: credentials"]);
    ask(&mut pty, "who", &["alice-visible"]);
    ask(
        &mut pty,
        "let pw = #{ Password: \"SNTLtypedPW\" };",
        &["not kept in the history"],
    );
    pty.line("print(\"end-of-session\")");
    let screen = pty.screen();
    pty.eof();
    assert_eq!(pty.wait(), 0);
    let strict_part = screen
        .split("redact: strict")
        .nth(1)
        .and_then(|s| s.split("after-strict").next())
        .unwrap_or_default();
    assert!(
        strict_part.contains("***redacted***"),
        "strict hides user data:\n{screen}"
    );
    let back = screen
        .split("redact: credentials")
        .nth(1)
        .unwrap_or_default();
    assert!(back.contains("alice-visible"), "{screen}");
    // Only the typed line shows it; the echoed value does not.
    assert_eq!(screen.matches("SNTLidpSECRET").count(), 1, "{screen}");
    assert!(
        screen.contains(r#""client_secret": "***redacted***""#),
        "{screen}"
    );
    assert!(!repl.history().contains("SNTLtypedPW"));
}

/// `:redact strict` knows a secret by its value: the client secret the service returned is
/// starred when selected directly, put in a new string or printed, while the default level
/// shows the selected value (it was asked for).
#[test]
fn strict_redaction_hides_a_selected_secret() {
    const CLIENT_SECRET: &str = "SNTLclientSECRETfromTheService";
    let server = Server::start(vec![Reply::json(
        200,
        &format!(
            r#"{{"UserPoolClient": {{"ClientId": "client-1", "ClientSecret": "{CLIENT_SECRET}"}}}}"#
        ),
    )]);
    let repl = Repl::new();
    let mut pty = repl.start_with(&["--endpoint-url", server.url.as_str(), "repl"]);
    pty.line("let c = cognito.create_user_pool_client(#{ UserPoolId: \"us-west-2_abc\", ClientName: \"web\", GenerateSecret: true });");
    let inputs = [
        "c.UserPoolClient.ClientSecret",
        ":redact strict",
        "c.UserPoolClient.ClientSecret",
        "\"x-\" + c.UserPoolClient.ClientSecret",
        "print(c.UserPoolClient.ClientSecret)",
    ];
    for input in inputs {
        pty.line(input);
    }
    pty.settle();
    let screen = pty.screen();
    pty.eof();
    assert_eq!(pty.wait(), 0);
    let shown = screen
        .split_once("GenerateSecret: true });\n")
        .map(|(_, rest)| rest);
    assert_eq!(
        shown,
        Some(
            "pooler> c.UserPoolClient.ClientSecret\n\
             SNTLclientSECRETfromTheService\n\
             pooler> :redact strict\n\
             redact: strict (credentials and every sensitive member)\n\
             pooler> c.UserPoolClient.ClientSecret\n\
             ***redacted***\n\
             pooler> \"x-\" + c.UserPoolClient.ClientSecret\n\
             x-***redacted***\n\
             pooler> print(c.UserPoolClient.ClientSecret)\n\
             ***redacted***\n\
             pooler> "
        ),
        "{screen}"
    );
}

/// `:save` writes no secret value: a typed `TemporaryPassword` and a literal holding the client
/// secret a call returned become `env(...)` reads under a comment naming the variable, and the
/// lines typed only to see a value are left out.
#[test]
fn save_replaces_secret_values_with_env_reads() {
    const CLIENT_SECRET: &str = "SNTLclientSECRETfromTheService";
    let server = Server::start(vec![
        Reply::json(
            200,
            &format!(
                r#"{{"UserPoolClient": {{"ClientId": "client-1", "ClientSecret": "{CLIENT_SECRET}"}}}}"#
            ),
        ),
        Reply::json(200, r#"{"User": {"Username": "a"}}"#),
    ]);
    let repl = Repl::new();
    let mut pty = repl.start_with(&["--endpoint-url", server.url.as_str(), "repl"]);
    pty.line("let c = cognito.create_user_pool_client(#{ UserPoolId: \"us-west-2_abc\", ClientName: \"web\", GenerateSecret: true });");
    pty.line("c");
    pty.line("c.UserPoolClient.ClientId");
    pty.line("cognito.admin_create_user(#{ UserPoolId: \"us-west-2_abc\", Username: \"a\", TemporaryPassword: \"SNTLtypedPW1!\" })");
    pty.line(&format!("let copy = \"{CLIENT_SECRET}\";"));
    pty.send(":save saved.rhai\r");
    pty.expect("saved 3 input(s) to saved.rhai\nsecret values were not saved: set POOLER_SECRET_TEMPORARY_PASSWORD, POOLER_SECRET_CLIENT_SECRET before running it");
    pty.expect_prompt();
    pty.eof();
    assert_eq!(pty.wait(), 0);
    let script = std::fs::read_to_string(repl.dir.path().join("saved.rhai")).unwrap();
    assert_eq!(
        script,
        "// Saved from the pooler REPL.\n\
         let c = cognito.create_user_pool_client(#{ UserPoolId: \"us-west-2_abc\", ClientName: \"web\", GenerateSecret: true });\n\
         // set POOLER_SECRET_TEMPORARY_PASSWORD to the TemporaryPassword (secret values are not saved)\n\
         cognito.admin_create_user(#{ UserPoolId: \"us-west-2_abc\", Username: \"a\", TemporaryPassword: env(\"POOLER_SECRET_TEMPORARY_PASSWORD\") });\n\
         // set POOLER_SECRET_CLIENT_SECRET to the ClientSecret (secret values are not saved)\n\
         let copy = env(\"POOLER_SECRET_CLIENT_SECRET\");\n"
    );
}
