//! What the editor underlines: Rhai's syntax error, and for every literal request the model's
//! validation (each problem on the member it names) and the service's lints. Nothing is run
//! and nothing is sent.

use lsp_types::{Diagnostic, DiagnosticSeverity, Range};

use crate::model::{Model, Severity};
use crate::service::lint;

use super::literals::{self, Request};
use super::text::rhai_range;

const SOURCE: &str = "pooler";

/// A parser configured like pooler's engine for what matters to syntax (nothing optimized
/// away, so map literals stay as written).
pub fn parser() -> rhai::Engine {
    let mut engine = rhai::Engine::new_raw();
    engine.set_optimization_level(rhai::OptimizationLevel::None);
    engine.set_max_expr_depths(0, 0);
    engine
}

/// Every diagnostic of `text`.
pub fn diagnostics(text: &str, model: &Model) -> Vec<Diagnostic> {
    let ast = match parser().compile(text) {
        Ok(ast) => ast,
        Err(err) => {
            let pos = err.position();
            let range = rhai_range(
                text,
                pos.line().unwrap_or(1),
                pos.position().unwrap_or(1),
                1,
            );
            return vec![diagnostic(
                range,
                DiagnosticSeverity::ERROR,
                err.err_type().to_string(),
            )];
        }
    };
    let mut out = Vec::new();
    for request in literals::requests(&ast) {
        judge(text, model, &request, &mut out);
    }
    out
}

fn judge(text: &str, model: &Model, r: &Request, out: &mut Vec<Diagnostic>) {
    let (pos, len) = r.at;
    let call_range = rhai_range(
        text,
        pos.line().unwrap_or(1),
        pos.position().unwrap_or(1),
        len,
    );
    let Some(op) = model.operation(&r.operation) else {
        if r.operation.chars().next().is_some_and(char::is_uppercase) {
            let mut message = format!("`{}` is not a Cognito operation", r.operation);
            if let Some(near) = model.suggest_operation(&r.operation) {
                message.push_str(&format!("; did you mean `{}`?", near.name));
            }
            out.push(diagnostic(call_range, DiagnosticSeverity::ERROR, message));
        }
        return;
    };
    for problem in model.validate(op, &r.input) {
        if r.opaque.iter().any(|o| under(&problem.path, o)) {
            continue;
        }
        let severity = match problem.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        };
        let range = place(text, r, &problem.path).unwrap_or(call_range);
        out.push(diagnostic(
            range,
            severity,
            format!("{}: {}", op.name, problem.line()),
        ));
    }
    if r.opaque.is_empty() {
        for warning in lint::warnings(op.name, &r.input) {
            out.push(diagnostic(call_range, DiagnosticSeverity::WARNING, warning));
        }
    }
}

/// The range of the member at `path`, else of the nearest enclosing member written.
fn place(text: &str, r: &Request, path: &str) -> Option<Range> {
    let mut path = path.to_string();
    loop {
        if let Some((pos, len)) = r.places.get(&path) {
            return Some(rhai_range(text, pos.line()?, pos.position()?, *len));
        }
        let cut = path.rfind(['.', '['])?;
        path.truncate(cut);
    }
}

/// Whether `path` is `base` or inside it.
fn under(path: &str, base: &str) -> bool {
    base.is_empty()
        || path == base
        || path
            .strip_prefix(base)
            .is_some_and(|rest| rest.starts_with(['.', '[']))
}

fn diagnostic(range: Range, severity: DiagnosticSeverity, message: String) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(severity),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}
