//! One function per subcommand, called by `run` after the command line is parsed.

use std::path::Path;

use crate::cli::{Cli, Command, Global};
use crate::exit;
use crate::interrupt::Interrupt;
use crate::model::Model;
use crate::script::setup::{Mode, runner};
use crate::service::{self, Context, Service};

/// Runs the parsed command.
pub fn dispatch(cli: Cli, interrupt: &Interrupt) -> i32 {
    let global = &cli.global;
    let model = match load_model(global) {
        Ok(model) => model,
        Err(code) => return code,
    };
    let Some(command) = &cli.command else {
        return crate::repl::run(global, model, interrupt);
    };
    match command {
        Command::Repl => crate::repl::run(global, model, interrupt),
        Command::Run { file, args } => {
            run_script(global, model, interrupt, file, args, Mode::Run, false)
        }
        Command::Check { file, args } => {
            run_script(global, model, interrupt, file, args, Mode::Check, false)
        }
        Command::Plan {
            file,
            args,
            detailed_exitcode,
        } => run_script(
            global,
            model,
            interrupt,
            file,
            args,
            Mode::Plan,
            *detailed_exitcode,
        ),
        Command::Eval { expr } => eval(global, model, interrupt, expr),
        Command::Ops { filter } => ops(model, filter.as_deref()),
        Command::Describe { name, response } => describe(model, name, *response),
        Command::Completions { shell } => {
            let languages: Vec<&'static str> =
                crate::port::lang::PROFILES.iter().map(|p| p.id).collect();
            crate::cli::generate::completions(*shell, &languages)
        }
        Command::Man { dir } => crate::cli::generate::man(dir.as_deref()),
        Command::Definitions { dir } => definitions(model, dir),
        Command::Lsp => crate::lsp::serve(model),
        Command::Port {
            file,
            out,
            lang,
            style,
        } => {
            crate::port::command::run(file, out.as_deref(), lang.as_deref(), *style, global.strict)
        }
        Command::Export(args) => export(global, model, interrupt, args),
        Command::Import(args) => import(global, model, interrupt, args),
    }
}

/// The call service for `export` and `import` (the same pipeline scripts use).
fn calls(global: &Global, model: &'static Model, interrupt: &Interrupt) -> Result<Service, i32> {
    crate::script::setup::service(
        global,
        model,
        interrupt,
        Mode::Run,
        &crate::script::sources::Sources::new(),
    )
}

/// `pooler export`: the script to -o or stdout, the users to --users.
fn export(
    global: &Global,
    model: &'static Model,
    interrupt: &Interrupt,
    args: &crate::cli::ExportArgs,
) -> i32 {
    use crate::service::export;
    if global.dry_run {
        eprintln!("error: export only reads the pool; --dry-run has nothing to do");
        return exit::USAGE;
    }
    let caller = match calls(global, model, interrupt) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Refused before anything is read (private_file refuses them again when writing).
    if !args.force
        && let Some(path) = &args.out
        && path.exists()
    {
        eprintln!(
            "error: {}",
            crate::private_file::exists_message(path, "--force")
        );
        return exit::FAILURE;
    }
    if args.out.is_some() || args.users.is_none() {
        let text = match export::export_script(&caller, model, &args.pool_id) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot export `{}`: {e}", args.pool_id);
                return e.exit_code();
            }
        };
        match &args.out {
            Some(path) => {
                let written = crate::private_file::create(path, args.force)
                    .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
                if let Err(e) = written {
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        eprintln!(
                            "error: {}",
                            crate::private_file::exists_message(path, "--force")
                        );
                    } else {
                        eprintln!("error: cannot write `{}`: {e}", path.display());
                    }
                    return exit::FAILURE;
                }
                eprintln!("export: wrote {}", path.display());
            }
            None => crate::stdout::write(&text),
        }
    }
    let Some(path) = &args.users else {
        return exit::SUCCESS;
    };
    let stop = || interrupt.is_set();
    let mut progress = |n: u64| eprint!("\rexport: {n} users written");
    let report = export::users::export_users(
        &caller,
        &args.pool_id,
        path,
        args.force,
        &stop,
        &mut progress,
    );
    eprintln!();
    match report {
        Ok(r) => {
            let from = if r.resumed { ", resumed" } else { "" };
            eprintln!(
                "export: {} users in {} (columns from {}{from})",
                r.written,
                path.display(),
                r.header_source
            );
            if r.unverified > 0 {
                eprintln!(
                    "export: {} users have neither a verified email nor a verified phone number, so the import job would reject them: {}{}",
                    r.unverified,
                    r.unverified_names.join(", "),
                    if r.unverified > r.unverified_names.len() as u64 {
                        ", …"
                    } else {
                        ""
                    }
                );
            }
            if r.interrupted {
                eprintln!("export: interrupted; run the same command again to continue");
                return interrupt.exit_code();
            }
            exit::SUCCESS
        }
        Err(e) => {
            eprintln!("error: users of `{}`: {e}", args.pool_id);
            e.exit_code()
        }
    }
}

/// `pooler import`: the users (import jobs, or AdminCreateUser with `--method
/// admin-create-user`), then the groups and disabled state of the sidecar.
fn import(
    global: &Global,
    model: &'static Model,
    interrupt: &Interrupt,
    args: &crate::cli::ImportArgs,
) -> i32 {
    use crate::service::import::restore;
    if args.send_invitation && args.method == crate::cli::ImportMethod::Job {
        eprintln!(
            "error: --send-invitation needs --method admin-create-user (import jobs send no messages)"
        );
        return exit::USAGE;
    }
    // A bad sidecar stops the import before anything is sent.
    let facts = match restore::facts(&args.file) {
        Ok(facts) => facts,
        Err(e) => {
            eprintln!("error: {e}");
            return e.exit_code();
        }
    };
    let caller = match calls(global, model, interrupt) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let code = match args.method {
        crate::cli::ImportMethod::Job => import_jobs(&caller, interrupt, global, args),
        crate::cli::ImportMethod::AdminCreateUser => import_admin(&caller, args),
    };
    if code != exit::SUCCESS {
        return code;
    }
    let Some(facts) = facts else {
        return code;
    };
    match restore::restore(&caller, &args.pool_id, &facts) {
        Ok(r) => {
            crate::stdout::line(&restore::describe(&r));
            let failed: Vec<_> = r.groups.failed.iter().chain(&r.disabled.failed).collect();
            for f in failed.iter().take(10) {
                eprintln!("error: user `{}`: {}: {}", f.key, f.kind, f.message);
            }
            if failed.is_empty() {
                exit::SUCCESS
            } else {
                exit::SERVICE
            }
        }
        Err(e) => import_failed(&e),
    }
}

fn import_failed(e: &crate::service::import::ImportError) -> i32 {
    use crate::service::{CallError, import::ImportError};
    if matches!(e, ImportError::Call(CallError::Interrupted { .. })) {
        eprintln!("import: interrupted; run the same command again to continue");
    } else {
        eprintln!("error: {e}");
    }
    e.exit_code()
}

/// `--method admin-create-user`: one AdminCreateUser per row through the bulk machinery.
fn import_admin(caller: &Service, args: &crate::cli::ImportArgs) -> i32 {
    use crate::service::import::admin;
    match admin::create_users(caller, &args.pool_id, &args.file, args.send_invitation) {
        Ok((users, s)) => {
            crate::stdout::line(&format!(
                "AdminCreateUser: {users} users: {} created, {} already there, {} resumed, {} failed",
                s.done,
                s.skipped,
                s.resumed,
                s.failed.len()
            ));
            for f in s.failed.iter().take(10) {
                eprintln!("error: user `{}`: {}: {}", f.key, f.kind, f.message);
            }
            if s.failed.is_empty() {
                exit::SUCCESS
            } else {
                eprintln!(
                    "error: {} users were not created; fix them and run the same command again",
                    s.failed.len()
                );
                exit::SERVICE
            }
        }
        Err(e) => import_failed(&e),
    }
}

/// Import jobs: check, split, create, upload, start and watch them.
fn import_jobs(
    caller: &Service,
    interrupt: &Interrupt,
    global: &Global,
    args: &crate::cli::ImportArgs,
) -> i32 {
    use crate::service::import;
    let opts = import::Options {
        role_arn: args.role_arn.clone(),
        job_name: args.job_name.clone(),
        limits: import::Limits {
            max_users: args.max_users_per_job.max(1),
            max_bytes: args.max_bytes_per_job.max(1),
        },
        poll: std::time::Duration::from_secs_f64(args.poll_seconds),
        dry_run: global.dry_run,
        ..import::Options::default()
    };
    let stop = || interrupt.is_set();
    // A dry run creates no job, so its count comes from the plan it reports.
    let planned = std::cell::Cell::new(None);
    let mut progress = |p: import::Progress| {
        if let import::Progress::DryRun { jobs } = &p {
            planned.set(Some(*jobs));
        }
        eprintln!("{}", import::describe(&p));
    };
    match import::import(
        caller,
        &args.pool_id,
        &args.file,
        &opts,
        &stop,
        &mut progress,
    ) {
        Ok(s) => {
            crate::stdout::line(&format!(
                "{}: {} imported, {} skipped, {} failed ({} job(s))",
                s.status,
                s.imported,
                s.skipped,
                s.failed,
                planned.get().unwrap_or(s.jobs.len())
            ));
            if s.status == "Succeeded" || s.status == "DryRun" {
                return exit::SUCCESS;
            }
            let message = s.jobs.last().map(|j| j.message.clone()).unwrap_or_default();
            eprintln!(
                "error: import job {} ended {}: {}",
                crate::printable::line(&s.job_id),
                crate::printable::line(&s.status),
                crate::printable::line(&message)
            );
            exit::SERVICE
        }
        Err(import::ImportError::Interrupted(s)) => {
            eprintln!(
                "import: interrupted; stopped job {} ({} imported so far)",
                s.job_id, s.imported
            );
            interrupt.exit_code()
        }
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}

/// The embedded model, or the one `--model FILE` names (kept for the whole process).
fn load_model(global: &Global) -> Result<&'static Model, i32> {
    let Some(path) = &global.model else {
        return Ok(Model::embedded());
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        eprintln!("error: cannot read the model `{}`: {e}", path.display());
        exit::FAILURE
    })?;
    let model = Model::from_json(&text, Some(Model::embedded_paginators_json())).map_err(|e| {
        eprintln!(
            "error: `{}` is not a usable service model: {e}",
            path.display()
        );
        exit::USAGE
    })?;
    Ok(Box::leak(Box::new(model)))
}

fn base_dir(file: &Path) -> &Path {
    file.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn run_script(
    global: &Global,
    model: &'static Model,
    interrupt: &Interrupt,
    file: &Path,
    args: &[String],
    mode: Mode,
    detailed_exitcode: bool,
) -> i32 {
    let runner = match runner(global, model, interrupt, base_dir(file), mode, args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let code = if file.as_os_str() == "-" {
        match read_stdin() {
            Ok(text) => runner.run_text("<stdin>", &text).0,
            Err(code) => code,
        }
    } else {
        runner.run_file(file)
    };
    if (code == exit::INTERRUPTED || code == exit::TERMINATED) && interrupt.is_set() {
        eprintln!("{}", runner.calls.call_tally.summary());
    }
    if mode == Mode::Check && code == exit::SUCCESS && runner.calls.problems() > 0 {
        eprintln!(
            "check: {} request(s) would be refused by validation",
            runner.calls.problems()
        );
        return exit::VALIDATION;
    }
    if mode == Mode::Plan && code == exit::SUCCESS {
        if let Err(e) = service::ensure::undeclared::report_undeclared(&runner.calls) {
            eprintln!("error: {e}");
            return e.exit_code();
        }
        return plan_status(&runner.calls, detailed_exitcode);
    }
    code
}

/// How a plan that ran to its end exits: a refused change is a failure (6); with
/// `--detailed-exitcode`, 0 means no changes and 2 means changes (as Terraform does).
fn plan_status(calls: &Context, detailed: bool) -> i32 {
    let tally = &calls.plan_tally;
    if tally.refusals() > 0 {
        eprintln!(
            "plan: {} change(s) would be refused by the service",
            tally.refusals()
        );
        return exit::SERVICE;
    }
    if detailed && tally.changes() + tally.undeclared_count() > 0 {
        return exit::PLAN_CHANGES;
    }
    exit::SUCCESS
}

/// The whole of standard input, for `pooler run -`.
fn read_stdin() -> Result<String, i32> {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| {
        eprintln!("error: cannot read the script from standard input: {e}");
        exit::FAILURE
    })?;
    Ok(text)
}

fn eval(global: &Global, model: &'static Model, interrupt: &Interrupt, expr: &str) -> i32 {
    let r = match runner(global, model, interrupt, Path::new("."), Mode::Run, &[]) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (code, value) = r.run_text("<eval>", expr);
    if let Some(value) = value.filter(|v| !v.is_unit()) {
        match crate::host::convert::to_json_shown(&value) {
            Ok(json) => {
                let shown =
                    model.iso_timestamps(&crate::repl::redact::redact(r.calls.secrets, &json));
                match global.shape().render(&shown) {
                    Ok(text) => crate::stdout::line(&text),
                    Err(message) => {
                        eprintln!("error: {message}");
                        return exit::USAGE;
                    }
                }
            }
            Err(_) => crate::stdout::line(&crate::repl::redact::redact_text(
                r.calls.secrets,
                &value.to_string(),
            )),
        }
    }
    code
}

fn ops(model: &Model, filter: Option<&str>) -> i32 {
    let filter = filter.unwrap_or_default();
    let lines = model.ops_listing(filter);
    if lines.is_empty() {
        eprintln!("error: no operation matches `{filter}` (`pooler ops` lists them all)");
        return exit::USAGE;
    }
    for line in lines {
        crate::stdout::line(&line);
    }
    exit::SUCCESS
}

fn describe(model: &Model, name: &str, output: bool) -> i32 {
    match model.describe_named(name, output) {
        Ok(text) => {
            crate::stdout::write(&text);
            exit::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message} (`pooler ops` lists the operations)");
            exit::USAGE
        }
    }
}

/// `pooler definitions DIR`: the `.d.rhai` files for the Rhai language server.
fn definitions(model: &Model, dir: &Path) -> i32 {
    use crate::host::definitions;
    let files = definitions::files(model, crate::script::stdlib::MODULES);
    match definitions::write(dir, &files) {
        Ok(written) => {
            for path in written {
                crate::stdout::line(&path.display().to_string());
            }
            exit::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            exit::FAILURE
        }
    }
}
