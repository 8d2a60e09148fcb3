//! The Examples section at the end of each command's `--help`.

pub const TOP: &str = "\
Examples:
  pooler run scripts/create_pool.rhai             Run a script
  pooler run --dry-run scripts/create_pool.rhai   Sign and validate every call, send nothing
  pooler repl                                     Explore interactively
  pooler describe CreateUserPool                  An operation's input skeleton
  pooler completions bash > ~/.local/share/bash-completion/completions/pooler";

pub const RUN: &str = "\
Examples:
  pooler run scripts/create_pool.rhai
  pooler run --dry-run scripts/create_pool.rhai
  pooler run scripts/add_users.rhai users.csv --force   Script arguments follow the file
  pooler run scripts/add_users.rhai -- --force          `--` still works
  echo 'print(1 + 1)' | pooler run -                    The script from standard input

Options go before the file; everything after it reaches the script as `args`.";

pub const CHECK: &str = "\
Examples:
  pooler check scripts/create_pool.rhai
  pooler check --strict scripts/full_setup.rhai          Unknown members are errors too";

pub const PLAN: &str = "\
Examples:
  pooler plan scripts/full_setup.rhai
  pooler plan --region eu-west-1 scripts/full_setup.rhai";

pub const EVAL: &str = "\
Examples:
  pooler eval '1 + 2'
  pooler eval 'cognito.list_user_pools(#{MaxResults: 10})'
  pooler --dry-run eval 'cognito.describe_user_pool(#{UserPoolId: \"us-east-1_Abc\"})'";

pub const OPS: &str = "\
Examples:
  pooler ops                  Every operation
  pooler ops user_pool        Operations whose name contains user_pool (or UserPool)";

pub const REPL: &str = "\
Examples:
  pooler repl
  pooler --dry-run repl       The prompt reads pooler[dry]> and nothing is sent";

pub const DESCRIBE: &str = "\
Examples:
  pooler describe CreateUserPool            The input: members, types, limits
  pooler describe create_user_pool --response   The output, expanded
  pooler describe UserPoolType              Any shape of the model by name";

pub const PORT: &str = "\
Examples:
  pooler port tests/fixtures/port/foxpro.prg -o create_pool.rhai
  pooler port --style chilkat legacy/CreatePool.cs";

pub const COMPLETIONS: &str = "\
Examples:
  pooler completions bash > ~/.local/share/bash-completion/completions/pooler
  pooler completions zsh > ~/.zfunc/_pooler
  pooler completions fish > ~/.config/fish/completions/pooler.fish
  pooler completions powershell >> $PROFILE";

pub const MAN: &str = "\
Examples:
  pooler man | man -l -                   Read the page now
  pooler man --dir /usr/local/share/man/man1   pooler.1 and one page per command";

pub const DEFINITIONS: &str = "\
Examples:
  mkdir -p .rhai/definitions && pooler definitions .rhai/definitions
  pooler --model service-2.json definitions .rhai/definitions   Operations of a newer model

The Rhai language server reads them from the workspace; regenerate after upgrading pooler.";

/// After every subcommand's options: where the global options are described.
pub const GLOBAL_NOTE: &str =
    "Global options (--region, --dry-run, --endpoint-url, limits, …): see `pooler --help`.";
