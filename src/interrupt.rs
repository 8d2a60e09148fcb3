//! Ctrl-C and SIGTERM: one shared flag that the script engine polls and in-flight requests await.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use tokio::sync::Notify;

use crate::exit;

/// A cloneable handle to the process-wide interruption state.
#[derive(Clone, Default)]
pub struct Interrupt {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    flag: AtomicBool,
    exit_code: AtomicI32,
    notify: Notify,
    /// SIGTERM exits the process at once (see [`Interrupt::set_idle`]).
    idle: AtomicBool,
}

impl Interrupt {
    /// A fresh, untriggered handle (tests and embedders make their own).
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks the run as interrupted and wakes every waiter.
    pub fn trigger(&self) {
        self.trigger_with_code(130);
    }

    /// Like [`Interrupt::trigger`], recording the exit code to use (130 for SIGINT, 143 for SIGTERM).
    pub fn trigger_with_code(&self, code: i32) {
        self.inner.exit_code.store(code, Ordering::SeqCst);
        self.inner.flag.store(true, Ordering::SeqCst);
        self.inner.notify.notify_waiters();
    }

    /// Clears the flag, so that a REPL can go on after an interrupted input.
    pub fn reset(&self) {
        self.inner.flag.store(false, Ordering::SeqCst);
    }

    /// Whether an interruption is pending.
    pub fn is_set(&self) -> bool {
        self.inner.flag.load(Ordering::SeqCst)
    }

    /// The exit code the interruption asks for (130 unless set otherwise).
    pub fn exit_code(&self) -> i32 {
        match self.inner.exit_code.load(Ordering::SeqCst) {
            0 => 130,
            code => code,
        }
    }

    /// Resolves once the run is interrupted (at once if it already is).
    pub async fn wait(&self) {
        loop {
            let notified = self.inner.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.is_set() {
                return;
            }
            notified.await;
        }
    }

    /// While `idle` (the REPL waiting at its prompt, where nothing polls the flag), SIGTERM
    /// exits the process at once with 143 instead of setting the flag.
    pub fn set_idle(&self, idle: bool) {
        self.inner.idle.store(idle, Ordering::SeqCst);
    }

    /// The one signal setup: routes SIGINT (Ctrl-C, exit 130) and SIGTERM (exit 143, or at
    /// once while [`Interrupt::set_idle`]) to this handle, from a small thread that waits for
    /// them.
    pub fn install_signal_handler(&self) {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        let this = self.clone();
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    if signal != SIGTERM {
                        this.trigger_with_code(exit::INTERRUPTED);
                    } else if this.inner.idle.load(Ordering::SeqCst) {
                        std::process::exit(exit::TERMINATED);
                    } else {
                        this.trigger_with_code(exit::TERMINATED);
                    }
                }
            });
        // Without the thread the defaults stay: the process still stops, only less tidily.
        drop(spawned);
    }
}
