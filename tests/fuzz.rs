//! Fuzz targets as proptest runs over a kept corpus (`fuzz/corpus/TARGET/`; the port scanner
//! uses the port fixtures in `tests/fixtures/port/`): the path parser, JSON document operations,
//! request validation, the Chilkat port scanner, deep or long inputs (paths, scripts, nested
//! values) and hostile response bodies (decoding and rendering) must never panic.
//!
//! Each input is a corpus seed (or nothing) with random byte-level edits and splices. Under
//! `cargo test` each target runs a short, fixed number of cases; `POOLER_FUZZ_SECS=600` (with
//! `POOLER_FUZZ_TARGET=path` etc. to pick one) keeps running fresh random rounds for that long
//! and prints the number of executions: see `scripts/fuzz.sh`.

use std::time::{Duration, Instant};

use clap::Parser as _;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

use pooler::json_doc::JsonDoc;
use pooler::json_doc::path_grammar as path;
use pooler::model::Model;
use pooler::port::lang::PROFILES;
use pooler::port::scan::scan;

/// Cases per round; the default keeps `cargo test` quick.
const QUICK_CASES: u32 = 300;

/// One edit of a seed, positions taken modulo the current length.
#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, String),
    Delete(usize, usize),
    Duplicate(usize, usize),
    /// Inserts a slice of another seed.
    Splice(usize, usize, usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let bytes = "[\\[\\]{}\".,:\\\\/0-9a-zij_ \\n\\t$@()=-]{1,4}|\\PC{1,3}";
    prop_oneof![
        3 => (any::<usize>(), bytes).prop_map(|(at, s)| Edit::Insert(at, s)),
        2 => (any::<usize>(), 1usize..8).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => (any::<usize>(), 1usize..16).prop_map(|(at, n)| Edit::Duplicate(at, n)),
        1 => (any::<usize>(), any::<usize>(), any::<usize>(), 1usize..64)
            .prop_map(|(at, seed, from, n)| Edit::Splice(at, seed, from, n)),
    ]
}

/// A seed index (one past the end means "start empty") and the edits to make.
fn mutated() -> impl Strategy<Value = (usize, Vec<Edit>)> {
    (any::<usize>(), proptest::collection::vec(edit(), 0..12))
}

fn apply(corpus: &[Vec<u8>], (seed, edits): &(usize, Vec<Edit>)) -> String {
    let mut buf = corpus
        .get(seed % (corpus.len() + 1))
        .cloned()
        .unwrap_or_default();
    for e in edits {
        let len = buf.len();
        let at = |p: usize| if len == 0 { 0 } else { p % (len + 1) };
        match e {
            Edit::Insert(p, s) => {
                let p = at(*p);
                buf.splice(p..p, s.bytes());
            }
            Edit::Delete(p, n) => {
                let p = at(*p);
                buf.drain(p..(p + n).min(len));
            }
            Edit::Duplicate(p, n) => {
                let p = at(*p);
                let piece = buf[p..(p + n).min(len)].to_vec();
                buf.splice(p..p, piece);
            }
            Edit::Splice(p, s, from, n) => {
                let Some(other) = corpus.get(s % corpus.len().max(1)) else {
                    continue;
                };
                let from = from % (other.len() + 1);
                let piece = &other[from..(from + n).min(other.len())];
                let p = at(*p);
                buf.splice(p..p, piece.iter().copied());
            }
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// The kept seeds of `target`, sorted by file name.
fn corpus(target: &str) -> Vec<Vec<u8>> {
    seeds_in(&format!("fuzz/corpus/{target}"), |_| true)
}

/// The seeds in `dir` (relative to the repository) whose path passes `keep`, sorted by name.
fn seeds_in(dir: &str, keep: impl Fn(&std::path::Path) -> bool) -> Vec<Vec<u8>> {
    let dir = crate::support::repo_root().join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| keep(p))
        .collect();
    files.sort();
    let seeds: Vec<_> = files
        .iter()
        .map(|f| std::fs::read(f).expect("read seed"))
        .collect();
    assert!(!seeds.is_empty(), "{} has no seeds", dir.display());
    seeds
}

/// Runs `check` on generated inputs: one quick round, or rounds for `POOLER_FUZZ_SECS` seconds
/// when this target is the one picked by `POOLER_FUZZ_TARGET` (or none is picked).
fn fuzz<S: Strategy>(
    name: &str,
    strategy: S,
    check: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    fuzz_cases(name, QUICK_CASES, strategy, check);
}

/// [`fuzz`] with `quick` cases in the quick round (for targets whose cases are slow).
fn fuzz_cases<S: Strategy>(
    name: &str,
    quick: u32,
    strategy: S,
    check: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let picked = std::env::var("POOLER_FUZZ_TARGET").ok();
    let secs = std::env::var("POOLER_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|_| picked.as_deref().is_none_or(|p| p == name));
    let (cases, budget) = match secs {
        Some(s) => (quick.saturating_mul(16), Duration::from_secs(s)),
        None => (quick, Duration::ZERO),
    };
    let start = Instant::now();
    let mut total: u64 = 0;
    loop {
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &check) {
            panic!("fuzz target {name}: {e}");
        }
        total += u64::from(cases);
        if start.elapsed() >= budget {
            break;
        }
    }
    if secs.is_some() {
        eprintln!(
            "fuzz {name}: {total} executions in {:.0} s, no failure",
            start.elapsed().as_secs_f64()
        );
    }
}

#[test]
fn fuzz_path_parser() {
    let seeds = corpus("path");
    let delim = prop_oneof![Just('.'), Just('/'), Just('|'), any::<char>()];
    fuzz("path", (mutated(), delim), |(m, delim)| {
        let text = apply(&seeds, &m);
        match path::parse(&text, delim) {
            Ok(p) => prop_assert_eq!(p.steps.len(), p.spans.len()),
            Err(e) => {
                prop_assert!(e.start <= e.end && e.end <= text.len(), "span of {e:?}");
                let _ = e.to_string();
            }
        }
        Ok(())
    });
}

/// One document operation with a path and, for updates, a value.
fn doc_op() -> impl Strategy<Value = (u8, String, Value)> {
    let value = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,6}".prop_map(Value::from),
        Just(serde_json::json!({"k": [1, {"x": null}]})),
        Just(serde_json::json!([])),
    ];
    (0u8..10, "[a-c.\\[\\]0-9ij\"/ -]{0,14}", value)
}

#[test]
fn fuzz_json_doc_operations() {
    let seeds = corpus("json_doc");
    let ops = proptest::collection::vec(doc_op(), 0..10);
    fuzz("json_doc", (mutated(), ops), |(m, ops)| {
        let text = apply(&seeds, &m);
        let Ok(mut doc) = JsonDoc::parse(&text) else {
            return Ok(());
        };
        for (op, path, value) in ops {
            match op {
                0 | 1 => drop(doc.update(&path, value)),
                2 => drop(doc.get(&path).map(|v| v.cloned())),
                3 => drop(doc.delete(&path)),
                4 => drop(doc.string_of(&path)),
                5 => drop(doc.int_of(&path)),
                6 => drop(doc.bool_of(&path)),
                7 => drop(doc.size_of_array(&path)),
                8 => drop(doc.has_member(&path)),
                _ => drop(doc.set_delimiter(&path)),
            }
        }
        let emitted = doc.emit_compact();
        let again = JsonDoc::parse(&emitted);
        prop_assert!(again.is_ok(), "emitted text does not parse: {emitted}");
        prop_assert_eq!(again.unwrap().emit_compact(), emitted);
        Ok(())
    });
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        let names = "PoolName|UserPoolId|Policies|PasswordPolicy|MinimumLength|Schema|Name|\
                     AttributeDataType|UserAttributes|Value|TemporaryPassword|[A-Za-z]{1,8}";
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            proptest::collection::btree_map(names, inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn fuzz_request_validation() {
    let seeds = corpus("validate");
    let model = Model::embedded();
    let count = model.operations().len();
    let input = prop_oneof![
        mutated()
            .prop_map(move |m| apply(&seeds, &m))
            .prop_map(|t| { serde_json::from_str::<Value>(&t).unwrap_or(Value::String(t)) }),
        any_json(),
    ];
    fuzz("validate", (any::<usize>(), input), |(i, input)| {
        let op = &model.operations()[i % count];
        for problem in model.validate(op, &input) {
            prop_assert!(!problem.to_string().is_empty());
        }
        Ok(())
    });
}

#[test]
fn fuzz_port_scanner() {
    // The port fixtures are the scanner's corpus: one program per language, kept in the
    // repository once (their `.expect.json` answers are not programs).
    let seeds = seeds_in("tests/fixtures/port", |p| {
        !p.to_string_lossy().ends_with(".expect.json")
    });
    fuzz("port_scan", (mutated(), any::<usize>()), |(m, p)| {
        let text = apply(&seeds, &m);
        let profile = &PROFILES[p % PROFILES.len()];
        for t in scan(&text, profile) {
            prop_assert!(t.start <= t.end && t.end <= text.len(), "span of {t:?}");
            prop_assert!(t.line >= 1);
        }
        Ok(())
    });
}

/// Found by `fuzz_json_doc_operations`: without serde_json's `float_roundtrip`, a float that was
/// written out read back as a different number (1.2345678901234567e34 became ...457e34).
#[test]
fn floats_read_back_as_written() {
    let text = r#"{"big":1.2345678901234567e+34,"small":5e-324,"third":0.30000000000000004}"#;
    let doc = JsonDoc::parse(text).unwrap();
    assert_eq!(doc.emit_compact(), text);
}

/// Deep and long inputs: one unit (a corpus seed such as `(`, `#{a:` or `Schema[0].`, edited)
/// repeated up to 40,000 times, used as a `json()` path, a script, and the shape of a nested
/// JSON value that is validated, converted to a Rhai value and back, and emitted. Nothing may
/// panic or overflow the stack (the target runs on a stack like the binary's).
#[test]
fn fuzz_deep_inputs() {
    let seeds = corpus("deep");
    let thread = std::thread::Builder::new()
        .name("fuzz-deep".into())
        .stack_size(pooler::script::limits::RESERVE)
        .spawn(move || {
            let model = Model::embedded();
            let count = model.operations().len();
            let engine = {
                let mut engine = rhai::Engine::new();
                let limits = pooler::cli::Cli::try_parse_from(["pooler", "check", "x"])
                    .expect("default limits")
                    .global
                    .limits;
                pooler::script::limits::apply(&mut engine, &limits);
                engine
            };
            let strategy = (mutated(), 1usize..40_000, any::<usize>(), any::<bool>());
            fuzz_cases("deep", 24, strategy, |(m, times, op, arrays)| {
                let unit = apply(&seeds, &m);
                let unit = if unit.is_empty() {
                    "a.".to_string()
                } else {
                    unit
                };
                let long = unit.repeat(times.min(200_000 / unit.len().max(1)));
                // As a path: an error past the step limit, never a crash.
                let mut doc = JsonDoc::new();
                let trimmed = long.trim_end_matches('.');
                if let Err(e) = doc.update(trimmed, Value::from(1)) {
                    let _ = e.to_string();
                }
                // As a script: compiled under the default depth limits.
                let _ = engine.compile(&long);
                // As the shape of a nested value, built without recursion.
                let depth = times;
                let mut value = Value::from(unit.clone());
                for _ in 0..depth {
                    value = if arrays {
                        Value::Array(vec![value])
                    } else {
                        let mut map = serde_json::Map::new();
                        map.insert(unit.clone(), value);
                        Value::Object(map)
                    };
                }
                let op = &model.operations()[op % count];
                let input = serde_json::json!({ "PoolName": "p", "Deep": value });
                let problems = model.validate(op, &input);
                prop_assert!(problems.iter().all(|p| !p.to_string().is_empty()));
                let dynamic = pooler::host::convert::to_dynamic(&input);
                let back = pooler::host::convert::to_json(&dynamic);
                prop_assert!(back.is_ok(), "a converted value converts back");
                prop_assert_eq!(back.unwrap(), input);
                Ok(())
            });
        })
        .expect("spawn the fuzz thread");
    if let Err(panic) = thread.join() {
        std::panic::resume_unwind(panic);
    }
}

/// A hostile response body: deep, wide, huge or odd numbers, control characters.
fn hostile_body() -> impl Strategy<Value = String> {
    prop_oneof![
        (1usize..3_000, any::<bool>()).prop_map(|(n, arrays)| if arrays {
            format!("{}0{}", "[".repeat(n), "]".repeat(n))
        } else {
            format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))
        }),
        (1usize..50_000).prop_map(|n| format!("{{\"UserPools\":[{}]}}", vec!["{}"; n].join(","))),
        "(-?[0-9]{1,400}(\\.[0-9]{0,40})?([eE][-+]?[0-9]{1,5})?)"
            .prop_map(|n| format!("{{\"Users\":[{{\"UserCreateDate\":{n},\"MaxResults\":{n}}}]}}")),
        proptest::collection::vec(0u32..0x20, 0..40).prop_map(|cs| {
            let text: String = cs.iter().filter_map(|c| char::from_u32(*c)).collect();
            serde_json::json!({"UserImportJob": {"CompletionMessage": text, "JobId": text,
                "PreSignedUrl": format!("https://h/p?X-Amz-Signature={text}")}})
            .to_string()
        }),
    ]
}

/// Response bodies through decoding (under small limits and the defaults; into a `Value` and
/// straight into the script's value, alike), the error decoder,
/// and rendering (`-v`'s redacted, ISO-timestamped pretty JSON; a terminal line): never a
/// panic, and a rendered line holds no raw control character.
#[test]
fn fuzz_response_bodies() {
    use pooler::aws::ResponseLimits;
    use pooler::aws::errors::{build_success_body, decode_error_response, decode_success_body};
    use pooler::host::convert::{ScriptValue, to_dynamic};
    let seeds = corpus("responses");
    let model = Model::embedded();
    let ops = model.operations();
    let secrets = pooler::secrets::Secrets::embedded();
    let body = prop_oneof![
        mutated().prop_map(move |m| apply(&seeds, &m)),
        hostile_body()
    ];
    let small = ResponseLimits {
        array: 1000,
        map: 100,
        string: 4096,
    };
    fuzz_cases("responses", 120, (body, any::<usize>()), |(body, i)| {
        let op = &ops[i % ops.len()];
        let no_header = |_: &str| None;
        let _ = decode_error_response(400, &no_header, body.as_bytes()).to_string();
        for limits in [small, ResponseLimits::default()] {
            // Built straight into the script's value, as `to_dynamic` makes it of the `Value`.
            let built = build_success_body(200, body.as_bytes(), limits, &ScriptValue::PLAIN);
            match (decode_success_body(200, body.as_bytes(), limits), &built) {
                (Ok(v), Ok(d)) => {
                    prop_assert_eq!(format!("{:?}", to_dynamic(&v)), format!("{d:?}"))
                }
                (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                (a, b) => prop_assert!(false, "decode {a:?} but build {b:?}"),
            }
            match decode_success_body(200, body.as_bytes(), limits) {
                Ok(v) => {
                    let shown = secrets.output(op, &model.iso_timestamps(&v));
                    let text = serde_json::to_string_pretty(&shown).unwrap_or_default();
                    let line = pooler::printable::line(&text);
                    prop_assert!(!line.chars().any(|c| c.is_control() && c != '\t'));
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
        Ok(())
    });
}
