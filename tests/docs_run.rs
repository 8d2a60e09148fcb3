//! Docs that run: every ```rhai and ```sh block of README.md and docs/*.md is executed, in
//! order, one scratch folder per page (so a page's steps work top to bottom). The line right
//! above a block says how: nothing means against moto; `<!-- dry-run: REASON -->` with
//! `--dry-run` (nothing sent; its exit status and whole output go into the golden file);
//! `<!-- not run: REASON -->` not at all. A failing block names its file and line; the list of
//! blocks and how each ran is the one golden file `tests/golden/docs_run.txt`.

use std::path::PathBuf;
use std::process::Stdio;

use crate::support::moto::{Moto, moto};
use crate::support::{assert_golden, repo_root};

/// The languages whose blocks run.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lang {
    Rhai,
    Sh,
}

/// How a block is run, from the marker line above it.
#[derive(Debug, PartialEq)]
enum How {
    /// Against moto (no marker).
    Moto,
    /// With `--dry-run` (`POOLER_DRY_RUN=1` for sh), for this reason.
    DryRun(String),
    /// Not at all, for this reason.
    NotRun(String),
}

/// One fenced block: where its fence is, what it holds, and how it runs.
#[derive(Debug, PartialEq)]
struct Block {
    line: usize,
    lang: Lang,
    text: String,
    how: How,
}

/// The markers, each written `<!-- KIND: REASON -->`.
const MARKERS: &[&str] = &["<!-- not run", "<!-- dry-run"];

fn is_marker(line: &str) -> bool {
    MARKERS.iter().any(|m| line.starts_with(m))
}

/// The marker `above` as a way to run; `Err` is the message for a marker without a reason.
fn how(above: &str) -> Result<How, &'static str> {
    let reason = |kind: &str| {
        above
            .strip_prefix(kind)
            .and_then(|r| r.strip_suffix("-->"))
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
    };
    if above.starts_with("<!-- not run") {
        return reason("<!-- not run:")
            .map(How::NotRun)
            .ok_or("write the reason: `<!-- not run: REASON -->`");
    }
    if above.starts_with("<!-- dry-run") {
        return reason("<!-- dry-run:")
            .map(How::DryRun)
            .ok_or("write the reason: `<!-- dry-run: REASON -->`");
    }
    Ok(How::Moto)
}

/// The ```rhai and ```sh blocks of `markdown` (`file` names it in errors), indented ones (in
/// list items) included, each with how the marker line right above says to run it.
fn blocks(file: &str, markdown: &str) -> Result<Vec<Block>, String> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        if is_marker(trimmed) {
            let next = lines.get(i + 1).map_or("", |l| l.trim());
            if next != "```rhai" && next != "```sh" {
                return Err(format!(
                    "{file}:{}: a `<!-- not run: … -->` or `<!-- dry-run: … -->` marker must be the line right above a ```rhai or ```sh block",
                    i + 1
                ));
            }
        }
        let Some(info) = trimmed.strip_prefix("```") else {
            i += 1;
            continue;
        };
        let indent = lines[i].len() - trimmed.len();
        let fence = i + 1;
        let lang = match info.trim() {
            "rhai" => Some(Lang::Rhai),
            "sh" => Some(Lang::Sh),
            _ => None,
        };
        let mut text = String::new();
        i += 1;
        loop {
            let Some(line) = lines.get(i) else {
                return Err(format!("{file}:{fence}: the block is never closed"));
            };
            i += 1;
            if line.trim() == "```" {
                break;
            }
            text.push_str(line.get(indent..).unwrap_or(line.trim_start()));
            text.push('\n');
        }
        let Some(lang) = lang else { continue };
        let above = fence.checked_sub(2).map_or("", |above| lines[above].trim());
        let how = how(above).map_err(|e| format!("{file}:{}: {e}", fence - 1))?;
        out.push(Block {
            line: fence,
            lang,
            text,
            how,
        });
    }
    Ok(out)
}

/// A page's scratch folder: the repository's files (symlinked, `target` and dot-files left out)
/// as a fresh clone has them, and an empty home; what blocks write stays here.
struct Workspace {
    root: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let root = tempfile::tempdir().expect("a scratch folder");
        let home = tempfile::tempdir().expect("a scratch home");
        for entry in std::fs::read_dir(repo_root()).expect("read the repository") {
            let entry = entry.expect("a repository entry");
            let name = entry.file_name();
            let text = name.to_string_lossy();
            if text.starts_with('.') || text == "target" {
                continue;
            }
            std::os::unix::fs::symlink(entry.path(), root.path().join(&name))
                .expect("link a repository entry");
        }
        Self { root, home }
    }
}

/// What a block did: its exit status and both outputs.
#[derive(Debug)]
struct Ran {
    status: std::process::ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs one block in `ws` with moto's settings (and `--dry-run` when marked so), `pooler`
/// first on PATH; `Err` is the report: the block's place, its exit status and both outputs.
fn run_block(m: &Moto, ws: &Workspace, file: &str, block: &Block) -> Result<Ran, String> {
    let dry_run = matches!(block.how, How::DryRun(_));
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_pooler"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("the binary's folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // `timeout` ends a block that hangs: the suite reports it instead of waiting forever.
    let mut cmd = m.command("timeout");
    cmd.arg("120");
    match block.lang {
        Lang::Rhai => {
            let name = format!("block-{}.rhai", block.line);
            std::fs::write(ws.root.path().join(&name), &block.text).expect("write the block");
            cmd.arg(&bin).arg("run");
            if dry_run {
                cmd.arg("--dry-run");
            }
            cmd.arg(&name);
        }
        Lang::Sh => {
            cmd.args(["bash", "-c"])
                .arg(format!("set -euo pipefail\n{}", block.text));
            if dry_run {
                cmd.env("POOLER_DRY_RUN", "1");
            }
        }
    }
    let out = cmd
        .current_dir(ws.root.path())
        .env("HOME", ws.home.path())
        .env("PATH", path)
        .stdin(Stdio::null())
        .output()
        .expect("start the block");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(
        !stdout.contains(&m.secret) && !stderr.contains(&m.secret),
        "{file}:{}: the secret key appeared in the output",
        block.line
    );
    if out.status.success() {
        return Ok(Ran {
            status: out.status,
            stdout,
            stderr,
        });
    }
    let status = match out.status.code() {
        Some(124) => "timed out after 120 s".to_string(),
        Some(code) => format!("exit {code}"),
        None => "killed by a signal".to_string(),
    };
    let lang = match block.lang {
        Lang::Rhai => "rhai",
        Lang::Sh => "sh",
    };
    let ran_as = match block.lang {
        Lang::Rhai => format!(
            "; it ran as block-{0}.rhai, whose line N is {file}:{0}+N",
            block.line
        ),
        Lang::Sh => String::new(),
    };
    Err(format!(
        "{file}:{}: {lang} block failed ({status}){ran_as}\n--- stdout\n{stdout}--- stderr\n{stderr}",
        block.line
    ))
}

/// README.md, then docs/*.md by name: the order a reader takes.
fn pages() -> Vec<String> {
    let mut docs: Vec<String> = std::fs::read_dir(repo_root().join("docs"))
        .expect("read docs/")
        .map(|e| {
            e.expect("a docs entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    let mut all = vec!["README.md".to_string()];
    all.extend(docs);
    all
}

fn read(page: &str) -> String {
    std::fs::read_to_string(repo_root().join(page)).unwrap_or_else(|e| panic!("read {page}: {e}"))
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn every_rhai_and_sh_block_of_the_docs_runs() {
    let m = moto("every_rhai_and_sh_block_of_the_docs_runs");
    let (mut list, mut failures) = (String::new(), Vec::new());
    let (mut ran, mut dry, mut not_run) = (0, 0, 0);
    for page in pages() {
        let ws = Workspace::new();
        for block in blocks(&page, &read(&page)).unwrap_or_else(|e| panic!("{e}")) {
            let lang = match block.lang {
                Lang::Rhai => "rhai",
                Lang::Sh => "sh",
            };
            let place = format!("{page}:{} {lang}", block.line);
            match &block.how {
                How::NotRun(reason) => {
                    not_run += 1;
                    list.push_str(&format!("{place}: not run: {reason}\n"));
                }
                How::Moto => {
                    ran += 1;
                    list.push_str(&format!("{place}: ran\n"));
                    if let Err(report) = run_block(&m, &ws, &page, &block) {
                        failures.push(report);
                    }
                }
                How::DryRun(reason) => {
                    dry += 1;
                    list.push_str(&format!("{place}: ran with --dry-run: {reason}\n"));
                    match run_block(&m, &ws, &page, &block) {
                        Ok(out) => list.push_str(&shown(&out)),
                        Err(report) => failures.push(report),
                    }
                }
            }
        }
    }
    list.push_str(&format!(
        "{} blocks: {ran} ran against moto, {dry} with --dry-run, {not_run} not run\n",
        ran + dry + not_run
    ));
    eprint!("{list}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_golden("docs_run.txt", &list);
}

/// A dry-run block's outcome as the golden file holds it, indented under its line.
fn shown(out: &Ran) -> String {
    let mut text = format!("    exit {}\n", out.status.code().unwrap_or(-1));
    for (name, stream) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        text.push_str(&format!("    -- {name}\n"));
        for line in stream.lines() {
            text.push_str(&format!("    {line}\n"));
        }
    }
    text
}

#[test]
fn blocks_are_found_with_their_lines_indents_and_reasons() {
    let page = "text\n```rhai\nlet a = 1;\n```\n- item\n\n  ```sh\n  echo hi\n    echo indented\n  ```\n\
                ```text\nnot code\n```\n<!-- not run: needs a real AWS account -->\n```sh\naws sts get-caller-identity\n```\n\
                <!-- dry-run: moto lacks it -->\n```rhai\nlet b = 2;\n```\n";
    let want = vec![
        Block {
            line: 2,
            lang: Lang::Rhai,
            text: "let a = 1;\n".into(),
            how: How::Moto,
        },
        Block {
            line: 7,
            lang: Lang::Sh,
            text: "echo hi\n  echo indented\n".into(),
            how: How::Moto,
        },
        Block {
            line: 15,
            lang: Lang::Sh,
            text: "aws sts get-caller-identity\n".into(),
            how: How::NotRun("needs a real AWS account".into()),
        },
        Block {
            line: 19,
            lang: Lang::Rhai,
            text: "let b = 2;\n".into(),
            how: How::DryRun("moto lacks it".into()),
        },
    ];
    assert_eq!(blocks("page.md", page), Ok(want));
}

#[test]
fn a_marker_without_a_reason_or_a_block_is_refused() {
    assert_eq!(
        blocks("page.md", "a\n<!-- not run: -->\n```sh\ntrue\n```\n"),
        Err("page.md:2: write the reason: `<!-- not run: REASON -->`".into())
    );
    assert_eq!(
        blocks("page.md", "<!-- not run: offline -->\n\n```sh\ntrue\n```\n"),
        Err("page.md:1: a `<!-- not run: … -->` or `<!-- dry-run: … -->` marker must be the line right above a ```rhai or ```sh block".into())
    );
    assert_eq!(
        blocks("page.md", "<!-- dry-run -->\n```rhai\n1\n```\n"),
        Err("page.md:1: write the reason: `<!-- dry-run: REASON -->`".into())
    );
    assert_eq!(
        blocks("page.md", "```sh\ntrue\n"),
        Err("page.md:1: the block is never closed".into())
    );
}

/// The report of a failing block: its page and line, the exit status, both outputs (the
/// whole report is the golden file). Runs no service call, so the moto settings point nowhere.
#[test]
fn a_failing_block_reports_its_file_and_line() {
    let nowhere = Moto {
        endpoint: "http://127.0.0.1:9".into(),
        key_id: "AKIDEXAMPLE".into(),
        secret: "not-a-secret-in-this-test".into(),
        region: "us-west-2".into(),
    };
    let ws = Workspace::new();
    let page = "intro\n\n```sh\necho out; echo err >&2\nexit 3\n```\n```rhai\nlet x = ;\n```\n";
    let found = blocks("guide.md", page).unwrap();
    let reports: Vec<String> = found
        .iter()
        .map(|b| run_block(&nowhere, &ws, "guide.md", b).unwrap_err())
        .collect();
    assert_golden("docs_run_failure.txt", &reports.join("\n"));
}
