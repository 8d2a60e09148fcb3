//! The man pages: pooler(1) with EXAMPLES, EXIT STATUS, ENVIRONMENT, FILES and SEE ALSO, and
//! one page per command (pooler-run(1), …) that lists the global options too.

use std::fmt::Write as _;

use clap::Command;

use crate::exit;

/// Every environment variable pooler reads, and what for.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN",
        "Credentials, before the shared files",
    ),
    (
        "AWS_PROFILE",
        "The profile of the shared files (as --profile)",
    ),
    (
        "AWS_REGION, AWS_DEFAULT_REGION",
        "The region, when --region is not given",
    ),
    ("AWS_CONFIG_FILE", "The shared config file"),
    ("AWS_SHARED_CREDENTIALS_FILE", "The shared credentials file"),
    (
        "AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
        "The endpoint, when --endpoint-url is not given (the second wins)",
    ),
    (
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "true: ignore the endpoint variables and the profile's endpoint_url",
    ),
    (
        "AWS_USE_FIPS_ENDPOINT",
        "true: the FIPS endpoint of the region",
    ),
    (
        "AWS_MAX_ATTEMPTS, AWS_RETRY_MODE",
        "Retries, when --max-attempts is not given",
    ),
    (
        "POOLER_RETRY_BASE_MS",
        "Base delay of the retry backoff (100)",
    ),
    (
        "POOLER_QUOTAS",
        "Request rates per quota category, CATEGORY=RPS,… or none (as --quota)",
    ),
    ("POOLER_DRY_RUN", "As --dry-run"),
    ("POOLER_LENIENT", "As --lenient"),
    ("POOLER_MODEL", "As --model"),
    ("POOLER_OUTPUT", "As --output"),
    ("POOLER_IMPORT_ROLE_ARN", "As import --role-arn"),
    (
        "POOLER_MAX_OPERATIONS, POOLER_MAX_CALL_DEPTH, POOLER_MAX_EXPR_DEPTH, POOLER_MAX_STRING_SIZE, POOLER_MAX_ARRAY_SIZE, POOLER_MAX_MAP_SIZE",
        "The script limits (as the --max-… options)",
    ),
    (
        "POOLER_REDACT",
        "strict: echoed values hide every member the model marks sensitive (as :redact strict)",
    ),
    (
        "POOLER_SECRET_*",
        "Secrets an exported script reads with env(\"POOLER_SECRET_…\")",
    ),
    (
        "NO_COLOR",
        "Set: no colors on standard error (as --color never)",
    ),
    (
        "PAGER",
        "The REPL's pager for values longer than the terminal (default: less -FRX; empty: none)",
    ),
    (
        "HOME, USERPROFILE, XDG_STATE_HOME",
        "Where the shared files and the REPL history are",
    ),
];

/// The files pooler reads or writes by itself.
pub const FILES: &[(&str, &str)] = &[
    (
        "~/.aws/config",
        "Profiles: region, endpoint_url, retries, pooler_quotas (AWS_CONFIG_FILE moves it)",
    ),
    (
        "~/.aws/credentials",
        "Credentials per profile (AWS_SHARED_CREDENTIALS_FILE moves it)",
    ),
    (
        "$XDG_STATE_HOME/pooler/history",
        "The REPL's history, else ~/.local/state/pooler/history",
    ),
];

/// One page: its file name (`pooler-run.1`) and its roff text.
pub struct Page {
    pub file: String,
    pub roff: String,
}

/// pooler(1) first, then one page per visible command.
pub fn pages(cmd: Command) -> std::io::Result<Vec<Page>> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let subs: Vec<Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let names: Vec<String> = subs
        .iter()
        .map(|s| s.get_display_name().unwrap_or(s.get_name()).to_string())
        .collect();
    let mut out = vec![page(&cmd, true, &names)?];
    for sub in subs {
        out.push(page(&sub, false, &["pooler".to_string()])?);
    }
    Ok(out)
}

fn page(cmd: &Command, top: bool, see_also: &[String]) -> std::io::Result<Page> {
    let man = clap_mangen::Man::new(cmd.clone());
    // Each part comes with roff's preamble (the `Aq` string): kept once, at the top.
    let mut roff = String::new();
    let mut part = |render: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut buf = Vec::new();
        render(&mut buf)?;
        let text = String::from_utf8_lossy(&buf).into_owned();
        let body = match text.split_once("\n.el .ds Aq '\n") {
            Some((_, body)) if !roff.is_empty() => body.to_string(),
            _ => text,
        };
        roff.push_str(&body);
        Ok::<_, std::io::Error>(())
    };
    part(&|b| man.render_title(b))?;
    part(&|b| man.render_name_section(b))?;
    part(&|b| man.render_synopsis_section(b))?;
    part(&|b| man.render_description_section(b))?;
    part(&|b| man.render_options_section(b))?;
    if top {
        part(&|b| man.render_subcommands_section(b))?;
    }
    if let Some(after) = cmd.get_after_help() {
        examples(&mut roff, &after.to_string());
    }
    if top {
        section(&mut roff, "EXIT STATUS", exit::TABLE);
        section(&mut roff, "ENVIRONMENT", ENVIRONMENT);
        section(&mut roff, "FILES", FILES);
    }
    let refs: Vec<String> = see_also.iter().map(|n| format!("{n}(1)")).collect();
    let _ = writeln!(roff, ".SH \"SEE ALSO\"\n{}", escape(&refs.join(", ")));
    Ok(Page {
        file: man.get_filename(),
        roff,
    })
}

/// The `Examples:` of a command's help as an EXAMPLES section: each command in bold with what
/// it does under it; a paragraph after the list stays a paragraph.
fn examples(roff: &mut String, after_help: &str) {
    let mut lines = after_help.lines().peekable();
    if lines.peek().map(|l| l.trim()) != Some("Examples:") {
        return;
    }
    lines.next();
    roff.push_str(".SH EXAMPLES\n");
    for line in lines {
        if let Some(example) = line.strip_prefix("  ") {
            let (command, what) = match example.split_once("   ") {
                Some((c, w)) => (c.trim_end(), w.trim()),
                None => (example.trim_end(), ""),
            };
            let _ = writeln!(roff, ".TP\n\\fB{}\\fR", escape(command));
            if !what.is_empty() {
                let _ = writeln!(roff, "{}", escape(what));
            }
        } else if !line.trim().is_empty() {
            let _ = writeln!(roff, ".PP\n{}", escape(line.trim()));
        }
    }
}

fn section(roff: &mut String, title: &str, rows: &[(&str, &str)]) {
    let _ = writeln!(roff, ".SH \"{title}\"");
    for (term, what) in rows {
        let _ = writeln!(roff, ".TP\n\\fB{}\\fR\n{}", escape(term), escape(what));
    }
}

/// Text as roff shows it literally: backslashes and hyphens escaped, no line taken for a
/// request.
fn escape(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\e")
        .replace('-', "\\-")
        .replace('\'', "\\*(Aq");
    if escaped.starts_with('.') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
