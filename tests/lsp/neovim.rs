//! One session with a real client: Neovim headless, its built-in LSP client started on
//! `pooler lsp`, opening a script and recording the diagnostics and completion items it got.
//!
//! Needs `nvim` (Debian's `neovim`; tests/run.sh installs it): ignored under a plain
//! `cargo test`, run by tests/run.sh, and failing there when nvim is missing.

use std::process::Command;

use serde_json::{Value, json};

use crate::support::repo_root;

#[test]
#[ignore = "needs nvim: run through tests/run.sh"]
fn neovim_receives_diagnostics_and_completion_items() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("setup.rhai");
    std::fs::write(
        &script,
        "let p = cognito.create_user_pool(#{\n    MfaConfiguration: \"ONN\",\n    Poo: 1,\n});\n",
    )
    .expect("write");
    let out = dir.path().join("session.json");
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u", "NONE", "-c"])
        .arg(format!(
            "luafile {}",
            repo_root()
                .join("tests/fixtures/lsp/nvim_session.lua")
                .display()
        ))
        .env("POOLER_BIN", env!("CARGO_BIN_EXE_pooler"))
        .env("POOLER_NVIM_SCRIPT", &script)
        .env("POOLER_NVIM_OUT", &out)
        .current_dir(dir.path())
        .status()
        .expect("nvim is installed (tests/run.sh installs Debian's neovim)");
    assert!(status.success(), "nvim: {status}");
    let got: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("the session wrote its record"))
            .expect("JSON");
    assert_eq!(
        got["diagnostics"],
        json!([
            {"lnum": 0, "col": 16, "severity": 1,
             "message": "CreateUserPool: PoolName: missing required member `PoolName` (string)"},
            {"lnum": 1, "col": 4, "severity": 1,
             "message": "CreateUserPool: MfaConfiguration: `MfaConfiguration`: \"ONN\" is not one of \"OFF\", \"ON\", \"OPTIONAL\": did you mean \"ON\"?"},
            {"lnum": 2, "col": 4, "severity": 1,
             "message": "CreateUserPool: Poo: unknown member `Poo` in CreateUserPoolRequest: did you mean `PoolName`?"}
        ])
    );
    assert_eq!(
        got["completion"],
        json!([{"label": "PoolName", "detail": r"string  required  len 1..128  pattern [\w\s+=,.@-]+"}])
    );
}
