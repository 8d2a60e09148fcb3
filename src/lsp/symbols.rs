//! Document symbols (functions, variables, imports), go to definition (a script function, an
//! imported module's file) and signature help for the registry's script functions and the
//! operations.

use std::path::Path;

use lsp_types::{
    DocumentSymbol, Location, ParameterInformation, ParameterLabel, Range, SignatureHelp,
    SignatureInformation, SymbolKind, Uri,
};

use crate::host::registry;
use crate::model::Model;
use crate::repl::scan;

use super::names::{Declared, Kind, declared};
use super::text::{position, word_at};

fn range_of(text: &str, d: &Declared) -> Range {
    Range {
        start: position(text, d.at),
        end: position(text, d.at + d.name.len()),
    }
}

/// The symbols of `text`, in order.
#[allow(deprecated)]
pub fn symbols(text: &str) -> Vec<DocumentSymbol> {
    declared(text)
        .iter()
        .map(|d| DocumentSymbol {
            name: d.name.clone(),
            detail: d.module.clone(),
            kind: match d.kind {
                Kind::Function => SymbolKind::FUNCTION,
                Kind::Variable { .. } => SymbolKind::VARIABLE,
                Kind::Module => SymbolKind::MODULE,
            },
            tags: None,
            deprecated: None,
            range: range_of(text, d),
            selection_range: range_of(text, d),
            children: None,
        })
        .collect()
}

/// Where the name under byte `offset` is defined: a function of this script, or the file an
/// `import … as` alias (or the import's path) names.
pub fn definition(uri: &Uri, dir: Option<&Path>, text: &str, offset: usize) -> Option<Location> {
    let (start, end) = word_at(text, offset);
    let word = &text[start..end];
    let all = declared(text);
    if let Some(d) = all
        .iter()
        .find(|d| d.kind == Kind::Function && d.name == word)
    {
        return Some(Location {
            uri: uri.clone(),
            range: range_of(text, d),
        });
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let module = all.iter().find(|d| {
        d.kind == Kind::Module && (d.name == word || (line_start..line_end).contains(&d.at))
    })?;
    let name = module.module.as_deref()?;
    let mut path = dir?.join(name);
    if path.extension().is_none() {
        path.set_extension("rhai");
    }
    let path = path.canonicalize().ok()?;
    let uri: Uri = format!("file://{}", path.display()).parse().ok()?;
    Some(Location {
        uri,
        range: Range::default(),
    })
}

/// Signature help inside the parentheses of a script function or `cognito.<operation>(`.
pub fn signature_help(text: &str, offset: usize, model: &Model) -> Option<SignatureHelp> {
    let prefix = &text[..offset];
    let state = scan::scan(prefix);
    let open = state.stack.iter().rev().find(|o| o.ch == '(')?;
    let callee = prefix[..open.pos].trim_end();
    let (start, end) = word_at(callee, callee.len());
    let name = &callee[start..end];
    let receiver = callee[..start].trim_end().strip_suffix('.').map(|r| {
        let (s, e) = word_at(r, r.len());
        &r[s..e]
    });
    let mut signatures: Vec<SignatureInformation> = registry::entries()
        .into_iter()
        .filter(|e| e.name == name && receiver.is_some() == e.receiver.is_some())
        .map(|e| information(e.signature.to_string(), e.summary.to_string()))
        .collect();
    if receiver == Some("cognito")
        && let Some(op) = model.operation(name)
    {
        let input = op.input_shape.unwrap_or("()");
        signatures.push(information(
            format!("cognito.{}(input: {input})", op.snake_name),
            model.operation_summary(op),
        ));
    }
    if signatures.is_empty() {
        return None;
    }
    let commas = prefix[open.pos + 1..]
        .char_indices()
        .filter(|(i, c)| {
            *c == ','
                && scan::scan(&prefix[open.pos + 1..open.pos + 1 + i])
                    .stack
                    .is_empty()
        })
        .count();
    Some(SignatureHelp {
        signatures,
        active_signature: Some(0),
        active_parameter: Some(commas as u32),
    })
}

fn information(label: String, doc: String) -> SignatureInformation {
    let params = label
        .split_once('(')
        .and_then(|(_, rest)| rest.rsplit_once(')'))
        .map(|(inner, _)| inner)
        .unwrap_or_default();
    let parameters = params
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| ParameterInformation {
            label: ParameterLabel::Simple(p.to_string()),
            documentation: None,
        })
        .collect::<Vec<_>>();
    SignatureInformation {
        label,
        documentation: (!doc.is_empty()).then_some(lsp_types::Documentation::String(doc)),
        parameters: Some(parameters),
        active_parameter: None,
    }
}
