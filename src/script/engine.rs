//! Builds the Rhai engine: limits, output routing, interruption, module resolution, host API.

use std::path::PathBuf;

use rhai::{Dynamic, Engine, INT};

use super::{limits, resolver::Resolver, sources::Sources};
use crate::cli::LimitArgs;
use crate::interrupt::Interrupt;

/// Where `print` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintTo {
    Stdout,
    /// `pooler check` prints nothing but problems.
    Nowhere,
}

/// Everything the engine needs to know about its surroundings.
pub struct EngineSetup<'a> {
    pub limits: &'a LimitArgs,
    pub interrupt: &'a Interrupt,
    pub sources: &'a Sources,
    pub base_dir: PathBuf,
    pub print: PrintTo,
    /// The run's secret policy (its model's): what `print` stars at the strict echo level.
    pub secrets: &'static crate::secrets::Secrets,
}

/// A configured engine: limits, output routing, interruption, modules. The caller registers
/// the host API (`host::registry::register_all`).
pub fn build(setup: &EngineSetup<'_>) -> Engine {
    let mut engine = Engine::new();
    limits::apply(&mut engine, setup.limits);
    match setup.print {
        // At the strict echo level (`:redact strict`, `POOLER_REDACT=strict`) a secret value
        // seen in a call is starred in what a script prints too.
        PrintTo::Stdout => {
            let secrets = setup.secrets;
            engine.on_print(move |text| {
                let level = crate::secrets::echo::level();
                crate::stdout::line(&secrets.echo_text(text, level));
            })
        }
        PrintTo::Nowhere => engine.on_print(|_| {}),
    };
    engine.on_debug(|text, source, pos| {
        let place = match (source, pos.line()) {
            (Some(src), Some(line)) => format!("{src}:{line}: "),
            (None, Some(line)) => format!("line {line}: "),
            _ => String::new(),
        };
        eprintln!("debug: {place}{text}");
    });
    let interrupt = setup.interrupt.clone();
    engine.on_progress(move |_| {
        interrupt
            .is_set()
            .then(|| Dynamic::from_int(INT::from(interrupt.exit_code())))
    });
    engine.set_module_resolver(Resolver::new(
        setup.base_dir.clone(),
        setup.sources.clone(),
        setup.interrupt.clone(),
    ));
    engine
}
