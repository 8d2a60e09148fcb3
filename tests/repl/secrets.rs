//! The REPL shows no secret: printing `cognito` and its config, echoing a call's input and
//! result, a failed call, and the history file, all with sentinel credentials.

use super::Repl;
use super::pty::Pty;
use crate::secrets::{PASSWORD, SECRET, TOKEN};

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
