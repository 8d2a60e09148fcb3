//! Wiring a run: a Rhai engine with the whole host API, the call service behind `cognito`,
//! and the settings taken from the command line. `pooler run`, `check`, `plan`, `eval` and the
//! REPL all start here.

use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

use rhai::Dynamic;

use super::engine::{self, EngineSetup, PrintTo};
use super::observer::Console;
use super::runner::{self, Runner};
use super::sources::Sources;
use crate::aws;
use crate::cli::Global;
use crate::exit;
use crate::host::cognito::Cognito;
use crate::host::registry::{self, Registrar};
use crate::interrupt::Interrupt;
use crate::model::Model;
use crate::secrets::Secrets;
use crate::service::pace::{Pacer, QuotaConfig};
use crate::service::{self, Context, Options, Service, Transcript};

/// Whether a script runs for real or is only checked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Run,
    Check,
    /// Reads sent, writes reported (`pooler plan`).
    Plan,
}

/// The AWS client settings from the global options.
fn settings(global: &Global, dry_run: bool) -> aws::Settings {
    aws::Settings {
        region: global.region.clone(),
        profile: global.profile.clone(),
        endpoint_url: global.endpoint_url.clone(),
        allow_http: global.allow_http,
        max_attempts: global.max_attempts,
        verbose: global.verbose,
        timeout: Some(Duration::from_secs_f64(global.timeout.max(0.001))),
        offline: dry_run,
        response_limits: Some(aws::ResponseLimits {
            array: global.limits.max_array_size,
            map: global.limits.max_map_size,
            string: global.limits.max_string_size,
        }),
        ..aws::Settings::default()
    }
}

/// The call service for a run in `mode`, its notices rendered on the console (frames drawn
/// from `sources`). `pooler export` and `import` use it without an engine.
pub fn service(
    global: &Global,
    model: &'static Model,
    interrupt: &Interrupt,
    mode: Mode,
    sources: &Sources,
) -> Result<Service, i32> {
    let transcript = match &global.transcript {
        Some(path) => Some(Transcript::create(path).map_err(|e| {
            eprintln!(
                "error: cannot open the transcript `{}`: {e}",
                path.display()
            );
            exit::FAILURE
        })?),
        None => None,
    };
    let dry_run = global.dry_run || mode == Mode::Check;
    // AWS_RETRY_MODE and AWS_MAX_ATTEMPTS are checked up front, like the flags they stand for.
    if let Err(e) = aws::retry_settings::from_environment(&|name| {
        std::env::var(name).ok().filter(|v| !v.trim().is_empty())
    }) {
        eprintln!("error: {e}");
        return Err(exit::USAGE);
    }
    let quotas =
        QuotaConfig::from_environment(&global.quota, global.profile.as_deref()).map_err(|e| {
            eprintln!("error: {e}");
            exit::USAGE
        })?;
    let pacer = Pacer::new(&quotas);
    // Never in a dry run; the call service also keeps it to AWS's own endpoint.
    pacer.set_provisioned_lookup(!dry_run);
    let calls_mode = match mode {
        Mode::Plan => service::Mode::Plan,
        _ if dry_run => service::Mode::DryRun,
        _ => service::Mode::Run,
    };
    let observer = Rc::new(Console {
        sources: sources.clone(),
        secrets: Secrets::for_model(model),
        color: runner::use_color(global.color),
        quiet: mode == Mode::Check,
    });
    let context = Rc::new(Context::new(
        model,
        Options {
            mode: calls_mode,
            validate: !global.no_validate,
            strict: global.strict,
            lenient: global.lenient,
            verbose: global.verbose,
            collect_problems: mode == Mode::Check,
            transcript,
            pacer,
        },
        observer,
        interrupt.clone(),
    ));
    let client = aws::Client::new(settings(global, dry_run), service::service_of(model));
    Ok(Service::new(context, client))
}

/// An engine with the whole host API, `cognito` and `args` in every scope.
pub fn runner(
    global: &Global,
    model: &'static Model,
    interrupt: &Interrupt,
    base: &Path,
    mode: Mode,
    args: &[String],
) -> Result<Runner, i32> {
    let sources = Sources::new();
    let print = if mode == Mode::Check {
        PrintTo::Nowhere
    } else {
        PrintTo::Stdout
    };
    let setup = EngineSetup {
        limits: &global.limits,
        interrupt,
        sources: &sources,
        base_dir: base.to_path_buf(),
        print,
        secrets: Secrets::for_model(model),
    };
    let mut engine = engine::build(&setup);
    let color = runner::use_color(global.color);
    let service = service(global, model, interrupt, mode, &sources)?;
    let context = service.ctx().clone();
    let cognito = Cognito::new(service);
    let mut reg = Registrar::new(&mut engine);
    registry::register_all(
        &mut reg,
        interrupt,
        base,
        model,
        cognito.clone(),
        global.region.is_some(),
    );
    let args: rhai::Array = args.iter().cloned().map(Dynamic::from).collect();
    let ambient = vec![
        ("cognito", Dynamic::from(cognito)),
        ("args", Dynamic::from_array(args)),
    ];
    runner::install_ambient(&mut engine, Rc::new(ambient));
    Ok(Runner {
        engine,
        sources,
        color,
        calls: context,
    })
}
