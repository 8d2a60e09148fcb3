//! SIGTERM ends the REPL: while an input runs, the shared interrupt stops it and the loop
//! returns 143; while the REPL waits at the prompt (where nothing polls the interrupt), this
//! watcher exits with 143 itself.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the REPL is waiting for input, shared with the watcher thread.
#[derive(Clone, Default)]
pub struct AtPrompt(Arc<AtomicBool>);

impl AtPrompt {
    pub fn set(&self, waiting: bool) {
        self.0.store(waiting, Ordering::SeqCst);
    }
}

/// Starts the watcher; without it SIGTERM still stops inputs, only not an idle prompt.
pub fn watch(at_prompt: &AtPrompt) {
    use signal_hook::consts::SIGTERM;
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM]) else {
        return;
    };
    let at_prompt = at_prompt.clone();
    let spawned = std::thread::Builder::new()
        .name("repl-sigterm".into())
        .spawn(move || {
            for _ in signals.forever() {
                if at_prompt.0.load(Ordering::SeqCst) {
                    std::process::exit(crate::exit::TERMINATED);
                }
            }
        });
    drop(spawned);
}
