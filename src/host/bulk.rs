//! Bulk calls: `cognito.each(operation, inputs, opts)` and
//! `cognito.admin_create_users(pool_id, users, opts)` run many requests concurrently inside one
//! `block_on`, paced by [`Pacer`] (back off on throttling, creep up while clean), retry what is
//! retryable, count "already exists" as done with `on_exists: "skip"` (the default), keep a
//! resume file of finished items, and return a summary.
//!
//! Options: `concurrency` (16), `rate` (starting requests per second, 25), `max_rate` (1000),
//! `on_exists` ("skip" or "fail"), `resume` (a JSON-lines file), `key` (the input member naming
//! an item, "Username"), `max_retries` (5), `progress` (default: when stderr is a terminal).

use std::cell::{Cell, RefCell};
use std::collections::{HashSet, VecDeque};
use std::io::Write as _;
use std::rc::Rc;
use std::time::{Duration, Instant};

use rhai::{Array, Dynamic, Engine, EvalAltResult, INT, Map as RhaiMap, NativeCallContext};
use serde_json::Value;

use super::bulk_opts::{Opts, options};
use super::bulk_pace::Pacer;
use super::bulk_resume::{ResumeLog, finished};
use super::cognito::{Cognito, Shared};
use super::cognito_call::{CallResult, input_json};
use super::transcript::Entry;
use crate::aws::retry::{backoff, is_throttling};
use crate::aws::{self, AwsError};
use crate::model::{Operation, Severity};

type Res<T> = Result<T, Box<EvalAltResult>>;

/// Throttling answers one item may get before it is given up.
const MAX_THROTTLES: u32 = 100;

/// The counts a bulk run ends with.
#[derive(Default)]
struct Tally {
    done: Cell<usize>,
    skipped: Cell<usize>,
    throttled: Cell<usize>,
    retried: Cell<usize>,
    failed: RefCell<Vec<(String, String, String)>>,
    interrupted: Cell<bool>,
}

fn bump(c: &Cell<usize>) {
    c.set(c.get() + 1);
}

/// The item's stable key: the `key` member when it is text, else its compact JSON.
fn key_of(input: &Value, key: &str) -> String {
    match input.get(key) {
        Some(Value::String(s)) => s.clone(),
        _ => serde_json::to_string(input).unwrap_or_default(),
    }
}

struct Item {
    key: String,
    input: Value,
    body: Vec<u8>,
    throttles: u32,
    retries: u32,
}

struct Run {
    client: aws::Client,
    op: &'static Operation,
    pacer: Pacer,
    queue: RefCell<VecDeque<Item>>,
    tally: Tally,
    log: ResumeLog,
    opts: Opts,
    interrupt: crate::interrupt::Interrupt,
    shared: Rc<Shared>,
}

impl Run {
    /// The transcript line (secrets redacted) and, with `-v`, one log line per call.
    fn record(&self, item: &Item, outcome: &aws::Outcome) {
        let error_type = outcome.result.as_ref().err().map(AwsError::kind);
        if self.shared.verbose {
            eprintln!(
                "< {} {} {} in {} ms{}",
                outcome.status.map_or("-".to_string(), |s| s.to_string()),
                self.op.name,
                item.key,
                outcome.elapsed.as_millis(),
                error_type.map(|t| format!(": {t}")).unwrap_or_default()
            );
        }
        super::progress::note(&self.op.name, error_type);
        let Some(transcript) = &self.shared.transcript else {
            return;
        };
        let model = self.shared.model;
        let entry = Entry {
            operation: &self.op.name,
            region: &outcome.region,
            endpoint: &outcome.endpoint,
            request: model.redact_input(self.op, &item.input),
            status: outcome.status,
            response: outcome
                .result
                .as_ref()
                .ok()
                .map(|v| model.redact_output(self.op, v)),
            error_type,
            attempts: &outcome.attempts,
            millis: outcome.elapsed.as_millis(),
            dry_run: self.shared.dry_run,
        };
        if let Err(e) = transcript.record(entry) {
            eprintln!("warning: cannot write the transcript: {e}");
        }
    }
}

async fn worker(run: Rc<Run>) {
    loop {
        if run.tally.interrupted.get() {
            return;
        }
        let Some(mut item) = run.queue.borrow_mut().pop_front() else {
            return;
        };
        run.pacer.wait().await;
        let outcome = run
            .client
            .call(&run.op.name, &item.body, !run.op.unsigned, &run.interrupt)
            .await;
        run.record(&item, &outcome);
        let t = &run.tally;
        match outcome.result {
            Ok(_) => {
                run.pacer.accepted();
                bump(&t.done);
                run.log.record(&item.key, "done");
            }
            Err(AwsError::Interrupted) => {
                t.interrupted.set(true);
                return;
            }
            Err(e) if is_throttling(e.kind()) && item.throttles < MAX_THROTTLES => {
                run.pacer.throttled();
                bump(&t.throttled);
                item.throttles += 1;
                run.queue.borrow_mut().push_back(item);
            }
            Err(e) if e.kind().ends_with("ExistsException") && run.opts.skip_existing => {
                bump(&t.skipped);
                run.log.record(&item.key, "skipped");
            }
            Err(e) if e.retryable() && item.retries < run.opts.max_retries => {
                bump(&t.retried);
                item.retries += 1;
                let delay = backoff(Duration::from_millis(100), item.retries);
                tokio::time::sleep(delay).await;
                run.queue.borrow_mut().push_back(item);
            }
            Err(e) => {
                let message = match &e {
                    AwsError::Service { message, .. } => message.clone(),
                    other => other.to_string(),
                };
                t.failed
                    .borrow_mut()
                    .push((item.key, e.kind().to_string(), message));
            }
        }
    }
}

/// The progress line: finished of total, how they ended, the current pace.
fn progress_line(run: &Run, total: usize) -> String {
    let t = &run.tally;
    let failed = t.failed.borrow().len();
    format!(
        "\r{} {}/{total}: {} done, {} skipped, {failed} failed, {:.0}/s   ",
        run.op.name,
        t.done.get() + t.skipped.get() + failed,
        t.done.get(),
        t.skipped.get(),
        run.pacer.rate()
    )
}

/// Redraws the progress line on stderr five times a second.
async fn progress(run: Rc<Run>, total: usize) {
    let mut err = std::io::stderr();
    loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let _ = write!(err, "{}", progress_line(&run, total));
        let _ = err.flush();
    }
}

impl Cognito {
    /// Validates every input first, so a bad one stops the run before anything is sent.
    fn check_all(&self, ctx: &NativeCallContext, op: &Operation, inputs: &[Value]) -> Res<()> {
        if !self.shared.validate {
            return Ok(());
        }
        let strict = self.shared.strict;
        for (n, input) in inputs.iter().enumerate() {
            let problems = self.shared.model.validate(op, input);
            if problems
                .iter()
                .any(|p| p.severity == Severity::Error || strict)
            {
                eprintln!("{}: input [{n}] of {} is invalid", op.name, inputs.len());
                return self.check(ctx, op, input);
            }
        }
        // Warnings (unknown members) once, for the first input that has them.
        if let Some(first) = inputs
            .iter()
            .find(|i| !self.shared.model.validate(op, i).is_empty())
        {
            self.check(ctx, op, first)?;
        }
        Ok(())
    }

    fn each(
        &self,
        ctx: &NativeCallContext,
        name: &str,
        inputs: Array,
        opts: RhaiMap,
    ) -> CallResult {
        let op = self
            .shared
            .model
            .operation(name)
            .ok_or_else(|| -> Box<EvalAltResult> {
                format!("`{name}` is not a Cognito operation; `pooler ops` lists them").into()
            })?;
        let opts = options(&opts)?;
        let inputs: Vec<Value> = inputs
            .iter()
            .map(|i| input_json(op, i))
            .collect::<Res<_>>()?;
        self.check_all(ctx, op, &inputs)?;
        let started = Instant::now();
        if self.planning() {
            println!("plan: would call {} for {} input(s)", op.name, inputs.len());
            return Ok(summary(&Tally::default(), 0, inputs.len(), started));
        }
        let done_before = match &opts.resume {
            Some(path) => finished(path)?,
            None => HashSet::new(),
        };
        let mut queue = VecDeque::new();
        let mut resumed = 0;
        for input in &inputs {
            let key = key_of(input, &opts.key);
            if done_before.contains(&key) {
                resumed += 1;
                continue;
            }
            let body = serde_json::to_vec(input).map_err(|e| e.to_string())?;
            queue.push_back(Item {
                key,
                input: input.clone(),
                body,
                throttles: 0,
                retries: 0,
            });
        }
        let settings = aws::Settings {
            max_attempts: Some(1),
            ..self.client.settings().clone()
        };
        let total = queue.len();
        let workers = opts.concurrency.min(total.max(1));
        let run = Rc::new(Run {
            client: aws::Client::new(settings, self.client.service().clone()),
            op,
            pacer: Pacer::new(opts.rate, opts.max_rate, self.shared.dry_run),
            queue: RefCell::new(queue),
            tally: Tally::default(),
            log: ResumeLog::open(opts.resume.as_ref())?,
            interrupt: self.shared.interrupt.clone(),
            shared: self.shared.clone(),
            opts,
        });
        let local = tokio::task::LocalSet::new();
        let show = run.opts.progress;
        local.block_on(self.shared.runtime(), async {
            let meter = show.then(|| tokio::task::spawn_local(progress(run.clone(), total)));
            let handles: Vec<_> = (0..workers)
                .map(|_| tokio::task::spawn_local(worker(run.clone())))
                .collect();
            for h in handles {
                let _ = h.await;
            }
            if let Some(m) = meter {
                m.abort();
                eprintln!("{}", progress_line(&run, total));
            }
        });
        if run.tally.interrupted.get() {
            let code = INT::from(self.shared.interrupt.exit_code());
            return Err(EvalAltResult::ErrorTerminated(
                Dynamic::from_int(code),
                rhai::Position::NONE,
            )
            .into());
        }
        Ok(summary(&run.tally, resumed, 0, started))
    }
}

fn summary(t: &Tally, resumed: usize, planned: usize, started: Instant) -> Dynamic {
    let seconds = started.elapsed().as_secs_f64();
    let int = |n: usize| Dynamic::from_int(n as INT);
    let mut m = RhaiMap::new();
    m.insert("done".into(), int(t.done.get()));
    m.insert("skipped".into(), int(t.skipped.get()));
    m.insert("resumed".into(), int(resumed));
    m.insert("throttled".into(), int(t.throttled.get()));
    m.insert("retried".into(), int(t.retried.get()));
    if planned > 0 {
        m.insert("planned".into(), int(planned));
    }
    let failed: Array = t
        .failed
        .borrow()
        .iter()
        .map(|(key, kind, message)| {
            let mut f = RhaiMap::new();
            f.insert("key".into(), key.clone().into());
            f.insert("type".into(), kind.clone().into());
            f.insert("message".into(), message.clone().into());
            Dynamic::from_map(f)
        })
        .collect();
    m.insert("failed".into(), Dynamic::from_array(failed));
    m.insert("seconds".into(), Dynamic::from_float(seconds));
    let rate = if seconds > 0.0 {
        t.done.get() as f64 / seconds
    } else {
        0.0
    };
    m.insert("rate".into(), Dynamic::from_float(rate));
    Dynamic::from_map(m)
}

/// `admin_create_users`: each user map is an AdminCreateUser input without `UserPoolId`.
fn with_pool(pool_id: &str, users: Array) -> Res<Array> {
    users
        .into_iter()
        .enumerate()
        .map(|(n, u)| {
            let mut map = u
                .try_cast::<RhaiMap>()
                .ok_or_else(|| -> Box<EvalAltResult> {
                    format!("admin_create_users: user [{n}] must be a map").into()
                })?;
            map.insert("UserPoolId".into(), pool_id.into());
            Ok(Dynamic::from_map(map))
        })
        .collect()
}

/// Registers `each` and `admin_create_users`.
pub fn register(engine: &mut Engine) {
    engine.register_fn(
        "each",
        |ctx: NativeCallContext, c: &mut Cognito, op: &str, inputs: Array, opts: RhaiMap| {
            c.each(&ctx, op, inputs, opts)
        },
    );
    engine.register_fn(
        "each",
        |ctx: NativeCallContext, c: &mut Cognito, op: &str, inputs: Array| {
            c.each(&ctx, op, inputs, RhaiMap::new())
        },
    );
    engine.register_fn(
        "admin_create_users",
        |ctx: NativeCallContext, c: &mut Cognito, pool: &str, users: Array, opts: RhaiMap| {
            c.each(&ctx, "AdminCreateUser", with_pool(pool, users)?, opts)
        },
    );
    engine.register_fn(
        "admin_create_users",
        |ctx: NativeCallContext, c: &mut Cognito, pool: &str, users: Array| {
            c.each(
                &ctx,
                "AdminCreateUser",
                with_pool(pool, users)?,
                RhaiMap::new(),
            )
        },
    );
}
