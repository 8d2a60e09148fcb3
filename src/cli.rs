//! The command line: clap definitions, whose doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Script AWS Cognito user pool setups in Rhai: signed, validated, dry-runnable.
#[derive(Debug, Parser)]
#[command(name = "pooler", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// The command; none starts the REPL (or runs stdin as a script when it is not a terminal)
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a script: `pooler run scripts/create_pool.rhai -- arg1 arg2`
    Run {
        /// The Rhai script to run
        file: PathBuf,
        /// Arguments for the script, available as `args` (put them after `--`)
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Check a script offline: compile it, dry-run it, validate every call; prints only problems
    Check {
        /// The Rhai script to check
        file: PathBuf,
        /// Arguments for the script, as with `run`
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Plan a script: reads are sent, every write is reported (create, update with the diff,
    /// unchanged, refused) and nothing is changed
    Plan {
        /// The Rhai script to plan
        file: PathBuf,
        /// Arguments for the script, as with `run`
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Evaluate one expression and print its value as JSON
    Eval {
        /// A Rhai expression or statements, e.g. 'cognito.list_user_pools(#{MaxResults: 10})'
        expr: String,
    },
    /// List the Cognito operations whose name contains FILTER
    Ops {
        /// Part of an operation name, in either form (user_pool, UserPool)
        filter: Option<String>,
    },
    /// Explore interactively: completion, history, `:help`; reads stdin as a script when piped
    Repl,
    /// Show an operation's input as a skeleton: members, types, required markers, enums, limits
    Describe {
        /// The operation, e.g. CreateUserPool or create_user_pool
        operation: String,
    },
    /// Port a Chilkat program (CkRest + CkJsonObject, any Chilkat language) to a pooler script
    Port {
        /// The legacy program
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
    /// Write every user to this CSV file, in the import job's layout (resumable after Ctrl-C);
    /// without -o, only the users are exported
    #[arg(long, value_name = "FILE.csv")]
    pub users: Option<PathBuf>,
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
    #[arg(long, default_value_t = 500_000, value_name = "N")]
    pub max_users_per_job: u64,
    /// Largest file per job, in bytes (the service takes 100 MB)
    #[arg(long, default_value_t = 100_000_000, value_name = "BYTES")]
    pub max_bytes_per_job: u64,
    /// Seconds between job status checks
    #[arg(long, default_value_t = 5.0, value_name = "SECONDS")]
    pub poll_seconds: f64,
}

/// Options that every command takes; each can also come from the environment.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region)
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// Named profile from the shared AWS config and credentials files
    #[arg(long, global = true, env = "AWS_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Send requests here instead of the regional endpoint (e.g. http://127.0.0.1:5000)
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// Validate and sign every call but send nothing; scripts get synthesized responses
    #[arg(long, global = true, env = "POOLER_DRY_RUN")]
    pub dry_run: bool,
    /// Write one JSON line per call to FILE (secrets redacted)
    #[arg(long, global = true, value_name = "FILE")]
    pub transcript: Option<PathBuf>,
    /// Do not validate requests against the API model before sending
    #[arg(long, global = true)]
    pub no_validate: bool,
    /// Treat validation warnings (unknown members) as errors
    #[arg(long, global = true)]
    pub strict: bool,
    /// Seconds a request may take before it is abandoned (and retried)
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,
    /// Attempts per call, retries included (else AWS_MAX_ATTEMPTS, else 3)
    #[arg(long, global = true, value_name = "N")]
    pub max_attempts: Option<u32>,
    /// Allow plain http:// endpoints on hosts other than loopback
    #[arg(long, global = true)]
    pub allow_http: bool,
    /// Use this service-2.json instead of the embedded Cognito model
    #[arg(long, global = true, value_name = "FILE", env = "POOLER_MODEL")]
    pub model: Option<PathBuf>,
    /// Log each request and response to stderr (secrets redacted)
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Color in diagnostics
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The script engine's safety limits; 0 means unlimited where Rhai allows it.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Most operations a script may run (stops runaway loops)
    #[arg(
        long,
        global = true,
        env = "POOLER_MAX_OPERATIONS",
        default_value_t = 50_000_000,
        value_name = "N"
    )]
    pub max_operations: u64,
    /// Deepest function-call nesting
    #[arg(
        long,
        global = true,
        env = "POOLER_MAX_CALL_DEPTH",
        default_value_t = 64,
        value_name = "N"
    )]
    pub max_call_depth: usize,
    /// Deepest expression nesting (statements at the top level; functions get half)
    #[arg(
        long,
        global = true,
        env = "POOLER_MAX_EXPR_DEPTH",
        default_value_t = 64,
        value_name = "N"
    )]
    pub max_expr_depth: usize,
    /// Longest string, in bytes
    #[arg(long, global = true, env = "POOLER_MAX_STRING_SIZE", default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    pub max_string_size: usize,
    /// Most elements in one array
    #[arg(
        long,
        global = true,
        env = "POOLER_MAX_ARRAY_SIZE",
        default_value_t = 1_000_000,
        value_name = "N"
    )]
    pub max_array_size: usize,
    /// Most members in one map
    #[arg(
        long,
        global = true,
        env = "POOLER_MAX_MAP_SIZE",
        default_value_t = 100_000,
        value_name = "N"
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
