//! The command line: clap definitions, whose doc comments are the help text. The same
//! definitions give the shell completions and the man page (`generate`).

pub mod completion_values;
pub mod examples;
pub mod generate;
pub mod man;
pub mod script_args;
pub mod values;

use std::path::PathBuf;

use clap::{Args, CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum};

/// Script AWS Cognito user pool setups in Rhai: signed, validated, dry-runnable.
#[derive(Debug, Parser)]
#[command(
    name = "pooler",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = examples::TOP
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// The command; none starts the REPL (or runs stdin as a script when it is not a terminal)
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a script; `-` reads it from standard input
    #[command(after_help = examples::RUN)]
    Run {
        /// The Rhai script to run, or `-` for standard input
        #[arg(value_hint = clap::ValueHint::FilePath)]
        file: PathBuf,
        /// Arguments for the script, available as `args` (everything after the file; `--` is
        /// optional)
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Check a script offline: compile it, dry-run it, validate every call; prints only problems
    #[command(after_help = examples::CHECK)]
    Check {
        /// The Rhai script to check, or `-` for standard input
        #[arg(value_hint = clap::ValueHint::FilePath)]
        file: PathBuf,
        /// Arguments for the script, as with `run`
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Plan a script: reads are sent, every write is reported (create, update with the diff,
    /// unchanged, refused) and nothing is changed
    #[command(after_help = examples::PLAN)]
    Plan {
        /// The Rhai script to plan, or `-` for standard input
        #[arg(value_hint = clap::ValueHint::FilePath)]
        file: PathBuf,
        /// Exit 0 when nothing would change, 2 when something would (1 on error), like Terraform
        #[arg(long)]
        detailed_exitcode: bool,
        /// Arguments for the script, as with `run`
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Evaluate one expression and print its value as JSON
    #[command(after_help = examples::EVAL)]
    Eval {
        /// A Rhai expression or statements, e.g. 'cognito.list_user_pools(#{MaxResults: 10})'
        expr: String,
    },
    /// List the Cognito operations whose name contains FILTER
    #[command(after_help = examples::OPS)]
    Ops {
        /// Part of an operation name, in either form (user_pool, UserPool)
        filter: Option<String>,
    },
    /// Explore interactively: completion, history, `:help`; reads stdin as a script when piped
    #[command(after_help = examples::REPL)]
    Repl,
    /// Show an operation's input (or, with --response, its output) as a skeleton: members, types,
    /// required markers, enums, limits; or any shape of the model by name
    #[command(after_help = examples::DESCRIBE)]
    Describe {
        /// An operation (CreateUserPool or create_user_pool) or a shape (UserPoolType), or a
        /// member path in either (CreateUserPool.Policies.PasswordPolicy.MinimumLength)
        name: String,
        /// Describe the operation's output (its response) instead of its input. (Was
        /// `--output`, which is now the global output style.)
        #[arg(long, visible_alias = "output-shape")]
        response: bool,
    },
    /// Serve the language server protocol on stdin/stdout for editors: completion, hover,
    /// diagnostics (syntax, request validation, lints), signature help, definitions, symbols
    Lsp,
    /// Port a Chilkat program (CkRest + CkJsonObject, any Chilkat language) to a pooler script
    #[command(after_help = examples::PORT)]
    Port {
        /// The legacy program
        #[arg(value_hint = clap::ValueHint::FilePath)]
        file: PathBuf,
        /// Write the script here instead of stdout
        #[arg(short, long, value_name = "OUT")]
        out: Option<PathBuf>,
        /// The program's language (else from the extension and the text), e.g. lianja, csharp
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// idiomatic: one map and one call; chilkat: call by call on pooler's Chilkat layer
        #[arg(long, value_enum, default_value_t = PortStyle::Idiomatic)]
        style: PortStyle,
    },
    /// Print a shell completion script for pooler
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Write Rhai definition files (`.d.rhai`) for editors into DIR: every script function and
    /// operation
    #[command(after_help = examples::DEFINITIONS)]
    Definitions {
        /// The directory (created when missing); its `.d.rhai` files of the same names are
        /// replaced
        #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        dir: PathBuf,
    },
    /// Print the man page (roff), or write one page per command into a directory
    #[command(after_help = examples::MAN)]
    Man {
        /// Write pooler.1 and pooler-COMMAND.1 here instead of printing pooler.1
        #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        dir: Option<PathBuf>,
    },
    /// Export a live user pool as a Rhai script of `ensure_*` calls (adopt, clone, drift check)
    Export(ExportArgs),
    /// Import users from a CSV file through Cognito's user import jobs
    Import(ImportArgs),
}

/// `pooler export POOL_ID [-o FILE] [--users FILE.csv]`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The user pool, e.g. us-west-2_AbC123
    pub pool_id: String,
    /// Write the script here instead of stdout
    #[arg(short, long, value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Write every user to this CSV file, in the import job's layout, and their groups and
    /// disabled state to FILE.csv.state.jsonl (resumable after Ctrl-C); without -o, only the
    /// users are exported
    #[arg(long, value_name = "FILE.csv")]
    pub users: Option<PathBuf>,
    /// Replace the files -o and --users name when they exist (else they are refused)
    #[arg(long)]
    pub force: bool,
}

/// `pooler import POOL_ID FILE.csv`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The user pool, e.g. us-west-2_AbC123
    pub pool_id: String,
    /// The users, in the layout GetCSVHeader names (`pooler export POOL --users` writes it)
    pub file: PathBuf,
    /// The role that lets the jobs write to CloudWatch Logs (CloudWatchLogsRoleArn)
    #[arg(long, env = "POOLER_IMPORT_ROLE_ARN", value_name = "ARN")]
    pub role_arn: Option<String>,
    /// Name of the jobs (numbered when the file is split)
    #[arg(long, default_value = "pooler-import", value_name = "NAME")]
    pub job_name: String,
    /// Most users per job (the service takes 500,000)
    #[arg(long, default_value_t = 500_000, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_users_per_job: u64,
    /// Largest file per job, in bytes (the service takes 100 MB)
    #[arg(long, default_value_t = 100_000_000, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_bytes_per_job: u64,
    /// Seconds between job status checks
    #[arg(long, default_value_t = 5.0, value_name = "SECONDS", value_parser = values::timeout, allow_negative_numbers = true)]
    pub poll_seconds: f64,
    /// How the users are created: Cognito's import jobs, or one AdminCreateUser call per user
    /// (paced, resumable; for emulators, small pools and accounts without the CloudWatch role).
    /// Either way the groups and disabled state in FILE.csv.state.jsonl are restored after
    #[arg(long, value_enum, default_value_t = ImportMethod::Job)]
    pub method: ImportMethod,
    /// With --method admin-create-user: let Cognito send its invitation message (by default
    /// none is sent)
    #[arg(long)]
    pub send_invitation: bool,
}

/// How `pooler import` creates the users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportMethod {
    /// Cognito's CSV import jobs (CreateUserImportJob)
    Job,
    /// One AdminCreateUser call per user
    AdminCreateUser,
}

/// Options that every command takes; each can also come from the environment.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region)
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// Named profile from the shared AWS config and credentials files
    #[arg(long, global = true, env = "AWS_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Send requests here instead of the regional endpoint (e.g. http://127.0.0.1:5000)
    #[arg(long, global = true, value_name = "URL", value_parser = values::endpoint)]
    pub endpoint_url: Option<String>,
    /// Validate and sign every call but send nothing; scripts get synthesized responses
    #[arg(long, global = true, env = "POOLER_DRY_RUN", value_parser = clap::builder::BoolishValueParser::new())]
    pub dry_run: bool,
    /// Write one JSON line per call to FILE (secrets redacted)
    #[arg(long, global = true, value_name = "FILE")]
    pub transcript: Option<PathBuf>,
    /// Do not validate requests against the API model before sending
    #[arg(long, global = true)]
    pub no_validate: bool,
    /// Treat validation warnings (and, with --lenient, unknown members) as errors
    #[arg(long, global = true)]
    pub strict: bool,
    /// Send members the model does not know, with a warning, instead of refusing the call
    #[arg(long, global = true, env = "POOLER_LENIENT", value_parser = clap::builder::BoolishValueParser::new())]
    pub lenient: bool,
    /// Seconds a request may take before it is abandoned (and retried)
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 60.0, value_parser = values::timeout, allow_negative_numbers = true)]
    pub timeout: f64,
    /// Attempts per call, retries included, 1 to 100 (else AWS_MAX_ATTEMPTS, else 3)
    #[arg(long, global = true, value_name = "N", value_parser = values::attempts, allow_negative_numbers = true)]
    pub max_attempts: Option<u32>,
    /// Allow plain http:// endpoints on hosts other than loopback
    #[arg(long, global = true)]
    pub allow_http: bool,
    /// Pace a quota category at RPS calls a second (repeatable, e.g. UserCreation=100), or
    /// `none` to pace nothing (emulators); else POOLER_QUOTAS, the profile's pooler_quotas,
    /// GetProvisionedLimit, then Cognito's published defaults
    #[arg(long = "quota", global = true, value_name = "CATEGORY=RPS")]
    pub quota: Vec<String>,
    /// Use this service-2.json instead of the embedded Cognito model
    #[arg(long, global = true, value_name = "FILE", env = "POOLER_MODEL", value_hint = clap::ValueHint::FilePath)]
    pub model: Option<PathBuf>,
    /// Log each request and response to stderr (secrets redacted)
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Color in diagnostics
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// How `eval` and the REPL show values: json, text (strings bare, lists tab-separated) or
    /// table (columns for lists of maps), like the AWS CLI's --output
    #[arg(
        long,
        global = true,
        env = "POOLER_OUTPUT",
        value_enum,
        default_value = "json",
        value_name = "STYLE"
    )]
    pub output: crate::output::Format,
    /// A JMESPath expression selecting what `eval` and the REPL show, like the AWS CLI's
    /// --query (e.g. 'UserPools[].Id')
    #[arg(long, global = true, value_name = "EXPR", value_parser = values::query)]
    pub query: Option<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The script engine's safety limits; 0 means unlimited where Rhai allows it.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Script limits")]
pub struct LimitArgs {
    /// Most operations a script may run (stops runaway loops)
    #[arg(
        long,
        global = true,
        env = "POOLER_MAX_OPERATIONS",
        default_value_t = 50_000_000,
        value_name = "N",
        value_parser = values::operations,
        allow_negative_numbers = true
    )]
    pub max_operations: u64,
    /// Deepest function-call nesting (0: as deep as the stack holds)
    #[arg(
        long,
        global = true,
        env = "POOLER_MAX_CALL_DEPTH",
        default_value_t = 64,
        value_name = "N",
        value_parser = values::depth,
        allow_negative_numbers = true
    )]
    pub max_call_depth: usize,
    /// Deepest expression nesting (statements at the top level; functions get half; 0:
    /// as deep as the stack holds)
    #[arg(
        long,
        global = true,
        env = "POOLER_MAX_EXPR_DEPTH",
        default_value_t = 64,
        value_name = "N",
        value_parser = values::depth,
        allow_negative_numbers = true
    )]
    pub max_expr_depth: usize,
    /// Longest string, in bytes
    #[arg(long, global = true, env = "POOLER_MAX_STRING_SIZE", default_value_t = crate::aws::ResponseLimits::DEFAULT.string, value_name = "BYTES", value_parser = values::size, allow_negative_numbers = true)]
    pub max_string_size: usize,
    /// Most elements in one array
    #[arg(
        long,
        global = true,
        env = "POOLER_MAX_ARRAY_SIZE",
        default_value_t = crate::aws::ResponseLimits::DEFAULT.array,
        value_name = "N",
        value_parser = values::size,
        allow_negative_numbers = true
    )]
    pub max_array_size: usize,
    /// Most members in one map
    #[arg(
        long,
        global = true,
        env = "POOLER_MAX_MAP_SIZE",
        default_value_t = crate::aws::ResponseLimits::DEFAULT.map,
        value_name = "N",
        value_parser = values::size,
        allow_negative_numbers = true
    )]
    pub max_map_size: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The output styles of `pooler port`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PortStyle {
    Idiomatic,
    Chilkat,
}

impl Global {
    /// What `--output` and `--query` ask of the values `eval` and the REPL show.
    pub fn shape(&self) -> crate::output::Shape {
        crate::output::Shape {
            format: self.output,
            query: self.query.clone(),
        }
    }
}

impl Cli {
    /// Parses `args` (program name first) with [`Cli::command_for_help`]'s definitions.
    pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let mut cmd = Self::command_for_help();
        let args = script_args::separate(&cmd, args.into_iter().map(Into::into).collect());
        let matches = cmd.try_get_matches_from_mut(args)?;
        Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
    }

    /// The clap command with each subcommand's help kept short: the global options are
    /// listed once, under their own headings in `pooler --help`, and each subcommand's help
    /// ends with its examples and a pointer there.
    pub fn command_for_help() -> clap::Command {
        let cmd = Self::command();
        // Each subcommand gets its own hidden copy of every global option before clap's build
        // would copy them in visibly (it skips options a subcommand already has).
        let globals: Vec<clap::Arg> = cmd
            .get_arguments()
            .filter(|a| a.is_global_set())
            .map(|a| a.clone().hide(true))
            .collect();
        cmd.mut_subcommands(|sub| {
            let examples = sub
                .get_after_help()
                .map(|h| format!("{h}\n\n"))
                .unwrap_or_default();
            let note = format!("{examples}{}", examples::GLOBAL_NOTE);
            sub.args(globals.iter().cloned()).after_help(note)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definitions_pass_clap_checks_with_and_without_the_short_help() {
        Cli::command().debug_assert();
        Cli::command_for_help().debug_assert();
    }

    #[test]
    fn global_options_still_parse_after_the_subcommand() {
        let cli = Cli::parse_args([
            "pooler",
            "run",
            "--dry-run",
            "--timeout",
            "5",
            "s.rhai",
            "x",
        ])
        .unwrap();
        assert!(cli.global.dry_run);
        assert_eq!(cli.global.timeout, 5.0);
        match cli.command {
            Some(Command::Run { file, args }) => {
                assert_eq!(file, PathBuf::from("s.rhai"));
                assert_eq!(args, vec!["x".to_string()]);
            }
            other => panic!("parsed as {other:?}"),
        }
    }
}
