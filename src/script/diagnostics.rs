//! Turns Rhai errors into reports with a failure class and a code frame
//! (`error: …`, ` --> file:line:col`, the source line with carets, and the call chain).

use std::fmt::Write as _;

use rhai::{Dynamic, EvalAltResult, Map as RhaiMap, ParseError, Position};

use super::sources::Sources;
use crate::exit;
use crate::secrets::{Level, Secrets};
use crate::service::Context;

/// What kind of failure a report describes; it decides the exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    /// A name that is no operation (`cognito.list_user_pool`): the usage code, as the
    /// command line's own mistakes.
    Usage,
    Compile,
    Runtime,
    Validation,
    Service,
    Network,
    /// A record of the run (transcript, resume file) could not be written.
    Failure,
    Interrupted(i32),
    /// `exit(code)` from the script: not an error at all.
    Exit(i32),
}

/// A place in a script or module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub source: String,
    pub line: usize,
    pub column: usize,
}

/// One diagnostic, ready to render.
#[derive(Debug, Clone)]
pub struct Report {
    pub class: Class,
    pub severity: &'static str,
    pub message: String,
    pub location: Option<Location>,
    /// Lines under the frame, e.g. each validation problem.
    pub details: Vec<String>,
    /// The call chain, innermost call first.
    pub notes: Vec<String>,
    /// The request member the report is about (`Policies.PasswordPolicy.MinimumLength`): the
    /// carets go to where the script wrote it, when that can be found from the location.
    pub member: Option<String>,
}

impl Report {
    /// The exit code for this report.
    pub fn exit_code(&self) -> i32 {
        match self.class {
            Class::Usage => exit::USAGE,
            Class::Compile => exit::COMPILE,
            Class::Runtime => exit::RUNTIME,
            Class::Validation => exit::VALIDATION,
            Class::Service => exit::SERVICE,
            Class::Network => exit::NETWORK,
            Class::Failure => exit::FAILURE,
            Class::Interrupted(code) | Class::Exit(code) => code,
        }
    }

    /// A warning at a place (validation warnings at a call site).
    pub fn warning(message: String, location: Option<Location>, details: Vec<String>) -> Self {
        Self {
            class: Class::Runtime,
            severity: "warning",
            message,
            location,
            details,
            notes: Vec::new(),
            member: None,
        }
    }
}

fn location(source: &str, pos: Position) -> Option<Location> {
    Some(Location {
        source: source.to_string(),
        line: pos.line()?,
        column: pos.position().unwrap_or(1),
    })
}

fn at(source: &str, pos: Position) -> String {
    match (pos.line(), pos.position()) {
        (Some(line), Some(col)) => format!("{source}:{line}:{col}"),
        (Some(line), None) => format!("{source}:{line}"),
        _ => source.to_string(),
    }
}

/// A report for a script that did not compile (or whose compilation Ctrl-C or SIGTERM stopped).
pub fn from_parse_error(err: &ParseError, source: &str) -> Report {
    if let Some(code) = crate::host::tokens::interrupted(err.err_type()) {
        return Report {
            class: Class::Interrupted(code),
            severity: "error",
            message: format!("interrupted while compiling `{source}`"),
            location: None,
            details: Vec::new(),
            notes: Vec::new(),
            member: None,
        };
    }
    Report {
        class: Class::Compile,
        severity: "error",
        message: err.err_type().to_string(),
        location: location(source, err.position()),
        details: Vec::new(),
        notes: Vec::new(),
        member: None,
    }
}

/// A report for a script that failed while running, `source` being the main script's name;
/// `calls` is the run's: its model names the operations a mistyped `cognito.<name>` may have
/// meant, its secret policy hides what a thrown value holds.
pub fn from_eval_error(err: &EvalAltResult, source: &str, calls: &Context) -> Report {
    let mut notes = Vec::new();
    let mut source = source.to_string();
    let mut err = err;
    loop {
        match err {
            EvalAltResult::ErrorInFunctionCall(name, fn_source, inner, pos) => {
                notes.push(format!("in `{name}`, called at {}", at(&source, *pos)));
                if !fn_source.is_empty() {
                    source = fn_source.clone();
                }
                err = inner;
            }
            EvalAltResult::ErrorInModule(name, inner, pos) => {
                notes.push(format!(
                    "in module `{name}`, imported at {}",
                    at(&source, *pos)
                ));
                source = name.clone();
                err = inner;
            }
            _ => break,
        }
    }
    notes.reverse();
    let mut report = leaf_report(err, &source, calls);
    notes.append(&mut report.notes);
    report.notes = notes;
    report
}

fn leaf_report(err: &EvalAltResult, source: &str, calls: &Context) -> Report {
    let pos = err.position();
    let mut report = Report {
        class: Class::Runtime,
        severity: "error",
        message: String::new(),
        location: location(source, pos),
        details: Vec::new(),
        notes: Vec::new(),
        member: None,
    };
    match err {
        EvalAltResult::ErrorParsing(kind, _) => {
            report.class = Class::Compile;
            report.message = kind.to_string();
        }
        EvalAltResult::ErrorModuleNotFound(name, _) => {
            report.class = Class::Compile;
            report.message = format!(
                "module `{name}` not found: not in pooler's stdlib and no file `{name}.rhai` next to the importing script"
            );
        }
        EvalAltResult::ErrorTerminated(token, _) if token.is_map() => {
            let token = token
                .read_lock::<RhaiMap>()
                .map(|m| m.clone())
                .unwrap_or_default();
            let code = token.get("exit").and_then(|c| c.as_int().ok()).unwrap_or(0);
            report.class = Class::Exit(code.clamp(0, 255) as i32);
            report.message = field(&token, "message");
            if report.message.is_empty() {
                report.location = None;
            }
        }
        EvalAltResult::ErrorTerminated(token, _) => {
            let code = token.as_int().ok().and_then(|c| i32::try_from(c).ok());
            report.class = Class::Interrupted(code.unwrap_or(exit::INTERRUPTED));
            report.message = "interrupted".to_string();
        }
        EvalAltResult::ErrorTooManyOperations(_) => {
            report.message = "the script hit the operation limit: a runaway loop? (raise it with --max-operations N)".to_string();
        }
        EvalAltResult::ErrorStackOverflow(_) => {
            report.message = "functions nest too deeply: endless recursion? (raise the limit with --max-call-depth N)".to_string();
        }
        EvalAltResult::ErrorDataTooLarge(what, _) => {
            report.message = format!(
                "{what} is over its limit (raise it with --max-string-size, --max-array-size or --max-map-size)"
            );
        }
        EvalAltResult::ErrorRuntime(value, _)
            if let Some(message) = super::resolver::cycle_message(value) =>
        {
            report.class = Class::Compile;
            report.message = message;
        }
        EvalAltResult::ErrorRuntime(value, _) => thrown_report(value, &mut report, calls.secrets),
        EvalAltResult::ErrorFunctionNotFound(signature, _)
            if let Some(unknown) = crate::host::missing::from_signature(calls.model, signature) =>
        {
            report.class = Class::Usage;
            report.message = unknown.to_string();
        }
        other => report.message = without_position(&other.to_string()),
    }
    report
}

/// Rhai's own messages end in ` (line L, position C)`; the frame shows that already.
fn without_position(message: &str) -> String {
    match message.rfind(" (line ") {
        Some(cut) if message.ends_with(')') => message[..cut].to_string(),
        _ => message.to_string(),
    }
}

fn field(map: &RhaiMap, key: &str) -> String {
    map.get(key)
        .filter(|v| !v.is_unit())
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// A thrown value: plain values print as they are (secrets hidden); pooler's error maps carry
/// their exit code, which decides the class.
fn thrown_report(value: &Dynamic, report: &mut Report, secrets: &Secrets) {
    let Some(map) = value.read_lock::<RhaiMap>().map(|m| m.clone()) else {
        report.message = value.to_string();
        return;
    };
    let code = map
        .get("exit_code")
        .and_then(|c| c.as_int().ok())
        .and_then(|c| i32::try_from(c).ok());
    let kind = field(&map, "type");
    let operation = field(&map, "operation");
    report.class = match code {
        Some(exit::USAGE) => Class::Usage,
        Some(exit::VALIDATION) => Class::Validation,
        Some(exit::SERVICE) => Class::Service,
        Some(exit::NETWORK) => Class::Network,
        Some(exit::FAILURE) => Class::Failure,
        _ => Class::Runtime,
    };
    if code.is_none() {
        // Rhai's own error, caught (Rhai made it a map) and thrown again: the error itself.
        if field(&map, "error").starts_with("Error") && map.contains_key("message") {
            report.message = without_position(&field(&map, "message"));
            back_to_the_call(&map, report);
            return;
        }
        report.message = shown_thrown(value, secrets);
        return;
    }
    back_to_the_call(&map, report);
    if matches!(report.class, Class::Runtime | Class::Failure | Class::Usage) {
        report.message = field(&map, "message");
        return;
    }
    if kind == "ValidationError" {
        report.message = format!("{operation}: the request is invalid, nothing was sent");
        if let Some(errors) = map
            .get("errors")
            .and_then(|e| e.read_lock::<rhai::Array>().map(|a| a.clone()))
        {
            for problem in errors {
                if let Some(p) = problem.read_lock::<RhaiMap>() {
                    let path = field(&p, "path");
                    let message = field(&p, "message");
                    if report.member.is_none() && !path.is_empty() {
                        report.member = Some(path.clone());
                    }
                    report.details.push(if path.is_empty() {
                        message
                    } else {
                        format!("{path}: {message}")
                    });
                }
            }
        }
        return;
    }
    let mut message = if operation.is_empty() {
        format!("{kind}: {}", field(&map, "message"))
    } else {
        format!("{operation} failed: {kind}: {}", field(&map, "message"))
    };
    let status = field(&map, "status");
    let request_id = field(&map, "request_id");
    // An invalid response's message names its status already.
    let told = !status.is_empty() && message.contains(&format!("(HTTP {status})"));
    match (status.is_empty() || told, request_id.is_empty()) {
        (false, false) => write!(message, " (HTTP {status}, request id {request_id})"),
        (false, true) => write!(message, " (HTTP {status})"),
        _ => Ok(()),
    }
    .ok();
    for key in ["endpoint", "attempts"] {
        let value = field(&map, key);
        if !value.is_empty() {
            report.details.push(format!("{key}: {value}"));
        }
    }
    report.message = message;
}

/// A pooler error knows where its call failed (`source`, `line`, `position`), and so does an
/// error of Rhai's own once caught; thrown again
/// from elsewhere (`catch (e) { throw e }`), the frame goes back to the call and the place of
/// the rethrow becomes a note.
fn back_to_the_call(map: &RhaiMap, report: &mut Report) {
    let int = |key: &str| {
        map.get(key)
            .and_then(|v| v.as_int().ok())
            .and_then(|v| usize::try_from(v).ok())
    };
    let (Some(line), Some(column)) = (int("line"), int("position")) else {
        return;
    };
    let source = match field(map, "source") {
        s if s.is_empty() => report.location.as_ref().map(|l| l.source.clone()),
        s => Some(s),
    };
    let Some(source) = source else { return };
    let call = Location {
        source,
        line,
        column,
    };
    if report.location.as_ref() == Some(&call) {
        return;
    }
    if let Some(rethrow) = report.location.replace(call) {
        report.notes.push(format!(
            "rethrown at {}:{}:{}",
            rethrow.source, rethrow.line, rethrow.column
        ));
    }
}

/// A value the script threw itself, with every secret member hidden.
fn shown_thrown(value: &Dynamic, secrets: &Secrets) -> String {
    match crate::host::convert::to_json(value) {
        Ok(json) => secrets.value(&json, Level::Strict).to_string(),
        Err(_) => value.to_string(),
    }
}

/// The report moved to where its member is written, with the call site kept as a note.
fn at_member(report: &Report, sources: &Sources) -> Option<Report> {
    let (member, loc) = (report.member.as_deref()?, report.location.as_ref()?);
    let text = sources.get(&loc.source)?;
    let (line, column) = super::locate::member(&text, loc.line, loc.column, member)?;
    let mut moved = report.clone();
    moved.notes.insert(
        0,
        format!("in the call at {}:{}:{}", loc.source, loc.line, loc.column),
    );
    moved.location = Some(Location {
        source: loc.source.clone(),
        line,
        column,
    });
    moved.member = None;
    Some(moved)
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Characters of a source line a frame shows at most; a longer line is cut around the caret.
const FRAME_WIDTH: usize = 160;

/// `line` cut to [`FRAME_WIDTH`] characters around byte `start` (`…` marks what was cut), and
/// where `start` is in the cut line.
fn around_caret(line: &str, start: usize) -> (String, usize) {
    let total = line.chars().count();
    if total <= FRAME_WIDTH {
        return (line.to_string(), start);
    }
    let caret = line[..start].chars().count();
    let from = caret
        .saturating_sub(FRAME_WIDTH / 4)
        .min(total - FRAME_WIDTH);
    let to = from + FRAME_WIDTH;
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    let kept: String = line.chars().skip(from).take(to - from).collect();
    let at = shown.len()
        + kept
            .chars()
            .take(caret - from)
            .map(char::len_utf8)
            .sum::<usize>();
    shown.push_str(&kept);
    if to < total {
        shown.push('…');
    }
    (shown, at)
}

/// The width of the token starting at byte `start` of `line`, for the carets.
fn token_width(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .count(),
        Some(q @ ('"' | '`')) => match chars.position(|c| c == q) {
            Some(n) => n + 2,
            None => 1,
        },
        _ => 1,
    }
}

/// Draws the report as text for stderr, the code frame's secrets starred by the run's policy.
pub fn render(report: &Report, sources: &Sources, secrets: &Secrets, color: bool) -> String {
    let moved = at_member(report, sources);
    let report = moved.as_ref().unwrap_or(report);
    // Messages can quote the service or a file: no control character reaches the terminal.
    let message = crate::printable::lines(&report.message);
    let paint = Paint { on: color };
    let mut out = String::new();
    let head = if report.severity == "error" {
        paint.wrap("1;31", "error")
    } else {
        paint.wrap("1;33", "warning")
    };
    let (headline, more) = message.split_once('\n').unwrap_or((&message, ""));
    let _ = writeln!(out, "{head}: {}", paint.wrap("1", headline));
    if let Some(loc) = &report.location {
        let gutter = loc.line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(
            out,
            "{pad}{} {}:{}:{}",
            paint.wrap("1;34", "-->"),
            loc.source,
            loc.line,
            loc.column
        );
        let text = sources.get(&loc.source);
        if let Some(line) = text.as_deref().and_then(|t| t.lines().nth(loc.line - 1)) {
            let bar = paint.wrap("1;34", "|");
            let masked = secrets.mask_source_line(line.trim_end());
            let start = masked
                .char_indices()
                .nth(loc.column.saturating_sub(1))
                .map_or(masked.len(), |(i, _)| i);
            let (cut, start) = around_caret(&masked, start);
            let line = cut.as_str();
            let lead: String = line[..start]
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let width = token_width(line, start).clamp(1, FRAME_WIDTH);
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(
                out,
                "{} {bar} {line}",
                paint.wrap("1;34", &loc.line.to_string())
            );
            let _ = writeln!(
                out,
                "{pad} {bar} {lead}{}",
                paint.wrap("1;31", &"^".repeat(width))
            );
        }
    }
    let pad = " ".repeat(
        report
            .location
            .as_ref()
            .map_or(1, |l| l.line.to_string().len()),
    );
    let mut margin = |mark: &str, text: &str| {
        let _ = writeln!(out, "{pad} {} {text}", paint.wrap("1;34", mark));
    };
    for line in more.lines() {
        margin("|", line);
    }
    for detail in &report.details {
        let detail = crate::printable::lines(detail);
        for (n, line) in detail.lines().enumerate() {
            margin("=", &format!("{}{line}", if n == 0 { "- " } else { "  " }));
        }
    }
    for note in &report.notes {
        margin("=", &format!("note: {}", crate::printable::line(note)));
    }
    out
}
