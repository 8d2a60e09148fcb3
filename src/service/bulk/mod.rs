//! Bulk calls (`cognito.each(operation, inputs, opts)`, `admin_create_users`): many requests
//! at once inside one `block_on`, every one through the same pipeline as a single call
//! (validation, plan gate, dry-run synthesis, retries, transcript, `-v`), paced by the run's
//! quota pacer, with as many requests in flight as the quota needs at the latency seen
//! (Little's law). Items that already exist are skipped (`on_exists: "skip"`, the default):
//! before AdminCreateUser or AdminAddUserToGroup the item is looked up, so a second run writes
//! nothing. A resume file keeps finished items; the run ends with a summary.

mod opts;
mod probe;
mod resume;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::{Duration, Instant};

use serde_json::Value;

pub use opts::Opts;

use self::probe::Probe;
use self::resume::{ResumeLog, finished};
use super::pace::{MAX_IN_FLIGHT, progress_line};
use super::{CallError, CallOptions, Check, Mode, Notice, Service, Site};
use crate::aws::{self, Gate};
use crate::model::Operation;

/// Requests in flight when nothing paces the operation and the script did not say.
const UNPACED_CONCURRENCY: usize = 16;

/// One item that did not succeed.
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub key: String,
    pub kind: String,
    pub message: String,
}

/// How a bulk run ended.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub done: usize,
    pub skipped: usize,
    pub resumed: usize,
    pub throttled: usize,
    pub retried: usize,
    /// Items a plan would send (`pooler plan`).
    pub planned: usize,
    pub failed: Vec<Failed>,
    pub seconds: f64,
    pub rate: f64,
}

#[derive(Default)]
struct Tally {
    done: Cell<usize>,
    skipped: Cell<usize>,
    planned: Cell<usize>,
    /// Items that reached the send (each one attempt at least).
    sent: Cell<usize>,
    /// Attempts and throttling answers, counted at the gate.
    attempts: Cell<usize>,
    throttled: Cell<usize>,
    /// Items being worked on now.
    in_flight: Cell<usize>,
    /// How long an item takes (lookup and call), averaged, in seconds.
    item_seconds: Cell<Option<f64>>,
    failed: RefCell<Vec<Failed>>,
    /// An interruption or a failed record: the run stops.
    stop: RefCell<Option<CallError>>,
}

fn bump(c: &Cell<usize>) {
    c.set(c.get() + 1);
}

/// The item's key: the `key` member when it is text, else its position (`#3`). Never the
/// whole input, which may hold a password.
fn key_of(input: &Value, key: &str, index: usize) -> String {
    match input.get(key) {
        Some(Value::String(s)) => s.clone(),
        _ => format!("#{index}"),
    }
}

struct Item {
    key: String,
    input: Value,
}

struct Run {
    service: Service,
    op: &'static Operation,
    /// Requests in flight at most, when the script chose (else the pacer decides).
    concurrency: Option<usize>,
    /// Attempts per call, lookups included, when the script set `max_retries`.
    attempts: Option<u32>,
    queue: RefCell<VecDeque<Item>>,
    tally: Tally,
    log: ResumeLog,
    skip_existing: bool,
    probe: Option<Probe>,
    site: Option<Site>,
    started: Instant,
}

impl Run {
    fn stop(&self, e: CallError) {
        self.tally.stop.borrow_mut().get_or_insert(e);
    }

    fn finish(&self, key: &str, result: &str) {
        if let Err(e) = self.log.record(key, result) {
            self.stop(e);
        }
    }

    /// One item: look it up when it may exist, then send it through the pipeline.
    async fn item(&self, item: Item) {
        let t = &self.tally;
        if let Some(probe) = &self.probe {
            match probe
                .exists(&self.service, &item.input, self.attempts)
                .await
            {
                Ok(true) => {
                    bump(&t.skipped);
                    return self.finish(&item.key, "skipped");
                }
                Ok(false) => {}
                Err(e @ CallError::Interrupted { .. }) => return self.stop(e),
                // An item that cannot be looked up is sent; the write itself decides.
                Err(_) => {}
            }
        }
        if self.service.ctx.planning() {
            bump(&t.planned);
        }
        bump(&t.sent);
        let gate = Counted {
            inner: self.service.ctx.pacer.gate(self.op.name, &item.input),
            tally: t,
        };
        let options = CallOptions::default()
            .check(Check::ErrorsOnly)
            .site(self.site.as_ref())
            .gate(&gate)
            .attempts(self.attempts);
        let result = self
            .service
            .call_async(self.op, &item.input, &options, &aws::Unread)
            .await;
        match result {
            Ok(_) => {
                bump(&t.done);
                self.finish(&item.key, "done");
            }
            Err(e @ (CallError::Interrupted { .. } | CallError::Output { .. })) => self.stop(e),
            Err(e) if self.skip_existing && self.op.says_item_exists(e.kind()) => {
                bump(&t.skipped);
                self.finish(&item.key, "skipped");
            }
            Err(e) => t.failed.borrow_mut().push(Failed {
                key: item.key,
                kind: e.kind().to_string(),
                message: self.service.ctx.secrets.scrub_text(&e.message()),
            }),
        }
    }

    /// The progress line: finished of total, how they ended, the category's pace and quota.
    fn progress_line(&self, total: usize) -> String {
        let t = &self.tally;
        let failed = t.failed.borrow().len();
        let pacer = &self.service.ctx.pacer;
        let pace = pacer
            .category_of(self.op.name)
            .and_then(|c| pacer.status(c))
            .map(|s| format!(", {}", progress_line(&s)))
            .unwrap_or_default();
        format!(
            "{} {}/{total}: {} done, {} skipped, {failed} failed{pace}",
            self.op.name,
            t.done.get() + t.skipped.get() + failed,
            t.done.get(),
            t.skipped.get(),
        )
    }

    /// How many items may be worked on at once: what the category's allowed rate needs at the
    /// time an item takes, lookup included (Little's law, with room for jitter).
    fn limit(&self) -> usize {
        let pacer = &self.service.ctx.pacer;
        let Some(category) = pacer.category_of(self.op.name) else {
            return self.concurrency.unwrap_or(UNPACED_CONCURRENCY);
        };
        if let Some(n) = self.concurrency {
            return n;
        }
        match (self.tally.item_seconds.get(), pacer.status(category)) {
            (Some(seconds), Some(status)) => {
                let needed = (status.allowed * seconds * 1.5).ceil() as usize + 1;
                needed.clamp(1, MAX_IN_FLIGHT)
            }
            _ => pacer.concurrency(self.op.name),
        }
    }
}

/// The pacer's gate for one item, counting attempts and throttling answers for the summary.
struct Counted<'a, G: Gate> {
    inner: G,
    tally: &'a Tally,
}

impl<G: Gate> Gate for Counted<'_, G> {
    fn admit(&self) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + '_>> {
        self.inner.admit()
    }

    fn observe(&self, throttled: bool) {
        bump(&self.tally.attempts);
        if throttled {
            bump(&self.tally.throttled);
        }
        self.inner.observe(throttled);
    }

    fn throttle_retries(&self) -> u32 {
        self.inner.throttle_retries()
    }
}

async fn worker(run: Rc<Run>) {
    loop {
        if run.tally.stop.borrow().is_some() {
            return;
        }
        // Keep in flight what the quota needs at the latency seen, no more (Little's law).
        while run.tally.in_flight.get() >= run.limit() {
            if run.service.ctx.interrupt.is_set() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let Some(item) = run.queue.borrow_mut().pop_front() else {
            return;
        };
        bump(&run.tally.in_flight);
        let started = Instant::now();
        run.item(item).await;
        let t = &run.tally;
        t.in_flight.set(t.in_flight.get() - 1);
        let took = started.elapsed().as_secs_f64();
        let average = t.item_seconds.get().map_or(took, |a| 0.8 * a + 0.2 * took);
        t.item_seconds.set(Some(average));
        if run.service.ctx.interrupt.is_set() && t.stop.borrow().is_none() {
            run.stop(CallError::interrupted(&run.service.ctx.interrupt));
        }
    }
}

/// Redraws the progress line five times a second.
async fn progress(run: Rc<Run>, total: usize) {
    loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let line = run.progress_line(total);
        run.service.ctx.notice(Notice::Progress {
            line: &line,
            done: false,
        });
    }
}

impl Service {
    /// Runs `op` once per input. Every input is validated before anything is sent, so a bad one
    /// stops the run early; warnings are told once.
    pub fn each(
        &self,
        op: &'static Operation,
        inputs: Vec<Value>,
        opts: Opts,
        site: Option<&Site>,
    ) -> Result<Summary, CallError> {
        // The key is written to the resume file and shown in the summary's failures.
        if self
            .ctx
            .secrets
            .hides(&opts.key, crate::secrets::Level::Credentials)
        {
            return Err(CallError::bad_input(
                "bulk option",
                format!(
                    "`key: \"{}\"` names a secret: keys are written to the resume file and shown \
                     in the summary; use a member that identifies an item without revealing it \
                     (e.g. Username)",
                    opts.key
                ),
            ));
        }
        self.check_all(op, &inputs, site)?;
        let done_before = match &opts.resume {
            Some(path) => finished(path)?,
            None => Default::default(),
        };
        let mut queue = VecDeque::new();
        let mut resumed = 0;
        for (index, input) in inputs.into_iter().enumerate() {
            let key = key_of(&input, &opts.key, index);
            if done_before.contains(&key) {
                resumed += 1;
                continue;
            }
            queue.push_back(Item { key, input });
        }
        let total = queue.len();
        let workers = opts.concurrency.unwrap_or(MAX_IN_FLIGHT).min(total.max(1));
        let probe = (opts.skip_existing && !self.ctx.dry_run())
            .then(|| Probe::for_operation(self, op))
            .flatten();
        let run = Rc::new(Run {
            service: self.clone(),
            op,
            concurrency: opts.concurrency,
            attempts: opts.max_retries.map(|retries| retries.saturating_add(1)),
            queue: RefCell::new(queue),
            tally: Tally::default(),
            // Only what really happened is recorded: a dry run, `check` and a plan read the
            // resume file but never write it, so a later real run still does the work.
            log: ResumeLog::open(opts.resume.as_ref().filter(|_| self.ctx.mode == Mode::Run))?,
            skip_existing: opts.skip_existing,
            probe,
            site: site.cloned(),
            started: Instant::now(),
        });
        let local = tokio::task::LocalSet::new();
        local.block_on(self.ctx.runtime(), async {
            let meter = opts
                .progress
                .then(|| tokio::task::spawn_local(progress(run.clone(), total)));
            let handles: Vec<_> = (0..workers)
                .map(|_| tokio::task::spawn_local(worker(run.clone())))
                .collect();
            for h in handles {
                let _ = h.await;
            }
            if let Some(m) = meter {
                m.abort();
                let line = run.progress_line(total);
                run.service.ctx.notice(Notice::Progress {
                    line: &line,
                    done: true,
                });
            }
        });
        if let Some(e) = run.tally.stop.borrow_mut().take() {
            return Err(e);
        }
        let summary = self.summary(&run, resumed);
        if self.ctx.planning() {
            self.plan_report(
                &format!("{} for {} input(s)", op.name, total + resumed),
                &format!(
                    "would call {} time(s), {} exist already{}",
                    summary.planned,
                    summary.skipped,
                    if resumed > 0 {
                        format!(", {resumed} done per the resume file")
                    } else {
                        String::new()
                    }
                ),
                &[],
            );
        }
        Ok(summary)
    }

    /// Validates every input; the first invalid one stops the run, warnings are told once.
    fn check_all(
        &self,
        op: &'static Operation,
        inputs: &[Value],
        site: Option<&Site>,
    ) -> Result<(), CallError> {
        for (n, input) in inputs.iter().enumerate() {
            if !input.is_object() {
                return Err(CallError::bad_input(
                    op.name,
                    format!("input [{n}] of {} must be a map", inputs.len()),
                ));
            }
            if !self.blocking_problems(op, input).is_empty() {
                return self.check(op, input, site).map_err(|e| match e {
                    CallError::Validation {
                        operation,
                        problems,
                    } => CallError::Validation {
                        operation,
                        problems: problems
                            .into_iter()
                            .map(|mut p| {
                                p.path = if p.path.is_empty() {
                                    format!("[{n}]")
                                } else {
                                    format!("[{n}].{}", p.path)
                                };
                                p
                            })
                            .collect(),
                    },
                    other => other,
                });
            }
        }
        if let Some(first) = inputs.first() {
            self.check(op, first, site)?;
        }
        Ok(())
    }

    fn summary(&self, run: &Run, resumed: usize) -> Summary {
        let t = &run.tally;
        let seconds = run.started.elapsed().as_secs_f64();
        let done = t.done.get();
        Summary {
            done: if self.ctx.planning() { 0 } else { done },
            skipped: t.skipped.get(),
            resumed,
            throttled: t.throttled.get(),
            retried: t
                .attempts
                .get()
                .saturating_sub(t.throttled.get() + t.sent.get()),
            planned: t.planned.get(),
            failed: t.failed.borrow().clone(),
            seconds,
            rate: if seconds > 0.0 {
                done as f64 / seconds
            } else {
                0.0
            },
        }
    }
}
