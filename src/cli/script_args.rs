//! Everything after a script's file name belongs to the script: before clap parses, a `--`
//! is put right after the file of `run`, `check` and `plan`, so `pooler run a.rhai --region x`
//! gives the script `["--region", "x"]` instead of setting pooler's region.

use std::ffi::OsString;

/// The subcommands whose first positional is a script file followed by the script's `args`.
const SCRIPT_COMMANDS: &[&str] = &["run", "check", "plan"];

/// `args` (program name first) with `--` inserted after the script file of `run`, `check`
/// or `plan`, unless one is already there. Options before the file are left to clap.
pub fn separate(cmd: &clap::Command, args: Vec<OsString>) -> Vec<OsString> {
    // The subcommand: the first token that is not an option (or an option's value).
    let Some(i) = next_operand(cmd, &args, 1).filter(|&i| i < args.len()) else {
        return args;
    };
    let sub = args[i].to_string_lossy();
    let Some(sub_cmd) = cmd
        .get_subcommands()
        .find(|c| c.get_name() == sub && SCRIPT_COMMANDS.contains(&c.get_name()))
    else {
        return args;
    };
    // The file: the first token after the subcommand that is not an option.
    let Some(file) = next_operand(sub_cmd, &args, i + 1) else {
        return args;
    };
    if file >= args.len() || args.get(file + 1).is_some_and(|t| t == "--") {
        return args;
    }
    let mut out = args;
    out.insert(file + 1, OsString::from("--"));
    out
}

/// The index of the first token from `i` on that is neither an option of `cmd` nor an
/// option's value (`args.len()` when there is none); `None` when a `--` comes first.
fn next_operand(cmd: &clap::Command, args: &[OsString], mut i: usize) -> Option<usize> {
    while let Some(token) = args.get(i) {
        let text = token.to_string_lossy();
        if text == "--" {
            return None;
        }
        if !text.starts_with('-') || text == "-" {
            break;
        }
        i += 1 + usize::from(takes_separate_value(cmd, &text));
    }
    Some(i)
}

/// Whether option `text` (`--name`, `-x`, without `=value`) takes its value as the next token.
fn takes_separate_value(cmd: &clap::Command, text: &str) -> bool {
    if text.contains('=') {
        return false;
    }
    let arg = if let Some(long) = text.strip_prefix("--") {
        cmd.get_arguments().find(|a| {
            a.get_long() == Some(long) || a.get_all_aliases().is_some_and(|al| al.contains(&long))
        })
    } else {
        // Short flags may be bundled (`-vx`); only a lone `-x` can take the next token.
        let mut chars = text.chars().skip(1);
        match (chars.next(), chars.next()) {
            (Some(c), None) => cmd.get_arguments().find(|a| a.get_short() == Some(c)),
            _ => None,
        }
    };
    arg.is_some_and(|a| a.get_action().takes_values())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(args: &[&str]) -> Vec<String> {
        let cmd = crate::cli::Cli::command_for_help();
        let args = args.iter().map(OsString::from).collect();
        separate(&cmd, args)
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_separator_follows_the_file_and_options_before_it_stay_pooler_s() {
        assert_eq!(
            split(&[
                "pooler",
                "--region",
                "us-east-1",
                "run",
                "--timeout",
                "5",
                "a.rhai",
                "-v",
                "x"
            ]),
            [
                "pooler",
                "--region",
                "us-east-1",
                "run",
                "--timeout",
                "5",
                "a.rhai",
                "--",
                "-v",
                "x"
            ]
        );
        assert_eq!(
            split(&["pooler", "plan", "--detailed-exitcode", "a.rhai", "--help"]),
            [
                "pooler",
                "plan",
                "--detailed-exitcode",
                "a.rhai",
                "--",
                "--help"
            ]
        );
    }

    #[test]
    fn other_commands_and_an_existing_separator_are_left_alone() {
        assert_eq!(
            split(&["pooler", "run", "a.rhai", "--", "--force"]),
            ["pooler", "run", "a.rhai", "--", "--force"]
        );
        assert_eq!(
            split(&["pooler", "eval", "1", "-v"]),
            ["pooler", "eval", "1", "-v"]
        );
        assert_eq!(
            split(&["pooler", "run", "--help"]),
            ["pooler", "run", "--help"]
        );
    }
}
